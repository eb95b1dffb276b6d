//! The watermark lands where it was asked, at a size relative to the photo.

mod common;

use loa_media::{Options, OutputFormat, Position, Watermark, process};

fn rgb(out: &loa_media::Processed) -> image::RgbImage {
    image::load_from_memory_with_format(&out.bytes, image::ImageFormat::Png)
        .expect("png output")
        .into_rgb8()
}

fn logo() -> Vec<u8> {
    // A red disc on a transparent square: its corners must leave the photo untouched.
    let img = image::RgbaImage::from_fn(200, 100, |x, y| {
        let (dx, dy) = (x as f32 - 100.0, y as f32 - 50.0);
        if dx * dx / 4.0 + dy * dy < 45.0 * 45.0 {
            image::Rgba([220, 20, 20, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// Counts changed pixels inside and outside `(x, y, w, h)`.
fn changes(a: &image::RgbImage, b: &image::RgbImage, bx: (u32, u32, u32, u32)) -> (usize, usize) {
    let (mut inside, mut outside) = (0, 0);
    for (x, y, p) in a.enumerate_pixels() {
        let q = b.get_pixel(x, y);
        let diff = p.0.iter().zip(q.0).any(|(u, v)| u.abs_diff(v) > 8);
        let within = x >= bx.0 && x < bx.0 + bx.2 && y >= bx.1 && y < bx.1 + bx.3;
        match (diff, within) {
            (true, true) => inside += 1,
            (true, false) => outside += 1,
            _ => {}
        }
    }
    (inside, outside)
}

fn check(watermark: Watermark, photo: &[u8], w: u32, h: u32) {
    let base = Options::builder().format(OutputFormat::Png);
    let plain = rgb(&process(photo, &base.clone().build()).expect("plain"));
    let short = w.min(h) as f32;
    for pos in Position::ALL {
        let opts = base
            .clone()
            .watermark(watermark.clone())
            .position(pos)
            .opacity(1.0)
            .build();
        let out = process(photo, &opts).expect("watermarked");
        let at = out.watermark.expect("placed");
        let margin = (short * 0.03).round() as u32;
        match pos {
            Position::BottomRight => {
                assert_eq!(at.x + at.width + margin, w);
                assert_eq!(at.y + at.height + margin, h);
            }
            Position::TopLeft => assert_eq!((at.x, at.y), (margin, margin)),
            Position::TopRight => assert_eq!((at.x + at.width + margin, at.y), (w, margin)),
            Position::BottomLeft => assert_eq!((at.x, at.y + at.height + margin), (margin, h)),
            Position::Center => {
                assert!(at.x.abs_diff((w - at.width) / 2) <= 1);
            }
        }
        // The shadow of text may reach a few pixels beyond the box.
        let pad = (short * 0.01).ceil() as u32 + 2;
        let bx = (at.x, at.y, at.width + pad, at.height + pad);
        let (inside, outside) = changes(&rgb(&out), &plain, bx);
        assert!(
            inside > 100,
            "{pos:?}: only {inside} pixels changed in the box"
        );
        assert_eq!(
            outside, 0,
            "{pos:?}: {outside} pixels changed outside the box"
        );
    }
}

#[test]
fn logo_lands_in_each_corner_at_18_percent() {
    let photo = common::gradient_png(1200, 800);
    let wm = Watermark::logo_png(&logo()).expect("logo");
    check(wm.clone(), &photo, 1200, 800);
    let out = process(
        &photo,
        &Options::builder()
            .format(OutputFormat::Png)
            .watermark(wm)
            .build(),
    )
    .expect("ok");
    assert_eq!(out.watermark.expect("placed").width, 144); // 18 % of 800
}

#[test]
fn vietnamese_text_renders_in_each_corner() {
    let photo = common::gradient_png(1000, 700);
    check(
        Watermark::text("Xã Mường Tè").expect("text"),
        &photo,
        1000,
        700,
    );
}

#[test]
fn watermark_scales_with_the_photo() {
    let wm = Watermark::logo_png(&logo()).expect("logo");
    let opts = Options::builder().watermark(wm).max_edge(10_000).build();
    let small = process(&common::gradient_png(600, 400), &opts).expect("small");
    let large = process(&common::gradient_png(3000, 2000), &opts).expect("large");
    let (s, l) = (
        small.watermark.expect("placed"),
        large.watermark.expect("placed"),
    );
    assert_eq!(s.width * 5, l.width);
}

#[test]
fn bad_logo_and_empty_text_are_typed_errors() {
    assert!(Watermark::logo_png(b"not a png").is_err());
    assert!(Watermark::text("  \n ").is_err());
}

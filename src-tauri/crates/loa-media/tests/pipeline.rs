//! The pipeline on real phone photos: upright, stripped, resized, watermarked, refusing bombs.

mod common;

use common::{contains, decode_jpeg, distance, signature, testdata};
use loa_media::meta::{jpeg_has_exif_or_xmp, jpeg_segments, parse_exif};
use loa_media::{DecodeError, Options, Preset, ProcessError, process};

fn small() -> Options {
    Options::builder().max_edge(256).build()
}

#[test]
fn all_eight_orientations_come_out_upright() {
    let Some(dir) = testdata("photos-exif/recurser-orientation") else {
        return;
    };
    for kind in ["Landscape", "Portrait"] {
        let read = |n: u8| std::fs::read(dir.join(format!("{kind}_{n}.jpg"))).expect("test photo");
        let upright = process(&read(1), &small()).expect("orientation 1 processes");
        let (w1, h1, px1) = decode_jpeg(&upright.bytes);
        let reference = signature(w1, h1, &px1);
        for n in 2..=8u8 {
            let out = process(&read(n), &small()).expect("photo processes");
            assert_eq!(out.orientation, Some(n), "{kind}_{n}: orientation read");
            let (w, h, px) = decode_jpeg(&out.bytes);
            assert_eq!((w, h), (w1, h1), "{kind}_{n}: upright size");
            let d = distance(&signature(w, h, &px), &reference);
            assert!(d < 6.0, "{kind}_{n}: differs from upright by {d}");
        }
    }
}

#[test]
fn webp_exif_orientation_is_applied() {
    let Some(dir) = testdata("photos-exif/pillow-exif-formats") else {
        return;
    };
    let base = process(
        &std::fs::read(dir.join("hopper.jpg")).expect("file"),
        &small(),
    )
    .expect("hopper");
    let (w, h, px) = decode_jpeg(&base.bytes);
    let reference = signature(w, h, &px);
    for n in 2..=8u8 {
        let file = dir.join(format!("hopper_orientation_{n}.webp"));
        let out = process(&std::fs::read(&file).expect("file"), &small()).expect("webp");
        assert_eq!(out.orientation, Some(n));
        let (w, h, px) = decode_jpeg(&out.bytes);
        let d = distance(&signature(w, h, &px), &reference);
        assert!(d < 8.0, "webp orientation {n}: differs by {d}");
    }
}

#[test]
fn location_and_exif_are_removed_by_default_and_kept_on_request() {
    let Some(file) = testdata("photos-exif/exif-py/jpg/gps/DSCN0010.jpg") else {
        return;
    };
    let bytes = std::fs::read(file).expect("file");
    let out = process(&bytes, &Options::default()).expect("processes");
    assert!(out.had_location);
    assert!(!jpeg_has_exif_or_xmp(&out.bytes));
    assert!(!contains(&out.bytes, b"Exif\0\0"));
    assert!(!contains(&out.bytes, b"http://ns.adobe.com/xap"));

    let kept = process(&bytes, &Options::builder().keep_location(true).build()).expect("ok");
    let exif = jpeg_segments(&kept.bytes).exif.expect("EXIF kept");
    let info = parse_exif(&exif);
    assert!(info.has_location);
    assert!(matches!(info.orientation, None | Some(1)));
}

#[test]
fn kept_exif_says_upright_after_rotating() {
    let Some(file) = testdata("photos-exif/recurser-orientation/Landscape_6.jpg") else {
        return;
    };
    let bytes = std::fs::read(file).expect("file");
    let kept = process(&bytes, &small().clone_with_location()).expect("ok");
    let exif = jpeg_segments(&kept.bytes).exif.expect("EXIF kept");
    assert_eq!(parse_exif(&exif).orientation, Some(1));
}

trait WithLocation {
    fn clone_with_location(&self) -> Options;
}

impl WithLocation for Options {
    fn clone_with_location(&self) -> Options {
        Options::builder()
            .max_edge(self.max_edge().unwrap_or(256))
            .keep_location(true)
            .build()
    }
}

#[test]
fn icc_profile_is_kept_embedded() {
    let Some(file) = testdata("photos-exif/exif-py/jpg/Canon_40D_photoshop_import.jpg") else {
        return;
    };
    let bytes = std::fs::read(file).expect("file");
    let icc_in = jpeg_segments(&bytes).icc.expect("source has a profile");
    let out = process(&bytes, &Options::default()).expect("processes");
    assert_eq!(jpeg_segments(&out.bytes).icc, Some(icc_in));
}

#[test]
fn resizes_to_presets_and_never_upscales() {
    let Some(dir) = testdata("photos-exif/exif-py/jpg") else {
        return;
    };
    let big = std::fs::read(dir.join("mobile/HMD_Nokia_8.3_5G.jpg")).expect("file");
    let out = process(&big, &Options::default()).expect("facebook");
    assert_eq!((out.width, out.height), (2048, 878));
    let cap = |p: Preset| p.max_bytes().expect("capped preset") as usize;
    assert!(out.bytes.len() <= cap(Preset::Facebook));
    let zalo = process(&big, &Options::builder().preset(Preset::Zalo).build()).expect("zalo");
    assert_eq!(zalo.width.max(zalo.height), 1280);
    assert!(zalo.bytes.len() <= cap(Preset::Zalo));

    let tiny = std::fs::read(dir.join("Canon_40D.jpg")).expect("file");
    let out = process(&tiny, &Options::default()).expect("small photo");
    assert_eq!((out.width, out.height), (100, 68));
    let (w, h, _) = decode_jpeg(&out.bytes);
    assert_eq!((w, h), (100, 68));
}

/// A photo full of detail (noise compresses worst) still fits each destination's cap: the
/// channel accepts whatever its preset makes.
#[test]
fn capped_presets_fit_their_channel() {
    let (w, h) = (1600u32, 1200u32);
    let mut seed: u32 = 0x9e37_79b9;
    let img = image::RgbImage::from_fn(w, h, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let [a, b, c, _] = seed.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png)
        .expect("encode the test photo");
    let png = png.into_inner();
    for preset in [Preset::Zalo, Preset::Facebook] {
        let cap = preset.max_bytes().expect("capped preset");
        let out = process(&png, &Options::builder().preset(preset).build()).expect("processed");
        assert!(
            (out.bytes.len() as u64) <= cap,
            "{preset}: {} bytes over {cap}",
            out.bytes.len()
        );
    }
}

#[test]
fn heic_and_avif_get_a_clear_error() {
    let Some(dir) = testdata("photos-exif/exif-py") else {
        return;
    };
    for (rel, name) in [
        ("heic/iphone_13_pro_max.heic", "HEIC"),
        ("avif/mountains.avif", "AVIF"),
    ] {
        let bytes = std::fs::read(dir.join(rel)).expect("file");
        let err = process(&bytes, &Options::default()).expect_err("not decoded");
        assert_eq!(
            err,
            ProcessError::Decode(DecodeError::Unsupported {
                format: name.to_owned()
            })
        );
        assert!(err.to_string().contains("JPEG"), "says what to do: {err}");
    }
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A real small image whose header is then made to declare 50,000 × 50,000 pixels.
#[test]
fn decompression_bombs_are_refused_from_the_header() {
    let bomb = |e: ProcessError| {
        assert!(
            matches!(
                e,
                ProcessError::Decode(DecodeError::TooLarge {
                    width: 50_000,
                    height: 50_000,
                    ..
                })
            ),
            "{e:?}"
        );
    };
    // PNG: IHDR width/height at bytes 16..24, CRC of type+data at 29..33.
    let mut png = common::gradient_png(16, 16);
    png[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    assert!(png.len() < 2_000);
    bomb(process(&png, &Options::default()).expect_err("refused"));

    // JPEG: patch the SOF0 height and width of a real 16×16 JPEG.
    let rgb = vec![128u8; 16 * 16 * 3];
    let img = turbojpeg::Image {
        pixels: rgb.as_slice(),
        width: 16,
        pitch: 48,
        height: 16,
        format: turbojpeg::PixelFormat::RGB,
    };
    let mut jpeg = turbojpeg::compress(img, 80, turbojpeg::Subsamp::Sub2x2)
        .expect("encodes")
        .to_vec();
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline SOF");
    jpeg[sof + 5..sof + 7].copy_from_slice(&50_000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&50_000u16.to_be_bytes());
    bomb(process(&jpeg, &Options::default()).expect_err("refused"));

    // The limit is configurable.
    let photo = common::gradient_png(400, 300);
    let strict = Options::builder().max_pixels(100_000).build();
    assert!(matches!(
        process(&photo, &strict),
        Err(ProcessError::Decode(DecodeError::TooLarge { .. }))
    ));
}

#[test]
fn not_an_image_is_an_error() {
    for bytes in [&b""[..], b"hello", b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n"] {
        assert!(process(bytes, &Options::default()).is_err());
    }
}

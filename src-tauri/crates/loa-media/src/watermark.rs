//! Stamping a logo or a line of text on a photo, sized relative to the photo so it looks the same
//! whatever the resolution.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{DynamicImage, RgbaImage};

use crate::options::{Options, Position, WatermarkKind};

/// Be Vietnam Pro SemiBold (SIL OFL 1.1), full Vietnamese coverage.
static FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../assets/fonts/BeVietnamPro-SemiBold.ttf"
));

/// A placed overlay: top-left corner and size, in output pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// Where an overlay of `w` × `h` goes on an `img_w` × `img_h` image with `margin` pixels.
pub fn place(img_w: u32, img_h: u32, w: u32, h: u32, margin: u32, pos: Position) -> Placement {
    let w = w.min(img_w);
    let h = h.min(img_h);
    let far = |total: u32, size: u32| total.saturating_sub(size).saturating_sub(margin);
    let near = |total: u32, size: u32| margin.min(total - size);
    let (x, y) = match pos {
        Position::BottomRight => (far(img_w, w), far(img_h, h)),
        Position::BottomLeft => (near(img_w, w), far(img_h, h)),
        Position::TopRight => (far(img_w, w), near(img_h, h)),
        Position::TopLeft => (near(img_w, w), near(img_h, h)),
        Position::Center => ((img_w - w) / 2, (img_h - h) / 2),
    };
    Placement {
        x,
        y,
        width: w,
        height: h,
    }
}

fn short_edge_fraction(img: &DynamicImage, fraction: f32) -> f32 {
    img.width().min(img.height()) as f32 * fraction
}

/// Applies the watermark of `opts`, if any. Returns where it landed.
pub(crate) fn apply(img: &mut DynamicImage, opts: &Options) -> Option<Placement> {
    let wm = opts.watermark.as_ref()?;
    let margin = short_edge_fraction(img, opts.margin_scale).round() as u32;
    let (overlay, shadow) = match &wm.kind {
        WatermarkKind::Logo(logo) => (scaled_logo(logo, img, opts), None),
        WatermarkKind::Text(text) => {
            let avail = img.width().saturating_sub(2 * margin).max(1) as f32;
            let (mask, shadow) = text_mask(text, short_edge_fraction(img, opts.text_scale), avail)?;
            (mask, Some(shadow))
        }
    };
    let at = place(
        img.width(),
        img.height(),
        overlay.width(),
        overlay.height(),
        margin,
        opts.position,
    );
    if let Some(offset) = shadow {
        // A soft dark copy underneath keeps white text readable on a bright sky.
        let mut dark = overlay.clone();
        for p in dark.pixels_mut() {
            p.0 = [0, 0, 0, (f32::from(p.0[3]) * 0.55) as u8];
        }
        blend(img, &dark, at.x + offset, at.y + offset, opts.opacity);
    }
    blend(img, &overlay, at.x, at.y, opts.opacity);
    Some(at)
}

fn scaled_logo(logo: &RgbaImage, img: &DynamicImage, opts: &Options) -> RgbaImage {
    let target = short_edge_fraction(img, opts.logo_scale).max(1.0);
    let (lw, lh) = (logo.width().max(1) as f32, logo.height().max(1) as f32);
    // Width = target; a tall logo is limited by its height instead.
    let scale = (target / lw).min(target / lh);
    let w = ((lw * scale).round() as u32).clamp(1, img.width());
    let h = ((lh * scale).round() as u32).clamp(1, img.height());
    match crate::resize::resize_to(DynamicImage::ImageRgba8(logo.clone()), w, h) {
        DynamicImage::ImageRgba8(l) => l,
        other => other.into_rgba8(),
    }
}

/// White text on a transparent mask, at `px` height, shrunk to fit `max_width`. Returns the mask and
/// the shadow offset. `None` when the bundled font cannot be read (a build problem tests catch).
fn text_mask(text: &str, px: f32, max_width: f32) -> Option<(RgbaImage, u32)> {
    let font = FontRef::try_from_slice(FONT).ok()?;
    let mut px = px.max(6.0);
    let mut layout = layout_text(&font, text, px);
    if layout.2 > max_width && layout.2 > 0.0 {
        px = (px * max_width / layout.2).max(4.0);
        layout = layout_text(&font, text, px);
    }
    let (glyphs, _, _) = layout;
    let outlined: Vec<_> = glyphs
        .into_iter()
        .filter_map(|g| font.outline_glyph(g))
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for g in &outlined {
        let b = g.px_bounds();
        x0 = x0.min(b.min.x);
        y0 = y0.min(b.min.y);
        x1 = x1.max(b.max.x);
        y1 = y1.max(b.max.y);
    }
    if outlined.is_empty() || x1 <= x0 || y1 <= y0 {
        return None;
    }
    let w = (x1 - x0).ceil() as u32 + 1;
    let h = (y1 - y0).ceil() as u32 + 1;
    let mut mask = RgbaImage::from_pixel(w, h, image::Rgba([255, 255, 255, 0]));
    for g in &outlined {
        let b = g.px_bounds();
        let (ox, oy) = ((b.min.x - x0) as i64, (b.min.y - y0) as i64);
        g.draw(|gx, gy, c| {
            let (x, y) = (ox + i64::from(gx), oy + i64::from(gy));
            if let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y))
                && x < w
                && y < h
            {
                let p = mask.get_pixel_mut(x, y);
                let a = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
                p.0[3] = p.0[3].max(a);
            }
        });
    }
    let shadow = ((px / 24.0).round() as u32).max(1);
    Some((mask, shadow))
}

type Layout = (Vec<ab_glyph::Glyph>, f32, f32);

fn layout_text(font: &FontRef<'_>, text: &str, px: f32) -> Layout {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut x = 0.0;
    let mut prev = None;
    let mut glyphs = Vec::new();
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        glyphs.push(id.with_scale_and_position(px, point(x, scaled.ascent())));
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    (glyphs, px, x)
}

/// Source-over compositing of `top` onto `img` at (`x`, `y`), with `top`'s alpha × `opacity`.
fn blend(img: &mut DynamicImage, top: &RgbaImage, x: u32, y: u32, opacity: f32) {
    let (iw, ih) = (img.width(), img.height());
    let w = top.width().min(iw.saturating_sub(x));
    let h = top.height().min(ih.saturating_sub(y));
    match img {
        DynamicImage::ImageRgb8(dst) => {
            for ty in 0..h {
                for tx in 0..w {
                    let s = top.get_pixel(tx, ty).0;
                    let a = f32::from(s[3]) / 255.0 * opacity;
                    if a <= 0.0 {
                        continue;
                    }
                    let d = dst.get_pixel_mut(x + tx, y + ty);
                    for (dc, sc) in d.0.iter_mut().zip(s) {
                        *dc = (f32::from(sc) * a + f32::from(*dc) * (1.0 - a)).round() as u8;
                    }
                }
            }
        }
        DynamicImage::ImageRgba8(dst) => {
            for ty in 0..h {
                for tx in 0..w {
                    let s = top.get_pixel(tx, ty).0;
                    let a = f32::from(s[3]) / 255.0 * opacity;
                    if a <= 0.0 {
                        continue;
                    }
                    let d = dst.get_pixel_mut(x + tx, y + ty);
                    let da = f32::from(d.0[3]) / 255.0;
                    let out_a = a + da * (1.0 - a);
                    for (dc, sc) in d.0.iter_mut().zip(s).take(3) {
                        let v = (f32::from(sc) * a + f32::from(*dc) * da * (1.0 - a)) / out_a;
                        *dc = v.round() as u8;
                    }
                    d.0[3] = (out_a * 255.0).round() as u8;
                }
            }
        }
        // The pipeline only hands over 8-bit RGB or RGBA.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_renders_vietnamese() {
        let (mask, _) = text_mask("Xã Mường Tè", 48.0, 10_000.0).expect("bundled font renders");
        assert!(mask.width() > 100 && mask.height() > 30);
        assert!(mask.pixels().any(|p| p.0[3] > 200));
    }

    #[test]
    fn corners() {
        let p = place(1000, 500, 100, 50, 10, Position::BottomRight);
        assert_eq!((p.x, p.y), (890, 440));
        let p = place(1000, 500, 100, 50, 10, Position::TopLeft);
        assert_eq!((p.x, p.y), (10, 10));
        let p = place(1000, 500, 100, 50, 10, Position::Center);
        assert_eq!((p.x, p.y), (450, 225));
        // An overlay wider than the image is clamped, never placed off the image.
        let p = place(10, 10, 100, 50, 3, Position::BottomRight);
        assert_eq!((p.x, p.y, p.width, p.height), (0, 0, 10, 10));
    }
}

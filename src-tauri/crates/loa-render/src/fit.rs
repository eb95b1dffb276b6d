//! Finds text that a layout let run off the page or out of a clipping box: the officer would see
//! words cut in half. Layouts are meant to shrink and wrap (the contract); this is the check that
//! tells a template author, and the tests, when one does not.

use typst::layout::{Abs, Frame, FrameItem, Point, Rect, Transform};
use typst_layout::Page;

/// How far a run of text may stick out before it counts (glyph overhangs, rounding).
const TOLERANCE_PT: f64 = 1.0;

/// The runs of text (up to 40 characters each, at most 5) that are not wholly inside the page
/// and their clipping boxes.
pub(crate) fn text_outside(page: &Page) -> Vec<String> {
    let size = page.frame.size();
    let page_rect = Rect::new(Point::zero(), Point::new(size.x, size.y));
    let mut out = Vec::new();
    walk(&page.frame, Transform::identity(), page_rect, &mut out);
    out
}

fn transform_rect(r: Rect, ts: Transform) -> Rect {
    let corners = [
        r.min,
        Point::new(r.max.x, r.min.y),
        Point::new(r.min.x, r.max.y),
        r.max,
    ]
    .map(|p| p.transform(ts));
    let mut min = corners[0];
    let mut max = corners[0];
    for c in &corners[1..] {
        min = min.min(*c);
        max = max.max(*c);
    }
    Rect::new(min, max)
}

fn intersect(a: Rect, b: Rect) -> Rect {
    Rect::new(a.min.max(b.min), a.max.min(b.max))
}

fn inside(r: Rect, clip: Rect) -> bool {
    let t = Abs::pt(TOLERANCE_PT);
    r.min.x >= clip.min.x - t
        && r.min.y >= clip.min.y - t
        && r.max.x <= clip.max.x + t
        && r.max.y <= clip.max.y + t
}

fn walk(frame: &Frame, ts: Transform, clip: Rect, out: &mut Vec<String>) {
    for (pos, item) in frame.items() {
        if out.len() >= 5 {
            return;
        }
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                let clip = match &group.clip {
                    Some(curve) => intersect(clip, transform_rect(curve.bbox(None), inner)),
                    None => clip,
                };
                walk(&group.frame, inner, clip, out);
            }
            FrameItem::Text(text) => {
                if text.text.trim().is_empty() {
                    continue;
                }
                // The run's box: its advance width, from the ascender to the descender of a
                // typical Latin font, above and below the baseline at `pos`.
                let size = text.size;
                let local = Rect::new(
                    Point::new(pos.x, pos.y - size * 0.75),
                    Point::new(pos.x + text.width(), pos.y + size * 0.2),
                );
                if !inside(transform_rect(local, ts), clip) {
                    out.push(text.text.chars().take(40).collect());
                }
            }
            _ => {}
        }
    }
}

//! Test-rendering every template of a pack before it is imported: a pack whose template loops,
//! explodes, crashes or draws a page larger than it declares is refused with the template named,
//! and nothing of it reaches the profile (where the gallery would render it on every visit).
//!
//! Each template is drawn through the worker ([`IsolatedRenderer`]) with its own sample data
//! (`<id>/sample.<lang>.json`), or with made-up values for its required fields when it has
//! none:
//! - at every size it declares, in Vietnamese, as the officer would export it (PNG for the
//!   social sizes, PDF for A4 and A3);
//! - and once in English at the gallery's size (1080×1350, or its first size), the render the
//!   gallery makes of every stored template.
//!
//! A layout can still misbehave only on data the samples do not have; the worker's limits
//! hold for those renders too. What this check adds is that a broken pack is refused at the
//! door, with a sentence naming the template, instead of failing later in the gallery.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa_templates::{FieldType, Lang, Pack, RawData, Size, TemplateError, TemplateManifest};
use serde_json::{Map, Value, json};

use crate::{Format, IsolatedRenderer, RenderError, RenderOptions};

/// What a successful check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackCheck {
    pub templates: usize,
    pub renders: usize,
    pub elapsed: Duration,
}

/// One test render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Case {
    lang: Lang,
    size: Size,
    format: Format,
}

/// The renders a template gets (see the module's description).
fn cases(t: &TemplateManifest) -> Vec<Case> {
    let mut out: Vec<Case> = t
        .sizes
        .iter()
        .map(|&size| Case {
            lang: Lang::Vi,
            size,
            format: if size.is_print() {
                Format::Pdf
            } else {
                Format::Png
            },
        })
        .collect();
    let gallery = if t.sizes.contains(&Size::Portrait) {
        Size::Portrait
    } else {
        t.sizes.first().copied().unwrap_or(Size::Portrait)
    };
    out.push(Case {
        lang: Lang::En,
        size: gallery,
        format: Format::Png,
    });
    out
}

/// Renders every template of `pack` as described in the module; the first failure refuses the
/// pack with [`RenderError::PackRejected`] naming the template and the size.
pub fn check_pack(renderer: &IsolatedRenderer, pack: &Pack) -> Result<PackCheck, RenderError> {
    check_pack_with(renderer, pack, |_, _| {})
}

/// [`check_pack`], telling `progress(done, total)` after each render (for a progress bar).
pub fn check_pack_with(
    renderer: &IsolatedRenderer,
    pack: &Pack,
    mut progress: impl FnMut(usize, usize),
) -> Result<PackCheck, RenderError> {
    let started = Instant::now();
    // The pack's files on disk, so sample photos resolve like any photo the officer picks.
    let dir = tempfile::tempdir().map_err(|e| write_error(Path::new("."), &e))?;
    write_files(pack, dir.path())?;
    let plan: Vec<(&TemplateManifest, Case)> = pack
        .templates()
        .iter()
        .flat_map(|t| cases(t).into_iter().map(move |c| (t, c)))
        .collect();
    let total = plan.len();
    for (done, (t, case)) in plan.iter().enumerate() {
        let rejected = |cause: RenderError| RenderError::PackRejected {
            template: t.id.clone(),
            size: case.size.as_str().to_owned(),
            cause: Box::new(cause),
        };
        let raw = sample_data(pack, t, case.lang, dir.path()).map_err(rejected)?;
        renderer
            .render_with(
                pack,
                &t.id,
                &raw,
                case.lang,
                case.size,
                case.format,
                &RenderOptions::default(),
            )
            .map_err(rejected)?;
        progress(done + 1, total);
    }
    Ok(PackCheck {
        templates: pack.templates().len(),
        renders: total,
        elapsed: started.elapsed(),
    })
}

fn write_error(path: &Path, e: &std::io::Error) -> RenderError {
    RenderError::Template(TemplateError::PackWrite {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

fn write_files(pack: &Pack, dir: &Path) -> Result<(), RenderError> {
    for (path, bytes) in pack.files() {
        // Pack paths are checked: relative, `/`-separated, without `..`.
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| write_error(&target, &e))?;
    }
    Ok(())
}

/// The template's sample in `lang` (photos only from inside the pack), or made-up values for
/// its required fields.
fn sample_data(
    pack: &Pack,
    t: &TemplateManifest,
    lang: Lang,
    dir: &Path,
) -> Result<RawData, RenderError> {
    let template_dir = dir.join(&t.id);
    let sample = pack
        .text(&format!("{}/sample.{lang}.json", t.id))
        .and_then(|s| serde_json::from_str::<Value>(s).ok());
    let mut values = match sample {
        Some(Value::Object(map)) => map,
        _ => made_up(t, dir)?,
    };
    for field in t.fields.iter().filter(|f| f.kind == FieldType::Image) {
        if let Some(Value::String(rel)) = values.get(&field.key) {
            // A sample may show the pack's own photos, never a file of this machine.
            let inside =
                loa_templates::pack::join_path(&t.id, rel).filter(|p| pack.file(p).is_some());
            let v = inside.map_or(Value::Null, |p| {
                Value::String(dir.join(p).display().to_string())
            });
            values.insert(field.key.clone(), v);
        }
    }
    Ok(RawData::new(Value::Object(values))?.with_base_dir(template_dir))
}

/// A value for every required field, the simplest one its type accepts.
fn made_up(t: &TemplateManifest, dir: &Path) -> Result<Map<String, Value>, RenderError> {
    let mut out = Map::new();
    for f in t.fields.iter().filter(|f| f.required) {
        let v = match f.kind {
            FieldType::Text | FieldType::Multiline => json!("Loa"),
            FieldType::Date => json!("2025-07-29"),
            FieldType::Time => json!("07:30"),
            FieldType::Datetime => json!("2025-07-29T07:30:00+07:00"),
            FieldType::List => json!(["Loa"]),
            FieldType::Table => json!([vec!["Loa"; f.columns.len().max(1)]]),
            FieldType::Qr => json!("https://example.com"),
            FieldType::Choice => json!(f.options.first().map(|o| o.value.clone())),
            FieldType::Image => json!(grey_photo(dir)?.display().to_string()),
        };
        out.insert(f.key.clone(), v);
    }
    Ok(out)
}

/// A small grey PNG to stand in for a photo.
fn grey_photo(dir: &Path) -> Result<PathBuf, RenderError> {
    let path = dir.join(".loa-check-photo.png");
    if !path.exists() {
        let pixels = [0x80u8, 0x80, 0x80, 0xFF].repeat(64 * 48);
        let png = crate::png::encode(&pixels, 64, 48, crate::PngCompression::Fast)?;
        std::fs::write(&path, png).map_err(|e| write_error(&path, &e))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_in_vietnamese_and_the_gallery_in_english() {
        let pack = loa_templates::builtin().expect("pack");
        let t = pack.template("heavy-rain").expect("template");
        let c = cases(t);
        assert_eq!(c.len(), t.sizes.len() + 1);
        assert!(c.iter().filter(|c| c.lang == Lang::Vi).count() == t.sizes.len());
        assert!(
            c.iter()
                .all(|c| (c.format == Format::Pdf) == (c.size.is_print() && c.lang == Lang::Vi))
        );
        assert_eq!(
            c.last().map(|c| (c.lang, c.size)),
            Some((Lang::En, Size::Portrait))
        );
    }
}

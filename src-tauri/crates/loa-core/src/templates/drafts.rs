//! Using a template in the app: its sample data to start from, the gallery's thumbnails, the live
//! preview, and "create draft" (a draft whose text is the caption, with the rendered image
//! imported into the photo library and attached).
//!
//! Typst is not in the core: the caller hands in a [`TemplateRenderer`] (the desktop shell
//! implements it over `loa-render`). Everything around the render — which pack, which data,
//! which photo file, what is cached, what the draft holds — is decided here, so that the shell's
//! commands stay one-line adapters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use loa_templates::{Category, FieldType, Lang, Pack, RawData, Size, TemplateManifest};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Templates;
use crate::media::library;
use crate::media::{DraftPhoto, MediaSource, NewDraftPhoto, draft_photos};
use crate::text::nfc;
use crate::{Draft, LoaError, NewDraft, Result, Topic, drafts};

/// The folder of a profile that holds what can be made again (thumbnails, extracted samples).
pub const CACHE_DIR: &str = "cache";
/// Pixels per point of a gallery thumbnail: a 1080×1350 template gives 324×405 px, sharp on a
/// card about 200 px wide on a high-density screen.
pub const THUMB_PIXEL_PER_PT: f32 = 0.6;
/// Pixels per point of the attached image and of the preview of a social size: the contract's
/// pixel sizes (540×675 pt → 1080×1350 px).
pub const FULL_PIXEL_PER_PT: f32 = 2.0;
/// Pixels per point of the preview of a print page: A4 gives 595×842 px, A3 842×1191 px, enough
/// to read the page on screen at a fraction of the 2 px/pt cost.
pub const PRINT_PREVIEW_PIXEL_PER_PT: f32 = 1.0;

/// One value of the officer's data for a template field, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(untagged)]
pub enum TemplateValue {
    /// text, multiline, date (`YYYY-MM-DD`), time (`HH:MM`), datetime (RFC 3339), qr (a URL),
    /// choice (the option's value), image (a file path).
    Text(String),
    /// list: one string per item.
    List(Vec<String>),
    /// table: rows of cells, one per column.
    Table(Vec<Vec<String>>),
    /// image: a photo of the library.
    Photo { media_id: i64 },
}

/// The officer's data, keyed by field key; absent or `null` fields are empty.
pub type TemplateData = BTreeMap<String, Option<TemplateValue>>;

/// What to render: a template, the content language, the size and the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateRequest {
    pub template_id: String,
    pub lang: Lang,
    pub size: Size,
    pub data: TemplateData,
}

/// How to rasterise a render.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RasterOptions {
    pub pixel_per_pt: f32,
    /// Spend time on a smaller PNG (a file that will be posted), rather than encoding fast (a
    /// preview that is thrown away at the next keystroke).
    pub compact: bool,
}

/// A template rendered as a PNG, with its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedImage {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub caption: String,
    /// Milliseconds spent in the renderer (checking the data, Typst, drawing, encoding).
    pub render_ms: f64,
}

/// Renders a template of a pack; implemented by the shell over `loa-render`, whose errors become
/// [`LoaError::Template`] (the data) or [`LoaError::Render`] (the layout).
pub trait TemplateRenderer {
    fn render_png(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        options: RasterOptions,
    ) -> Result<RenderedImage>;
}

/// A preview's description; the image travels beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TemplatePreviewInfo {
    pub width: u32,
    pub height: u32,
    /// The post text for the same data and language.
    pub caption: String,
    /// Time in the renderer, in milliseconds.
    pub render_ms: f64,
    /// Time of the whole request in the core (loading the template, the photos, rendering).
    pub total_ms: f64,
}

/// A rendered preview: its description and the PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplatePreview {
    pub info: TemplatePreviewInfo,
    pub png: Vec<u8>,
}

/// What "create draft" made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateDraft {
    pub draft: Draft,
    pub photos: Vec<DraftPhoto>,
}

/// The draft's subject: the template's own `topic` when it names one of Loa's, else from its
/// category (warnings cover both weather and scams, so without a topic they are left to the
/// officer). The officer can change it in the editor.
pub fn topic_of(manifest: &TemplateManifest) -> Topic {
    manifest
        .topic
        .as_deref()
        .and_then(|t| t.parse::<Topic>().ok())
        .unwrap_or_else(|| topic_for(manifest.category))
}

/// The draft's subject from a template's category alone.
pub fn topic_for(category: Category) -> Topic {
    match category {
        Category::Health => Topic::Health,
        Category::Admin => Topic::AdminProcedure,
        Category::Community => Topic::GoodDeeds,
        Category::Warning
        | Category::Event
        | Category::Feature
        | Category::Utility
        | Category::Figures => Topic::Other,
    }
}

/// The draft's title: the template's `title` field when filled in, else the template's name.
pub fn draft_title(manifest: &TemplateManifest, data: &TemplateData, lang: Lang) -> String {
    let typed = manifest
        .field("title")
        .filter(|f| matches!(f.kind, FieldType::Text | FieldType::Multiline))
        .and_then(|_| match data.get("title") {
            Some(Some(TemplateValue::Text(t))) => Some(nfc(t.trim())),
            _ => None,
        })
        .filter(|t| !t.is_empty());
    typed.unwrap_or_else(|| manifest.name.get(lang).to_owned())
}

/// The alternative text of the attached image: what it is (the template) and what it says (the
/// title), once when they are the same.
pub fn alt_text(manifest: &TemplateManifest, title: &str, lang: Lang) -> String {
    let name = manifest.name.get(lang);
    if title.is_empty() || title == name {
        name.to_owned()
    } else {
        format!("{name} – {title}")
    }
}

/// Sample data (a `sample.<lang>.json` of the pack) in the form's shape, each value in the shape
/// of its field. Image paths, relative to the sample file, are resolved by `resolve_image`.
fn sample_values(
    manifest: &TemplateManifest,
    sample: &serde_json::Map<String, Value>,
    mut resolve_image: impl FnMut(&str) -> Option<String>,
) -> TemplateData {
    let mut out = TemplateData::new();
    for field in &manifest.fields {
        let value = match (field.kind, sample.get(&field.key)) {
            (_, None | Some(Value::Null)) => None,
            (FieldType::Image, Some(Value::String(p))) => resolve_image(p).map(TemplateValue::Text),
            (FieldType::List, Some(v)) => Some(TemplateValue::List(
                items(v).iter().filter_map(scalar_text).collect(),
            )),
            (FieldType::Table, Some(v)) => Some(TemplateValue::Table(
                items(v)
                    .iter()
                    .map(|row| {
                        items(row)
                            .iter()
                            .map(|c| scalar_text(c).unwrap_or_default())
                            .collect()
                    })
                    .collect(),
            )),
            (_, Some(v)) => scalar_text(v).map(TemplateValue::Text),
        };
        out.insert(field.key.clone(), value);
    }
    out
}

/// The elements of an array; a lone value is a list of one.
fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `a/b/../c` → `a/c`; `None` when it climbs out of the root.
fn join_pack_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let store_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(store_err(dir))?;
    }
    let tmp = crate::media::temp_name(path);
    std::fs::write(&tmp, bytes).map_err(store_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(store_err(path))
}

/// A timestamp as a file-name part: its digits.
fn stamp(ts: &str) -> String {
    ts.chars().filter(char::is_ascii_digit).collect()
}

fn ms_since(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 10_000.0).round() / 10.0
}

impl Templates<'_> {
    fn cache_dir(&self) -> PathBuf {
        self.store.dir().join(CACHE_DIR)
    }

    /// Template `id`'s sample in `lang` with what the commune profile knows in its place (see
    /// [`Self::prefill`]): what a render "with the sample" draws for this commune.
    pub fn sample(&self, id: &str, lang: Lang) -> Result<TemplateData> {
        let mut data = self.pack_sample(id, lang)?;
        data.extend(self.prefill(id, lang)?);
        Ok(data)
    }

    /// What the commune profile fills in template `id`'s form in `lang`: the commune as
    /// issuer, its province as locality, its logo (see [`crate::profile::template_defaults`]),
    /// only for the fields of those keys and kinds the template has. The form opens with these
    /// as real values; everything else opens empty, the sample only a placeholder.
    pub fn prefill(&self, id: &str, lang: Lang) -> Result<TemplateData> {
        let profile = self.store.profile().get()?;
        let manifest = self.get(id)?.manifest;
        Ok(crate::profile::template_defaults(&profile, lang)
            .into_iter()
            .filter(|(key, value)| {
                manifest.fields.iter().any(|f| {
                    &f.key == key
                        && match key.as_str() {
                            "logo" => f.kind == FieldType::Image,
                            _ => matches!(f.kind, FieldType::Text | FieldType::Multiline),
                        }
                        // A profile value longer than the field takes (a hotline with several
                        // numbers) is left for the officer to shorten, not cut.
                        && f.max_len.is_none_or(|max| match value {
                            Some(TemplateValue::Text(t)) => t.chars().count() <= max as usize,
                            _ => true,
                        })
                })
            })
            .collect())
    }

    /// The sample data of template `id` in `lang` as its pack ships it (every field, empty ones
    /// as `null`); the gallery's cards show this. A sample photo of the pack is copied into the
    /// profile's cache so the form can send its path like any other photo. A template without a
    /// sample gives an empty form.
    pub fn pack_sample(&self, id: &str, lang: Lang) -> Result<TemplateData> {
        let pack = self.pack(id)?;
        let manifest = pack.template(id)?;
        let sample = pack
            .text(&format!("{id}/sample.{lang}.json"))
            .and_then(|t| serde_json::from_str::<Value>(t).ok());
        let Some(Value::Object(sample)) = sample else {
            return Ok(manifest
                .fields
                .iter()
                .map(|f| (f.key.clone(), None))
                .collect());
        };
        let assets = self
            .cache_dir()
            .join("template-assets")
            .join(pack.hash().get(..16).unwrap_or("pack"));
        let mut failure = None;
        let data = sample_values(manifest, &sample, |rel| {
            let path = join_pack_path(id, rel)?;
            let bytes = pack.file(&path)?;
            let target = assets.join(&path);
            let fresh = target
                .metadata()
                .is_ok_and(|m| m.len() == bytes.len() as u64);
            if !fresh && let Err(e) = write_atomic(&target, bytes) {
                failure = Some(e);
                return None;
            }
            Some(target.display().to_string())
        });
        match failure {
            Some(e) => Err(e),
            None => Ok(data),
        }
    }

    /// The form's data as the renderer takes it: a photo of the library becomes its file.
    pub fn raw_data(&self, data: &TemplateData) -> Result<RawData> {
        let mut raw = RawData::default();
        for (key, value) in data {
            let v = match value {
                None => Value::Null,
                Some(TemplateValue::Text(s)) => Value::String(s.clone()),
                Some(TemplateValue::List(items)) => {
                    items.iter().cloned().map(Value::String).collect()
                }
                Some(TemplateValue::Table(rows)) => rows
                    .iter()
                    .map(|r| r.iter().cloned().map(Value::String).collect::<Value>())
                    .collect(),
                Some(TemplateValue::Photo { media_id }) => {
                    Value::String(self.store.media().path(*media_id)?.display().to_string())
                }
            };
            raw.set(key, v);
        }
        Ok(raw)
    }

    /// The live preview: social sizes at their real pixels, print pages at 1 px/pt, PNG encoded
    /// fast.
    pub fn preview<R: TemplateRenderer + ?Sized>(
        &self,
        renderer: &R,
        req: &TemplateRequest,
    ) -> Result<TemplatePreview> {
        let started = Instant::now();
        let pack = self.pack(&req.template_id)?;
        let raw = self.raw_data(&req.data)?;
        let pixel_per_pt = if req.size.is_print() {
            PRINT_PREVIEW_PIXEL_PER_PT
        } else {
            FULL_PIXEL_PER_PT
        };
        let options = RasterOptions {
            pixel_per_pt,
            compact: false,
        };
        let r = renderer.render_png(&pack, &req.template_id, &raw, req.lang, req.size, options)?;
        Ok(TemplatePreview {
            info: TemplatePreviewInfo {
                width: r.width,
                height: r.height,
                caption: r.caption,
                render_ms: r.render_ms,
                total_ms: ms_since(started),
            },
            png: r.png,
        })
    }

    /// The gallery card of template `id`: its sample in `lang`, small, as a PNG. Made once per
    /// stored version of the template and kept in the profile's cache.
    pub fn thumbnail<R: TemplateRenderer + ?Sized>(
        &self,
        renderer: &R,
        id: &str,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        let info = self.get(id)?;
        let dir = self.cache_dir().join("template-thumbs");
        // Ids never hold a dot: `<id>.` starts this template's files only.
        let prefix = format!("{id}.");
        let name = format!(
            "{id}.v{}.{}.{lang}.png",
            info.manifest.version,
            stamp(&info.updated_at)
        );
        let path = dir.join(&name);
        if let Ok(bytes) = std::fs::read(&path) {
            return Ok(bytes);
        }
        let size = if info.manifest.sizes.contains(&Size::Portrait) {
            Size::Portrait
        } else {
            info.manifest
                .sizes
                .first()
                .copied()
                .unwrap_or(Size::Portrait)
        };
        let sample = self.pack_sample(id, lang)?;
        let raw = self.raw_data(&sample)?;
        let pack = self.pack(id)?;
        let options = RasterOptions {
            pixel_per_pt: THUMB_PIXEL_PER_PT,
            compact: true,
        };
        let rendered = renderer.render_png(&pack, id, &raw, lang, size, options)?;
        // Thumbnails of older versions of this template are of no use any more.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.starts_with(&prefix) && n.ends_with(&format!(".{lang}.png")) && n != name {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        // A cache that cannot be written costs a render next time, nothing more.
        let _ = write_atomic(&path, &rendered.png);
        Ok(rendered.png)
    }

    /// "Create draft": renders the template at the chosen size, imports the PNG into the photo
    /// library and makes a draft in the content language whose title is the template's title
    /// (or its name) and whose text is the caption, with the image attached and described.
    /// The draft, the photo's row and the attachment are written in one transaction.
    pub fn create_draft<R: TemplateRenderer + ?Sized>(
        &self,
        renderer: &R,
        req: &TemplateRequest,
    ) -> Result<TemplateDraft> {
        let pack = self.pack(&req.template_id)?;
        let manifest = pack.template(&req.template_id)?.clone();
        let raw = self.raw_data(&req.data)?;
        let options = RasterOptions {
            pixel_per_pt: FULL_PIXEL_PER_PT,
            compact: true,
        };
        let rendered =
            renderer.render_png(&pack, &req.template_id, &raw, req.lang, req.size, options)?;
        let title = draft_title(&manifest, &req.data, req.lang);
        let alt = alt_text(&manifest, &title, req.lang);
        let file_name = PathBuf::from(format!("{}-{}.png", req.template_id, req.size.as_str()));
        let sha = library::sha256_hex(&rendered.png);
        let analysed = library::analyse(&file_name, rendered.png, sha)?;
        library::write_files(self.store.dir(), &analysed)?;
        let new = NewDraft {
            title,
            body: rendered.caption,
            lang: req.lang,
            topic: topic_of(&manifest),
        };
        self.store.write(|tx, now| {
            // There is no "made in Loa" source: the image reaches the library as if picked.
            let (item, _) = library::insert(tx, now, &analysed, MediaSource::Dialog)?;
            let draft = drafts::create(tx, now, &new)?;
            let photos = draft_photos::attach(
                tx,
                draft.id,
                &[NewDraftPhoto {
                    media_id: item.id,
                    alt_text: alt,
                }],
            )?;
            Ok(TemplateDraft { draft, photos })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn manifest() -> TemplateManifest {
        serde_json::from_value(json!({
            "id": "notice", "version": 1, "category": "health",
            "name": {"vi": "Thông báo", "en": "Notice"},
            "sizes": ["1080x1350"],
            "fields": [
                {"key": "title", "type": "text", "label": {"vi": "Tiêu đề", "en": "Title"}},
                {"key": "items", "type": "list", "label": {"vi": "Mục", "en": "Items"}},
                {"key": "hours", "type": "table", "label": {"vi": "Giờ", "en": "Hours"},
                 "columns": [{"key": "d", "label": {"vi": "Thứ", "en": "Day"}}]},
                {"key": "photo", "type": "image", "label": {"vi": "Ảnh", "en": "Photo"}},
                {"key": "count", "type": "text", "label": {"vi": "Số", "en": "Count"}}
            ]
        }))
        .expect("manifest")
    }

    #[test]
    fn sample_values_take_the_forms_shape() {
        let sample = json!({
            "title": "Tiêm chủng", "items": ["a", "b"], "hours": [["Thứ Hai", "7:30"]],
            "photo": "assets/p.jpg", "count": 180
        });
        let sample = sample.as_object().expect("an object");
        let data = sample_values(&manifest(), sample, |p| Some(format!("/cache/notice/{p}")));
        assert_eq!(
            data["title"],
            Some(TemplateValue::Text("Tiêm chủng".into()))
        );
        assert_eq!(
            data["items"],
            Some(TemplateValue::List(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            data["hours"],
            Some(TemplateValue::Table(vec![vec![
                "Thứ Hai".into(),
                "7:30".into()
            ]]))
        );
        assert_eq!(
            data["photo"],
            Some(TemplateValue::Text("/cache/notice/assets/p.jpg".into()))
        );
        assert_eq!(data["count"], Some(TemplateValue::Text("180".into())));
    }

    #[test]
    fn the_forms_values_parse_from_json() {
        let data: TemplateData = serde_json::from_value(json!({
            "t": "x", "l": ["a"], "r": [["a", "b"]], "p": {"media_id": 4}, "n": null
        }))
        .expect("parses");
        assert_eq!(data["t"], Some(TemplateValue::Text("x".into())));
        assert_eq!(data["l"], Some(TemplateValue::List(vec!["a".into()])));
        assert_eq!(
            data["r"],
            Some(TemplateValue::Table(vec![vec!["a".into(), "b".into()]]))
        );
        assert_eq!(data["p"], Some(TemplateValue::Photo { media_id: 4 }));
        assert_eq!(data["n"], None);
    }

    #[test]
    fn pack_paths_stay_inside_the_pack() {
        assert_eq!(
            join_pack_path("notice", "assets/p.jpg").as_deref(),
            Some("notice/assets/p.jpg")
        );
        assert_eq!(
            join_pack_path("notice", "./../lib.typ").as_deref(),
            Some("lib.typ")
        );
        assert_eq!(join_pack_path("notice", "../../etc/passwd"), None);
    }

    #[test]
    fn title_and_alt_text() {
        let m = manifest();
        let mut data = TemplateData::new();
        assert_eq!(draft_title(&m, &data, Lang::Vi), "Thông báo");
        assert_eq!(alt_text(&m, "Thông báo", Lang::Vi), "Thông báo");
        data.insert(
            "title".into(),
            Some(TemplateValue::Text("  Tiêm chu\u{309}ng ".into())),
        );
        let title = draft_title(&m, &data, Lang::Vi);
        assert_eq!(title, "Tiêm chủng", "trimmed and NFC");
        assert_eq!(alt_text(&m, &title, Lang::En), "Notice – Tiêm chủng");
        assert_eq!(topic_for(m.category), Topic::Health);
        assert_eq!(topic_of(&m), Topic::Health, "no topic: the category's");
        let mut warning = m.clone();
        warning.category = Category::Warning;
        assert_eq!(topic_of(&warning), Topic::Other);
        warning.topic = Some("weather_disaster".into());
        assert_eq!(topic_of(&warning), Topic::WeatherDisaster);
        warning.topic = Some("not-a-topic".into());
        assert_eq!(topic_of(&warning), Topic::Other, "unknown: the category's");
    }
}

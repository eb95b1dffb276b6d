//! What a layout receives (`sys.inputs.data`, the `d` object of the contract) and the post text
//! (the `caption` message), both made from checked [`Values`].

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde_json::{Map, Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::data::{FieldValue, RawData, Values, validate};
use crate::display;
use crate::typography::keep_together;
use crate::{Lang, Pack, Size, TemplateError, TemplateManifest};

/// The folder of the virtual file system where the officer's photos appear to the layout.
pub const INPUTS_DIR: &str = ".inputs";

/// Everything a render needs besides the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The `d` object, as the JSON text put in `sys.inputs.data`.
    pub data_json: String,
    /// Photos by virtual path without the leading slash (`.inputs/photo.jpg`).
    pub inputs: BTreeMap<String, Vec<u8>>,
    /// The post text in the requested language.
    pub caption: String,
    /// Things worth telling a template author (unknown keys in the data, Fluent problems).
    pub warnings: Vec<String>,
}

/// Checks `raw` and prepares a render of template `id` of `pack` in `lang` at `size`.
pub fn prepare(
    pack: &Pack,
    id: &str,
    raw: &RawData,
    lang: Lang,
    size: Size,
) -> Result<Prepared, TemplateError> {
    let manifest = pack.template(id)?;
    if !manifest.sizes.contains(&size) {
        return Err(TemplateError::SizeNotOffered {
            id: id.to_owned(),
            size: size.as_str().to_owned(),
            allowed: manifest
                .sizes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let values = validate(manifest, raw, lang)?;
    let mut warnings: Vec<String> = values
        .unknown_keys
        .iter()
        .map(|k| format!("the data has a key {k:?} that template {id} does not know"))
        .collect();
    let messages = Messages::load(pack, manifest, lang)?;
    let caption = messages.caption(manifest, &values, lang, &mut warnings);
    let (f, inputs) = layout_fields(manifest, &values, lang);
    let (width, height) = size.page_pt();
    let d = json!({
        "lang": lang.as_str(),
        "size": {
            "name": size.as_str(),
            "kind": size.kind().as_str(),
            "width": width,
            "height": height,
        },
        "text": messages.labels(&mut warnings),
        "f": f,
    });
    Ok(Prepared {
        data_json: d.to_string(),
        inputs,
        caption,
        warnings,
    })
}

/// The post text of template `id` for `raw` in `lang`.
pub fn caption(pack: &Pack, id: &str, raw: &RawData, lang: Lang) -> Result<String, TemplateError> {
    let manifest = pack.template(id)?;
    let values = validate(manifest, raw, lang)?;
    let messages = Messages::load(pack, manifest, lang)?;
    Ok(messages.caption(manifest, &values, lang, &mut Vec::new()))
}

fn date_json(d: chrono::NaiveDate, lang: Lang) -> Value {
    json!({
        "iso": d.format("%Y-%m-%d").to_string(),
        "display": keep_together(&display::date_long(d, lang)),
        "short": display::date_short(d, lang),
        "weekday": keep_together(display::weekday(d, lang)),
    })
}

fn time_json(t: chrono::NaiveTime, lang: Lang) -> Value {
    json!({
        "iso": t.format("%H:%M").to_string(),
        "display": display::time(t, lang),
    })
}

/// The `f` object: every field of the template, `null` when absent.
fn layout_fields(
    manifest: &TemplateManifest,
    values: &Values,
    lang: Lang,
) -> (Map<String, Value>, BTreeMap<String, Vec<u8>>) {
    let mut f = Map::new();
    let mut inputs = BTreeMap::new();
    for field in &manifest.fields {
        let v = match values.values.get(&field.key) {
            None => Value::Null,
            // Drawn in the image: groups that must not split get non-breaking spaces.
            Some(FieldValue::Text(s)) => Value::String(keep_together(s)),
            Some(FieldValue::Date(d)) => date_json(*d, lang),
            Some(FieldValue::Time(t)) => time_json(*t, lang),
            Some(FieldValue::Datetime { at, iso }) => json!({
                "iso": iso,
                "display": display::datetime(at.date(), at.time(), lang),
                "date": date_json(at.date(), lang),
                "time": time_json(at.time(), lang),
            }),
            Some(FieldValue::List(items)) => {
                json!(items.iter().map(|i| keep_together(i)).collect::<Vec<_>>())
            }
            Some(FieldValue::Table(rows)) => json!(rows),
            Some(FieldValue::Image(img)) => {
                let path = format!("{INPUTS_DIR}/{}.{}", field.key, img.ext);
                inputs.insert(path.clone(), img.bytes.clone());
                Value::String(format!("/{path}"))
            }
            Some(FieldValue::Qr { url, modules }) => json!({"url": url, "modules": modules}),
            Some(FieldValue::Choice { value, label }) => {
                json!({"value": value, "label": label.get(lang)})
            }
        };
        f.insert(field.key.clone(), v);
    }
    (f, inputs)
}

/// A template's Fluent messages in one language.
struct Messages {
    bundle: FluentBundle<FluentResource>,
    /// The message ids in file order (the bundle does not list them).
    ids: Vec<String>,
}

impl Messages {
    fn load(pack: &Pack, manifest: &TemplateManifest, lang: Lang) -> Result<Self, TemplateError> {
        let path = format!("{}/{}.ftl", manifest.id, lang.as_str());
        let src = pack
            .text(&path)
            .ok_or_else(|| TemplateError::PackFileMissing { path: path.clone() })?;
        // The pack was checked when it was made: this parses.
        let res = FluentResource::try_new(src.to_owned()).map_err(|(_, errs)| {
            TemplateError::PackInvalid {
                path: path.clone(),
                detail: errs.first().map(|e| e.to_string()).unwrap_or_default(),
            }
        })?;
        let ids = res
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        let mut bundle = crate::lang::bundle(lang);
        bundle
            .add_resource(res)
            .map_err(|errs| TemplateError::PackInvalid {
                path,
                detail: errs.first().map(|e| e.to_string()).unwrap_or_default(),
            })?;
        Ok(Self { bundle, ids })
    }

    /// Every message but `caption`, resolved without variables: the words drawn in the image.
    fn labels(&self, warnings: &mut Vec<String>) -> Map<String, Value> {
        let mut out = Map::new();
        for id in self.ids.iter().filter(|id| *id != "caption") {
            let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = self.bundle.format_pattern(pattern, None, &mut errors);
            if !errors.is_empty() {
                warnings.push(format!("message {id}: {errors:?}"));
            }
            let text: String = text.nfc().collect();
            out.insert(id.clone(), Value::String(keep_together(&text)));
        }
        out
    }

    fn caption(
        &self,
        manifest: &TemplateManifest,
        values: &Values,
        lang: Lang,
        warnings: &mut Vec<String>,
    ) -> String {
        let Some(pattern) = self.bundle.get_message("caption").and_then(|m| m.value()) else {
            return String::new();
        };
        let mut args = FluentArgs::new();
        for field in &manifest.fields {
            let text = values
                .values
                .get(&field.key)
                .map(|v| caption_value(v, lang))
                .unwrap_or_default();
            args.set(field.key.as_str(), FluentValue::from(text));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            warnings.push(format!("caption: {errors:?}"));
        }
        tidy(&text.nfc().collect::<String>())
    }
}

/// A value as the caption shows it.
fn caption_value(v: &FieldValue, lang: Lang) -> String {
    match v {
        FieldValue::Text(s) => s.clone(),
        FieldValue::Date(d) => display::date_long(*d, lang),
        FieldValue::Time(t) => display::time(*t, lang),
        FieldValue::Datetime { at, .. } => display::datetime(at.date(), at.time(), lang),
        FieldValue::List(items) => items
            .iter()
            .map(|i| format!("• {i}"))
            .collect::<Vec<_>>()
            .join("\n"),
        FieldValue::Table(rows) => rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" – ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        FieldValue::Image(_) => String::new(),
        FieldValue::Qr { url, .. } => url.clone(),
        FieldValue::Choice { label, .. } => label.get(lang).to_owned(),
    }
}

/// A caption as posted: no trailing spaces, at most one blank line in a row (absent optional
/// fields leave empty lines behind), no blank start or end.
fn tidy(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pack::tiny_pack_files;

    fn pack() -> Pack {
        Pack::from_files(tiny_pack_files()).expect("valid")
    }

    fn raw(v: Value) -> RawData {
        RawData::new(v).expect("object")
    }

    #[test]
    fn the_layout_gets_the_contract_object() {
        let data = raw(json!({
            "title": "Mưa lớn", "date": "2025-07-29", "start": "07:30",
            "at": "2025-07-29T07:30:00+07:00", "villages": ["Nà Pồng"],
            "hours": [["Thứ Hai", "7:30–11:00"]], "portal": "https://dichvucong.gov.vn",
            "level": "3"
        }));
        let p = prepare(&pack(), "notice", &data, Lang::Vi, Size::Portrait).expect("prepares");
        let d: Value = serde_json::from_str(&p.data_json).expect("json");
        assert_eq!(d["lang"], "vi");
        assert_eq!(
            d["size"],
            json!({"name": "1080x1350", "kind": "portrait", "width": 540.0, "height": 675.0})
        );
        assert_eq!(d["text"]["label-heading"], "THÔNG BÁO");
        assert!(d["text"].get("caption").is_none());
        let f = &d["f"];
        // Drawn text keeps its groups whole: non-breaking spaces inside them.
        assert_eq!(f["title"], "Mưa\u{a0}lớn");
        assert_eq!(f["body"], Value::Null);
        assert_eq!(f["photo"], Value::Null);
        assert_eq!(
            f["date"],
            json!({"iso": "2025-07-29", "display": "Thứ\u{a0}Ba, 29/7/2025",
                   "short": "29/7/2025", "weekday": "Thứ\u{a0}Ba"})
        );
        assert_eq!(f["start"], json!({"iso": "07:30", "display": "7:30"}));
        assert_eq!(f["at"]["display"], "7:30, Thứ Ba, 29/7/2025");
        assert_eq!(f["at"]["iso"], "2025-07-29T07:30:00+07:00");
        assert_eq!(f["villages"], json!(["Nà Pồng"]));
        assert_eq!(f["hours"], json!([["Thứ Hai", "7:30–11:00"]]));
        assert_eq!(f["portal"]["url"], "https://dichvucong.gov.vn");
        assert!(
            f["portal"]["modules"]
                .as_array()
                .is_some_and(|m| m.len() >= 21)
        );
        assert_eq!(f["level"], json!({"value": "3", "label": "Cấp 3"}));
        assert!(p.inputs.is_empty());
    }

    #[test]
    fn english_gets_english_words_and_dates() {
        let data = raw(json!({"title": "Heavy rain", "date": "2025-07-29", "start": "19:00"}));
        let p = prepare(&pack(), "notice", &data, Lang::En, Size::A4).expect("prepares");
        let d: Value = serde_json::from_str(&p.data_json).expect("json");
        assert_eq!(d["text"]["label-heading"], "NOTICE");
        // The year stays with its month on the poster.
        assert_eq!(d["f"]["date"]["display"], "Tuesday, 29 July\u{a0}2025");
        assert_eq!(d["f"]["start"]["display"], "7:00 PM");
        assert_eq!(d["size"]["kind"], "a4");
    }

    #[test]
    fn photos_become_virtual_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        image::RgbImage::from_pixel(2, 2, image::Rgb([0, 0, 0]))
            .save(dir.path().join("p.png"))
            .expect("save");
        let data = raw(json!({"title": "x", "photo": "p.png"})).with_base_dir(dir.path());
        let p = prepare(&pack(), "notice", &data, Lang::Vi, Size::Square).expect("prepares");
        let d: Value = serde_json::from_str(&p.data_json).expect("json");
        assert_eq!(d["f"]["photo"], "/.inputs/photo.png");
        assert!(p.inputs.contains_key(".inputs/photo.png"));
    }

    #[test]
    fn the_caption_uses_the_fields_and_reads_well_when_some_are_absent() {
        let data = raw(json!({
            "title": "Mưa lớn", "date": "2025-07-29", "villages": ["Nà Pồng", "Bản Khun"],
            "hours": [["Thứ Hai", "7:30"], ["Thứ Năm", ""]], "level": "3",
            "portal": "https://dichvucong.gov.vn"
        }));
        let c = caption(&pack(), "notice", &data, Lang::Vi).expect("caption");
        assert_eq!(
            c,
            "📢 Mưa lớn (Thứ Ba, 29/7/2025, , cấp Cấp 3)\n• Nà Pồng\n• Bản Khun\n\
             Thứ Hai – 7:30\nThứ Năm\nXem: https://dichvucong.gov.vn"
        );
        assert!(!c.contains('\u{2068}'), "no isolation marks");
        let c = caption(&pack(), "notice", &raw(json!({"title": "A"})), Lang::En).expect("caption");
        assert_eq!(c, "📢 A");
    }

    #[test]
    fn a_size_the_template_does_not_offer_is_refused() {
        let data = raw(json!({"title": "x"}));
        assert!(matches!(
            prepare(&pack(), "poster", &data, Lang::Vi, Size::A3),
            Err(TemplateError::SizeNotOffered { allowed, .. }) if allowed == "1080x1350"
        ));
    }

    #[test]
    fn tidy_drops_blank_runs() {
        assert_eq!(tidy("a  \n\n\n\nb\n\n"), "a\n\nb");
        assert_eq!(tidy("\n\na"), "a");
    }
}

//! The officer's data for a template: checked against the template's fields, field by field.
//!
//! Raw data is a JSON object keyed by field key (the format of `loa template render --data`).
//! [`validate`] turns it into [`Values`]: text in NFC with control characters removed, dates
//! parsed, images read and recognised, QR codes encoded. Every problem names its field.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use loa_files::{FileError, FileKind};
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

use crate::{Field, FieldType, Lang, Localized, TemplateError, TemplateManifest};

/// A photo larger than this is refused: it would slow every preview (`loa_files::limits`).
pub const MAX_IMAGE_BYTES: u64 = loa_files::Cap::Photo.bytes();
/// Nor more pixels than this (a 12 MP phone photo is far below).
pub const MAX_IMAGE_PIXELS: u64 = 60_000_000;
/// A QR address without its own `max_len` is at most this long.
pub const MAX_URL_LEN: usize = 1000;

/// The officer's values as given: a JSON object, and the folder relative image paths are
/// resolved against (the data file's folder; the working folder when `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawData {
    pub values: Map<String, Value>,
    pub base_dir: Option<PathBuf>,
}

impl RawData {
    /// Raw data from a JSON value, which must be an object.
    pub fn new(value: Value) -> Result<Self, TemplateError> {
        match value {
            Value::Object(values) => Ok(Self {
                values,
                base_dir: None,
            }),
            _ => Err(TemplateError::DataNotAnObject),
        }
    }

    /// Reads a data file (a regular file of at most `Cap::TemplateData`); relative image paths
    /// in it resolve against its folder.
    pub fn from_file(path: &Path) -> Result<Self, TemplateError> {
        let unreadable = |detail: String| TemplateError::DataUnreadable {
            path: path.display().to_string(),
            detail,
        };
        let bytes = loa_files::read(path, loa_files::Cap::TemplateData)?;
        let text = String::from_utf8(bytes).map_err(|e| unreadable(e.to_string()))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        let mut data = Self::new(value)?;
        data.base_dir = path.parent().map(Path::to_path_buf);
        Ok(data)
    }

    pub fn with_base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base_dir = Some(dir.into());
        self
    }

    /// Sets one value (the UI's editor sends them one at a time).
    pub fn set(&mut self, key: &str, value: Value) {
        self.values.insert(key.to_owned(), value);
    }
}

/// A photo given for an image field, read and recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInput {
    pub path: PathBuf,
    /// `png`, `jpg` or `webp`.
    pub ext: &'static str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// One checked value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    Date(NaiveDate),
    Time(NaiveTime),
    /// The wall-clock date and time as written, and the text given (kept as `iso`).
    Datetime {
        at: NaiveDateTime,
        iso: String,
    },
    List(Vec<String>),
    Table(Vec<Vec<String>>),
    Image(ImageInput),
    Qr {
        url: String,
        /// The QR matrix, one string of `1`/`0` per row, without the quiet zone.
        modules: Vec<String>,
    },
    Choice {
        value: String,
        label: Localized,
    },
}

/// The checked values of a template: present fields only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    pub values: BTreeMap<String, FieldValue>,
    /// Keys in the data that the template does not have (a typo, or data for another version).
    pub unknown_keys: Vec<String>,
}

/// Checks `raw` against the template's fields. `lang` picks the field labels used in messages.
pub fn validate(
    manifest: &TemplateManifest,
    raw: &RawData,
    lang: Lang,
) -> Result<Values, TemplateError> {
    let mut out = Values::default();
    for field in &manifest.fields {
        let value = raw.values.get(&field.key).unwrap_or(&Value::Null);
        match check_field(field, value, raw.base_dir.as_deref(), lang)? {
            Some(v) => {
                out.values.insert(field.key.clone(), v);
            }
            None if field.required => {
                return Err(TemplateError::MissingField {
                    key: field.key.clone(),
                    label: field.label.get(lang).to_owned(),
                });
            }
            None => {}
        }
    }
    out.unknown_keys = raw
        .values
        .keys()
        .filter(|k| manifest.field(k).is_none())
        .cloned()
        .collect();
    Ok(out)
}

/// Text as stored: NFC, Unix line breaks, no control characters (tabs become spaces), trimmed.
/// Single-line fields also lose their line breaks.
pub fn clean_text(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = s
        .nfc()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    if multiline {
        // Trailing spaces on each line are invisible and only make measuring harder.
        cleaned
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

struct Ctx<'a> {
    field: &'a Field,
    lang: Lang,
}

impl Ctx<'_> {
    fn key(&self) -> String {
        self.field.key.clone()
    }

    fn label(&self) -> String {
        self.field.label.get(self.lang).to_owned()
    }

    fn wrong_type(&self, expected: &str) -> TemplateError {
        TemplateError::WrongType {
            key: self.key(),
            label: self.label(),
            expected: expected.to_owned(),
        }
    }

    /// `line`: the list line or table row (from 1) the text is on, named in the error.
    fn check_len(&self, s: &str, line: Option<usize>) -> Result<(), TemplateError> {
        let len = s.chars().count();
        match self.field.max_len {
            Some(max) if len > max as usize => Err(TemplateError::TooLong {
                key: self.key(),
                label: self.label(),
                max,
                len,
                line,
            }),
            _ => Ok(()),
        }
    }

    fn check_items(&self, count: usize) -> Result<(), TemplateError> {
        match self.field.max_items {
            Some(max) if count > max as usize => Err(TemplateError::TooManyItems {
                key: self.key(),
                label: self.label(),
                max,
                count,
            }),
            _ => Ok(()),
        }
    }
}

/// A scalar as text: strings as they are, numbers and booleans written out (a spreadsheet export
/// may give `3` for the choice "3").
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `None` when the field is absent (null, "", [], or only blanks).
fn check_field(
    field: &Field,
    value: &Value,
    base_dir: Option<&Path>,
    lang: Lang,
) -> Result<Option<FieldValue>, TemplateError> {
    let cx = Ctx { field, lang };
    if value.is_null() {
        return Ok(None);
    }
    match field.kind {
        FieldType::List => return check_list(&cx, value),
        FieldType::Table => return check_table(&cx, value),
        _ => {}
    }
    let Some(raw) = scalar(value) else {
        return Err(cx.wrong_type(field.kind.as_str()));
    };
    let multiline = field.kind == FieldType::Multiline;
    let text = clean_text(&raw, multiline);
    if text.is_empty() {
        return Ok(None);
    }
    let v = match field.kind {
        FieldType::Text | FieldType::Multiline => {
            cx.check_len(&text, None)?;
            FieldValue::Text(text)
        }
        FieldType::Date => {
            FieldValue::Date(parse_date(&text).ok_or_else(|| TemplateError::BadDate {
                key: cx.key(),
                label: cx.label(),
                value: text.clone(),
            })?)
        }
        FieldType::Time => {
            FieldValue::Time(parse_time(&text).ok_or_else(|| TemplateError::BadTime {
                key: cx.key(),
                label: cx.label(),
                value: text.clone(),
            })?)
        }
        FieldType::Datetime => {
            let at = parse_datetime(&text).ok_or_else(|| TemplateError::BadDatetime {
                key: cx.key(),
                label: cx.label(),
                value: text.clone(),
            })?;
            FieldValue::Datetime { at, iso: text }
        }
        FieldType::Choice => {
            let option = field
                .options
                .iter()
                .find(|o| o.value == text)
                .ok_or_else(|| TemplateError::BadChoice {
                    key: cx.key(),
                    label: cx.label(),
                    value: text.clone(),
                    allowed: field
                        .options
                        .iter()
                        .map(|o| o.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            FieldValue::Choice {
                value: option.value.clone(),
                label: option.label.clone(),
            }
        }
        FieldType::Qr => check_qr(&cx, text)?,
        FieldType::Image => FieldValue::Image(check_image(&cx, &raw, base_dir)?),
        FieldType::List | FieldType::Table => return Err(cx.wrong_type(field.kind.as_str())),
    };
    Ok(Some(v))
}

fn check_list(cx: &Ctx<'_>, value: &Value) -> Result<Option<FieldValue>, TemplateError> {
    let items = match value {
        Value::Array(items) => items,
        // One line typed where a list was expected is a list of one.
        Value::String(_) => std::slice::from_ref(value),
        _ => return Err(cx.wrong_type("list")),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let text = clean_text(&scalar(item).ok_or_else(|| cx.wrong_type("list"))?, false);
        if text.is_empty() {
            continue;
        }
        cx.check_len(&text, Some(i + 1))?;
        out.push(text);
    }
    cx.check_items(out.len())?;
    Ok((!out.is_empty()).then_some(FieldValue::List(out)))
}

fn check_table(cx: &Ctx<'_>, value: &Value) -> Result<Option<FieldValue>, TemplateError> {
    let Value::Array(rows) = value else {
        return Err(cx.wrong_type("table"));
    };
    let columns = cx.field.columns.len();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Value::Array(cells) = row else {
            return Err(cx.wrong_type("table"));
        };
        if cells.len() > columns {
            return Err(TemplateError::BadRow {
                key: cx.key(),
                label: cx.label(),
                row: i + 1,
                cells: cells.len(),
                columns,
            });
        }
        let mut clean = Vec::with_capacity(columns);
        for cell in cells {
            let text = match cell {
                Value::Null => String::new(),
                c => clean_text(&scalar(c).ok_or_else(|| cx.wrong_type("table"))?, false),
            };
            cx.check_len(&text, Some(i + 1))?;
            clean.push(text);
        }
        if clean.iter().all(String::is_empty) {
            continue;
        }
        // A short row is completed with empty cells: the last column is often optional.
        clean.resize(columns, String::new());
        out.push(clean);
    }
    cx.check_items(out.len())?;
    Ok((!out.is_empty()).then_some(FieldValue::Table(out)))
}

/// `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `HH:MM` (also `H:MM` and `HH:MM:SS`, as some inputs give them).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
        .filter(|_| s.len() <= 8)
}

/// RFC 3339, or a date and time without a zone (`2025-07-29T07:30`, what a date-time input
/// gives). The wall-clock time is kept as written: a warning for 7:30 is shown as 7:30.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.naive_local());
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

fn check_qr(cx: &Ctx<'_>, url: String) -> Result<FieldValue, TemplateError> {
    let bad = || TemplateError::BadUrl {
        key: cx.key(),
        label: cx.label(),
        value: url.clone(),
    };
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let max = cx.field.max_len.map_or(MAX_URL_LEN, |m| m as usize);
    if url.chars().count() > max {
        return Err(TemplateError::TooLong {
            key: cx.key(),
            label: cx.label(),
            max: max as u32,
            len: url.chars().count(),
            line: None,
        });
    }
    let modules = crate::qr::modules(&url).ok_or_else(|| TemplateError::QrTooLong {
        key: cx.key(),
        label: cx.label(),
    })?;
    Ok(FieldValue::Qr { url, modules })
}

fn check_image(
    cx: &Ctx<'_>,
    raw: &str,
    base_dir: Option<&Path>,
) -> Result<ImageInput, TemplateError> {
    let given = PathBuf::from(raw.trim());
    let path = match base_dir {
        Some(dir) if given.is_relative() => dir.join(&given),
        _ => given,
    };
    let shown = path.display().to_string();
    let not_image = || TemplateError::ImageNotAnImage {
        key: cx.key(),
        label: cx.label(),
        path: shown.clone(),
    };
    // Read through loa-files: a regular file only (a device or a pipe such as `/dev/zero` is
    // not a photo, and reading it would never end), at most the cap.
    let bytes = loa_files::read(&path, loa_files::Cap::Photo).map_err(|e| {
        let (key, label, path) = (cx.key(), cx.label(), shown.clone());
        match e {
            FileError::NotFound { .. } => TemplateError::ImageNotFound { key, label, path },
            FileError::NotAFile {
                kind: FileKind::Folder,
                ..
            } => TemplateError::ImageNotAFile { key, label, path },
            FileError::NotAFile { .. } => not_image(),
            FileError::TooLarge { .. } => TemplateError::ImageTooLarge {
                key,
                label,
                path,
                detail: format!("> {} MB", loa_files::Cap::Photo.megabytes()),
            },
            _ => TemplateError::ImageUnreadable { key, label, path },
        }
    })?;
    let too_large = |detail: String| TemplateError::ImageTooLarge {
        key: cx.key(),
        label: cx.label(),
        path: shown.clone(),
        detail,
    };
    let reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|_| not_image())?;
    let ext = match reader.format() {
        Some(image::ImageFormat::Png) => "png",
        Some(image::ImageFormat::Jpeg) => "jpg",
        Some(image::ImageFormat::WebP) => "webp",
        _ => return Err(not_image()),
    };
    // Reading the header is enough to know it is a photo Typst can decode, without paying for
    // decoding it on every keystroke.
    let (width, height) = reader.into_dimensions().map_err(|_| not_image())?;
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(too_large(format!("{width}×{height}")));
    }
    Ok(ImageInput {
        path,
        ext,
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pack;
    use crate::test_pack::tiny_pack_files;
    use serde_json::json;

    fn notice() -> TemplateManifest {
        Pack::from_files(tiny_pack_files())
            .expect("valid")
            .template("notice")
            .expect("exists")
            .clone()
    }

    fn check(value: Value) -> Result<Values, TemplateError> {
        validate(&notice(), &RawData::new(value).expect("object"), Lang::Vi)
    }

    #[test]
    fn a_missing_required_field_is_named() {
        for v in [json!({}), json!({"title": null}), json!({"title": "  \n "})] {
            match check(v) {
                Err(TemplateError::MissingField { key, label }) => {
                    assert_eq!(key, "title");
                    assert_eq!(label, "Tiêu đề");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn text_is_cleaned_and_measured() {
        let v =
            check(json!({"title": " Mu\u{300}a\tlớn\r\nnhé\u{7} ", "body": "a  \r\n\r\nb\u{0}"}))
                .expect("valid");
        assert_eq!(v.values["title"], FieldValue::Text("Mùa lớn nhé".into()));
        assert_eq!(v.values["body"], FieldValue::Text("a\n\nb".into()));
        let long = "ư".repeat(81);
        assert!(matches!(
            check(json!({"title": long})),
            Err(TemplateError::TooLong { key, max: 80, len: 81, .. }) if key == "title"
        ));
        // A list line or a table row that is too long is named by its number, from 1.
        let long_line = "x".repeat(21);
        assert!(matches!(
            check(json!({"title": "t", "villages": ["Nà Hẩu", "", long_line]})),
            Err(TemplateError::TooLong { key, max: 20, len: 21, line: Some(3), .. }) if key == "villages"
        ));
        assert!(matches!(
            check(json!({"title": "t", "hours": [["Thứ Hai", "7:30"], ["Thứ Ba", "y".repeat(31)]]})),
            Err(TemplateError::TooLong { key, line: Some(2), .. }) if key == "hours"
        ));
        // Markup is data: it is kept exactly, never interpreted here or later.
        let markup = "#read(\"/etc/passwd\") ] $ * _ @x <y> \\";
        let v = check(json!({ "title": markup })).expect("valid");
        assert_eq!(v.values["title"], FieldValue::Text(markup.into()));
    }

    #[test]
    fn dates_times_and_datetimes() {
        let v = check(json!({"title": "x", "date": "2025-07-29", "start": "7:30",
                             "at": "2025-07-29T07:30:00+07:00"}))
        .expect("valid");
        assert!(matches!(v.values["date"], FieldValue::Date(_)));
        assert!(matches!(v.values["start"], FieldValue::Time(_)));
        match &v.values["at"] {
            FieldValue::Datetime { at, iso } => {
                assert_eq!(at.to_string(), "2025-07-29 07:30:00");
                assert_eq!(iso, "2025-07-29T07:30:00+07:00");
            }
            other => panic!("{other:?}"),
        }
        assert!(check(json!({"title": "x", "at": "2025-07-29T07:30"})).is_ok());
        for (key, bad) in [
            ("date", "29/7/2025"),
            ("date", "2025-02-30"),
            ("start", "25:00"),
            ("start", "7h30"),
            ("at", "tomorrow"),
        ] {
            let err = check(json!({"title": "x", key: bad})).expect_err(bad);
            assert_eq!(err.field_key(), Some(key), "{bad}: {err:?}");
        }
    }

    #[test]
    fn lists_and_tables() {
        let v = check(
            json!({"title": "x", "villages": ["Nà Pồng", "", " Bản Khun "],
                             "hours": [["Thứ Hai", "7:30–11:00"], ["Thứ Năm"], ["", null]]}),
        )
        .expect("valid");
        assert_eq!(
            v.values["villages"],
            FieldValue::List(vec!["Nà Pồng".into(), "Bản Khun".into()])
        );
        assert_eq!(
            v.values["hours"],
            FieldValue::Table(vec![
                vec!["Thứ Hai".into(), "7:30–11:00".into()],
                vec!["Thứ Năm".into(), String::new()]
            ])
        );
        assert!(matches!(
            check(json!({"title": "x", "villages": ["a", "b", "c", "d"]})),
            Err(TemplateError::TooManyItems {
                max: 3,
                count: 4,
                ..
            })
        ));
        assert!(matches!(
            check(json!({"title": "x", "hours": [["a", "b", "c"]]})),
            Err(TemplateError::BadRow {
                row: 1,
                cells: 3,
                columns: 2,
                ..
            })
        ));
        assert!(matches!(
            check(json!({"title": "x", "hours": "Thứ Hai"})),
            Err(TemplateError::WrongType { .. })
        ));
    }

    #[test]
    fn choices_accept_only_their_options() {
        let v = check(json!({"title": "x", "level": 3})).expect("a number is fine");
        assert!(matches!(&v.values["level"], FieldValue::Choice { value, .. } if value == "3"));
        match check(json!({"title": "x", "level": "5"})) {
            Err(TemplateError::BadChoice { allowed, .. }) => assert_eq!(allowed, "1, 3"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn qr_codes_take_web_addresses_only() {
        let v = check(json!({"title": "x", "portal": "https://dichvucong.gov.vn/p/home"}))
            .expect("valid");
        match &v.values["portal"] {
            FieldValue::Qr { modules, .. } => {
                assert!(modules.len() >= 21);
                assert!(modules.iter().all(|r| r.len() == modules.len()));
            }
            other => panic!("{other:?}"),
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "dichvucong.gov.vn",
            "https://",
            "https://a b",
        ] {
            assert!(
                matches!(
                    check(json!({"title": "x", "portal": bad})),
                    Err(TemplateError::BadUrl { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn images_must_be_real_photos() {
        let dir = tempfile::tempdir().expect("tempdir");
        let png = dir.path().join("logo.png");
        let img = image::RgbImage::from_pixel(4, 3, image::Rgb([200, 30, 30]));
        img.save(&png).expect("save png");
        std::fs::write(dir.path().join("fake.jpg"), b"not a photo").expect("write");
        let raw = |photo: &str| {
            RawData::new(json!({"title": "x", "photo": photo}))
                .expect("object")
                .with_base_dir(dir.path())
        };
        let v = validate(&notice(), &raw("logo.png"), Lang::Vi).expect("relative path resolves");
        match &v.values["photo"] {
            FieldValue::Image(i) => assert_eq!((i.ext, i.width, i.height), ("png", 4, 3)),
            other => panic!("{other:?}"),
        }
        let cases = [
            ("../../etc/passwd", "image_not_found"),
            ("/etc/passwd", "image_not_an_image"),
            ("fake.jpg", "image_not_an_image"),
            (".", "image_not_a_file"),
            ("/dev/zero", "image_not_an_image"),
            ("missing.jpg", "image_not_found"),
        ];
        for (path, code) in cases {
            let err = validate(&notice(), &raw(path), Lang::Vi).expect_err(path);
            // Whether `/etc/passwd` exists depends on the system; both answers are clear errors.
            let passwd = path.ends_with("etc/passwd")
                && ["image_not_found", "image_not_an_image"].contains(&err.code());
            assert!(err.code() == code || passwd, "{path}: {err:?}");
            assert_eq!(err.field_key(), Some("photo"));
        }
    }

    #[test]
    fn unknown_keys_are_reported_not_fatal() {
        let v = check(json!({"title": "x", "titel": "typo"})).expect("valid");
        assert_eq!(v.unknown_keys, vec!["titel".to_owned()]);
    }

    #[test]
    fn data_must_be_an_object() {
        assert!(matches!(
            RawData::new(json!(["title"])),
            Err(TemplateError::DataNotAnObject)
        ));
    }
}

//! The manifests of a pack: `pack.json` and each template's `template.json`, as the contract in
//! `notes/template-contract.md` defines them.

use serde::{Deserialize, Serialize};

use crate::{Lang, Size};

/// A text in both languages Loa speaks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    /// The text in `lang`, or the other language's when this one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Vi => (&self.vi, &self.en),
            Lang::En => (&self.en, &self.vi),
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }
}

/// `pack.json`: what the pack is and which templates it holds, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PackManifest {
    pub id: String,
    pub version: u32,
    pub name: Localized,
    pub templates: Vec<String>,
}

/// What a template is about; the UI groups templates by it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
#[serde(rename = "TemplateCategory")]
pub enum Category {
    Warning,
    Health,
    Admin,
    Event,
    Feature,
    Community,
    Utility,
    Figures,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Warning,
        Category::Health,
        Category::Admin,
        Category::Event,
        Category::Feature,
        Category::Community,
        Category::Utility,
        Category::Figures,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Warning => "warning",
            Category::Health => "health",
            Category::Admin => "admin",
            Category::Event => "event",
            Category::Feature => "feature",
            Category::Community => "community",
            Category::Utility => "utility",
            Category::Figures => "figures",
        }
    }
}

/// The kind of value a field holds, and so the input the UI shows for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Paragraphs; line breaks are kept.
    Multiline,
    /// `YYYY-MM-DD`.
    Date,
    /// `HH:MM`.
    Time,
    /// RFC 3339 (`2025-07-29T07:30:00+07:00`), or `YYYY-MM-DDTHH:MM` as a date-time input gives it.
    Datetime,
    /// Lines, each a string.
    List,
    /// Rows of cells, one per column.
    Table,
    /// A photo file: PNG, JPEG or WebP.
    Image,
    /// A web address drawn as a QR code.
    Qr,
    /// One of the field's options.
    Choice,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Multiline => "multiline",
            FieldType::Date => "date",
            FieldType::Time => "time",
            FieldType::Datetime => "datetime",
            FieldType::List => "list",
            FieldType::Table => "table",
            FieldType::Image => "image",
            FieldType::Qr => "qr",
            FieldType::Choice => "choice",
        }
    }
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

/// One column of a table field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Column {
    pub key: String,
    pub label: Localized,
}

/// One field the officer fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Field {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    /// Characters, for text and multiline values, list items and table cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
    /// Items of a list, rows of a table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Localized>,
    /// The options of a choice field, in the order shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// The columns of a table field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
}

/// `<id>/template.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateManifest {
    pub id: String,
    pub version: u32,
    pub category: Category,
    /// What a post made from it is about, as Loa's drafts name it (`weather_disaster`,
    /// `security_scam`, …): a category such as "warning" covers both storms and scams. Absent
    /// or unknown to the app: the category decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub name: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Localized>,
    pub sizes: Vec<Size>,
    pub fields: Vec<Field>,
}

impl TemplateManifest {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Whether `id` is a valid pack or template id: lowercase ASCII letters, digits and `-`,
/// starting with a letter, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether `key` is a valid field or column key, usable as a Fluent variable: lowercase ASCII
/// letters, digits, `_` and `-`, starting with a letter.
pub fn is_valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_example_parses() {
        let json = r#"{
          "id": "heavy-rain", "version": 1, "category": "warning",
          "name": {"vi": "Cảnh báo mưa lớn", "en": "Heavy rain warning"},
          "sizes": ["1080x1350", "1080x1080", "1200x630", "a4", "a3"],
          "fields": [
            {"key": "title", "type": "text", "required": true, "max_len": 80,
             "label": {"vi": "Tiêu đề", "en": "Title"}, "help": {"vi": "…", "en": "…"}},
            {"key": "level", "type": "choice", "required": true,
             "options": [{"value": "3", "label": {"vi": "Cấp 3", "en": "Level 3"}}],
             "label": {"vi": "Cấp", "en": "Level"}},
            {"key": "hours", "type": "table", "required": true, "max_items": 14, "max_len": 60,
             "columns": [{"key": "day", "label": {"vi": "Thứ", "en": "Day"}}],
             "label": {"vi": "Giờ", "en": "Hours"}}
          ]
        }"#;
        let m: TemplateManifest = serde_json::from_str(json).expect("parses");
        assert_eq!(m.sizes.len(), 5);
        assert_eq!(m.field("level").map(|f| f.kind), Some(FieldType::Choice));
        assert_eq!(m.field("hours").map(|f| f.columns.len()), Some(1));
        assert_eq!(m.name.get(Lang::En), "Heavy rain warning");
    }

    #[test]
    fn ids_and_keys() {
        assert!(is_valid_id("heavy-rain"));
        assert!(!is_valid_id("Heavy"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id(""));
        assert!(is_valid_key("start_date"));
        assert!(!is_valid_key("1st"));
    }
}

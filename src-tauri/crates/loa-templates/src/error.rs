//! Everything that can be wrong with a pack or with the officer's data.
//!
//! Each variant has a stable code and a Fluent message id `template-error-<code>` (in
//! `locales/*/templates.ftl`). Data errors name the field by its key and by its label in the
//! language of the request, so the message can point at the input to fix.

use std::collections::BTreeMap;

/// A problem with a template pack or with the data given to a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    // ---- The pack ----
    #[error("the pack has no file {path}")]
    PackFileMissing { path: String },
    #[error("{path} in the pack is not valid: {detail}")]
    PackInvalid { path: String, detail: String },
    #[error("the pack holds a file with an unsafe name: {path}")]
    PackUnsafePath { path: String },
    #[error("the pack is larger than {limit_mb} MB once unpacked")]
    PackTooLarge { limit_mb: u64 },
    #[error("cannot read the pack {path}: {detail}")]
    PackRead { path: String, detail: String },
    #[error("cannot write the pack {path}: {detail}")]
    PackWrite { path: String, detail: String },
    #[error("{path} is not a template pack (zip): {detail}")]
    PackZip { path: String, detail: String },
    #[error("the templates come from packs with different versions of {path}")]
    PackConflict { path: String },
    #[error("template {id} not found")]
    TemplateNotFound { id: String },
    /// A pack or data file that could not be read (not a regular file, unreadable); its
    /// message is the file's own (`file-error-…` in `files.ftl`).
    #[error(transparent)]
    File(#[from] loa_files::FileError),
    /// A template of the pack has the id of a built-in template.
    #[error("template {id} of the pack has the id of a built-in template")]
    ImportBuiltinId { id: String },
    /// Importing would replace templates the officer made or imported earlier, and replacing
    /// was not asked for. `ids` are comma-separated.
    #[error("importing would replace {count} of your templates: {ids}")]
    ImportWouldReplace { ids: String, count: usize },
    #[error("template {id} is not offered at size {size} (offered: {allowed})")]
    SizeNotOffered {
        id: String,
        size: String,
        allowed: String,
    },

    // ---- The data ----
    #[error("cannot read the data file {path}: {detail}")]
    DataUnreadable { path: String, detail: String },
    #[error("the data is not a JSON object keyed by field")]
    DataNotAnObject,
    #[error("field {key} is required")]
    MissingField { key: String, label: String },
    #[error("field {key} must be {expected}")]
    WrongType {
        key: String,
        label: String,
        expected: String,
    },
    #[error("field {key} is {len} characters long; at most {max}")]
    TooLong {
        key: String,
        label: String,
        max: u32,
        len: usize,
        /// The line of a list, or the row of a table, that is too long (from 1); `None` for a
        /// field of one value.
        line: Option<usize>,
    },
    #[error("field {key} has {count} items; at most {max}")]
    TooManyItems {
        key: String,
        label: String,
        max: u32,
        count: usize,
    },
    #[error("field {key}: {value:?} is not a date YYYY-MM-DD")]
    BadDate {
        key: String,
        label: String,
        value: String,
    },
    #[error("field {key}: {value:?} is not a time HH:MM")]
    BadTime {
        key: String,
        label: String,
        value: String,
    },
    #[error("field {key}: {value:?} is not a date and time (RFC 3339)")]
    BadDatetime {
        key: String,
        label: String,
        value: String,
    },
    #[error("field {key}: {value:?} is not one of {allowed}")]
    BadChoice {
        key: String,
        label: String,
        value: String,
        allowed: String,
    },
    #[error("field {key}: row {row} has {cells} cells; the table has {columns} columns")]
    BadRow {
        key: String,
        label: String,
        row: usize,
        cells: usize,
        columns: usize,
    },
    #[error("field {key}: {value:?} is not an http or https address")]
    BadUrl {
        key: String,
        label: String,
        value: String,
    },
    #[error("field {key}: the address is too long for a QR code")]
    QrTooLong { key: String, label: String },
    #[error("field {key}: {path} does not exist")]
    ImageNotFound {
        key: String,
        label: String,
        path: String,
    },
    #[error("field {key}: {path} is a folder, not a photo")]
    ImageNotAFile {
        key: String,
        label: String,
        path: String,
    },
    #[error("field {key}: {path} is not a PNG, JPEG or WebP photo")]
    ImageNotAnImage {
        key: String,
        label: String,
        path: String,
    },
    #[error("field {key}: {path} cannot be read")]
    ImageUnreadable {
        key: String,
        label: String,
        path: String,
    },
    #[error("field {key}: {path} is too large ({detail})")]
    ImageTooLarge {
        key: String,
        label: String,
        path: String,
        detail: String,
    },
}

impl TemplateError {
    /// The stable, machine-readable name of the error.
    pub fn code(&self) -> &'static str {
        match self {
            TemplateError::PackFileMissing { .. } => "pack_file_missing",
            TemplateError::PackInvalid { .. } => "pack_invalid",
            TemplateError::PackUnsafePath { .. } => "pack_unsafe_path",
            TemplateError::PackTooLarge { .. } => "pack_too_large",
            TemplateError::PackRead { .. } => "pack_read",
            TemplateError::PackWrite { .. } => "pack_write",
            TemplateError::PackZip { .. } => "pack_zip",
            TemplateError::PackConflict { .. } => "pack_conflict",
            TemplateError::TemplateNotFound { .. } => "template_not_found",
            TemplateError::File(e) => e.code(),
            TemplateError::ImportBuiltinId { .. } => "import_builtin_id",
            TemplateError::ImportWouldReplace { .. } => "import_would_replace",
            TemplateError::SizeNotOffered { .. } => "size_not_offered",
            TemplateError::DataUnreadable { .. } => "data_unreadable",
            TemplateError::DataNotAnObject => "data_not_an_object",
            TemplateError::MissingField { .. } => "missing_field",
            TemplateError::WrongType { .. } => "wrong_type",
            TemplateError::TooLong { .. } => "too_long",
            TemplateError::TooManyItems { .. } => "too_many_items",
            TemplateError::BadDate { .. } => "bad_date",
            TemplateError::BadTime { .. } => "bad_time",
            TemplateError::BadDatetime { .. } => "bad_datetime",
            TemplateError::BadChoice { .. } => "bad_choice",
            TemplateError::BadRow { .. } => "bad_row",
            TemplateError::BadUrl { .. } => "bad_url",
            TemplateError::QrTooLong { .. } => "qr_too_long",
            TemplateError::ImageNotFound { .. } => "image_not_found",
            TemplateError::ImageNotAFile { .. } => "image_not_a_file",
            TemplateError::ImageNotAnImage { .. } => "image_not_an_image",
            TemplateError::ImageUnreadable { .. } => "image_unreadable",
            TemplateError::ImageTooLarge { .. } => "image_too_large",
        }
    }

    /// Every code with a `template-error-…` message, for the test that checks each has one in
    /// both languages ([`TemplateError::File`] carries the file's own code and message).
    pub const CODES: [&'static str; 30] = [
        "pack_file_missing",
        "pack_invalid",
        "pack_unsafe_path",
        "pack_too_large",
        "pack_read",
        "pack_write",
        "pack_zip",
        "pack_conflict",
        "template_not_found",
        "import_builtin_id",
        "import_would_replace",
        "size_not_offered",
        "data_unreadable",
        "data_not_an_object",
        "missing_field",
        "wrong_type",
        "too_long",
        "too_many_items",
        "bad_date",
        "bad_time",
        "bad_datetime",
        "bad_choice",
        "bad_row",
        "bad_url",
        "qr_too_long",
        "image_not_found",
        "image_not_a_file",
        "image_not_an_image",
        "image_unreadable",
        "image_too_large",
    ];

    /// The Fluent message id: `template-error-<code with dashes>` (a file error keeps its own).
    pub fn message_id(&self) -> String {
        match self {
            TemplateError::File(e) => e.message_id(),
            other => message_id_for(other.code()),
        }
    }

    /// The key of the field the error is about, if it is about one.
    pub fn field_key(&self) -> Option<&str> {
        match self {
            TemplateError::MissingField { key, .. }
            | TemplateError::WrongType { key, .. }
            | TemplateError::TooLong { key, .. }
            | TemplateError::TooManyItems { key, .. }
            | TemplateError::BadDate { key, .. }
            | TemplateError::BadTime { key, .. }
            | TemplateError::BadDatetime { key, .. }
            | TemplateError::BadChoice { key, .. }
            | TemplateError::BadRow { key, .. }
            | TemplateError::BadUrl { key, .. }
            | TemplateError::QrTooLong { key, .. }
            | TemplateError::ImageNotFound { key, .. }
            | TemplateError::ImageNotAFile { key, .. }
            | TemplateError::ImageNotAnImage { key, .. }
            | TemplateError::ImageUnreadable { key, .. }
            | TemplateError::ImageTooLarge { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The arguments of the Fluent message.
    pub fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: &dyn ToString| {
            a.insert(k.to_owned(), v.to_string());
        };
        match self {
            TemplateError::PackFileMissing { path } | TemplateError::PackUnsafePath { path } => {
                put("path", path)
            }
            TemplateError::PackConflict { path } => put("path", path),
            TemplateError::PackInvalid { path, detail }
            | TemplateError::PackRead { path, detail }
            | TemplateError::PackWrite { path, detail }
            | TemplateError::PackZip { path, detail }
            | TemplateError::DataUnreadable { path, detail } => {
                put("path", path);
                put("detail", detail);
            }
            TemplateError::PackTooLarge { limit_mb } => put("limit", limit_mb),
            TemplateError::TemplateNotFound { id } | TemplateError::ImportBuiltinId { id } => {
                put("id", id)
            }
            TemplateError::File(e) => return e.args(),
            TemplateError::ImportWouldReplace { ids, count } => {
                put("ids", ids);
                put("count", count);
            }
            TemplateError::SizeNotOffered { id, size, allowed } => {
                put("id", id);
                put("size", size);
                put("allowed", allowed);
            }
            TemplateError::DataNotAnObject => {}
            TemplateError::MissingField { key, label }
            | TemplateError::QrTooLong { key, label } => {
                put("key", key);
                put("label", label);
            }
            TemplateError::WrongType {
                key,
                label,
                expected,
            } => {
                put("key", key);
                put("label", label);
                put("expected", expected);
            }
            TemplateError::TooLong {
                key,
                label,
                max,
                len,
                line,
            } => {
                put("key", key);
                put("label", label);
                put("max", max);
                put("len", len);
                // "none": the field has one value (Fluent selects on it).
                put(
                    "line",
                    &line.map_or_else(|| "none".to_owned(), |l| l.to_string()),
                );
            }
            TemplateError::TooManyItems {
                key,
                label,
                max,
                count,
            } => {
                put("key", key);
                put("label", label);
                put("max", max);
                put("count", count);
            }
            TemplateError::BadDate { key, label, value }
            | TemplateError::BadTime { key, label, value }
            | TemplateError::BadDatetime { key, label, value }
            | TemplateError::BadUrl { key, label, value } => {
                put("key", key);
                put("label", label);
                put("value", &shorten(value));
            }
            TemplateError::BadChoice {
                key,
                label,
                value,
                allowed,
            } => {
                put("key", key);
                put("label", label);
                put("value", &shorten(value));
                put("allowed", allowed);
            }
            TemplateError::BadRow {
                key,
                label,
                row,
                cells,
                columns,
            } => {
                put("key", key);
                put("label", label);
                put("row", row);
                put("cells", cells);
                put("columns", columns);
            }
            TemplateError::ImageNotFound { key, label, path }
            | TemplateError::ImageNotAFile { key, label, path }
            | TemplateError::ImageNotAnImage { key, label, path }
            | TemplateError::ImageUnreadable { key, label, path } => {
                put("key", key);
                put("label", label);
                put("path", path);
            }
            TemplateError::ImageTooLarge {
                key,
                label,
                path,
                detail,
            } => {
                put("key", key);
                put("label", label);
                put("path", path);
                put("detail", detail);
            }
        }
        a
    }
}

/// The message id of an error code.
pub fn message_id_for(code: &str) -> String {
    format!("template-error-{}", code.replace('_', "-"))
}

/// A value quoted in a one-line message: at most 60 characters, no line breaks.
fn shorten(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        let mut s: String = one_line.chars().take(59).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_once() {
        let mut codes = TemplateError::CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TemplateError::CODES.len());
        let e = TemplateError::MissingField {
            key: "title".into(),
            label: "Tiêu đề".into(),
        };
        assert!(TemplateError::CODES.contains(&e.code()));
        assert_eq!(e.message_id(), "template-error-missing-field");
        assert_eq!(e.field_key(), Some("title"));
        assert_eq!(e.args()["label"], "Tiêu đề");
    }

    #[test]
    fn quoted_values_stay_short_and_on_one_line() {
        let e = TemplateError::BadDate {
            key: "date".into(),
            label: "Ngày".into(),
            value: format!("{}\n{}", "x".repeat(100), "y"),
        };
        let v = &e.args()["value"];
        assert_eq!(v.chars().count(), 60);
        assert!(!v.contains('\n'));
    }
}

//! What can go wrong in a render, each with a stable code and a Fluent message id
//! (`render-error-<code>` in `locales/*/templates.ftl`; template and data errors keep their own
//! `template-error-<code>` ids).

use std::collections::BTreeMap;

use loa_templates::TemplateError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The pack, the template or the data was refused before rendering.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The layout failed in Typst. `file` and `line` (1-based) locate the first error in the
    /// pack when Typst knows where it is.
    #[error("the layout failed: {message}")]
    Typst {
        message: String,
        file: Option<String>,
        line: Option<usize>,
    },
    /// The layout made more than one page: something did not fit.
    #[error("the content does not fit on one page ({pages} pages)")]
    TooManyPages { pages: usize },
    /// Writing the PNG failed.
    #[error("cannot encode the image: {detail}")]
    Encode { detail: String },
}

impl RenderError {
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::Template(e) => e.code(),
            RenderError::Typst { .. } => "typst",
            RenderError::TooManyPages { .. } => "too_many_pages",
            RenderError::Encode { .. } => "encode",
        }
    }

    pub const CODES: [&'static str; 3] = ["typst", "too_many_pages", "encode"];

    pub fn message_id(&self) -> String {
        match self {
            RenderError::Template(e) => e.message_id(),
            other => format!("render-error-{}", other.code().replace('_', "-")),
        }
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            RenderError::Template(e) => e.args(),
            RenderError::Typst {
                message,
                file,
                line,
            } => {
                let mut a = BTreeMap::new();
                a.insert("detail".to_owned(), message.clone());
                let located = if file.is_some() && line.is_some() {
                    "yes"
                } else {
                    "no"
                };
                a.insert("located".to_owned(), located.to_owned());
                a.insert("file".to_owned(), file.clone().unwrap_or_default());
                a.insert(
                    "line".to_owned(),
                    line.map(|l| l.to_string()).unwrap_or_default(),
                );
                a
            }
            RenderError::TooManyPages { pages } => {
                BTreeMap::from([("pages".to_owned(), pages.to_string())])
            }
            RenderError::Encode { detail } => {
                BTreeMap::from([("detail".to_owned(), detail.clone())])
            }
        }
    }

    /// The field the error is about, when it is about one (the UI marks that input).
    pub fn field_key(&self) -> Option<&str> {
        match self {
            RenderError::Template(e) => e.field_key(),
            _ => None,
        }
    }
}

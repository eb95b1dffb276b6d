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
    /// The laid-out page is larger than the size the template declares (checked before a
    /// pixel is drawn). Points are rounded and capped at `u32::MAX`.
    #[error("the page is {width}×{height} pt, larger than {size}")]
    PageTooLarge {
        width: u32,
        height: u32,
        size: String,
    },
    /// Writing the PNG failed.
    #[error("cannot encode the image: {detail}")]
    Encode { detail: String },
    /// A photo given to the template could not be cleaned of its metadata (it is damaged).
    /// `key` is the field.
    #[error("the photo of field {key} cannot be used")]
    Photo { key: String },
    /// The render did not finish within the wall-clock limit; the worker was killed.
    #[error("the render took more than {seconds} s")]
    Timeout { seconds: u64 },
    /// The render needed more memory than the worker may use; the worker was stopped.
    #[error("the render needed more than {limit_mb} MB")]
    OutOfMemory { limit_mb: u64 },
    /// The layout nested deeper than the worker's stack; the worker was stopped.
    #[error("the layout is nested too deeply")]
    TooDeep,
    /// The worker ended without an answer (a panic, a signal). `detail` is for logs.
    #[error("the renderer crashed: {detail}")]
    Crashed { detail: String },
    /// The worker process could not be started or did not answer as one.
    #[error("the renderer cannot start: {detail}")]
    WorkerUnavailable { detail: String },
    /// The data and photos of one render are over the protocol's cap.
    #[error("the render request is larger than {limit_mb} MB")]
    RequestTooLarge { limit_mb: u64 },
    /// A template of a pack failed its test render at import ([`crate::check_pack`]).
    #[error("template {template} at {size} fails: {cause}")]
    PackRejected {
        template: String,
        size: String,
        cause: Box<RenderError>,
    },
}

impl RenderError {
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::Template(e) => e.code(),
            RenderError::Typst { .. } => "typst",
            RenderError::TooManyPages { .. } => "too_many_pages",
            RenderError::PageTooLarge { .. } => "page_too_large",
            RenderError::Encode { .. } => "encode",
            RenderError::Photo { .. } => "photo",
            RenderError::Timeout { .. } => "timeout",
            RenderError::OutOfMemory { .. } => "out_of_memory",
            RenderError::TooDeep => "too_deep",
            RenderError::Crashed { .. } => "crashed",
            RenderError::WorkerUnavailable { .. } => "worker_unavailable",
            RenderError::RequestTooLarge { .. } => "request_too_large",
            RenderError::PackRejected { .. } => "pack_rejected",
        }
    }

    pub const CODES: [&'static str; 12] = [
        "typst",
        "too_many_pages",
        "page_too_large",
        "encode",
        "photo",
        "timeout",
        "out_of_memory",
        "too_deep",
        "crashed",
        "worker_unavailable",
        "request_too_large",
        "pack_rejected",
    ];

    pub fn message_id(&self) -> String {
        match self {
            RenderError::Template(e) => e.message_id(),
            other => format!("render-error-{}", other.code().replace('_', "-")),
        }
    }

    /// Whether the template itself is at fault (its layout hangs, grows or crashes), as opposed
    /// to the officer's data or the machine: the gallery shows such a template as broken.
    pub fn is_template_fault(&self) -> bool {
        matches!(
            self,
            RenderError::Typst { .. }
                | RenderError::PageTooLarge { .. }
                | RenderError::Timeout { .. }
                | RenderError::OutOfMemory { .. }
                | RenderError::TooDeep
                | RenderError::Crashed { .. }
                | RenderError::PackRejected { .. }
        )
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        let one = |k: &str, v: String| BTreeMap::from([(k.to_owned(), v)]);
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
            RenderError::TooManyPages { pages } => one("pages", pages.to_string()),
            RenderError::PageTooLarge {
                width,
                height,
                size,
            } => BTreeMap::from([
                ("width".to_owned(), width.to_string()),
                ("height".to_owned(), height.to_string()),
                ("size".to_owned(), size.clone()),
            ]),
            RenderError::Encode { detail }
            | RenderError::Crashed { detail }
            | RenderError::WorkerUnavailable { detail } => one("detail", detail.clone()),
            RenderError::Photo { key } => one("key", key.clone()),
            RenderError::Timeout { seconds } => one("seconds", seconds.to_string()),
            RenderError::OutOfMemory { limit_mb } | RenderError::RequestTooLarge { limit_mb } => {
                one("limit", limit_mb.to_string())
            }
            RenderError::TooDeep => BTreeMap::new(),
            RenderError::PackRejected {
                template,
                size,
                cause,
            } => {
                // The cause's own arguments come along (for `--json` and logs); `cause` picks
                // the sentence: a render fault by its code, a data problem as "data".
                let mut a = cause.args();
                let kind = match cause.as_ref() {
                    RenderError::Template(_) => "data".to_owned(),
                    c => c.code().replace('_', "-"),
                };
                a.insert("cause".to_owned(), kind);
                a.insert("template".to_owned(), template.clone());
                a.insert("size".to_owned(), size.clone());
                a
            }
        }
    }

    /// The field the error is about, when it is about one (the UI marks that input).
    pub fn field_key(&self) -> Option<&str> {
        match self {
            RenderError::Template(e) => e.field_key(),
            RenderError::Photo { key } => Some(key),
            _ => None,
        }
    }
}

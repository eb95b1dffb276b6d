//! `loa template …`: list, render, import, export, delete, and author mode (watch).
//!
//! Every render runs in a sandboxed worker process (`loa_render::IsolatedRenderer`: this same
//! executable started as `loa __render-worker`, with a time, memory and stack limit), so a
//! template that loops or explodes ends in one line and exit 1, never a hang or an abort. A
//! pack is test-rendered (`check_pack`) before any of it is stored.

use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use loa_core::{Lang, LoaError, Localizer, PackWatcher, Store, TemplateInfo};
use loa_render::{
    Format, IsolatedRenderer, Limits, RenderError, RenderOptions, Rendered, WorkerCommand,
    check_pack,
};
use loa_templates::{FieldType, Pack, RawData, Size};
use serde::Serialize;

use crate::Outcome;
use crate::args::{TemplateRenderArgs, TemplateWatchArgs};
use crate::out;

/// One field in `template list --json`.
#[derive(Debug, Serialize)]
struct FieldRow {
    key: String,
    #[serde(rename = "type")]
    kind: FieldType,
    required: bool,
    max_len: Option<u32>,
    max_items: Option<u32>,
    label_vi: String,
    label_en: String,
    /// The values a choice field accepts.
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<String>>,
    /// The labels of those values, in the same order.
    #[serde(skip_serializing_if = "Option::is_none")]
    option_labels: Option<Vec<Labels>>,
    /// The column keys of a table field (each row has one cell per column).
    #[serde(skip_serializing_if = "Option::is_none")]
    columns: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column_labels: Option<Vec<Labels>>,
}

#[derive(Debug, Serialize)]
struct Labels {
    vi: String,
    en: String,
}

/// One element of `template list --json`.
#[derive(Debug, Serialize)]
struct TemplateRow {
    id: String,
    version: u32,
    category: String,
    name_vi: String,
    name_en: String,
    origin: String,
    /// Hidden from the gallery (`loa template hide`).
    hidden: bool,
    fields: Vec<FieldRow>,
    sizes: Vec<String>,
}

fn row(t: &TemplateInfo) -> TemplateRow {
    let m = &t.manifest;
    TemplateRow {
        id: m.id.clone(),
        version: m.version,
        category: m.category.as_str().to_owned(),
        name_vi: m.name.vi.clone(),
        name_en: m.name.en.clone(),
        origin: t.origin.as_str().to_owned(),
        hidden: t.hidden,
        fields: m
            .fields
            .iter()
            .map(|f| {
                let choice = f.kind == FieldType::Choice;
                let table = f.kind == FieldType::Table;
                FieldRow {
                    key: f.key.clone(),
                    kind: f.kind,
                    required: f.required,
                    max_len: f.max_len,
                    max_items: f.max_items,
                    label_vi: f.label.vi.clone(),
                    label_en: f.label.en.clone(),
                    options: choice.then(|| f.options.iter().map(|o| o.value.clone()).collect()),
                    option_labels: choice.then(|| {
                        f.options
                            .iter()
                            .map(|o| Labels {
                                vi: o.label.vi.clone(),
                                en: o.label.en.clone(),
                            })
                            .collect()
                    }),
                    columns: table.then(|| f.columns.iter().map(|c| c.key.clone()).collect()),
                    column_labels: table.then(|| {
                        f.columns
                            .iter()
                            .map(|c| Labels {
                                vi: c.label.vi.clone(),
                                en: c.label.en.clone(),
                            })
                            .collect()
                    }),
                }
            })
            .collect(),
        sizes: m.sizes.iter().map(|s| s.as_str().to_owned()).collect(),
    }
}

pub fn list(store: &Store, l10n: &Localizer, json: bool) -> Result<Outcome, LoaError> {
    let templates = store.templates().list()?;
    if json {
        out::json(&templates.iter().map(row).collect::<Vec<_>>());
        return Ok(Outcome::Ok);
    }
    if templates.is_empty() {
        out::line(&l10n.msg("template-cli-none"));
    }
    for t in &templates {
        let m = &t.manifest;
        out::line(&l10n.msg_with(
            "template-cli-list-row",
            &[
                ("id", m.id.clone()),
                ("name", m.name.get(l10n.lang()).to_owned()),
                (
                    "category",
                    l10n.msg(&format!("template-category-{}", m.category.as_str())),
                ),
                ("version", m.version.to_string()),
            ],
        ));
    }
    Ok(Outcome::Ok)
}

/// Prints a render or data error as the one line `main` would, and says "exit 1".
fn fail(l10n: &Localizer, e: &RenderError) -> Outcome {
    eprintln!("loa: {}", one_line(&render_message(l10n, e)));
    Outcome::Partial
}

/// The sandboxed renderer (see the module's description).
fn isolated() -> Result<IsolatedRenderer, RenderError> {
    Ok(IsolatedRenderer::new(
        WorkerCommand::current_exe()?,
        Limits::default(),
    ))
}

fn render_message(l10n: &Localizer, e: &RenderError) -> String {
    let args = e.args();
    let mut line = l10n.format(&e.message_id(), &args);
    // The officer's sentence names the field by its label; a data file names it by its key, so
    // the command line says that too.
    if let Some(key) = args.get("key") {
        line.push(' ');
        line.push_str(&l10n.msg_with("template-cli-field-key", &[("key", key.clone())]));
    }
    line
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn parse_size(s: &str) -> Size {
    // clap checked the value against the same names.
    s.parse().unwrap_or(Size::Portrait)
}

/// The output format, from the extension of `out`; `None` (after saying why) otherwise.
fn format_of(l10n: &Localizer, out: &Path) -> Option<Format> {
    let f = Format::from_path(out);
    if f.is_none() {
        eprintln!(
            "loa: {}",
            l10n.msg_with(
                "template-cli-bad-extension",
                &[("out", out.display().to_string())]
            )
        );
    }
    f
}

#[derive(Debug, Serialize)]
struct RenderRow<'a> {
    id: &'a str,
    out: String,
    format: &'static str,
    lang: &'static str,
    size: &'static str,
    width: u32,
    height: u32,
    bytes: usize,
    ms: u128,
    caption: &'a str,
    warnings: &'a [String],
}

#[allow(clippy::too_many_arguments)]
fn render_once(
    renderer: &IsolatedRenderer,
    pack: &Pack,
    id: &str,
    data: &Path,
    lang: Lang,
    size: Size,
    format: Format,
) -> Result<Rendered, RenderError> {
    let raw = RawData::from_file(data)?;
    // A file is what gets posted: the smaller PNG is worth its few extra milliseconds.
    renderer.render_with(
        pack,
        id,
        &raw,
        lang,
        size,
        format,
        &RenderOptions::for_export(),
    )
}

pub fn render(
    store: &Store,
    l10n: &Localizer,
    a: &TemplateRenderArgs,
    lang: Lang,
    json: bool,
) -> Result<Outcome, LoaError> {
    let started = Instant::now();
    let Some(format) = format_of(l10n, &a.out) else {
        return Ok(Outcome::Partial);
    };
    let pack = store.templates().pack(&a.id)?;
    let size = parse_size(&a.size);
    let renderer = match isolated() {
        Ok(r) => r,
        Err(e) => return Ok(fail(l10n, &e)),
    };
    let rendered = match render_once(&renderer, &pack, &a.id, &a.data, lang, size, format) {
        Ok(r) => r,
        Err(e) => return Ok(fail(l10n, &e)),
    };
    if !out::file(l10n, &a.out, &rendered.bytes) {
        return Ok(Outcome::Partial);
    }
    let ms = started.elapsed().as_millis();
    if json {
        out::json(&RenderRow {
            id: &a.id,
            out: a.out.display().to_string(),
            format: format.as_str(),
            lang: lang.as_str(),
            size: size.as_str(),
            width: rendered.width_px,
            height: rendered.height_px,
            bytes: rendered.bytes.len(),
            ms,
            caption: &rendered.caption,
            warnings: &rendered.warnings,
        });
    } else if a.caption {
        out::line(&rendered.caption);
    } else {
        out::line(&l10n.msg_with(
            "template-cli-rendered",
            &[
                ("out", a.out.display().to_string()),
                ("width", rendered.width_px.to_string()),
                ("height", rendered.height_px.to_string()),
                ("bytes", rendered.bytes.len().to_string()),
                ("ms", ms.to_string()),
            ],
        ));
    }
    Ok(Outcome::Ok)
}

pub fn import(
    store: &Store,
    l10n: &Localizer,
    file: &Path,
    replace_own: bool,
    json: bool,
) -> Result<Outcome, LoaError> {
    let pack = Pack::from_zip_file(file)?;
    // Every template drawn at every size it declares before any of it is stored: a pack that
    // hangs or crashes its renderer is refused here, naming the template, instead of breaking
    // the gallery on every visit.
    if let Err(e) = isolated().and_then(|r| check_pack(&r, &pack).map(|_| ())) {
        return Ok(fail(l10n, &e));
    }
    let imported = match store.templates().import(&pack, replace_own) {
        // The officer's own template would be replaced: say how to confirm, on the same line.
        Err(e @ LoaError::TemplateIdTaken { own: true, .. }) => {
            eprintln!(
                "loa: {} {}",
                one_line(&l10n.error(&e)),
                l10n.msg("template-cli-replace-hint")
            );
            return Ok(Outcome::Partial);
        }
        other => other?,
    };
    if json {
        out::json(&imported.iter().map(row).collect::<Vec<_>>());
    } else {
        let ids: Vec<&str> = imported.iter().map(|t| t.manifest.id.as_str()).collect();
        out::line(&l10n.msg_with(
            "template-cli-imported",
            &[("count", ids.len().to_string()), ("ids", ids.join(", "))],
        ));
    }
    Ok(Outcome::Ok)
}

pub fn export(
    store: &Store,
    l10n: &Localizer,
    ids: &[String],
    file: &Path,
) -> Result<Outcome, LoaError> {
    store.templates().export_pack(ids, file)?;
    out::line(&l10n.msg_with(
        "template-cli-exported",
        &[
            ("count", ids.len().to_string()),
            ("out", file.display().to_string()),
        ],
    ));
    Ok(Outcome::Ok)
}

/// Removes the officer's or imported templates; a built-in one is refused (it would come back
/// with the next start).
pub fn delete(store: &Store, l10n: &Localizer, ids: &[String]) -> Result<Outcome, LoaError> {
    for id in ids {
        store.templates().delete(id)?;
        out::line(&l10n.msg_with("template-cli-deleted", &[("id", id.clone())]));
    }
    Ok(Outcome::Ok)
}

/// Hides templates from the gallery (`hidden`), or shows them again.
pub fn hide(
    store: &Store,
    l10n: &Localizer,
    ids: &[String],
    hidden: bool,
) -> Result<Outcome, LoaError> {
    let said = if hidden {
        "template-cli-hidden"
    } else {
        "template-cli-shown"
    };
    for id in ids {
        store.templates().set_hidden(id, hidden)?;
        out::line(&l10n.msg_with(said, &[("id", id.clone())]));
    }
    Ok(Outcome::Ok)
}

/// Author mode: renders on start and after every save until interrupted.
pub fn watch(l10n: &Localizer, a: &TemplateWatchArgs, lang: Lang) -> Result<Outcome, LoaError> {
    let Some(format) = format_of(l10n, &a.out) else {
        return Ok(Outcome::Partial);
    };
    let size = parse_size(&a.size);
    // The watcher calls back on its own thread; rendering and printing stay here, where the
    // messages are.
    let (tx, rx) = mpsc::channel();
    let _watcher = PackWatcher::start(&a.dir, move |event| {
        let _ = tx.send(event);
    })?;
    out::line(&l10n.msg_with(
        "template-cli-watching",
        &[
            ("dir", a.dir.display().to_string()),
            ("out", a.out.display().to_string()),
        ],
    ));
    let renderer = match isolated() {
        Ok(r) => r,
        Err(e) => return Ok(fail(l10n, &e)),
    };
    for event in rx {
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        let started = Instant::now();
        let result = event
            .pack
            .map_err(RenderError::from)
            .and_then(|pack| render_once(&renderer, &pack, &a.id, &a.data, lang, size, format));
        match result {
            Ok(r) => {
                if out::file(l10n, &a.out, &r.bytes) {
                    out::line(&l10n.msg_with(
                        "template-cli-watch-rendered",
                        &[
                            ("time", time),
                            ("out", a.out.display().to_string()),
                            ("ms", started.elapsed().as_millis().to_string()),
                        ],
                    ));
                    for w in &r.warnings {
                        eprintln!("  {w}");
                    }
                }
            }
            Err(e) => out::line(&l10n.msg_with(
                "template-cli-watch-failed",
                &[
                    ("time", time),
                    ("reason", one_line(&render_message(l10n, &e))),
                ],
            )),
        }
    }
    Ok(Outcome::Ok)
}

/// The core's "draft from a template" (`loa series fill` of a section with a template) drawn in
/// the sandboxed worker, like every render of the command line.
#[derive(Debug)]
pub struct SandboxRenderer(IsolatedRenderer);

impl SandboxRenderer {
    /// The worker starts on the first render, so a section without a template costs nothing.
    pub fn new() -> Result<Self, LoaError> {
        isolated().map(Self).map_err(core_error)
    }
}

impl loa_core::TemplateRenderer for SandboxRenderer {
    fn render_png(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        _options: loa_core::RasterOptions,
    ) -> Result<loa_core::RenderedImage, LoaError> {
        // A file that gets posted: the export's pixel density and compact PNG, whatever asked.
        let r = self
            .0
            .render_with(
                pack,
                id,
                raw,
                lang,
                size,
                Format::Png,
                &RenderOptions::for_export(),
            )
            .map_err(core_error)?;
        Ok(loa_core::RenderedImage {
            render_ms: r.timings.total().as_secs_f64() * 1000.0,
            png: r.bytes,
            width: r.width_px,
            height: r.height_px,
            caption: r.caption,
        })
    }
}

/// A render error in the core's terms: a data error keeps its field, a layout error its
/// `render-error-<code>` sentence.
pub fn core_error(e: RenderError) -> LoaError {
    match e {
        RenderError::Template(t) => LoaError::Template(t),
        other => LoaError::Render {
            code: other.code().to_owned(),
            message_id: other.message_id(),
            args: other.args(),
        },
    }
}

//! Template commands: one-line adapters over the core's template functions, with the renderer
//! (`loa-render`, Typst in a sandboxed worker process) plugged in through
//! [`loa_core::TemplateRenderer`].
//!
//! Renders run on the blocking pool: Typst takes tens of milliseconds per page, which must not
//! hold up the async threads that answer the rest of the window.

use std::sync::Arc;

use loa_core::{
    IpcError, Lang, LoaError, RasterOptions, RenderedImage, TemplateData, TemplateDraft,
    TemplateInfo, TemplatePreview, TemplateRenderer, TemplateRequest,
};
use loa_render::{
    Format, IsolatedRenderer, Limits, PngCompression, RenderError, RenderOptions, WorkerCommand,
};
use loa_templates::{Pack, RawData, Size};
use tauri::State;

use crate::Core;
use crate::commands::{RawBytes, blocking};

type Res<T> = Result<T, IpcError>;

/// `loa-render`'s worker behind the core's renderer trait.
#[derive(Debug, Clone)]
pub struct TypstRenderer(pub Arc<IsolatedRenderer>);

/// A renderer whose worker is this executable (`main` hands `__render-worker` to
/// `loa_render::run_worker_if_asked` before anything else). Should the executable's path be
/// unknown, every render answers "the renderer could not start" instead of the app failing.
pub fn isolated_renderer() -> IsolatedRenderer {
    let command = WorkerCommand::current_exe()
        .unwrap_or_else(|_| WorkerCommand::new(std::path::PathBuf::from("loa-app")));
    IsolatedRenderer::new(command, Limits::default())
}

impl TemplateRenderer for TypstRenderer {
    fn render_png(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        options: RasterOptions,
    ) -> Result<RenderedImage, LoaError> {
        let options = RenderOptions {
            pixel_per_pt: options.pixel_per_pt,
            png_compression: if options.compact {
                PngCompression::Balanced
            } else {
                PngCompression::Fast
            },
        };
        let r = self
            .0
            .render_with(pack, id, raw, lang, size, Format::Png, &options)
            .map_err(render_error)?;
        Ok(RenderedImage {
            render_ms: (r.timings.total().as_secs_f64() * 10_000.0).round() / 10.0,
            png: r.bytes,
            width: r.width_px,
            height: r.height_px,
            caption: r.caption,
        })
    }
}

/// A render error in the core's terms: data errors keep their field (`args.key`) and their own
/// sentence; layout errors carry `render-error-<code>` from `templates.ftl`.
pub fn render_error(e: RenderError) -> LoaError {
    match e {
        RenderError::Template(t) => LoaError::Template(t),
        other => LoaError::Render {
            code: other.code().to_owned(),
            message_id: other.message_id(),
            args: other.args(),
        },
    }
}

/// A preview as one raw binary body: a 4-byte big-endian length, the
/// [`loa_core::TemplatePreviewInfo`] as JSON, then the PNG. One round trip, and the image is not
/// turned into a JSON array of numbers. `ui/src/lib/templates.ts` reads it.
fn preview_body(p: &TemplatePreview) -> Result<RawBytes, LoaError> {
    let info = serde_json::to_vec(&p.info).map_err(|e| LoaError::Render {
        code: "preview".to_owned(),
        message_id: loa_core::ErrorCode::Render.message_id().to_owned(),
        args: std::collections::BTreeMap::from([("detail".to_owned(), e.to_string())]),
    })?;
    let len = u32::try_from(info.len()).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(4 + info.len() + p.png.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&info);
    out.extend_from_slice(&p.png);
    Ok(RawBytes(out))
}

#[tauri::command]
#[specta::specta]
pub async fn list_templates(core: State<'_, Core>) -> Res<Vec<TemplateInfo>> {
    Ok(core.store()?.templates().list()?)
}

/// The template's sample data in `lang` as its pack ships it: the form's grey placeholders and
/// what the preview draws for a required field still blank.
#[tauri::command]
#[specta::specta]
pub async fn template_sample(core: State<'_, Core>, id: String, lang: Lang) -> Res<TemplateData> {
    Ok(core.store()?.templates().pack_sample(&id, lang)?)
}

/// What the commune profile fills in the template's form (the commune, its province, its logo).
#[tauri::command]
#[specta::specta]
pub async fn template_prefill(core: State<'_, Core>, id: String, lang: Lang) -> Res<TemplateData> {
    Ok(core.store()?.templates().prefill(&id, lang)?)
}

/// The gallery card's image, a PNG made once per template version and kept in the profile.
#[tauri::command]
#[specta::specta]
pub async fn template_thumbnail(core: State<'_, Core>, id: String, lang: Lang) -> Res<RawBytes> {
    let (store, r) = (core.shared_store()?, core.gallery_renderer());
    blocking(move || store.templates().thumbnail(&r, &id, lang))
        .await
        .map(RawBytes)
}

/// The live preview: see [`preview_body`] for the answer's layout.
#[tauri::command]
#[specta::specta]
pub async fn template_preview(core: State<'_, Core>, request: TemplateRequest) -> Res<RawBytes> {
    let (store, r) = (core.shared_store()?, core.renderer());
    blocking(move || preview_body(&store.templates().preview(&r, &request)?)).await
}

/// "Create draft": the draft with the caption and the rendered image attached.
#[tauri::command]
#[specta::specta]
pub async fn create_template_draft(
    core: State<'_, Core>,
    request: TemplateRequest,
) -> Res<TemplateDraft> {
    let (store, r) = (core.shared_store()?, core.renderer());
    blocking(move || store.templates().create_draft(&r, &request)).await
}

/// Removes an imported or own template; a built-in one is refused (`TemplateBuiltin`).
#[tauri::command]
#[specta::specta]
pub async fn delete_template(core: State<'_, Core>, id: String) -> Res<()> {
    Ok(core.store()?.templates().delete(&id)?)
}

/// Hides a template from the gallery (how a built-in one is put away), or shows it again.
#[tauri::command]
#[specta::specta]
pub async fn set_template_hidden(
    core: State<'_, Core>,
    id: String,
    hidden: bool,
) -> Res<TemplateInfo> {
    Ok(core.store()?.templates().set_hidden(&id, hidden)?)
}

//! Template commands: one-line adapters over the core's template functions, with the renderer
//! (`loa-render`, Typst) plugged in through [`loa_core::TemplateRenderer`].
//!
//! Renders run on the blocking pool: Typst takes tens of milliseconds per page, which must not
//! hold up the async threads that answer the rest of the window.

use std::sync::{Arc, OnceLock};

use loa_core::{
    ErrorCode, IpcError, Lang, LoaError, RasterOptions, RenderedImage, TemplateData, TemplateDraft,
    TemplateInfo, TemplatePreview, TemplateRenderer, TemplateRequest,
};
use loa_render::{Format, PngCompression, RenderError, RenderOptions, Renderer};
use loa_templates::{Pack, RawData, Size};
use tauri::State;
use tauri::ipc::{InvokeResponseBody, IpcResponse};

use crate::Core;

type Res<T> = Result<T, IpcError>;

/// `loa-render` behind the core's renderer trait. The renderer is made by the first render, on
/// the render thread, and shared by all later ones so Typst's caches stay warm.
#[derive(Debug, Clone)]
pub struct TypstRenderer(pub Arc<OnceLock<Renderer>>);

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
            .get_or_init(Renderer::new)
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

/// PNG bytes sent as a raw binary body (an `ArrayBuffer` in JavaScript), like
/// [`crate::commands::JpegBytes`].
#[derive(Debug)]
pub struct PngBytes(pub Vec<u8>);

impl IpcResponse for PngBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

impl specta::Type for PngBytes {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <Vec<u8> as specta::Type>::definition(types)
    }
}

/// A preview sent as one raw binary body: a 4-byte big-endian length, the
/// [`loa_core::TemplatePreviewInfo`] as JSON, then the PNG. One round trip, and the image is not
/// turned into a JSON array of numbers. `ui/src/lib/templates.ts` reads it.
#[derive(Debug)]
pub struct PreviewBytes(pub TemplatePreview);

impl IpcResponse for PreviewBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        let info = serde_json::to_vec(&self.0.info)?;
        let len = u32::try_from(info.len()).unwrap_or(u32::MAX);
        let mut out = Vec::with_capacity(4 + info.len() + self.0.png.len());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&info);
        out.extend_from_slice(&self.0.png);
        Ok(InvokeResponseBody::Raw(out))
    }
}

impl specta::Type for PreviewBytes {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <Vec<u8> as specta::Type>::definition(types)
    }
}

/// Runs a render off the async threads. A render thread that panicked is an internal error.
async fn render<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, LoaError> + Send + 'static,
) -> Res<T> {
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(result) => result.map_err(IpcError::from),
        Err(_) => Err(IpcError {
            code: ErrorCode::Internal,
            message_id: ErrorCode::Internal.message_id().to_owned(),
            args: Default::default(),
        }),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn list_templates(core: State<'_, Core>) -> Res<Vec<TemplateInfo>> {
    Ok(core.store()?.templates().list()?)
}

/// The template's sample data in `lang`, to prefill the form.
#[tauri::command]
#[specta::specta]
pub async fn template_sample(core: State<'_, Core>, id: String, lang: Lang) -> Res<TemplateData> {
    Ok(core.store()?.templates().sample(&id, lang)?)
}

/// The gallery card's image, a PNG made once per template version and kept in the profile.
#[tauri::command]
#[specta::specta]
pub async fn template_thumbnail(core: State<'_, Core>, id: String, lang: Lang) -> Res<PngBytes> {
    let (store, r) = (core.shared_store()?, core.renderer());
    render(move || store.templates().thumbnail(&r, &id, lang))
        .await
        .map(PngBytes)
}

/// The live preview: see [`PreviewBytes`] for the answer's layout.
#[tauri::command]
#[specta::specta]
pub async fn template_preview(
    core: State<'_, Core>,
    request: TemplateRequest,
) -> Res<PreviewBytes> {
    let (store, r) = (core.shared_store()?, core.renderer());
    render(move || store.templates().preview(&r, &request))
        .await
        .map(PreviewBytes)
}

/// "Create draft": the draft with the caption and the rendered image attached.
#[tauri::command]
#[specta::specta]
pub async fn create_template_draft(
    core: State<'_, Core>,
    request: TemplateRequest,
) -> Res<TemplateDraft> {
    let (store, r) = (core.shared_store()?, core.renderer());
    render(move || store.templates().create_draft(&r, &request)).await
}

//! The reusable renderer: fonts parsed once, each pack's files turned into Typst sources once,
//! and Typst's own caches kept warm between renders, so re-rendering while the officer types
//! costs only what changed.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Dict, IntoValue, Smart};
use typst::utils::{LazyHash, Scalar};
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use loa_templates::{Lang, Pack, RawData, Size, prepare};

use crate::RenderError;
use crate::fonts::Fonts;
use crate::world::{PackFiles, PackWorld, file_id};

/// The file a render produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
#[serde(rename = "RenderFormat")]
pub enum Format {
    Png,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name asks for, by its extension (`.png`, `.pdf`, any case).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// How hard the PNG encoder works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum PngCompression {
    /// A few milliseconds; files about a third larger. For the live preview.
    #[default]
    Fast,
    /// Smaller files for posting over a weak link; several times slower to encode.
    Balanced,
}

/// Options of a render. The defaults are those of the live preview.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// Pixels per typographic point for PNG. Default 2: the contract's sizes (540×675 pt →
    /// 1080×1350 px).
    pub pixel_per_pt: f32,
    /// Default [`PngCompression::Fast`].
    pub png_compression: PngCompression,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            pixel_per_pt: 2.0,
            png_compression: PngCompression::Fast,
        }
    }
}

impl RenderOptions {
    /// Options for a file that will be posted: same pixels, smaller PNG.
    pub fn for_export() -> Self {
        Self {
            png_compression: PngCompression::Balanced,
            ..Self::default()
        }
    }
}

/// Where the time of a render went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timings {
    /// Checking the data, photos, QR code, caption.
    pub prepare: Duration,
    /// Typst: evaluating and laying out the page.
    pub compile: Duration,
    /// Rasterising (PNG) or writing the PDF.
    pub draw: Duration,
    /// Encoding the PNG (zero for PDF).
    pub encode: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.prepare + self.compile + self.draw + self.encode
    }
}

/// A finished render.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub format: Format,
    /// Pixels for PNG; for PDF the page size in points (1/72 inch), rounded.
    pub width_px: u32,
    pub height_px: u32,
    /// The post text for the same data and language.
    pub caption: String,
    /// Things a template author should see (Typst warnings, unknown data keys). Empty for a
    /// good template and good data.
    pub warnings: Vec<String>,
    pub timings: Timings,
}

/// The start of the warning for text that runs off the page or out of its clipping box.
pub const TEXT_CUT_WARNING: &str = "text runs off the page or out of its box";

/// The layout's data as a file (the same JSON as `sys.inputs.data`): `json("/.inputs/data.json")`.
/// Reading it rather than `sys.inputs.data` lets Typst reuse its work between renders.
pub const DATA_FILE: &str = ".inputs/data.json";

/// How many packs keep their parsed files (the built-in pack, one being authored, one imported).
const PACKS_KEPT: usize = 4;
/// Typst's caches drop results unused for this many renders.
const CACHE_MAX_AGE: usize = 10;

#[derive(Default)]
struct Cache {
    /// Most recently used first, by pack hash.
    packs: Vec<(String, Arc<PackFiles>)>,
    /// The last render's inputs by virtual path: reused when the bytes are the same, so Typst
    /// does not hash and decode a photo again on every keystroke.
    inputs: HashMap<String, Bytes>,
    /// The last photos cleaned of their metadata, by their original bytes.
    photos: crate::photos::Stripped,
}

/// One render as the worker receives it: the data checked and turned into the layout's JSON,
/// the photos read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Job<'a> {
    pub pack: &'a Pack,
    pub template: &'a str,
    pub data_json: &'a str,
    pub inputs: &'a BTreeMap<String, Vec<u8>>,
    pub size: Size,
    pub format: Format,
    pub options: RenderOptions,
}

/// What drawing a [`Job`] gives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drawn {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub warnings: Vec<String>,
    pub compile: Duration,
    pub draw: Duration,
    pub encode: Duration,
}

impl Drawn {
    pub fn into_rendered(
        self,
        caption: String,
        mut warnings: Vec<String>,
        prepare: Duration,
        format: Format,
    ) -> Rendered {
        warnings.extend(self.warnings);
        Rendered {
            bytes: self.bytes,
            format,
            width_px: self.width,
            height_px: self.height,
            caption,
            warnings,
            timings: Timings {
                prepare,
                compile: self.compile,
                draw: self.draw,
                encode: self.encode,
            },
        }
    }
}

/// Checks and prepares the data of a render, then has `draw` lay it out and draw it: the one
/// body of [`Renderer::render_with`] (in this process) and
/// [`crate::IsolatedRenderer::render_with`] (in the worker).
#[allow(clippy::too_many_arguments)]
pub(crate) fn prepare_and_draw(
    pack: &Pack,
    id: &str,
    raw: &RawData,
    lang: Lang,
    size: Size,
    format: Format,
    options: &RenderOptions,
    draw: impl FnOnce(&Job<'_>) -> Result<Drawn, RenderError>,
) -> Result<Rendered, RenderError> {
    let t = Instant::now();
    let prepared = prepare(pack, id, raw, lang, size)?;
    let prepare_time = t.elapsed();
    let job = Job {
        pack,
        template: id,
        data_json: &prepared.data_json,
        inputs: &prepared.inputs,
        size,
        format,
        options: *options,
    };
    let drawn = draw(&job)?;
    Ok(drawn.into_rendered(prepared.caption, prepared.warnings, prepare_time, format))
}

/// Layouts may be a little smaller than declared (a margin rounding), never larger.
const PAGE_SLACK_PT: f64 = 1.0;
/// No PNG larger than this many pixels is drawn, whatever the options ask (an A3 page at
/// 2 px/pt is 4 million).
pub(crate) const MAX_PNG_PIXELS: f64 = 40_000_000.0;

/// A page size in whole points for messages; absurd sizes are capped, never wrapped.
pub(crate) fn points(pt: f64) -> u32 {
    if pt.is_finite() && pt > 0.0 {
        pt.round().min(f64::from(u32::MAX)) as u32
    } else if pt > 0.0 {
        u32::MAX
    } else {
        0
    }
}

/// Refuses a laid-out page larger than `size`, or a PNG of it over [`MAX_PNG_PIXELS`].
fn check_page(
    page: &typst_layout::Page,
    size: Size,
    format: Format,
    pixel_per_pt: f32,
) -> Result<(), RenderError> {
    let (max_w, max_h) = size.page_pt();
    let got = page.frame.size();
    let (w, h) = (got.x.to_pt(), got.y.to_pt());
    let ppp = f64::from(pixel_per_pt);
    let pixels = w * ppp * h * ppp;
    let too_large = !(w.is_finite() && h.is_finite())
        || w > max_w + PAGE_SLACK_PT
        || h > max_h + PAGE_SLACK_PT
        || (format == Format::Png && (pixels.is_nan() || pixels > MAX_PNG_PIXELS));
    if too_large {
        return Err(RenderError::PageTooLarge {
            width: points(w),
            height: points(h),
            size: size.as_str().to_owned(),
        });
    }
    Ok(())
}

/// Renders templates. Make one and keep it: the first render parses fonts and warms Typst's
/// caches; later ones of the same template take a fraction of the time.
pub struct Renderer {
    pub(crate) fonts: Fonts,
    /// The standard library without inputs, shared by every render of packs that read their
    /// data from [`DATA_FILE`] and by documents.
    pub(crate) library: LazyHash<Library>,
    cache: Mutex<Cache>,
    renders: AtomicU64,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("fonts", &self.fonts.families())
            .field("renders", &self.renders.load(Ordering::Relaxed))
            .finish()
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    pub fn new() -> Self {
        Self {
            fonts: Fonts::load(),
            library: LazyHash::new(Library::builder().build()),
            cache: Mutex::new(Cache::default()),
            renders: AtomicU64::new(0),
        }
    }

    /// The font families layouts can use (Be Vietnam Pro, Noto Sans).
    pub fn font_families(&self) -> Vec<String> {
        self.fonts.families()
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        // The cache holds only derived data; after a panic elsewhere it is still consistent.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Renders template `id` of `pack` with the officer's `raw` data, with the preview options.
    pub fn render(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        format: Format,
    ) -> Result<Rendered, RenderError> {
        self.render_with(pack, id, raw, lang, size, format, &RenderOptions::default())
    }

    /// [`Renderer::render`] with explicit options.
    #[allow(clippy::too_many_arguments)]
    pub fn render_with(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        format: Format,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        prepare_and_draw(pack, id, raw, lang, size, format, options, |job| {
            self.draw(job)
        })
    }

    /// Lays out and draws one prepared render: Typst, the page checks, then the PNG or PDF.
    /// This is what the render worker runs; the checking of the data (and the caption) happen
    /// before, where the request is made.
    pub(crate) fn draw(&self, job: &Job<'_>) -> Result<Drawn, RenderError> {
        let Job {
            pack,
            template: id,
            size,
            format,
            options,
            ..
        } = *job;
        let t = Instant::now();
        let mut input_files: Vec<(&str, &[u8])> = job
            .inputs
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        input_files.push((DATA_FILE, job.data_json.as_bytes()));
        let (files, inputs) = self.files_for(pack, &input_files)?;
        let main = file_id(&format!("{id}/{}", loa_templates::pack::LAYOUT)).ok_or_else(|| {
            RenderError::Typst {
                message: format!("bad template id {id}"),
                file: None,
                line: None,
            }
        })?;
        // The contract's `sys.inputs.data` lives in the standard library, so a pack that reads
        // it needs a new library per render; one that reads `/.inputs/data.json` shares ours.
        let per_render;
        let library = if files.uses_sys_inputs {
            per_render = LazyHash::new(
                Library::builder()
                    .with_inputs(Dict::from_iter([(
                        "data".into(),
                        job.data_json.into_value(),
                    )]))
                    .build(),
            );
            &per_render
        } else {
            &self.library
        };
        let world = PackWorld {
            library,
            fonts: &self.fonts,
            main,
            files,
            inputs: &inputs,
        };
        let Warned {
            output,
            warnings: typst_warnings,
        } = typst::compile::<PagedDocument>(&world);
        let mut warnings: Vec<String> =
            typst_warnings.iter().map(|w| describe(&world, w)).collect();
        let document = output.map_err(|errors| typst_error(&world, &errors))?;
        let compile = t.elapsed();
        self.after_render();

        let pages = document.pages();
        let [page] = pages else {
            return Err(RenderError::TooManyPages { pages: pages.len() });
        };
        // Before a pixel is drawn: a page larger than declared (a 30000 pt or 400,000,000 pt
        // page) would ask the rasteriser for gigabytes, or more than it can address.
        check_page(page, size, format, options.pixel_per_pt)?;
        let cut = crate::fit::text_outside(page);
        if !cut.is_empty() {
            warnings.push(format!("{TEXT_CUT_WARNING}: {cut:?}"));
        }
        match format {
            Format::Png => {
                let t = Instant::now();
                let pixmap = typst_render::render(
                    page,
                    &typst_render::RenderOptions {
                        pixel_per_pt: Scalar::new(f64::from(options.pixel_per_pt)),
                        render_bleed: false,
                    },
                );
                let draw = t.elapsed();
                let t = Instant::now();
                let (width, height) = (pixmap.width(), pixmap.height());
                let bytes =
                    crate::png::encode(pixmap.data(), width, height, options.png_compression)?;
                Ok(Drawn {
                    bytes,
                    width,
                    height,
                    warnings,
                    compile,
                    draw,
                    encode: t.elapsed(),
                })
            }
            Format::Pdf => {
                let t = Instant::now();
                let pdf_options = typst_pdf::PdfOptions {
                    ident: Smart::Custom(format!("loa/{}/{id}", pack.id())),
                    ..typst_pdf::PdfOptions::default()
                };
                let bytes = typst_pdf::pdf(&document, &pdf_options)
                    .map_err(|errors| typst_error(&world, &errors))?;
                let size = page.frame.size();
                Ok(Drawn {
                    bytes,
                    width: points(size.x.to_pt()),
                    height: points(size.y.to_pt()),
                    warnings,
                    compile,
                    draw: t.elapsed(),
                    encode: Duration::ZERO,
                })
            }
        }
    }

    /// The pack's Typst files (parsed once per pack) and this render's inputs (reusing the last
    /// render's bytes when an input did not change). JPEG photos are replaced by copies without
    /// their metadata (see [`crate::photos`]).
    fn files_for(
        &self,
        pack: &Pack,
        inputs: &[(&str, &[u8])],
    ) -> Result<(Arc<PackFiles>, HashMap<typst::syntax::FileId, Bytes>), RenderError> {
        let mut cache = self.cache();
        let files = match cache.packs.iter().position(|(h, _)| h == pack.hash()) {
            Some(i) => {
                let entry = cache.packs.remove(i);
                let files = entry.1.clone();
                cache.packs.insert(0, entry);
                files
            }
            None => {
                let files = Arc::new(PackFiles::new(pack));
                cache
                    .packs
                    .insert(0, (pack.hash().to_owned(), files.clone()));
                cache.packs.truncate(PACKS_KEPT);
                files
            }
        };
        let mut by_id = HashMap::new();
        let mut kept = HashMap::new();
        for &(path, data) in inputs {
            let bytes = if crate::photos::is_jpeg_input(path) {
                cache.photos.stripped(path, data)?
            } else {
                match cache.inputs.get(path) {
                    Some(b) if b.as_slice() == data => b.clone(),
                    _ => Bytes::new(data.to_vec()),
                }
            };
            if let Some(id) = file_id(path) {
                by_id.insert(id, bytes.clone());
            }
            kept.insert(path.to_owned(), bytes);
        }
        cache.inputs = kept;
        Ok((files, by_id))
    }

    pub(crate) fn after_render(&self) {
        self.renders.fetch_add(1, Ordering::Relaxed);
        // Without eviction a long session would keep every intermediate result of every
        // keystroke; what the current template needs is used every render and stays.
        comemo::evict(CACHE_MAX_AGE);
    }

    /// Drops Typst's caches and the parsed packs (when the officer leaves the template editor).
    pub fn clear_caches(&self) {
        let mut cache = self.cache();
        cache.packs.clear();
        cache.inputs.clear();
        cache.photos = crate::photos::Stripped::default();
        comemo::evict(0);
    }
}

/// A diagnostic as one line: the message, its hints, and where it is.
pub(crate) fn describe(world: &PackWorld<'_>, d: &SourceDiagnostic) -> String {
    let (file, line) = locate(world, d);
    let mut s = d.message.to_string();
    for hint in &d.hints {
        s.push_str(" (hint: ");
        s.push_str(&hint.v);
        s.push(')');
    }
    match (file, line) {
        (Some(f), Some(l)) => format!("{f}:{l}: {s}"),
        (Some(f), None) => format!("{f}: {s}"),
        _ => s,
    }
}

fn locate(world: &PackWorld<'_>, d: &SourceDiagnostic) -> (Option<String>, Option<usize>) {
    let Some(id) = d.span.id() else {
        return (None, None);
    };
    let file = id.vpath().get_without_slash().to_owned();
    let line = world.range(d.span).and_then(|range| {
        world
            .source(id)
            .ok()?
            .lines()
            .byte_to_line(range.start)
            .map(|l| l + 1)
    });
    (Some(file), line)
}

pub(crate) fn typst_error(world: &PackWorld<'_>, errors: &[SourceDiagnostic]) -> RenderError {
    let first = errors
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(errors.first());
    match first {
        Some(d) => {
            let (file, line) = locate(world, d);
            let mut message = d.message.to_string();
            for hint in &d.hints {
                message.push_str(" (hint: ");
                message.push_str(&hint.v);
                message.push(')');
            }
            RenderError::Typst {
                message,
                file,
                line,
            }
        }
        None => RenderError::Typst {
            message: "unknown error".to_owned(),
            file: None,
            line: None,
        },
    }
}

//! The reusable renderer: fonts parsed once, each pack's files turned into Typst sources once,
//! and Typst's own caches kept warm between renders, so re-rendering while the officer types
//! costs only what changed.

use std::collections::HashMap;
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
    /// The last render's photos by virtual path: reused when the bytes are the same, so Typst
    /// does not hash and decode a photo again on every keystroke.
    inputs: HashMap<String, Bytes>,
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
        let mut timings = Timings::default();
        let t = Instant::now();
        let prepared = prepare(pack, id, raw, lang, size)?;
        let mut warnings = prepared.warnings;
        timings.prepare = t.elapsed();

        let t = Instant::now();
        let mut input_files = prepared.inputs;
        input_files.insert(
            DATA_FILE.to_owned(),
            prepared.data_json.clone().into_bytes(),
        );
        let (files, inputs) = self.files_for(pack, input_files);
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
                        prepared.data_json.as_str().into_value(),
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
        warnings.extend(typst_warnings.iter().map(|w| describe(&world, w)));
        let document = output.map_err(|errors| typst_error(&world, &errors))?;
        timings.compile = t.elapsed();
        self.after_render();

        let pages = document.pages();
        let [page] = pages else {
            return Err(RenderError::TooManyPages { pages: pages.len() });
        };
        let cut = crate::fit::text_outside(page);
        if !cut.is_empty() {
            warnings.push(format!("{TEXT_CUT_WARNING}: {cut:?}"));
        }
        let rendered = match format {
            Format::Png => {
                let t = Instant::now();
                let pixmap = typst_render::render(
                    page,
                    &typst_render::RenderOptions {
                        pixel_per_pt: Scalar::new(f64::from(options.pixel_per_pt)),
                        render_bleed: false,
                    },
                );
                timings.draw = t.elapsed();
                let t = Instant::now();
                let (width, height) = (pixmap.width(), pixmap.height());
                let bytes =
                    crate::png::encode(pixmap.data(), width, height, options.png_compression)?;
                timings.encode = t.elapsed();
                Rendered {
                    bytes,
                    format,
                    width_px: width,
                    height_px: height,
                    caption: prepared.caption,
                    warnings,
                    timings,
                }
            }
            Format::Pdf => {
                let t = Instant::now();
                let pdf_options = typst_pdf::PdfOptions {
                    ident: Smart::Custom(format!("loa/{}/{id}", pack.id())),
                    ..typst_pdf::PdfOptions::default()
                };
                let bytes = typst_pdf::pdf(&document, &pdf_options)
                    .map_err(|errors| typst_error(&world, &errors))?;
                timings.draw = t.elapsed();
                let size = page.frame.size();
                Rendered {
                    bytes,
                    format,
                    width_px: size.x.to_pt().round() as u32,
                    height_px: size.y.to_pt().round() as u32,
                    caption: prepared.caption,
                    warnings,
                    timings,
                }
            }
        };
        Ok(rendered)
    }

    /// The pack's Typst files (parsed once per pack) and this render's photos (reusing the last
    /// render's bytes when a photo did not change).
    fn files_for(
        &self,
        pack: &Pack,
        inputs: std::collections::BTreeMap<String, Vec<u8>>,
    ) -> (Arc<PackFiles>, HashMap<typst::syntax::FileId, Bytes>) {
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
        for (path, data) in inputs {
            let bytes = match cache.inputs.get(&path) {
                Some(b) if b.as_slice() == data.as_slice() => b.clone(),
                _ => Bytes::new(data),
            };
            if let Some(id) = file_id(&path) {
                by_id.insert(id, bytes.clone());
            }
            kept.insert(path, bytes);
        }
        cache.inputs = kept;
        (files, by_id)
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

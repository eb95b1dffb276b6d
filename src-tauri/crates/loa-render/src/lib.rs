//! # loa-render
//!
//! Renders Loa templates with Typst: PNG at the social sizes (1080×1350, 1080×1080,
//! 1200×630) and PDF for print (A4, A3), with the bundled fonts only, so a poster is the same
//! on every machine.
//!
//! Hosts render through an [`IsolatedRenderer`]: the data is checked in the host, and Typst
//! runs in a worker process with a wall-clock limit, a memory limit and a large stack, so a
//! template that loops, grows without end or crashes gives a typed error and Loa goes on
//! ([`isolated`], [`worker`], [`protocol`]). A host binary makes itself able to be that worker
//! by calling [`run_worker_if_asked`] first thing in `main`. [`check_pack`] test-renders a
//! pack's templates before it is imported.
//!
//! A [`Renderer`] is the engine inside the worker (and in benchmarks and tests): made once and
//! reused, it keeps the fonts, each pack's parsed files and Typst's caches, so the preview
//! re-renders in milliseconds while the officer types. The Typst world it builds can read the
//! pack's files and the officer's photos and nothing else (see [`world`]); JPEG photos lose
//! their metadata first ([`photos`]); a page larger than the template declares is refused before
//! it is drawn.
//!
//! It also renders documents that are not templates — a report of several pages — in the same
//! sealed world ([`Renderer::render_document`]).
//!
//! What it deliberately does not know: where packs are stored (`loa-core`), how data is checked
//! (`loa-templates`, called before every render), and the UI.

pub mod check;
pub mod document;
pub mod error;
mod fit;
mod fonts;
pub mod isolated;
pub mod photos;
mod png;
pub mod protocol;
pub mod renderer;
pub mod worker;
pub mod world;

pub use check::{PackCheck, check_pack, check_pack_with};
pub use document::{DOCUMENT_MAIN, Document, RenderedDocument};
pub use error::RenderError;
pub use isolated::{IsolatedRenderer, Limits, WorkerCommand};
pub use renderer::{
    DATA_FILE, Format, PngCompression, RenderOptions, Rendered, Renderer, TEXT_CUT_WARNING, Timings,
};
pub use worker::{WORKER_ARG, run_worker_if_asked, worker_main};

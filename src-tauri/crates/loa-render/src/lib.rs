//! # loa-render
//!
//! Renders Loa templates in-process with Typst: PNG at the social sizes (1080×1350, 1080×1080,
//! 1200×630) and PDF for print (A4, A3), with the bundled fonts only, so a poster is the same
//! on every machine.
//!
//! A [`Renderer`] is made once and reused: it keeps the fonts, each pack's parsed files and
//! Typst's caches, so the preview re-renders in milliseconds while the officer types. The Typst
//! world it builds can read the pack's files and the officer's photos and nothing else (see
//! [`world`]).
//!
//! It also renders documents that are not templates — a report of several pages — in the same
//! sealed world ([`Renderer::render_document`]).
//!
//! What it deliberately does not know: where packs are stored (`loa-core`), how data is checked
//! (`loa-templates`, called before every render), and the UI.

pub mod document;
pub mod error;
mod fit;
mod fonts;
mod png;
pub mod renderer;
pub mod world;

pub use document::{DOCUMENT_MAIN, Document, RenderedDocument};
pub use error::RenderError;
pub use renderer::{
    DATA_FILE, Format, PngCompression, RenderOptions, Rendered, Renderer, TEXT_CUT_WARNING, Timings,
};

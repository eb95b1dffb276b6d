//! # loa-files
//!
//! Reading files that come from outside Loa (drafts to import, photos, template packs and data,
//! token files) so that no file can hang or exhaust Loa:
//!
//! - [`open_regular`] / [`read`]: a path is read only when it is a regular file — never a FIFO,
//!   a device such as `/dev/zero`, or a socket — checked before opening (without following the
//!   path) and again on the opened handle, which is opened without blocking;
//! - every kind of file has a size cap, all stated in [`limits`], and nothing is read past it;
//! - [`Walk`] walks a folder without following symbolic links, with a cap on the entries it
//!   looks at and on the depth.
//!
//! Errors are a [`FileError`] with a stable code and a Fluent message id (`file-error-…` in
//! `locales/*/files.ftl`).
//!
//! What it deliberately does not know: what a file means (text, photo, pack — the callers
//! parse), the database, and any language.

mod error;
pub mod limits;
mod open;
mod walk;

pub use error::{FileError, FileKind};
pub use limits::Cap;
pub use open::{open_regular, read, read_limited};
pub use walk::{Skipped, Walk, Walked};

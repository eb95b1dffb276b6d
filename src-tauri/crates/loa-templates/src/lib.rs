//! # loa-templates
//!
//! Loa's template packs, without rendering them: the manifests (`pack.json`,
//! `template.json`) of the contract in `notes/template-contract.md`, packs read from a folder, from
//! files in memory or from one zip file (and written back), the officer's data checked field by
//! field, the object a layout receives, and the post text (the `caption` Fluent message).
//!
//! What it deliberately does not know: Typst (that is `loa-render`), the database (`loa-core`
//! stores packs), and the UI.

pub mod builtin;
pub mod data;
pub mod display;
pub mod error;
pub mod import;
pub mod lang;
pub mod manifest;
pub mod pack;
pub mod packfile;
pub mod prepare;
pub mod qr;
pub mod size;
pub mod typography;

#[cfg(test)]
mod test_pack;

pub use builtin::{builtin, builtin_fingerprint, has_builtin};
pub use data::{FieldValue, ImageInput, RawData, Values, validate};
pub use error::TemplateError;
pub use import::{Held, ImportAction, ImportPlan, plan_import, plan_pack_import};
pub use lang::{Lang, Messages, UnknownLang};
pub use manifest::{
    Category, ChoiceOption, Column, Field, FieldType, Localized, PackManifest, TemplateManifest,
};
pub use pack::{FileMap, Pack};
pub use prepare::{INPUTS_DIR, Prepared, caption, prepare};
pub use size::{Size, SizeKind, UnknownSize};

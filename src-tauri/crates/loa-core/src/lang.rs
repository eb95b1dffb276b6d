//! The languages Loa speaks and writes posts in. The type lives in `loa-templates` (templates are
//! bilingual too) so that every crate shares one `Lang`.

pub use loa_templates::lang::{Lang, UnknownLang};

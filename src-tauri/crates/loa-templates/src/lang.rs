//! The languages Loa speaks and writes posts in (shared by every crate: `loa-core` re-exports it).

use std::fmt;
use std::str::FromStr;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

/// A content or interface language. Vietnamese comes first: it is the default everywhere.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// An empty Fluent bundle for `lang`. Variables are not wrapped in Unicode isolation marks
/// (U+2068/U+2069): they are for mixed-direction screens, and would end up inside post text,
/// terminal lines, PDFs and workbooks.
pub fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = match lang {
        Lang::Vi => unic_langid::langid!("vi"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new(vec![id]);
    bundle.set_use_isolating(false);
    bundle
}

/// Fluent messages of one language, read from `.ftl` sources that a crate embeds (`loa-core`'s
/// command-line and error messages, `loa-report`'s report words).
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    /// The messages of `sources`, in order. The embedded files are checked by their crates'
    /// tests; a broken entry is skipped, never fatal.
    pub fn new(lang: Lang, sources: &[&str]) -> Self {
        let mut bundle = bundle(lang);
        for src in sources {
            let res = FluentResource::try_new((*src).to_owned()).unwrap_or_else(|(res, _)| res);
            let _ = bundle.add_resource(res);
        }
        Self { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether message `id` exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Message `id` with `args`. A missing message yields its id, so a gap in a locale is
    /// visible but never a crash.
    pub fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value was not one of the known codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected vi or en)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

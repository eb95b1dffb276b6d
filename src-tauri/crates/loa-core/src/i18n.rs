//! Fluent messages for the parts of Loa that speak without the UI (the command line, errors).
//!
//! The `.ftl` files live in `locales/<lang>/` at the repository root and are shared with the UI;
//! the core embeds the ones it needs so the `loa` binary works from anywhere.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;
use loa_templates::Messages;

use crate::{ErrorDetails, Lang, LoaError};

/// The locale files the core embeds, per language.
pub const CORE_FILES: &[&str] = &[
    "core.ftl",
    "cli.ftl",
    "checks.ftl",
    "media.ftl",
    "publish.ftl",
    "channels.ftl",
    "templates.ftl",
    "profile.ftl",
    "backup.ftl",
    "report.ftl",
    "connect.ftl",
    "files.ftl",
    "calendar.ftl",
    "sections.ftl",
    "video.ftl",
    "videos.ftl",
    "publish-video.ftl",
];

fn sources(lang: Lang) -> [&'static str; 17] {
    match lang {
        Lang::Vi => [
            include_str!("../../../../locales/vi/core.ftl"),
            include_str!("../../../../locales/vi/cli.ftl"),
            include_str!("../../../../locales/vi/checks.ftl"),
            include_str!("../../../../locales/vi/media.ftl"),
            include_str!("../../../../locales/vi/publish.ftl"),
            include_str!("../../../../locales/vi/channels.ftl"),
            include_str!("../../../../locales/vi/templates.ftl"),
            include_str!("../../../../locales/vi/profile.ftl"),
            include_str!("../../../../locales/vi/backup.ftl"),
            include_str!("../../../../locales/vi/report.ftl"),
            include_str!("../../../../locales/vi/connect.ftl"),
            include_str!("../../../../locales/vi/files.ftl"),
            include_str!("../../../../locales/vi/calendar.ftl"),
            include_str!("../../../../locales/vi/sections.ftl"),
            include_str!("../../../../locales/vi/video.ftl"),
            include_str!("../../../../locales/vi/videos.ftl"),
            include_str!("../../../../locales/vi/publish-video.ftl"),
        ],
        Lang::En => [
            include_str!("../../../../locales/en/core.ftl"),
            include_str!("../../../../locales/en/cli.ftl"),
            include_str!("../../../../locales/en/checks.ftl"),
            include_str!("../../../../locales/en/media.ftl"),
            include_str!("../../../../locales/en/publish.ftl"),
            include_str!("../../../../locales/en/channels.ftl"),
            include_str!("../../../../locales/en/templates.ftl"),
            include_str!("../../../../locales/en/profile.ftl"),
            include_str!("../../../../locales/en/backup.ftl"),
            include_str!("../../../../locales/en/report.ftl"),
            include_str!("../../../../locales/en/connect.ftl"),
            include_str!("../../../../locales/en/files.ftl"),
            include_str!("../../../../locales/en/calendar.ftl"),
            include_str!("../../../../locales/en/sections.ftl"),
            include_str!("../../../../locales/en/video.ftl"),
            include_str!("../../../../locales/en/videos.ftl"),
            include_str!("../../../../locales/en/publish-video.ftl"),
        ],
    }
}

/// Formats messages in one language.
pub struct Localizer {
    messages: Messages,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.messages.lang())
            .finish()
    }
}

/// The calendar's names and sentences (weekdays, holidays, the empty-slot notice, the week
/// plan) come from `calendar.ftl` through the same bundle.
impl loa_calendar::Messages for Localizer {
    fn lang(&self) -> &str {
        self.lang().as_str()
    }

    fn message(&self, id: &str, args: &[(&str, String)]) -> String {
        self.msg_with(id, args)
    }
}

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        Self {
            messages: Messages::new(lang, &sources(lang)),
        }
    }

    pub fn lang(&self) -> Lang {
        self.messages.lang()
    }

    /// Whether the message exists.
    pub fn has(&self, id: &str) -> bool {
        self.messages.has(id)
    }

    /// Formats message `id` with `args`. A missing message yields its id, so a gap in a locale is
    /// visible but never a crash.
    pub fn format(&self, id: &str, args: &BTreeMap<String, String>) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(k.as_str(), v.as_str());
        }
        self.messages.format(id, Some(&fargs))
    }

    /// Formats a message without arguments.
    pub fn msg(&self, id: &str) -> String {
        self.format(id, &BTreeMap::new())
    }

    /// Formats a message with `(name, value)` arguments.
    pub fn msg_with(&self, id: &str, args: &[(&str, String)]) -> String {
        let map = args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        self.format(id, &map)
    }

    /// The officer-facing sentence for an error, followed by its typed details in words (each
    /// limit a post breaks, each finding that blocks it).
    pub fn error(&self, e: &LoaError) -> String {
        let mut out = self.format(&e.message_id(), &e.args());
        let parts: Vec<String> = match e.details() {
            Some(ErrorDetails::ChannelLimits { violations }) => violations
                .iter()
                .map(|v| self.format(&v.message_id, &v.args))
                .collect(),
            Some(ErrorDetails::ChecksBlock { findings }) => findings
                .iter()
                .map(|f| self.format(&f.message_id, &f.args))
                .collect(),
            Some(ErrorDetails::OutboxWrongState { .. }) | None => Vec::new(),
        };
        for part in parts {
            out.push(' ');
            out.push_str(&part);
        }
        out
    }
}

//! Loa's pre-publish checks.
//!
//! A pure library: a post goes in, a list of findings comes out. No I/O, no database, no clock: the
//! caller passes `now`. Each [`Finding`] says what was found, where (field and character offsets), how
//! serious it is and which Fluent messages (`locales/*/checks.ftl`) explain it and suggest a fix.
//!
//! Offsets are counted in Unicode scalar values (Rust `char`s) of the field's text as given, end
//! exclusive. Findings come back sorted by field, then start offset.
//!
//! The platform limits it applies are `loa-platforms`', counted on the text the clients send; it
//! deliberately does not know a channel's configuration (a Zalo image host) or photo formats:
//! those are the platform limits' job when a post is queued for one channel.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use loa_platforms::{FACEBOOK, ZALO, compose, megabytes};
use serde::ser::SerializeStruct;

mod hygiene;
mod personal;

/// The post as it would be queued.
#[derive(Clone, Copy, Debug)]
pub struct PostInput<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// Empty for now: drafts have no photos yet.
    pub photos: &'a [PhotoInput<'a>],
    /// The platforms the post is meant for; empty means "check against all of them".
    pub channels: &'a [ChannelKind],
    pub scheduled_at: Option<DateTime<Utc>>,
    /// The caller's clock; the checks never read one.
    pub now: DateTime<Utc>,
}

/// One photo of the post, as it would be uploaded.
#[derive(Clone, Copy, Debug)]
pub struct PhotoInput<'a> {
    pub alt_text: &'a str,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
}

/// `Block`: the post must not be queued as it is. `Warn`: the officer should look before queueing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Block,
    Warn,
}

/// Where a finding is. Serialized as `"title"`, `"body"`, `"photo"`, `"schedule"` or `"post"`; the photo
/// index travels separately as `photo_index` in the serialized [`Finding`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Body,
    /// Index into [`PostInput::photos`].
    Photo(usize),
    Schedule,
    /// The post as a whole (e.g. the combined Facebook text, or an empty post).
    Post,
}

impl Field {
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Photo(_) => "photo",
            Field::Schedule => "schedule",
            Field::Post => "post",
        }
    }

    pub fn photo_index(&self) -> Option<usize> {
        match self {
            Field::Photo(i) => Some(*i),
            _ => None,
        }
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One thing the officer should know about before the post is queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable snake_case code, one of [`RULES`].
    pub code: &'static str,
    pub severity: Severity,
    pub field: Field,
    /// Character offsets (Unicode scalar values) into the field's text, end exclusive.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// Fluent id of the message in `locales/*/checks.ftl`.
    pub message_id: &'static str,
    /// Fluent id of the suggested fix.
    pub fix_id: &'static str,
    /// Fluent arguments. Personal data only ever appears masked here.
    pub args: BTreeMap<String, String>,
}

impl serde::Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 9)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("photo_index", &self.field.photo_index())?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("message_id", self.message_id)?;
        s.serialize_field("fix_id", self.fix_id)?;
        s.serialize_field("args", &self.args)?;
        s.end()
    }
}

/// A kind of finding: its code, its severity and its two Fluent ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub message_id: &'static str,
    pub fix_id: &'static str,
}

const fn rule(
    code: &'static str,
    severity: Severity,
    message_id: &'static str,
    fix_id: &'static str,
) -> Rule {
    Rule {
        code,
        severity,
        message_id,
        fix_id,
    }
}

/// Every kind of finding the crate can produce.
pub const RULES: &[Rule] = &[
    rule(
        "citizen_id",
        Severity::Block,
        "check-citizen-id",
        "check-citizen-id-fix",
    ),
    rule(
        "old_id_number",
        Severity::Block,
        "check-old-id-number",
        "check-old-id-number-fix",
    ),
    rule(
        "phone_number",
        Severity::Warn,
        "check-phone-number",
        "check-phone-number-fix",
    ),
    rule("email", Severity::Warn, "check-email", "check-email-fix"),
    rule(
        "photo_alt_missing",
        Severity::Warn,
        "check-photo-alt-missing",
        "check-photo-alt-missing-fix",
    ),
    rule(
        "facebook_text_too_long",
        Severity::Block,
        "check-facebook-text-too-long",
        "check-facebook-text-too-long-fix",
    ),
    rule(
        "facebook_too_many_photos",
        Severity::Block,
        "check-facebook-too-many-photos",
        "check-facebook-too-many-photos-fix",
    ),
    rule(
        "facebook_photo_too_large",
        Severity::Block,
        "check-facebook-photo-too-large",
        "check-facebook-photo-too-large-fix",
    ),
    rule(
        "zalo_title_too_long",
        Severity::Block,
        "check-zalo-title-too-long",
        "check-zalo-title-too-long-fix",
    ),
    rule(
        "zalo_description_too_long",
        Severity::Block,
        "check-zalo-description-too-long",
        "check-zalo-description-too-long-fix",
    ),
    rule(
        "schedule_outside_window",
        Severity::Block,
        "check-schedule-outside-window",
        "check-schedule-outside-window-fix",
    ),
    rule(
        "not_nfc",
        Severity::Warn,
        "check-not-nfc",
        "check-not-nfc-fix",
    ),
    rule(
        "legacy_encoding",
        Severity::Block,
        "check-legacy-encoding",
        "check-legacy-encoding-fix",
    ),
    rule(
        "empty_post",
        Severity::Block,
        "check-empty-post",
        "check-empty-post-fix",
    ),
];

/// The rule for a code, if the crate knows it.
pub fn rule_for(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The platforms' limits the checks apply are `loa-platforms`' (its `FACEBOOK`, `ZALO`
/// constants and `ScheduleWindow::FACEBOOK`), counted on the text the clients send
/// ([`loa_platforms::compose`]), so that a post the checks pass is one the client can send and
/// one they block is one the platform would refuse (or, for a Zalo description, one the client
/// would have to cut).
pub use loa_platforms::ChannelKind;

/// Runs every check on the post. Findings are sorted by field, then start offset.
pub fn check(input: &PostInput<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let channels: &[ChannelKind] = if input.channels.is_empty() {
        &ChannelKind::ALL
    } else {
        input.channels
    };
    let facebook = channels.contains(&ChannelKind::Facebook);
    let zalo = channels.contains(&ChannelKind::Zalo);
    let fb = FACEBOOK;

    if input.title.trim().is_empty() && input.body.trim().is_empty() {
        out.push(finding("empty_post", Field::Post, None, BTreeMap::new()));
    }

    for (field, text) in [(Field::Title, input.title), (Field::Body, input.body)] {
        let chars: Vec<char> = text.chars().collect();
        for hit in personal::scan(&chars) {
            let code = match hit.kind {
                personal::Kind::CitizenId => "citizen_id",
                personal::Kind::OldId => "old_id_number",
                personal::Kind::Phone => "phone_number",
                personal::Kind::Email => "email",
            };
            out.push(finding(
                code,
                field.clone(),
                Some((hit.start, hit.end)),
                args(&[("found", hit.masked)]),
            ));
        }
        if let Some(span) = hygiene::first_non_nfc(text, &chars) {
            out.push(finding("not_nfc", field.clone(), span, BTreeMap::new()));
        }
        if let Some(legacy) = hygiene::detect_legacy(&chars) {
            out.push(finding(
                "legacy_encoding",
                field.clone(),
                Some((legacy.start, legacy.end)),
                args(&[
                    ("encoding", legacy.encoding.to_owned()),
                    ("sample", legacy.sample),
                ]),
            ));
        }
    }

    for (i, photo) in input.photos.iter().enumerate() {
        if photo.alt_text.trim().is_empty() {
            out.push(finding(
                "photo_alt_missing",
                Field::Photo(i),
                None,
                args(&[("number", (i + 1).to_string())]),
            ));
        }
        if let Some(max) = fb.max_photo_bytes.filter(|m| facebook && photo.bytes > *m) {
            out.push(finding(
                "facebook_photo_too_large",
                Field::Photo(i),
                None,
                args(&[
                    ("number", (i + 1).to_string()),
                    ("limit", megabytes(max)),
                    ("size", megabytes(photo.bytes)),
                ]),
            ));
        }
    }

    if facebook {
        // The message the Facebook client sends: title line, blank line, body.
        let length = fb.sent_text(input.title, input.body).chars().count();
        if let Some(limit) = fb.max_text_chars.filter(|m| length > *m as usize) {
            out.push(finding(
                "facebook_text_too_long",
                Field::Post,
                None,
                args(&[("limit", limit.to_string()), ("length", length.to_string())]),
            ));
        }
        if let Some(limit) = fb.max_photos.filter(|m| input.photos.len() > *m as usize) {
            out.push(finding(
                "facebook_too_many_photos",
                Field::Post,
                None,
                args(&[
                    ("limit", limit.to_string()),
                    ("count", input.photos.len().to_string()),
                ]),
            ));
        }
        if let (Some(at), Some(window)) = (input.scheduled_at, fb.schedule)
            && !window.accepts(at, input.now)
        {
            out.push(finding(
                "schedule_outside_window",
                Field::Schedule,
                None,
                args(&[
                    ("min_minutes", window.min_minutes().to_string()),
                    ("max_days", window.max_days().to_string()),
                ]),
            ));
        }
    }

    if zalo {
        // The title and description the Zalo client sends (see `loa_platforms::compose`).
        let title = compose::title(input.title);
        let title_len = title.chars().count();
        if let Some(limit) = ZALO
            .max_title_chars
            .map(|m| m as usize)
            .filter(|m| title_len > *m)
        {
            let lead = input.title.len() - input.title.trim_start().len();
            let lead = input.title[..lead].chars().count();
            out.push(finding(
                "zalo_title_too_long",
                Field::Title,
                Some((lead + limit, lead + title_len)),
                args(&[
                    ("limit", limit.to_string()),
                    ("length", title_len.to_string()),
                ]),
            ));
        }
        // Over the limit the client would cut the description: the officer decides first.
        let (start, end) = compose::zalo_description_span(input.body);
        let length = end - start;
        if let Some(limit) = ZALO
            .max_description_chars
            .map(|m| m as usize)
            .filter(|m| length > *m)
        {
            out.push(finding(
                "zalo_description_too_long",
                Field::Body,
                Some((start + limit, end)),
                args(&[("limit", limit.to_string()), ("length", length.to_string())]),
            ));
        }
    }

    out.sort_by(|a, b| (&a.field, a.start, a.end, a.code).cmp(&(&b.field, b.start, b.end, b.code)));
    out
}

fn finding(
    code: &'static str,
    field: Field,
    span: Option<(usize, usize)>,
    args: BTreeMap<String, String>,
) -> Finding {
    // Every code used in this file is in RULES (a test checks it); the fallback only keeps the
    // library free of panics.
    let rule = rule_for(code).copied().unwrap_or(Rule {
        code,
        severity: Severity::Block,
        message_id: "check-unknown",
        fix_id: "check-unknown-fix",
    });
    Finding {
        code: rule.code,
        severity: rule.severity,
        field,
        start: span.map(|s| s.0),
        end: span.map(|s| s.1),
        message_id: rule.message_id,
        fix_id: rule.fix_id,
        args,
    }
}

fn args(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_are_unique_and_ids_follow_the_code() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(
                RULES[i + 1..].iter().all(|o| o.code != r.code),
                "duplicate {}",
                r.code
            );
            assert_eq!(r.message_id, format!("check-{}", r.code.replace('_', "-")));
            assert_eq!(r.fix_id, format!("{}-fix", r.message_id));
        }
    }
}

//! # loa-report
//!
//! Reports for superiors: what the commune published in a period, when, and how far it reached.
//!
//! - [`Period`]: a month, a quarter, a year or from one date to another, in Vietnam time (UTC+7)
//!   whatever the laptop's zone; inclusive dates, RFC 3339 bounds.
//! - [`build`]: a pure function from plain rows ([`ReportInput`]: published outbox items, draft
//!   creation times, media counts, the queue, section occurrences, stored reach figures) to the
//!   [`Report`], whose JSON is the contract of `loa report --json`.
//! - [`pdf`] / [`pages_png`]: the report as a Vietnamese administrative document (Decree
//!   30/2020/ND-CP layout), laid out by `assets/reports/report.typ` through `loa-render`.
//! - [`xlsx`]: the same figures as a workbook (summary, posts, weeks).
//! - Every word comes from `locales/<lang>/report.ftl` ([`Labels`]).
//!
//! What it deliberately does not know: SQL and where rows live (`loa-core` selects them and
//! stores reach figures), the network (`loa-channels::insights` reads Facebook), the clock (the
//! caller passes `now` and the signing date), and the UI.

pub mod error;
pub mod input;
pub mod labels;
pub mod letterhead;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod period;
pub mod report;
pub mod xlsx;

pub use error::ReportError;
pub use input::{
    DraftCreated, MediaUse, OpenItem, OpenState, PublishedItem, ReachRow, ReachSubject,
    ReportInput, SeriesOccurrence,
};
pub use labels::Labels;
pub use letterhead::Letterhead;
#[cfg(feature = "pdf")]
pub use loa_render::Renderer;
pub use loa_templates::Lang;
#[cfg(feature = "pdf")]
pub use pdf::{pages_png, pdf};
pub use period::{Period, PeriodJson, PeriodKind};
pub use report::{
    ALERT_TOPIC, Alert, CountBucket, FOLLOWERS_END, FOLLOWERS_START, ON_TIME_GRACE_MINUTES,
    PostLine, Reach, Report, SeriesStats, build,
};
pub use xlsx::xlsx;

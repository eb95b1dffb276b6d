//! What can go wrong while making a report, each with a stable code and a Fluent message id
//! (`report-error-<code>` in `locales/*/report.ftl`).

use std::collections::BTreeMap;

#[cfg(feature = "pdf")]
use loa_render::RenderError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// Not a month (`2026-01`), a quarter (`2026-Q1`), a year (`2026`) or a date (`2026-01-31`).
    #[error("not a report period: {value:?}")]
    BadPeriod { value: String },
    /// The end date comes before the start date.
    #[error("the period ends ({to}) before it starts ({from})")]
    PeriodReversed { from: String, to: String },
    /// Longer than [`crate::period::MAX_DAYS`].
    #[error("the period is {days} days long, more than {max}")]
    PeriodTooLong { days: i64, max: i64 },
    /// Typst could not lay out the report (a bug in the layout, not in the officer's data).
    #[cfg(feature = "pdf")]
    #[error("cannot render the report: {0}")]
    Render(#[from] RenderError),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {detail}")]
    Xlsx { detail: String },
}

impl ReportError {
    pub const CODES: [&'static str; 5] = [
        "bad_period",
        "period_reversed",
        "period_too_long",
        "render",
        "xlsx",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            ReportError::BadPeriod { .. } => "bad_period",
            ReportError::PeriodReversed { .. } => "period_reversed",
            ReportError::PeriodTooLong { .. } => "period_too_long",
            #[cfg(feature = "pdf")]
            ReportError::Render(_) => "render",
            ReportError::Xlsx { .. } => "xlsx",
        }
    }

    /// `report-error-<code with dashes>`.
    pub fn message_id(&self) -> String {
        format!("report-error-{}", self.code().replace('_', "-"))
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            ReportError::BadPeriod { value } => vec![("value", value.clone())],
            ReportError::PeriodReversed { from, to } => {
                vec![("from", from.clone()), ("to", to.clone())]
            }
            ReportError::PeriodTooLong { days, max } => {
                vec![("days", days.to_string()), ("max", max.to_string())]
            }
            #[cfg(feature = "pdf")]
            ReportError::Render(e) => vec![("detail", e.to_string())],
            ReportError::Xlsx { detail } => vec![("detail", detail.clone())],
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }
}

impl From<rust_xlsxwriter::XlsxError> for ReportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ReportError::Xlsx {
            detail: e.to_string(),
        }
    }
}

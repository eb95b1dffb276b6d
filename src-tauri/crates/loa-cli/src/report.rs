//! `loa report` and `loa insights refresh`: a period's report for superiors (printed, JSON, PDF
//! or XLSX) and reading reach figures from Facebook, over `loa-publish`'s `reach`.

use std::path::Path;
use std::sync::Arc;

use loa_core::{Lang, LoaError, Localizer, Store};
use loa_publish::reach::{self, RefreshStatus};
use loa_publish::{CredentialStore, WorkerConfig};
use loa_report::{Labels, Period, PeriodKind, Renderer, Report, ReportError};

use crate::Outcome;
use crate::args::ReportArgs;
use crate::out;

/// The period the arguments name (clap makes sure exactly one form is given).
fn period(a: &ReportArgs) -> Result<Period, ReportError> {
    let (text, kind) = match (&a.month, &a.quarter, &a.year, &a.from, &a.to) {
        (Some(m), ..) => (m, PeriodKind::Month),
        (_, Some(q), ..) => (q, PeriodKind::Quarter),
        (_, _, Some(y), ..) => (y, PeriodKind::Year),
        (_, _, _, Some(from), Some(to)) => {
            return Period::range(Period::parse_date(from)?, Period::parse_date(to)?);
        }
        (_, _, _, from, _) => {
            return Err(ReportError::BadPeriod {
                value: from.clone().unwrap_or_default(),
            });
        }
    };
    let p = Period::parse(text)?;
    if p.kind() != kind {
        return Err(ReportError::BadPeriod {
            value: text.clone(),
        });
    }
    Ok(p)
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    a: &ReportArgs,
    json: bool,
) -> Result<Outcome, LoaError> {
    let period = period(a)?;
    let lang = a.lang.unwrap_or_else(|| l10n.lang());
    let report = reach::report(store, &period)?;
    if let Some(path) = &a.out {
        let bytes = export(store, &report, path, lang)?;
        if !out::file(l10n, path, &bytes) {
            return Ok(Outcome::Partial);
        }
        if !json {
            out::line(&l10n.msg_with("report-cli-saved", &[("path", path.display().to_string())]));
        }
    }
    if json {
        out::json(&report);
    } else if a.out.is_none() {
        print(&report, &period, lang);
    }
    Ok(Outcome::Ok)
}

/// The report as the file `path` names by its extension.
fn export(store: &Store, report: &Report, path: &Path, lang: Lang) -> Result<Vec<u8>, LoaError> {
    let letterhead = store.reports().letterhead()?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(loa_report::pdf(
            &Renderer::new(),
            report,
            &letterhead,
            lang,
        )?),
        "xlsx" => Ok(loa_report::xlsx(report, &letterhead, lang)?),
        _ => Err(LoaError::InvalidValue {
            field: "--out".into(),
            value: path.display().to_string(),
            allowed: "FILE.pdf, FILE.xlsx".into(),
        }),
    }
}

/// The figures as lines an officer reads in a terminal, in the report's words.
fn print(report: &Report, period: &Period, lang: Lang) {
    let l = Labels::new(lang);
    let count = |n: u32| l.number(i64::from(n));
    out::line(&format!(
        "{} {}",
        l.get("report-kind"),
        l.with("report-subject", &[("period", l.period(period))])
    ));
    out::line(&l.with(
        "report-published-total",
        &[("count", count(report.published))],
    ));
    out::line(&l.get("report-col-channel"));
    for (channel, n) in &report.by_channel {
        out::line(&format!("  {channel}: {}", count(*n)));
    }
    out::line(&l.get("report-col-topic"));
    for (topic, n) in &report.by_topic {
        out::line(&format!("  {}: {}", l.topic(topic), count(*n)));
    }
    out::line(&l.with(
        "report-media-text",
        &[
            ("photos", count(report.photos)),
            ("videos", count(report.videos)),
            ("infographics", count(report.infographics)),
        ],
    ));
    out::line(&l.with(
        "report-issues-text",
        &[
            ("pending", count(report.pending)),
            ("failed", count(report.failed)),
        ],
    ));
    out::line(&l.get("report-xlsx-reach"));
    for (metric, value) in report.reach.ordered() {
        let shown = value.map_or_else(|| l.get("report-not-available"), |v| l.number(v));
        out::line(&format!("  {}: {shown}", l.metric(metric)));
    }
}

/// `loa insights refresh`.
pub fn refresh(store: &Store, l10n: &Localizer, json: bool) -> Result<Outcome, LoaError> {
    let creds: Arc<dyn CredentialStore> = Arc::from(crate::channel::credentials(store, l10n)?);
    let quiet = json;
    let mut last_channel = String::new();
    let outcome = reach::refresh(
        store,
        &creds,
        WorkerConfig::default().request_timeout,
        &mut |p| {
            if !quiet && p.channel != last_channel {
                last_channel = p.channel.clone();
                eprintln!(
                    "{}",
                    l10n.msg_with("report-cli-reading", &[("channel", p.channel.clone())])
                );
            }
        },
    )?;
    if json {
        out::json(&outcome);
    } else if outcome.channels.is_empty() {
        out::line(&l10n.msg("report-cli-no-facebook"));
    } else {
        let labels = Labels::new(l10n.lang());
        for c in &outcome.channels {
            let id = match c.status {
                RefreshStatus::Done => "report-cli-refresh-done",
                RefreshStatus::Throttled => "report-cli-refresh-throttled",
                RefreshStatus::NeedsReconnect => "report-cli-refresh-needs-reconnect",
                RefreshStatus::Offline => "report-cli-refresh-offline",
                RefreshStatus::MissingCredentials | RefreshStatus::Failed => {
                    "report-cli-refresh-failed"
                }
            };
            let mut line = l10n.msg_with(
                id,
                &[
                    ("channel", c.channel.clone()),
                    ("readings", c.readings.to_string()),
                    ("posts", c.posts.to_string()),
                    ("until", c.until.clone().unwrap_or_default()),
                ],
            );
            let names: Vec<String> = c.not_available.iter().map(|m| labels.metric(m)).collect();
            if !names.is_empty() {
                line.push(' ');
                line.push_str(
                    &l10n.msg_with("report-cli-not-available", &[("metrics", names.join(", "))]),
                );
            }
            if let Some(e) = &c.error
                && c.status != RefreshStatus::Done
            {
                line.push(' ');
                line.push_str(&l10n.format(&e.message_id, &e.args));
            }
            out::line(&line);
        }
    }
    Ok(if outcome.complete() {
        Outcome::Ok
    } else {
        Outcome::Partial
    })
}

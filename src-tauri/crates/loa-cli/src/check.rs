//! `loa check DRAFT_ID`: what to look at before the draft is queued.

use loa_core::{CheckFinding, CheckSeverity, LoaError, Localizer, Store};
use serde::Serialize;

use crate::Outcome;
use crate::args::CheckArgs;
use crate::out;

/// One finding of `loa check --json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    code: &'a str,
    severity: CheckSeverity,
    field: &'a str,
    photo_index: Option<u32>,
    start: Option<u32>,
    end: Option<u32>,
    message: String,
    fix: String,
    overridden: Option<&'a str>,
}

fn row<'a>(l10n: &Localizer, f: &'a CheckFinding) -> Row<'a> {
    Row {
        code: &f.code,
        severity: f.severity,
        field: &f.field,
        photo_index: f.photo_index,
        start: f.start,
        end: f.end,
        message: l10n.format(&f.message_id, &f.args),
        fix: l10n.format(&f.fix_id, &f.args),
        overridden: f.overridden.as_deref(),
    }
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    a: &CheckArgs,
    json: bool,
) -> Result<Outcome, LoaError> {
    if let (Some(code), Some(reason)) = (&a.override_code, &a.reason) {
        store.drafts().override_check(a.id, code, reason)?;
        if !json {
            out::line(&l10n.msg_with(
                "cli-override-recorded",
                &[("code", code.clone()), ("id", a.id.to_string())],
            ));
        }
    }
    let findings = store.drafts().check(a.id)?;
    let blocks = findings.iter().any(CheckFinding::blocks);
    if json {
        out::json(&findings.iter().map(|f| row(l10n, f)).collect::<Vec<_>>());
    } else if findings.is_empty() {
        out::line(&l10n.msg("cli-check-none"));
    } else {
        for f in &findings {
            let r = row(l10n, f);
            let severity = match f.severity {
                CheckSeverity::Block => l10n.msg("cli-severity-block"),
                CheckSeverity::Warn => l10n.msg("cli-severity-warn"),
            };
            let mut line = format!("{severity:<8} {}  {}", f.code, r.message);
            if let (Some(s), Some(e)) = (f.start, f.end) {
                line.push_str(&format!(
                    " ({})",
                    l10n.msg_with(
                        "cli-check-where",
                        &[
                            ("start", s.to_string()),
                            ("end", e.to_string()),
                            ("field", f.field.clone())
                        ],
                    )
                ));
            }
            out::line(&line);
            out::line(&format!(
                "         {}: {}",
                l10n.msg("cli-check-fix"),
                r.fix
            ));
            if let Some(reason) = &f.overridden {
                out::line(&format!(
                    "         {}",
                    l10n.msg_with("cli-check-overridden", &[("reason", reason.clone())])
                ));
            }
        }
    }
    Ok(if blocks {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

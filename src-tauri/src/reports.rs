//! Report commands: a period's figures, "refresh reach" with progress, and the exports written
//! where the officer chose in the native save dialog. Adapters over `loa-publish`'s `reach` and
//! `loa-report`'s exports.

use loa_core::{IpcError, Lang, LoaError};
use loa_publish::reach::{self, ReachProgress, RefreshOutcome};
use loa_report::{Period, Report};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// The period the officer picked.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodChoice {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    /// Both days included, `YYYY-MM-DD`.
    Range {
        from: String,
        to: String,
    },
}

impl PeriodChoice {
    fn period(&self) -> Result<Period, LoaError> {
        Ok(match self {
            PeriodChoice::Month { year, month } => Period::month(*year, *month)?,
            PeriodChoice::Quarter { year, quarter } => Period::quarter(*year, *quarter)?,
            PeriodChoice::Year { year } => Period::year(*year)?,
            PeriodChoice::Range { from, to } => {
                Period::range(Period::parse_date(from)?, Period::parse_date(to)?)?
            }
        })
    }
}

/// The two files a report is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

/// The figures of a period, with the reach stored by the last refresh.
#[tauri::command]
#[specta::specta]
pub async fn make_report(core: State<'_, Core>, period: PeriodChoice) -> Res<Report> {
    let store = core.shared_store()?;
    blocking(move || reach::report(&store, &period.period()?)).await
}

/// "Refresh reach": reads every Facebook channel, telling `on_progress` after each call.
#[tauri::command]
#[specta::specta]
pub async fn refresh_reach(
    core: State<'_, Core>,
    on_progress: Channel<ReachProgress>,
) -> Res<RefreshOutcome> {
    let store = core.shared_store()?;
    let credentials = core.publish.service().await?.credentials().clone();
    blocking(move || {
        reach::refresh(
            &store,
            &credentials,
            loa_publish::WorkerConfig::default().request_timeout,
            &mut |p| {
                // A closed window only means nobody is watching the progress any more.
                let _ = on_progress.send(p.clone());
            },
        )
    })
    .await
}

/// Writes the report of `period` as `format` in `lang` to `path`, the file the officer chose in
/// the save dialog. Only a `.pdf` or `.xlsx` path is written, so the page cannot use this to
/// overwrite any other kind of file.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    core: State<'_, Core>,
    period: PeriodChoice,
    format: ReportFormat,
    lang: Lang,
    path: String,
) -> Res<()> {
    let store = core.shared_store()?;
    blocking(move || {
        let path = crate::commands::chosen_file(path, format.extension())?;
        let report = reach::report(&store, &period.period()?)?;
        let letterhead = store.reports().letterhead()?;
        let bytes = match format {
            // The report's layout is Loa's own, not a pack from outside, so it renders in
            // process (the isolated worker is for templates); an export is rare enough to
            // load the fonts each time.
            ReportFormat::Pdf => {
                loa_report::pdf(&loa_report::Renderer::new(), &report, &letterhead, lang)?
            }
            ReportFormat::Xlsx => loa_report::xlsx(&report, &letterhead, lang)?,
        };
        crate::commands::write_export(&path, &bytes)
    })
    .await
}

//! Calendar commands: recurring sections (chuyên mục), their occurrences, the calendar of a
//! range of days with its empty-slot warnings, drafts dragged onto a day, and the week's plan
//! exported as a picture or a PDF. Adapters over `loa-core`'s `calendar` view; every date and
//! time crossing here is Vietnam time (`YYYY-MM-DD`, `HH:MM`, `YYYY-MM-DDTHH:MM`), whatever the
//! laptop's zone.

use loa_calendar::vntime::{parse_date, parse_local_datetime, parse_time};
use loa_core::{
    CalendarView, Draft, IpcError, LoaError, Localizer, SeriesInput, SeriesView, Store,
};
use tauri::State;

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// Messages in the profile's language (the empty-slot notices, holiday names).
fn localizer(store: &Store) -> Result<Localizer, LoaError> {
    Ok(Localizer::new(store.settings()?.lang))
}

/// The calendar from `from` to `to` (both included, `YYYY-MM-DD`), and the slots of the next
/// 48 hours without a ready draft.
#[tauri::command]
#[specta::specta]
pub async fn calendar_range(core: State<'_, Core>, from: String, to: String) -> Res<CalendarView> {
    let store = core.shared_store()?;
    blocking(move || {
        let l10n = localizer(&store)?;
        store
            .calendar()
            .range(parse_date(&from)?, parse_date(&to)?, &l10n)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn series_list(core: State<'_, Core>) -> Res<Vec<SeriesView>> {
    Ok(core.store()?.calendar().list()?)
}

/// Creates a section (`id` null) or saves one: a changed schedule applies from now on.
#[tauri::command]
#[specta::specta]
pub async fn series_save(core: State<'_, Core>, input: SeriesInput) -> Res<SeriesView> {
    Ok(core.store()?.calendar().save(&input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn series_delete(core: State<'_, Core>, id: i64) -> Res<()> {
    Ok(core.store()?.calendar().delete(id)?)
}

/// Skips the occurrence whose rule date is `date`.
#[tauri::command]
#[specta::specta]
pub async fn series_skip(
    core: State<'_, Core>,
    id: i64,
    date: String,
    reason: Option<String>,
) -> Res<()> {
    let date = parse_date(&date).map_err(LoaError::from)?;
    core.store()?.calendar().skip(id, date, reason.as_deref())?;
    Ok(())
}

/// Undoes a skip or a move of the occurrence whose rule date is `date`.
#[tauri::command]
#[specta::specta]
pub async fn series_unskip(core: State<'_, Core>, id: i64, date: String) -> Res<()> {
    let date = parse_date(&date).map_err(LoaError::from)?;
    core.store()?.calendar().unskip(id, date)?;
    // Its posts may have been re-timed or queued.
    core.publish.wake();
    Ok(())
}

/// Moves the occurrence whose rule date is `date` to `to` (`YYYY-MM-DDTHH:MM`, Vietnam time).
#[tauri::command]
#[specta::specta]
pub async fn series_move(core: State<'_, Core>, id: i64, date: String, to: String) -> Res<()> {
    let date = parse_date(&date).map_err(LoaError::from)?;
    let to = parse_local_datetime(&to).map_err(LoaError::from)?;
    core.store()?.calendar().move_occurrence(id, date, to)?;
    // Its posts that have not gone out take the new time.
    core.publish.wake();
    Ok(())
}

/// Fills the occurrence whose rule date is `date` with a draft linked to it (from the
/// section's template when it has one) and returns the draft to open in the editor.
#[tauri::command]
#[specta::specta]
pub async fn series_fill(core: State<'_, Core>, id: i64, date: String) -> Res<Draft> {
    let store = core.shared_store()?;
    let renderer = core.renderer();
    blocking(move || {
        let l10n = localizer(&store)?;
        store
            .calendar()
            .fill(id, parse_date(&date)?, &l10n, Some(&renderer))
    })
    .await
}

/// Plans a draft on a day (`YYYY-MM-DD`), at a time (`HH:MM`) or not; no date takes it off the
/// calendar.
#[tauri::command]
#[specta::specta]
pub async fn draft_plan(
    core: State<'_, Core>,
    draft_id: i64,
    date: Option<String>,
    time: Option<String>,
) -> Res<()> {
    let date = date
        .as_deref()
        .map(parse_date)
        .transpose()
        .map_err(LoaError::from)?;
    let time = time
        .as_deref()
        .map(parse_time)
        .transpose()
        .map_err(LoaError::from)?;
    core.store()?.calendar().plan_draft(draft_id, date, time)?;
    Ok(())
}

/// Writes the plan of the week holding `week` (`YYYY-MM-DD`) as `format` (`png` or `pdf`) to
/// `path`, the file the officer chose in the save dialog. Only a path with that extension is
/// written, so the page cannot use this to overwrite any other kind of file.
#[tauri::command]
#[specta::specta]
pub async fn calendar_export_week(
    core: State<'_, Core>,
    week: String,
    format: String,
    path: String,
) -> Res<()> {
    let store = core.shared_store()?;
    blocking(move || {
        let format = match format.as_str() {
            "png" => loa_render::Format::Png,
            "pdf" => loa_render::Format::Pdf,
            other => {
                return Err(LoaError::InvalidValue {
                    field: "format".into(),
                    value: other.to_owned(),
                    allowed: "png, pdf".into(),
                });
            }
        };
        let path = crate::commands::chosen_file(path, format.as_str())?;
        let l10n = localizer(&store)?;
        let doc = store.calendar().week_document(parse_date(&week)?, &l10n)?;
        // The layout is Loa's own, not a pack from outside: it renders in process, as reports do.
        let rendered = loa_render::Renderer::new()
            .render_document(
                &loa_render::Document {
                    main: doc.main.to_owned(),
                    files: doc.files,
                    ident: format!("loa/plan/{week}"),
                },
                format,
                &loa_render::RenderOptions::for_export(),
            )
            .map_err(crate::templates::render_error)?;
        let bytes = rendered.files.into_iter().next().unwrap_or_default();
        crate::commands::write_export(&path, &bytes)
    })
    .await
}

//! Tauri commands: one-line adapters over [`loa_core::Store`]. No logic here.
//!
//! Each command is async so SQLite work runs off the UI thread. Errors cross as [`IpcError`]: a
//! stable code plus a Fluent message id the UI translates.

use std::path::PathBuf;

use loa_core::{
    CheckFinding, Draft, DraftPatch, DraftPhoto, DraftSummary, IpcError, Lang, LegacyOffer,
    MediaImportOutcome, MediaItem, MediaSource, NewDraft, NewDraftPhoto, PrepareOptions,
    PrepareProgress, PreparedPhoto, Revision, SearchHit, SearchQuery, Settings, WatchFolder,
    WatermarkSettings,
};
use tauri::State;
use tauri::ipc::{Channel, InvokeResponseBody, IpcResponse};

use crate::{Core, publish};

type Res<T> = Result<T, IpcError>;

/// Called by the UI once its first screen is rendered. With `LOA_STARTUP_PROBE=1` it prints how long
/// start-up took (used by `scripts/measure-app.mjs`).
#[tauri::command]
#[specta::specta]
pub async fn app_ready(core: State<'_, Core>) -> Res<()> {
    if std::env::var_os("LOA_STARTUP_PROBE").is_some() {
        println!("loa-startup-ms {}", core.started.elapsed().as_millis());
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(core: State<'_, Core>) -> Res<Settings> {
    Ok(core.store()?.settings()?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_lang(core: State<'_, Core>, lang: Lang) -> Res<()> {
    Ok(core.store()?.set_lang(lang)?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_drafts(core: State<'_, Core>) -> Res<Vec<DraftSummary>> {
    Ok(core.store()?.drafts().list()?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_trash(core: State<'_, Core>) -> Res<Vec<DraftSummary>> {
    Ok(core.store()?.drafts().list_trash()?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_draft(core: State<'_, Core>, id: i64) -> Res<Draft> {
    Ok(core.store()?.drafts().get(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_draft(core: State<'_, Core>, input: NewDraft) -> Res<Draft> {
    Ok(core.store()?.drafts().create(&input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_draft(core: State<'_, Core>, id: i64, patch: DraftPatch) -> Res<Draft> {
    // Marking a draft ready may queue it from the calendar (photos prepared, checks run): that
    // runs off the async threads, and the outbox worker is told.
    if patch.status == Some(loa_core::DraftStatus::Ready) {
        let store = core.shared_store()?;
        let draft = blocking(move || store.drafts().save(id, &patch)).await?;
        core.publish.wake();
        return Ok(draft);
    }
    Ok(core.store()?.drafts().save(id, &patch)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_draft(core: State<'_, Core>, id: i64) -> Res<()> {
    Ok(core.store()?.drafts().trash(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn restore_draft(core: State<'_, Core>, id: i64) -> Res<Draft> {
    Ok(core.store()?.drafts().restore(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_revisions(core: State<'_, Core>, draft_id: i64) -> Res<Vec<Revision>> {
    Ok(core.store()?.drafts().revisions(draft_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn restore_revision(
    core: State<'_, Core>,
    draft_id: i64,
    revision_id: i64,
) -> Res<Draft> {
    Ok(core
        .store()?
        .drafts()
        .restore_revision(draft_id, revision_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn search_drafts(core: State<'_, Core>, query: SearchQuery) -> Res<Vec<SearchHit>> {
    Ok(core.store()?.drafts().search(&query)?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_draft(core: State<'_, Core>, id: i64) -> Res<Vec<CheckFinding>> {
    Ok(core.store()?.drafts().check(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn override_check(
    core: State<'_, Core>,
    id: i64,
    code: String,
    reason: String,
) -> Res<Vec<CheckFinding>> {
    let store = core.store()?;
    store.drafts().override_check(id, &code, &reason)?;
    Ok(store.drafts().check(id)?)
}

/// For a paste: whether the text looks like TCVN3, VNI or VIQR, with the converted preview.
#[tauri::command]
#[specta::specta]
pub async fn detect_legacy(text: String) -> Res<Option<LegacyOffer>> {
    Ok(loa_core::drafts::legacy::offer(&text))
}

/// Bytes sent to the page as a raw binary body (an `ArrayBuffer` in JavaScript), not as a JSON
/// array of numbers: JPEG thumbnails and previews, template PNGs and previews. The TypeScript
/// binding says `number[]`, the closest type specta has; `ui/src/lib/api.ts` reads it as the
/// `ArrayBuffer` it really is.
#[derive(Debug)]
pub struct RawBytes(pub Vec<u8>);

impl IpcResponse for RawBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

impl specta::Type for RawBytes {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <Vec<u8> as specta::Type>::definition(types)
    }
}

/// Runs slow work (SQLite, photo decoding, Typst renders, channel calls) off the async
/// runtime's threads; the one way the commands do so. A task that panicked is an internal
/// error.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, loa_core::LoaError> + Send + 'static,
) -> Res<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| IpcError::internal(None))?
        .map_err(IpcError::from)
}

/// The file the officer chose in a save dialog, when its extension is `ext`: so the page
/// cannot use an export to overwrite any other kind of file.
pub(crate) fn chosen_file(path: String, ext: &str) -> Result<PathBuf, loa_core::LoaError> {
    let path = PathBuf::from(path);
    let actual = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if actual != ext {
        return Err(loa_core::LoaError::InvalidValue {
            field: "path".into(),
            value: path.display().to_string(),
            allowed: format!("*.{ext}"),
        });
    }
    Ok(path)
}

/// Writes an export through a temporary file: a half-written file is never left under the
/// chosen name.
pub(crate) fn write_export(path: &std::path::Path, bytes: &[u8]) -> Result<(), loa_core::LoaError> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            loa_core::LoaError::WriteFile {
                path: path.to_path_buf(),
                source,
            }
        })
}

#[tauri::command]
#[specta::specta]
pub async fn list_media(core: State<'_, Core>) -> Res<Vec<MediaItem>> {
    Ok(core.store()?.media().list()?)
}

/// Imports picked or dropped files; one outcome per path, in order.
#[tauri::command]
#[specta::specta]
pub async fn import_media(
    core: State<'_, Core>,
    paths: Vec<String>,
    source: MediaSource,
) -> Res<Vec<MediaImportOutcome>> {
    let store = core.shared_store()?;
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    blocking(move || Ok(store.media().import_outcomes(&paths, source))).await
}

#[tauri::command]
#[specta::specta]
pub async fn media_thumbnail(core: State<'_, Core>, id: i64) -> Res<RawBytes> {
    Ok(RawBytes(core.store()?.media().thumbnail_bytes(id)?))
}

#[tauri::command]
#[specta::specta]
pub async fn list_watch_folders(core: State<'_, Core>) -> Res<Vec<WatchFolder>> {
    Ok(core.store()?.media().watch_folders()?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_watch_folder(core: State<'_, Core>, path: String) -> Res<WatchFolder> {
    let folder = core
        .store()?
        .media()
        .add_watch_folder(&PathBuf::from(path))?;
    core.refresh_watch();
    Ok(folder)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_watch_folder(core: State<'_, Core>, id: i64) -> Res<()> {
    core.store()?.media().remove_watch_folder(id)?;
    core.refresh_watch();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn attach_media(
    core: State<'_, Core>,
    draft_id: i64,
    photos: Vec<NewDraftPhoto>,
) -> Res<Vec<DraftPhoto>> {
    Ok(core.store()?.media().attach(draft_id, &photos)?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_alt_text(
    core: State<'_, Core>,
    draft_id: i64,
    media_id: i64,
    alt_text: String,
) -> Res<()> {
    Ok(core
        .store()?
        .media()
        .set_alt_text(draft_id, media_id, &alt_text)?)
}

#[tauri::command]
#[specta::specta]
pub async fn reorder_media(
    core: State<'_, Core>,
    draft_id: i64,
    media_ids: Vec<i64>,
) -> Res<Vec<DraftPhoto>> {
    Ok(core.store()?.media().reorder(draft_id, &media_ids)?)
}

#[tauri::command]
#[specta::specta]
pub async fn detach_media(
    core: State<'_, Core>,
    draft_id: i64,
    media_id: i64,
) -> Res<Vec<DraftPhoto>> {
    Ok(core.store()?.media().detach(draft_id, media_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn draft_media(core: State<'_, Core>, draft_id: i64) -> Res<Vec<DraftPhoto>> {
    Ok(core.store()?.media().of_draft(draft_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_watermark_settings(core: State<'_, Core>) -> Res<WatermarkSettings> {
    Ok(core.store()?.media().watermark_settings()?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_watermark_settings(
    core: State<'_, Core>,
    settings: WatermarkSettings,
) -> Res<WatermarkSettings> {
    Ok(core.store()?.media().set_watermark_settings(&settings)?)
}

/// The photo at 800 px with `settings` applied, for the live preview.
#[tauri::command]
#[specta::specta]
pub async fn watermark_preview(
    core: State<'_, Core>,
    media_id: i64,
    settings: WatermarkSettings,
) -> Res<RawBytes> {
    let store = core.shared_store()?;
    blocking(move || store.media().watermark_preview(media_id, &settings))
        .await
        .map(RawBytes)
}

/// Prepares the draft's photos; each photo's outcome is also sent on `on_progress` as it ends.
#[tauri::command]
#[specta::specta]
pub async fn prepare_draft_photos(
    core: State<'_, Core>,
    draft_id: i64,
    options: PrepareOptions,
    on_progress: Channel<PrepareProgress>,
) -> Res<Vec<PreparedPhoto>> {
    let store = core.shared_store()?;
    let cancel = core.new_prepare_run();
    // A closed window only means nobody is watching the progress any more.
    let send = move |p: &PrepareProgress| {
        let _ = on_progress.send(p.clone());
    };
    blocking(move || {
        store
            .media()
            .prepare_draft_photos(draft_id, &options, send, &cancel)
    })
    .await
}

/// Stops the running "prepare for posting" before its next photo; the rest are reported cancelled.
#[tauri::command]
#[specta::specta]
pub async fn cancel_prepare(core: State<'_, Core>) -> Res<()> {
    core.cancel_prepare();
    Ok(())
}

/// The command registry, shared by the app and the bindings test so they cannot drift apart.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            app_ready,
            get_settings,
            set_lang,
            list_drafts,
            list_trash,
            get_draft,
            create_draft,
            save_draft,
            delete_draft,
            restore_draft,
            list_revisions,
            restore_revision,
            search_drafts,
            check_draft,
            override_check,
            detect_legacy,
            list_media,
            import_media,
            media_thumbnail,
            list_watch_folders,
            add_watch_folder,
            remove_watch_folder,
            attach_media,
            set_alt_text,
            reorder_media,
            detach_media,
            draft_media,
            get_watermark_settings,
            set_watermark_settings,
            watermark_preview,
            prepare_draft_photos,
            cancel_prepare,
            publish::list_channels,
            publish::save_channel,
            publish::set_channel_paused,
            publish::test_channel,
            publish::queue_draft,
            publish::post_preview,
            crate::open::open_published,
            crate::share::share_zalo_group,
            publish::list_outbox,
            publish::retry_outbox_item,
            publish::cancel_outbox_item,
            publish::mark_outbox_published,
            publish::set_outbox_paused,
            publish::publish_status,
            publish::platform_defaults,
            crate::connect::connect_facebook,
            crate::connect::connect_facebook_page,
            crate::connect::connect_zalo,
            crate::connect::connect_settings,
            crate::connect::save_facebook_app,
            crate::connect::cancel_connect,
            crate::templates::list_templates,
            crate::templates::template_sample,
            crate::templates::template_prefill,
            crate::templates::template_thumbnail,
            crate::templates::template_preview,
            crate::templates::create_template_draft,
            crate::profile::get_profile,
            crate::profile::set_profile,
            crate::profile::finish_setup,
            crate::profile::profile_logo,
            crate::profile::list_provinces,
            crate::backup::backup_to,
            crate::backup::list_backups,
            crate::backup::inspect_backup,
            crate::backup::restore_backup,
            crate::backup::newest_good_backup,
            crate::backup::restore_daily_backup,
            crate::reports::make_report,
            crate::reports::refresh_reach,
            crate::reports::export_report,
            crate::templates::delete_template,
            crate::templates::set_template_hidden,
            crate::calendar::calendar_range,
            crate::calendar::series_list,
            crate::calendar::series_save,
            crate::calendar::series_delete,
            crate::calendar::series_skip,
            crate::calendar::series_unskip,
            crate::calendar::series_move,
            crate::calendar::series_fill,
            crate::calendar::draft_plan,
            crate::calendar::calendar_export_week,
            crate::videos::list_videos,
            crate::videos::video_thumbnail,
            crate::videos::draft_video,
            crate::videos::attach_video,
            crate::videos::set_video_options,
            crate::videos::detach_video,
            crate::videos::video_estimate,
            crate::videos::prepare_video,
        ])
        .typ::<loa_core::ErrorCode>()
        // The editor's character counter (loa-platforms: the Facebook message's limit).
        .constant(
            "FACEBOOK_TEXT_LIMIT",
            loa_core::ChannelKind::Facebook.limits().max_text_chars,
        )
        // Sent to the window as the "media-imported" event.
        .typ::<loa_core::WatchEvent>()
        // Sent to the window as the "outbox-event" event.
        .typ::<loa_publish::Event>()
        // The head of a `template_preview` answer (see `templates::PreviewBytes`).
        .typ::<loa_core::TemplatePreviewInfo>()
        // Draft ids are SQLite rowids: far below 2^53, so a JS number holds them exactly.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type: the UI always sends every field.
        .disable_serde_phases()
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), specta_typescript::Error> {
    specta_builder().export(
        specta_typescript::Typescript::default()
            .header("// Generated from src-tauri/src/commands.rs by `cargo test -p loa-app`; do not edit.\n// Regenerate with LOA_UPDATE_BINDINGS=1 cargo test -p loa-app bindings.\n"),
        path,
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    const BINDINGS: &str = "../ui/src/shared/bindings.ts";

    /// Fails when `ui/src/shared/bindings.ts` no longer matches the Rust commands and types.
    #[test]
    fn bindings_are_fresh() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
        if std::env::var_os("LOA_UPDATE_BINDINGS").is_some() {
            super::export_bindings(&committed).expect("export bindings");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).expect("export bindings");
        let fresh = std::fs::read_to_string(fresh).expect("read fresh bindings");
        let old = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            old == fresh,
            "ui/src/shared/bindings.ts is stale: run `LOA_UPDATE_BINDINGS=1 cargo test -p loa-app bindings` and commit it"
        );
    }

    /// Every command needs a permission in the capability file, and nothing more is granted.
    #[test]
    fn capability_lists_exactly_our_commands() {
        let build_rs = include_str!("../build.rs");
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main-window.json")).expect("JSON");
        let granted: Vec<String> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| p.starts_with("allow-"))
            .map(|p| p.trim_start_matches("allow-").replace('-', "_"))
            .collect();
        let registered = registered_command_names();
        for name in &registered {
            assert!(
                build_rs.contains(&format!("\"{name}\"")),
                "{name} missing in build.rs"
            );
            assert!(
                granted.contains(name),
                "{name} missing in capabilities/main-window.json"
            );
        }
        assert_eq!(
            granted.len(),
            registered.len(),
            "capability grants an unknown command"
        );
    }

    fn registered_command_names() -> Vec<String> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("b.ts");
        super::export_bindings(&path).expect("export");
        let ts = std::fs::read_to_string(path).expect("read");
        // Every command appears as TAURI_INVOKE("name" in the generated file.
        ts.match_indices("TAURI_INVOKE(\"")
            .map(|(i, m)| {
                let rest = &ts[i + m.len()..];
                rest[..rest.find('"').unwrap_or(0)].to_owned()
            })
            .collect()
    }
}

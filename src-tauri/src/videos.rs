//! Video commands: the video library, a draft's one video, the estimate before compressing and
//! the compression itself with progress on a channel and the shared "prepare" cancel flag.
//! Adapters over `loa_core::videos`; ffmpeg is found once per process there.

use loa_core::{DraftVideo, IpcError, VideoEstimate, VideoItem, VideoProgress};
use tauri::State;
use tauri::ipc::Channel;

use crate::Core;
use crate::commands::{RawBytes, blocking};

type Res<T> = Result<T, IpcError>;

/// Every video in the library, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_videos(core: State<'_, Core>) -> Res<Vec<VideoItem>> {
    Ok(core.store()?.videos().list()?)
}

/// A video's poster frame (an upright JPEG, 320 px on its long edge).
#[tauri::command]
#[specta::specta]
pub async fn video_thumbnail(core: State<'_, Core>, id: i64) -> Res<RawBytes> {
    Ok(RawBytes(core.store()?.videos().thumbnail_bytes(id)?))
}

/// The draft's video, if it has one.
#[tauri::command]
#[specta::specta]
pub async fn draft_video(core: State<'_, Core>, draft_id: i64) -> Res<Option<DraftVideo>> {
    Ok(core.store()?.videos().of_draft(draft_id)?)
}

/// Puts a library video on the draft (`facebook` unless another preset is named).
#[tauri::command]
#[specta::specta]
pub async fn attach_video(
    core: State<'_, Core>,
    draft_id: i64,
    video_id: i64,
    preset: Option<String>,
    keep_location: bool,
) -> Res<DraftVideo> {
    Ok(core
        .store()?
        .videos()
        .attach(draft_id, video_id, preset.as_deref(), keep_location)?)
}

/// Changes how the draft's video is compressed.
#[tauri::command]
#[specta::specta]
pub async fn set_video_options(
    core: State<'_, Core>,
    draft_id: i64,
    preset: String,
    keep_location: bool,
) -> Res<DraftVideo> {
    Ok(core
        .store()?
        .videos()
        .set_options(draft_id, &preset, keep_location)?)
}

/// Takes the video off the draft; it stays in the library.
#[tauri::command]
#[specta::specta]
pub async fn detach_video(core: State<'_, Core>, draft_id: i64) -> Res<()> {
    Ok(core.store()?.videos().detach(draft_id)?)
}

/// Size and upload time of the compressed copy, or why the preset cannot take this video.
#[tauri::command]
#[specta::specta]
pub async fn video_estimate(core: State<'_, Core>, draft_id: i64) -> Res<VideoEstimate> {
    let store = core.shared_store()?;
    blocking(move || store.videos().estimate(draft_id)).await
}

/// Compresses the draft's video on a worker; progress goes on `on_progress`, `cancel_prepare`
/// stops it. Answers with the draft's video and its recorded copy.
#[tauri::command]
#[specta::specta]
pub async fn prepare_video(
    core: State<'_, Core>,
    draft_id: i64,
    on_progress: Channel<VideoProgress>,
) -> Res<DraftVideo> {
    let store = core.shared_store()?;
    let cancel = core.new_prepare_run();
    blocking(move || {
        // A closed window only means nobody is watching the progress any more.
        let mut send = |p: &VideoProgress| {
            let _ = on_progress.send(p.clone());
        };
        store.videos().prepare(draft_id, &cancel, &mut send)?;
        store
            .videos()
            .of_draft(draft_id)?
            .ok_or(loa_core::LoaError::VideoNotAttached { draft_id })
    })
    .await
}

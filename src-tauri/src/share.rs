//! "Chia sẻ vào nhóm Zalo": the draft's photos prepared as for Facebook, copied into a folder
//! under the officer's Pictures (numbered in the post's order) and that folder opened; the page
//! puts the text on the clipboard itself. Village Zalo groups have no API, so this is the whole
//! way a post reaches them — one click, then paste and drag.

use std::sync::atomic::AtomicBool;

use loa_core::media::PrepareOptions;
use loa_core::media::share::{copy_prepared, share_folder};
use loa_core::{IpcError, LoaError};
use loa_platforms::PhotoPreset;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// What a share left for the officer.
#[derive(Debug, Serialize, specta::Type)]
pub struct ZaloShare {
    /// The folder holding the photos (opened in the file manager).
    pub folder: String,
    pub photos: u32,
    /// Photos that could not be prepared (each is reported like "prepare for posting" does).
    pub failed: u32,
}

#[tauri::command]
#[specta::specta]
pub async fn share_zalo_group(
    app: AppHandle,
    core: State<'_, Core>,
    draft_id: i64,
) -> Res<ZaloShare> {
    let store = core.shared_store()?;
    let root = app
        .path()
        .picture_dir()
        .or_else(|_| app.path().document_dir())
        .or_else(|_| app.path().home_dir())
        .map_err(|_| IpcError::from(LoaError::NothingToOpen))?
        .join("Loa")
        .join("Zalo");
    blocking(move || {
        let draft = store.drafts().get(draft_id)?;
        let options = PrepareOptions {
            preset: PhotoPreset::Facebook,
            use_watermark: true,
        };
        let prepared = store.media().prepare_draft_photos(
            draft_id,
            &options,
            |_| {},
            &AtomicBool::new(false),
        )?;
        // Named by the officer's day, whatever the laptop's zone.
        let day = loa_report::period::vietnam_date(store.clock().now());
        let folder = share_folder(&root, day, &draft.title);
        let written = copy_prepared(&prepared, &folder)?;
        crate::open::open_folder(&folder)?;
        Ok(ZaloShare {
            folder: folder.display().to_string(),
            photos: u32::try_from(written.len()).unwrap_or(u32::MAX),
            failed: u32::try_from(prepared.iter().filter(|p| !p.ok).count()).unwrap_or(u32::MAX),
        })
    })
    .await
}

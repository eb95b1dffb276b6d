//! Commune profile commands: one-line adapters over `store.profile()` (the first-run setup and
//! Settings use them).

use loa_core::profile::units::PROVINCES;
use loa_core::{CommuneProfile, IpcError, Province};
use tauri::State;

use crate::Core;
use crate::commands::{RawBytes, blocking};

type Res<T> = Result<T, IpcError>;

#[tauri::command]
#[specta::specta]
pub async fn get_profile(core: State<'_, Core>) -> Res<CommuneProfile> {
    Ok(core.store()?.profile().get()?)
}

/// Saves the profile; a new logo file is copied (and converted) into the profile first.
#[tauri::command]
#[specta::specta]
pub async fn set_profile(core: State<'_, Core>, profile: CommuneProfile) -> Res<CommuneProfile> {
    let store = core.shared_store()?;
    blocking(move || store.profile().set(&profile)).await
}

/// The first-run setup was finished or skipped.
#[tauri::command]
#[specta::specta]
pub async fn finish_setup(core: State<'_, Core>) -> Res<()> {
    Ok(core.store()?.profile().finish_setup()?)
}

/// The logo's PNG as raw bytes; an empty answer when there is none.
#[tauri::command]
#[specta::specta]
pub async fn profile_logo(core: State<'_, Core>) -> Res<RawBytes> {
    Ok(RawBytes(
        core.store()?.profile().logo_bytes()?.unwrap_or_default(),
    ))
}

/// The 34 provinces and cities, for the province field's suggestions.
#[tauri::command]
#[specta::specta]
pub async fn list_provinces() -> Res<Vec<Province>> {
    Ok(PROVINCES.to_vec())
}

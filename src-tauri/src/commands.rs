//! Tauri commands: one-line adapters over [`loa_core::Store`]. No logic here.
//!
//! Each command is async so SQLite work runs off the UI thread. Errors cross as [`IpcError`]: a
//! stable code plus a Fluent message id the UI translates.

use loa_core::{
    CheckFinding, Draft, DraftPatch, DraftSummary, IpcError, Lang, LegacyOffer, NewDraft, Revision,
    SearchHit, SearchQuery, Settings,
};
use tauri::State;

use crate::Core;

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
    Ok(core.store()?.list_drafts()?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_trash(core: State<'_, Core>) -> Res<Vec<DraftSummary>> {
    Ok(core.store()?.list_trash()?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_draft(core: State<'_, Core>, id: i64) -> Res<Draft> {
    Ok(core.store()?.get_draft(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_draft(core: State<'_, Core>, input: NewDraft) -> Res<Draft> {
    Ok(core.store()?.create_draft(&input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_draft(core: State<'_, Core>, id: i64, patch: DraftPatch) -> Res<Draft> {
    Ok(core.store()?.save_draft(id, &patch)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_draft(core: State<'_, Core>, id: i64) -> Res<()> {
    Ok(core.store()?.trash_draft(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn restore_draft(core: State<'_, Core>, id: i64) -> Res<Draft> {
    Ok(core.store()?.restore_draft(id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_revisions(core: State<'_, Core>, draft_id: i64) -> Res<Vec<Revision>> {
    Ok(core.store()?.revisions(draft_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn restore_revision(
    core: State<'_, Core>,
    draft_id: i64,
    revision_id: i64,
) -> Res<Draft> {
    Ok(core.store()?.restore_revision(draft_id, revision_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn search_drafts(core: State<'_, Core>, query: SearchQuery) -> Res<Vec<SearchHit>> {
    Ok(core.store()?.search(&query)?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_draft(core: State<'_, Core>, id: i64) -> Res<Vec<CheckFinding>> {
    Ok(core.store()?.check_draft(id)?)
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
    store.override_check(id, &code, &reason)?;
    Ok(store.check_draft(id)?)
}

/// For a paste: whether the text looks like TCVN3, VNI or VIQR, with the converted preview.
#[tauri::command]
#[specta::specta]
pub async fn detect_legacy(text: String) -> Res<Option<LegacyOffer>> {
    Ok(loa_core::legacy::offer(&text))
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
        ])
        .typ::<loa_core::ErrorCode>()
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

    const BINDINGS: &str = "../ui/src/lib/bindings.ts";

    /// Fails when `ui/src/lib/bindings.ts` no longer matches the Rust commands and types.
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
            "ui/src/lib/bindings.ts is stale: run `LOA_UPDATE_BINDINGS=1 cargo test -p loa-app bindings` and commit it"
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

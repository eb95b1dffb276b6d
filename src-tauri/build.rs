//! Declares Loa's own commands so that each needs an explicit permission in `capabilities/`:
//! a command not listed there cannot be called from the page.

/// Every command of `src/commands.rs`, `src/publish.rs` and `src/templates.rs`; `commands::tests`
/// checks the lists agree.
const COMMANDS: &[&str] = &[
    "app_ready",
    "get_settings",
    "set_lang",
    "list_drafts",
    "list_trash",
    "get_draft",
    "create_draft",
    "save_draft",
    "delete_draft",
    "restore_draft",
    "list_revisions",
    "restore_revision",
    "search_drafts",
    "check_draft",
    "override_check",
    "detect_legacy",
    "list_media",
    "import_media",
    "media_thumbnail",
    "list_watch_folders",
    "add_watch_folder",
    "remove_watch_folder",
    "attach_media",
    "set_alt_text",
    "reorder_media",
    "detach_media",
    "draft_media",
    "get_watermark_settings",
    "set_watermark_settings",
    "watermark_preview",
    "prepare_draft_photos",
    "cancel_prepare",
    "list_channels",
    "save_channel",
    "set_channel_paused",
    "test_channel",
    "queue_draft",
    "list_outbox",
    "retry_outbox_item",
    "cancel_outbox_item",
    "mark_outbox_published",
    "set_outbox_paused",
    "publish_status",
    "platform_defaults",
    "list_templates",
    "template_sample",
    "template_thumbnail",
    "template_preview",
    "create_template_draft",
    "delete_template",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

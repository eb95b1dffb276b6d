//! Opening a published post in the browser, or a folder in the file manager, with the system's
//! own program. The page cannot name what is opened: it passes an outbox item or a draft, and
//! only the address the platform returned for that item, or the folder Loa itself wrote, is opened.

use std::path::Path;
use std::process::{Command, Stdio};

use loa_core::{IpcError, LoaError};
use tauri::State;

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// Starts the system's opener for `target` (a URL or a folder) and does not wait for it.
pub fn open_with_system(target: &str) -> Result<(), LoaError> {
    let mut cmd = if cfg!(target_os = "windows") {
        // explorer.exe opens folders and hands URLs to the default browser, without a console.
        let mut c = Command::new("explorer");
        c.arg(target);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(target);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(target);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.spawn()
        .map(drop)
        .map_err(|source| LoaError::OpenWithSystem {
            target: target.to_owned(),
            source,
        })
}

/// Whether an address a platform returned may be handed to the browser: web pages only (https,
/// or plain http to this computer for the practice sandbox), never a file or a script.
pub fn openable_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://127.0.0.1")
        || lower.starts_with("http://localhost")
}

/// Opens a published post (an outbox item's address on the platform) in the browser.
#[tauri::command]
#[specta::specta]
pub async fn open_published(core: State<'_, Core>, outbox_id: i64) -> Res<()> {
    let store = core.shared_store()?;
    blocking(move || {
        let item = store.publishing().outbox_item(outbox_id)?;
        match item.remote_url.as_deref() {
            Some(url) if openable_url(url) => open_with_system(url),
            _ => Err(LoaError::NothingToOpen),
        }
    })
    .await
}

/// Opens a folder Loa wrote (a share for a Zalo group) in the file manager.
pub fn open_folder(folder: &Path) -> Result<(), LoaError> {
    open_with_system(&folder.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::openable_url;

    #[test]
    fn only_web_pages_are_opened() {
        assert!(openable_url("https://www.facebook.com/123_456"));
        assert!(openable_url("http://127.0.0.1:8080/p/1"));
        assert!(!openable_url("file:///etc/passwd"));
        assert!(!openable_url("javascript:alert(1)"));
        assert!(!openable_url("http://example.com/plain-http"));
        assert!(!openable_url("C:\\Windows\\system32\\calc.exe"));
    }
}

//! Where a profile's data lives.
//!
//! Both front doors resolve the folder here, so the desktop app and the `loa` command line always
//! open the same database: `--data-dir` first, then `LOA_DATA_DIR`, then the OS app-data folder
//! (`~/.local/share/vn.loa.studio/profiles/default` on Linux, `%APPDATA%\vn.loa.studio\...` on
//! Windows).

use std::path::{Path, PathBuf};

/// Must equal `identifier` in `src-tauri/tauri.conf.json` (a test checks it).
pub const APP_IDENTIFIER: &str = "vn.loa.studio";

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "LOA_DATA_DIR";

/// The database file inside a profile's folder.
pub const DB_FILE: &str = "loa.db";

/// Resolves the profile folder from an explicit choice, the environment, or the OS default.
pub fn resolve_data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    default_data_dir()
}

/// The OS app-data folder of the default profile.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("profiles")
        .join("default")
}

//! Where channel secrets live: the OS keyring, never the database.
//!
//! Each channel's [`Credentials`] are one keyring entry, service `vn.loa.studio`, user
//! `channel:<id>`, holding their JSON: the Secret Service (GNOME Keyring, KWallet) over D-Bus on
//! Linux, the Credential Manager on Windows, the Keychain on macOS.
//!
//! **Fallback.** Where no keyring service answers — a Linux machine without a desktop session
//! bus, a server, CI — or when `LOA_CREDENTIALS=file` is set, secrets are kept in
//! `<data folder>/credentials.json` instead, written with mode 0600 (owner read/write only; on
//! Windows the file inherits the profile folder's ACL). That file is protected only by the
//! file system: anyone who can read the officer's profile can read the tokens. Loa says so with
//! a warning each time a process starts using it. `LOA_CREDENTIALS=keyring` forbids the
//! fallback.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use loa_channels::Credentials;
use loa_core::{LoaError, Result};
use serde::{Deserialize, Serialize};

/// The keyring service name (the app identifier).
pub const SERVICE: &str = loa_core::paths::APP_IDENTIFIER;

/// The environment variable that picks the store: `file` or `keyring` (default: the keyring,
/// else the file).
pub const ENV: &str = "LOA_CREDENTIALS";

/// The fallback file inside the profile folder.
pub const FILE_NAME: &str = "credentials.json";

/// The keyring user of a channel's entry.
pub fn entry_user(channel_id: i64) -> String {
    format!("channel:{channel_id}")
}

/// The keyring user of an app's secret (`app:facebook`): the secret of a province's own
/// Facebook app, which turns a sign-in into a long-lived token.
pub fn app_entry_user(app: &str) -> String {
    format!("app:{app}")
}

/// Where a store keeps secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Keyring,
    /// The documented fallback file.
    File(PathBuf),
    /// In memory (tests).
    Memory,
}

/// Reads and writes channel secrets.
pub trait CredentialStore: Send + Sync + fmt::Debug {
    fn get(&self, channel_id: i64) -> Result<Option<Credentials>>;
    fn set(&self, channel_id: i64, creds: &Credentials) -> Result<()>;
    fn delete(&self, channel_id: i64) -> Result<()>;
    fn backend(&self) -> Backend;
    /// The secret of an app Loa signs in through (`facebook`), if the officer gave one.
    fn app_secret(&self, app: &str) -> Result<Option<String>>;
    /// Stores (`Some`) or forgets (`None`) an app's secret.
    fn set_app_secret(&self, app: &str, secret: Option<&str>) -> Result<()>;
}

fn cred_err(detail: impl fmt::Display) -> LoaError {
    LoaError::Credentials {
        detail: detail.to_string(),
    }
}

/// Secrets in the OS keyring.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(channel_id: i64) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &entry_user(channel_id)).map_err(cred_err)
    }

    fn app_entry(app: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &app_entry_user(app)).map_err(cred_err)
    }

    /// Whether a keyring service answers here. On Linux, no session bus means no Secret
    /// Service, and asking would only time out.
    pub fn available() -> bool {
        if cfg!(target_os = "linux")
            && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty())
        {
            return false;
        }
        match keyring::Entry::new(SERVICE, "probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => true,
            Err(_) => false,
        }
    }
}

impl CredentialStore for KeyringStore {
    fn get(&self, channel_id: i64) -> Result<Option<Credentials>> {
        match Self::entry(channel_id)?.get_password() {
            Ok(json) => serde_json::from_str(&json).map(Some).map_err(cred_err),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(cred_err(e)),
        }
    }

    fn set(&self, channel_id: i64, creds: &Credentials) -> Result<()> {
        let json = serde_json::to_string(creds).map_err(cred_err)?;
        Self::entry(channel_id)?
            .set_password(&json)
            .map_err(cred_err)
    }

    fn delete(&self, channel_id: i64) -> Result<()> {
        match Self::entry(channel_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(cred_err(e)),
        }
    }

    fn backend(&self) -> Backend {
        Backend::Keyring
    }

    fn app_secret(&self, app: &str) -> Result<Option<String>> {
        match Self::app_entry(app)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(cred_err(e)),
        }
    }

    fn set_app_secret(&self, app: &str, secret: Option<&str>) -> Result<()> {
        let entry = Self::app_entry(app)?;
        match secret {
            Some(s) => entry.set_password(s).map_err(cred_err),
            None => match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(cred_err(e)),
            },
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct FileContents {
    /// Channel id → its secrets.
    channels: BTreeMap<String, Credentials>,
    /// App name → its secret (see [`app_entry_user`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    apps: BTreeMap<String, String>,
}

/// The fallback: `<data folder>/credentials.json`, mode 0600, replaced atomically on write.
pub struct FileStore {
    path: PathBuf,
    warn: Box<dyn Fn(&Path) + Send + Sync>,
    warned: AtomicBool,
    // Serialises read-modify-write within this process; `exclusive` does it between processes
    // (the window and `loa sync` both write refreshed tokens).
    lock: Mutex<()>,
}

/// The lock file beside the credentials file: held exclusively while the file is read,
/// changed and replaced, so a change by another process (a Zalo refresh token, which works
/// once) is never overwritten by a stale copy.
pub const LOCK_FILE_NAME: &str = "credentials.json.lock";

impl fmt::Debug for FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStore")
            .field("path", &self.path)
            .finish()
    }
}

impl FileStore {
    /// `warn` is called with the file's path the first time this store is used.
    pub fn new(dir: &Path, warn: impl Fn(&Path) + Send + Sync + 'static) -> Self {
        Self {
            path: dir.join(FILE_NAME),
            warn: Box::new(warn),
            warned: AtomicBool::new(false),
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Holds the cross-process lock until the returned file is dropped. A folder that cannot
    /// hold the lock file cannot hold the credentials either: the write reports that.
    fn exclusive(&self) -> Result<std::fs::File> {
        let path = self.path.with_file_name(LOCK_FILE_NAME);
        let err = |e: std::io::Error| cred_err(format!("{}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path).map_err(err)?;
        // Held for one read-modify-write of a small file: milliseconds.
        file.lock().map_err(err)?;
        Ok(file)
    }

    /// Reads, changes and writes the file under both locks.
    fn change(&self, f: impl FnOnce(&mut FileContents) -> bool) -> Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let _held = self.exclusive()?;
        let mut contents = self.load()?;
        if f(&mut contents) {
            self.save(&contents)?;
        }
        Ok(())
    }

    fn used(&self) {
        if !self.warned.swap(true, Ordering::SeqCst) {
            (self.warn)(&self.path);
        }
    }

    fn load(&self) -> Result<FileContents> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(cred_err),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileContents::default()),
            Err(source) => Err(LoaError::ReadFile {
                path: self.path.clone(),
                source,
            }),
        }
    }

    fn save(&self, contents: &FileContents) -> Result<()> {
        let json = serde_json::to_vec_pretty(contents).map_err(cred_err)?;
        let temp = self
            .path
            .with_extension(format!("json.{}.tmp", std::process::id()));
        let write_err = |e: std::io::Error| cred_err(format!("{}: {e}", self.path.display()));
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Created 0600: the secrets are never readable by others, not even for a moment.
            options.mode(0o600);
        }
        let mut file = options.open(&temp).map_err(write_err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A leftover temp file from a crash keeps its old mode: set it again.
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(write_err)?;
        }
        file.write_all(&json).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        drop(file);
        std::fs::rename(&temp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            write_err(e)
        })
    }
}

impl CredentialStore for FileStore {
    fn get(&self, channel_id: i64) -> Result<Option<Credentials>> {
        self.used();
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        Ok(self.load()?.channels.remove(&channel_id.to_string()))
    }

    fn set(&self, channel_id: i64, creds: &Credentials) -> Result<()> {
        self.used();
        self.change(|contents| {
            contents
                .channels
                .insert(channel_id.to_string(), creds.clone());
            true
        })
    }

    fn delete(&self, channel_id: i64) -> Result<()> {
        self.change(|contents| contents.channels.remove(&channel_id.to_string()).is_some())
    }

    fn backend(&self) -> Backend {
        Backend::File(self.path.clone())
    }

    fn app_secret(&self, app: &str) -> Result<Option<String>> {
        self.used();
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        Ok(self.load()?.apps.remove(app))
    }

    fn set_app_secret(&self, app: &str, secret: Option<&str>) -> Result<()> {
        self.used();
        self.change(|contents| match secret {
            Some(s) => {
                contents.apps.insert(app.to_owned(), s.to_owned());
                true
            }
            None => contents.apps.remove(app).is_some(),
        })
    }
}

/// Secrets in memory (tests, and the sandbox).
#[derive(Debug, Default)]
pub struct MemoryStore(
    Mutex<BTreeMap<i64, Credentials>>,
    Mutex<BTreeMap<String, String>>,
);

impl CredentialStore for MemoryStore {
    fn get(&self, channel_id: i64) -> Result<Option<Credentials>> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&channel_id)
            .cloned())
    }

    fn set(&self, channel_id: i64, creds: &Credentials) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(channel_id, creds.clone());
        Ok(())
    }

    fn delete(&self, channel_id: i64) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&channel_id);
        Ok(())
    }

    fn backend(&self) -> Backend {
        Backend::Memory
    }

    fn app_secret(&self, app: &str) -> Result<Option<String>> {
        Ok(self
            .1
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(app)
            .cloned())
    }

    fn set_app_secret(&self, app: &str, secret: Option<&str>) -> Result<()> {
        let mut apps = self.1.lock().unwrap_or_else(|e| e.into_inner());
        match secret {
            Some(s) => apps.insert(app.to_owned(), s.to_owned()),
            None => apps.remove(app),
        };
        Ok(())
    }
}

/// The keyring; where an entry is missing, what an earlier fallback run wrote to the file (so a
/// keyring that appears later does not lose channels added without it).
#[derive(Debug)]
struct KeyringWithFile {
    keyring: KeyringStore,
    file: FileStore,
}

impl CredentialStore for KeyringWithFile {
    fn get(&self, channel_id: i64) -> Result<Option<Credentials>> {
        match self.keyring.get(channel_id)? {
            Some(c) => Ok(Some(c)),
            None if self.file.path().is_file() => self.file.get(channel_id),
            None => Ok(None),
        }
    }

    fn set(&self, channel_id: i64, creds: &Credentials) -> Result<()> {
        self.keyring.set(channel_id, creds)?;
        // The keyring has it now: the plain file must not keep an older copy.
        if self.file.path().is_file() {
            self.file.delete(channel_id)?;
        }
        Ok(())
    }

    fn delete(&self, channel_id: i64) -> Result<()> {
        self.keyring.delete(channel_id)?;
        if self.file.path().is_file() {
            self.file.delete(channel_id)?;
        }
        Ok(())
    }

    fn backend(&self) -> Backend {
        Backend::Keyring
    }

    fn app_secret(&self, app: &str) -> Result<Option<String>> {
        match self.keyring.app_secret(app)? {
            Some(s) => Ok(Some(s)),
            None if self.file.path().is_file() => self.file.app_secret(app),
            None => Ok(None),
        }
    }

    fn set_app_secret(&self, app: &str, secret: Option<&str>) -> Result<()> {
        self.keyring.set_app_secret(app, secret)?;
        if self.file.path().is_file() {
            self.file.set_app_secret(app, None)?;
        }
        Ok(())
    }
}

/// Opens the store for the profile in `dir`: the keyring when it answers, else the file (see the
/// module docs). `warn` is told the file's path the first time the file is used.
pub fn open(
    dir: &Path,
    warn: impl Fn(&Path) + Send + Sync + 'static,
) -> Result<Box<dyn CredentialStore>> {
    let choice = std::env::var(ENV).unwrap_or_default();
    let file = FileStore::new(dir, warn);
    match choice.trim() {
        "file" => Ok(Box::new(file)),
        "keyring" => {
            if KeyringStore::available() {
                Ok(Box::new(KeyringWithFile {
                    keyring: KeyringStore,
                    file,
                }))
            } else {
                Err(cred_err(
                    "LOA_CREDENTIALS=keyring, but no keyring service answers",
                ))
            }
        }
        _ if KeyringStore::available() => Ok(Box::new(KeyringWithFile {
            keyring: KeyringStore,
            file,
        })),
        _ => Ok(Box::new(file)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    fn creds(token: &str) -> Credentials {
        Credentials {
            token: token.into(),
            refresh_token: Some("r".into()),
            ..Credentials::default()
        }
    }

    #[test]
    fn the_file_store_round_trips_warns_once_and_is_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let warnings = Arc::new(AtomicUsize::new(0));
        let w = warnings.clone();
        let store = FileStore::new(dir.path(), move |_| {
            w.fetch_add(1, Ordering::SeqCst);
        });
        assert!(store.get(1).expect("get").is_none());
        store.set(1, &creds("a")).expect("set");
        store.set(2, &creds("b")).expect("set");
        store.set(1, &creds("a2")).expect("replace");
        assert_eq!(store.get(1).expect("get").expect("some").token, "a2");
        assert_eq!(store.get(2).expect("get").expect("some").token, "b");
        store.delete(2).expect("delete");
        assert!(store.get(2).expect("get").is_none());
        assert!(store.app_secret("facebook").expect("get").is_none());
        store.set_app_secret("facebook", Some("s3")).expect("set");
        assert_eq!(
            store.app_secret("facebook").expect("get").as_deref(),
            Some("s3")
        );
        assert_eq!(store.get(1).expect("get").expect("kept").token, "a2");
        assert_eq!(warnings.load(Ordering::SeqCst), 1, "one warning per store");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(store.path())
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A second process (a new store) reads what the first wrote.
        let again = FileStore::new(dir.path(), |_| {});
        assert_eq!(again.get(1).expect("get").expect("some").token, "a2");
        again.set_app_secret("facebook", None).expect("forget");
        assert!(store.app_secret("facebook").expect("get").is_none());
    }

    #[test]
    fn two_processes_writing_the_file_never_lose_each_others_secrets() {
        // Two stores on one folder stand for the window and `loa sync`: each has its own
        // in-process lock, so only the lock file keeps their read-modify-writes apart.
        let dir = tempfile::tempdir().expect("tempdir");
        let writers: Vec<_> = (0..2i64)
            .map(|w| {
                let path = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let store = FileStore::new(&path, |_| {});
                    for k in 0..40 {
                        let id = w * 1000 + k;
                        store.set(id, &creds(&format!("t{id}"))).expect("set");
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("writer");
        }
        let store = FileStore::new(dir.path(), |_| {});
        for w in 0..2i64 {
            for k in 0..40 {
                let id = w * 1000 + k;
                assert_eq!(
                    store.get(id).expect("get").map(|c| c.token),
                    Some(format!("t{id}")),
                    "channel {id} lost"
                );
            }
        }
    }

    #[test]
    fn the_environment_can_force_the_file() {
        // `set_var` is unsafe in edition 2024 (other test threads read the environment), so the
        // test follows the environment it is given: CI and the command-line tests set
        // LOA_CREDENTIALS=file or have no session bus.
        let dir = tempfile::tempdir().expect("tempdir");
        if std::env::var(ENV).as_deref() == Ok("file") {
            let store = open(dir.path(), |_| {}).expect("open");
            assert_eq!(store.backend(), Backend::File(dir.path().join(FILE_NAME)));
        } else if !KeyringStore::available() {
            let store = open(dir.path(), |_| {}).expect("open");
            assert_eq!(store.backend(), Backend::File(dir.path().join(FILE_NAME)));
        } else {
            eprintln!("a keyring answers here: the fallback is not exercised by this test");
        }
    }
}

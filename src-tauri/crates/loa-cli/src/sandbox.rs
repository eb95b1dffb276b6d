//! `loa sandbox`: starts `loa-sandbox` (the loopback Facebook, Zalo and WordPress emulators from
//! the `loa-emulators` crate), installed beside `loa`. Kept as a separate program so that the
//! emulators never become part of the product code.
//!
//! Once the emulators answer, the practice profile in the sandbox folder (`<dir>/profile`) is
//! pointed at them — the Facebook app and login address the window signs in through, the app's
//! secret in that profile's credential store, the Zalo app — so opening the app on it and
//! pressing "Kết nối với Facebook" goes through the emulated sign-in with nothing to paste.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use loa_core::{FacebookApp, LoaError, Localizer, Store, ZaloApp};
use serde::Deserialize;

use crate::Outcome;

/// The file `loa-sandbox` writes once its emulators answer (`loa_emulators::sandbox::CONFIG_FILE`).
const CONFIG_FILE: &str = "sandbox.json";
/// How long the emulators may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// Where `loa-sandbox` is: `LOA_SANDBOX_BIN`, else beside this executable.
fn sandbox_path() -> PathBuf {
    if let Some(p) = std::env::var_os("LOA_SANDBOX_BIN") {
        return PathBuf::from(p);
    }
    let name = format!("loa-sandbox{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The sandbox folder: `--dir` when given, else one in the temporary folder, passed on so both
/// programs agree.
fn sandbox_dir(args: &[OsString]) -> (PathBuf, Vec<OsString>) {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--dir"
            && let Some(d) = it.next()
        {
            return (PathBuf::from(d), args.to_vec());
        }
    }
    let dir = std::env::temp_dir().join("loa-sandbox");
    let mut with = args.to_vec();
    with.extend([OsString::from("--dir"), dir.clone().into_os_string()]);
    (dir, with)
}

#[derive(Debug, Deserialize)]
struct Config {
    profile: PathBuf,
    facebook: FacebookConfig,
    zalo: ZaloConfig,
}

#[derive(Debug, Deserialize)]
struct FacebookConfig {
    app_id: String,
    login_url: String,
    app_secret_file: PathBuf,
}

#[derive(Debug, Deserialize)]
struct ZaloConfig {
    app_id: String,
    callback_url: String,
    api_url: String,
}

/// Waits for the emulators' config (`None` if the program ended or never wrote it).
fn wait_for_config(child: &mut Child, dir: &Path) -> Option<Config> {
    let path = dir.join(CONFIG_FILE);
    let deadline = Instant::now() + START_TIMEOUT;
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(config) = serde_json::from_str(&text)
        {
            return Some(config);
        }
        if !matches!(child.try_wait(), Ok(None)) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Points the practice profile at the emulators.
fn prepare_profile(l10n: &Localizer, config: &Config) -> Result<(), LoaError> {
    let store = Store::open(&config.profile)?;
    store.publishing().set_facebook_app(&FacebookApp {
        app_id: config.facebook.app_id.clone(),
        login_url: config.facebook.login_url.clone(),
    })?;
    let secret = crate::channel::secret(&config.facebook.app_secret_file)?;
    crate::channel::credentials(&store, l10n)?
        .set_app_secret(loa_publish::connect::FACEBOOK_APP, Some(&secret))?;
    store.publishing().set_zalo_app(&ZaloApp {
        app_id: config.zalo.app_id.clone(),
        callback_url: config.zalo.callback_url.clone(),
        api_url: config.zalo.api_url.clone(),
    })
}

pub fn run(l10n: &Localizer, args: &[OsString]) -> Outcome {
    let path = sandbox_path();
    let asks_help = args.iter().any(|a| a == "-h" || a == "--help");
    let (dir, args) = sandbox_dir(args);
    let mut child = match Command::new(&path).args(&args).spawn() {
        Ok(c) => c,
        Err(_) => {
            eprintln!(
                "loa: {}",
                l10n.msg_with(
                    "cli-sandbox-missing",
                    &[("path", path.display().to_string())]
                )
            );
            return Outcome::Partial;
        }
    };
    if !asks_help && let Some(config) = wait_for_config(&mut child, &dir) {
        match prepare_profile(l10n, &config) {
            Ok(()) => println!(
                "{}",
                l10n.msg_with(
                    "cli-sandbox-profile-ready",
                    &[("profile", config.profile.display().to_string())]
                )
            ),
            Err(e) => eprintln!("loa: {}", l10n.error(&e)),
        }
    }
    match child.wait() {
        Ok(status) if status.success() => Outcome::Ok,
        _ => Outcome::Partial,
    }
}

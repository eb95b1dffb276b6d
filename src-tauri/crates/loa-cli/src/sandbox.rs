//! `loa sandbox`: starts `loa-sandbox` (the loopback Facebook, Zalo and WordPress emulators from
//! the `loa-emulators` crate), installed beside `loa`. Kept as a separate program so that the
//! emulators never become part of the product code.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use loa_core::Localizer;

use crate::Outcome;

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

pub fn run(l10n: &Localizer, args: &[OsString]) -> Outcome {
    let path = sandbox_path();
    match Command::new(&path).args(args).status() {
        Ok(status) if status.success() => Outcome::Ok,
        Ok(_) => Outcome::Partial,
        Err(_) => {
            eprintln!(
                "loa: {}",
                l10n.msg_with(
                    "cli-sandbox-missing",
                    &[("path", path.display().to_string())]
                )
            );
            Outcome::Partial
        }
    }
}

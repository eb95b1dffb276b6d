//! `loa --version`: the workspace version (`[workspace.package]` in src-tauri/Cargo.toml), the one
//! the installers carry too, and printed without opening or creating a profile.

use std::process::{Command, Stdio};

#[test]
fn version_prints_the_workspace_version_and_touches_no_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    for flag in ["--version", "-V"] {
        let o = Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg(flag)
            .env("LOA_DATA_DIR", &profile)
            .stdin(Stdio::null())
            .output()
            .expect("run loa");
        assert!(o.status.success(), "{flag}: exit {:?}", o.status);
        assert_eq!(
            String::from_utf8(o.stdout).expect("UTF-8 stdout"),
            format!("loa {}\n", env!("CARGO_PKG_VERSION")),
            "{flag}"
        );
        assert!(o.stderr.is_empty(), "{flag}: nothing on stderr");
    }
    assert!(!profile.exists(), "--version must not create a profile");
}

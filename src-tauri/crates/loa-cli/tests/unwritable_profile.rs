//! A profile that cannot be written still shows the officer's drafts: a data folder on a
//! read-only medium and a full disk each open the profile for reading only, the drafts list as
//! before, and a change is refused with one sentence that names the cause — nothing is lost.
//!
//! Both conditions are real, made with Linux mounts inside a user and mount namespace of the
//! test's own (`unshare -rm`, util-linux): a read-only bind mount of the profile, and a small
//! tmpfs filled to the last byte. Root could otherwise write to any folder whatever its mode.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const LOA: &str = env!("CARGO_BIN_EXE_loa");

/// Runs `script` with `sh` in a fresh user and mount namespace; `$LOA` is the binary. Returns
/// stdout; the script prints markers around each command's output.
fn in_namespace(script: &str) -> String {
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("LOA", LOA)
        .env("LOA_LANG", "vi")
        .env("LOA_CREDENTIALS", "file")
        .output()
        .expect("unshare (util-linux) runs");
    assert!(
        out.status.success(),
        "the namespace script failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The text between `<name>` and `</name>` lines.
fn section<'a>(out: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>\n");
    let close = format!("</{name}>");
    let start = out
        .find(&open)
        .unwrap_or_else(|| panic!("no {name} in:\n{out}"))
        + open.len();
    let end = out[start..]
        .find(&close)
        .unwrap_or_else(|| panic!("{name} not closed:\n{out}"));
    &out[start..start + end]
}

fn titles(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json.trim()).unwrap_or_else(|e| panic!("{e}: {json}"));
    v.as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["title"].as_str().map(str::to_owned))
        .collect()
}

/// A command that ran and failed: its exit code is printed after its output.
fn refused(out: &str, name: &str) -> String {
    let text = section(out, name);
    let (stderr, code) = text.rsplit_once("exit=").expect("exit code");
    assert_ne!(code.trim(), "0", "{name} must fail: {text}");
    stderr.to_owned()
}

fn q(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn a_read_only_folder_shows_the_drafts_and_refuses_changes_in_one_sentence() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let profile = tmp.path().join("hồ sơ");
    for title in [
        "Lịch tiêm chủng tháng 12",
        "Cảnh báo lừa đảo qua điện thoại",
    ] {
        let out = Command::new(LOA)
            .args(["--data-dir"])
            .arg(&profile)
            .args(["draft", "new", "--title", title, "--body", "Nội dung."])
            .env("LOA_CREDENTIALS", "file")
            .output()
            .expect("loa runs");
        assert!(out.status.success(), "{out:?}");
    }
    let p = q(&profile);
    let out = in_namespace(&format!(
        "mount --bind {p} {p} && mount -o remount,bind,ro {p} || exit 9
         echo '<list>'; \"$LOA\" --data-dir {p} draft list --json; echo '</list>'
         echo '<new>'; \"$LOA\" --data-dir {p} draft new --title 'Bài mới' --body 'x' 2>&1; echo \"exit=$?\"; echo '</new>'"
    ));
    let listed = titles(section(&out, "list"));
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.iter().any(|t| t == "Lịch tiêm chủng tháng 12"));
    let said = refused(&out, "new");
    assert!(said.contains("không ghi được"), "{said}");
    assert!(
        !said.contains("readonly") && !said.contains("Read-only"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
}

#[test]
fn a_full_disk_shows_the_drafts_and_says_the_disk_is_full() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let disk = tmp.path().join("disk");
    std::fs::create_dir(&disk).expect("mount point");
    let d = q(&disk);
    // The profile is made on the small disk, then the disk is filled to the last byte.
    let out = in_namespace(&format!(
        "mount -t tmpfs -o size=8m tmpfs {d} || exit 9
         \"$LOA\" --data-dir {d}/p draft new --title 'Lịch tiếp công dân' --body 'Thứ Năm.' >/dev/null || exit 8
         dd if=/dev/zero of={d}/fill bs=64k 2>/dev/null; dd if=/dev/zero of={d}/fill2 bs=512 2>/dev/null
         echo '<list>'; \"$LOA\" --data-dir {d}/p draft list --json; echo '</list>'
         echo '<new>'; \"$LOA\" --data-dir {d}/p draft new --title 'Bài mới' --body 'x' 2>&1; echo \"exit=$?\"; echo '</new>'"
    ));
    assert_eq!(titles(section(&out, "list")), ["Lịch tiếp công dân"]);
    let said = refused(&out, "new");
    assert!(
        said.contains("đầy") || said.contains("không ghi được"),
        "{said}"
    );
    assert!(!said.contains("database or disk is full"), "{said}");
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
}

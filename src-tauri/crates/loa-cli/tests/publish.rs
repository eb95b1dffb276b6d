//! `loa channel`, `loa draft attach`, `loa queue` and `loa sync` as a real process, with the
//! folder channel (no network) and the credentials file (no keyring on CI).

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn loa_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_loa"));
    c.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LOA_LANG", "en")
        .env("LOA_CREDENTIALS", "file")
        .env_remove("LOA_DATA_DIR")
        .env_remove("LOA_SYNC_TIME_SCALE")
        .stdin(Stdio::null());
    c
}

fn loa(dir: &Path, args: &[&str]) -> Output {
    loa_cmd(dir, args).output().expect("run loa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "failed: {}", stderr(&o));
    o
}

fn json(o: Output) -> Value {
    serde_json::from_slice(&ok(o).stdout).expect("JSON on stdout")
}

/// A one-line user error: exit 1, one line on stderr.
fn user_error(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "stdout {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

fn new_draft(dir: &Path, title: &str, body: &str) -> String {
    stdout(&ok(loa(
        dir,
        &["draft", "new", "--title", title, "--body", body],
    )))
    .trim()
    .to_owned()
}

fn jpeg(path: &Path, shade: u8) {
    let img =
        image::RgbImage::from_fn(48, 32, |x, y| image::Rgb([x as u8 * 5, y as u8 * 7, shade]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encode");
    std::fs::write(path, out).expect("write");
}

#[test]
fn channels_keep_their_secrets_out_of_the_database() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("profile");
    let token = tmp.path().join("token");
    std::fs::write(&token, "EAAG-very-secret-token\n").expect("token");
    let pw = tmp.path().join("pw");
    std::fs::write(&pw, "abcd efgh ijkl mnop").expect("pw");
    let o = ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "facebook",
            "--name",
            "Trang xã",
            "--page-id",
            "1001",
            "--token-file",
            token.to_str().expect("utf8"),
        ],
    ));
    assert!(stdout(&o).contains("Trang xã"));
    assert!(
        stderr(&o).contains("credentials.json"),
        "the file fallback warns: {}",
        stderr(&o)
    );
    ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "wordpress",
            "--name",
            "Cổng TTĐT",
            "--url",
            "https://xa.gov.vn/",
            "--user",
            "canbo",
            "--app-password-file",
            pw.to_str().expect("utf8"),
        ],
    ));
    ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "zalo",
            "--name",
            "Zalo OA",
            "--token-file",
            token.to_str().expect("utf8"),
            "--image-host",
            "Cổng TTĐT",
            "--spacing",
            "10",
        ],
    ));
    let usb = tmp.path().join("usb");
    ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "USB",
            "--path",
            usb.to_str().expect("utf8"),
        ],
    ));
    let list = json(loa(&dir, &["channel", "list", "--json"]));
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 4);
    assert_eq!(list[0]["kind"], "facebook");
    assert_eq!(
        list[0]["base_url"],
        loa_core::ChannelKind::Facebook.default_base_url()
    );
    assert_eq!(list[0]["status"], "ok");
    assert_eq!(list[1]["base_url"], "https://xa.gov.vn");
    assert_eq!(list[2]["image_host"], "Cổng TTĐT");
    assert_eq!(list[2]["spacing_secs"], 10);
    assert!(usb.is_dir(), "the folder is created");
    let text = serde_json::to_string(&list).expect("json");
    assert!(!text.contains("very-secret") && !text.contains("abcd efgh"));
    // Not in the database either, in any form.
    for entry in std::fs::read_dir(&dir).expect("profile") {
        let path = entry.expect("entry").path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("loa.db"))
        {
            let bytes = std::fs::read(&path).expect("db");
            let hay = String::from_utf8_lossy(&bytes);
            assert!(
                !hay.contains("very-secret"),
                "{} holds the token",
                path.display()
            );
        }
    }
    let creds = dir.join("credentials.json");
    assert!(
        std::fs::read_to_string(&creds)
            .expect("creds")
            .contains("EAAG-very-secret-token")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&creds)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Same name, other platform: one clear line.
    let o = loa(
        &dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "Trang xã",
            "--path",
            "x",
        ],
    );
    assert!(user_error(&o).contains("already exists"));
    // Pause and resume.
    let paused = json(loa(&dir, &["channel", "pause", "USB", "--json"]));
    assert_eq!(paused["status"], "paused");
    let resumed = json(loa(&dir, &["channel", "resume", "USB", "--json"]));
    assert_eq!(resumed["status"], "ok");
}

#[test]
fn queue_add_refuses_unknown_channels_and_drafts_in_one_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let usb = dir.join("usb");
    ok(loa(
        dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "USB",
            "--path",
            usb.to_str().expect("utf8"),
        ],
    ));
    let id = new_draft(dir, "Tin", "Nội dung.");
    assert!(
        user_error(&loa(dir, &["queue", "add", &id, "--channel", "Không có"]))
            .contains("no channel")
    );
    assert!(user_error(&loa(dir, &["queue", "add", "999", "--channel", "USB"])).contains("999"));
    // A bad date is a usage error.
    let o = loa(
        dir,
        &["queue", "add", &id, "--channel", "USB", "--at", "tomorrow"],
    );
    assert_eq!(o.status.code(), Some(2));
    let item = ok(loa(dir, &["queue", "add", &id, "--channel", "USB"]));
    assert!(stdout(&item).trim().parse::<i64>().is_ok(), "prints the id");
    assert!(
        user_error(&loa(dir, &["queue", "add", &id, "--channel", "USB"]))
            .contains("already queued")
    );
}

#[test]
fn attach_queue_and_sync_once_publish_to_a_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("profile");
    let usb = tmp.path().join("usb");
    ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "USB",
            "--path",
            usb.to_str().expect("utf8"),
        ],
    ));
    let id = new_draft(
        &dir,
        "Cảnh báo lũ quét",
        "Bà con không qua ngầm tràn khi nước lên.",
    );
    let (a, b) = (tmp.path().join("a.jpg"), tmp.path().join("b.jpg"));
    jpeg(&a, 10);
    jpeg(&b, 200);
    let attached = json(loa(
        &dir,
        &[
            "draft",
            "attach",
            &id,
            a.to_str().expect("utf8"),
            b.to_str().expect("utf8"),
            "--json",
        ],
    ));
    assert_eq!(attached.as_array().expect("array").len(), 2);
    assert_eq!(attached[0]["position"], 0);
    let o = loa(&dir, &["draft", "attach", "999", a.to_str().expect("utf8")]);
    user_error(&o);

    let queued = json(loa(
        &dir,
        &["queue", "add", &id, "--channel", "USB", "--json"],
    ));
    assert_eq!(queued["state"], "queued");
    assert_eq!(queued["photos"], 2);

    let list = json(loa(&dir, &["queue", "list", "--json"]));
    let row = &list.as_array().expect("array")[0];
    for field in [
        "id",
        "draft_id",
        "channel",
        "state",
        "attempts",
        "remote_id",
        "last_error",
        "next_attempt_at",
    ] {
        assert!(row.get(field).is_some(), "queue list --json has {field}");
    }

    let report = json(loa(&dir, &["sync", "--once", "--json"]));
    assert_eq!(report["published"], 1);
    assert_eq!(report["counts"]["published"], 1);
    assert_eq!(report["items"][0]["state"], "published");
    let list = json(loa(&dir, &["queue", "list", "--json"]));
    assert_eq!(list[0]["state"], "published");
    assert!(list[0]["remote_id"].is_string());
    // The folder holds the post and both photos, byte for byte.
    let mut found = Vec::new();
    let mut stack = vec![usb.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(std::fs::read(&p).expect("read"));
            }
        }
    }
    for photo in [&a, &b] {
        let bytes = std::fs::read(photo).expect("photo");
        assert!(
            found.contains(&bytes),
            "{} is in the folder",
            photo.display()
        );
    }
    // A second run has nothing to do.
    let again = json(loa(&dir, &["sync", "--once", "--json"]));
    assert_eq!(again["published"], 0);
    let show = json(loa(&dir, &["draft", "show", &id, "--json"]));
    assert_eq!(show["status"], "published");
}

#[test]
fn queue_actions_follow_the_rules() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let usb = dir.join("usb");
    ok(loa(
        dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "USB",
            "--path",
            usb.to_str().expect("utf8"),
        ],
    ));
    let id = new_draft(dir, "Tin", "Nội dung.");
    let item = stdout(&ok(loa(dir, &["queue", "add", &id, "--channel", "USB"])))
        .trim()
        .to_owned();
    assert!(user_error(&loa(dir, &["queue", "retry", &item])).contains("cannot"));
    let cancelled = json(loa(dir, &["queue", "cancel", &item, "--json"]));
    assert_eq!(cancelled["state"], "cancelled");
    assert!(user_error(&loa(dir, &["queue", "cancel", "999"])).contains("999"));
    ok(loa(dir, &["queue", "pause"]));
    let item = stdout(&ok(loa(dir, &["queue", "add", &id, "--channel", "USB"])))
        .trim()
        .to_owned();
    let report = json(loa(dir, &["sync", "--once", "--json"]));
    assert_eq!(report["published"], 0, "paused");
    // What the channel waits for, in JSON and in one line on the terminal.
    assert_eq!(report["channels"][0]["waiting"]["reason"], "paused");
    let said = stdout(&ok(loa(dir, &["sync", "--once"])));
    assert!(
        said.lines()
            .any(|l| l.starts_with("USB: 1 posts wait because publishing is paused")),
        "{said}"
    );
    ok(loa(dir, &["queue", "resume"]));
    let report = json(loa(dir, &["sync", "--once", "--json"]));
    assert_eq!(report["published"], 1);
    let _ = item;
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_sync_cleanly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let usb = dir.join("usb");
    ok(loa(
        dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "USB",
            "--path",
            usb.to_str().expect("utf8"),
        ],
    ));
    let mut child = loa_cmd(dir, &["sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(700));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(0), "a clean stop");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "sync did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Stopping"));
}

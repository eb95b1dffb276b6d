//! The `loa` command line, run as a real process against a real profile folder.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn loa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LOA_LANG")
        .env_remove("LOA_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run loa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

#[test]
fn new_prints_the_id_and_show_returns_nfc_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = loa(
        dir.path(),
        &[
            "draft",
            "new",
            "--title",
            "Mu\u{031B}o\u{031B}\u{0300}ng Tè",
            "--body",
            "Dòng 1\n#LũQuét https://a.vn/?x=1",
            "--topic",
            "weather_disaster",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_owned();
    assert!(id.parse::<i64>().is_ok(), "prints only the id: {id:?}");

    let d = json(&loa(dir.path(), &["draft", "show", &id, "--json"]));
    assert_eq!(d["title"], "Mường Tè");
    assert_eq!(d["body"], "Dòng 1\n#LũQuét https://a.vn/?x=1");
    assert_eq!(d["lang"], "vi");
    assert_eq!(d["topic"], "weather_disaster");
    assert_eq!(d["status"], "draft");
    for field in ["created_at", "updated_at"] {
        let ts = d[field].as_str().expect("timestamp");
        assert!(chrono_like_rfc3339(ts), "{field} = {ts}");
    }
    assert_eq!(d["id"].to_string(), id);
}

fn chrono_like_rfc3339(s: &str) -> bool {
    // 2025-07-29T01:30:00.000Z
    s.len() == 24 && s.as_bytes()[10] == b'T' && s.ends_with('Z') && s[..4].parse::<u32>().is_ok()
}

#[test]
fn json_new_and_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = json(&loa(
        dir.path(),
        &["draft", "new", "--title", "A", "--lang", "en", "--json"],
    ));
    assert_eq!(a["lang"], "en");
    let body_file = dir.path().join("body.txt");
    std::fs::write(&body_file, "Nội dung từ tệp\n").expect("write");
    let b = json(&loa(
        dir.path(),
        &[
            "--json",
            "draft",
            "new",
            "--title",
            "B",
            "--body-file",
            body_file.to_str().expect("path"),
        ],
    ));
    assert_eq!(b["body"], "Nội dung từ tệp\n");
    let list = json(&loa(dir.path(), &["draft", "list", "--json"]));
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 2);
    for d in list {
        for f in [
            "id",
            "title",
            "body",
            "lang",
            "topic",
            "status",
            "created_at",
            "updated_at",
        ] {
            assert!(d.get(f).is_some(), "list item lacks {f}");
        }
    }
}

#[test]
fn empty_list_is_an_empty_array() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        json(&loa(dir.path(), &["draft", "list", "--json"])),
        Value::Array(vec![])
    );
}

#[test]
fn errors_are_one_line_in_the_chosen_language_with_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vi = loa(dir.path(), &["draft", "show", "999"]);
    assert_eq!(vi.status.code(), Some(1));
    assert_eq!(stderr(&vi), "loa: Không tìm thấy bản nháp số 999.\n");
    let en = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["--lang", "en", "--data-dir"])
        .arg(dir.path())
        .args(["draft", "show", "999"])
        .output()
        .expect("run");
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(stderr(&en), "loa: Draft 999 was not found.\n");
    let missing = loa(
        dir.path(),
        &[
            "draft",
            "new",
            "--title",
            "x",
            "--body-file",
            "/nonexistent/body.txt",
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing).lines().count(), 1);
    assert!(!stderr(&missing).contains("panicked"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["draft", "new"][..],
        &["draft", "new", "--title", "x", "--topic", "nonsense"],
        &[
            "draft",
            "new",
            "--title",
            "x",
            "--body",
            "a",
            "--body-file",
            "b",
        ],
        &["draft", "show", "abc"],
        &["nope"],
    ] {
        let o = loa(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn import_skips_bad_files_reports_them_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("in");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("1.txt"), "Thông báo\n\nNội dung").expect("write");
    std::fs::write(src.join("2.md"), "# Tiêu đề\nThân bài").expect("write");
    std::fs::write(src.join("3.txt"), b"\xff\xfe\x00").expect("write");
    std::fs::write(src.join("4.txt"), "").expect("write");
    let o = loa(
        dir.path(),
        &["draft", "import", src.to_str().expect("path"), "--json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 4);
    assert!(rows[0]["id"].is_i64() && rows[0]["error"].is_null());
    assert!(rows[1]["id"].is_i64() && rows[1]["error"].is_null());
    assert!(rows[2]["id"].is_null() && rows[2]["error"].as_str().expect("msg").contains("UTF-8"));
    assert!(rows[3]["id"].is_null() && rows[3]["error"].is_string());
    assert!(rows[0]["file"].as_str().expect("file").ends_with("1.txt"));

    let list = json(&loa(dir.path(), &["draft", "list", "--json"]));
    let titles: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"Thông báo") && titles.contains(&"Tiêu đề"));

    let ok_dir = dir.path().join("ok");
    std::fs::create_dir_all(&ok_dir).expect("mkdir");
    std::fs::write(ok_dir.join("a.txt"), "Một\nHai").expect("write");
    let o = loa(
        dir.path(),
        &["draft", "import", ok_dir.to_str().expect("path")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn closed_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..50 {
        loa(
            dir.path(),
            &["draft", "new", "--title", &format!("Bản {i}")],
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["draft", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn search_finds_text_typed_without_diacritics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let flood = stdout(&loa(
        dir.path(),
        &[
            "draft",
            "new",
            "--title",
            "Cảnh báo lũ quét",
            "--body",
            "Mưa lớn ở Điện Biên",
        ],
    ));
    loa(dir.path(), &["draft", "new", "--title", "Lịch tiêm chủng"]);
    let hits = json(&loa(dir.path(), &["search", "lu quet", "--json"]));
    let hits = hits.as_array().expect("array");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"].to_string(), flood.trim());
    for f in ["id", "title", "snippet", "score"] {
        assert!(hits[0].get(f).is_some(), "hit lacks {f}");
    }
    let none = json(&loa(dir.path(), &["search", "khong co", "--json"]));
    assert_eq!(none, Value::Array(vec![]));
    let human = loa(dir.path(), &["search", "DIEN BIEN"]);
    assert!(
        stdout(&human).contains("«Điện» «Biên»"),
        "{}",
        stdout(&human)
    );
    assert_eq!(
        loa(dir.path(), &["search", "x", "--limit", "0"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_convert_detects_tcvn3_and_writes_nfc() {
    let dir = tempfile::tempdir().expect("tempdir");
    // What a paste from a .VnTime document holds, saved as UTF-8.
    let pasted = loa_legacy::encode(
        "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc",
        loa_legacy::Encoding::Tcvn3,
    );
    let file = dir.path().join("cong-van.txt");
    std::fs::write(&file, &pasted).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["--lang", "en", "text", "convert"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
    );
    assert!(
        stderr(&o).contains("TCVN3"),
        "auto says what it detected: {}",
        stderr(&o)
    );

    let missing = loa(
        dir.path(),
        &[
            "text",
            "convert",
            "/nonexistent.txt",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stdout(&missing).contains("Cộng hoà"),
        "the good file is still converted"
    );
}

#[test]
fn text_convert_reads_the_real_tcvn3_bytes() {
    let Some(raw) =
        loa_testdata::path("vietnamese-text/legacy-encodings/tcvn3/extracted-raw-bytes")
    else {
        return;
    };
    let Some(file) = std::fs::read_dir(&raw)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
    else {
        panic!("{} holds no file", raw.display());
    };
    let o = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["text", "convert", "--from", "tcvn3"])
        .arg(file.path())
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Bộ Tài chính") || text.contains("bộ tài chính") || text.contains("Việt Nam"),
        "{}",
        &text[..text.len().min(300)]
    );
}

#[test]
fn check_blocks_a_citizen_id_until_overridden_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = stdout(&loa(
        dir.path(),
        &[
            "draft",
            "new",
            "--title",
            "Thông báo",
            "--body",
            "Ông A, CCCD 001203004567, liên hệ 0912 345 678.",
        ],
    ))
    .trim()
    .to_owned();
    let o = loa(dir.path(), &["check", &id, "--json"]);
    assert_eq!(o.status.code(), Some(1), "a blocking finding exits 1");
    let findings: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let findings = findings.as_array().expect("array");
    let cccd = findings
        .iter()
        .find(|f| f["code"] == "citizen_id")
        .expect("citizen id found");
    assert_eq!(cccd["severity"], "block");
    let body = "Ông A, CCCD 001203004567, liên hệ 0912 345 678.";
    let (s, e) = (
        cccd["start"].as_u64().expect("start") as usize,
        cccd["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(
        body.chars().skip(s).take(e - s).collect::<String>(),
        "001203004567"
    );
    assert!(cccd["message"].as_str().expect("message").len() > 5);
    assert!(cccd["fix"].is_string());
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "phone_number" && f["severity"] == "warn")
    );

    // Queueing is refused while it blocks.
    let queued = loa(
        dir.path(),
        &[
            "draft",
            "new",
            "--title",
            "CCCD 001203004567",
            "--status",
            "queued",
        ],
    );
    assert_eq!(queued.status.code(), Some(1), "{}", stderr(&queued));

    let o = loa(
        dir.path(),
        &[
            "check",
            &id,
            "--override",
            "citizen_id",
            "--reason",
            "Người được khen thưởng đồng ý công khai",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let no_reason = loa(dir.path(), &["check", &id, "--override", "citizen_id"]);
    assert_eq!(no_reason.status.code(), Some(2));
}

#[test]
fn backup_and_restore_bring_a_destroyed_profile_back() {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = root.path().join("profile");
    for title in ["Họp dân thôn Bản Pho", "Lịch tiêm chủng tháng 8"] {
        let o = loa(
            &profile,
            &["draft", "new", "--title", title, "--body", "Nội dung."],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let before = json(&loa(&profile, &["--json", "draft", "list"]));
    let file = root.path().join("usb").join("xa.loa-backup");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("usb");
    let b = json(&loa(
        &profile,
        &["backup", "--out", file.to_str().expect("utf-8"), "--json"],
    ));
    assert_eq!(b["drafts"], 2);
    assert_eq!(b["media"], 0);
    assert_eq!(b["bytes"], std::fs::metadata(&file).expect("meta").len());
    assert_eq!(b["sha256"].as_str().expect("sha").len(), 64);
    assert_eq!(b["file"], file.to_str().expect("utf-8"));

    // Without --yes and without a terminal, nothing is restored.
    std::fs::remove_dir_all(&profile).expect("destroy");
    let o = loa(&profile, &["restore", file.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert!(!profile.exists());

    let r = json(&loa(
        &profile,
        &["restore", file.to_str().expect("utf-8"), "--yes", "--json"],
    ));
    assert_eq!(r["restored"], true);
    assert_eq!(r["contents"]["drafts"], 2);
    assert_eq!(json(&loa(&profile, &["--json", "draft", "list"])), before);

    // A damaged copy is refused in the officer's words, and the profile stays.
    let mut bytes = std::fs::read(&file).expect("read");
    bytes.truncate(bytes.len() - 100);
    let cut = root.path().join("cut.loa-backup");
    std::fs::write(&cut, bytes).expect("write");
    let o = loa(
        &profile,
        &["restore", cut.to_str().expect("utf-8"), "--yes"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải bản sao lưu"),
        "{}",
        stderr(&o)
    );
    assert_eq!(json(&loa(&profile, &["--json", "draft", "list"])), before);

    // `backup` alone is a usage error; `backup list` lists the daily copies (none yet).
    assert_eq!(loa(&profile, &["backup"]).status.code(), Some(2));
    assert_eq!(
        json(&loa(&profile, &["backup", "list", "--json"])),
        serde_json::json!([])
    );
}

#[test]
fn connect_keeps_the_apps_in_the_profile_and_the_secret_out_of_sight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "s3cr3t-of-the-app\n").expect("secret file");

    // A missing secret file is refused before anything is written.
    let o = loa(
        &profile,
        &[
            "connect",
            "facebook-app",
            "--app-id",
            "4001",
            "--app-secret-file",
            dir.path().join("missing.txt").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let shown = json(&loa(&profile, &["connect", "show"]));
    assert_eq!(shown["facebook"]["app_id"], "", "nothing saved: {shown}");

    let o = loa(
        &profile,
        &[
            "connect",
            "facebook-app",
            "--app-id",
            " 4001 ",
            "--login-url",
            "http://127.0.0.1:18781/",
            "--app-secret-file",
            secret.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("4001"), "{}", stdout(&o));
    let o = loa(
        &profile,
        &[
            "connect",
            "zalo-app",
            "--app-id",
            "42",
            "--callback-url",
            "https://xa.gov.vn/zalo",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let out = loa(&profile, &["connect", "show"]);
    let shown = json(&out);
    assert_eq!(shown["facebook"]["app_id"], "4001");
    assert_eq!(shown["facebook"]["login_url"], "http://127.0.0.1:18781");
    assert_eq!(shown["facebook_secret_saved"], true);
    assert_eq!(shown["zalo"]["app_id"], "42");
    assert_eq!(shown["zalo"]["callback_url"], "https://xa.gov.vn/zalo");
    assert!(
        !stdout(&out).contains("s3cr3t") && !stderr(&out).contains("s3cr3t"),
        "the secret is never shown"
    );

    let o = loa(&profile, &["connect", "facebook-app", "--forget-secret"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = json(&loa(&profile, &["connect", "show"]));
    assert_eq!(shown["facebook_secret_saved"], false);
    assert_eq!(shown["facebook"]["app_id"], "4001", "the app id stays");
}

/// A fault inside `loa` (forced by the debug-only `LOA_DEBUG_PANIC`): one line in the chosen
/// language, no backtrace on the terminal, the details in the profile's private `crash.log`.
#[test]
fn a_panic_prints_one_line_and_logs_the_details() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    for (lang, words) in [("vi", "lỗi nội bộ"), ("en", "internal fault")] {
        let o = Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("--data-dir")
            .arg(&profile)
            .args(["--lang", lang, "draft", "list"])
            .env("LOA_DEBUG_PANIC", "1")
            .env("RUST_BACKTRACE", "1")
            .output()
            .expect("run loa");
        assert!(!o.status.success());
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains("crash.log"), "{err}");
        assert!(!err.contains("panicked at"), "{err}");
        assert!(!err.contains("stack backtrace"), "{err}");
    }
    let log = std::fs::read_to_string(profile.join("crash.log")).expect("crash.log written");
    assert_eq!(log.matches("LOA_DEBUG_PANIC is set").count(), 2, "{log}");
    assert!(log.contains("src/panic.rs"), "where it happened: {log}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(profile.join("crash.log"))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// Runs `loa` with a deadline: a hostile input must end on its own, so a run still going after
/// `secs` is killed and fails the test.
#[cfg(unix)]
fn loa_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LOA_LANG", "en")
        .env_remove("LOA_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run loa");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("loa {args:?} did not end within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// A folder that contains itself, a FIFO named like a document and `/dev/zero` given as a photo
/// or a document: each ends at once with a line naming the file, and the good file is imported.
#[cfg(unix)]
#[test]
fn hostile_files_end_in_bounded_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("a.txt"), "Thông báo\n\nNội dung").expect("write");
    std::os::unix::fs::symlink(".", src.join("l1")).expect("loop link");
    let fifo = src.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link to /dev/zero");

    let o = loa_within(
        &profile,
        &["draft", "import", src.to_str().expect("path"), "--json"],
        60,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rows = rows.as_array().expect("array");
    assert_eq!(
        rows.len(),
        2,
        "a.txt and the FIFO, nothing through the loop: {rows:?}"
    );
    let good = rows
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("a.txt")))
        .expect("a.txt");
    assert!(good["id"].is_i64());
    let pipe = rows
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("pipe.txt")))
        .expect("pipe.txt reported");
    assert!(
        pipe["error"].as_str().expect("why").contains("pipe.txt"),
        "{pipe}"
    );

    let o = loa_within(
        &profile,
        &["draft", "import", zero.to_str().expect("path")],
        60,
    );
    assert_eq!(o.status.code(), Some(1));
    let id = good["id"].to_string();
    let o = loa_within(&profile, &["draft", "attach", &id, "/dev/zero"], 60);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{}", stderr(&o));
    let out = dir.path().join("out");
    let o = loa_within(
        &profile,
        &[
            "media",
            "process",
            "/dev/zero",
            "--out",
            out.to_str().expect("path"),
        ],
        60,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

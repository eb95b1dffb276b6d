//! `loa template …` run as a real process: listing, rendering every built-in template, bad data,
//! packs in and out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use loa_core::{Lang, Localizer};
use serde_json::{Value, json};

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

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/templates")
}

fn sample(id: &str, lang: &str) -> String {
    samples()
        .join(id)
        .join(format!("sample.{lang}.json"))
        .display()
        .to_string()
}

fn list(dir: &Path) -> Vec<Value> {
    let o = loa(dir, &["template", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<Value>(&o.stdout)
        .expect("JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).expect("output written");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

#[test]
fn list_json_describes_every_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = list(dir.path());
    assert!(templates.len() >= 11, "{}", templates.len());
    for t in &templates {
        for key in [
            "id", "version", "category", "name_vi", "name_en", "fields", "sizes",
        ] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
        assert!(
            t["sizes"]
                .as_array()
                .is_some_and(|s| s.contains(&json!("1080x1350")))
        );
        for f in t["fields"].as_array().expect("fields") {
            assert!(f["key"].is_string() && f["type"].is_string() && f["required"].is_boolean());
            assert!(f.get("max_len").is_some(), "max_len present (or null): {f}");
            match f["type"].as_str() {
                Some("choice") => assert!(
                    f["options"]
                        .as_array()
                        .is_some_and(|o| !o.is_empty() && o[0].is_string()),
                    "{f}"
                ),
                Some("table") => assert!(
                    f["columns"].as_array().is_some_and(|c| !c.is_empty()),
                    "{f}"
                ),
                _ => assert!(f.get("options").is_none() && f.get("columns").is_none()),
            }
        }
    }
    let o = loa(dir.path(), &["template", "list"]);
    assert!(stdout(&o).contains("Cảnh báo"), "{}", stdout(&o));
}

#[test]
fn every_builtin_template_renders_from_its_sample_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    for t in list(dir.path()) {
        let id = t["id"].as_str().expect("id");
        for lang in ["vi", "en"] {
            let out = dir.path().join(format!("{id}-{lang}.png"));
            let o = loa(
                dir.path(),
                &[
                    "template",
                    "render",
                    id,
                    "--data",
                    &sample(id, lang),
                    "--lang",
                    lang,
                    "--out",
                    out.to_str().expect("utf-8"),
                ],
            );
            assert!(o.status.success(), "{id} {lang}: {}", stderr(&o));
            assert_eq!(png_size(&out), (1080, 1350), "{id} {lang}");
        }
    }
}

#[test]
fn sizes_formats_and_the_caption() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = list(dir.path())[0]["id"].as_str().expect("id").to_owned();
    let data = sample(&id, "vi");
    for (size, w, h) in [
        ("1080x1080", 1080, 1080),
        ("1200x630", 1200, 630),
        ("a4", 1191, 1684),
    ] {
        let out = dir.path().join(format!("{size}.png"));
        let o = loa(
            dir.path(),
            &[
                "template",
                "render",
                &id,
                "--data",
                &data,
                "--size",
                size,
                "--out",
                out.to_str().expect("utf-8"),
            ],
        );
        assert!(o.status.success(), "{size}: {}", stderr(&o));
        assert_eq!(png_size(&out), (w, h), "{size}");
    }
    let pdf = dir.path().join("print.PDF");
    let o = loa(
        dir.path(),
        &[
            "template",
            "render",
            &id,
            "--data",
            &data,
            "--size",
            "a3",
            "--out",
            pdf.to_str().expect("utf-8"),
            "--caption",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    let caption = stdout(&o);
    assert!(caption.chars().count() > 40, "{caption}");
    assert!(!caption.contains('\u{2068}'), "no Fluent isolation marks");

    let o = loa(
        dir.path(),
        &[
            "template",
            "render",
            &id,
            "--data",
            &data,
            "--out",
            dir.path().join("x.png").to_str().expect("utf-8"),
            "--json",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(1080), Some(1350))
    );
    assert!(v["caption"].as_str().is_some_and(|c| !c.is_empty()));
}

#[test]
fn bad_data_exits_1_with_one_line_naming_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = &list(dir.path())[0];
    let id = t["id"].as_str().expect("id");
    let required = t["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["required"] == json!(true))
        .expect("a required field");
    let key = required["key"].as_str().expect("key");
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(sample(id, "vi")).expect("sample"))
            .expect("json");
    data.as_object_mut().expect("object").remove(key);
    let file = dir.path().join("data.json");
    std::fs::write(&file, data.to_string()).expect("write");
    let out = dir.path().join("x.png");
    for (lang, label) in [("vi", "label_vi"), ("en", "label_en")] {
        let o = loa(
            dir.path(),
            &[
                "template",
                "render",
                id,
                "--data",
                file.to_str().expect("utf-8"),
                "--lang",
                lang,
                "--out",
                out.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{lang}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(key), "{err}");
        assert!(
            err.contains(required[label].as_str().expect("label")),
            "{lang}: {err}"
        );
        assert!(!out.exists(), "no blank image is written");
    }
}

#[test]
fn hostile_invocations_fail_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = list(dir.path())[0]["id"].as_str().expect("id").to_owned();
    let out = dir.path().join("x.png");
    let out_s = out.to_str().expect("utf-8").to_owned();
    let array = dir.path().join("array.json");
    std::fs::write(&array, "[1, 2]").expect("write");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"title\": ").expect("write");
    let data = sample(&id, "vi");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (
            vec![
                "template",
                "render",
                "no-such-template",
                "--data",
                &data,
                "--out",
                &out_s,
            ],
            1,
        ),
        (
            vec![
                "template",
                "render",
                &id,
                "--data",
                "/nonexistent.json",
                "--out",
                &out_s,
            ],
            1,
        ),
        (
            vec![
                "template",
                "render",
                &id,
                "--data",
                array.to_str().expect("utf-8"),
                "--out",
                &out_s,
            ],
            1,
        ),
        (
            vec![
                "template",
                "render",
                &id,
                "--data",
                broken.to_str().expect("utf-8"),
                "--out",
                &out_s,
            ],
            1,
        ),
        (
            vec!["template", "render", &id, "--data", &data, "--out", "x.gif"],
            1,
        ),
        (
            vec![
                "template", "render", &id, "--data", &data, "--size", "800x600", "--out", &out_s,
            ],
            2,
        ),
        (
            vec![
                "template",
                "render",
                "../../etc/passwd",
                "--data",
                &data,
                "--out",
                &out_s,
            ],
            1,
        ),
    ];
    for (args, code) in cases {
        let o = loa(dir.path(), &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{err}");
        if code == 1 {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        }
    }
}

#[test]
fn packs_go_out_and_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ids: Vec<String> = list(dir.path())
        .iter()
        .take(2)
        .map(|t| t["id"].as_str().expect("id").to_owned())
        .collect();
    let zip = dir.path().join("two.zip");
    let zip_s = zip.to_str().expect("utf-8");
    let o = loa(
        dir.path(),
        &["template", "export", &ids[0], &ids[1], "--out", zip_s],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(zip.is_file());
    // Their ids are built-in here: importing them again is refused with a clear line.
    let o = loa(dir.path(), &["template", "import", zip_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&ids[0]) || stderr(&o).contains(&ids[1]),
        "{}",
        stderr(&o)
    );
    let o = loa(dir.path(), &["template", "import", "/nonexistent.zip"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn template_messages_exist_in_both_languages() {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/template.rs"))
            .expect("source");
    let mut ids: Vec<String> = Vec::new();
    let mut rest = src.as_str();
    while let Some(i) = rest.find("\"template-cli-") {
        let tail = &rest[i + 1..];
        let end = tail.find('"').expect("closing quote");
        ids.push(tail[..end].to_owned());
        rest = &tail[end..];
    }
    assert!(ids.len() >= 5, "{ids:?}");
    ids.extend(
        loa_render::RenderError::CODES
            .iter()
            .map(|c| format!("render-error-{}", c.replace('_', "-"))),
    );
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        for id in &ids {
            assert!(l.has(id), "{id} missing in locales/{lang}");
        }
    }
    let e = loa_render::RenderError::Typst {
        message: "unknown variable: x".into(),
        file: Some("notice/layout.typ".into()),
        line: Some(4),
    };
    assert_eq!(
        Localizer::new(Lang::Vi).format(&e.message_id(), &e.args()),
        "Bố cục của mẫu bị lỗi ở notice/layout.typ, dòng 4: unknown variable: x"
    );
    let e = loa_render::RenderError::Typst {
        message: "oops".into(),
        file: None,
        line: None,
    };
    assert_eq!(
        Localizer::new(Lang::En).format(&e.message_id(), &e.args()),
        "The template's layout failed: oops"
    );
}

/// The renderer's small test pack (template `notice`), with `notice/layout.typ` replaced when
/// `layout` is given, written as a pack file.
fn test_pack(dir: &Path, name: &str, layout: Option<&str>) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../loa-render/tests/fixtures/pack");
    let mut files = loa_templates::Pack::from_dir(&fixture)
        .expect("fixture pack")
        .into_files();
    if let Some(layout) = layout {
        files.insert("notice/layout.typ".into(), layout.as_bytes().to_vec());
    }
    let path = dir.join(name);
    loa_templates::Pack::from_files(files)
        .expect("valid pack")
        .write_zip_file(&path)
        .expect("zip written");
    path.display().to_string()
}

/// A pack whose template never finishes or blows up its renderer is refused at import, in one
/// line naming the template, in bounded time; nothing of it is stored.
#[test]
fn a_hostile_pack_is_refused_at_import_and_a_good_one_can_be_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    for (name, layout) in [
        (
            "loop.zip",
            "#for i in range(100000) { for j in range(100000) { } }\n",
        ),
        ("huge-string.zip", "#(\"x\" * 100000000000)\n"),
        ("wide.zip", "#set page(width: 400000000pt)\nx\n"),
    ] {
        let pack = test_pack(dir.path(), name, Some(layout));
        let started = std::time::Instant::now();
        let o = loa(&profile, &["--lang", "en", "template", "import", &pack]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains("notice"), "{name} names the template: {err}");
        assert!(!err.contains("panicked"), "{err}");
        // The worker's wall-clock limit (10 s) plus starting it: never a hang.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{name}"
        );
        assert!(
            list(&profile).iter().all(|t| t["id"] != "notice"),
            "{name} was not stored"
        );
    }

    let good = test_pack(dir.path(), "good.zip", None);
    let o = loa(&profile, &["template", "import", &good]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(list(&profile).iter().any(|t| t["id"] == "notice"));
    let o = loa(&profile, &["--lang", "en", "template", "delete", "notice"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("notice"), "{}", stdout(&o));
    assert!(list(&profile).iter().all(|t| t["id"] != "notice"));

    // A built-in template stays: one line, exit 1.
    let builtin = list(&profile)[0]["id"].as_str().expect("id").to_owned();
    let o = loa(&profile, &["--lang", "vi", "template", "delete", &builtin]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ẩn"),
        "it says it can be hidden: {}",
        stderr(&o)
    );
    assert!(list(&profile).iter().any(|t| t["id"] == builtin));

    // ... and hidden from the gallery instead, then shown again.
    let hidden = |dir: &Path| -> bool {
        list(dir)
            .iter()
            .find(|t| t["id"] == builtin)
            .expect("still there")["hidden"]
            .as_bool()
            .expect("hidden is a boolean")
    };
    assert!(!hidden(&profile));
    let o = loa(&profile, &["--lang", "vi", "template", "hide", &builtin]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(hidden(&profile));
    let o = loa(&profile, &["template", "hide", "--show", &builtin]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!hidden(&profile));
    let o = loa(
        &profile,
        &["--lang", "vi", "template", "hide", "khong-co-mau-nay"],
    );
    assert_eq!(o.status.code(), Some(1), "an unknown id is refused");
}

/// The officer's own template is never replaced by a pack without `--replace`.
#[test]
fn importing_over_an_own_template_needs_replace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("profile");
    let pack_file = test_pack(dir.path(), "district.zip", None);
    let pack = loa_templates::Pack::from_zip_file(Path::new(&pack_file)).expect("pack");
    {
        let store = loa_core::Store::open(&profile).expect("profile");
        store
            .templates()
            .save_user(&pack, "notice")
            .expect("own template");
    }
    let origin = |profile: &Path| {
        list(profile)
            .into_iter()
            .find(|t| t["id"] == "notice")
            .map(|t| t["origin"].clone())
    };
    assert_eq!(origin(&profile), Some(json!("user")));
    let o = loa(
        &profile,
        &["--lang", "vi", "template", "import", &pack_file],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("“notice”") && err.contains("--replace"),
        "{err}"
    );
    assert_eq!(origin(&profile), Some(json!("user")), "left untouched");
    let o = loa(&profile, &["template", "import", "--replace", &pack_file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(origin(&profile), Some(json!("imported")));
}

//! `loa series` and `loa calendar` as a real process, with the computer's zone set far from
//! Vietnam: every date and time given and printed must still be Vietnam time.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{Duration, NaiveDate, Utc};
use serde_json::Value;

/// Zones on both sides of the date line, far from UTC+7.
const FAR_ZONES: [&str; 2] = ["America/Los_Angeles", "Pacific/Kiritimati"];

fn loa_in(dir: &Path, tz: &str, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", tz)
        .env("LOA_LANG", lang)
        .env("LOA_CREDENTIALS", "file")
        .env_remove("LOA_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run loa")
}

fn loa(dir: &Path, args: &[&str]) -> Output {
    loa_in(dir, FAR_ZONES[0], "en", args)
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn json(o: Output) -> Value {
    serde_json::from_slice(&ok(o).stdout).expect("JSON on stdout")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

/// (date, time, episode, state) of the occurrences in a `loa calendar --json` answer.
fn occurrences(entries: &Value) -> Vec<(String, String, Value, String)> {
    entries
        .as_array()
        .expect("an array")
        .iter()
        .filter(|e| e["kind"] == "occurrence")
        .map(|e| {
            (
                e["date"].as_str().expect("date").to_owned(),
                e["time"].as_str().expect("time").to_owned(),
                e["episode"].clone(),
                e["state"].as_str().expect("state").to_owned(),
            )
        })
        .collect()
}

fn occ(date: &str, time: &str, episode: Value, state: &str) -> (String, String, Value, String) {
    (date.into(), time.into(), episode, state.into())
}

#[test]
fn weekdays_count_skip_move_and_episodes_in_vietnam_time() {
    for tz in FAR_ZONES {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let run = |args: &[&str]| loa_in(dir, tz, "en", args);
        let s = json(run(&[
            "series",
            "add",
            "--name",
            "Chào mừng Đại hội Đảng các cấp",
            "--weekdays",
            "tue,fri",
            "--time",
            "19:00",
            "--from",
            "2025-07-29",
            "--count",
            "5",
            "--json",
        ]));
        assert_eq!(s["weekdays"], serde_json::json!(["tue", "fri"]));
        assert_eq!(s["time"], "19:00");
        assert_eq!(s["from"], "2025-07-29");
        assert_eq!(s["count"], 5);
        assert_eq!(s["until"], Value::Null);
        assert_eq!(s["template"], Value::Null);
        let id = s["id"].as_i64().expect("id").to_string();
        let list = json(run(&["series", "list", "--json"]));
        assert_eq!(list.as_array().expect("array").len(), 1);
        assert_eq!(list[0]["name"], "Chào mừng Đại hội Đảng các cấp");

        let range = [
            "calendar",
            "--from",
            "2025-07-28",
            "--to",
            "2025-08-17",
            "--json",
        ];
        let e = json(run(&range));
        assert_eq!(
            occurrences(&e),
            [
                occ("2025-07-29", "19:00", 1.into(), "empty"),
                occ("2025-08-01", "19:00", 2.into(), "empty"),
                occ("2025-08-05", "19:00", 3.into(), "empty"),
                occ("2025-08-08", "19:00", 4.into(), "empty"),
                occ("2025-08-12", "19:00", 5.into(), "empty"),
            ],
            "{tz}"
        );
        let first = e
            .as_array()
            .expect("array")
            .iter()
            .find(|x| x["kind"] == "occurrence")
            .expect("one");
        assert_eq!(first["series_id"].to_string(), id);
        assert_eq!(first["draft_id"], Value::Null);
        assert_eq!(first["lunar"], false);

        ok(run(&[
            "series",
            "skip",
            &id,
            "--date",
            "2025-08-01",
            "--reason",
            "Mất điện",
        ]));
        ok(run(&[
            "series",
            "move",
            &id,
            "--date",
            "2025-08-05",
            "--to",
            "2025-08-06T07:30",
        ]));
        let e = json(run(&range));
        assert_eq!(
            occurrences(&e),
            [
                occ("2025-07-29", "19:00", 1.into(), "empty"),
                occ("2025-08-01", "19:00", Value::Null, "skipped"),
                occ("2025-08-06", "07:30", 2.into(), "empty"),
                occ("2025-08-08", "19:00", 3.into(), "empty"),
                occ("2025-08-12", "19:00", 4.into(), "empty"),
                occ("2025-08-15", "19:00", 5.into(), "empty"),
            ],
            "{tz}: the skip takes no number and adds a slot at the end"
        );
        // A day the section does not run: exit 1 with the calendar's sentence.
        let o = run(&["series", "skip", &id, "--date", "2025-07-30"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("2025-07-30"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        // Filling makes a draft named after the section and its episode.
        let draft = json(run(&[
            "series",
            "fill",
            &id,
            "--date",
            "2025-08-08",
            "--json",
        ]));
        assert_eq!(draft["title"], "Chào mừng Đại hội Đảng các cấp – No. 3");
        assert_eq!(draft["status"], "draft");
        let e = json(run(&range));
        let filled = e
            .as_array()
            .expect("array")
            .iter()
            .find(|x| x["kind"] == "occurrence" && x["date"] == "2025-08-08")
            .expect("the filled occurrence");
        assert_eq!(filled["state"], "drafted");
        assert_eq!(filled["draft_id"], draft["id"]);
        assert_eq!(filled["episode"], 3);
    }
}

#[test]
fn until_and_holidays_solar_and_lunar() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    json(loa(
        dir,
        &[
            "series",
            "add",
            "--name",
            "Tiếp công dân",
            "--weekdays",
            "mon,wed,thu",
            "--time",
            "07:30",
            "--from",
            "2027-01-25",
            "--until",
            "2027-02-04",
            "--json",
        ],
    ));
    let e = json(loa(
        dir,
        &[
            "calendar",
            "--from",
            "2027-01-25",
            "--to",
            "2027-02-10",
            "--json",
        ],
    ));
    let dates: Vec<String> = occurrences(&e).into_iter().map(|o| o.0).collect();
    assert_eq!(
        dates,
        [
            "2027-01-25",
            "2027-01-27",
            "2027-01-28",
            "2027-02-01",
            "2027-02-03",
            "2027-02-04"
        ]
    );
    let holidays: Vec<(String, String, bool)> = e
        .as_array()
        .expect("array")
        .iter()
        .filter(|x| x["kind"] == "holiday")
        .map(|x| {
            (
                x["date"].as_str().expect("date").to_owned(),
                x["holiday_id"].as_str().expect("id").to_owned(),
                x["lunar"].as_bool().expect("lunar"),
            )
        })
        .collect();
    assert!(
        holidays.contains(&("2027-02-03".into(), "party-founding".into(), false)),
        "{holidays:?}"
    );
    assert!(
        holidays.contains(&("2027-02-06".into(), "tet".into(), true)),
        "Tết Đinh Mùi is 6 February 2027: {holidays:?}"
    );
    assert!(holidays.contains(&("2027-02-05".into(), "tet-eve".into(), true)));
    let april = json(loa(
        dir,
        &[
            "calendar",
            "--from",
            "2027-04-01",
            "--to",
            "2027-04-30",
            "--json",
        ],
    ));
    let hung = april
        .as_array()
        .expect("array")
        .iter()
        .find(|x| x["holiday_id"] == "hung-kings")
        .expect("Giỗ Tổ");
    assert_eq!(hung["date"], "2027-04-16");
    assert_eq!(hung["lunar"], true);
    assert_eq!(hung["time"], Value::Null);
    assert_eq!(hung["name"], "Hùng Kings' Commemoration Day");
    // In Vietnamese, in words.
    let o = ok(loa_in(
        dir,
        FAR_ZONES[1],
        "vi",
        &["calendar", "--from", "2027-04-16", "--to", "2027-04-16"],
    ));
    assert!(stdout(&o).contains("Giỗ Tổ Hùng Vương"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Thứ Sáu"), "{}", stdout(&o));
}

/// Today in Vietnam, as the test sees it.
fn vietnam_today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

#[test]
fn a_filled_occurrence_is_queued_for_its_channels_at_its_time_and_empty_slots_warn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("profile");
    let token = tmp.path().join("token");
    std::fs::write(&token, "EAAG-test-token\n").expect("token");
    let folder = tmp.path().join("out");
    std::fs::create_dir_all(&folder).expect("folder");
    ok(loa(
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
    ok(loa(
        &dir,
        &[
            "channel",
            "add",
            "folder",
            "--name",
            "Thư mục",
            "--path",
            folder.to_str().expect("utf8"),
        ],
    ));
    let today = vietnam_today();
    let from = today.to_string();
    // Every day at 23:59: whatever the time now, the next one is less than 48 hours away.
    let s = json(loa(
        &dir,
        &[
            "series",
            "add",
            "--name",
            "Người tốt việc tốt",
            "--weekdays",
            "mon,tue,wed,thu,fri,sat,sun",
            "--time",
            "23:59",
            "--from",
            &from,
            "--channel",
            "Trang xã",
            "--channel",
            "Thư mục",
            "--json",
        ],
    ));
    assert_eq!(s["channels"], serde_json::json!(["Trang xã", "Thư mục"]));
    let id = s["id"].as_i64().expect("id").to_string();
    let to = (today + Duration::days(6)).to_string();
    let o = ok(loa_in(
        &dir,
        FAR_ZONES[0],
        "vi",
        &["calendar", "--from", &from, "--to", &to],
    ));
    let text = stdout(&o);
    assert!(
        text.contains("23:59 — Người tốt việc tốt: chưa có bài"),
        "the empty-slot notice: {text}"
    );
    // In JSON the array stays the contract; the notice goes to stderr.
    let o = loa(&dir, &["calendar", "--from", &from, "--to", &to, "--json"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("Người tốt việc tốt"));
    // Three days ahead: inside Facebook's own scheduling window.
    let day = (today + Duration::days(3)).to_string();
    let draft = json(loa(
        &dir,
        &["series", "fill", &id, "--date", &day, "--json"],
    ));
    let draft_id = draft["id"].as_i64().expect("id").to_string();
    let items = json(loa(&dir, &["queue", "add", &draft_id, "--json"]));
    let items = items.as_array().expect("one row per channel");
    assert_eq!(items.len(), 2);
    let expected =
        chrono::DateTime::parse_from_rfc3339(&format!("{day}T23:59:00+07:00")).expect("instant");
    for item in items {
        let at =
            chrono::DateTime::parse_from_rfc3339(item["scheduled_at"].as_str().expect("scheduled"))
                .expect("rfc3339");
        assert_eq!(at, expected, "{item}");
        assert_eq!(item["state"], "queued");
    }
    let channels: Vec<&str> = items
        .iter()
        .map(|i| i["channel"].as_str().expect("channel"))
        .collect();
    assert_eq!(channels, ["Trang xã", "Thư mục"]);
    let e = json(loa(
        &dir,
        &["calendar", "--from", &day, "--to", &day, "--json"],
    ));
    let kinds: Vec<(&str, &str)> = e
        .as_array()
        .expect("array")
        .iter()
        .filter(|x| x["kind"] != "holiday")
        .map(|x| {
            (
                x["kind"].as_str().expect("kind"),
                x["state"].as_str().expect("state"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("occurrence", "queued"),
            ("post", "queued"),
            ("post", "queued")
        ]
    );
    // A draft in no section needs a channel.
    let plain = stdout(&ok(loa(
        &dir,
        &["draft", "new", "--title", "Lịch cắt điện"],
    )));
    let o = loa(&dir, &["queue", "add", plain.trim()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--channel"));
    // Planned on a day, it shows as a draft entry there.
    ok(loa(
        &dir,
        &[
            "draft",
            "plan",
            plain.trim(),
            "--date",
            &day,
            "--time",
            "08:00",
        ],
    ));
    let e = json(loa(
        &dir,
        &["calendar", "--from", &day, "--to", &day, "--json"],
    ));
    let planned = e
        .as_array()
        .expect("array")
        .iter()
        .find(|x| x["kind"] == "draft")
        .expect("the planned draft");
    assert_eq!(planned["time"], "08:00");
    assert_eq!(planned["state"], "drafted");
    assert_eq!(planned["title"], "Lịch cắt điện");
}

#[test]
fn the_week_plan_as_picture_and_pdf() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("profile");
    json(loa(
        &dir,
        &[
            "series",
            "add",
            "--name",
            "Chào mừng Đại hội",
            "--weekdays",
            "tue,fri",
            "--time",
            "19:00",
            "--from",
            "2025-07-01",
            "--json",
        ],
    ));
    let png = tmp.path().join("plan.png");
    let o = ok(loa_in(
        &dir,
        FAR_ZONES[1],
        "vi",
        &[
            "calendar",
            "--week",
            "2025-07-16",
            "--out",
            png.to_str().expect("utf8"),
        ],
    ));
    assert!(
        stdout(&o).contains("Lịch đăng tin tuần 14–20/7"),
        "{}",
        stdout(&o)
    );
    let bytes = std::fs::read(&png).expect("png written");
    assert!(bytes.starts_with(b"\x89PNG"));
    let pdf = tmp.path().join("plan.pdf");
    ok(loa(
        &dir,
        &[
            "calendar",
            "--week",
            "2025-07-16",
            "--out",
            pdf.to_str().expect("utf8"),
        ],
    ));
    assert!(
        std::fs::read(&pdf)
            .expect("pdf written")
            .starts_with(b"%PDF")
    );
    let o = loa(
        &dir,
        &[
            "calendar",
            "--week",
            "2025-07-16",
            "--out",
            tmp.path().join("plan.txt").to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn edit_changes_future_occurrences_only_and_delete_and_unskip() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let s = json(loa(
        dir,
        &[
            "series",
            "add",
            "--name",
            "Tiếp công dân",
            "--weekdays",
            "tue,fri",
            "--time",
            "19:00",
            "--from",
            "2025-07-29",
            "--json",
        ],
    ));
    let id = s["id"].as_i64().expect("id").to_string();
    ok(loa(dir, &["series", "skip", &id, "--date", "2025-08-01"]));
    ok(loa(dir, &["series", "unskip", &id, "--date", "2025-08-01"]));
    let edited = json(loa(
        dir,
        &[
            "series",
            "edit",
            &id,
            "--time",
            "20:00",
            "--weekdays",
            "wed",
            "--json",
        ],
    ));
    assert_eq!(edited["time"], "20:00");
    assert_eq!(edited["weekdays"], serde_json::json!(["wed"]));
    // The past keeps the old rule (the edit took effect now)...
    let past = json(loa(
        dir,
        &[
            "calendar",
            "--from",
            "2025-07-28",
            "--to",
            "2025-08-03",
            "--json",
        ],
    ));
    assert_eq!(
        occurrences(&past),
        [
            occ("2025-07-29", "19:00", 1.into(), "empty"),
            occ("2025-08-01", "19:00", 2.into(), "empty"),
        ]
    );
    // ...the weeks to come follow the new one.
    let monday = vietnam_today() + Duration::days(14);
    let from = monday.to_string();
    let to = (monday + Duration::days(6)).to_string();
    let future = json(loa(
        dir,
        &["calendar", "--from", &from, "--to", &to, "--json"],
    ));
    let future = occurrences(&future);
    assert_eq!(future.len(), 1, "{future:?}");
    assert_eq!(future[0].1, "20:00");
    ok(loa(dir, &["series", "delete", &id]));
    assert_eq!(
        json(loa(dir, &["series", "list", "--json"])),
        serde_json::json!([])
    );
    let o = loa(dir, &["series", "fill", &id, "--date", "2025-07-29"]);
    assert_eq!(o.status.code(), Some(1));
}

//! The calendar as stored: sections with several weekdays, counts and end dates, skips and
//! moves, episodes, filling an occurrence, states from the draft, empty-slot warnings and
//! queueing from the plan. Every time is Vietnam time whatever the machine's zone (CI runs this
//! file with TZ set far from Vietnam too).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loa_calendar::vntime::{parse_local_datetime, parse_rfc3339};
use loa_calendar::{CalendarEntry, EntryKind, SlotState};
use loa_core::{
    ChannelKind, DraftPatch, DraftStatus, Lang, LoaError, Localizer, ManualClock, NewChannel,
    OutboxState, SeriesInput, Store,
};

fn at(s: &str) -> DateTime<Utc> {
    parse_rfc3339(s).expect("rfc3339")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

struct Rig {
    _dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    store: Store,
    vi: Localizer,
}

impl Rig {
    fn save(&self, input: &SeriesInput) -> loa_core::SeriesView {
        self.store.calendar().save(input).expect("save")
    }

    fn fill(&self, id: i64, date: &str, why: &str) -> loa_core::Draft {
        self.store
            .calendar()
            .fill(id, d(date), &self.vi, None)
            .expect(why)
    }

    fn range(&self, from: &str, to: &str) -> loa_core::CalendarView {
        self.store
            .calendar()
            .range(d(from), d(to), &self.vi)
            .expect("range")
    }
}

/// A profile on Monday 28 July 2025, 09:00 in Vietnam.
fn rig() -> Rig {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(at("2025-07-28T09:00:00+07:00")));
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("open");
    Rig {
        _dir: dir,
        clock,
        store,
        vi: Localizer::new(Lang::Vi),
    }
}

fn channel(store: &Store, name: &str, kind: ChannelKind) -> i64 {
    store
        .publishing()
        .save_channel(&NewChannel {
            name: name.into(),
            kind: Some(kind),
            page_id: "1001".into(),
            ..NewChannel::default()
        })
        .expect("channel")
        .0
        .id
}

fn section(weekdays: &[&str], from: &str, count: Option<u32>, channels: Vec<i64>) -> SeriesInput {
    SeriesInput {
        id: None,
        name: "Chào mừng Đại hội".into(),
        name_en: Some("Party Congress".into()),
        weekdays: weekdays.iter().map(|s| (*s).to_owned()).collect(),
        time: "19:00".into(),
        from: from.into(),
        until: None,
        count,
        channels,
        template: None,
        template_defaults: BTreeMap::new(),
        colour: None,
        first_episode: 1,
    }
}

/// Gives the draft its text and marks it ready, as the editor does.
fn ready(store: &Store, id: i64, body: &str) -> loa_core::Draft {
    store
        .drafts()
        .save(
            id,
            &DraftPatch {
                body: Some(body.into()),
                status: Some(DraftStatus::Ready),
                ..DraftPatch::default()
            },
        )
        .expect("ready")
}

fn occurrences(r: &Rig, from: &str, to: &str) -> Vec<CalendarEntry> {
    r.store
        .calendar()
        .range(d(from), d(to), &r.vi)
        .expect("range")
        .entries
        .into_iter()
        .filter(|e| e.kind == EntryKind::Occurrence)
        .collect()
}

fn summary(entries: &[CalendarEntry]) -> Vec<(String, Option<u32>, SlotState)> {
    entries
        .iter()
        .map(|e| {
            (
                e.date.to_string(),
                e.episode,
                e.state.expect("an occurrence has a state"),
            )
        })
        .collect()
}

#[test]
fn weekdays_count_skip_and_move() {
    let r = rig();
    let s = r.save(&section(&["fri", "tue"], "2025-07-29", Some(4), vec![]));
    assert_eq!(s.weekdays, ["tue", "fri"], "Monday first");
    assert_eq!((s.count, s.until.as_deref()), (Some(4), None));
    assert_eq!(s.colour, "#C8102E", "the palette's first colour");
    let e = occurrences(&r, "2025-07-28", "2025-08-31");
    assert_eq!(
        summary(&e),
        [
            ("2025-07-29".into(), Some(1), SlotState::Empty),
            ("2025-08-01".into(), Some(2), SlotState::Empty),
            ("2025-08-05".into(), Some(3), SlotState::Empty),
            ("2025-08-08".into(), Some(4), SlotState::Empty),
        ]
    );
    let cal = r.store.calendar();
    cal.skip(s.id, d("2025-08-01"), Some("Mất điện"))
        .expect("skip");
    cal.move_occurrence(
        s.id,
        d("2025-08-05"),
        parse_local_datetime("2025-08-06T07:30").expect("local"),
    )
    .expect("move");
    let e = occurrences(&r, "2025-07-28", "2025-08-31");
    // The skipped slot takes no number, so a fifth slot keeps the count at four episodes.
    assert_eq!(
        summary(&e),
        [
            ("2025-07-29".into(), Some(1), SlotState::Empty),
            ("2025-08-01".into(), None, SlotState::Skipped),
            ("2025-08-06".into(), Some(2), SlotState::Empty),
            ("2025-08-08".into(), Some(3), SlotState::Empty),
            ("2025-08-12".into(), Some(4), SlotState::Empty),
        ]
    );
    assert_eq!(e[1].skip_reason.as_deref(), Some("Mất điện"));
    assert!(e[2].moved);
    assert_eq!(e[2].original_date, Some(d("2025-08-05")));
    assert_eq!(
        e[2].time.map(|t| t.to_string()).as_deref(),
        Some("07:30:00")
    );
    // A day that is not one of the section's is refused with the calendar's own message.
    let err = cal
        .skip(s.id, d("2025-07-30"), None)
        .expect_err("wednesday");
    assert_eq!(err.message_id(), "calendar-error-not-an-occurrence");
    // Undo brings the slot and its number back.
    cal.unskip(s.id, d("2025-08-01")).expect("unskip");
    let e = occurrences(&r, "2025-07-28", "2025-08-31");
    assert_eq!(e[1].episode, Some(2));
    assert_eq!(e.len(), 4);
}

#[test]
fn until_and_first_episode_and_editing_changes_the_future_only() {
    let r = rig();
    let mut input = section(&["mon", "wed", "fri"], "2025-07-28", None, vec![]);
    input.until = Some("2025-08-08".into());
    input.first_episode = 12;
    let s = r.save(&input);
    let e = occurrences(&r, "2025-07-28", "2025-08-31");
    assert_eq!(e.len(), 6, "Mon/Wed/Fri for two weeks");
    assert_eq!(e[0].episode, Some(12));
    assert_eq!(e[5].date, d("2025-08-08"));
    // On Monday 4 August at noon the section moves to Tuesdays and Thursdays at 20:00.
    r.clock.set(at("2025-08-04T12:00:00+07:00"));
    let mut edit = input.clone();
    edit.id = Some(s.id);
    edit.weekdays = vec!["tue".into(), "thu".into()];
    edit.time = "20:00".into();
    let saved = r.store.calendar().save(&edit).expect("edit");
    assert_eq!(saved.weekdays, ["tue", "thu"]);
    let dates: Vec<String> = occurrences(&r, "2025-07-28", "2025-08-31")
        .iter()
        .map(|e| format!("{} {}", e.date, e.time.expect("time")))
        .collect();
    assert_eq!(
        dates,
        [
            "2025-07-28 19:00:00",
            "2025-07-30 19:00:00",
            "2025-08-01 19:00:00",
            // Monday 4 August 19:00 was after the edit: it follows the new rule.
            "2025-08-05 20:00:00",
            "2025-08-07 20:00:00",
        ]
    );
}

#[test]
fn fill_links_a_draft_whose_progress_is_the_occurrences_state() {
    let r = rig();
    let s = r.save(&section(&["tue", "fri"], "2025-07-29", None, vec![]));
    let draft = r.fill(s.id, "2025-08-05", "fill");
    assert_eq!(draft.title, "Chào mừng Đại hội – Kỳ 3");
    // Filling again gives the same draft.
    let again = r.fill(s.id, "2025-08-05", "fill again");
    assert_eq!(again.id, draft.id);
    let e = occurrences(&r, "2025-08-04", "2025-08-10");
    assert_eq!(e[0].state, Some(SlotState::Drafted));
    assert_eq!(e[0].draft_id, Some(draft.id));
    assert_eq!(e[0].title.as_deref(), Some("Chào mừng Đại hội – Kỳ 3"));
    assert_eq!(e[1].state, Some(SlotState::Empty));
    // Without channels a ready draft stays ready.
    ready(&r.store, draft.id, "Nội dung kỳ 3.");
    let e = occurrences(&r, "2025-08-04", "2025-08-10");
    assert_eq!(e[0].state, Some(SlotState::Ready));
    // A trashed draft empties the slot; filling it again makes a new one.
    r.store.drafts().trash(draft.id).expect("trash");
    assert_eq!(
        occurrences(&r, "2025-08-04", "2025-08-10")[0].state,
        Some(SlotState::Empty)
    );
    let new = r.fill(s.id, "2025-08-05", "refill");
    assert_ne!(new.id, draft.id);
    // Not a day of the section.
    let err = r
        .store
        .calendar()
        .fill(s.id, d("2025-08-06"), &r.vi, None)
        .expect_err("wednesday");
    assert!(matches!(err, LoaError::Calendar(_)));
}

#[test]
fn a_ready_draft_is_queued_per_channel_at_the_occurrence_and_follows_a_move() {
    let r = rig();
    let fb = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let zalo = channel(&r.store, "Zalo xã", ChannelKind::Zalo);
    let s = r.save(&section(
        &["tue", "fri"],
        "2025-07-29",
        None,
        vec![fb, zalo],
    ));
    let draft = r.fill(s.id, "2025-08-01", "fill");
    let saved = ready(&r.store, draft.id, "Chào mừng Đại hội Đảng bộ xã.");
    assert_eq!(saved.status, DraftStatus::Queued);
    let friday = at("2025-08-01T19:00:00+07:00");
    let items = r
        .store
        .publishing()
        .outbox_for_draft(draft.id)
        .expect("items");
    assert_eq!(items.len(), 2);
    let by = |c: i64| items.iter().find(|i| i.channel_id == c).expect("item");
    // Facebook schedules it itself (between 10 minutes and 30 days ahead).
    assert_eq!(by(fb).scheduled(), Some(friday));
    assert!(by(fb).platform_scheduled);
    assert_eq!(
        by(fb).scheduled_at.as_deref(),
        Some("2025-08-01T12:00:00.000Z")
    );
    // Zalo has no scheduler: the post waits in the outbox until Friday 19:00.
    assert_eq!(by(zalo).scheduled(), Some(friday));
    assert_eq!(by(zalo).next_attempt(), Some(friday));
    let e = occurrences(&r, "2025-07-28", "2025-08-03");
    assert_eq!(e[1].state, Some(SlotState::Queued));
    let posts: Vec<CalendarEntry> = r
        .range("2025-07-28", "2025-08-03")
        .entries
        .into_iter()
        .filter(|e| e.kind == EntryKind::Post)
        .collect();
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|p| p.date == d("2025-08-01")
        && p.state == Some(SlotState::Queued)
        && p.draft_id == Some(draft.id)));
    // Moving the occurrence moves what has not gone out yet.
    r.store
        .calendar()
        .move_occurrence(
            s.id,
            d("2025-08-01"),
            parse_local_datetime("2025-08-02T08:00").expect("local"),
        )
        .expect("move");
    let saturday = at("2025-08-02T08:00:00+07:00");
    let items = r
        .store
        .publishing()
        .outbox_for_draft(draft.id)
        .expect("items");
    assert!(items.iter().all(|i| i.scheduled() == Some(saturday)));
    let z = items.iter().find(|i| i.channel_id == zalo).expect("zalo");
    assert_eq!(z.next_attempt(), Some(saturday));
}

#[test]
fn a_past_occurrence_is_queued_for_now() {
    let r = rig();
    let zalo = channel(&r.store, "Zalo xã", ChannelKind::Zalo);
    let s = r.save(&section(&["tue"], "2025-07-01", None, vec![zalo]));
    let draft = r.fill(s.id, "2025-07-22", "fill a past slot");
    ready(&r.store, draft.id, "Bài muộn.");
    let items = r
        .store
        .publishing()
        .outbox_for_draft(draft.id)
        .expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].state, OutboxState::Queued);
    assert_eq!(items[0].scheduled_at, None, "due now");
    assert_eq!(items[0].next_attempt_at, None);
}

#[test]
fn empty_slots_of_the_next_48_hours() {
    let r = rig();
    let s = r.save(&section(&["tue", "thu"], "2025-07-01", None, vec![]));
    // Monday 09:00: Tuesday 19:00 is 34 h away, Thursday 19:00 is 82 h away.
    let view = r.range("2025-07-28", "2025-08-03");
    let texts: Vec<&str> = view.empty_slots.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, ["Thứ Ba 19:00 — Chào mừng Đại hội: chưa có bài"]);
    assert_eq!(view.empty_slots[0].series_id, s.id);
    assert_eq!(view.empty_slots[0].date, "2025-07-29");
    // A ready draft quiets it; a draft not ready says so.
    let draft = r.fill(s.id, "2025-07-29", "fill");
    let view = r.range("2025-07-28", "2025-08-03");
    assert_eq!(
        view.empty_slots[0].text,
        "Thứ Ba 19:00 — Chào mừng Đại hội: bài chưa sẵn sàng"
    );
    ready(&r.store, draft.id, "Sẵn sàng.");
    // Wednesday 20:00: Thursday 19:00 is within 48 h.
    r.clock.advance(Duration::hours(59));
    let view = r.range("2025-07-28", "2025-08-03");
    let dates: Vec<&str> = view.empty_slots.iter().map(|w| w.date.as_str()).collect();
    assert_eq!(dates, ["2025-07-31"]);
    // In English the notice uses the English name.
    let en = r
        .store
        .calendar()
        .range(d("2025-07-28"), d("2025-08-03"), &Localizer::new(Lang::En))
        .expect("range");
    assert!(
        en.empty_slots[0].text.contains("Party Congress"),
        "{}",
        en.empty_slots[0].text
    );
}

#[test]
fn planned_drafts_and_holidays() {
    let r = rig();
    let draft = r
        .store
        .drafts()
        .create(&loa_core::NewDraft {
            title: "Lịch cắt điện".into(),
            ..loa_core::NewDraft::default()
        })
        .expect("draft");
    let cal = r.store.calendar();
    cal.plan_draft(
        draft.id,
        Some(d("2027-02-05")),
        Some(chrono::NaiveTime::from_hms_opt(7, 30, 0).expect("time")),
    )
    .expect("plan");
    let view = cal
        .range(d("2027-02-01"), d("2027-02-07"), &r.vi)
        .expect("range");
    let planned: Vec<&CalendarEntry> = view
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Draft)
        .collect();
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].date, d("2027-02-05"));
    assert_eq!(planned[0].state, Some(SlotState::Drafted));
    let tet: Vec<&CalendarEntry> = view
        .entries
        .iter()
        .filter(|e| e.holiday_id == Some("tet"))
        .collect();
    assert_eq!(tet.len(), 1);
    assert_eq!(tet[0].date, d("2027-02-06"), "Tết Đinh Mùi");
    assert!(tet[0].lunar);
    assert_eq!(tet[0].name.as_deref(), Some("Tết Nguyên đán"));
    let april = cal
        .range(d("2027-04-12"), d("2027-04-18"), &r.vi)
        .expect("range");
    let hung = april
        .entries
        .iter()
        .find(|e| e.holiday_id == Some("hung-kings"))
        .expect("Giỗ Tổ");
    assert_eq!(hung.date, d("2027-04-16"));
    // Taking it off the calendar.
    cal.plan_draft(draft.id, None, None).expect("unplan");
    let view = cal
        .range(d("2027-02-01"), d("2027-02-07"), &r.vi)
        .expect("range");
    assert!(view.entries.iter().all(|e| e.kind != EntryKind::Draft));
}

#[test]
fn sections_are_validated_and_deleted() {
    let r = rig();
    let cal = r.store.calendar();
    let mut bad = section(&["tue"], "2025-07-29", Some(3), vec![]);
    bad.until = Some("2025-08-30".into());
    assert!(matches!(cal.save(&bad), Err(LoaError::InvalidValue { .. })));
    let mut bad = section(&[], "2025-07-29", None, vec![]);
    bad.weekdays = vec![];
    let err = cal.save(&bad).expect_err("no weekdays");
    assert_eq!(err.message_id(), "calendar-error-no-weekdays");
    let bad = section(&["tue"], "2025-07-29", None, vec![999]);
    assert!(matches!(
        cal.save(&bad),
        Err(LoaError::ChannelNotFound { .. })
    ));
    let s = cal
        .save(&section(&["tue"], "2025-07-29", None, vec![]))
        .expect("save");
    assert_eq!(cal.list().expect("list").len(), 1);
    cal.delete(s.id).expect("delete");
    assert!(cal.list().expect("list").is_empty());
    assert!(matches!(
        cal.get(s.id),
        Err(LoaError::SeriesNotFound { .. })
    ));
}

/// Takes an outbox item through the worker's edges to `published` at the clock's now.
fn publish_now(store: &Store, channel: i64, item: i64) {
    use loa_core::{OutboxPort, Transition};
    store
        .lease_channel(channel, "w", Duration::seconds(60), &|_| false)
        .expect("lease");
    store
        .transition_outbox("w", item, OutboxState::Queued, &Transition::MediaReady)
        .expect("media");
    store
        .transition_outbox(
            "w",
            item,
            OutboxState::MediaUploaded,
            &Transition::BeginPublish,
        )
        .expect("begin");
    store
        .transition_outbox(
            "w",
            item,
            OutboxState::Publishing,
            &Transition::Published {
                remote_id: Some(format!("r{item}")),
                remote_url: None,
                count_attempt: true,
            },
        )
        .expect("published");
}

#[test]
fn the_report_counts_each_section_on_time_or_late() {
    let r = rig();
    let folder = channel(&r.store, "Thư mục", ChannelKind::Folder);
    let s = r.save(&section(
        &["tue", "fri"],
        "2025-07-29",
        Some(4),
        vec![folder],
    ));
    let cal = r.store.calendar();
    cal.skip(s.id, d("2025-08-05"), Some("Nghỉ")).expect("skip");
    // Tuesday 29 July, published 30 minutes late: on time (an hour's grace).
    // Friday 1 August, published 3 hours late: late. Friday 8 August: never published.
    for (date, out_at) in [
        ("2025-07-29", "2025-07-29T19:30:00+07:00"),
        ("2025-08-01", "2025-08-01T22:00:00+07:00"),
    ] {
        let draft = cal.fill(s.id, d(date), &r.vi, None).expect("fill");
        r.clock.set(at(out_at));
        let item = r
            .store
            .publishing()
            .queue(draft.id, folder, None)
            .expect("queue");
        publish_now(&r.store, folder, item.id);
    }
    let month = loa_report::Period::month(2025, 8).expect("august");
    let measures = loa_core::ReachMeasures {
        listed: &[],
        followers: "page_follows",
    };
    let report = r.store.reports().report(&month, &measures).expect("report");
    assert_eq!(report.by_series.len(), 1);
    let stats = &report.by_series[0];
    assert_eq!(stats.series_id, s.id);
    assert_eq!(stats.name, "Chào mừng Đại hội");
    // August: 1 (late), 5 skipped (not planned), 8 and 12 (the slot the skip added): planned 3.
    assert_eq!((stats.planned, stats.published, stats.on_time), (3, 1, 0));
    let july = loa_report::Period::month(2025, 7).expect("july");
    let report = r.store.reports().report(&july, &measures).expect("report");
    let stats = &report.by_series[0];
    assert_eq!((stats.planned, stats.published, stats.on_time), (1, 1, 1));
}

/// Draws nothing: keeps the data it was given, returns a one-pixel PNG and the title as caption.
#[derive(Default)]
struct Recorder(Mutex<Vec<serde_json::Map<String, serde_json::Value>>>);

impl loa_core::TemplateRenderer for Recorder {
    fn render_png(
        &self,
        _pack: &loa_templates::Pack,
        _id: &str,
        raw: &loa_templates::RawData,
        _lang: Lang,
        _size: loa_templates::Size,
        _options: loa_core::RasterOptions,
    ) -> Result<loa_core::RenderedImage, LoaError> {
        self.0.lock().expect("lock").push(raw.values.clone());
        let title = raw
            .values
            .get("title")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        Ok(loa_core::RenderedImage {
            png: common::PIXEL_PNG.to_vec(),
            width: 1,
            height: 1,
            caption: format!("{title}\n#NguoiTotViecTot"),
            render_ms: 1.0,
        })
    }
}

#[test]
fn filling_from_a_template_puts_the_episode_in_its_defaults() {
    let r = rig();
    let mut input = section(&["sat"], "2025-08-02", None, vec![]);
    input.name = "Người tốt việc tốt".into();
    input.template = Some("good-deeds".into());
    input.first_episode = 12;
    input.template_defaults = BTreeMap::from([
        (
            "title".to_owned(),
            "Người tốt việc tốt – Kỳ {episode}".to_owned(),
        ),
        ("role".to_owned(), "Hội viên Hội Nông dân".to_owned()),
    ]);
    let s = r.save(&input);
    assert_eq!(s.template.as_deref(), Some("good-deeds"));
    let renderer = Recorder::default();
    let draft = r
        .store
        .calendar()
        .fill(s.id, d("2025-08-09"), &r.vi, Some(&renderer))
        .expect("fill");
    // The second Saturday is episode 13.
    assert_eq!(draft.title, "Người tốt việc tốt – Kỳ 13");
    assert!(draft.body.starts_with("Người tốt việc tốt – Kỳ 13"));
    let data = renderer.0.lock().expect("lock");
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["role"], "Hội viên Hội Nông dân");
    assert_eq!(r.store.media().of_draft(draft.id).expect("photos").len(), 1);
    // An unknown template is refused when the section is saved.
    let mut bad = input.clone();
    bad.template = Some("no-such-template".into());
    assert!(r.store.calendar().save(&bad).is_err());
}

#[test]
fn a_skipped_occurrence_waits_and_is_queued_when_it_comes_back() {
    let r = rig();
    let folder = channel(&r.store, "Thư mục", ChannelKind::Folder);
    let s = r.save(&section(&["fri"], "2025-08-01", None, vec![folder]));
    let cal = r.store.calendar();
    let draft = cal.fill(s.id, d("2025-08-08"), &r.vi, None).expect("fill");
    cal.skip(s.id, d("2025-08-08"), None).expect("skip");
    let saved = ready(&r.store, draft.id, "Nội dung.");
    assert_eq!(
        saved.status,
        DraftStatus::Ready,
        "a skipped slot is not published"
    );
    assert!(
        r.store
            .publishing()
            .outbox_for_draft(draft.id)
            .expect("items")
            .is_empty()
    );
    cal.unskip(s.id, d("2025-08-08")).expect("unskip");
    let items = r
        .store
        .publishing()
        .outbox_for_draft(draft.id)
        .expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].scheduled(), Some(at("2025-08-08T19:00:00+07:00")));
    assert_eq!(
        r.store.drafts().get(draft.id).expect("draft").status,
        DraftStatus::Queued
    );
}

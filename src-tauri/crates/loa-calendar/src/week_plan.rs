//! The data of a week's plan as one picture or PDF ("Lịch đăng tin tuần 14–20/7"), to send to
//! the commune's leader: seven day columns, Monday first, with times, sections in their colours,
//! episodes, states and holidays.
//!
//! [`week_plan`] turns the week's [`CalendarEntry`] rows into a [`WeekPlan`], every word already
//! in the officer's language; its JSON is what the Typst layout `assets/plans/week.typ` reads
//! from [`DATA_PATH`] (the same virtual file the templates read). The layout is the document's
//! main file and imports the templates' shared helpers from [`LIB_PATH`]
//! (`assets/templates/lib.typ`).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

use crate::colour::Colour;
use crate::entries::{CalendarEntry, EntryKind};
use crate::error::CalendarError;
use crate::holidays::HolidayKind;
use crate::state::SlotState;
use crate::vntime::{check_date, display_time};
use crate::words::{Messages, date_range, day_month, week_start, weekday_id};

/// The layout, the main file of the render world (`assets/plans/week.typ`).
pub const LAYOUT: &str = include_str!("../../../../assets/plans/week.typ");
/// Where the templates' shared helpers sit in the render world (the layout imports
/// `/templates/lib.typ`).
pub const LIB_PATH: &str = "templates/lib.typ";
/// Where the layout reads [`WeekPlan::to_json`] from.
pub const DATA_PATH: &str = ".inputs/data.json";

/// A4 landscape in points: prints on the office printer and, at 2 px per point
/// (1684 × 1190 px), reads on a phone over Zalo.
pub const PAGE_WIDTH_PT: f64 = 842.0;
pub const PAGE_HEIGHT_PT: f64 = 595.0;

/// Items shown in one day's column; the rest are counted ("và 3 bài khác").
pub const MAX_ITEMS_PER_DAY: usize = 9;
/// Characters of a title or name kept on the picture.
pub const TEXT_MAX: usize = 90;
/// Sections named in the key under the columns (the ones shown, in order of appearance).
pub const MAX_SECTIONS_IN_KEY: usize = 6;
/// Characters of a section's name in the key.
const KEY_NAME_MAX: usize = 36;

/// What the caller adds to the entries.
#[derive(Debug, Clone, Copy, Default)]
pub struct WeekPlanOptions<'a> {
    /// Who sends it ("UBND xã Quài Tở"), on the header band.
    pub issuer: Option<&'a str>,
    /// Marks today's column.
    pub today: Option<NaiveDate>,
}

/// The layout's data (`d` in `week.typ`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekPlan {
    pub lang: String,
    pub size: PlanSize,
    pub text: PlanText,
    pub days: Vec<PlanDay>,
    pub legend: Vec<LegendItem>,
    pub sections: Vec<SectionKey>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlanSize {
    pub width: f64,
    pub height: f64,
}

/// Sentences of the page, in the officer's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanText {
    /// "Lịch đăng tin tuần 14–20/7".
    pub title: String,
    /// "Từ Thứ Hai 14/7/2025 đến Chủ Nhật 20/7/2025".
    pub dates: String,
    /// "Giờ Việt Nam (UTC+7)".
    pub time_note: String,
    pub issuer: Option<String>,
    /// For an empty day.
    pub nothing: String,
    /// The tag of a day off.
    pub day_off: String,
    /// The tag of a holiday of the lunar calendar.
    pub lunar: String,
    pub legend: String,
    /// "9 bài trong tuần · 5 bài đã sẵn sàng hoặc đã đăng · 2 kỳ chưa có bài sẵn sàng".
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanDay {
    pub date: NaiveDate,
    /// "Thứ Hai".
    pub weekday: String,
    /// "14/7".
    pub day: String,
    /// "20/6 ÂL".
    pub lunar: String,
    pub weekend: bool,
    pub today: bool,
    pub holidays: Vec<PlanHoliday>,
    pub items: Vec<PlanItem>,
    /// "và 3 bài khác" when some items did not fit.
    pub more: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanHoliday {
    pub name: String,
    pub lunar: bool,
    pub day_off: bool,
    /// A major holiday (ngày lễ lớn).
    pub major: bool,
    /// "80 năm" for an anniversary that is a multiple of five (the ones celebrated).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    /// "19:00"; none for a draft planned without a time.
    pub time: Option<String>,
    /// The section's name, or the title of a post outside any section.
    pub heading: String,
    /// "Kỳ 12".
    pub episode: Option<String>,
    /// The draft's title under a section's heading.
    pub title: Option<String>,
    #[serde(serialize_with = "colour_hex")]
    pub colour: Option<Colour>,
    pub state: SlotState,
    pub state_label: String,
    /// "Trang xã · Zalo OA".
    pub channels: Option<String>,
    /// "Dời từ Thứ Sáu 1/8" or the reason of a skip.
    pub note: Option<String>,
}

fn colour_hex<S: Serializer>(c: &Option<Colour>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.collect_str(c),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendItem {
    pub state: SlotState,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionKey {
    pub name: String,
    pub colour: Colour,
}

impl WeekPlan {
    /// The JSON text the layout reads.
    pub fn to_json(&self) -> String {
        // Plain data of strings, numbers and booleans: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn cut(s: &str) -> String {
    cut_to(s, TEXT_MAX)
}

fn cut_to(s: &str, max: usize) -> String {
    let mut chars = s.trim().chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

fn full_date(date: NaiveDate, m: &dyn Messages) -> String {
    format!(
        "{} {}/{}/{}",
        m.text(weekday_id(date.weekday())),
        date.day(),
        date.month(),
        date.year()
    )
}

/// The plan of the week (Monday to Sunday) that holds `week_of`, from that week's entries
/// (entries of other days are ignored). Posts of a draft that is also an occurrence or a planned
/// draft that week are folded into it as its channels; other posts of one draft at one time
/// make one item.
pub fn week_plan(
    week_of: NaiveDate,
    entries: &[CalendarEntry],
    messages: &dyn Messages,
    options: &WeekPlanOptions<'_>,
) -> Result<WeekPlan, CalendarError> {
    let monday = week_start(week_of);
    let sunday = monday + Duration::days(6);
    check_date(monday)?;
    check_date(sunday)?;
    let m = messages;
    let week: Vec<&CalendarEntry> = entries
        .iter()
        .filter(|e| monday <= e.date && e.date <= sunday)
        .collect();

    // Channels of each draft's posts this week, in the order met.
    let mut channels: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for e in week.iter().filter(|e| e.kind == EntryKind::Post) {
        if let (Some(id), Some(ch)) = (e.draft_id, &e.channel) {
            let list = channels.entry(id).or_default();
            if !list.contains(ch) {
                list.push(ch.clone());
            }
        }
    }
    let shown_drafts: Vec<i64> = week
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Occurrence | EntryKind::Draft))
        .filter_map(|e| e.draft_id)
        .collect();
    let channel_text = |id: Option<i64>| {
        id.and_then(|id| channels.get(&id))
            .map(|l| l.iter().map(|c| cut(c)).collect::<Vec<_>>().join(" · "))
    };

    let mut days: Vec<PlanDay> = (0..7)
        .map(|i| {
            let date = monday + Duration::days(i);
            let lunar = crate::lunar::solar_to_lunar(date).map_or_else(
                |_| String::new(),
                |l| {
                    let id = if l.leap {
                        "calendar-lunar-day-leap"
                    } else {
                        "calendar-lunar-day"
                    };
                    m.message(
                        id,
                        &[("day", l.day.to_string()), ("month", l.month.to_string())],
                    )
                },
            );
            PlanDay {
                date,
                weekday: m.text(weekday_id(date.weekday())),
                day: day_month(date),
                lunar,
                weekend: date.weekday().num_days_from_monday() >= 5,
                today: options.today == Some(date),
                holidays: Vec::new(),
                items: Vec::new(),
                more: None,
            }
        })
        .collect();

    let (mut total, mut done, mut empty) = (0u32, 0u32, 0u32);
    let mut posts_seen: Vec<(i64, NaiveDate, Option<NaiveTime>)> = Vec::new();
    for e in &week {
        let day = &mut days[(e.date - monday).num_days() as usize];
        let state = e.state.unwrap_or(SlotState::Empty);
        match e.kind {
            EntryKind::Holiday => {
                let note = e
                    .anniversary
                    .filter(|n| n % 5 == 0)
                    .map(|n| m.message("calendar-anniversary", &[("years", n.to_string())]));
                day.holidays.push(PlanHoliday {
                    name: cut(e.name.as_deref().unwrap_or_default()),
                    lunar: e.lunar,
                    day_off: e.day_off,
                    major: e.holiday_kind == Some(HolidayKind::Major),
                    note,
                });
                continue;
            }
            EntryKind::Occurrence => {
                let name = e.series_name.as_deref().unwrap_or_default();
                let note = if e.moved {
                    e.original_date.map(|o| {
                        m.message(
                            "calendar-moved-from",
                            &[
                                ("day", m.text(weekday_id(o.weekday()))),
                                ("date", day_month(o)),
                            ],
                        )
                    })
                } else {
                    e.skip_reason
                        .as_deref()
                        .map(|r| m.message("calendar-skip-reason", &[("reason", cut(r))]))
                };
                day.items.push(PlanItem {
                    time: e.time.map(display_time),
                    heading: cut(name),
                    episode: e
                        .episode
                        .map(|n| m.message("calendar-episode", &[("number", n.to_string())])),
                    title: e.title.as_deref().map(cut),
                    colour: e.colour,
                    state,
                    state_label: m.text(&state.message_id()),
                    channels: channel_text(e.draft_id),
                    note,
                });
                if state != SlotState::Skipped {
                    total += 1;
                }
                if state.needs_a_ready_draft() {
                    empty += 1;
                }
            }
            EntryKind::Draft => {
                day.items.push(PlanItem {
                    time: e.time.map(display_time),
                    heading: cut(e.title.as_deref().unwrap_or_default()),
                    episode: None,
                    title: None,
                    colour: None,
                    state,
                    state_label: m.text(&state.message_id()),
                    channels: channel_text(e.draft_id),
                    note: None,
                });
                total += 1;
            }
            EntryKind::Post => {
                let Some(id) = e.draft_id else { continue };
                if shown_drafts.contains(&id) || posts_seen.contains(&(id, e.date, e.time)) {
                    continue;
                }
                posts_seen.push((id, e.date, e.time));
                // All channels of this draft at this time, and the least advanced state.
                let same: Vec<&&CalendarEntry> = week
                    .iter()
                    .filter(|p| {
                        p.kind == EntryKind::Post
                            && p.draft_id == Some(id)
                            && p.date == e.date
                            && p.time == e.time
                    })
                    .collect();
                let state = same
                    .iter()
                    .filter_map(|p| p.state)
                    .min()
                    .unwrap_or(SlotState::Queued);
                let names: Vec<String> = same
                    .iter()
                    .filter_map(|p| p.channel.as_deref().map(cut))
                    .collect();
                day.items.push(PlanItem {
                    time: e.time.map(display_time),
                    heading: cut(e.title.as_deref().unwrap_or_default()),
                    episode: None,
                    title: None,
                    colour: None,
                    state,
                    state_label: m.text(&state.message_id()),
                    channels: (!names.is_empty()).then(|| names.join(" · ")),
                    note: None,
                });
                total += 1;
            }
        }
        if matches!(
            state,
            SlotState::Ready | SlotState::Queued | SlotState::Published
        ) {
            done += 1;
        }
    }
    for day in &mut days {
        if day.items.len() > MAX_ITEMS_PER_DAY {
            let hidden = day.items.len() - (MAX_ITEMS_PER_DAY - 1);
            day.items.truncate(MAX_ITEMS_PER_DAY - 1);
            day.more = Some(m.message("calendar-more-items", &[("count", hidden.to_string())]));
        }
    }
    // The key names the sections the page shows, in the order they first appear.
    let mut sections: Vec<SectionKey> = Vec::new();
    for item in days.iter().flat_map(|d| &d.items) {
        let Some(colour) = item.colour else { continue };
        let name = cut_to(&item.heading, KEY_NAME_MAX);
        if sections.len() < MAX_SECTIONS_IN_KEY && !sections.iter().any(|s| s.name == name) {
            sections.push(SectionKey { name, colour });
        }
    }

    let legend = SlotState::ALL
        .into_iter()
        .map(|state| LegendItem {
            state,
            label: m.text(&state.message_id()),
        })
        .collect();
    Ok(WeekPlan {
        lang: m.lang().to_owned(),
        size: PlanSize {
            width: PAGE_WIDTH_PT,
            height: PAGE_HEIGHT_PT,
        },
        text: PlanText {
            title: m.message(
                "calendar-week-title",
                &[("range", date_range(monday, sunday))],
            ),
            dates: m.message(
                "calendar-week-dates",
                &[("from", full_date(monday, m)), ("to", full_date(sunday, m))],
            ),
            time_note: m.text("calendar-vietnam-time"),
            issuer: options.issuer.map(cut).filter(|s| !s.is_empty()),
            nothing: m.text("calendar-nothing-planned"),
            day_off: m.text("calendar-day-off"),
            lunar: m.text("calendar-lunar-holiday"),
            legend: m.text("calendar-plan-legend"),
            summary: m.message(
                "calendar-plan-summary",
                &[
                    ("total", total.to_string()),
                    ("done", done.to_string()),
                    ("empty", empty.to_string()),
                ],
            ),
        },
        days,
        legend,
        sections,
    })
}

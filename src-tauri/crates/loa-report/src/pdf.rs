//! The report as an administrative document: the figures turned into translated, formatted
//! blocks (here) and laid out by `assets/reports/report.typ` through `loa-render`, with the
//! bundled fonts.

use std::collections::BTreeMap;

use chrono::Datelike;
use loa_render::{Document, Format, RenderOptions, Renderer};
use serde_json::{Value, json};

use crate::labels::Labels;
use crate::letterhead::Letterhead;
use crate::period::{Period, PeriodKind};
use crate::report::Report;
use crate::{Lang, ReportError};

/// The layout, embedded so the binary carries it.
pub const LAYOUT: &str = include_str!("../../../../assets/reports/report.typ");

/// The file the layout reads its data from.
pub const DATA_FILE: &str = "data.json";

/// Buckets of the chart: weeks while they fit across the page, months beyond.
const MAX_WEEK_BARS: usize = 14;

/// The report as a PDF.
pub fn pdf(
    renderer: &Renderer,
    report: &Report,
    letterhead: &Letterhead,
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let doc = document(report, letterhead, lang)?;
    let out = renderer.render_document(&doc, Format::Pdf, &RenderOptions::default())?;
    Ok(out.files.into_iter().next().unwrap_or_default())
}

/// The report's pages as PNG images (a preview; `pixel_per_pt` 2 is 1190 × 1684 px for A4).
pub fn pages_png(
    renderer: &Renderer,
    report: &Report,
    letterhead: &Letterhead,
    lang: Lang,
    pixel_per_pt: f32,
) -> Result<Vec<Vec<u8>>, ReportError> {
    let doc = document(report, letterhead, lang)?;
    let options = RenderOptions {
        pixel_per_pt,
        ..RenderOptions::default()
    };
    Ok(renderer.render_document(&doc, Format::Png, &options)?.files)
}

/// The Typst document: the layout and its data.
pub fn document(
    report: &Report,
    letterhead: &Letterhead,
    lang: Lang,
) -> Result<Document, ReportError> {
    let data = layout_data(report, letterhead, &Labels::new(lang))?;
    Ok(Document {
        main: LAYOUT.to_owned(),
        files: BTreeMap::from([(DATA_FILE.to_owned(), data.to_string().into_bytes())]),
        ident: format!(
            "loa/report/{}/{}/{}",
            report.period.from,
            report.period.to,
            lang.as_str()
        ),
    })
}

/// Everything the layout shows, translated and formatted.
pub fn layout_data(
    report: &Report,
    letterhead: &Letterhead,
    l: &Labels,
) -> Result<Value, ReportError> {
    let period = report.period.period()?;
    let period_name = l.period(&period);
    let dates = if period.kind() == PeriodKind::Range {
        String::new()
    } else {
        l.with(
            "report-period-dates",
            &[("from", l.date(period.from())), ("to", l.date(period.to()))],
        )
    };
    let number = letterhead.number.trim();
    Ok(json!({
        "lang": l.lang().as_str(),
        "agency": letterhead.agency_lines(l),
        "number": {
            "prefix": l.get("report-number-prefix"),
            "value": number,
            "suffix": l.get("report-number-suffix"),
        },
        "nation": l.get("report-nation"),
        "motto": l.get("report-motto"),
        "place_date": l.place_date(letterhead.place(), letterhead.date),
        "kind": l.get("report-kind"),
        "subject": l.with("report-subject", &[("period", period_name.clone())]),
        "dates": dates,
        "blocks": blocks(report, letterhead, l, &period, &period_name),
        "recipients_title": l.get("report-recipients-title"),
        "recipients": letterhead.recipient_lines(l),
        "signer": {
            "authority": letterhead.signer_authority(l),
            "title": letterhead.signer_title(l),
            "name": letterhead.signer_name.trim(),
        },
    }))
}

fn heading(text: String) -> Value {
    json!({"kind": "heading", "text": text})
}

fn subheading(text: String) -> Value {
    json!({"kind": "subheading", "text": text})
}

fn para(text: String) -> Value {
    json!({"kind": "para", "text": text})
}

/// A table: header labels, column widths (`1fr`, `25mm`) and alignments, rows of cells (a
/// string, or `{"text", "sub": [small lines]}`), and an optional bold total row. A short table
/// is kept on one page.
fn table(
    l: &Labels,
    columns: &[(&str, &str, &str)],
    rows: Vec<Vec<Value>>,
    total: Option<Vec<String>>,
) -> Value {
    json!({
        "kind": "table",
        "breakable": false,
        "columns": columns.iter().map(|(id, _, _)| l.get(id)).collect::<Vec<_>>(),
        "widths": columns.iter().map(|(_, w, _)| *w).collect::<Vec<_>>(),
        "align": columns.iter().map(|(_, _, a)| *a).collect::<Vec<_>>(),
        "rows": rows,
        "total": total,
    })
}

fn blocks(
    report: &Report,
    letterhead: &Letterhead,
    l: &Labels,
    period: &Period,
    period_name: &str,
) -> Vec<Value> {
    let n = |v: u32| l.number(i64::from(v));
    let mut out = vec![
        para(l.with(
            "report-intro",
            &[
                ("commune", letterhead.commune.clone()),
                ("period", period_name.to_owned()),
            ],
        )),
        heading(l.get("report-section-results")),
        // 1. Published, per channel.
        subheading(l.get("report-published-title")),
    ];
    // Without a configured channel there is no table to introduce.
    let published = i64::from(report.published);
    if report.by_channel.is_empty() {
        out.push(para(
            l.with_counts("report-published-total", &[("count", published)]),
        ));
    } else {
        out.push(para(
            l.with_counts("report-published-text", &[("count", published)]),
        ));
        let rows = report
            .by_channel
            .iter()
            .enumerate()
            .map(|(i, (channel, count))| {
                vec![json!((i + 1).to_string()), json!(channel), json!(n(*count))]
            })
            .collect();
        out.push(table(
            l,
            &[
                ("report-col-no", "12mm", "center"),
                ("report-col-channel", "1fr", "left"),
                ("report-col-count", "32mm", "center"),
            ],
            rows,
            None,
        ));
    }

    // 2. Topics.
    out.push(subheading(l.get("report-topics-title")));
    if report.by_topic.is_empty() {
        out.push(para(l.get("report-topics-none")));
    } else {
        let mut topics: Vec<(&String, &u32)> = report.by_topic.iter().collect();
        // Most posts first; ties by name, so the order is stable.
        topics.sort_by(|a, b| b.1.cmp(a.1).then_with(|| l.topic(a.0).cmp(&l.topic(b.0))));
        let rows = topics
            .iter()
            .enumerate()
            .map(|(i, (topic, count))| {
                vec![
                    json!((i + 1).to_string()),
                    json!(l.topic(topic)),
                    json!(n(**count)),
                ]
            })
            .collect();
        out.push(table(
            l,
            &[
                ("report-col-no", "12mm", "center"),
                ("report-col-topic", "1fr", "left"),
                ("report-col-count", "32mm", "center"),
            ],
            rows,
            Some(vec![
                String::new(),
                l.get("report-total"),
                n(report.published),
            ]),
        ));
    }

    // 3. Recurring sections.
    out.push(subheading(l.get("report-series-title")));
    if report.by_series.is_empty() {
        out.push(para(l.get("report-series-none")));
    } else {
        let rows = report
            .by_series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    json!((i + 1).to_string()),
                    json!(s.name),
                    json!(n(s.planned)),
                    json!(n(s.published)),
                    json!(n(s.on_time)),
                ]
            })
            .collect();
        out.push(table(
            l,
            &[
                ("report-col-no", "12mm", "center"),
                ("report-col-series", "1fr", "left"),
                ("report-col-planned", "22mm", "center"),
                ("report-col-published", "22mm", "center"),
                ("report-col-on-time", "22mm", "center"),
            ],
            rows,
            None,
        ));
    }

    // 4. Media.
    out.push(subheading(l.get("report-media-title")));
    out.push(para(l.with_counts(
        "report-media-text",
        &[
            ("photos", i64::from(report.photos)),
            ("videos", i64::from(report.videos)),
            ("infographics", i64::from(report.infographics)),
        ],
    )));

    // 5. Alerts.
    out.push(subheading(l.get("report-alerts-title")));
    if report.alerts.is_empty() {
        out.push(para(l.get("report-alerts-none")));
    } else {
        let known: Vec<i64> = report
            .alerts
            .iter()
            .filter_map(|a| a.minutes_to_publish)
            .collect();
        let count = report.alerts.len() as i64;
        out.push(para(if known.is_empty() {
            l.with_counts("report-alerts-text-unknown", &[("count", count)])
        } else {
            let sum: i64 = known.iter().sum();
            let average = (sum as f64 / known.len() as f64).round() as i64;
            l.with_counts(
                "report-alerts-text",
                &[("count", count), ("minutes", average)],
            )
        }));
        let rows = report
            .alerts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    json!((i + 1).to_string()),
                    json!(a.title),
                    json!(l.time_of(&a.published_at)),
                    json!(
                        a.minutes_to_publish
                            .map_or_else(|| l.get("report-unknown"), |m| l.number(m))
                    ),
                ]
            })
            .collect();
        out.push(table(
            l,
            &[
                ("report-col-no", "12mm", "center"),
                ("report-col-title", "1fr", "left"),
                ("report-col-published-at", "36mm", "center"),
                ("report-col-minutes", "28mm", "center"),
            ],
            rows,
            None,
        ));
    }

    // 6. Reach.
    out.push(subheading(l.get("report-reach-title")));
    match &report.reach.read_at {
        Some(at) => out.push(para(
            l.with("report-reach-read", &[("time", l.time_of(at))]),
        )),
        None => out.push(para(l.get("report-reach-never"))),
    }
    let rows = report
        .reach
        .ordered()
        .into_iter()
        .enumerate()
        .map(|(i, (metric, value))| {
            vec![
                json!((i + 1).to_string()),
                json!(l.metric(metric)),
                json!(value.map_or_else(|| l.get("report-not-available"), |v| l.number(v))),
            ]
        })
        .collect();
    out.push(table(
        l,
        &[
            ("report-col-no", "12mm", "center"),
            ("report-col-metric", "1fr", "left"),
            ("report-col-value", "40mm", "right"),
        ],
        rows,
        None,
    ));
    // Zalo OA and the website give Loa no reach figures: the report says so rather than
    // leaving the reader to think they were zero.
    out.push(para(l.get("report-reach-other-channels")));

    // 7. The chart.
    let by_week = report.weekly.len() <= MAX_WEEK_BARS;
    out.push(subheading(l.get(if by_week {
        "report-chart-title-weeks"
    } else {
        "report-chart-title-months"
    })));
    out.push(chart(report, l, period, by_week));

    // II. What is left to do.
    out.push(heading(l.get("report-section-issues")));
    if report.pending == 0 && report.failed == 0 && report.unconfirmed == 0 {
        out.push(para(l.get("report-issues-none")));
    } else {
        out.push(para(l.with_counts(
            "report-issues-text",
            &[
                ("pending", i64::from(report.pending)),
                ("failed", i64::from(report.failed)),
            ],
        )));
        if report.unconfirmed > 0 {
            out.push(para(l.with_counts(
                "report-issues-unconfirmed",
                &[("count", i64::from(report.unconfirmed))],
            )));
        }
    }

    // III. Every post.
    out.push(heading(l.get("report-section-posts")));
    if report.posts.is_empty() {
        out.push(para(l.get("report-posts-none")));
    } else {
        let rows = report
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    json!((i + 1).to_string()),
                    json!(l.day_of(&p.published_at)),
                    json!({"text": p.title, "sub": p.links}),
                    json!(p.channels.join(", ")),
                ]
            })
            .collect();
        let mut posts = table(
            l,
            &[
                ("report-col-no", "12mm", "center"),
                ("report-col-date", "27mm", "center"),
                ("report-col-title", "1fr", "left"),
                ("report-col-channels", "36mm", "left"),
            ],
            rows,
            None,
        );
        // The list runs over as many pages as it needs.
        posts["breakable"] = json!(true);
        out.push(posts);
    }
    out
}

fn chart(report: &Report, l: &Labels, period: &Period, by_week: bool) -> Value {
    let buckets = if by_week {
        &report.weekly
    } else {
        &report.monthly
    };
    let one_year = period.from().year() == period.to().year();
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| {
            let from = Period::parse_date(&b.from);
            let to = Period::parse_date(&b.to);
            match (from, to) {
                (Ok(f), Ok(t)) if by_week => {
                    format!(
                        "{:02}/{:02}–{:02}/{:02}",
                        f.day(),
                        f.month(),
                        t.day(),
                        t.month()
                    )
                }
                (Ok(f), _) if one_year => l.month_short(f.month()),
                (Ok(f), _) => format!("{}/{}", l.month_short(f.month()), f.year() % 100),
                _ => b.from.clone(),
            }
        })
        .collect();
    // Channels that published nothing in the period would only add an empty legend entry.
    let series: Vec<Value> = report
        .by_channel
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(channel, _)| {
            json!({
                "name": channel,
                "values": buckets
                    .iter()
                    .map(|b| b.by_channel.get(channel).copied().unwrap_or(0))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "kind": "chart",
        "labels": labels,
        "series": series,
        "totals": buckets.iter().map(|b| b.total).collect::<Vec<_>>(),
    })
}

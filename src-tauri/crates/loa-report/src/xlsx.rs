//! The report as an XLSX workbook (rust_xlsxwriter): a summary sheet with every figure, the list
//! of published posts, and the posts per week per channel. Counts are numbers and dates are
//! dates, so an officer can add, sort and chart them in Excel or LibreOffice.

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use crate::labels::Labels;
use crate::letterhead::Letterhead;
use crate::report::Report;
use crate::{Lang, ReportError};

/// Column widths (characters).
const LABEL_WIDTH: f64 = 58.0;
const VALUE_WIDTH: f64 = 16.0;

/// The workbook, as bytes.
pub fn xlsx(report: &Report, letterhead: &Letterhead, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let l = Labels::new(lang);
    let period = report.period.period()?;
    let mut wb = Workbook::new();
    let title = l.get("report-xlsx-title");
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&title)
            .set_author(letterhead.agency_lines(&l).join(" ")),
    );
    let f = Formats::new();

    // Summary.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&l.get("report-sheet-summary")))?;
    ws.set_column_width(0, LABEL_WIDTH)?;
    for c in 1..=3 {
        ws.set_column_width(c, VALUE_WIDTH)?;
    }
    let mut row: u32 = 0;
    ws.write_string_with_format(row, 0, &title, &f.title)?;
    row += 1;
    ws.write_string(row, 0, letterhead.agency_lines(&l).join(" "))?;
    row += 2;
    let period_text = format!(
        "{} ({} – {})",
        l.period(&period),
        l.date(period.from()),
        l.date(period.to())
    );
    ws.write_string_with_format(row, 0, l.get("report-xlsx-period"), &f.bold)?;
    ws.write_string(row, 1, &period_text)?;
    row += 1;
    ws.write_string_with_format(row, 0, l.get("report-xlsx-generated"), &f.bold)?;
    ws.write_string(row, 1, l.time_of(&report.generated_at))?;
    row += 2;

    let count = |ws: &mut Worksheet, row: &mut u32, id: &str, v: u32| -> Result<(), ReportError> {
        ws.write_string(*row, 0, l.get(id))?;
        ws.write_number_with_format(*row, 1, f64::from(v), &f.count)?;
        *row += 1;
        Ok(())
    };
    count(ws, &mut row, "report-xlsx-published", report.published)?;
    row += 1;

    ws.write_string_with_format(row, 0, l.get("report-xlsx-by-channel"), &f.section)?;
    row += 1;
    for (channel, n) in &report.by_channel {
        ws.write_string_with_format(row, 0, channel, &f.indent)?;
        ws.write_number_with_format(row, 1, f64::from(*n), &f.count)?;
        row += 1;
    }
    row += 1;

    ws.write_string_with_format(row, 0, l.get("report-xlsx-by-topic"), &f.section)?;
    row += 1;
    for (topic, n) in &report.by_topic {
        ws.write_string_with_format(row, 0, l.topic(topic), &f.indent)?;
        ws.write_number_with_format(row, 1, f64::from(*n), &f.count)?;
        row += 1;
    }
    row += 1;

    ws.write_string_with_format(row, 0, l.get("report-xlsx-by-series"), &f.section)?;
    row += 1;
    for s in &report.by_series {
        ws.write_string_with_format(row, 0, &s.name, &f.indent)?;
        ws.write_number_with_format(row, 1, f64::from(s.planned), &f.count)?;
        ws.write_number_with_format(row, 2, f64::from(s.published), &f.count)?;
        ws.write_number_with_format(row, 3, f64::from(s.on_time), &f.count)?;
        row += 1;
    }
    row += 1;

    count(ws, &mut row, "report-xlsx-photos", report.photos)?;
    count(ws, &mut row, "report-xlsx-videos", report.videos)?;
    count(
        ws,
        &mut row,
        "report-xlsx-infographics",
        report.infographics,
    )?;
    count(
        ws,
        &mut row,
        "report-xlsx-alerts",
        report.alerts.len() as u32,
    )?;
    let minutes: Vec<i64> = report
        .alerts
        .iter()
        .filter_map(|a| a.minutes_to_publish)
        .collect();
    ws.write_string(row, 0, l.get("report-xlsx-alert-minutes"))?;
    if minutes.is_empty() {
        ws.write_string(row, 1, l.get("report-not-available"))?;
    } else {
        let avg = minutes.iter().sum::<i64>() as f64 / minutes.len() as f64;
        ws.write_number_with_format(row, 1, avg.round(), &f.count)?;
    }
    row += 1;
    count(ws, &mut row, "report-xlsx-pending", report.pending)?;
    count(ws, &mut row, "report-xlsx-failed", report.failed)?;
    count(ws, &mut row, "report-xlsx-unconfirmed", report.unconfirmed)?;
    row += 1;

    ws.write_string_with_format(row, 0, l.get("report-xlsx-reach"), &f.section)?;
    row += 1;
    for (metric, value) in report.reach.ordered() {
        ws.write_string_with_format(row, 0, l.metric(metric), &f.indent)?;
        match value {
            Some(v) => ws.write_number_with_format(row, 1, v as f64, &f.count)?,
            None => ws.write_string(row, 1, l.get("report-not-available"))?,
        };
        row += 1;
    }
    ws.write_string_with_format(row, 0, l.get("report-xlsx-reach-read"), &f.indent)?;
    match &report.reach.read_at {
        Some(at) => ws.write_string(row, 1, l.time_of(at))?,
        None => ws.write_string(row, 1, l.get("report-not-available"))?,
    };

    // Posts.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&l.get("report-sheet-posts")))?;
    let headers = [
        ("report-col-no", 6.0),
        ("report-col-published-at", 18.0),
        ("report-col-title", 60.0),
        ("report-col-topic", 28.0),
        ("report-col-channels", 28.0),
        ("report-col-links", 48.0),
    ];
    for (c, (id, width)) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, l.get(id), &f.header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, p) in report.posts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64)?;
        match excel_time(&p.published_at) {
            Some(t) => ws.write_datetime_with_format(r, 1, &t, &f.datetime)?,
            None => ws.write_string(r, 1, &p.published_at)?,
        };
        ws.write_string(r, 2, &p.title)?;
        ws.write_string(r, 3, l.topic(&p.topic))?;
        ws.write_string(r, 4, p.channels.join(", "))?;
        for (k, link) in p.links.iter().enumerate() {
            let c = 5 + k as u16;
            // A URL Excel refuses (too long, odd scheme) is kept as text, never lost.
            if ws.write_url(r, c, link.as_str()).is_err() {
                ws.write_string(r, c, link)?;
            }
        }
    }

    // Weeks.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&l.get("report-sheet-weeks")))?;
    ws.write_string_with_format(0, 0, l.get("report-col-week"), &f.header)?;
    ws.set_column_width(0, 26.0)?;
    let channels: Vec<&String> = report.by_channel.keys().collect();
    for (k, c) in channels.iter().enumerate() {
        ws.write_string_with_format(0, 1 + k as u16, *c, &f.header)?;
        ws.set_column_width(1 + k as u16, 16.0)?;
    }
    let total_col = 1 + channels.len() as u16;
    ws.write_string_with_format(0, total_col, l.get("report-col-total"), &f.header)?;
    for (i, w) in report.weekly.iter().enumerate() {
        let r = i as u32 + 1;
        let from = crate::period::Period::parse_date(&w.from).map(|d| l.date(d));
        let to = crate::period::Period::parse_date(&w.to).map(|d| l.date(d));
        let span = match (from, to) {
            (Ok(a), Ok(b)) => format!("{a} – {b}"),
            _ => format!("{} – {}", w.from, w.to),
        };
        ws.write_string(r, 0, span)?;
        for (k, c) in channels.iter().enumerate() {
            let n = w.by_channel.get(*c).copied().unwrap_or(0);
            ws.write_number(r, 1 + k as u16, f64::from(n))?;
        }
        ws.write_number(r, total_col, f64::from(w.total))?;
    }

    Ok(wb.save_to_buffer()?)
}

struct Formats {
    title: Format,
    bold: Format,
    section: Format,
    indent: Format,
    count: Format,
    header: Format,
    datetime: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            section: Format::new().set_bold().set_background_color(0xE5E7EB),
            indent: Format::new().set_indent(1),
            count: Format::new().set_num_format("#,##0"),
            header: Format::new()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(0xE5E7EB)
                .set_border(rust_xlsxwriter::FormatBorder::Thin),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        }
    }
}

/// Excel forbids `[]:*?/\` in sheet names and cuts them at 31 characters.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

/// A report time (RFC 3339, Vietnam offset) as an Excel date-time in Vietnam's wall clock.
fn excel_time(rfc3339: &str) -> Option<ExcelDateTime> {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .ok()?
        .with_timezone(&crate::period::vietnam());
    ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
        .ok()?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)
        .ok()
}

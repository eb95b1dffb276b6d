//! The week plan drawn by loa-render from `assets/plans/week.typ`: one landscape page at the
//! size Zalo shows well, nothing cut, the colours where a reader looks for them.
//!
//! `LOA_SAVE_PLAN=DIR cargo test -p loa-calendar --test week_render` writes the PNGs and PDF to
//! DIR for a person to look at.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{Ftl, d, quai_to_week};
use loa_calendar::week_plan::{DATA_PATH, LAYOUT, LIB_PATH, WeekPlan};
use loa_calendar::{EntryKind, WeekPlanOptions, calendar, week_plan};
use loa_render::{Document, Format, RenderOptions, Renderer};

const LIB: &str = include_str!("../../../../assets/templates/lib.typ");

fn document(plan: &WeekPlan) -> Document {
    Document {
        main: LAYOUT.to_owned(),
        files: BTreeMap::from([
            (LIB_PATH.to_owned(), LIB.as_bytes().to_vec()),
            (DATA_PATH.to_owned(), plan.to_json().into_bytes()),
        ]),
        ident: "loa/plan/test".into(),
    }
}

/// The one page of a week plan.
struct Page {
    bytes: Vec<u8>,
    width_px: u32,
    height_px: u32,
    warnings: Vec<String>,
}

fn render(r: &Renderer, plan: &WeekPlan, format: Format, name: &str) -> Page {
    let out = r
        .render_document(&document(plan), format, &RenderOptions::for_export())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(out.pages, 1, "{name}: a week is one page");
    let page = Page {
        bytes: out.files.into_iter().next().expect("one file"),
        width_px: out.width,
        height_px: out.height,
        warnings: out.warnings,
    };
    if let Some(dir) = std::env::var_os("LOA_SAVE_PLAN") {
        let path = PathBuf::from(dir).join(format!("{name}.{}", format.as_str()));
        std::fs::write(&path, &page.bytes).expect("write the render");
    }
    page
}

/// A PNG as RGBA rows.
struct Png {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

impl Png {
    fn decode(bytes: &[u8]) -> Png {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().expect("a PNG");
        let mut rgba = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut rgba).expect("a frame");
        rgba.truncate(info.buffer_size());
        Png {
            width: info.width,
            height: info.height,
            rgba,
        }
    }

    fn rgb(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }

    /// Pixels of exactly this colour in the rectangle.
    fn count(&self, colour: [u8; 3], x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| self.rgb(x, y) == colour)
            .count()
    }
}

fn hex(s: &str) -> [u8; 3] {
    let v = u32::from_str_radix(s.trim_start_matches('#'), 16).expect("hex");
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

#[test]
fn the_week_plan_is_one_clean_landscape_page() {
    let r = Renderer::new();
    let vi = Ftl::new("vi");
    let options = WeekPlanOptions {
        issuer: Some("UBND xã Quài Tở"),
        today: None,
    };
    let plan = week_plan(d(2025, 9, 1), &quai_to_week(&vi), &vi, &options).expect("valid");
    let out = render(&r, &plan, Format::Png, "week-vi");
    assert_eq!((out.width_px, out.height_px), (1684, 1190));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let img = Png::decode(&out.bytes);
    let (w, h) = (img.width, img.height);
    // The navy header band across the top, the red stripe under it.
    assert_eq!(img.rgb(4, 4), hex("#1E3A8A"));
    assert!(
        img.count(hex("#C8102E"), 0, 0, w, h / 6) > w as usize,
        "the stripe"
    );
    // Seven day heads in navy (weekdays) and dark navy (weekend) below the header.
    let heads_y = (h as f64 * 0.16) as u32;
    let navy = (0..w)
        .filter(|&x| img.rgb(x, heads_y) == hex("#1E3A8A"))
        .count();
    let dark = (0..w)
        .filter(|&x| img.rgb(x, heads_y) == hex("#172554"))
        .count();
    assert!(navy > dark && dark > 200, "navy {navy}, weekend {dark}");
    // Red for the day off (Quốc khánh banner), the red of the empty chip, the green of a
    // published one, the section's colour bars.
    let body = (0, h / 5, w, h * 9 / 10);
    let in_body = |c: &str| img.count(hex(c), body.0, body.1, body.2, body.3);
    assert!(in_body("#FEE2E2") > 300, "an empty slot shows in red");
    assert!(in_body("#DCFCE7") > 300, "a published one in green");
    assert!(
        in_body("#C8102E") > 1000,
        "the holiday banner and the section bar"
    );
    assert!(in_body("#1D4ED8") > 100, "the second section's bar");

    let pdf = render(&r, &plan, Format::Pdf, "week-vi");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!((pdf.width_px, pdf.height_px), (842, 595));
}

#[test]
fn english_and_an_empty_week_render_too() {
    let r = Renderer::new();
    let en = Ftl::new("en");
    let plan = week_plan(
        d(2025, 9, 1),
        &quai_to_week(&en),
        &en,
        &WeekPlanOptions::default(),
    )
    .expect("valid");
    let out = render(&r, &plan, Format::Png, "week-en");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    // Tết 2026 without any post: the holidays and seven "nothing planned" columns.
    let vi = Ftl::new("vi");
    let tet = calendar(d(2026, 2, 16), d(2026, 2, 22), &[], &[], &[], &vi).expect("valid");
    let names: Vec<&str> = tet.iter().filter_map(|e| e.name.as_deref()).collect();
    assert_eq!(
        names,
        ["Giao thừa", "Tết Nguyên đán", "Mùng 2 Tết", "Mùng 3 Tết"]
    );
    let plan = week_plan(d(2026, 2, 16), &tet, &vi, &WeekPlanOptions::default()).expect("valid");
    let out = render(&r, &plan, Format::Png, "week-tet");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let img = Png::decode(&out.bytes);
    let (w, h) = (img.width, img.height);
    // Four red day-off banners, in the first four columns only.
    let red = |x0, x1| img.count(hex("#C8102E"), x0, h / 5, x1, h * 9 / 10);
    assert!(red(0, w * 4 / 7) > 4 * 1500, "{}", red(0, w * 4 / 7));
    assert_eq!(red(w * 4 / 7 + 10, w), 0);
}

#[test]
fn a_crowded_week_with_hostile_text_stays_on_the_page() {
    let r = Renderer::new();
    let vi = Ftl::new("vi");
    let mut entries = quai_to_week(&vi);
    let template = entries
        .iter()
        .find(|e| e.kind == EntryKind::Occurrence && e.episode == Some(12))
        .cloned()
        .expect("episode 12");
    let long_word = "Đ".repeat(120);
    for day in 1..=7 {
        for i in 0..12 {
            let mut e = template.clone();
            e.date = d(2025, 9, day);
            e.series_name = Some(format!(
                "Chuyên mục rất dài số {i} về tuyên truyền phòng chống lừa đảo qua mạng {long_word}"
            ));
            e.title = Some("*[#$] ".repeat(30));
            e.episode = Some(9000 + i);
            entries.push(e);
        }
    }
    let plan = week_plan(
        d(2025, 9, 1),
        &entries,
        &vi,
        &WeekPlanOptions {
            issuer: Some(&"Ủy ban nhân dân xã ".repeat(20)),
            today: Some(d(2025, 9, 2)),
        },
    )
    .expect("valid");
    let out = render(&r, &plan, Format::Png, "week-crowded");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!((out.width_px, out.height_px), (1684, 1190));
}

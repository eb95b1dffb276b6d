//! Hostile layouts and hostile field values, on the renderer's own test pack: the Typst world
//! reads nothing outside the pack, field values are data and never code, and long text stays on
//! one page inside the margins.

mod common;

use common::{Image, RENDERER, fixture, fixture_with_layout, raw};
use loa_render::{Format, RenderError, TEXT_CUT_WARNING};
use loa_templates::{Lang, Size, TemplateError};
use serde_json::json;

fn render_layout(layout: &str) -> Result<loa_render::Rendered, RenderError> {
    RENDERER.render(
        &fixture_with_layout(layout),
        "notice",
        &raw(json!({"title": "x"})),
        Lang::Vi,
        Size::Portrait,
        Format::Png,
    )
}

#[test]
fn a_layout_cannot_read_outside_its_pack() {
    for layout in [
        "#read(\"/etc/passwd\")",
        "#read(\"../../x\")",
        "#read(\"../../../../../../../../etc/passwd\")",
        "#read(\"/notice/../../etc/passwd\")",
        "#image(\"/etc/hostname\")",
        "#json(\"/proc/self/environ\")",
        "#read(\"/.inputs/photo.jpg\")",
        "#read(\"C:\\\\Windows\\\\win.ini\")",
    ] {
        match render_layout(layout) {
            Err(RenderError::Typst { message, .. }) => {
                assert!(
                    !message.contains("root:") && !message.contains("PATH="),
                    "{layout}: {message}"
                );
            }
            other => panic!("{layout} must fail, got {other:?}"),
        }
    }
}

#[test]
fn the_packs_own_files_can_be_read() {
    let r = render_layout(
        "#set page(width: 540pt, height: 675pt)\n\
         #let s = read(\"/lib.typ\")\n#assert(s.contains(\"fit\"))\n#read(\"../lib.typ\").len()",
    );
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn packages_are_not_available() {
    match render_layout("#import \"@preview/cetz:0.3.4\": canvas\n") {
        Err(RenderError::Typst { message, .. }) => {
            assert!(message.contains("packages are not available"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn there_is_no_clock() {
    assert!(matches!(
        render_layout("#datetime.today().display()"),
        Err(RenderError::Typst { .. })
    ));
}

#[test]
fn field_values_are_data_never_code() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "]",
        "[",
        "$x^2$",
        "*bold* _it_ `raw`",
        "#{ panic(\"boom\") }",
        "= Heading\n- list",
        "@label <label>",
        "\\",
        "// comment /* open",
        "\"quoted\" 'single'",
        "<script>alert(1)</script>",
        "#set page(width: 1pt)",
    ];
    for value in hostile {
        // The layout sees the exact string (with the non-breaking spaces that keep groups whole) …
        let expected = loa_templates::typography::keep_together(&loa_templates::data::clean_text(
            value, false,
        ));
        let probe = format!(
            "#set page(width: 540pt, height: 675pt)\n\
             #let d = json(bytes(sys.inputs.data))\n#assert.eq(d.f.title, {})\n#d.f.title\n",
            serde_json::to_string(&expected).expect("json string")
        );
        RENDERER
            .render(
                &fixture_with_layout(&probe),
                "notice",
                &raw(json!({ "title": value })),
                Lang::Vi,
                Size::Portrait,
                Format::Png,
            )
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
        // … and the real layout draws it as text, on one page.
        let r = RENDERER
            .render(
                &fixture(),
                "notice",
                &raw(json!({ "title": value, "body": value, "items": [value], "rows": [[value, value]] })),
                Lang::Vi,
                Size::Portrait,
                Format::Png,
            )
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
        assert!(
            Image::decode(&r.bytes).ink(0, 0, 1080, 1350) > 100,
            "{value:?}"
        );
    }
}

fn vietnamese(chars: usize) -> String {
    let words = "Thông báo về việc tổ chức tiêm chủng mở rộng cho trẻ em dưới năm tuổi tại \
                 trạm y tế xã Nậm Cang, đề nghị bà con đưa trẻ đến đúng giờ và mang theo sổ";
    words.chars().cycle().take(chars).collect()
}

fn assert_fits(value: &str, size: Size) {
    let r = RENDERER
        .render(
            &fixture(),
            "notice",
            &raw(json!({ "title": value })),
            Lang::Vi,
            size,
            Format::Png,
        )
        .unwrap_or_else(|e| panic!("{size}: {e}"));
    assert!(
        !r.warnings.iter().any(|w| w.starts_with(TEXT_CUT_WARNING)),
        "{size}: {:?}",
        r.warnings
    );
    let img = Image::decode(&r.bytes);
    assert_eq!(
        img.ink_on_border(0.01),
        0,
        "{size}: ink touches the outer 1%"
    );
    assert!(
        img.ink(0, 0, img.width, img.height) > 1000,
        "{size}: the text is drawn"
    );
}

#[test]
fn a_ten_thousand_character_title_shrinks_onto_one_page() {
    for size in [Size::Portrait, Size::Landscape] {
        assert_fits(&vietnamese(10_000), size);
    }
}

#[test]
fn a_ten_thousand_character_word_breaks_and_fits() {
    assert_fits(&"Nghiêng".repeat(1430), Size::Square);
}

#[test]
fn long_lists_and_tables_fit() {
    let items: Vec<String> = (1..=40)
        .map(|i| format!("Thôn số {i}: {}", vietnamese(30)))
        .collect();
    let rows: Vec<Vec<String>> = (1..=40)
        .map(|i| vec![format!("Thứ {i}"), vietnamese(40)])
        .collect();
    let r = RENDERER
        .render(
            &fixture(),
            "notice",
            &raw(json!({"title": "Lịch", "items": items, "rows": rows})),
            Lang::Vi,
            Size::Landscape,
            Format::Png,
        )
        .expect("renders");
    assert!(
        !r.warnings.iter().any(|w| w.starts_with(TEXT_CUT_WARNING)),
        "{:?}",
        r.warnings
    );
    assert_eq!(Image::decode(&r.bytes).ink_on_border(0.01), 0);
}

#[test]
fn text_cut_off_by_a_layout_is_reported() {
    let layout = "#set page(width: 200pt, height: 100pt, margin: 0pt)\n\
                  #place(dx: 150pt, text(size: 30pt)[Cắt mất chữ])\n";
    let r = render_layout(layout).expect("renders");
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with(TEXT_CUT_WARNING) && w.contains("Cắt")),
        "{:?}",
        r.warnings
    );
    let layout = "#set page(width: 200pt, height: 100pt, margin: 0pt)\n\
                  #box(width: 60pt, height: 20pt, clip: true, text(size: 30pt)[Trong hộp nhỏ])\n";
    let r = render_layout(layout).expect("renders");
    assert!(
        r.warnings.iter().any(|w| w.starts_with(TEXT_CUT_WARNING)),
        "{:?}",
        r.warnings
    );
}

#[test]
fn image_path_tricks_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "not a photo").expect("write");
    for path in [
        "../../etc/passwd",
        "/etc/passwd",
        ".",
        "notes.txt",
        "missing.png",
        "/dev/zero",
    ] {
        let data = raw(json!({"title": "x", "photo": path})).with_base_dir(dir.path());
        match RENDERER.render(
            &fixture(),
            "notice",
            &data,
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        ) {
            Err(RenderError::Template(e)) => {
                assert_eq!(e.field_key(), Some("photo"), "{path}: {e:?}");
                assert!(
                    matches!(
                        e,
                        TemplateError::ImageNotFound { .. }
                            | TemplateError::ImageNotAFile { .. }
                            | TemplateError::ImageNotAnImage { .. }
                            | TemplateError::ImageTooLarge { .. }
                    ),
                    "{path}: {e:?}"
                );
            }
            other => panic!("{path}: {other:?}"),
        }
    }
}

//! The renderer on its own small pack: sizes, formats, data reaching the layout, errors.

mod common;

use common::{Image, RENDERER, fixture, fixture_with_layout, raw};
use loa_render::{Format, RenderError};
use loa_templates::{Lang, Size, TemplateError};
use serde_json::json;

#[test]
fn every_size_renders_at_its_pixel_size() {
    let pack = fixture();
    let data = raw(json!({"title": "Thông báo lịch tiếp công dân"}));
    for (size, w, h) in [
        (Size::Portrait, 1080, 1350),
        (Size::Square, 1080, 1080),
        (Size::Landscape, 1200, 630),
        (Size::A4, 1191, 1684),
        (Size::A3, 1684, 2381),
    ] {
        let r = RENDERER
            .render(&pack, "notice", &data, Lang::Vi, size, Format::Png)
            .unwrap_or_else(|e| panic!("{size}: {e}"));
        assert_eq!((r.width_px, r.height_px), (w, h), "{size}");
        let img = Image::decode(&r.bytes);
        assert_eq!((img.width, img.height), (w, h));
        assert!(img.ink(0, 0, w, h) > 500, "{size}: something is drawn");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }
}

#[test]
fn pdf_pages_have_the_print_size() {
    let pack = fixture();
    let data = raw(json!({"title": "Lịch tiêm chủng"}));
    for (size, w, h) in [(Size::A4, 595, 842), (Size::A3, 842, 1191)] {
        let r = RENDERER
            .render(&pack, "notice", &data, Lang::Vi, size, Format::Pdf)
            .expect("renders");
        assert!(r.bytes.starts_with(b"%PDF-"));
        assert_eq!((r.width_px, r.height_px), (w, h));
    }
}

#[test]
fn the_caption_comes_with_the_render() {
    let data = raw(json!({"title": "Họp dân", "items": ["Thôn 1", "Thôn 2"]}));
    let r = RENDERER
        .render(
            &fixture(),
            "notice",
            &data,
            Lang::Vi,
            Size::Square,
            Format::Png,
        )
        .expect("renders");
    assert_eq!(r.caption, "📢 Họp dân\n• Thôn 1\n• Thôn 2");
}

#[test]
fn a_missing_required_field_is_named_not_a_blank_image() {
    let err = RENDERER
        .render(
            &fixture(),
            "notice",
            &raw(json!({"body": "x"})),
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect_err("title is required");
    assert_eq!(err.field_key(), Some("title"));
    assert!(matches!(
        err,
        RenderError::Template(TemplateError::MissingField { .. })
    ));
    assert_eq!(err.message_id(), "template-error-missing-field");
}

#[test]
fn a_typst_error_says_where() {
    let pack =
        fixture_with_layout("#import \"../lib.typ\": *\n#let d = load()\n\n#(d.f.title + 1)\n");
    match RENDERER.render(
        &pack,
        "notice",
        &raw(json!({"title": "x"})),
        Lang::Vi,
        Size::Portrait,
        Format::Png,
    ) {
        Err(RenderError::Typst {
            message,
            file,
            line,
        }) => {
            assert!(message.contains("cannot add"), "{message}");
            assert_eq!(file.as_deref(), Some("notice/layout.typ"));
            assert_eq!(line, Some(4));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_syntax_error_is_a_typst_error() {
    let pack = fixture_with_layout("#let x = (\n");
    let err = RENDERER
        .render(
            &pack,
            "notice",
            &raw(json!({"title": "x"})),
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect_err("does not parse");
    assert_eq!(err.code(), "typst");
    assert_eq!(err.message_id(), "render-error-typst");
}

#[test]
fn more_than_one_page_is_refused() {
    let pack = fixture_with_layout("A\n#pagebreak()\nB\n");
    assert!(matches!(
        RENDERER.render(
            &pack,
            "notice",
            &raw(json!({"title": "x"})),
            Lang::Vi,
            Size::Portrait,
            Format::Png
        ),
        Err(RenderError::TooManyPages { pages: 2 })
    ));
}

#[test]
fn the_layout_sees_the_language_and_the_labels() {
    let probe = "#set page(width: 600pt, height: 315pt)\n\
                 #let d = json(bytes(sys.inputs.data))\n\
                 #assert.eq(d.lang, \"en\")\n\
                 #assert.eq(d.text.at(\"label-heading\"), \"NOTICE\")\n\
                 #assert.eq(d.f.when.display, \"Tuesday, 29 July\\u{a0}2025\")\n\
                 #assert.eq(d.f.level.label, \"Level 2\")\n\
                 #assert.eq(d.f.body, none)\n\
                 #assert.eq(d.size.kind, \"landscape\")\n\
                 ok\n";
    let pack = fixture_with_layout(probe);
    let data = raw(json!({"title": "x", "when": "2025-07-29", "level": "2"}));
    RENDERER
        .render(
            &pack,
            "notice",
            &data,
            Lang::En,
            Size::Landscape,
            Format::Png,
        )
        .expect("every assertion in the layout holds");
}

#[test]
fn photos_and_qr_codes_are_drawn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut px = Vec::new();
    for _ in 0..(64 * 64) {
        px.extend_from_slice(&[220, 20, 20]);
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 64, 64);
        enc.set_color(png::ColorType::Rgb);
        let mut w = enc.write_header().expect("header");
        w.write_image_data(&px).expect("data");
    }
    std::fs::write(dir.path().join("red.png"), &png).expect("write");
    let data =
        raw(json!({"title": "Ảnh", "photo": "red.png", "link": "https://dichvucong.gov.vn"}))
            .with_base_dir(dir.path());
    let r = RENDERER
        .render(
            &fixture(),
            "notice",
            &data,
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect("renders");
    let img = Image::decode(&r.bytes);
    let red = (0..img.height)
        .flat_map(|y| (0..img.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let [r, g, b] = img.rgb(x, y);
            r > 200 && g < 60 && b < 60
        })
        .count();
    assert!(red > 10_000, "the photo is drawn ({red} red pixels)");
}

// How much faster warm renders are is measured in benchmarks/templates.md, not here: a timed
// comparison on a shared machine fails by chance. What a test can hold is that the caches kept
// between renders never hand back an earlier render's text.
#[test]
fn a_warm_render_draws_the_new_data_not_the_cached_one() {
    let render = |renderer: &loa_render::Renderer, title: &str| {
        renderer
            .render(
                &fixture(),
                "notice",
                &raw(json!({ "title": title })),
                Lang::Vi,
                Size::Portrait,
                Format::Png,
            )
            .expect("renders")
            .bytes
    };
    let warm = loa_render::Renderer::new();
    let first = render(&warm, "Lần đầu");
    let second = render(&warm, "Lần thứ hai");
    assert_ne!(first, second, "the changed title is drawn");
    let fresh = render(&loa_render::Renderer::new(), "Lần thứ hai");
    assert_eq!(second, fresh, "a warm render equals a render from nothing");
}

#[test]
fn a_pack_reading_the_data_file_renders_the_same_as_one_reading_sys_inputs() {
    let mut files = fixture().into_files();
    let lib = String::from_utf8(files["lib.typ"].clone()).expect("UTF-8");
    assert!(lib.contains("json(bytes(sys.inputs.data))"));
    files.insert(
        "lib.typ".into(),
        lib.replace(
            "json(bytes(sys.inputs.data))",
            "json(\"/.inputs/data.json\")",
        )
        .into_bytes(),
    );
    let file_pack = loa_templates::Pack::from_files(files).expect("valid");
    let data =
        raw(json!({"title": "Lịch tiếp công dân", "items": ["Thứ Hai"], "when": "2025-07-29"}));
    let a = RENDERER
        .render(
            &fixture(),
            "notice",
            &data,
            Lang::Vi,
            Size::Square,
            Format::Png,
        )
        .expect("sys.inputs");
    let b = RENDERER
        .render(
            &file_pack,
            "notice",
            &data,
            Lang::Vi,
            Size::Square,
            Format::Png,
        )
        .expect("data file");
    assert_eq!(a.bytes, b.bytes);
    // And a new value is drawn, not an old one from the cache.
    let c = RENDERER
        .render(
            &file_pack,
            "notice",
            &raw(json!({"title": "Khác hẳn"})),
            Lang::Vi,
            Size::Square,
            Format::Png,
        )
        .expect("data file");
    assert_ne!(b.bytes, c.bytes);
}

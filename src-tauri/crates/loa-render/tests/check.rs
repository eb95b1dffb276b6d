//! Test-rendering a pack at import: the built-in pack passes; a pack with a template that
//! hangs, draws too large a page at one of its sizes, or ships a bad sample is refused with the
//! template and size named.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{fixture, fixture_with_layout};
use loa_render::{IsolatedRenderer, Limits, RenderError, WorkerCommand, check_pack};
use loa_templates::Pack;

fn renderer(wall: Duration) -> IsolatedRenderer {
    IsolatedRenderer::new(
        WorkerCommand::new(env!("CARGO_BIN_EXE_loa-render-worker")),
        Limits {
            wall,
            ..Limits::default()
        },
    )
}

#[test]
fn the_built_in_pack_passes() {
    let pack = loa_templates::builtin().expect("the built-in pack");
    let report = check_pack(&renderer(Duration::from_secs(20)), pack).expect("passes");
    assert_eq!(report.templates, pack.templates().len());
    let sizes: usize = pack.templates().iter().map(|t| t.sizes.len() + 1).sum();
    assert_eq!(report.renders, sizes);
}

#[test]
fn a_template_that_hangs_is_named() {
    let pack = fixture_with_layout("#for i in range(100000) { for j in range(100000) { } }\n");
    let e = check_pack(&renderer(Duration::from_secs(3)), &pack).expect_err("refused");
    assert_eq!(
        e,
        RenderError::PackRejected {
            template: "notice".into(),
            size: "1080x1350".into(),
            cause: Box::new(RenderError::Timeout { seconds: 3 }),
        }
    );
    assert_eq!(e.message_id(), "render-error-pack-rejected");
    assert_eq!(e.args()["cause"], "timeout");
    assert_eq!(e.args()["template"], "notice");
}

#[test]
fn every_declared_size_is_tried() {
    // Fine at every size but A3, where the page is wider than declared.
    let layout = "#import \"../lib.typ\": *\n#let d = load()\n\
                  #set page(width: if d.size.kind == \"a3\" { 9000pt } else { d.size.width * 1pt },\n\
                            height: d.size.height * 1pt)\nx\n";
    let e = check_pack(
        &renderer(Duration::from_secs(20)),
        &fixture_with_layout(layout),
    )
    .expect_err("refused at A3");
    match e {
        RenderError::PackRejected {
            template,
            size,
            cause,
        } => {
            assert_eq!((template.as_str(), size.as_str()), ("notice", "a3"));
            assert_eq!(cause.code(), "page_too_large");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bad_sample_is_a_data_problem_of_the_template() {
    let mut files = fixture().into_files();
    files.insert(
        "notice/sample.vi.json".into(),
        br#"{"title": "x", "when": "not a date"}"#.to_vec(),
    );
    let pack = Pack::from_files(files).expect("valid pack");
    let e = check_pack(&renderer(Duration::from_secs(20)), &pack).expect_err("refused");
    assert_eq!(e.args()["cause"], "data");
    assert_eq!(e.args()["key"], "when");
}

#[test]
fn sample_photos_outside_the_pack_are_not_read() {
    let mut files = fixture().into_files();
    files.insert(
        "notice/sample.vi.json".into(),
        br#"{"title": "x", "photo": "../../../../../../../etc/hostname"}"#.to_vec(),
    );
    let pack = Pack::from_files(files).expect("valid pack");
    // The photo is optional: left out, the template renders.
    check_pack(&renderer(Duration::from_secs(20)), &pack).expect("passes without the photo");
}

#[test]
fn every_render_error_has_a_message_in_both_languages() {
    for lang in ["vi", "en"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../locales")
            .join(lang)
            .join("templates.ftl");
        let src = std::fs::read_to_string(&path).expect("templates.ftl");
        for code in RenderError::CODES {
            let id = format!("render-error-{} =", code.replace('_', "-"));
            assert!(src.contains(&id), "{id} missing in {lang}");
        }
    }
}

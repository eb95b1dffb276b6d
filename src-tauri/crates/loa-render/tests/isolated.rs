//! Rendering through the worker process: the hostile layouts of the "nothing hangs or crashes"
//! report each end within the limit with one typed error, this test process lives on, and the
//! next render works.

mod common;

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use common::{Image, fixture, fixture_with_layout, raw};
use loa_render::{Format, IsolatedRenderer, Limits, RenderError, Rendered, WorkerCommand};
use loa_templates::{Lang, Size, TemplateError};
use serde_json::json;

/// Limits for tests: a debug build renders the fixture in well under a second.
fn limits() -> Limits {
    Limits {
        wall: Duration::from_secs(8),
        ..Limits::default()
    }
}

fn worker() -> WorkerCommand {
    WorkerCommand::new(env!("CARGO_BIN_EXE_loa-render-worker"))
}

/// One warm worker for the ordinary renders of this file.
static ISOLATED: LazyLock<IsolatedRenderer> =
    LazyLock::new(|| IsolatedRenderer::new(worker(), limits()));

fn render_layout(r: &IsolatedRenderer, layout: &str) -> Result<Rendered, RenderError> {
    r.render(
        &fixture_with_layout(layout),
        "notice",
        &raw(json!({"title": "x"})),
        Lang::Vi,
        Size::Portrait,
        Format::Png,
    )
}

/// Renders the fixture normally: the renderer must still work after whatever came before.
fn assert_still_renders(r: &IsolatedRenderer) {
    let ok = r
        .render(
            &fixture(),
            "notice",
            &raw(json!({"title": "Vẫn vẽ được"})),
            Lang::Vi,
            Size::Square,
            Format::Png,
        )
        .expect("a good template renders after a bad one");
    assert_eq!((ok.width_px, ok.height_px), (1080, 1080));
}

#[test]
fn the_worker_renders_like_the_renderer() {
    let r = ISOLATED
        .render(
            &fixture(),
            "notice",
            &raw(json!({"title": "Thông báo lịch tiếp công dân", "items": ["Thôn 1"]})),
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect("renders");
    assert_eq!((r.width_px, r.height_px), (1080, 1350));
    assert_eq!(r.caption, "📢 Thông báo lịch tiếp công dân\n• Thôn 1");
    let img = Image::decode(&r.bytes);
    assert!(img.ink(0, 0, 1080, 1350) > 500);
    let pdf = ISOLATED
        .render(
            &fixture(),
            "notice",
            &raw(json!({"title": "In"})),
            Lang::Vi,
            Size::A4,
            Format::Pdf,
        )
        .expect("renders");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!((pdf.width_px, pdf.height_px), (595, 842));
}

#[test]
fn data_and_layout_errors_come_back_typed_and_the_worker_stays() {
    let e = ISOLATED
        .render(
            &fixture(),
            "notice",
            &raw(json!({"body": "x"})),
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect_err("title is required");
    assert!(matches!(
        e,
        RenderError::Template(TemplateError::MissingField { .. })
    ));
    let pid = ISOLATED.worker_pid();
    match render_layout(&ISOLATED, "#let x = (\n") {
        Err(RenderError::Typst { file, line, .. }) => {
            assert_eq!(file.as_deref(), Some("notice/layout.typ"));
            assert_eq!(line, Some(1));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        render_layout(&ISOLATED, "A\n#pagebreak()\nB\n"),
        Err(RenderError::TooManyPages { pages: 2 })
    ));
    if pid.is_some() {
        assert_eq!(
            ISOLATED.worker_pid(),
            pid,
            "an ordinary error keeps the worker"
        );
    }
    assert_still_renders(&ISOLATED);
}

/// Limits for the cases stopped by memory: time enough for a debug build sharing two cores
/// with the other tests to grow to the memory limit first.
fn memory_limits() -> Limits {
    Limits {
        wall: Duration::from_secs(60),
        ..Limits::default()
    }
}

/// The cases of the report, each on a renderer of its own so they can run in parallel.
fn hostile_with(
    limits: Limits,
    layout: &str,
) -> (Result<Rendered, RenderError>, Duration, IsolatedRenderer) {
    let r = IsolatedRenderer::new(worker(), limits);
    r.warm_up().expect("the worker starts");
    let t = Instant::now();
    let result = render_layout(&r, layout);
    (result, t.elapsed(), r)
}

fn hostile(layout: &str) -> (Result<Rendered, RenderError>, Duration, IsolatedRenderer) {
    hostile_with(limits(), layout)
}

fn assert_within(limits: Limits, took: Duration) {
    // The limit, plus the time to collect the dead worker.
    assert!(took < limits.wall + Duration::from_secs(5), "took {took:?}");
}

fn assert_within_limit(took: Duration) {
    assert_within(limits(), took);
}

#[test]
fn an_endless_loop_is_stopped_at_the_limit() {
    let (result, took, r) = hostile("#for i in range(100000) { for j in range(100000) { } }\nx\n");
    assert_eq!(result.err(), Some(RenderError::Timeout { seconds: 8 }));
    assert!(took >= limits().wall, "stopped only at the limit: {took:?}");
    assert_within_limit(took);
    assert_still_renders(&r);
}

#[test]
fn a_hundred_gigabyte_string_is_stopped_by_the_memory_limit() {
    let (result, took, r) =
        hostile_with(memory_limits(), "#let s = \"x\" * 100000000000\n#s.len()\n");
    assert_eq!(
        result.err(),
        Some(RenderError::OutOfMemory { limit_mb: 1536 })
    );
    assert_within(memory_limits(), took);
    assert_still_renders(&r);
}

#[test]
fn a_two_billion_range_is_stopped_by_the_memory_limit() {
    let (result, took, r) = hostile_with(memory_limits(), "#let a = range(2000000000)\n#a.len()\n");
    assert_eq!(
        result.err(),
        Some(RenderError::OutOfMemory { limit_mb: 1536 })
    );
    assert_within(memory_limits(), took);
    assert_still_renders(&r);
}

#[test]
fn a_page_larger_than_declared_is_refused_before_drawing() {
    let (result, took, r) = hostile("#set page(width: 30000pt, height: 30000pt)\nx\n");
    assert_eq!(
        result.err(),
        Some(RenderError::PageTooLarge {
            width: 30000,
            height: 30000,
            size: "1080x1350".into()
        })
    );
    assert_within_limit(took);
    let (result, took, _) = hostile("#set page(width: 400000000pt, height: 100pt)\nx\n");
    assert_eq!(
        result.err(),
        Some(RenderError::PageTooLarge {
            width: 400_000_000,
            height: 100,
            size: "1080x1350".into()
        })
    );
    assert_within_limit(took);
    // The PDF path checks the same way.
    let e = r
        .render(
            &fixture_with_layout("#set page(width: 400000000pt, height: 100pt)\nx\n"),
            "notice",
            &raw(json!({"title": "x"})),
            Lang::Vi,
            Size::A4,
            Format::Pdf,
        )
        .expect_err("too large");
    assert_eq!(e.code(), "page_too_large");
    assert_still_renders(&r);
}

#[test]
fn two_hundred_thousand_nested_boxes_end_with_one_error() {
    let (result, took, r) = hostile("#let b = [x]\n#for i in range(200000) { b = box(b) }\n#b\n");
    // With the worker's stack, Typst reaches its own nesting limit and says so.
    match result {
        Err(RenderError::Typst { message, file, .. }) => {
            assert!(message.contains("maximum layout depth"), "{message}");
            assert_eq!(file.as_deref(), Some("notice/layout.typ"));
        }
        other => panic!("{other:?}"),
    }
    assert_within_limit(took);
    assert_still_renders(&r);
}

#[test]
fn a_stack_too_small_for_the_nesting_is_an_error_not_a_crash_of_loa() {
    let small = Limits {
        stack_mb: 8,
        ..limits()
    };
    let (result, took, r) = hostile_with(
        small,
        "#let b = [x]\n#for i in range(200000) { b = box(b) }\n#b\n",
    );
    assert_eq!(result.err(), Some(RenderError::TooDeep));
    assert_within(small, took);
    assert_still_renders(&r);
}

#[test]
fn a_worker_killed_from_outside_is_a_crash_and_is_replaced() {
    let r = IsolatedRenderer::new(worker(), limits());
    r.warm_up().expect("the worker starts");
    let pid = r.worker_pid().expect("a worker runs");
    std::thread::scope(|s| {
        let render = s.spawn(|| {
            render_layout(
                &r,
                "#for i in range(100000) { for j in range(100000) { } }\n",
            )
        });
        // Kill it while it loops (the render holds the worker until then).
        std::thread::sleep(Duration::from_millis(500));
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let e = render.join().expect("no panic").expect_err("killed");
        assert!(matches!(e, RenderError::Crashed { .. }), "{e:?}");
    });
    assert_still_renders(&r);
    assert_ne!(r.worker_pid(), Some(pid));
}

#[test]
fn a_program_that_is_not_a_worker_is_refused() {
    // `true` exits at once without saying it is ready.
    let r = IsolatedRenderer::new(WorkerCommand::new("true"), limits());
    assert!(matches!(
        r.warm_up(),
        Err(RenderError::WorkerUnavailable { .. })
    ));
    let r = IsolatedRenderer::new(WorkerCommand::new("/nonexistent/loa"), limits());
    assert!(matches!(
        r.render(
            &fixture(),
            "notice",
            &raw(json!({"title": "x"})),
            Lang::Vi,
            Size::Portrait,
            Format::Png
        ),
        Err(RenderError::WorkerUnavailable { .. })
    ));
}

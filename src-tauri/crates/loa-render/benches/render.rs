//! Render benchmark: every built-in template with its Vietnamese sample data.
//!
//! - cold: a fresh process makes a `Renderer` and renders once (fonts parsed, Typst's caches
//!   empty), 1080×1350 PNG; the bench runs itself as that child process.
//! - warm: one renderer, the same template re-rendered with a text field changed each time, as
//!   when the officer types (the live preview: fast PNG compression), 1080×1350 PNG; the same for
//!   an A4 PDF; and the stages of the PNG path (compile, rasterise, encode).
//! - warm in the worker: the same preview through `IsolatedRenderer` (data checked here, Typst in
//!   the warm `loa-render-worker` process), as the app and the CLI render.
//!
//! Prints a markdown table and writes it to benchmarks/templates.md.
//!
//!     cargo bench -p loa-render --bench render
//!
//! LOA_BENCH_RUNS sets the warm runs per template (default 30).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa_render::{
    Format, IsolatedRenderer, Limits, PngCompression, RenderOptions, Rendered, Renderer,
    WorkerCommand,
};
use loa_templates::{FieldType, Lang, Pack, RawData, Size, TemplateManifest};
use serde_json::Value;

const COLD_RUNS: usize = 3;
/// What the officer "types" in the warm runs.
const TYPED: &str = " lũ quét sạt lở đất";

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/templates")
}

fn sample(id: &str) -> RawData {
    let path = assets().join(id).join("sample.vi.json");
    RawData::from_file(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(1)
}

fn pack() -> &'static Pack {
    loa_templates::builtin().unwrap_or_else(|e| fail(&e.to_string()))
}

/// The built-in pack with its data read from `/.inputs/data.json` instead of `sys.inputs.data`
/// (the one-line change in lib.typ's loader), when that is the only use of `sys.inputs`.
fn file_data_pack() -> Option<Pack> {
    let mut files = pack().files().clone();
    for (path, bytes) in files.iter_mut() {
        if path.ends_with(".typ") {
            let text = String::from_utf8(bytes.clone()).ok()?;
            *bytes = text
                .replace(
                    "json(bytes(sys.inputs.data))",
                    "json(\"/.inputs/data.json\")",
                )
                .into_bytes();
            if String::from_utf8_lossy(bytes).contains("sys.inputs") {
                return None;
            }
        }
    }
    Pack::from_files(files).ok()
}

/// The first required single-line text field: what the officer types into.
fn typed_field(t: &TemplateManifest) -> Option<String> {
    t.fields
        .iter()
        .find(|f| f.kind == FieldType::Text && f.required)
        .or_else(|| t.fields.iter().find(|f| f.kind == FieldType::Text))
        .map(|f| f.key.clone())
}

fn render(
    r: &Renderer,
    pack: &Pack,
    id: &str,
    raw: &RawData,
    size: Size,
    format: Format,
    opts: &RenderOptions,
) -> Rendered {
    r.render_with(pack, id, raw, Lang::Vi, size, format, opts)
        .unwrap_or_else(|e| fail(&format!("{id}: {e}")))
}

/// The child process: one cold render, its time in microseconds on stdout.
fn cold_child(id: &str) {
    let raw = sample(id);
    let t = Instant::now();
    let renderer = Renderer::new();
    render(
        &renderer,
        pack(),
        id,
        &raw,
        Size::Portrait,
        Format::Png,
        &RenderOptions::default(),
    );
    println!("{}", t.elapsed().as_micros());
}

fn cold(id: &str) -> Duration {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(&e.to_string()));
    let mut best = Duration::MAX;
    for _ in 0..COLD_RUNS {
        let out = std::process::Command::new(&exe)
            .args(["--cold", id])
            .output()
            .unwrap_or_else(|e| fail(&e.to_string()));
        let us: u64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or_else(|_| fail(&String::from_utf8_lossy(&out.stderr)));
        best = best.min(Duration::from_micros(us));
    }
    best
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

struct Warm {
    total: Vec<Duration>,
    compile: Vec<Duration>,
    draw: Vec<Duration>,
    encode: Vec<Duration>,
    bytes: usize,
}

/// `runs` renders, each with the typed field changed, after one warm-up render. `render`
/// draws one form's data (in-process or through the worker).
fn warm(t: &TemplateManifest, render: &dyn Fn(&RawData) -> Rendered, runs: usize) -> Warm {
    let mut raw = sample(&t.id);
    let key = typed_field(t);
    let base = key
        .as_ref()
        .and_then(|k| raw.values.get(k))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    render(&raw);
    let mut w = Warm {
        total: Vec::new(),
        compile: Vec::new(),
        draw: Vec::new(),
        encode: Vec::new(),
        bytes: 0,
    };
    for i in 0..runs {
        if let Some(k) = &key {
            // Typing: every run the field holds text it never held before (the last words
            // retyped one character more each time), so nothing is served whole from a cache.
            let kept = base.chars().count().saturating_sub(12);
            let typed: String = base
                .chars()
                .take(kept)
                .chain(
                    TYPED
                        .chars()
                        .cycle()
                        .skip(i / TYPED.chars().count())
                        .take(i % 12 + 1),
                )
                .chain(std::iter::once(char::from(b'a' + (i % 26) as u8)))
                .collect();
            raw.set(k, Value::String(typed));
        }
        let t0 = Instant::now();
        let out = render(&raw);
        w.total.push(t0.elapsed());
        w.compile.push(out.timings.compile);
        w.draw.push(out.timings.draw);
        w.encode.push(out.timings.encode);
        w.bytes = out.bytes.len();
    }
    for v in [&mut w.total, &mut w.compile, &mut w.draw, &mut w.encode] {
        v.sort();
    }
    w
}

/// A render closure for `warm` over the in-process renderer.
fn local<'a>(
    r: &'a Renderer,
    pack: &'a Pack,
    id: &'a str,
    size: Size,
    format: Format,
    opts: &'a RenderOptions,
) -> impl Fn(&RawData) -> Rendered + 'a {
    move |raw| render(r, pack, id, raw, size, format, opts)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--cold") {
        cold_child(args.get(i + 1).map(String::as_str).unwrap_or_default());
        return;
    }
    let runs: usize = std::env::var("LOA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let pack = pack();
    let fast_pack = file_data_pack();
    let renderer = Renderer::new();
    let isolated = IsolatedRenderer::new(
        WorkerCommand::new(env!("CARGO_BIN_EXE_loa-render-worker")),
        Limits::default(),
    );
    let started = Instant::now();
    isolated
        .warm_up()
        .unwrap_or_else(|e| fail(&format!("the worker: {e}")));
    let worker_start = started.elapsed();
    let mut all_isolated = Vec::new();
    let preview = RenderOptions::default();
    let export = RenderOptions {
        png_compression: PngCompression::Balanced,
        ..RenderOptions::default()
    };

    let mut table = format!(
        "Loa render benchmark — built-in templates, Vietnamese sample data, {runs} warm runs each \
         (a text field changed every run), release build\n\n\
         | template | cold 1080×1350 PNG ms | warm PNG p50 / p95 ms | warm PNG in the worker p50 / p95 ms | compile / raster / encode p50 ms | warm PNG, data file, p50 / p95 ms | compile p50 ms, data file | PNG KiB (fast / balanced) | balanced encode p50 ms | warm A4 PDF p50 / p95 ms |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    );
    let mut all_warm = Vec::new();
    let mut all_fast = Vec::new();
    for t in pack.templates() {
        let cold = cold(&t.id);
        let png = warm(
            t,
            &local(
                &renderer,
                pack,
                &t.id,
                Size::Portrait,
                Format::Png,
                &preview,
            ),
            runs,
        );
        // The same preview through the warm worker process, as the app renders it.
        let iso = warm(
            t,
            &|raw| {
                isolated
                    .render_with(
                        pack,
                        &t.id,
                        raw,
                        Lang::Vi,
                        Size::Portrait,
                        Format::Png,
                        &preview,
                    )
                    .unwrap_or_else(|e| fail(&format!("{}: {e}", t.id)))
            },
            runs,
        );
        all_isolated.extend(iso.total.iter().copied());
        let (fast, fast_compile) = match &fast_pack {
            Some(p) => {
                let w = warm(
                    t,
                    &local(&renderer, p, &t.id, Size::Portrait, Format::Png, &preview),
                    runs,
                );
                all_fast.extend(w.total.iter().copied());
                (
                    format!(
                        "{} / {}",
                        ms(percentile(&w.total, 0.5)),
                        ms(percentile(&w.total, 0.95))
                    ),
                    ms(percentile(&w.compile, 0.5)),
                )
            }
            None => ("—".to_owned(), "—".to_owned()),
        };
        let balanced = warm(
            t,
            &local(&renderer, pack, &t.id, Size::Portrait, Format::Png, &export),
            runs.min(10),
        );
        let pdf = if t.sizes.contains(&Size::A4) {
            let w = warm(
                t,
                &local(&renderer, pack, &t.id, Size::A4, Format::Pdf, &preview),
                runs.min(15),
            );
            format!(
                "{} / {}",
                ms(percentile(&w.total, 0.5)),
                ms(percentile(&w.total, 0.95))
            )
        } else {
            "—".to_owned()
        };
        all_warm.extend(png.total.iter().copied());
        let line = format!(
            "| {} | {} | {} / {} | {} / {} | {} / {} / {} | {} | {} | {} / {} | {} | {} |\n",
            t.id,
            ms(cold),
            ms(percentile(&png.total, 0.5)),
            ms(percentile(&png.total, 0.95)),
            ms(percentile(&iso.total, 0.5)),
            ms(percentile(&iso.total, 0.95)),
            ms(percentile(&png.compile, 0.5)),
            ms(percentile(&png.draw, 0.5)),
            ms(percentile(&png.encode, 0.5)),
            fast,
            fast_compile,
            png.bytes / 1024,
            balanced.bytes / 1024,
            ms(percentile(&balanced.encode, 0.5)),
            pdf,
        );
        print!("{line}");
        table.push_str(&line);
    }
    all_warm.sort();
    all_fast.sort();
    all_isolated.sort();
    let summary = format!(
        "\nAll templates, warm 1080×1350 PNG (preview): p50 {} ms, p95 {} ms, max {} ms \
         (target: under 100 ms).\n\
         The same through the warm render worker (a process with time, memory and stack \
         limits; what the app and the CLI use): p50 {} ms, p95 {} ms, max {} ms; starting the \
         worker took {} ms.\n\
         Same with the data read from /.inputs/data.json (lib.typ's loader changed in memory): \
         p50 {} ms, p95 {} ms, max {} ms.\n\n\
         Why: `sys.inputs` lives in Typst's standard library, so a new value means a new library \
         and every cached evaluation and layout is invalid; a data file changes only what reads \
         it.\n\n\
         The preview uses fast PNG compression; files written by `loa template render` use the \
         balanced one (smaller, slower to encode). Cold = a new process: fonts parsed, Typst's \
         caches empty.\n",
        ms(percentile(&all_warm, 0.5)),
        ms(percentile(&all_warm, 0.95)),
        ms(*all_warm.last().unwrap_or(&Duration::ZERO)),
        ms(percentile(&all_isolated, 0.5)),
        ms(percentile(&all_isolated, 0.95)),
        ms(*all_isolated.last().unwrap_or(&Duration::ZERO)),
        ms(worker_start),
        ms(all_fast
            .get(all_fast.len() / 2)
            .copied()
            .unwrap_or_default()),
        ms(if all_fast.is_empty() {
            Duration::ZERO
        } else {
            percentile(&all_fast, 0.95)
        }),
        ms(*all_fast.last().unwrap_or(&Duration::ZERO)),
    );
    print!("{summary}");
    table.push_str(&summary);
    let md = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../benchmarks/templates.md");
    if let Err(e) = std::fs::write(&md, &table) {
        eprintln!("could not write {}: {e}", md.display());
    }
}

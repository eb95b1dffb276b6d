//! Hostile template benchmark: each layout of the "nothing hangs or crashes" report rendered
//! through the worker with the default limits, measuring how long until the typed error and
//! the worker's peak memory (VmHWM, sampled from /proc while it runs; Linux only).
//!
//!     cargo bench -p loa-render --bench hostile
//!
//! Writes benchmarks/hostile-templates.md.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use loa_render::{Format, IsolatedRenderer, Limits, WorkerCommand};
use loa_templates::{FileMap, Lang, Pack, RawData, Size};

const CASES: &[(&str, &str)] = &[
    ("ordinary layout (for comparison)", ""),
    (
        "`for i in range(100000) { for j in range(100000) { } }`",
        "#for i in range(100000) { for j in range(100000) { } }\n",
    ),
    (
        "`\"x\" * 100000000000`",
        "#let s = \"x\" * 100000000000\n#s.len()\n",
    ),
    (
        "`range(2000000000)`",
        "#let a = range(2000000000)\n#a.len()\n",
    ),
    (
        "30000×30000 pt page",
        "#set page(width: 30000pt, height: 30000pt)\nx\n",
    ),
    (
        "400,000,000 pt wide page",
        "#set page(width: 400000000pt, height: 100pt)\nx\n",
    ),
    (
        "200,000 nested boxes",
        "#let b = [x]\n#for i in range(200000) { b = box(b) }\n#b\n",
    ),
];

fn fixture(layout: &str) -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack");
    let pack = Pack::from_dir(&dir).unwrap_or_else(|e| panic!("fixture: {e}"));
    if layout.is_empty() {
        return pack;
    }
    let mut files: FileMap = pack.into_files();
    files.insert("notice/layout.typ".into(), layout.as_bytes().to_vec());
    Pack::from_files(files).unwrap_or_else(|e| panic!("fixture: {e}"))
}

/// The worker's peak resident memory so far, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let limits = Limits::default();
    let mut table = format!(
        "Loa hostile template benchmark — the fixture pack's layout replaced by each case, \
         1080×1350 PNG through the render worker with the default limits (wall {} s, address \
         space {} MiB, stack {} MiB), release build\n\n\
         | case | before (in-process, from the report) | now | time to the answer | worker peak RSS | the next render |\n\
         | --- | --- | --- | --- | --- | --- |\n",
        limits.wall.as_secs(),
        limits.memory_mb,
        limits.stack_mb
    );
    let before = [
        "renders",
        "never returns",
        "aborts the process",
        "aborts the process",
        "aborts the process",
        "panics with a backtrace",
        "aborts the process",
    ];
    let data = RawData::new(serde_json::json!({"title": "x"})).unwrap_or_default();
    for ((name, layout), before) in CASES.iter().zip(before) {
        let renderer = IsolatedRenderer::new(
            WorkerCommand::new(env!("CARGO_BIN_EXE_loa-render-worker")),
            limits,
        );
        renderer
            .warm_up()
            .unwrap_or_else(|e| panic!("the worker: {e}"));
        let pid = renderer.worker_pid().unwrap_or_default();
        // At least what the idle worker holds; sampled while the render runs; read once more
        // after it when the worker survived (a fast answer can beat the first sample).
        let peak = Arc::new(AtomicU64::new(vm_hwm_kib(pid).unwrap_or(0)));
        let stop = Arc::new(AtomicBool::new(false));
        let sampler = {
            let (peak, stop) = (peak.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kib) = vm_hwm_kib(pid) {
                        peak.fetch_max(kib, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            })
        };
        let pack = fixture(layout);
        let t = Instant::now();
        let result = renderer.render(
            &pack,
            "notice",
            &data,
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        );
        let took = t.elapsed();
        stop.store(true, Ordering::Relaxed);
        let _ = sampler.join();
        if let Some(kib) = vm_hwm_kib(pid) {
            peak.fetch_max(kib, Ordering::Relaxed);
        }
        let now = match &result {
            Ok(r) => format!("renders ({}×{})", r.width_px, r.height_px),
            Err(e) => format!("`{}` ({e})", e.message_id()),
        };
        let next = match renderer.render(
            &fixture(""),
            "notice",
            &data,
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        ) {
            Ok(_) => "renders".to_owned(),
            Err(e) => format!("fails: {e}"),
        };
        let line = format!(
            "| {name} | {before} | {now} | {:.2} s | {} MiB | {next} |\n",
            took.as_secs_f64(),
            peak.load(Ordering::Relaxed) / 1024
        );
        print!("{line}");
        table.push_str(&line);
    }
    table.push_str(
        "\nPeak RSS is sampled every 10 ms from /proc/<pid>/status (VmHWM), so a worker that \
         dies within 10 ms of growing may show less than it reached. This benchmark process \
         itself never grows: it only waits for the worker's answer.\n",
    );
    let md = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../benchmarks/hostile-templates.md");
    if let Err(e) = std::fs::write(&md, &table) {
        eprintln!("could not write {}: {e}", md.display());
    }
}

//! Search benchmark: imports the Vietnamese news in ../shared/testdata/vietnamese-text, repeated to
//! 100,000 drafts (LOA_BENCH_DRAFTS to change), then times realistic queries typed the way
//! officers type them. Prints index time, database size and query percentiles, and writes the
//! table to benchmarks/search.md.
//!
//!     cargo bench -p loa-core --bench search
//!
//! LOA_BENCH_KEEP=FILE keeps a copy of the benchmark database for poking at afterwards.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa_core::{NewDraft, SearchQuery, Store};

const QUERIES: &[(&str, &str)] = &[
    ("unaccented", "lu quet"),
    ("unaccented", "duong"),
    ("unaccented", "dien bien"),
    ("unaccented", "tiem chung"),
    ("unaccented", "ha noi"),
    ("unaccented", "thu tuong chinh phu"),
    ("unaccented", "sat lo dat"),
    ("unaccented", "hoc sinh"),
    ("unaccented", "canh bao lua dao"),
    ("unaccented", "nong thon moi"),
    ("accented", "lũ quét"),
    ("accented", "Điện Biên"),
    ("accented", "má"),
    ("accented", "người tốt việc tốt"),
    ("accented", "bảo hiểm y tế"),
    ("prefix", "thong b"),
    ("prefix", "chinh ph"),
    ("prefix", "v"),
    ("prefix", "covi"),
    ("prefix", "du lich bi"),
    ("rare", "heroin"),
    ("rare", "baltic"),
    ("rare", "khong tim thay gi ca"),
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let target: usize = std::env::var("LOA_BENCH_DRAFTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let Some(corpus) = loa_testdata::path("vietnamese-text") else {
        return;
    };
    let dirs = ["news-baomoi-sample", "news-unc-dantri"].map(|d| corpus.join(d));
    assert!(
        dirs.iter().all(|d| d.is_dir()),
        "the news corpus is incomplete under {}",
        corpus.display()
    );
    let mut files: Vec<PathBuf> = loa_core::drafts::import::collect_files(&dirs)
        .into_iter()
        .filter(|(_, e)| e.is_none())
        .map(|(p, _)| p)
        .collect();
    files.sort();
    let articles: Vec<NewDraft> = files
        .iter()
        .filter_map(|f| loa_core::drafts::import::read(f).ok())
        .collect();
    println!(
        "corpus: {} articles from {}",
        articles.len(),
        corpus.display()
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let started = Instant::now();
    let mut made = 0;
    while made < target {
        let n = (target - made).min(5_000);
        let batch: Vec<NewDraft> = (made..made + n)
            .map(|i| articles[i % articles.len()].clone())
            .collect();
        store.drafts().create_many(&batch).expect("create");
        made += n;
    }
    let index_time = started.elapsed();
    if let Ok(keep) = std::env::var("LOA_BENCH_KEEP") {
        std::fs::copy(dir.path().join("loa.db"), &keep).expect("keep copy");
    }
    drop(store);
    let store = Store::open(dir.path()).expect("reopen"); // checkpoints nothing, just a fresh cache
    let db_bytes: u64 = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();

    let rounds = 20;
    let mut all = Vec::new();
    let mut per_kind: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut lines = Vec::new();
    for (kind, q) in QUERIES {
        let query = SearchQuery {
            text: (*q).to_owned(),
            limit: Some(20),
            ..SearchQuery::default()
        };
        let hits = store.drafts().search(&query).expect("search").len();
        let mut times = Vec::new();
        for _ in 0..rounds {
            let t = Instant::now();
            let r = store.drafts().search(&query).expect("search");
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        times.sort();
        lines.push(format!(
            "| {kind} | `{q}` | {hits} | {} | {} |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        ));
        match per_kind.iter_mut().find(|(k, _)| k == kind) {
            Some((_, v)) => v.extend(&times),
            None => per_kind.push((kind, times.clone())),
        }
        all.extend(times);
    }
    all.sort();

    let mut out = vec![
        format!(
            "Loa search benchmark — {made} drafts (news corpus repeated), {rounds} runs per query, limit 20"
        ),
        String::new(),
        "| measure | value |".into(),
        "| --- | --- |".into(),
        format!("| drafts | {made} |"),
        format!(
            "| import + index time | {:.1} s ({:.0} drafts/s) |",
            index_time.as_secs_f64(),
            made as f64 / index_time.as_secs_f64()
        ),
        format!(
            "| database size (db + wal) | {:.0} MiB |",
            db_bytes as f64 / 1_048_576.0
        ),
        format!(
            "| query p50 / p95 / p99 / max (all) | {} / {} / {} / {} ms |",
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.95)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().expect("times"))
        ),
    ];
    for (kind, mut v) in per_kind {
        v.sort();
        out.push(format!(
            "| query p50 / p95 ({kind}) | {} / {} ms |",
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.95))
        ));
    }
    out.push(String::new());
    out.push("| kind | query | results (≤20) | p50 ms | p95 ms |".into());
    out.push("| --- | --- | --- | --- | --- |".into());
    out.extend(lines);
    out.push(String::new());
    let table = out.join("\n");
    println!("{table}");
    let md = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../benchmarks/search.md");
    if let Err(e) = std::fs::write(&md, &table) {
        eprintln!("could not write {}: {e}", md.display());
    }
}

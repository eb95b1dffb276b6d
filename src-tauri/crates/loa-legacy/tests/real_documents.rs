//! Real TCVN3 documents (Ministry of Finance circulars, 2003-2004) against their Unicode
//! transcripts. Skips with a message when the shared test data is not checked out beside the repo.

use std::path::{Path, PathBuf};

use loa_legacy::{Encoding, convert, detect, extract_text};

fn data_dir() -> Option<PathBuf> {
    loa_testdata::path("vietnamese-text/legacy-encodings")
}

fn normalise(s: &str, fold_case: bool) -> Vec<char> {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if fold_case {
        joined.chars().flat_map(char::to_lowercase).collect()
    } else {
        joined.chars().collect()
    }
}

/// Length of the longest common subsequence, by Myers' O((N+M)D) diff (fast for near-equal texts).
fn lcs_len(a: &[char], b: &[char]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    for d in 0..=max as isize {
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                let lcs = ((n + m - d) / 2) as usize;
                return prefix + suffix + lcs;
            }
            k += 2;
        }
    }
    prefix + suffix
}

/// 2·LCS / (len(a) + len(b)) after whitespace normalisation (difflib's ratio).
fn similarity(got: &str, want: &str, fold_case: bool) -> f64 {
    let (a, b) = (normalise(got, fold_case), normalise(want, fold_case));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * lcs_len(&a, &b) as f64 / (a.len() + b.len()) as f64
}

fn stems(dir: &Path, suffix: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("list test data folder")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter_map(|n| n.strip_suffix(suffix).map(str::to_owned))
        .collect();
    out.sort();
    out
}

#[test]
fn similarity_metric_sanity() {
    assert_eq!(similarity("a  b\nc", "a b c", false), 1.0);
    assert!((similarity("abcd", "abed", false) - 0.75).abs() < 1e-9);
    assert_eq!(similarity("ABC", "abc", true), 1.0);
}

#[test]
fn tcvn3_documents_match_transcripts() {
    let Some(dir) = data_dir() else {
        return;
    };
    let raw_dir = dir.join("tcvn3/extracted-raw-bytes");
    let files = stems(&raw_dir, ".tcvn3.txt");
    assert!(!files.is_empty(), "no extracted TCVN3 texts found");
    eprintln!(
        "{:<14} {:>9} {:>12} {:>12} {:>12} {:>12}",
        "file", "detected", "txt ci", "txt cs", "rtf ci", "rtf cs"
    );
    let (mut worst_ci, mut worst_cs) = (1.0f64, 1.0f64);
    for stem in &files {
        let truth = std::fs::read_to_string(dir.join(format!("ground-truth/{stem}.txt")))
            .expect("read transcript");
        let bytes = std::fs::read(raw_dir.join(format!("{stem}.tcvn3.txt"))).expect("read raw");
        let pasted = loa_legacy::decode_bytes(&bytes);
        let d = detect(&pasted);
        assert_eq!(d.encoding, Encoding::Tcvn3, "{stem}: {d:?}");
        let text = convert(&pasted, Encoding::Tcvn3);
        let (t_ci, t_cs) = (
            similarity(&text, &truth, true),
            similarity(&text, &truth, false),
        );

        let rtf_path = dir.join(format!("tcvn3/{stem}.rtf"));
        let rtf_bytes = std::fs::read(&rtf_path).expect("read rtf");
        let rtf = extract_text(&rtf_path, &rtf_bytes).expect("extract rtf");
        let (r_ci, r_cs) = (
            similarity(&rtf, &truth, true),
            similarity(&rtf, &truth, false),
        );
        eprintln!(
            "{stem:<14} {:>9} {t_ci:>12.4} {t_cs:>12.4} {r_ci:>12.4} {r_cs:>12.4}",
            d.encoding.as_str()
        );
        worst_ci = worst_ci.min(t_ci).min(r_ci);
        worst_cs = worst_cs.min(t_cs).min(r_cs);
    }
    eprintln!("worst: case-insensitive {worst_ci:.4}, case-sensitive {worst_cs:.4}");
    // The transcripts write .VnTimeH headings in lowercase; Loa shows them in capitals, as the
    // documents do. That is the whole case-sensitive gap of the RTF column.
    assert!(worst_ci >= 0.999, "case-insensitive similarity {worst_ci}");
    assert!(worst_cs >= 0.98, "case-sensitive similarity {worst_cs}");
}

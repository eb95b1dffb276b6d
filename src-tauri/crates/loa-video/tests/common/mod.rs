//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use loa_video::Engine;

/// `shared/testdata/<rel>` beside the repository. Absent: `None` with a message, or a failure
/// when `LOA_REQUIRE_TESTDATA=1` (CI), so missing data never passes as a skip.
pub fn testdata(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/testdata")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    require(&format!("{} is absent", p.display()));
    None
}

/// The engine, or `None` with a message when ffmpeg is not installed (a failure under
/// `LOA_REQUIRE_TESTDATA=1`: CI installs it).
pub fn engine() -> Option<Engine> {
    match Engine::locate() {
        Ok(e) => Some(e),
        Err(e) => {
            require(&format!("ffmpeg is not usable: {e}"));
            None
        }
    }
}

fn require(why: &str) {
    if std::env::var("LOA_REQUIRE_TESTDATA").is_ok_and(|v| v == "1") {
        panic!("LOA_REQUIRE_TESTDATA=1 but {why}");
    }
    eprintln!("skipped: {why}");
}

/// One row of `videos/MANIFEST.tsv`, by column name.
pub type Row = BTreeMap<String, String>;

pub fn manifest(videos: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(videos.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            head.iter()
                .zip(l.split('\t'))
                .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// What an independent ffprobe run says about an output (not the engine's own probe).
#[derive(Debug)]
pub struct Independent {
    pub json: serde_json::Value,
}

impl Independent {
    pub fn of(path: &Path) -> Independent {
        let out = Command::new("ffprobe")
            .args(["-v", "error", "-export_xmp", "1", "-print_format", "json"])
            .args(["-show_format", "-show_streams"])
            .arg(path)
            .output()
            .expect("ffprobe runs");
        assert!(out.status.success(), "ffprobe {}", path.display());
        Independent {
            json: serde_json::from_slice(&out.stdout).expect("ffprobe json"),
        }
    }

    pub fn streams(&self, kind: &str) -> Vec<&serde_json::Value> {
        self.json["streams"]
            .as_array()
            .map(|a| a.iter().filter(|s| s["codec_type"] == kind).collect())
            .unwrap_or_default()
    }

    /// Every tag key of the file and its streams.
    pub fn tag_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        let mut add = |v: &serde_json::Value| {
            if let Some(o) = v["tags"].as_object() {
                keys.extend(o.keys().map(|k| k.to_lowercase()));
            }
        };
        add(&self.json["format"]);
        for s in self.json["streams"].as_array().into_iter().flatten() {
            add(s);
        }
        keys
    }

    /// Size of the decoded picture: the stream's width and height, with any display matrix
    /// reported separately.
    pub fn picture(&self) -> (u64, u64) {
        let v = self.streams("video")[0];
        (
            v["width"].as_u64().expect("width"),
            v["height"].as_u64().expect("height"),
        )
    }

    pub fn has_display_matrix(&self) -> bool {
        self.streams("video").iter().any(|v| {
            v["side_data_list"]
                .as_array()
                .is_some_and(|l| l.iter().any(|d| d["side_data_type"] == "Display Matrix"))
        }) || self
            .streams("video")
            .iter()
            .any(|v| v["tags"]["rotate"].is_string())
    }
}

/// The top-level ISO-BMFF boxes of a file: (type, offset, size). A tiny walker of its own, so the
/// check does not rest on the engine's code.
pub fn top_boxes(bytes: &[u8]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let mut size = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4")) as usize;
        let kind = String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned();
        if size == 1 && at + 16 <= bytes.len() {
            size = u64::from_be_bytes(bytes[at + 8..at + 16].try_into().expect("8")) as usize;
        } else if size == 0 {
            size = bytes.len() - at;
        }
        if size < 8 {
            break;
        }
        out.push((kind, at, size));
        at += size;
    }
    out
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The MP4's `moov` box holds no position: no `©xyz`, no 3GPP `loci`, no Apple location key,
/// no XMP GPS.
pub fn moov_has_no_location(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).expect("read output");
    let boxes = top_boxes(&bytes);
    let (_, at, size) = boxes
        .iter()
        .find(|(k, _, _)| k == "moov")
        .ok_or("no moov box")?;
    let moov = &bytes[*at..at + size];
    for needle in [
        &b"\xA9xyz"[..],
        b"loci",
        b"ISO6709",
        b"location",
        b"GPSLatitude",
        b"com.apple.quicktime",
    ] {
        if contains(moov, needle) {
            return Err(format!("moov holds {:?}", String::from_utf8_lossy(needle)));
        }
    }
    Ok(())
}

/// Processes still running whose command line mentions `needle` (Linux: `/proc`).
#[cfg(target_os = "linux")]
pub fn processes_mentioning(needle: &str) -> Vec<u32> {
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline"))
            && contains(&cmdline, needle.as_bytes())
        {
            pids.push(pid);
        }
    }
    pids
}

/// Children of this test process that exited but were never waited for (state Z).
#[cfg(target_os = "linux")]
pub fn zombie_children() -> Vec<u32> {
    let me = std::process::id();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // "pid (comm) S ppid …": the fields after the last ')'.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        if fields.first() == Some(&"Z") && fields.get(1) == Some(&me.to_string().as_str()) {
            pids.push(pid);
        }
    }
    pids
}

//! Driving the `loa` command line against the emulators, and checking what reached them: shared
//! by the chaos test (`loa-cli/tests/chaos.rs`) and the sync benchmark. Black-box only: it runs
//! the binary and reads the emulators, never Loa's database.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

use crate::common::hex;
use crate::graph::GraphEmulator;
use crate::wordpress::WordPressEmulator;
use crate::zalo::ZaloEmulator;

/// Channel names the harness uses.
pub const FB: &str = "fb";
pub const ZALO: &str = "zalo";
pub const WP: &str = "wp";
pub const FOLDER: &str = "usb";

/// One `loa` profile.
#[derive(Debug, Clone)]
pub struct Loa {
    pub bin: PathBuf,
    pub data_dir: PathBuf,
    /// Extra environment (`LOA_SYNC_TIME_SCALE`, …).
    pub env: Vec<(String, String)>,
}

/// What a finished `loa` run printed.
#[derive(Debug, Clone)]
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<Output> for Ran {
    fn from(o: Output) -> Self {
        Ran {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// An error of the harness itself (the product's failures are reported, not raised).
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error("cannot run {bin}: {source}")]
    Spawn {
        bin: PathBuf,
        source: std::io::Error,
    },
    #[error("`loa {args}` failed ({code:?}): {stderr}")]
    Failed {
        args: String,
        code: Option<i32>,
        stderr: String,
    },
    #[error("`loa {args}` printed something unexpected: {stdout}")]
    Unexpected { args: String, stdout: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Loa {
    pub fn new(bin: impl Into<PathBuf>, data_dir: impl Into<PathBuf>) -> Loa {
        Loa {
            bin: bin.into(),
            data_dir: data_dir.into(),
            env: vec![
                ("LOA_CREDENTIALS".into(), "file".into()),
                ("LOA_LANG".into(), "en".into()),
            ],
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.bin);
        c.arg("--data-dir").arg(&self.data_dir).args(args);
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    /// Runs to completion.
    pub fn run(&self, args: &[&str]) -> Result<Ran, HarnessError> {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .map(Ran::from)
            .map_err(|source| HarnessError::Spawn {
                bin: self.bin.clone(),
                source,
            })
    }

    /// Runs and requires exit 0.
    pub fn ok(&self, args: &[&str]) -> Result<Ran, HarnessError> {
        let r = self.run(args)?;
        if r.ok() {
            Ok(r)
        } else {
            Err(HarnessError::Failed {
                args: args.join(" "),
                code: r.code,
                stderr: r.stderr,
            })
        }
    }

    /// Starts a long-running command (`loa sync`) with its output discarded.
    pub fn spawn(&self, args: &[&str]) -> Result<Child, HarnessError> {
        self.command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| HarnessError::Spawn {
                bin: self.bin.clone(),
                source,
            })
    }

    /// `None` if the binary has every command the publishing flow needs; otherwise which is missing.
    pub fn missing_commands(&self) -> Option<String> {
        for args in [
            &["channel", "add", "--help"][..],
            &["queue", "add", "--help"],
            &["queue", "list", "--help"],
            &["sync", "--help"],
            &["draft", "attach", "--help"],
        ] {
            match self.run(args) {
                Ok(r) if r.ok() => {}
                _ => return Some(format!("loa {}", args[..args.len() - 1].join(" "))),
            }
        }
        None
    }

    /// `loa draft new --json` → the new id.
    pub fn new_draft(&self, title: &str, body: &str) -> Result<i64, HarnessError> {
        let args = ["draft", "new", "--title", title, "--body", body, "--json"];
        let r = self.ok(&args)?;
        serde_json::from_str::<Value>(r.stdout.trim())
            .ok()
            .and_then(|v| v.get("id").and_then(Value::as_i64))
            .or_else(|| r.stdout.trim().parse().ok())
            .ok_or(HarnessError::Unexpected {
                args: args.join(" "),
                stdout: r.stdout,
            })
    }

    /// `loa queue list --json`.
    pub fn queue(&self) -> Result<Vec<QueueItem>, HarnessError> {
        let r = self.ok(&["queue", "list", "--json"])?;
        let v: Value =
            serde_json::from_str(r.stdout.trim()).map_err(|_| HarnessError::Unexpected {
                args: "queue list --json".into(),
                stdout: r.stdout.clone(),
            })?;
        let arr = v
            .as_array()
            .or_else(|| v.get("items").and_then(Value::as_array))
            .cloned()
            .unwrap_or_default();
        Ok(arr
            .iter()
            .map(|i| QueueItem {
                id: i.get("id").and_then(Value::as_i64).unwrap_or(0),
                draft_id: i.get("draft_id").and_then(Value::as_i64).unwrap_or(0),
                channel: i
                    .get("channel")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                state: i
                    .get("state")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                attempts: i.get("attempts").and_then(Value::as_i64).unwrap_or(0),
                last_error: i
                    .get("last_error")
                    .map(|e| {
                        if e.is_string() {
                            e.as_str().unwrap_or("").to_string()
                        } else if e.is_null() {
                            String::new()
                        } else {
                            e.to_string()
                        }
                    })
                    .unwrap_or_default(),
            })
            .collect())
    }
}

/// One row of `loa queue list --json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub id: i64,
    pub draft_id: i64,
    pub channel: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
}

/// The three platforms' emulators with default options, and the four channels added to `loa`
/// (credential files in `<root>/files`, the folder channel in `<root>/usb`).
#[derive(Debug)]
pub struct Platforms {
    pub fb: GraphEmulator,
    pub zalo: ZaloEmulator,
    pub wp: WordPressEmulator,
    pub files: PathBuf,
    pub folder: PathBuf,
}

impl Platforms {
    pub fn start(loa: &Loa, root: &Path) -> Result<Platforms, HarnessError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| HarnessError::Write { path, source }
        };
        let fb = GraphEmulator::start(crate::GraphOptions::default()).map_err(io(root))?;
        let zalo = ZaloEmulator::start(crate::ZaloOptions::default()).map_err(io(root))?;
        let wp = WordPressEmulator::start(crate::WordPressOptions::default()).map_err(io(root))?;
        let files = root.join("files");
        let folder = root.join("usb");
        std::fs::create_dir_all(&files).map_err(io(&files))?;
        std::fs::create_dir_all(&folder).map_err(io(&folder))?;
        add_channels(loa, &files, &fb, &zalo, &wp, &folder)?;
        Ok(Platforms {
            fb,
            zalo,
            wp,
            files,
            folder,
        })
    }
}

/// Writes the credential files and adds the four channels (names [`FB`], [`ZALO`], [`WP`],
/// [`FOLDER`]).
pub fn add_channels(
    loa: &Loa,
    files: &Path,
    fb: &GraphEmulator,
    zalo: &ZaloEmulator,
    wp: &WordPressEmulator,
    folder: &Path,
) -> Result<(), HarnessError> {
    let write = |name: &str, text: &str| -> Result<String, HarnessError> {
        let p = files.join(name);
        std::fs::write(&p, text).map_err(|source| HarnessError::Write {
            path: p.clone(),
            source,
        })?;
        Ok(p.display().to_string())
    };
    let fb_tok = write("fb-token", &fb.token())?;
    let z_tok = write("zalo-token", &zalo.access_token())?;
    let z_ref = write("zalo-refresh", &zalo.refresh_token())?;
    let z_sec = write(
        "zalo-secret",
        &crate::zalo::ZaloOptions::default().secret_key,
    )?;
    let wp_pw = write("wp-password", &wp.app_password())?;
    let (fb_url, z_url, wp_url) = (fb.base_url(), zalo.base_url(), wp.base_url());
    let page = fb.page_id();
    let user = wp.user();
    let app_id = crate::zalo::ZaloOptions::default().app_id;
    let folder = folder.display().to_string();
    let fb_args = [
        "channel",
        "add",
        "facebook",
        "--name",
        FB,
        "--page-id",
        &page,
        "--token-file",
        &fb_tok,
        "--base-url",
        &fb_url,
    ];
    loa.ok(&fb_args)?;
    let wp_args = [
        "channel",
        "add",
        "wordpress",
        "--name",
        WP,
        "--url",
        &wp_url,
        "--user",
        &user,
        "--app-password-file",
        &wp_pw,
    ];
    loa.ok(&wp_args)?;
    // Zalo articles take photos by URL: the WordPress site hosts them (`--image-host`). A binary
    // without that option (usage error, exit 2) gets a Zalo channel without photos.
    let zalo_args = [
        "channel",
        "add",
        "zalo",
        "--name",
        ZALO,
        "--token-file",
        &z_tok,
        "--refresh-token-file",
        &z_ref,
        "--app-id",
        &app_id,
        "--secret-key-file",
        &z_sec,
        "--base-url",
        &z_url,
    ];
    let mut with_host = zalo_args.to_vec();
    with_host.extend(["--image-host", WP]);
    let r = loa.run(&with_host)?;
    if r.code == Some(2) {
        loa.ok(&zalo_args)?;
    } else if !r.ok() {
        return Err(HarnessError::Failed {
            args: with_host.join(" "),
            code: r.code,
            stderr: r.stderr,
        });
    }
    loa.ok(&[
        "channel", "add", "folder", "--name", FOLDER, "--path", &folder,
    ])?;
    Ok(())
}

/// A draft the harness created: its unique marker (in the title and the body) and its photos'
/// SHA-256 in order.
#[derive(Debug, Clone)]
pub struct DraftSpec {
    pub id: i64,
    pub marker: String,
    pub title: String,
    pub body: String,
    pub photos: Vec<[u8; 32]>,
    /// Channels the draft was queued to.
    pub channels: Vec<String>,
}

/// How one channel's copy of one draft looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Posts carrying the marker (should be 1).
    pub copies: usize,
    /// Whether the first copy's photos equal the attached files, in order.
    pub photos_match: bool,
    pub photos_seen: usize,
}

/// The posts on each emulator (and in the folder) carrying `marker`, with their photos.
pub fn find_marker(
    marker: &str,
    fb: &GraphEmulator,
    zalo: &ZaloEmulator,
    wp: &WordPressEmulator,
    folder: &Path,
) -> BTreeMap<&'static str, Vec<Vec<[u8; 32]>>> {
    let mut out: BTreeMap<&'static str, Vec<Vec<[u8; 32]>>> = BTreeMap::new();
    out.insert(
        FB,
        fb.posts()
            .into_iter()
            .filter(|p| p.message.contains(marker))
            .map(|p| p.photos)
            .collect(),
    );
    out.insert(
        ZALO,
        zalo.articles()
            .into_iter()
            .filter(|a| a.title.contains(marker) || a.body_text().contains(marker))
            .map(|a| {
                a.body_image_urls()
                    .iter()
                    .filter_map(|u| {
                        zalo.image_hash_by_url(u)
                            .or_else(|| wp.media_hash_by_url(u))
                    })
                    .collect()
            })
            .collect(),
    );
    out.insert(
        WP,
        wp.posts()
            .into_iter()
            // What the public sees: drafts (a key reserved before publishing) and trashed
            // posts are not copies of the post.
            .filter(|p| matches!(p.status.as_str(), "publish" | "future"))
            .filter(|p| p.title.contains(marker) || p.content.contains(marker))
            .map(|p| {
                // Loa's WordPress post: the first photo is the featured image, the others follow
                // in the content; an image both featured and in the content counts once.
                let mut v: Vec<[u8; 32]> = p.featured_photo.into_iter().collect();
                let mut content = p.content_photos.into_iter().peekable();
                if !v.is_empty() && content.peek() == v.first() {
                    content.next();
                }
                v.extend(content);
                v
            })
            .collect(),
    );
    out.insert(FOLDER, folder_posts(folder, marker));
    out
}

/// Finished folder-channel posts (`manifest.json` with `complete: true`) whose `post.txt` or title
/// carries the marker: their photos' SHA-256 in manifest order.
fn folder_posts(root: &Path, marker: &str) -> Vec<Vec<[u8; 32]>> {
    let Ok(rd) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in rd.flatten() {
        let dir = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Some(m) = std::fs::read(dir.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        else {
            continue;
        };
        if m.get("complete").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join("post.txt")).unwrap_or_default();
        let title = m.get("title").and_then(Value::as_str).unwrap_or("");
        if !text.contains(marker) && !title.contains(marker) {
            continue;
        }
        let mut photos: Vec<(u64, [u8; 32])> = m
            .get("photos")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|p| {
                        let order = p.get("order").and_then(Value::as_u64).unwrap_or(0);
                        let h = p.get("sha256").and_then(Value::as_str).and_then(unhex)?;
                        Some((order, h))
                    })
                    .collect()
            })
            .unwrap_or_default();
        photos.sort_by_key(|(o, _)| *o);
        out.push(photos.into_iter().map(|(_, h)| h).collect());
    }
    out
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The outcome of checking every draft on every channel it was queued to.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    pub expected: usize,
    pub exactly_once: usize,
    /// Extra copies beyond the first, summed.
    pub duplicates: usize,
    pub lost: usize,
    pub wrong_photos: usize,
    /// One line per problem.
    pub problems: Vec<String>,
}

/// Checks every queued (draft, channel) pair: one copy, photos equal and in order.
pub fn verify(
    drafts: &[DraftSpec],
    fb: &GraphEmulator,
    zalo: &ZaloEmulator,
    wp: &WordPressEmulator,
    folder: &Path,
) -> Verdict {
    let mut v = Verdict::default();
    for d in drafts {
        let found = find_marker(&d.marker, fb, zalo, wp, folder);
        for ch in &d.channels {
            v.expected += 1;
            let copies = found.get(ch.as_str()).cloned().unwrap_or_default();
            match copies.len() {
                0 => {
                    v.lost += 1;
                    v.problems
                        .push(format!("draft {} ({}) missing on {ch}", d.id, d.marker));
                }
                n => {
                    if n > 1 {
                        v.duplicates += n - 1;
                        v.problems.push(format!(
                            "draft {} ({}) is on {ch} {n} times",
                            d.id, d.marker
                        ));
                    }
                    if copies.iter().all(|c| *c == d.photos) {
                        if n == 1 {
                            v.exactly_once += 1;
                        }
                    } else {
                        v.wrong_photos += 1;
                        let seen: Vec<Vec<String>> = copies
                            .iter()
                            .map(|c| c.iter().map(|h| hex(h)[..8].to_string()).collect())
                            .collect();
                        let want: Vec<String> =
                            d.photos.iter().map(|h| hex(h)[..8].to_string()).collect();
                        v.problems.push(format!(
                            "draft {} on {ch}: photos {seen:?}, attached {want:?}",
                            d.id
                        ));
                    }
                }
            }
        }
    }
    v
}

/// A benchmark knob from the environment, or `default`.
pub fn bench_env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Which build a `loa` binary is, from its path (for a benchmark's table).
pub fn build_profile(bin: &str) -> &'static str {
    if bin.contains("/release/") {
        "release"
    } else if bin.contains("/debug/") {
        "debug"
    } else {
        "custom"
    }
}

/// Prints a benchmark's report and writes it to `LOA_BENCH_OUT`, if set.
pub fn publish_report(md: &str) {
    print!("{md}");
    if let Ok(out) = std::env::var("LOA_BENCH_OUT") {
        std::fs::write(&out, md).expect("write the benchmark report");
        eprintln!("written to {out}");
    }
}

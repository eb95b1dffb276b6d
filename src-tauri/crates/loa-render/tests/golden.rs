//! Golden images: every built-in template, rendered with its sample data in both languages and
//! at every size it offers, compared with the images committed under `tests/golden/`.
//!
//! The goldens are stored small (each render box-filtered down so its long edge is at most
//! 256 px) and compared with a tolerance, so they catch a layout that moved, lost a block or
//! changed colour, not a rounding difference between machines.
//!
//! `LOA_UPDATE_GOLDENS=1 cargo test -p loa-render golden` writes new goldens, and the full-size
//! renders next to the build (`<target>/tmp/golden-review/`) for a person to look at before
//! committing them. A failing comparison leaves the render it got in `golden-failures/`.
//!
//! Print sizes are also rendered as PDF and checked: one page of the right size, fonts
//! embedded.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use common::{Image, RENDERER, builtin_dir};
use loa_render::{Format, TEXT_CUT_WARNING};
use loa_templates::{Lang, Pack, RawData, Size};

/// The longest edge of a stored golden.
const GOLDEN_EDGE: u32 = 256;
/// Mean absolute difference per channel (0–255) allowed.
const MAX_MEAN_DIFF: f64 = 1.5;
/// Share of pixels allowed to differ by more than [`BIG_DIFF`] in some channel.
const MAX_CHANGED_SHARE: f64 = 0.005;
const BIG_DIFF: u8 = 40;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn updating() -> bool {
    std::env::var_os("LOA_UPDATE_GOLDENS").is_some_and(|v| v != "0")
}

/// RGB pixels box-filtered by an integer factor so the long edge is at most [`GOLDEN_EDGE`].
fn shrink(img: &Image) -> (u32, u32, Vec<u8>) {
    let f = img.width.max(img.height).div_ceil(GOLDEN_EDGE);
    let (w, h) = (img.width / f, img.height / f);
    let mut out = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0u32; 3];
            for dy in 0..f {
                for dx in 0..f {
                    let p = img.rgb(x * f + dx, y * f + dy);
                    for c in 0..3 {
                        sum[c] += u32::from(p[c]);
                    }
                }
            }
            let n = f * f;
            out.extend(sum.map(|s| ((s + n / 2) / n) as u8));
        }
    }
    (w, h, out)
}

fn write_png(path: &Path, w: u32, h: u32, rgb: &[u8]) {
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_compression(png::Compression::High);
        let mut writer = enc.write_header().expect("header");
        writer.write_image_data(rgb).expect("data");
    }
    std::fs::write(path, bytes).expect("write png");
}

/// (mean absolute difference, share of strongly changed pixels)
fn compare(a: &[u8], b: &[u8]) -> (f64, f64) {
    let total: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    let changed = a
        .chunks_exact(3)
        .zip(b.chunks_exact(3))
        .filter(|(p, q)| {
            p.iter()
                .zip(q.iter())
                .any(|(x, y)| x.abs_diff(*y) > BIG_DIFF)
        })
        .count();
    (
        total as f64 / a.len() as f64,
        changed as f64 / (a.len() / 3) as f64,
    )
}

struct Case {
    id: String,
    lang: Lang,
    size: Size,
}

impl Case {
    fn name(&self) -> String {
        format!("{}-{}-{}", self.id, self.lang, self.size)
    }
}

fn cases(pack: &Pack) -> Vec<Case> {
    let mut out = Vec::new();
    for t in pack.templates() {
        for lang in Lang::ALL {
            for size in &t.sizes {
                out.push(Case {
                    id: t.id.clone(),
                    lang,
                    size: *size,
                });
            }
        }
    }
    out
}

/// Renders and checks one case; `Err` says what is wrong.
fn run(pack: &Pack, case: &Case) -> Result<(), String> {
    let name = case.name();
    let data_path = builtin_dir()
        .join(&case.id)
        .join(format!("sample.{}.json", case.lang));
    let raw = RawData::from_file(&data_path).map_err(|e| format!("{name}: {e}"))?;
    let r = RENDERER
        .render(pack, &case.id, &raw, case.lang, case.size, Format::Png)
        .map_err(|e| format!("{name}: {e}"))?;
    if let Some(w) = r.warnings.iter().find(|w| w.starts_with(TEXT_CUT_WARNING)) {
        return Err(format!("{name}: {w}"));
    }
    let img = Image::decode(&r.bytes);
    let (w, h, small) = shrink(&img);
    let golden = golden_dir().join(&case.id).join(format!("{name}.png"));
    if updating() {
        std::fs::create_dir_all(golden.parent().expect("parent")).expect("golden dir");
        write_png(&golden, w, h, &small);
        std::fs::write(
            scratch("golden-review").join(format!("{name}.png")),
            &r.bytes,
        )
        .expect("review copy");
    } else {
        let bytes = std::fs::read(&golden).map_err(|_| {
            format!(
                "{name}: no golden at {}; run LOA_UPDATE_GOLDENS=1 cargo test -p loa-render golden",
                golden.display()
            )
        })?;
        let want = Image::decode(&bytes);
        let mismatch = if (want.width, want.height) != (w, h) {
            Some(format!(
                "size {w}×{h}, golden {}×{}",
                want.width, want.height
            ))
        } else {
            let want_rgb: Vec<u8> = (0..want.height)
                .flat_map(|y| (0..want.width).map(move |x| (x, y)))
                .flat_map(|(x, y)| want.rgb(x, y))
                .collect();
            let (mean, share) = compare(&small, &want_rgb);
            (mean > MAX_MEAN_DIFF || share > MAX_CHANGED_SHARE).then(|| {
                format!(
                    "mean difference {mean:.2}, {:.2}% of pixels changed",
                    share * 100.0
                )
            })
        };
        if let Some(why) = mismatch {
            let dir = scratch("golden-failures");
            std::fs::write(dir.join(format!("{name}.png")), &r.bytes).expect("write");
            write_png(&dir.join(format!("{name}.small.png")), w, h, &small);
            return Err(format!("{name}: {why} (render in {})", dir.display()));
        }
    }
    if case.size.is_print() {
        check_pdf(pack, case, &raw)?;
    }
    Ok(())
}

/// One page of the size asked for, with the fonts embedded.
fn check_pdf(pack: &Pack, case: &Case, raw: &RawData) -> Result<(), String> {
    let name = case.name();
    let r = RENDERER
        .render(pack, &case.id, raw, case.lang, case.size, Format::Pdf)
        .map_err(|e| format!("{name} pdf: {e}"))?;
    let pdf = String::from_utf8_lossy(&r.bytes);
    let pages = pdf.matches("/Type/Page").count() - pdf.matches("/Type/Pages").count();
    let (w, h) = case.size.page_pt();
    let media_box = format!("/MediaBox[0 0 {} {}]", trim(w), trim(h));
    let problems: Vec<String> = [
        (!r.bytes.starts_with(b"%PDF-")).then(|| "not a PDF".to_owned()),
        (pages != 1).then(|| format!("{pages} pages")),
        (!pdf.contains(&media_box)).then(|| format!("no {media_box}")),
        (!pdf.contains("/FontFile2")).then(|| "fonts not embedded".to_owned()),
        pdf.contains("/BaseFont/Helvetica")
            .then(|| "uses a font that is not bundled".to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name} pdf: {}", problems.join(", ")))
    }
}

/// A PDF number as krilla writes it: no trailing zeros.
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[test]
fn golden_images_of_every_builtin_template() {
    let pack = loa_templates::builtin().expect("the built-in pack");
    let cases = cases(pack);
    assert!(cases.len() >= pack.templates().len() * 2);
    if updating() {
        // A clean set: goldens of removed templates or sizes go away.
        let _ = std::fs::remove_dir_all(golden_dir());
    }
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    // Two workers: the machines Loa is built on have two cores.
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("lock");
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(case) = cases.get(i) else { break };
                    if let Err(e) = run(pack, case) {
                        failures.lock().expect("lock").push(e);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("lock");
    assert!(
        failures.is_empty(),
        "{} of {} renders failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    if updating() {
        eprintln!(
            "wrote {} goldens to {}; full-size renders to review in {}",
            cases.len(),
            golden_dir().display(),
            scratch("golden-review").display()
        );
    }
}

#[test]
fn golden_shrinking_averages_blocks() {
    let img = Image {
        width: 512,
        height: 4,
        channels: 3,
        pixels: (0..512 * 4)
            .flat_map(|i| {
                if i % 2 == 0 {
                    [0u8, 0, 0]
                } else {
                    [255, 255, 255]
                }
            })
            .collect(),
    };
    let (w, h, px) = shrink(&img);
    assert_eq!((w, h), (256, 2));
    assert!(px.iter().all(|c| (127..=128).contains(c)), "grey");
    let (mean, share) = compare(&px, &px);
    assert_eq!((mean, share), (0.0, 0.0));
}

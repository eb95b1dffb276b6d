//! Many photos at once on every core. A bad file is reported and the others go on; the batch can
//! be cancelled between files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::ProcessError;
use crate::options::{Encoded, Options};
use crate::pipeline;

/// What became of one input.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub input: PathBuf,
    /// Size of the input file; 0 when it could not be read.
    pub bytes_in: u64,
    pub result: Result<FileDone, ProcessError>,
}

/// A photo that was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDone {
    pub output: PathBuf,
    pub encoded: Encoded,
    pub width: u32,
    pub height: u32,
    pub bytes_out: u64,
    /// The source carried a GPS position (removed unless `keep_location`).
    pub had_location: bool,
    /// The source's EXIF orientation (1–8), if it had one.
    pub orientation: Option<u8>,
}

/// Sent after each file, from whichever worker thread finished it.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// How many files are finished, this one included.
    pub finished: usize,
    pub total: usize,
    pub report: &'a FileReport,
}

/// The whole batch: one report per input, in input order, and the totals.
#[derive(Debug, Clone, Default)]
pub struct BatchSummary {
    pub files: Vec<FileReport>,
    pub done: usize,
    pub failed: usize,
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// The batch was cancelled: files not started are reported as [`ProcessError::Cancelled`].
    pub cancelled: bool,
}

impl BatchSummary {
    /// The failed files with their reasons.
    pub fn failures(&self) -> impl Iterator<Item = (&Path, &ProcessError)> {
        self.files
            .iter()
            .filter_map(|f| f.result.as_ref().err().map(|e| (f.input.as_path(), e)))
    }
}

/// The output file stem for each input: its own, with `-2`, `-3`… when two inputs share one
/// (`a.jpg` and `a.png` both become `a`), decided in input order so the names do not depend on
/// which thread finishes first.
fn output_stems(inputs: &[PathBuf]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    inputs
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "photo".to_owned());
            let n = seen.entry(stem.to_lowercase()).or_insert(0);
            *n += 1;
            if *n == 1 { stem } else { format!("{stem}-{n}") }
        })
        .collect()
}

fn process_one(input: &Path, stem: &str, out_dir: &Path, opts: &Options) -> FileReport {
    // A regular file within the photo cap: a FIFO or `/dev/zero` named like a photo is refused
    // instead of read until memory runs out.
    let read = loa_files::read(input, loa_files::Cap::Photo);
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            return FileReport {
                input: input.to_path_buf(),
                bytes_in: 0,
                result: Err(ProcessError::Read {
                    path: input.to_path_buf(),
                    detail: e.to_string(),
                }),
            };
        }
    };
    let bytes_in = bytes.len() as u64;
    let result = pipeline::process(&bytes, opts).and_then(|p| {
        let output = out_dir.join(format!("{stem}.{}", p.encoded.extension()));
        let write_err = |detail: String| ProcessError::Write {
            path: output.clone(),
            detail,
        };
        if same_file(input, &output) {
            return Err(ProcessError::WouldOverwrite { path: output });
        }
        std::fs::write(&output, &p.bytes).map_err(|e| write_err(e.to_string()))?;
        Ok(FileDone {
            output,
            encoded: p.encoded,
            width: p.width,
            height: p.height,
            bytes_out: p.bytes.len() as u64,
            had_location: p.had_location,
            orientation: p.orientation,
        })
    });
    FileReport {
        input: input.to_path_buf(),
        bytes_in,
        result,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Processes `inputs` into `out_dir` (created if missing) on all cores. `on_progress` is called
/// once per finished file; setting `cancel` stops starting new files (files in flight finish).
pub fn process_batch(
    inputs: &[PathBuf],
    out_dir: &Path,
    opts: &Options,
    on_progress: &(dyn Fn(Progress<'_>) + Sync),
    cancel: &AtomicBool,
) -> BatchSummary {
    let stems = output_stems(inputs);
    let dir_error = std::fs::create_dir_all(out_dir)
        .err()
        .map(|e| e.to_string());
    let finished = AtomicUsize::new(0);
    let total = inputs.len();
    let files: Vec<FileReport> = inputs
        .par_iter()
        .zip(stems.par_iter())
        .with_max_len(1)
        .map(|(input, stem)| {
            let report = if cancel.load(Ordering::Relaxed) {
                FileReport {
                    input: input.clone(),
                    bytes_in: 0,
                    result: Err(ProcessError::Cancelled),
                }
            } else if let Some(detail) = &dir_error {
                FileReport {
                    input: input.clone(),
                    bytes_in: 0,
                    result: Err(ProcessError::Write {
                        path: out_dir.to_path_buf(),
                        detail: detail.clone(),
                    }),
                }
            } else {
                process_one(input, stem, out_dir, opts)
            };
            let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
            on_progress(Progress {
                finished: n,
                total,
                report: &report,
            });
            report
        })
        .collect();
    let mut summary = BatchSummary {
        cancelled: cancel.load(Ordering::Relaxed),
        ..BatchSummary::default()
    };
    for f in &files {
        summary.bytes_in += f.bytes_in;
        match &f.result {
            Ok(done) => {
                summary.done += 1;
                summary.bytes_out += done.bytes_out;
            }
            Err(_) => summary.failed += 1,
        }
    }
    summary.files = files;
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_unique_in_input_order() {
        let inputs: Vec<PathBuf> = ["a/x.jpg", "b/X.png", "c/y.jpg", "d/x.webp"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(output_stems(&inputs), ["x", "X-2", "y", "x-3"]);
    }
}

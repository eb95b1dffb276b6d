//! `loa text convert`: old Vietnamese encodings to UTF-8 NFC on standard output.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use loa_core::{LoaError, Localizer};
use loa_legacy::Encoding;

use crate::Outcome;
use crate::out;

fn read(path: &Path) -> Result<String, LoaError> {
    let bytes = std::fs::read(path).map_err(|source| LoaError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("rtf") || ext.eq_ignore_ascii_case("docx") {
        loa_legacy::extract_text(path, &bytes).map_err(|e| LoaError::FileUnreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })
    } else {
        // Any other file is text: UTF-8 when it is, else the old single-byte encodings.
        Ok(loa_legacy::decode_bytes(&bytes))
    }
}

/// Converts each file; a file that cannot be read is reported and the others still convert.
pub fn convert(l10n: &Localizer, from: &str, files: &[PathBuf]) -> Outcome {
    let mut failed = false;
    for file in files {
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("loa: {}", l10n.error(&e).replace(['\n', '\r'], " "));
                failed = true;
                continue;
            }
        };
        let encoding = match Encoding::from_str(from) {
            Ok(e) => e,
            Err(_) => {
                let d = loa_legacy::detect(&text);
                eprintln!(
                    "{}",
                    l10n.msg_with(
                        "cli-detected",
                        &[
                            ("file", file.display().to_string()),
                            ("encoding", d.encoding.as_str().to_owned()),
                        ],
                    )
                );
                d.encoding
            }
        };
        let converted = loa_legacy::convert(&text, encoding);
        out::line(converted.trim_end_matches('\n'));
    }
    if failed {
        Outcome::Partial
    } else {
        Outcome::Ok
    }
}

//! Writing to stdout without ever panicking: `loa draft list | head` closes the pipe early, which
//! is not an error.

use std::io::{self, Write};
use std::path::Path;

use loa_core::Localizer;

use serde::Serialize;

/// Prints `text` (a trailing newline is added). A closed pipe ends output quietly.
pub fn line(text: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{text}").or_else(ignore_broken_pipe);
}

/// Prints `value` as pretty JSON.
pub fn json<T: Serialize>(value: &T) {
    // Serialising our own plain structs cannot fail; an empty line beats a panic if it ever did.
    line(&serde_json::to_string_pretty(value).unwrap_or_default());
}

/// Writes `bytes` to `path` through a temporary file, so a reader (a browser, an upload, a
/// spreadsheet) never sees half a file; on failure says why (one line on stderr) and returns
/// false.
pub fn file(l10n: &Localizer, path: &Path, bytes: &[u8]) -> bool {
    let tmp = path.with_extension("part");
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        eprintln!(
            "loa: {}",
            l10n.msg_with(
                "template-cli-write-failed",
                &[
                    ("out", path.display().to_string()),
                    ("detail", e.to_string())
                ]
            )
        );
        return false;
    }
    true
}

fn ignore_broken_pipe(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

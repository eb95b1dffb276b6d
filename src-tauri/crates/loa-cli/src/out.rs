//! Writing to stdout without ever panicking: `loa draft list | head` closes the pipe early, which
//! is not an error.

use std::io::{self, Write};

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

fn ignore_broken_pipe(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

//! Importing drafts from files: `.txt` and `.md` (UTF-8), `.rtf` and `.docx`, one draft per file.
//!
//! The first non-empty line is the title (a Markdown heading's `#` marks are dropped), the rest is
//! the body. Text still in a legacy encoding (TCVN3, VNI, VIQR) is converted to Unicode. A file
//! that cannot be read, is not UTF-8 (for .txt/.md) or is empty is reported and skipped; the
//! others are imported. Parsing is a pure function of the bytes; reading and storing are around it.

use std::path::{Path, PathBuf};

use crate::text::{guess_lang, nfc, unix_newlines};
use crate::{LoaError, NewDraft, Result};

/// What happened to one file.
#[derive(Debug)]
pub struct ImportOutcome {
    pub file: PathBuf,
    /// The new draft's id, or why the file was skipped.
    pub result: Result<i64>,
}

const EXTENSIONS: &[&str] = &["txt", "md", "rtf", "docx"];

fn has_supported_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Expands the paths the officer gave into files: folders are walked (sorted, recursively) for
/// `.txt` and `.md` files; a file named explicitly with another extension is reported.
pub fn collect_files(paths: &[PathBuf]) -> Vec<(PathBuf, Option<LoaError>)> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else if !p.exists() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "not found");
            out.push((
                p.clone(),
                Some(LoaError::ReadFile {
                    path: p.clone(),
                    source,
                }),
            ));
        } else if has_supported_extension(p) {
            out.push((p.clone(), None));
        } else {
            out.push((
                p.clone(),
                Some(LoaError::FileUnsupported { path: p.clone() }),
            ));
        }
    }
    out
}

/// Walks a folder with `loa_files::Walk`: symbolic links are never followed (a folder holding
/// `l1 -> .` ends), entries and depth are capped. A FIFO or device named like a document is
/// reported, not opened; other left-out entries are not documents and pass in silence.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<LoaError>)>) {
    let walked = match loa_files::Walk::default().run(dir) {
        Ok(w) => w,
        Err(e) => {
            out.push((dir.to_path_buf(), Some(LoaError::File(e))));
            return;
        }
    };
    for (path, why) in walked.skipped {
        match why {
            loa_files::Skipped::NotAFile(kind) if has_supported_extension(&path) => {
                let e = loa_files::FileError::NotAFile {
                    path: path.clone(),
                    kind,
                };
                out.push((path, Some(LoaError::File(e))));
            }
            loa_files::Skipped::Unreadable(e) => out.push((path, Some(LoaError::File(e)))),
            _ => {}
        }
    }
    let mut files: Vec<PathBuf> = walked
        .files
        .into_iter()
        .filter(|p| has_supported_extension(p))
        .collect();
    files.sort();
    out.extend(files.into_iter().map(|p| (p, None)));
}

/// Turns a file's bytes into a draft. `path` is only used in error messages and to recognise
/// Markdown.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<NewDraft> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = if ext == "rtf" || ext == "docx" {
        loa_legacy::extract_text(path, bytes).map_err(|e| LoaError::FileUnreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        std::str::from_utf8(bytes)
            .map_err(|_| LoaError::FileNotUtf8 {
                path: path.to_path_buf(),
            })?
            .to_owned()
    };
    // Text saved from an old document may still be TCVN3 or VNI read as Windows-1252 characters.
    let (_, text) = loa_legacy::auto_convert(&text);
    let text = nfc(&unix_newlines(&text));
    let markdown = ext == "md";

    let mut lines = text.split('\n');
    let title_line = lines
        .by_ref()
        .find(|l| !l.trim().is_empty())
        .ok_or_else(|| LoaError::FileEmpty {
            path: path.to_path_buf(),
        })?;
    let mut title = title_line.trim();
    if markdown {
        title = title.trim_start_matches('#').trim();
    }
    let rest: Vec<&str> = lines.collect();
    let body = rest.join("\n");
    // Blank lines between the title and the text, and trailing white space, are layout, not content.
    let body = body
        .trim_start_matches(['\n', ' ', '\t'])
        .trim_end()
        .to_owned();
    let lang = guess_lang(&format!("{title}\n{body}"));
    Ok(NewDraft {
        title: title.to_owned(),
        body,
        lang,
        ..NewDraft::default()
    })
}

/// Reads and parses one file.
/// A regular file only (never a FIFO or `/dev/zero`), within the size cap of its kind
/// (`loa_legacy::cap_for`); the extraction of a Word or RTF file is bounded in time too.
pub fn read(path: &Path) -> Result<NewDraft> {
    let bytes = loa_files::read(path, loa_legacy::cap_for(path))?;
    parse(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn first_non_empty_line_is_the_title() {
        let d = parse(
            Path::new("a.txt"),
            "\n\n  Lịch tiếp công dân  \n\nThứ Hai: 7h30\r\nThứ Ba: 8h\n\n".as_bytes(),
        )
        .expect("parses");
        assert_eq!(d.title, "Lịch tiếp công dân");
        assert_eq!(d.body, "Thứ Hai: 7h30\nThứ Ba: 8h");
        assert_eq!(d.lang, Lang::Vi);
    }

    #[test]
    fn markdown_heading_marks_are_dropped_and_body_kept() {
        let d = parse(
            Path::new("b.MD"),
            b"# Water outage\n\nSee https://example.vn/x?y=1 #notice\n",
        )
        .expect("parses");
        assert_eq!(d.title, "Water outage");
        assert_eq!(d.body, "See https://example.vn/x?y=1 #notice");
        assert_eq!(d.lang, Lang::En);
    }

    #[test]
    fn bom_and_decomposed_text_are_cleaned() {
        let d = parse(
            Path::new("c.txt"),
            "\u{FEFF}Mu\u{031B}o\u{031B}\u{0300}ng Te\u{0302}\u{0301}".as_bytes(),
        )
        .expect("parses");
        assert_eq!(d.title, "Mường Tế");
        assert_eq!(d.body, "");
    }

    #[test]
    fn bad_files_are_reported() {
        assert!(matches!(
            parse(Path::new("d.txt"), b"  \n\t\n"),
            Err(LoaError::FileEmpty { .. })
        ));
        assert!(matches!(
            parse(Path::new("e.txt"), b"Th\xf4ng b\xe1o"),
            Err(LoaError::FileNotUtf8 { .. })
        ));
    }
}

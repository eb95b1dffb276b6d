//! Hostile documents: zip bombs, huge text, endless input, FIFOs. Each ends quickly with one
//! typed error.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use loa_files::{FileError, FileKind};
use loa_legacy::{Bounds, ExtractError, extract_text, extract_text_within, read_document};

/// Runs `f` on a thread and waits at most 20 s for its answer (debug builds are slow), so a
/// regression fails instead of hanging.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the call must end")
}

/// A .docx whose document.xml is `paragraphs` copies of one paragraph.
fn docx_of(paragraph: &str, paragraphs: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).expect("start");
        zip.write_all(b"<w:document xmlns:w=\"w\"><w:body>")
            .expect("write");
        let chunk = paragraph.repeat(1000);
        for _ in 0..paragraphs / 1000 {
            zip.write_all(chunk.as_bytes()).expect("write");
        }
        zip.write_all(b"</w:body></w:document>").expect("write");
        zip.finish().expect("finish");
    }
    buf.into_inner()
}

const PARA: &str = "<w:p><w:r><w:t>Thông báo lịch tiêm chủng mở rộng tháng này</w:t></w:r></w:p>";

#[test]
fn a_docx_that_unzips_to_60_mb_is_refused_at_once() {
    // ~60 MB of XML in a file of a few hundred KB.
    let bytes = docx_of(PARA, 60 * 1024 * 1024 / PARA.len());
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let started = Instant::now();
    let r = bounded(move || extract_text(Path::new("bomb.docx"), &bytes));
    assert_eq!(r, Err(ExtractError::TooLarge { limit_mb: 32 }));
    // Refused from the declared size, without inflating it.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn text_over_its_cap_stops_the_extraction() {
    let bytes = docx_of(PARA, 20_000);
    let bounds = Bounds {
        max_text_bytes: 100_000,
        ..Bounds::standard()
    };
    assert_eq!(
        extract_text_within(Path::new("a.docx"), &bytes, &bounds),
        Err(ExtractError::TooLarge { limit_mb: 1 })
    );
    let rtf = format!("{{\\rtf1 {}}}", "Thông báo \\par ".repeat(20_000));
    assert_eq!(
        extract_text_within(Path::new("a.rtf"), rtf.as_bytes(), &bounds),
        Err(ExtractError::TooLarge { limit_mb: 1 })
    );
    assert!(extract_text(Path::new("a.docx"), &docx_of(PARA, 20_000)).is_ok());
}

#[test]
fn the_deadline_stops_a_long_extraction() {
    let spent = Bounds::within(Duration::ZERO);
    let bytes = docx_of(PARA, 10_000);
    assert_eq!(
        extract_text_within(Path::new("a.docx"), &bytes, &spent),
        Err(ExtractError::TooSlow { seconds: 1 })
    );
    let rtf = format!("{{\\rtf1 {}}}", "x ".repeat(100_000));
    assert_eq!(
        extract_text_within(Path::new("a.rtf"), rtf.as_bytes(), &spent),
        Err(ExtractError::TooSlow { seconds: 1 })
    );
}

#[test]
fn a_400_mb_text_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.txt");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(400 * 1024 * 1024).expect("sparse file");
    drop(f);
    let r = bounded(move || read_document(&p));
    assert!(
        matches!(
            r,
            Err(ExtractError::File(FileError::TooLarge { limit_mb: 8, .. }))
        ),
        "{r:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("notes.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let r = bounded(move || read_document(&p));
    assert!(
        matches!(
            r,
            Err(ExtractError::File(FileError::NotAFile {
                kind: FileKind::Pipe,
                ..
            }))
        ),
        "{r:?}"
    );
}

#[test]
fn read_document_reads_what_extract_text_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.docx");
    std::fs::write(&p, docx_of(PARA, 1000)).expect("write");
    let text = read_document(&p).expect("reads");
    assert_eq!(text.lines().count(), 1000);
    assert!(matches!(
        read_document(&dir.path().join("a.pdf")),
        Err(ExtractError::Unsupported { .. })
    ));
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    for lang in ["vi", "en"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../locales")
            .join(lang)
            .join("files.ftl");
        let src = std::fs::read_to_string(&path).expect("files.ftl");
        let res = fluent_syntax::parser::parse(src.as_str()).expect("parses");
        let ids: Vec<&str> = res
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                _ => None,
            })
            .collect();
        for code in ExtractError::CODES {
            let id = format!("extract-error-{}", code.replace('_', "-"));
            assert!(ids.contains(&id.as_str()), "{id} missing in {lang}");
        }
    }
    let e = ExtractError::File(FileError::NotFound { path: "x".into() });
    assert_eq!(e.message_id(), "file-error-not-found");
    assert_eq!(
        ExtractError::TooSlow { seconds: 10 }.args()["seconds"],
        "10"
    );
}

//! .txt, .rtf and .docx extraction, including broken input.

use std::io::Write;
use std::path::Path;

use loa_legacy::{Encoding, ExtractError, auto_convert, extract_text};

fn docx(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts)
            .expect("start file");
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
            .expect("write");
        zip.start_file("word/document.xml", opts)
            .expect("start file");
        zip.write_all(document_xml.as_bytes()).expect("write");
        zip.finish().expect("finish zip");
    }
    buf.into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[test]
fn docx_with_tcvn3_text_and_no_font() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>\
         <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
         <w:r><w:t>Céng hoµ x· héi chñ nghÜa ViÖt Nam</w:t></w:r></w:p>\
         <w:p><w:r><w:t xml:space=\"preserve\">§éc lËp</w:t><w:tab/><w:t>Tù do &amp; H¹nh phóc</w:t><w:br/><w:t>Ng­êi d©n</w:t></w:r></w:p>\
         </w:body></w:document>"
    );
    let text = extract_text(Path::new("a.DOCX"), &docx(&xml)).expect("extract docx");
    assert_eq!(
        text,
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp\tTù do & H¹nh phóc\nNg\u{AD}êi d©n\n"
    );
    let (d, out) = auto_convert(&text);
    assert_eq!(d.encoding, Encoding::Tcvn3);
    assert_eq!(
        out,
        "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập\tTự do & Hạnh phúc\nNgười dân\n"
    );
}

#[test]
fn docx_run_fonts_are_honoured() {
    let xml = format!(
        "<w:document {W}><w:body><w:p>\
         <w:r><w:rPr><w:rFonts w:ascii=\".VnTimeH\" w:hAnsi=\".VnTimeH\"/></w:rPr><w:t>céng hoµ</w:t></w:r>\
         <w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr><w:t> x· héi</w:t></w:r>\
         <w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr><w:t> chuû nghóa</w:t></w:r>\
         <w:r><w:t> café</w:t></w:r>\
         </w:p></w:body></w:document>"
    );
    let text = extract_text(Path::new("b.docx"), &docx(&xml)).expect("extract docx");
    assert_eq!(text, "CỘNG HOÀ xã hội chủ nghĩa café\n");
}

#[test]
fn rtf_fonts_code_pages_and_unicode() {
    let rtf = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset0{\*\panose 020b7200000000000000}.VnTime;}{\f2\fswiss .VnTimeH;}{\f3 VNI-Times;}}
{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\title x}}
{\header header text\par}
\pard\plain {\f2 c\'e9ng ho\'b5 x\'b7 h\'e9i}\par
{\f1 Ng\'ad\'eai d\'a9n}\tab {\f3 Co\'e4ng}\par
caf\'e9 \u7897?n\line \uc2\u273**i {\*\unknown skip me}{\pict 0123abcd}\{ok\}}";
    let text = extract_text(Path::new("c.rtf"), rtf).expect("extract rtf");
    assert_eq!(text, "CỘNG HOÀ XÃ HỘI\nNgười dân\tCộng\ncafé ộn\nđi {ok}");
}

#[test]
fn txt_is_decoded() {
    let text = extract_text(Path::new("d.txt"), b"C\xe9ng ho\xb5").expect("extract txt");
    assert_eq!(text, "Céng hoµ");
    assert_eq!(auto_convert("Céng hoµ x· héi").1, "Cộng hoà xã hội");
}

#[test]
fn broken_input_gives_typed_errors() {
    assert!(matches!(
        extract_text(Path::new("x.docx"), b""),
        Err(ExtractError::Docx(_))
    ));
    assert!(matches!(
        extract_text(Path::new("x.docx"), b"PK\x03\x04 definitely not a zip"),
        Err(ExtractError::Docx(_))
    ));
    // A valid zip without word/document.xml.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .expect("start file");
        zip.write_all(b"hi").expect("write");
        zip.finish().expect("finish");
    }
    assert!(matches!(
        extract_text(Path::new("x.docx"), &buf.into_inner()),
        Err(ExtractError::Docx(_))
    ));
    // Malformed XML inside.
    assert!(matches!(
        extract_text(
            Path::new("x.docx"),
            &docx("<w:document><w:body><w:p></w:body>")
        ),
        Err(ExtractError::Docx(_))
    ));
    assert!(matches!(
        extract_text(Path::new("x.rtf"), b""),
        Err(ExtractError::Rtf(_))
    ));
    assert!(matches!(
        extract_text(Path::new("x.rtf"), b"\x00\xff garbage"),
        Err(ExtractError::Rtf(_))
    ));
    assert!(matches!(
        extract_text(Path::new("x.pdf"), b"%PDF"),
        Err(ExtractError::Unsupported { .. })
    ));
    // Truncated or odd RTF never panics.
    for rtf in [
        &b"{\\rtf1"[..],
        b"{\\rtf1 {\\f",
        b"{\\rtf1 \\'",
        b"{\\rtf1 \\'zz \\u",
        b"{\\rtf1 \\bin999999 x",
        b"{\\rtf1 }}}} text",
        b"{\\rtf1 \\u-99999999999999999999 \\uc999999999999 x}",
    ] {
        let _ = extract_text(Path::new("t.rtf"), rtf);
    }
    let deep = [b"{\\rtf1 ".as_slice(), &[b'{'; 10_000]].concat();
    assert!(matches!(
        extract_text(Path::new("t.rtf"), &deep),
        Err(ExtractError::Rtf(_))
    ));
}

//! The PDF read back by an independent tool (poppler's `pdftotext`, Debian package
//! poppler-utils, installed by `scripts/setup.sh test`): the Vietnamese letters and the totals
//! must come out as text, as a superior's office would copy or search them.
//!
//! `LOA_SAVE_REPORT=DIR` also writes the PDFs and one PNG per page there, for a person to look
//! at.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use loa_render::Renderer;
use loa_report::{Lang, build, pages_png, pdf};

/// The text of a PDF, page by page, as pdftotext reads it.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is needed to read the report back ({e}); install poppler-utils (scripts/setup.sh test)")
        });
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// Lines joined by spaces and runs of spaces collapsed: a phrase split over two lines of a
/// table cell or paragraph is still found.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn save(name: &str, pdf_bytes: &[u8], pages: &[Vec<u8>]) {
    let Ok(dir) = std::env::var("LOA_SAVE_REPORT") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("save dir");
    std::fs::write(dir.join(format!("{name}.pdf")), pdf_bytes).expect("save pdf");
    for (i, page) in pages.iter().enumerate() {
        std::fs::write(dir.join(format!("{name}-page{}.png", i + 1)), page).expect("save png");
    }
}

#[test]
fn vietnamese_report_reads_back_with_its_diacritics_and_totals() {
    let renderer = Renderer::new();
    let report = build(&input(), &january(), now());
    let bytes = pdf(&renderer, &report, &letterhead(), Lang::Vi).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pages_png(&renderer, &report, &letterhead(), Lang::Vi, 1.5).expect("png");
    save("report-vi", &bytes, &pages);
    assert!(pages.len() >= 2, "a month's report runs over pages");

    let text = pdf_text(&bytes);
    let all = flat(&text);
    for phrase in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ NÀ HẨU",
        "Số:",
        "/BC-UBND",
        "Nà Hẩu, ngày 03 tháng 02 năm 2026",
        "BÁO CÁO",
        "Kết quả thông tin, tuyên truyền trên mạng xã hội tháng 01 năm 2026",
        "(Từ ngày 01/01/2026 đến ngày 31/01/2026)",
        "I. KẾT QUẢ THỰC HIỆN",
        "Tổng số tin, bài đã đăng: 7 tin, bài",
        "Thời tiết, thiên tai",
        "Chào mừng Đại hội Đảng các cấp",
        "sử dụng 9 ảnh, 1 video và 2 infographic",
        "Đã đăng 2 tin cảnh báo thời tiết, thiên tai",
        T2,
        "2.192.178",
        "13.250",
        "Không có số liệu",
        "không có nghĩa là bằng 0",
        "II. TỒN TẠI, HẠN CHẾ",
        "còn 1 tin, bài đang chờ đăng và 2 tin, bài đăng không thành công",
        "III. DANH SÁCH TIN, BÀI ĐÃ ĐĂNG",
        T8,
        "Nơi nhận:",
        "Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lò Văn Thắng",
    ] {
        assert!(
            all.contains(phrase),
            "the PDF text lacks “{phrase}”:\n{text}"
        );
    }
    // Precomposed letters, as typed (NFC), not a base letter and a combining mark.
    for letter in ['ộ', 'ể', 'ẩ', 'ạ', 'Ủ', 'Ệ', 'Ự'] {
        assert!(text.contains(letter), "{letter} is missing from the text");
    }
    assert!(
        !text.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)),
        "no combining marks"
    );
    // Page numbers from the second page on, at the top (Decree 30: none on the first page).
    let pages_text: Vec<String> = text.split('\u{c}').map(flat).collect();
    assert!(
        pages_text[0].starts_with("ỦY BAN NHÂN DÂN"),
        "{}",
        pages_text[0]
    );
    assert!(pages_text[1].starts_with("2 "), "{}", pages_text[1]);
}

#[test]
fn english_report_reads_back() {
    let renderer = Renderer::new();
    let report = build(&input(), &january(), now());
    let bytes = pdf(&renderer, &report, &letterhead(), Lang::En).expect("pdf");
    let pages = pages_png(&renderer, &report, &letterhead(), Lang::En, 1.5).expect("png");
    save("report-en", &bytes, &pages);
    let all = flat(&pdf_text(&bytes));
    for phrase in [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Independence - Freedom - Happiness",
        "PEOPLE'S COMMITTEE",
        "Nà Hẩu, 3 February 2026",
        "REPORT",
        "Results of information and communication on social networks, January 2026",
        "Posts published: 7",
        "2,192,178",
        "Not available",
        "Recipients:",
        T1,
    ] {
        assert!(
            all.contains(phrase),
            "the PDF text lacks “{phrase}”:\n{all}"
        );
    }
}

#[test]
fn a_year_charts_months_and_an_empty_month_still_makes_a_document() {
    let renderer = Renderer::new();
    let year = loa_report::Period::parse("2026").expect("year");
    let report = build(&input(), &year, now());
    let bytes = pdf(&renderer, &report, &letterhead(), Lang::Vi).expect("pdf");
    let pages = pages_png(&renderer, &report, &letterhead(), Lang::Vi, 1.5).expect("png");
    save("report-year-vi", &bytes, &pages);
    let all = flat(&pdf_text(&bytes));
    assert!(all.contains("Số tin, bài theo tháng"), "{all}");
    assert!(all.contains("năm 2026"));

    let empty = build(&loa_report::ReportInput::default(), &january(), now());
    let bytes = pdf(&renderer, &empty, &letterhead(), Lang::Vi).expect("pdf");
    let pages = pages_png(&renderer, &empty, &letterhead(), Lang::Vi, 1.5).expect("png");
    save("report-empty-vi", &bytes, &pages);
    let all = flat(&pdf_text(&bytes));
    assert!(
        all.contains("Tổng số tin, bài đã đăng: 0 tin, bài"),
        "{all}"
    );
    assert!(
        all.contains("Chưa có số liệu từ Facebook cho kỳ này"),
        "{all}"
    );
}

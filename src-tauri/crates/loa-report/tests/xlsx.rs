//! The workbook opened by an independent reader (calamine): sheet names, every figure of the
//! summary as a number, the posts with real dates, in both languages.

mod common;

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use common::*;
use loa_report::{Lang, build, xlsx};

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("a workbook calamine can open")
}

/// The value right of the first cell in column A that equals `label`.
fn value_of<'a>(range: &'a Range<Data>, label: &str) -> &'a Data {
    for row in range.rows() {
        if let Some(Data::String(s)) = row.first()
            && s == label
        {
            return row.get(1).expect("a value beside the label");
        }
    }
    panic!("no row labelled “{label}”");
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{other:?} is not a number"),
    }
}

#[test]
fn vietnamese_workbook_holds_every_figure() {
    let report = build(&input(), &january(), now());
    let mut wb = open(xlsx(&report, &letterhead(), Lang::Vi).expect("xlsx"));
    assert_eq!(
        wb.sheet_names(),
        vec!["Tổng hợp", "Danh sách tin bài", "Theo tuần"]
    );
    let summary = wb.worksheet_range("Tổng hợp").expect("summary sheet");
    assert_eq!(
        summary.get((0, 0)),
        Some(&Data::String(
            "Báo cáo kết quả thông tin, tuyên truyền trên mạng xã hội".into()
        ))
    );
    assert_eq!(number(value_of(&summary, "Tổng số tin, bài đã đăng")), 7.0);
    assert_eq!(number(value_of(&summary, FB)), 5.0);
    assert_eq!(number(value_of(&summary, WEB)), 3.0);
    assert_eq!(number(value_of(&summary, USB)), 0.0);
    assert_eq!(number(value_of(&summary, "Thời tiết, thiên tai")), 3.0);
    assert_eq!(number(value_of(&summary, "Số ảnh")), 9.0);
    assert_eq!(number(value_of(&summary, "Số video")), 1.0);
    assert_eq!(number(value_of(&summary, "Số infographic")), 2.0);
    assert_eq!(
        number(value_of(&summary, "Số tin cảnh báo thời tiết, thiên tai")),
        2.0
    );
    // (42 + 37 440) / 2 = 18 741 minutes.
    assert_eq!(
        number(value_of(
            &summary,
            "Thời gian trung bình từ khi soạn đến khi đăng (phút)"
        )),
        18_741.0
    );
    assert_eq!(number(value_of(&summary, "Tin, bài đang chờ đăng")), 1.0);
    assert_eq!(
        number(value_of(&summary, "Tin, bài đăng không thành công")),
        2.0
    );
    assert_eq!(
        number(value_of(&summary, "Lượt xem nội dung của Trang")),
        2_192_178.0
    );
    assert_eq!(
        number(value_of(&summary, "Người theo dõi Trang cuối kỳ")),
        13_250.0
    );
    assert_eq!(
        value_of(&summary, "Lượt tương tác với bài đăng"),
        &Data::String("Không có số liệu".into())
    );
    // A section's three figures sit side by side.
    let congress = summary
        .rows()
        .find(|r| r.first() == Some(&Data::String("Chào mừng Đại hội Đảng các cấp".into())))
        .expect("section row");
    let figures: Vec<f64> = congress[1..4].iter().map(number).collect();
    assert_eq!(figures, vec![3.0, 2.0, 1.0]);

    let posts = wb
        .worksheet_range("Danh sách tin bài")
        .expect("posts sheet");
    assert_eq!(posts.height(), 1 + 7, "a header and one row per post");
    assert_eq!(posts.get((0, 2)), Some(&Data::String("Tiêu đề".into())));
    let titles: Vec<String> = (1..8)
        .map(|r| match posts.get((r, 2)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("title cell {other:?}"),
        })
        .collect();
    assert_eq!(titles[0], T3);
    assert!(titles.contains(&T2.to_owned()));
    // The first post's time is a date-time cell: 1 January 2026 00:00 in Vietnam.
    match posts.get((1, 1)) {
        Some(Data::DateTime(dt)) => {
            let v = dt.as_f64();
            // Excel's serial for 2026-01-01 is 46023.
            assert!((v - 46_023.0).abs() < 1e-6, "{v}");
        }
        other => panic!("date cell {other:?}"),
    }
    assert_eq!(
        posts.get((3, 4)),
        Some(&Data::String(format!("{FB}, {WEB}")))
    );
    assert_eq!(
        posts.get((3, 5)),
        Some(&Data::String("https://example.invalid/facebook/1".into()))
    );

    let weeks = wb.worksheet_range("Theo tuần").expect("weeks sheet");
    assert_eq!(weeks.height(), 1 + 5);
    let total_col = weeks.width() - 1;
    let total: f64 = (1..6)
        .map(|r| number(weeks.get((r, total_col)).expect("total")))
        .sum();
    assert_eq!(total, 9.0);
}

#[test]
fn english_workbook_speaks_english() {
    let report = build(&input(), &january(), now());
    let mut wb = open(xlsx(&report, &letterhead(), Lang::En).expect("xlsx"));
    assert_eq!(wb.sheet_names(), vec!["Summary", "Posts", "By week"]);
    let summary = wb.worksheet_range("Summary").expect("summary");
    assert_eq!(number(value_of(&summary, "Posts published")), 7.0);
    assert_eq!(
        number(value_of(&summary, "Posts waiting to be published")),
        1.0
    );
    assert_eq!(
        value_of(&summary, "Engagements with posts"),
        &Data::String("Not available".into())
    );
}

//! A small valid pack built in code, for this crate's tests.

use crate::pack::FileMap;

const NOTICE: &str = r#"{
  "id": "notice", "version": 2, "category": "admin",
  "name": {"vi": "Thông báo", "en": "Notice"},
  "sizes": ["1080x1350", "1080x1080", "1200x630", "a4", "a3"],
  "fields": [
    {"key": "title", "type": "text", "required": true, "max_len": 80,
     "label": {"vi": "Tiêu đề", "en": "Title"}},
    {"key": "body", "type": "multiline", "label": {"vi": "Nội dung", "en": "Text"}, "max_len": 2000},
    {"key": "date", "type": "date", "label": {"vi": "Ngày", "en": "Date"}},
    {"key": "start", "type": "time", "label": {"vi": "Giờ", "en": "Time"}},
    {"key": "at", "type": "datetime", "label": {"vi": "Lúc", "en": "At"}},
    {"key": "villages", "type": "list", "max_items": 3, "max_len": 20,
     "label": {"vi": "Thôn", "en": "Villages"}},
    {"key": "hours", "type": "table", "max_items": 4, "max_len": 30,
     "columns": [{"key": "day", "label": {"vi": "Thứ", "en": "Day"}},
                 {"key": "time", "label": {"vi": "Giờ", "en": "Time"}}],
     "label": {"vi": "Lịch", "en": "Hours"}},
    {"key": "photo", "type": "image", "label": {"vi": "Ảnh", "en": "Photo"}},
    {"key": "portal", "type": "qr", "label": {"vi": "Mã QR", "en": "QR code"}},
    {"key": "level", "type": "choice",
     "options": [{"value": "1", "label": {"vi": "Cấp 1", "en": "Level 1"}},
                 {"value": "3", "label": {"vi": "Cấp 3", "en": "Level 3"}}],
     "label": {"vi": "Cấp", "en": "Level"}}
  ]
}"#;

const NOTICE_VI: &str = "caption = 📢 { $title } ({ $date }, { $start }, cấp { $level })
    { $villages }
    { $hours }
    Xem: { $portal }
label-heading = THÔNG BÁO
label-hotline = Đường dây nóng
";

const NOTICE_EN: &str = "caption = 📢 { $title }
    { $villages }
label-heading = NOTICE
label-hotline = Hotline
";

const POSTER: &str = r#"{
  "id": "poster", "version": 1, "category": "event",
  "name": {"vi": "Áp phích", "en": "Poster"},
  "sizes": ["1080x1350"],
  "fields": [{"key": "title", "type": "text", "required": true, "label": {"vi": "Tiêu đề", "en": "Title"}}]
}"#;

/// The files of the test pack: two templates sharing `lib.typ`.
pub(crate) fn tiny_pack_files() -> FileMap {
    let mut files = FileMap::new();
    let mut put = |p: &str, s: &str| {
        files.insert(p.to_owned(), s.as_bytes().to_vec());
    };
    put(
        "pack.json",
        r#"{"id": "test-pack", "version": 1, "name": {"vi": "Gói thử", "en": "Test pack"},
            "templates": ["notice", "poster"]}"#,
    );
    put("lib.typ", "#let hello = [hi]\n");
    put("notice/template.json", NOTICE);
    put("notice/layout.typ", "#import \"../lib.typ\": *\n#hello\n");
    put("notice/vi.ftl", NOTICE_VI);
    put("notice/en.ftl", NOTICE_EN);
    put("poster/template.json", POSTER);
    put("poster/layout.typ", "= Poster\n");
    put("poster/vi.ftl", "caption = { $title }\n");
    put("poster/en.ftl", "caption = { $title }\n");
    files
}

//! Behaviour of `loa_checks::check` on whole posts.

use chrono::{DateTime, Duration, TimeZone, Utc};
use loa_checks::{ChannelKind as Channel, Field, Finding, PhotoInput, PostInput, Severity, check};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 29, 8, 0, 0)
        .single()
        .expect("valid fixed date")
}

fn post<'a>(title: &'a str, body: &'a str) -> PostInput<'a> {
    PostInput {
        title,
        body,
        photos: &[],
        channels: &[],
        scheduled_at: None,
        now: now(),
    }
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

/// The personal-data findings of a body, as (code, matched text).
fn personal(body: &str) -> Vec<(&'static str, String)> {
    let chars: Vec<char> = body.chars().collect();
    check(&post("Thông báo", body))
        .into_iter()
        .filter(|f| {
            matches!(
                f.code,
                "citizen_id" | "old_id_number" | "phone_number" | "email"
            )
        })
        .map(|f| {
            let (s, e) = (
                f.start.expect("personal data has a start"),
                f.end.expect("personal data has an end"),
            );
            (f.code, chars[s..e].iter().collect())
        })
        .collect()
}

fn one(code: &'static str, text: &str) -> Vec<(&'static str, String)> {
    vec![(code, text.to_owned())]
}

// --- Citizen ID (CCCD) -------------------------------------------------------------------------------

#[test]
fn citizen_id_in_many_spellings() {
    for (body, found) in [
        (
            "Ông A, CCCD 001203004567, thường trú thôn 3.",
            "001203004567",
        ),
        ("Số CCCD: 001 203 004 567.", "001 203 004 567"),
        ("căn cước 001.203.004.567", "001.203.004.567"),
        ("căn cước 001-203-004-567", "001-203-004-567"),
        ("0012 0300 4567 là số của bà B", "0012 0300 4567"),
        ("(079095001234)", "079095001234"),
        (
            "số định danh 096\u{a0}195\u{a0}000\u{a0}111",
            "096\u{a0}195\u{a0}000\u{a0}111",
        ),
        ("001203004567", "001203004567"),
    ] {
        assert_eq!(personal(body), one("citizen_id", found), "{body}");
    }
}

#[test]
fn citizen_id_is_blocking_and_masked() {
    let findings = check(&post("", "CCCD 001203004567"));
    let f = &findings[0];
    assert_eq!(f.code, "citizen_id");
    assert_eq!(f.severity, Severity::Block);
    assert_eq!(f.field, Field::Body);
    assert_eq!(f.message_id, "check-citizen-id");
    assert_eq!(f.fix_id, "check-citizen-id-fix");
    assert_eq!(
        f.args.get("found").map(String::as_str),
        Some("001*******67")
    );
    assert!(
        !f.args.values().any(|v| v.contains("203004")),
        "the number itself never travels in args"
    );
}

#[test]
fn citizen_id_needs_a_province_code_from_001_to_096() {
    assert!(personal("mã 000203004567").is_empty());
    assert!(personal("mã 097203004567").is_empty());
    assert!(personal("mã 123456789012").is_empty());
    assert_eq!(personal("mã 096203004567").len(), 1);
}

#[test]
fn citizen_id_offsets_count_characters_not_bytes() {
    let body = "Đề nghị ông Nguyễn Văn Đức (CCCD 001203004567) đến UBND xã.";
    let findings = check(&post("", body));
    let f = findings
        .iter()
        .find(|f| f.code == "citizen_id")
        .expect("found");
    let start = body
        .chars()
        .collect::<Vec<_>>()
        .windows(12)
        .position(|w| w.iter().collect::<String>() == "001203004567")
        .expect("present");
    assert_eq!(start, 33);
    assert_eq!((f.start, f.end), (Some(33), Some(45)));
    // Byte offsets would be larger: the text before holds multi-byte letters.
    assert!(body.find("001203004567").expect("present") > 33);
}

#[test]
fn title_findings_have_title_offsets() {
    let findings = check(&post("Tìm người thân: SĐT 0912 345 678", "Nội dung"));
    let f = findings
        .iter()
        .find(|f| f.code == "phone_number")
        .expect("found");
    assert_eq!(f.field, Field::Title);
    assert_eq!((f.start, f.end), (Some(20), Some(32)));
}

// --- Old ID (CMND) -----------------------------------------------------------------------------------

#[test]
fn old_id_numbers() {
    for (body, found) in [
        ("CMND số 123456789 cấp ngày 1/1/2010", "123456789"),
        ("CMND: 012 345 678", "012 345 678"),
        ("số CMT 123.456.789", "123.456.789"),
        ("chứng minh nhân dân 230-456-789", "230-456-789"),
        ("Anh C (272345678) liên hệ", "272345678"),
    ] {
        assert_eq!(personal(body), one("old_id_number", found), "{body}");
    }
    let findings = check(&post("", "CMND 123456789"));
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(
        findings[0].args.get("found").map(String::as_str),
        Some("123****89")
    );
}

// --- Phones ------------------------------------------------------------------------------------------

#[test]
fn mobile_numbers_in_many_spellings() {
    for (body, found) in [
        ("Liên hệ 0912345678.", "0912345678"),
        ("Liên hệ 0912 345 678", "0912 345 678"),
        ("Liên hệ 0912.345.678", "0912.345.678"),
        ("Liên hệ 0912-345-678", "0912-345-678"),
        ("Liên hệ 091 234 5678", "091 234 5678"),
        ("Liên hệ 0357 123 456", "0357 123 456"),
        ("Liên hệ 0563.123.456", "0563.123.456"),
        ("Liên hệ 0789 123 456", "0789 123 456"),
        ("Liên hệ 0868 123 456", "0868 123 456"),
        ("Liên hệ +84 912 345 678", "+84 912 345 678"),
        ("Liên hệ +84912345678", "+84912345678"),
        ("Liên hệ +84-912-345-678", "+84-912-345-678"),
        ("Liên hệ +84 0912 345 678", "+84 0912 345 678"),
        ("Liên hệ 84912345678", "84912345678"),
        ("Liên hệ 84 912 345 678", "84 912 345 678"),
        ("SĐT:0912345678", "0912345678"),
        ("(0912345678)", "0912345678"),
        ("Liên hệ (+84) 912 345 678", "+84) 912 345 678"),
        ("Liên hệ +84 (0)912 345 678", "+84 (0)912 345 678"),
    ] {
        assert_eq!(personal(body), one("phone_number", found), "{body}");
    }
}

#[test]
fn phone_is_a_warning_with_masked_found() {
    let findings = check(&post("", "Gọi +84 912 345 678"));
    let f = &findings[0];
    assert_eq!(f.code, "phone_number");
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(
        f.args.get("found").map(String::as_str),
        Some("+849******78")
    );
    assert_eq!((f.start, f.end), (Some(4), Some(19)));
}

#[test]
fn several_numbers_in_one_sentence() {
    assert_eq!(
        personal("Điện thoại: 0912345678 - 0987.654.321, hoặc 0356 111 222"),
        vec![
            ("phone_number", "0912345678".to_owned()),
            ("phone_number", "0987.654.321".to_owned()),
            ("phone_number", "0356 111 222".to_owned()),
        ]
    );
    assert_eq!(
        personal("0912345678 0987654321"),
        vec![
            ("phone_number", "0912345678".to_owned()),
            ("phone_number", "0987654321".to_owned()),
        ]
    );
}

// --- E-mail ------------------------------------------------------------------------------------------

#[test]
fn email_addresses() {
    for (body, found) in [
        ("Gửi về ubndxa.tanhoa@gmail.com.", "ubndxa.tanhoa@gmail.com"),
        (
            "Email: nguyen_van-a+tin@tanhoa.gov.vn",
            "nguyen_van-a+tin@tanhoa.gov.vn",
        ),
        ("(abc@xyz.vn)", "abc@xyz.vn"),
        ("thư:0912345678@gmail.com", "0912345678@gmail.com"),
    ] {
        assert_eq!(personal(body), one("email", found), "{body}");
    }
    let findings = check(&post("", "Thư: ubndxa@gmail.com"));
    assert_eq!(findings[0].severity, Severity::Warn);
    assert_eq!(
        findings[0].args.get("found").map(String::as_str),
        Some("ub***@gmail.com")
    );
    assert_eq!((findings[0].start, findings[0].end), (Some(5), Some(21)));
}

#[test]
fn not_emails() {
    for body in [
        "Theo dõi @ubndxa trên Zalo",
        "tỉ lệ 3 @ 5",
        "a@b",
        "user@localhost",
        "xem https://user@example.com/trang",
    ] {
        assert!(personal(body).is_empty(), "{body}");
    }
}

// --- Things that are not personal data ---------------------------------------------------------------

#[test]
fn dates_money_years_documents_hotlines_and_urls_are_not_personal() {
    for body in [
        "Ngày 29/7/2025, UBND xã tổ chức họp.",
        "Từ 29-07-2025 đến 2025-08-15",
        "ngày 29.7.2025",
        "Hỗ trợ 2.192.178 đồng mỗi hộ.",
        "Tổng kinh phí 123.456.789 đồng.",
        "Tổng kinh phí 123.456.789",
        "Tổng kinh phí 123 456 789 đồng",
        "Ngân sách 12.345.678.900 đồng",
        "Doanh thu 84.912.345.678 đồng",
        "Doanh thu 1.234.567.890,50 đồng",
        "Giai đoạn 2021-2025, năm 2025",
        "Số 123/QĐ-UBND ngày 12/3/2025",
        "Quyết định số 0912345678/QĐ-UBND",
        "Công văn 001203004567/UBND-VP",
        "Gọi 111, 113, 114, 115 khi khẩn cấp.",
        "Tổng đài 1900 1234 hoặc 1900.123.456 hoặc 18001234 hoặc 1800 599 920",
        "Điện thoại cơ quan 0203 3826 123 hoặc 02033826123",
        "Xem https://www.facebook.com/profile.php?id=100012345678901 và https://zalo.me/0912345678",
        "Trang www.tanhoa.gov.vn/tin/001203004567",
        "Dân số 12.345 người, 3.456 hộ.",
        "MST: 0312345678",
        "Số tài khoản 123456789 tại Agribank",
        "Mã hồ sơ 000123456",
        "Thẻ 9704 0012 3456 7890",
        "abc0912345678 và 0912345678xyz",
        "Mã 12345678901234",
        "1234567890123",
        "Lúc 10:30, phòng 0912",
        "Cập nhật v2.0.912345678",
    ] {
        assert!(personal(body).is_empty(), "{body}: {:?}", personal(body));
    }
}

#[test]
fn digits_must_not_be_part_of_a_longer_run() {
    assert!(personal("00120300456789").is_empty());
    assert!(personal("109123456789").is_empty());
    assert!(personal("0912345678901").is_empty());
    assert!(personal("84912345678901").is_empty());
    assert!(personal("1.0912345678").is_empty());
}

// --- Photos ------------------------------------------------------------------------------------------

fn photo(alt: &str, bytes: u64) -> PhotoInput<'_> {
    PhotoInput {
        alt_text: alt,
        bytes,
        width: 2048,
        height: 1536,
    }
}

#[test]
fn photo_without_alt_text_is_a_warning_on_that_photo() {
    let photos = [photo("Lễ ra quân", 500_000), photo("  ", 500_000)];
    let input = PostInput {
        photos: &photos,
        ..post("Tin", "Nội dung")
    };
    let findings = check(&input);
    assert_eq!(codes(&findings), vec!["photo_alt_missing"]);
    assert_eq!(findings[0].field, Field::Photo(1));
    assert_eq!(findings[0].severity, Severity::Warn);
    assert_eq!(
        findings[0].args.get("number").map(String::as_str),
        Some("2")
    );
}

#[test]
fn facebook_photo_size_limit() {
    let max = loa_platforms::FACEBOOK
        .max_photo_bytes
        .expect("Facebook caps photo size");
    let photos = [photo("a", max), photo("b", max + 1)];
    let input = PostInput {
        photos: &photos,
        channels: &[Channel::Facebook],
        ..post("Tin", "Nội dung")
    };
    let findings = check(&input);
    assert_eq!(codes(&findings), vec!["facebook_photo_too_large"]);
    assert_eq!(findings[0].field, Field::Photo(1));
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(
        findings[0].args.get("limit").map(String::as_str),
        Some(loa_platforms::megabytes(max).as_str())
    );

    let zalo_only = PostInput {
        channels: &[Channel::Zalo],
        ..input
    };
    assert!(check(&zalo_only).is_empty());
}

#[test]
fn facebook_photo_count_limit() {
    let ten: Vec<PhotoInput<'_>> = (0..10).map(|_| photo("ảnh", 1_000)).collect();
    let eleven: Vec<PhotoInput<'_>> = (0..11).map(|_| photo("ảnh", 1_000)).collect();
    let base = post("Tin", "Nội dung");
    assert!(
        check(&PostInput {
            photos: &ten,
            ..base
        })
        .is_empty()
    );
    let findings = check(&PostInput {
        photos: &eleven,
        ..base
    });
    assert_eq!(codes(&findings), vec!["facebook_too_many_photos"]);
    assert_eq!(findings[0].field, Field::Post);
    assert_eq!(
        findings[0].args.get("count").map(String::as_str),
        Some("11")
    );
    assert!(
        check(&PostInput {
            photos: &eleven,
            channels: &[Channel::Wordpress, Channel::Folder],
            ..base
        })
        .is_empty()
    );
}

// --- Facebook text limit -----------------------------------------------------------------------------

#[test]
fn facebook_text_limit_boundary() {
    let limit = loa_platforms::FACEBOOK
        .max_text_chars
        .expect("Facebook limits text") as usize;
    let ok = "a".repeat(limit);
    let over = "a".repeat(limit + 1);
    let fb = [Channel::Facebook];
    assert!(
        check(&PostInput {
            channels: &fb,
            ..post("", &ok)
        })
        .is_empty()
    );
    let findings = check(&PostInput {
        channels: &fb,
        ..post("", &over)
    });
    assert_eq!(codes(&findings), vec!["facebook_text_too_long"]);
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(
        findings[0].args.get("length").map(String::as_str),
        Some((limit + 1).to_string().as_str())
    );
    assert_eq!(
        findings[0].args.get("limit").map(String::as_str),
        Some(limit.to_string().as_str())
    );
}

#[test]
fn facebook_text_counts_title_blank_line_and_body_in_characters() {
    // "Tiêu đề" is 7 characters: 7 + 2 (blank line) + body = the limit.
    let limit = loa_platforms::FACEBOOK
        .max_text_chars
        .expect("Facebook limits text") as usize;
    let body = "ệ".repeat(limit - 9);
    let fb = [Channel::Facebook];
    assert!(
        check(&PostInput {
            channels: &fb,
            ..post("Tiêu đề", &body)
        })
        .is_empty()
    );
    let body = "ệ".repeat(limit - 8);
    assert_eq!(
        codes(&check(&PostInput {
            channels: &fb,
            ..post("Tiêu đề", &body)
        })),
        vec!["facebook_text_too_long"]
    );
    // Not a Facebook post: no limit.
    assert!(
        check(&PostInput {
            channels: &[Channel::Wordpress],
            ..post("Tiêu đề", &body)
        })
        .is_empty()
    );
}

// --- Zalo limits -------------------------------------------------------------------------------------

#[test]
fn zalo_title_limit_boundary_and_overflow_span() {
    let zalo = [Channel::Zalo];
    let ok = "Đ".repeat(150);
    assert!(
        check(&PostInput {
            channels: &zalo,
            ..post(&ok, "Nội dung")
        })
        .is_empty()
    );
    let over = "Đ".repeat(151);
    let findings = check(&PostInput {
        channels: &zalo,
        ..post(&over, "Nội dung")
    });
    assert_eq!(codes(&findings), vec!["zalo_title_too_long"]);
    assert_eq!(findings[0].field, Field::Title);
    assert_eq!((findings[0].start, findings[0].end), (Some(150), Some(151)));
}

#[test]
fn zalo_description_is_the_first_paragraph() {
    let zalo = [Channel::Zalo];
    let long_rest = "x".repeat(5_000);
    let ok = format!("{}\n\n{long_rest}", "ư".repeat(300));
    assert!(
        check(&PostInput {
            channels: &zalo,
            ..post("Tin", &ok)
        })
        .is_empty()
    );
    let over = format!("  {}\n\n{long_rest}", "ư".repeat(301));
    let findings = check(&PostInput {
        channels: &zalo,
        ..post("Tin", &over)
    });
    assert_eq!(codes(&findings), vec!["zalo_description_too_long"]);
    assert_eq!(findings[0].field, Field::Body);
    assert_eq!((findings[0].start, findings[0].end), (Some(302), Some(303)));
    assert_eq!(
        findings[0].args.get("length").map(String::as_str),
        Some("301")
    );
}

// --- Schedule ----------------------------------------------------------------------------------------

fn scheduled(offset: Duration, channels: &[Channel]) -> Vec<&'static str> {
    codes(&check(&PostInput {
        scheduled_at: Some(now() + offset),
        channels,
        ..post("Tin", "Nội dung")
    }))
}

#[test]
fn schedule_window_edges() {
    let fb = [Channel::Facebook];
    // Facebook takes 10 minutes to 30 days; Loa keeps a minute clear at the near end and an
    // hour at the far end (loa_platforms::ScheduleWindow::FACEBOOK), as its client does.
    assert!(scheduled(Duration::minutes(11), &fb).is_empty());
    assert!(scheduled(Duration::days(30) - Duration::hours(1), &fb).is_empty());
    assert!(scheduled(Duration::days(1), &fb).is_empty());
    for bad in [
        Duration::minutes(11) - Duration::seconds(1),
        Duration::minutes(10),
        Duration::days(30) - Duration::hours(1) + Duration::seconds(1),
        Duration::days(30),
        Duration::zero(),
        Duration::hours(-2),
        Duration::days(75),
    ] {
        assert_eq!(
            scheduled(bad, &fb),
            vec!["schedule_outside_window"],
            "{bad}"
        );
    }
    // Only Facebook has this window; an empty channel list means every channel.
    assert!(scheduled(Duration::days(40), &[Channel::Zalo, Channel::Wordpress]).is_empty());
    assert_eq!(
        scheduled(Duration::days(40), &[]),
        vec!["schedule_outside_window"]
    );
    let f = &check(&PostInput {
        scheduled_at: Some(now()),
        ..post("Tin", "Nội dung")
    })[0];
    assert_eq!(f.field, Field::Schedule);
    assert_eq!(f.severity, Severity::Block);
    assert_eq!(f.args.get("min_minutes").map(String::as_str), Some("11"));
    assert_eq!(f.args.get("max_days").map(String::as_str), Some("29"));
}

// --- Text hygiene ------------------------------------------------------------------------------------

#[test]
fn decomposed_text_is_a_warning() {
    let body = "Thôn Ha\u{300} Tây"; // "Hà" written as a + combining grave
    let findings = check(&post("Tin", body));
    assert_eq!(codes(&findings), vec!["not_nfc"]);
    assert_eq!(findings[0].severity, Severity::Warn);
    assert_eq!(findings[0].field, Field::Body);
    assert_eq!((findings[0].start, findings[0].end), (Some(6), Some(8)));
    assert!(check(&post("Tin", "Thôn Hà Tây")).is_empty());
}

#[test]
fn legacy_encodings_block() {
    let findings = check(&post("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Nội dung"));
    assert_eq!(codes(&findings), vec!["legacy_encoding"]);
    assert_eq!(findings[0].severity, Severity::Block);
    assert_eq!(findings[0].field, Field::Title);
    assert_eq!(
        findings[0].args.get("encoding").map(String::as_str),
        Some("TCVN3")
    );

    let findings = check(&post("Tin", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"));
    assert_eq!(codes(&findings), vec!["legacy_encoding"]);
    assert_eq!(
        findings[0].args.get("encoding").map(String::as_str),
        Some("VNI")
    );
    assert_eq!(
        findings[0].args.get("sample").map(String::as_str),
        Some("Coäng")
    );
    assert_eq!((findings[0].start, findings[0].end), (Some(0), Some(36)));
}

#[test]
fn proper_text_is_clean() {
    let body = "UBND xã Tân Hòa thông báo: từ ngày 29/7/2025, người dân mang căn cước đến \
                Bộ phận một cửa. Hỗ trợ 2.192.178 đồng/hộ theo Quyết định số 123/QĐ-UBND. \
                Café sáng, naïve, Noël. Đường dây nóng: 113, 1900 1234.";
    assert!(check(&post("Thông báo lịch tiếp công dân", body)).is_empty());
}

// --- Empty post and ordering -------------------------------------------------------------------------

#[test]
fn empty_post_blocks() {
    for (t, b) in [("", ""), ("  ", "\n\t "), ("\u{a0}", "")] {
        let findings = check(&post(t, b));
        assert_eq!(codes(&findings), vec!["empty_post"], "{t:?} {b:?}");
        assert_eq!(findings[0].field, Field::Post);
        assert_eq!(findings[0].severity, Severity::Block);
    }
    assert!(check(&post("Tiêu đề", "")).is_empty());
    assert!(check(&post("", "Nội dung")).is_empty());
}

#[test]
fn findings_are_sorted_by_field_then_start() {
    let photos = [photo("", 5_000_000)];
    let input = PostInput {
        photos: &photos,
        scheduled_at: Some(now()),
        ..post(
            "Gọi 0912345678 hoặc 0987654321",
            "Email a.b@xa.vn, CCCD 001203004567, ĐT 0912345678",
        )
    };
    let findings = check(&input);
    let order: Vec<(Field, Option<usize>)> = findings
        .iter()
        .map(|f| (f.field.clone(), f.start))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(
        codes(&findings),
        vec![
            "phone_number",
            "phone_number",
            "email",
            "citizen_id",
            "phone_number",
            "facebook_photo_too_large",
            "photo_alt_missing",
            "schedule_outside_window",
        ]
    );
}

#[test]
fn findings_serialize_with_field_and_photo_index() {
    let photos = [photo("", 1)];
    let input = PostInput {
        photos: &photos,
        ..post("Tin", "Nội dung")
    };
    let findings = check(&input);
    let json = serde_json::to_string(&findings[0]).expect("serializes");
    assert!(json.contains("\"field\":\"photo\""), "{json}");
    assert!(json.contains("\"photo_index\":0"), "{json}");
    assert!(json.contains("\"severity\":\"warn\""), "{json}");
    assert!(json.contains("\"start\":null"), "{json}");
    let body = check(&post("", "CCCD 001203004567"));
    let json = serde_json::to_string(&body[0]).expect("serializes");
    assert!(
        json.contains("\"field\":\"body\",\"photo_index\":null,\"start\":5,\"end\":17"),
        "{json}"
    );
}

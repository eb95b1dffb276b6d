//! Search as officers type: without diacritics, đ as d, any Unicode form, prefix of the last word.

use loa_core::{DraftPatch, DraftStatus, NewDraft, SearchQuery, Store, Topic};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    (dir, store)
}

fn add(store: &Store, title: &str, body: &str) -> i64 {
    store
        .drafts()
        .create(&NewDraft {
            title: title.into(),
            body: body.into(),
            ..NewDraft::default()
        })
        .expect("create")
        .id
}

fn ids(store: &Store, text: &str) -> Vec<i64> {
    store
        .drafts()
        .search(&SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        })
        .expect("search")
        .iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn unaccented_queries_find_vietnamese_text() {
    let (_d, s) = store();
    let road = add(&s, "Sửa đường liên thôn", "Đường vào bản Nà Sài đã thông.");
    let flood = add(
        &s,
        "Cảnh báo lũ quét",
        "Mưa lớn có thể gây lũ quét ở Điện Biên.",
    );
    let other = add(&s, "Lịch tiêm chủng", "Trạm y tế xã, sáng thứ Ba.");
    assert_eq!(ids(&s, "duong"), vec![road]);
    assert_eq!(ids(&s, "lu quet"), vec![flood]);
    assert_eq!(ids(&s, "DIEN BIEN"), vec![flood]);
    assert_eq!(ids(&s, "tiem chung"), vec![other]);
    assert!(ids(&s, "khong co tu nay").is_empty());
}

#[test]
fn nfc_and_nfd_match_each_other() {
    let (_d, s) = store();
    let nfd = add(&s, "Xa\u{303} Mu\u{31B}o\u{31B}\u{300}ng Te\u{300}", "");
    let nfc = add(&s, "Huyện Mường Nhé", "");
    assert_eq!(ids(&s, "Mường Tè"), vec![nfd]);
    assert_eq!(ids(&s, "Mu\u{31B}o\u{31B}\u{300}ng Nhe\u{301}"), vec![nfc]);
}

#[test]
fn all_words_must_match_and_the_last_is_a_prefix() {
    let (_d, s) = store();
    let both = add(&s, "Lũ quét", "ở bản Phìn Hồ");
    let _one = add(&s, "Lũ ống", "");
    assert_eq!(ids(&s, "lu qu"), vec![both]);
    assert_eq!(ids(&s, "phin ho"), vec![both]);
    assert_eq!(ids(&s, "ban phi"), vec![both]);
    assert_eq!(ids(&s, "lu").len(), 2);
}

#[test]
fn accented_query_ranks_exact_accents_first() {
    let (_d, s) = store();
    let ma_grave = add(&s, "Chuyện ở làng", "Con mà đi học.");
    let ma_acute = add(&s, "Chuyện ở làng", "Con má đi chợ.");
    let ma_plain = add(&s, "Chuyện ở làng", "Con ma trong truyện.");
    let hits = ids(&s, "má");
    assert_eq!(hits.len(), 3, "unaccented matches are still found");
    assert_eq!(hits[0], ma_acute);
    let hits = ids(&s, "mà");
    assert_eq!(hits[0], ma_grave);
    assert!(ids(&s, "ma").contains(&ma_plain));
}

#[test]
fn phrase_matches_rank_above_scattered_words() {
    let (_d, s) = store();
    let scattered = add(&s, "Tin tổng hợp", "Quét dọn đường làng sau mưa lũ.");
    let phrase = add(&s, "Tin tổng hợp", "Nguy cơ lũ quét rất cao.");
    assert_eq!(ids(&s, "lu quet"), vec![phrase, scattered]);
}

#[test]
fn edits_trash_and_filters_are_respected() {
    let (_d, s) = store();
    let a = add(&s, "Thông báo", "họp dân");
    let b = add(&s, "Thông báo", "họp dân khẩn");
    s.drafts()
        .save(
            b,
            &DraftPatch {
                status: Some(DraftStatus::Ready),
                topic: Some(Topic::WeatherDisaster),
                ..DraftPatch::default()
            },
        )
        .expect("save");
    let q = |status, topic| SearchQuery {
        text: "hop dan".into(),
        status,
        topic,
        ..SearchQuery::default()
    };
    let hits = |q: SearchQuery| {
        s.drafts()
            .search(&q)
            .expect("search")
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(hits(q(Some(DraftStatus::Ready), None)), vec![b]);
    assert_eq!(hits(q(None, Some(Topic::WeatherDisaster))), vec![b]);
    assert_eq!(hits(q(Some(DraftStatus::Draft), None)), vec![a]);
    // The topic's name is searchable too.
    assert_eq!(ids(&s, "thoi tiet"), vec![b]);

    s.drafts()
        .save(
            a,
            &DraftPatch {
                body: Some("tiêm chủng".into()),
                ..DraftPatch::default()
            },
        )
        .expect("edit");
    assert_eq!(ids(&s, "hop dan"), vec![b]);
    assert_eq!(ids(&s, "tiem"), vec![a]);

    s.drafts().trash(a).expect("trash");
    assert!(ids(&s, "tiem").is_empty());
    s.drafts().restore(a).expect("restore");
    assert_eq!(ids(&s, "tiem"), vec![a]);

    let future = SearchQuery {
        text: "thong bao".into(),
        from: Some("2999-01-01".into()),
        ..SearchQuery::default()
    };
    assert!(s.drafts().search(&future).expect("search").is_empty());
}

#[test]
fn snippets_highlight_the_match_and_scores_are_ordered() {
    let (_d, s) = store();
    add(
        &s,
        "Cảnh báo",
        &format!(
            "{} Nguy cơ sạt lở đất ở thôn 5. {}",
            "Mở đầu. ".repeat(40),
            "Kết."
        ),
    );
    let hits = s
        .drafts()
        .search(&SearchQuery {
            text: "sat lo".into(),
            ..SearchQuery::default()
        })
        .expect("search");
    let hit = &hits[0];
    assert!(hit.snippet.starts_with('…'));
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|[a, b]| {
            hit.snippet
                .chars()
                .skip(*a as usize)
                .take((*b - *a) as usize)
                .collect()
        })
        .collect();
    assert_eq!(marked, ["sạt", "lở"]);
    assert!(hit.score > 0.0);
}

#[test]
fn query_syntax_cannot_break_the_search() {
    let (_d, s) = store();
    add(&s, "Hỏi đáp", "\"trích dẫn\" và NEAR(x) OR *");
    for q in [
        "\"",
        "NEAR(",
        "a OR b",
        "*",
        "title_f:x",
        "{body_e}: y",
        "'; DROP TABLE drafts; --",
        "",
    ] {
        s.drafts()
            .search(&SearchQuery {
                text: q.into(),
                ..SearchQuery::default()
            })
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert_eq!(ids(&s, "\"trich dan\"").len(), 1);
}

#[test]
fn an_index_from_an_older_folding_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = {
        let s = Store::open(dir.path()).expect("open");
        add(&s, "Đường", "")
    };
    {
        let conn = rusqlite::Connection::open(dir.path().join("loa.db")).expect("raw");
        conn.execute("DELETE FROM search_index", []).expect("wipe");
        conn.execute(
            "UPDATE settings SET value = 'old' WHERE key = 'search.index_version'",
            [],
        )
        .expect("age");
    }
    let s = Store::open(dir.path()).expect("reopen");
    assert_eq!(ids(&s, "duong"), vec![id]);
}

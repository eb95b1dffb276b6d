//! Search that forgives the way officers type: without diacritics, in any Unicode form, half a
//! word at a time.
//!
//! Each draft is written into an FTS5 index twice: *folded* (lower case, no diacritics, đ → d) for
//! recall, and *exact* (lower case NFC) so that an accented query ranks exact-accent matches first
//! ("má" before "mà"). All words must match; the last one is a prefix (search as you type).
//! Folding happens here in Rust because SQLite's `remove_diacritics` does not fold đ.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rusqlite::{Connection, params, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::text::nfc;
use crate::{DraftStatus, Lang, Localizer, Result, Topic};

/// Bump when [`fold`] or what is indexed changes: the index is rebuilt on the next open.
pub const INDEX_VERSION: &str = "1";
const INDEX_VERSION_KEY: &str = "search.index_version";

/// Folds one character: lower case, diacritics removed, đ → d. Returns the folded characters
/// (usually exactly one).
fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' => out.push('d'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

/// "Lũ quét ở Điện Biên" → "lu quet o dien bien". Works the same on NFC and NFD input.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in nfc(s).chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Lower case NFC: the exact form, accents kept.
fn exact(s: &str) -> String {
    nfc(s).to_lowercase()
}

/// Splits text into words the way FTS5's unicode61 tokenizer does (letters and digits).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The extra searchable text of each topic, folded: its names in both languages. Computed once;
/// formatting Fluent messages for every indexed draft would dominate an import.
static TOPIC_TEXT: LazyLock<BTreeMap<Topic, String>> = LazyLock::new(|| {
    let l10n: Vec<Localizer> = Lang::ALL.iter().map(|l| Localizer::new(*l)).collect();
    Topic::ALL
        .iter()
        .map(|t| {
            let names: Vec<String> = l10n.iter().map(|l| l.msg(&format!("topic-{t}"))).collect();
            (*t, fold(&names.join(" ")))
        })
        .collect()
});

/// Writes (or rewrites) a draft's entry in the index.
pub(crate) fn index_draft(
    conn: &Connection,
    id: i64,
    title: &str,
    body: &str,
    topic: Topic,
) -> Result<()> {
    unindex_draft(conn, id)?;
    let (title_f, title_e) = (fold(title), exact(title));
    conn.execute(
        "INSERT INTO search_title (rowid, title_f, title_e) VALUES (?1, ?2, ?3)",
        params![id, title_f, title_e],
    )?;
    conn.execute(
        "INSERT INTO search_index (rowid, title_f, body_f, extra_f, title_e, body_e)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            title_f,
            fold(body),
            TOPIC_TEXT.get(&topic).map_or("", String::as_str),
            title_e,
            exact(body)
        ],
    )?;
    Ok(())
}

/// Takes a draft out of the index (it went to the trash).
pub(crate) fn unindex_draft(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM search_index WHERE rowid = ?1", [id])?;
    conn.execute("DELETE FROM search_title WHERE rowid = ?1", [id])?;
    Ok(())
}

/// Rebuilds the whole index when it was built by another version of the folding (or never).
pub(crate) fn ensure_index(conn: &mut Connection) -> Result<()> {
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [INDEX_VERSION_KEY],
            |r| r.get(0),
        )
        .ok();
    if version.as_deref() == Some(INDEX_VERSION) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM search_index", [])?;
    tx.execute("DELETE FROM search_title", [])?;
    {
        let mut stmt =
            tx.prepare("SELECT id, title, body, topic FROM drafts WHERE deleted_at IS NULL")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, title, body, topic) = row?;
            index_draft(&tx, id, &title, &body, topic.parse().unwrap_or_default())?;
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![INDEX_VERSION_KEY, INDEX_VERSION],
    )?;
    tx.commit()?;
    Ok(())
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    /// At most this many results (default 20).
    pub limit: Option<u32>,
    pub status: Option<DraftStatus>,
    pub topic: Option<Topic>,
    /// Only drafts changed at or after this RFC 3339 time (or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only drafts changed before this RFC 3339 time (or `YYYY-MM-DD`, exclusive).
    pub to: Option<String>,
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    /// A short piece of the body (or the title) around the first match.
    pub snippet: String,
    /// Where the matched words are in `snippet`: `[start, end)` character offsets.
    pub highlights: Vec<[u32; 2]>,
    /// Higher is better.
    pub score: f64,
    pub status: DraftStatus,
    pub topic: Topic,
    pub updated_at: String,
}

/// A quoted FTS5 string: the words come from the officer, never from FTS5 syntax.
fn quote(w: &str) -> String {
    format!("\"{}\"", w.replace('"', "\"\""))
}

/// The FTS5 expressions of a query, best tier first. A draft is listed in the first tier it
/// matches, newest first within a tier:
///
/// 1. for a query typed with diacritics, the words exactly as typed (so "má" lists "má" before
///    "mà"), then the same tiers for every spelling:
/// 2. all the words in the title;
/// 3. the words together as a phrase ("lũ quét", not "quét … lũ");
/// 4. all the words anywhere (title, body, topic name).
///
/// Every word must match; the last is a prefix once it has two letters (search as you type).
/// Words are quoted, so the officer's text is never FTS5 syntax.
///
/// Why tiers and not bm25: FTS5's bm25 reads the whole posting list of every word to weigh it,
/// which for common words in 100,000 posts costs several times the keystroke budget, while a tier
/// is a walk down the index that stops as soon as the page is full. Titles have an index of
/// their own, so the title tier walks short lists. The phrase tier only looks at the newest
/// [`RANKING_WINDOW`] drafts, so common words that are rarely together cost a bounded walk; the
/// title and "anywhere" tiers look at everything, so nothing that matches is ever missed.
fn tiers(query: &str) -> Vec<Tier> {
    let folded = words(&fold(query));
    let exacts = words(&exact(query));
    if folded.is_empty() {
        return Vec::new();
    }
    let last = folded.len() - 1;
    let star = |i: usize, w: &str| {
        if i == last && w.chars().count() > 1 {
            "*"
        } else {
            ""
        }
    };
    let all = |ws: &[String], cols: &str| {
        ws.iter()
            .enumerate()
            .map(|(i, w)| format!("{cols} : {}{}", quote(w), star(i, w)))
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    let phrase = |ws: &[String], cols: &str| {
        let p = ws
            .iter()
            .enumerate()
            .map(|(i, w)| format!("{}{}", quote(w), star(i, w)))
            .collect::<Vec<_>>()
            .join(" + ");
        format!("{cols} : {p}")
    };
    let mut out = Vec::new();
    let accented = exacts.len() == folded.len() && exacts != folded;
    let mut sets = Vec::new();
    if accented {
        sets.push((&exacts, "{title_e}", "{title_e body_e}", "{title_e body_e}"));
    }
    sets.push((
        &folded,
        "{title_f}",
        "{title_f body_f}",
        "{title_f body_f extra_f}",
    ));
    for (ws, title, text, anywhere) in sets {
        out.push(Tier {
            expr: all(ws, title),
            table: "search_title",
            windowed: false,
        });
        if ws.len() > 1 {
            out.push(Tier {
                expr: phrase(ws, text),
                table: "search_index",
                windowed: true,
            });
        }
        out.push(Tier {
            expr: all(ws, anywhere),
            table: "search_index",
            windowed: false,
        });
    }
    out
}

/// One group of results: an FTS5 expression, the index it runs on, and whether it only looks at
/// the newest [`RANKING_WINDOW`] drafts.
#[derive(Debug)]
struct Tier {
    expr: String,
    table: &'static str,
    windowed: bool,
}

/// How many of the newest drafts the phrase tier looks at (see [`tiers`]): about four years of a
/// commune's posts.
pub const RANKING_WINDOW: i64 = 5_000;

fn normalise_bound(s: &str) -> String {
    // A bare date is the start of that day (UTC); timestamps compare as text (fixed width).
    if s.len() == 10 {
        format!("{s}T00:00:00.000Z")
    } else {
        s.to_owned()
    }
}

/// The newest `n` drafts matching `expr` and the filters, newest first; only drafts with an id
/// above `min_id` when given.
fn newest(
    conn: &Connection,
    tier: &Tier,
    q: &SearchQuery,
    n: usize,
    min_id: Option<i64>,
) -> Result<Vec<i64>> {
    let mut args: Vec<Value> = vec![Value::Text(tier.expr.clone())];
    let mut filters = String::new();
    if let Some(min) = min_id {
        // A rowid range is a seek in FTS5, not a filter over every match.
        filters.push_str(&format!(" AND s.rowid > {min}"));
    }
    let mut filter = |clause: &str, v: String| {
        args.push(Value::Text(v));
        filters.push_str(&format!(" AND {clause} ?{}", args.len()));
    };
    if let Some(s) = q.status {
        filter("d.status =", s.as_str().to_owned());
    }
    if let Some(t) = q.topic {
        filter("d.topic =", t.as_str().to_owned());
    }
    if let Some(f) = &q.from {
        filter("d.updated_at >=", normalise_bound(f));
    }
    if let Some(t) = &q.to {
        filter("d.updated_at <", normalise_bound(t));
    }
    // Trashed drafts are not in the index, so without filters no join is needed. CROSS JOIN keeps
    // the index as the outer loop, walked newest first.
    let joined = q.status.is_some() || q.topic.is_some() || q.from.is_some() || q.to.is_some();
    let table = tier.table;
    let from = if !joined {
        format!("{table} s")
    } else {
        format!("{table} s CROSS JOIN drafts d ON d.id = s.rowid")
    };
    let sql = format!(
        "SELECT s.rowid FROM {from} WHERE {table} MATCH ?1{filters} ORDER BY s.rowid DESC LIMIT {n}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs a search; see [`tiers`] for the order. An empty query returns nothing.
pub fn search(conn: &Connection, q: &SearchQuery) -> Result<Vec<SearchHit>> {
    let limit = q.limit.unwrap_or(20).clamp(1, 10_000) as usize;
    let mut ids: Vec<i64> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let tiers = tiers(&q.text);
    if tiers.is_empty() {
        return Ok(Vec::new());
    }
    let newest_id: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM drafts", [], |r| r.get(0))?;
    let window_start = (newest_id > RANKING_WINDOW).then_some(newest_id - RANKING_WINDOW);
    for tier in &tiers {
        if ids.len() >= limit {
            break;
        }
        let min_id = if tier.windowed { window_start } else { None };
        // Ask for enough to fill the page even if every draft already listed comes back.
        for id in newest(conn, tier, q, limit - ids.len() + seen.len(), min_id)? {
            if ids.len() < limit && seen.insert(id) {
                ids.push(id);
            }
        }
    }
    let needles = words(&fold(&q.text));
    let mut stmt = conn.prepare_cached(
        "SELECT title, body, status, topic, updated_at FROM drafts WHERE id = ?1",
    )?;
    let n = ids.len();
    ids.into_iter()
        .enumerate()
        .map(|(rank, id)| {
            let (title, body, status, topic, updated_at): (String, String, String, String, String) =
                stmt.query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
            let source = if body.trim().is_empty() {
                &title
            } else {
                &body
            };
            let (snippet, highlights) = snippet(source, &needles, 160);
            Ok(SearchHit {
                id,
                title,
                snippet,
                highlights,
                // Higher is better; it follows the order of the results.
                score: (n - rank) as f64,
                status: status.parse().unwrap_or_default(),
                topic: topic.parse().unwrap_or_default(),
                updated_at,
            })
        })
        .collect()
}

/// Cuts about `width` characters of `text` around the first match of any folded needle (words
/// starting with it, like the prefix search), and reports where every match is in the cut.
pub fn snippet(text: &str, needles: &[String], width: usize) -> (String, Vec<[u32; 2]>) {
    let chars: Vec<char> = nfc(text).chars().collect();
    // Fold word by word, remembering where each word starts and ends in `chars`.
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let start = i;
            let mut folded = String::new();
            while i < chars.len() && chars[i].is_alphanumeric() {
                fold_char(chars[i], &mut folded);
                i += 1;
            }
            spans.push((start, i, folded));
        } else {
            i += 1;
        }
    }
    // Whole words, except the last needle, which may be the start of a word (search as you type).
    let last = needles.len().saturating_sub(1);
    let is_match = |w: &str, k: usize| {
        if k == last {
            w.starts_with(needles[k].as_str())
        } else {
            w == needles[k]
        }
    };
    let matches: Vec<(usize, usize)> = spans
        .iter()
        .filter(|(_, _, w)| (0..needles.len()).any(|k| is_match(w, k)))
        .map(|(s, e, _)| (*s, *e))
        .collect();
    // Centre on the words as a phrase when they occur together, else on the first match.
    let phrase_at = (needles.len() > 1)
        .then(|| {
            spans
                .windows(needles.len())
                .find(|win| win.iter().enumerate().all(|(k, (_, _, w))| is_match(w, k)))
        })
        .flatten()
        .map(|win| win[0].0);
    let first = phrase_at.or(matches.first().map(|m| m.0)).unwrap_or(0);
    let mut start = first.saturating_sub(width / 3);
    // Start at a word boundary so the snippet does not begin mid-word.
    while start > 0 && start < chars.len() && chars[start - 1].is_alphanumeric() {
        start -= 1;
    }
    let end = (start + width).min(chars.len());
    let mut out: String = String::new();
    let mut offset = 0u32;
    if start > 0 {
        out.push('…');
        offset = 1;
    }
    let body: String = chars[start..end]
        .iter()
        .collect::<String>()
        .replace(['\n', '\r', '\t'], " ");
    out.push_str(&body);
    if end < chars.len() {
        out.push('…');
    }
    let highlights = matches
        .into_iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| [(s - start) as u32 + offset, (e - start) as u32 + offset])
        .collect();
    (out, highlights)
}

/// Counts how the folding treats a text, for diagnostics and tests.
pub fn folded_words(s: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in words(&fold(s)) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_handles_diacritics_d_and_unicode_forms() {
        assert_eq!(fold("Lũ quét ở Điện Biên"), "lu quet o dien bien");
        assert_eq!(fold("ĐƯỜNG"), "duong");
        assert_eq!(fold("Lu\u{0303} que\u{0301}t"), "lu quet");
        assert_eq!(fold("Mu\u{031B}o\u{031B}\u{0300}ng"), "muong");
    }

    #[test]
    fn query_words_are_quoted_and_last_is_a_prefix() {
        let t: Vec<String> = tiers("lu quet").into_iter().map(|t| t.expr).collect();
        assert_eq!(t.len(), 3, "title, phrase, anywhere: {t:?}");
        assert!(t[0].starts_with("{title_f} : \"lu\""), "{t:?}");
        assert!(t[1].contains("\"lu\" + \"quet\"*"), "{t:?}");
        assert!(t[2].contains("\"quet\"*"), "{t:?}");
        let injected = tiers("a\" OR x:* NEAR(");
        assert!(
            injected.iter().all(|t| !t.expr.contains("x:*")),
            "{injected:?}"
        );
        assert!(tiers("  ... ").is_empty());
        assert!(
            tiers("thong b")[2].expr.ends_with("\"b\""),
            "a one-letter word is not a prefix yet"
        );
    }

    #[test]
    fn accented_query_ranks_exact_terms_first() {
        let t: Vec<String> = tiers("má").into_iter().map(|t| t.expr).collect();
        assert_eq!(t.len(), 4);
        assert!(t[0].contains("{title_e} : \"má\"*"), "{t:?}");
        assert!(t[3].contains("\"ma\"*"), "{t:?}");
    }

    #[test]
    fn snippet_marks_matches_by_character() {
        let (s, h) = snippet(
            "Cảnh báo lũ quét tại xã Mường Tè",
            &["lu".into(), "quet".into()],
            100,
        );
        assert_eq!(s, "Cảnh báo lũ quét tại xã Mường Tè");
        let marked: Vec<String> = h
            .iter()
            .map(|[a, b]| {
                s.chars()
                    .skip(*a as usize)
                    .take((*b - *a) as usize)
                    .collect()
            })
            .collect();
        assert_eq!(marked, ["lũ", "quét"]);
    }
}

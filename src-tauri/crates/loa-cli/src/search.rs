//! `loa search QUERY`

use loa_core::{LoaError, SearchHit, SearchQuery, Store};
use serde::Serialize;

use crate::Outcome;
use crate::args::SearchArgs;
use crate::out;

/// One line of `loa search --json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: i64,
    title: &'a str,
    snippet: &'a str,
    score: f64,
    highlights: &'a [[u32; 2]],
    status: &'a str,
    topic: &'a str,
    updated_at: &'a str,
}

/// The snippet with its matches between « and », for the terminal.
fn marked(hit: &SearchHit) -> String {
    let mut out = String::new();
    for (i, c) in hit.snippet.chars().enumerate() {
        let i = i as u32;
        if hit.highlights.iter().any(|[a, _]| *a == i) {
            out.push('«');
        }
        if hit.highlights.iter().any(|[_, b]| *b == i) {
            out.push('»');
        }
        out.push(c);
    }
    let len = hit.snippet.chars().count() as u32;
    if hit.highlights.iter().any(|[_, b]| *b == len) {
        out.push('»');
    }
    out
}

pub fn run(store: &Store, a: &SearchArgs, json: bool) -> Result<Outcome, LoaError> {
    let query = SearchQuery {
        text: a.query.clone(),
        limit: Some(a.limit),
        status: a.status.as_deref().map(str::parse).transpose()?,
        topic: a.topic.as_deref().map(str::parse).transpose()?,
        from: a.from.clone(),
        to: a.to.clone(),
    };
    let hits = store.drafts().search(&query)?;
    if json {
        let rows: Vec<Row<'_>> = hits
            .iter()
            .map(|h| Row {
                id: h.id,
                title: &h.title,
                snippet: &h.snippet,
                score: h.score,
                highlights: &h.highlights,
                status: h.status.as_str(),
                topic: h.topic.as_str(),
                updated_at: &h.updated_at,
            })
            .collect();
        out::json(&rows);
    } else {
        for h in &hits {
            out::line(&format!("{:>6}  {}", h.id, h.title));
            out::line(&format!("        {}", marked(h)));
        }
    }
    Ok(Outcome::Ok)
}

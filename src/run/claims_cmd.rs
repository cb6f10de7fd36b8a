//! `newsmine claims`, `newsmine claim ID` and `newsmine export`: claims and their timelines as
//! text, JSON, CSV and schema.org ClaimReview.

use std::io::Write;

use serde_json::{Value, json};

use super::Exit;
use super::commands::{open_store, stdout_result};
use crate::config::Config;
use crate::store::{ClaimRow, Store, TimelineRow};
use crate::{Error, Result};

/// Filters of `newsmine claims`.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// Only claims in this region.
    pub region: Option<String>,
    /// Only claims of this sector.
    pub sector: Option<String>,
    /// Only claims with this status.
    pub status: Option<String>,
    /// Only claims whose sentences contain all these words (case-insensitive).
    pub text: Option<String>,
    /// At most this many.
    pub limit: usize,
}

fn deadline_json(d: &Option<(String, Option<i32>)>) -> Value {
    match d {
        Some((text, year)) => json!({"text": text, "year": year}),
        None => Value::Null,
    }
}

/// The JSON of a claim in `newsmine claims --json`.
fn claim_json(c: &ClaimRow) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "actor": c.actor,
        "regions": c.regions,
        "sector": c.sector,
        "first_seen": c.first_seen,
        "last_seen": c.last_seen,
        "deadline": deadline_json(&c.deadline),
        "original_deadline": deadline_json(&c.original_deadline),
        "status": c.status,
        "articles": c.articles,
    })
}

/// Timeline entries in date order (undated ones after, in claim order).
fn ordered(mut rows: Vec<TimelineRow>) -> Vec<TimelineRow> {
    rows.sort_by(|a, b| {
        (a.published.is_none(), a.published.as_deref(), a.member.position)
            .cmp(&(b.published.is_none(), b.published.as_deref(), b.member.position))
    });
    rows
}

fn entry_json(t: &TimelineRow) -> Value {
    json!({
        "date": t.published.as_deref().map(|d| &d[..d.len().min(10)]),
        "source": t.source,
        "url": t.url,
        "article": t.member.article_id,
        "key": t.member.key,
        "title": t.title,
        "text": t.member.text,
        "kind": t.member.kind,
        "update": t.member.update_kind,
        "archived": t.archived.as_ref().map(|(file, offset)| json!({"file": file, "offset": offset})),
    })
}

fn matches_text(store: &Store, c: &ClaimRow, words: &[String]) -> Result<bool> {
    if words.is_empty() {
        return Ok(true);
    }
    let mut all = c.title.to_lowercase();
    for t in store.claim_timeline(&c.id)? {
        all.push(' ');
        all.push_str(&t.member.text.to_lowercase());
    }
    Ok(words.iter().all(|w| all.contains(w.as_str())))
}

/// The claims passing `f`, in the store's order, at most `f.limit`.
fn filtered(store: &Store, f: &ClaimFilter) -> Result<Vec<ClaimRow>> {
    let words: Vec<String> = f.text.as_deref().unwrap_or("").split_whitespace().map(str::to_lowercase).collect();
    let mut claims = Vec::new();
    for c in store.claims(f.region.as_deref(), f.sector.as_deref(), f.status.as_deref())? {
        if claims.len() >= f.limit {
            break;
        }
        if matches_text(store, &c, &words)? {
            claims.push(c);
        }
    }
    Ok(claims)
}

/// The JSON of `newsmine claims --json` (also `GET /api/claims`).
pub(super) fn claims_json(store: &Store, f: &ClaimFilter) -> Result<Value> {
    Ok(json!({"claims": filtered(store, f)?.iter().map(claim_json).collect::<Vec<_>>()}))
}

/// The JSON of `newsmine claim ID --json`, or `None` when there is no such claim (also
/// `GET /api/claims/{id}`).
pub(super) fn claim_detail_json(store: &Store, id: &str) -> Result<Option<Value>> {
    store.claim(id)?.map(|c| with_timeline(store, &c)).transpose()
}

/// A claim's JSON with its evidence, the fact-checker's note and its timeline in date order.
fn with_timeline(store: &Store, c: &ClaimRow) -> Result<Value> {
    let mut v = claim_json(c);
    v["evidence"] = c.evidence.clone();
    v["status_note"] = json!(c.status_note);
    v["timeline"] = Value::Array(ordered(store.claim_timeline(&c.id)?).iter().map(entry_json).collect());
    Ok(v)
}

/// `newsmine claims`.
pub(super) fn list(config: &Config, f: &ClaimFilter, json_out: bool) -> Result<Exit> {
    let store = open_store(config)?;
    let mut out = std::io::stdout().lock();
    let r = if json_out {
        let v = claims_json(&store, f)?;
        serde_json::to_writer_pretty(&mut out, &v).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    } else {
        let claims = filtered(&store, f)?;
        let mut s = format!("{} claims\n", claims.len());
        for c in &claims {
            let deadline = c.deadline.as_ref().map(|(t, _)| t.as_str()).unwrap_or("no deadline");
            s.push_str(&format!(
                "\n{} [{}] {} article(s), {} | {} | {}\n  {}\n",
                c.id,
                c.status,
                c.articles,
                c.regions.join(", "),
                c.sector.as_deref().unwrap_or("-"),
                deadline,
                c.title
            ));
        }
        write!(out, "{s}")
    };
    stdout_result(r)?;
    Ok(Exit::Ok)
}

/// `newsmine claim ID`.
pub(super) fn show(config: &Config, id: &str, json_out: bool) -> Result<Exit> {
    let store = open_store(config)?;
    let no_claim = || Error::Usage(format!("no claim {id}; `newsmine claims` lists them"));
    let mut out = std::io::stdout().lock();
    let r = if json_out {
        let v = claim_detail_json(&store, id)?.ok_or_else(no_claim)?;
        serde_json::to_writer_pretty(&mut out, &v).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    } else {
        let claim = store.claim(id)?.ok_or_else(no_claim)?;
        let timeline = ordered(store.claim_timeline(id)?);
        let mut s = format!("{} [{}]\n{}\n", claim.id, claim.status, claim.title);
        if let Some(note) = &claim.status_note {
            s.push_str(&format!("status set by a fact-checker: {note}\n"));
        }
        if let (Some((o, _)), Some((d, _))) = (&claim.original_deadline, &claim.deadline) {
            s.push_str(&format!("deadline moved: {o} -> {d}\n"));
        }
        for t in &timeline {
            let date = t.published.as_deref().map(|d| &d[..d.len().min(10)]).unwrap_or("undated");
            s.push_str(&format!(
                "\n{date} {} ({}) {}\n  {}\n",
                t.member.kind,
                t.source,
                t.url.as_deref().unwrap_or(t.member.article_id.as_str()),
                t.member.text
            ));
        }
        write!(out, "{s}")
    };
    stdout_result(r)?;
    Ok(Exit::Ok)
}

/// Export formats of `newsmine export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON document: every claim with its timeline.
    Json,
    /// One CSV row per timeline entry.
    Csv,
    /// schema.org ClaimReview JSON-LD, for claims whose status a fact-checker set.
    ClaimReview,
}

/// `newsmine export`.
pub(super) fn export(config: &Config, format: ExportFormat, output: Option<&std::path::Path>) -> Result<Exit> {
    let store = open_store(config)?;
    let claims = store.claims(None, None, None)?;
    let text = match format {
        ExportFormat::Json => {
            let mut all = Vec::new();
            for c in &claims {
                all.push(with_timeline(&store, c)?);
            }
            serde_json::to_string_pretty(&json!({"claims": all})).expect("JSON serialises") + "\n"
        }
        ExportFormat::Csv => {
            let mut s = String::from("claim_id,claim_status,claim_deadline,date,kind,source,url,article,text\n");
            for c in &claims {
                for t in ordered(store.claim_timeline(&c.id)?) {
                    let cells = [
                        c.id.clone(),
                        c.status.clone(),
                        c.deadline.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
                        t.published.as_deref().map(|d| d[..d.len().min(10)].to_owned()).unwrap_or_default(),
                        t.member.kind.clone(),
                        t.source.clone(),
                        t.url.clone().unwrap_or_default(),
                        t.member.article_id.to_string(),
                        t.member.text.clone(),
                    ];
                    s.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
                    s.push('\n');
                }
            }
            s
        }
        ExportFormat::ClaimReview => {
            let mut reviews = Vec::new();
            for c in claims.iter().filter(|c| c.status_note.is_some()) {
                let timeline = ordered(store.claim_timeline(&c.id)?);
                reviews.push(claim_review(c, &timeline));
            }
            serde_json::to_string_pretty(&Value::Array(reviews)).expect("JSON serialises") + "\n"
        }
    };
    match output {
        Some(path) => std::fs::write(path, text).map_err(|source| Error::Io { path: path.to_owned(), source })?,
        None => stdout_result(std::io::stdout().lock().write_all(text.as_bytes()))?,
    }
    Ok(Exit::Ok)
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// schema.org ClaimReview for a claim whose status a fact-checker set.
fn claim_review(c: &ClaimRow, timeline: &[TimelineRow]) -> Value {
    let appearances: Vec<Value> = timeline
        .iter()
        .filter(|t| t.member.kind == "commitment")
        .map(|t| {
            json!({
                "@type": "CreativeWork",
                "url": t.url,
                "headline": t.title,
                "datePublished": t.published.as_deref().map(|d| &d[..d.len().min(10)]),
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": timeline.iter().find(|t| t.member.kind == "commitment").map(|t| t.member.text.clone()).unwrap_or(c.title.clone()),
        "datePublished": chrono::Utc::now().date_naive().to_string(),
        "author": {"@type": "Organization", "name": "newsmine"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": c.status,
            "ratingExplanation": c.status_note,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": c.actor.as_ref().map(|a| json!({"@type": "Organization", "name": a})),
            "datePublished": c.first_seen,
            "appearance": appearances,
        },
        "identifier": c.id,
    })
}

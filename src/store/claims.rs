//! Claims in the database: the machine's claims (replaced wholesale by every claims pass), their
//! members, and the fact-checkers' corrections (kept apart, never touched by a pass).

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::domain::{Analysis, Article, ArticleId};

/// A claim as stored and listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Stable id (`c-...`).
    pub id: String,
    /// Its first commitment sentence, shortened.
    pub title: String,
    /// Who committed, as the first member names it.
    pub actor: Option<String>,
    /// Regions of its members.
    pub regions: Vec<String>,
    /// Primary sector.
    pub sector: Option<String>,
    /// Earliest member's publication day, when known.
    pub first_seen: Option<String>,
    /// Latest member's publication day, when known.
    pub last_seen: Option<String>,
    /// The current deadline phrase and year.
    pub deadline: Option<(String, Option<i32>)>,
    /// The first deadline, when it moved.
    pub original_deadline: Option<(String, Option<i32>)>,
    /// `announced`, `in_progress`, `delivered`, `delayed`, `overdue`, `cancelled`, `unclear`.
    pub status: String,
    /// The evidence behind the status (`[{"key", "why"}]`).
    pub evidence: serde_json::Value,
    /// A fact-checker's note when the status was set by hand.
    pub status_note: Option<String>,
    /// How many articles support it.
    pub articles: u64,
}

/// One member sentence of a claim, in claim order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    /// The claim.
    pub claim_id: String,
    /// The sentence's stable key.
    pub key: String,
    /// The article.
    pub article_id: ArticleId,
    /// `commitment` or `update`.
    pub kind: String,
    /// Order within the claim.
    pub position: i64,
    /// The sentence.
    pub text: String,
    /// For updates: what it reports (`progress`, `delivered`, `delayed`, `cancelled`).
    pub update_kind: Option<String>,
}

/// One timeline entry: a member with where and when it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    /// The member.
    pub member: MemberRow,
    /// The article's publication time (RFC 3339), when known.
    pub published: Option<String>,
    /// The article's source.
    pub source: String,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's title.
    pub title: Option<String>,
    /// The archived page: WARC file and offset.
    pub archived: Option<(String, u64)>,
}

/// The output of a claims pass, to store in one transaction.
#[derive(Debug, Clone, Default)]
pub struct StoredClaims {
    /// The claims.
    pub claims: Vec<ClaimRow>,
    /// Their members.
    pub members: Vec<MemberRow>,
    /// For every article: a fingerprint of the claim ids it belongs to (its index entry lists
    /// them, so it is re-indexed when they change).
    pub article_hashes: Vec<(ArticleId, String)>,
}

impl Store {
    /// Every stored article with its analysis, in id order (the claims pass reads them all).
    pub fn analysed_articles(&self) -> Result<Vec<(Article, Analysis)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {}, analyses.json FROM articles JOIN analyses ON analyses.article_id = articles.id ORDER BY articles.id",
                super::ARTICLE_COLUMNS.split(", ").map(|c| format!("articles.{c}")).collect::<Vec<_>>().join(", ")
            ))
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| Ok((super::row_to_article(r)?, r.get::<_, String>(12)?)))
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (article, json) = row.map_err(self.err())?;
            let analysis = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                id: article.id.to_string(),
                message: e.to_string(),
            })?;
            out.push((article, analysis));
        }
        Ok(out)
    }

    /// Replaces the machine's claims with a new pass's, and updates every article's claim
    /// fingerprint; corrections are not touched.
    pub fn replace_claims(&mut self, new: &StoredClaims) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute("DELETE FROM claim_members", []).map_err(e)?;
        tx.execute("DELETE FROM claims", []).map_err(e)?;
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO claims (id, title, actor, regions, sector, first_seen, last_seen, deadline_text, deadline_year,
                        original_deadline_text, original_deadline_year, status, evidence, status_note, articles)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                )
                .map_err(e)?;
            for c in &new.claims {
                ins.execute(params![
                    c.id,
                    c.title,
                    c.actor,
                    serde_json::to_string(&c.regions).expect("strings serialise"),
                    c.sector,
                    c.first_seen,
                    c.last_seen,
                    c.deadline.as_ref().map(|d| d.0.clone()),
                    c.deadline.as_ref().and_then(|d| d.1),
                    c.original_deadline.as_ref().map(|d| d.0.clone()),
                    c.original_deadline.as_ref().and_then(|d| d.1),
                    c.status,
                    c.evidence.to_string(),
                    c.status_note,
                    c.articles as i64
                ])
                .map_err(e)?;
            }
            let mut ins = tx
                .prepare(
                    "INSERT OR REPLACE INTO claim_members (claim_id, key, article_id, kind, position, text, update_kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(e)?;
            for m in &new.members {
                ins.execute(params![m.claim_id, m.key, m.article_id.as_str(), m.kind, m.position, m.text, m.update_kind])
                    .map_err(e)?;
            }
            let mut upd = tx
                .prepare("UPDATE articles SET claims_hash = ?2 WHERE id = ?1 AND claims_hash IS NOT ?2")
                .map_err(e)?;
            for (id, hash) in &new.article_hashes {
                upd.execute(params![id.as_str(), hash]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    /// Claims, optionally filtered by region, sector and status; most supported first.
    pub fn claims(&self, region: Option<&str>, sector: Option<&str>, status: Option<&str>) -> Result<Vec<ClaimRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {CLAIM_COLUMNS} FROM claims ORDER BY articles DESC, id"))
            .map_err(self.err())?;
        let rows = stmt.query_map([], row_to_claim).map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let c = row.map_err(self.err())?;
            let keep = region.is_none_or(|r| c.regions.iter().any(|x| x == r))
                && sector.is_none_or(|s| c.sector.as_deref() == Some(s))
                && status.is_none_or(|s| c.status == s);
            if keep {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// One claim.
    pub fn claim(&self, id: &str) -> Result<Option<ClaimRow>, StoreError> {
        self.conn
            .query_row(&format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?1"), params![id], row_to_claim)
            .optional()
            .map_err(self.err())
    }

    /// A claim's members with their articles' dates, sources, URLs and archive locations, in
    /// claim order.
    pub fn claim_timeline(&self, id: &str) -> Result<Vec<TimelineRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT m.claim_id, m.key, m.article_id, m.kind, m.position, m.text, m.update_kind,
                        a.published, a.source, a.url, a.title, a.warc_file, a.warc_offset
                 FROM claim_members m JOIN articles a ON a.id = m.article_id
                 WHERE m.claim_id = ?1 ORDER BY m.position",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![id], |r| {
                let article: String = r.get(2)?;
                let warc: Option<String> = r.get(11)?;
                let offset: Option<i64> = r.get(12)?;
                Ok(TimelineRow {
                    member: MemberRow {
                        claim_id: r.get(0)?,
                        key: r.get(1)?,
                        article_id: ArticleId::parse(&article).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
                        })?,
                        kind: r.get(3)?,
                        position: r.get(4)?,
                        text: r.get(5)?,
                        update_kind: r.get(6)?,
                    },
                    published: r.get(7)?,
                    source: r.get(8)?,
                    url: r.get(9)?,
                    title: r.get(10)?,
                    archived: warc.zip(offset.map(|o| o as u64)),
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// The claims an article supports (for its index entry).
    pub fn claim_ids_of_article(&self, id: &ArticleId) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT claim_id FROM claim_members WHERE article_id = ?1 ORDER BY claim_id")
            .map_err(self.err())?;
        let rows = stmt.query_map(params![id.as_str()], |r| r.get::<_, String>(0)).map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Records a correction (JSON, as the claims stage defines it); it is replayed by every
    /// claims pass from now on.
    pub fn add_correction(&mut self, correction_json: &str) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO corrections (created_at, correction) VALUES (?1, ?2)",
                params![chrono::Utc::now().to_rfc3339(), correction_json],
            )
            .map_err(self.err())?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every correction, oldest first.
    pub fn corrections(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT correction FROM corrections ORDER BY id").map_err(self.err())?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }
}

const CLAIM_COLUMNS: &str = "id, title, actor, regions, sector, first_seen, last_seen, deadline_text, deadline_year,
    original_deadline_text, original_deadline_year, status, evidence, status_note, articles";

fn row_to_claim(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimRow> {
    let regions: String = r.get(3)?;
    let evidence: String = r.get(12)?;
    let deadline_text: Option<String> = r.get(7)?;
    let original_text: Option<String> = r.get(9)?;
    Ok(ClaimRow {
        id: r.get(0)?,
        title: r.get(1)?,
        actor: r.get(2)?,
        regions: serde_json::from_str(&regions).unwrap_or_default(),
        sector: r.get(4)?,
        first_seen: r.get(5)?,
        last_seen: r.get(6)?,
        deadline: deadline_text.map(|t| (t, r.get::<_, Option<i32>>(8).ok().flatten())),
        original_deadline: original_text.map(|t| (t, r.get::<_, Option<i32>>(10).ok().flatten())),
        status: r.get(11)?,
        evidence: serde_json::from_str(&evidence).unwrap_or(serde_json::Value::Null),
        status_note: r.get(13)?,
        articles: r.get::<_, i64>(14)? as u64,
    })
}

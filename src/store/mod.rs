//! The embedded database: articles, their analysis, the inputs already read and the run
//! history, in one SQLite file (`<data_dir>/newsmine.db`).
//!
//! Owns: SQLite. Input: [`Article`]s and [`Analysis`]es from the stages before it. Output: the
//! records `index`, `stats` and `claims` read back, and the sentence-embedding cache (`vectors.rs`).
//! Invariant: the database is the source of truth; the tantivy index can always be rebuilt
//! from it. Every write happens in a transaction, so a killed run leaves either the whole batch
//! or none of it.

mod claims;
mod frontier;
mod schema;
mod stats;
mod vectors;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

pub use claims::{ClaimRow, MemberRow, StoredClaims, TimelineRow};
pub use frontier::MAX_RUN_ATTEMPTS;
pub use stats::Stats;
pub use vectors::{PendingVector, StoredVectors, blob_to_vector, vector_to_blob};

use crate::domain::{Analysis, Article, ArticleId, SourceName, WarcLocation};

/// The database layout this build writes; older files are migrated, newer ones refused.
pub const STORE_SCHEMA_VERSION: i64 = 4;

/// A database problem; messages name the file and, where known, the fix.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The file was written by a newer newsmine.
    #[error("database {path} has schema version {found}, this build reads up to {STORE_SCHEMA_VERSION}: upgrade newsmine or use another --data-dir")]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
    },
    /// A stored value could not be decoded.
    #[error("database {path}: corrupt value for article {id}: {message}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// The article.
        id: String,
        /// What could not be decoded.
        message: String,
    },
}

/// What storing an article changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// It was not stored before.
    New,
    /// It was stored with different content; its analysis and index entry are now stale.
    Updated,
    /// It was stored with the same content.
    Unchanged,
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A numbered run of the nightly job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunId(pub i64);

impl Store {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let path = data_dir.join("newsmine.db");
        let conn = Connection::open(&path).map_err(|source| StoreError::Sqlite { path: path.clone(), source })?;
        let mut store = Store { conn, path };
        schema::migrate(&mut store)?;
        Ok(store)
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite { path: self.path.clone(), source }
    }

    /// Marks runs that never finished as `interrupted`. Call only while holding the run lock,
    /// when no other run can be in progress.
    pub fn close_interrupted_runs(&mut self) -> Result<usize, StoreError> {
        self.conn
            .execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'", [])
            .map_err(self.err())
    }

    /// Starts a run record; it stays `running` until [`Store::finish_run`].
    pub fn begin_run(&mut self) -> Result<RunId, StoreError> {
        let now = chrono::Utc::now().to_rfc3339();
        self.conn
            .execute("INSERT INTO runs (started_at, status) VALUES (?1, 'running')", params![now])
            .map_err(self.err())?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    /// Closes a run record with its outcome and JSON report.
    pub fn finish_run(&mut self, run: RunId, status: &str, report_json: &str) -> Result<(), StoreError> {
        let now = chrono::Utc::now().to_rfc3339();
        self.conn
            .execute(
                "UPDATE runs SET finished_at = ?1, status = ?2, report = ?3 WHERE id = ?4",
                params![now, status, report_json, run.0],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Starts a batch of writes that become visible together at [`Batch::commit`].
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        let path = &self.path;
        let tx = self.conn.transaction().map_err(|source| StoreError::Sqlite { path: path.clone(), source })?;
        Ok(Batch { tx, path })
    }

    /// Whether an input file with this fingerprint was already read to the end by a run.
    pub fn input_done(&self, source: &SourceName, input: &str, fingerprint: &str) -> Result<bool, StoreError> {
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT fingerprint FROM inputs WHERE source = ?1 AND input = ?2",
                params![source.as_str(), input],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?;
        Ok(found.as_deref() == Some(fingerprint))
    }

    /// Ids of articles whose stored analysis is missing or was made by another analyzer version.
    pub fn ids_needing_analysis(&self, analyzer_version: &str) -> Result<Vec<ArticleId>, StoreError> {
        self.ids_where("analysis_version IS NOT ?1", analyzer_version)
    }

    /// Ids of articles whose index entry is missing or stale (`index_state` differs from what
    /// the current content, analysis and index format give).
    pub fn ids_needing_index(&self, index_version: &str) -> Result<Vec<ArticleId>, StoreError> {
        self.ids_where(
            "analysis_version IS NOT NULL AND index_state IS NOT (content_hash || ':' || analysis_version || ':' || ?1 || ':' || COALESCE(claims_hash, ''))",
            index_version,
        )
    }

    fn ids_where(&self, condition: &str, arg: &str) -> Result<Vec<ArticleId>, StoreError> {
        let sql = format!("SELECT id FROM articles WHERE {condition} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql).map_err(self.err())?;
        let rows = stmt
            .query_map(params![arg], |r| r.get::<_, String>(0))
            .map_err(self.err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err())?;
        Ok(rows.into_iter().filter_map(|id| ArticleId::parse(&id).ok()).collect())
    }

    /// Forgets what is in the index, so that every article is indexed again (after the index
    /// was rebuilt or deleted).
    pub fn reset_index_state(&mut self) -> Result<(), StoreError> {
        self.conn.execute("UPDATE articles SET index_state = NULL", []).map_err(self.err())?;
        Ok(())
    }

    /// Loads one article.
    pub fn article(&self, id: &ArticleId) -> Result<Option<Article>, StoreError> {
        self.conn
            .query_row(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"), params![id.as_str()], row_to_article)
            .optional()
            .map_err(self.err())
    }

    /// Loads an article's stored analysis, if it has one.
    pub fn analysis(&self, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM analyses WHERE article_id = ?1", params![id.as_str()], |r| r.get(0))
            .optional()
            .map_err(self.err())?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                id: id.to_string(),
                message: e.to_string(),
            })
        })
        .transpose()
    }

    /// Counts for `newsmine stats`.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        stats::collect(&self.conn).map_err(self.err())
    }
}

pub(crate) const ARTICLE_COLUMNS: &str =
    "id, source, url, canonical_url, external_id, title, authors, published, language, text, warc_file, warc_offset";

pub(crate) fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    let id: String = r.get(0)?;
    let source: String = r.get(1)?;
    let authors: String = r.get(6)?;
    let published: Option<String> = r.get(7)?;
    let warc_file: Option<String> = r.get(10)?;
    let warc_offset: Option<i64> = r.get(11)?;
    let conv = |i: usize, e: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into());
    Ok(Article {
        id: ArticleId::parse(&id).map_err(|e| conv(0, e.to_string()))?,
        source: SourceName::parse(&source).map_err(|e| conv(1, e.to_string()))?,
        url: r.get(2)?,
        canonical_url: r.get(3)?,
        external_id: r.get(4)?,
        title: r.get(5)?,
        authors: serde_json::from_str(&authors).map_err(|e| conv(6, e.to_string()))?,
        published: published.as_deref().and_then(crate::domain::parse_datetime),
        language: r.get(8)?,
        text: r.get(9)?,
        archived: match (warc_file, warc_offset) {
            (Some(file), Some(offset)) => Some(WarcLocation { file: PathBuf::from(file), offset: offset as u64 }),
            _ => None,
        },
    })
}

/// Writes that commit together.
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
    path: &'a PathBuf,
}

impl Batch<'_> {
    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite { path: self.path.clone(), source }
    }

    /// Stores an article, or updates it when its content changed.
    pub fn upsert_article(&self, a: &Article, run: RunId) -> Result<Upsert, StoreError> {
        let hash = a.content_hash();
        let old: Option<String> = self
            .tx
            .query_row("SELECT content_hash FROM articles WHERE id = ?1", params![a.id.as_str()], |r| r.get(0))
            .optional()
            .map_err(self.err())?;
        if old.as_deref() == Some(hash.as_str()) {
            return Ok(Upsert::Unchanged);
        }
        let authors = serde_json::to_string(&a.authors).expect("strings serialise");
        let (warc_file, warc_offset) = match &a.archived {
            Some(l) => (Some(l.file.to_string_lossy().into_owned()), Some(l.offset as i64)),
            None => (None, None),
        };
        self.tx
            .execute(
                "INSERT INTO articles (id, source, url, canonical_url, external_id, title, authors, published, language,
                    text, warc_file, warc_offset, content_hash, first_run, last_run)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)
                 ON CONFLICT(id) DO UPDATE SET source = ?2, url = ?3, canonical_url = ?4, external_id = ?5, title = ?6,
                    authors = ?7, published = ?8, language = ?9, text = ?10, warc_file = ?11, warc_offset = ?12,
                    content_hash = ?13, last_run = ?14, analysis_version = NULL",
                params![
                    a.id.as_str(),
                    a.source.as_str(),
                    a.url,
                    a.canonical_url,
                    a.external_id,
                    a.title,
                    authors,
                    a.published.map(|d| d.to_rfc3339()),
                    a.language,
                    a.text,
                    warc_file,
                    warc_offset,
                    hash,
                    run.0
                ],
            )
            .map_err(self.err())?;
        Ok(if old.is_some() { Upsert::Updated } else { Upsert::New })
    }

    /// Stores an article's analysis, replacing the previous one.
    pub fn save_analysis(&self, id: &ArticleId, analyzer_version: &str, analysis: &Analysis) -> Result<(), StoreError> {
        let json = serde_json::to_string(analysis).expect("analysis serialises");
        let tx = &self.tx;
        let e = self.err();
        tx.execute(
            "INSERT INTO analyses (article_id, json) VALUES (?1, ?2)
             ON CONFLICT(article_id) DO UPDATE SET json = ?2",
            params![id.as_str(), json],
        )
        .map_err(&e)?;
        for table in ["article_regions", "article_sectors", "commitments"] {
            tx.execute(&format!("DELETE FROM {table} WHERE article_id = ?1"), params![id.as_str()]).map_err(&e)?;
        }
        for r in &analysis.regions {
            tx.execute(
                "INSERT INTO article_regions (article_id, region, mentions) VALUES (?1, ?2, ?3)",
                params![id.as_str(), r.id.as_str(), r.mentions.len() as i64],
            )
            .map_err(&e)?;
        }
        for s in &analysis.sectors {
            tx.execute(
                "INSERT INTO article_sectors (article_id, sector, score) VALUES (?1, ?2, ?3)",
                params![id.as_str(), s.id.as_str(), s.score as f64],
            )
            .map_err(&e)?;
        }
        for (i, c) in analysis.commitments.iter().enumerate() {
            tx.execute(
                "INSERT INTO commitments (article_id, ordinal, start, \"end\", text, actor, quantities, deadline_text,
                    deadline_year, regions, sector, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    id.as_str(),
                    i as i64,
                    c.start as i64,
                    c.end as i64,
                    c.text,
                    c.actor,
                    serde_json::to_string(&c.quantities).expect("serialises"),
                    c.deadline.as_ref().map(|d| d.text.clone()),
                    c.deadline.as_ref().and_then(|d| d.year),
                    serde_json::to_string(&c.regions).expect("serialises"),
                    c.sector.as_ref().map(|s| s.as_str()),
                    c.status.as_str()
                ],
            )
            .map_err(&e)?;
        }
        tx.execute("UPDATE articles SET analysis_version = ?2 WHERE id = ?1", params![id.as_str(), analyzer_version])
            .map_err(&e)?;
        Ok(())
    }

    /// Records that the index now holds this article as of `index_version`.
    pub fn mark_indexed(&self, id: &ArticleId, index_version: &str) -> Result<(), StoreError> {
        self.tx
            .execute(
                "UPDATE articles SET index_state = content_hash || ':' || analysis_version || ':' || ?2 || ':' || COALESCE(claims_hash, '') WHERE id = ?1",
                params![id.as_str(), index_version],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Records that an input file was read to the end, so an unchanged file is skipped next time.
    pub fn mark_input_done(&self, source: &SourceName, input: &str, fingerprint: &str, run: RunId) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO inputs (source, input, fingerprint, run) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(source, input) DO UPDATE SET fingerprint = ?3, run = ?4",
                params![source.as_str(), input, fingerprint, run.0],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Makes the batch's writes durable and visible.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|source| StoreError::Sqlite { path, source })
    }
}

#[cfg(test)]
mod tests;

//! The crawler's frontier, seen-set and HTTP validators, kept in the database so that a crawl
//! killed at any moment resumes where it stopped.
//!
//! Every URL (canonical form) has one row: the source that found it, what kind of resource it is,
//! how deep it was found, and its state (`queued`, `done`, `disallowed`, `failed`, or `retry`
//! for a page that failed transiently and is queued again by the next run). Hubs (feeds, sitemaps,
//! a site's start pages) are queued again at the start of every run; pages are fetched once and
//! then stay done.

use rusqlite::{OptionalExtension, params};

use super::{RunId, Store, StoreError};
use crate::crawl::frontier::{QueuedUrl, UrlKind, UrlState};
use crate::domain::SourceName;

/// How many runs a page may fail transiently (timeouts, 5xx, 429) before it is given up.
pub const MAX_RUN_ATTEMPTS: u32 = 3;

impl Store {
    /// Queues a source's hubs (its configured URLs) for this run: new ones are added, known ones
    /// not yet fetched in this run are queued again.
    pub fn frontier_seed(&mut self, source: &SourceName, url: &str, kind: UrlKind, run: RunId) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO frontier (url, source, kind, depth, state, discovered_run, attempts)
                 VALUES (?1, ?2, ?3, 0, 'queued', ?4, 0)
                 ON CONFLICT(url) DO UPDATE SET state = 'queued', kind = CASE WHEN kind = 'page' THEN ?3 ELSE kind END
                 WHERE fetched_run IS NULL OR fetched_run < ?4",
                params![url, source.as_str(), kind.as_str(), run.0],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Queues every hub of `source` not fetched in this run (feeds and sitemaps found by earlier
    /// runs are re-read too).
    pub fn frontier_requeue_hubs(&mut self, source: &SourceName, run: RunId) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "UPDATE frontier SET state = 'queued'
                 WHERE source = ?1 AND kind != 'page' AND state != 'disallowed' AND (fetched_run IS NULL OR fetched_run < ?2)",
                params![source.as_str(), run.0],
            )
            .map_err(self.err())
    }

    /// Adds discovered URLs; a URL already known (to any source) is left as it is. Returns how
    /// many were new.
    pub fn frontier_add(&mut self, source: &SourceName, urls: &[(String, UrlKind, u32)], run: RunId) -> Result<usize, StoreError> {
        let tx = self.conn.transaction().map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
        let mut added = 0;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO frontier (url, source, kind, depth, state, discovered_run, attempts)
                     VALUES (?1, ?2, ?3, ?4, 'queued', ?5, 0) ON CONFLICT(url) DO NOTHING",
                )
                .map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
            for (url, kind, depth) in urls {
                added += stmt
                    .execute(params![url, source.as_str(), kind.as_str(), depth, run.0])
                    .map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
            }
        }
        tx.commit().map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })?;
        Ok(added)
    }

    /// Up to `limit` queued URLs of `source` by depth (hubs have depth 0, so they come first)
    /// and discovery order,
    /// skipping those in `exclude` (already in flight).
    pub fn frontier_next(&self, source: &SourceName, limit: usize, exclude: &std::collections::HashSet<String>) -> Result<Vec<QueuedUrl>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT url, kind, depth, attempts FROM frontier WHERE source = ?1 AND state = 'queued'
                 ORDER BY depth, rowid LIMIT ?2",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![source.as_str(), (limit + exclude.len()) as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?, r.get::<_, u32>(3)?))
            })
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (url, kind, depth, attempts) = row.map_err(self.err())?;
            if exclude.contains(&url) {
                continue;
            }
            let Some(kind) = UrlKind::parse(&kind) else { continue };
            out.push(QueuedUrl { url, source: source.clone(), kind, depth, attempts });
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }

    /// Records the end of a fetch. A transient failure (`retry_later`) keeps a page queued for a
    /// later run until it has failed [`MAX_RUN_ATTEMPTS`] times.
    pub fn frontier_finish(
        &mut self,
        url: &str,
        run: RunId,
        state: UrlState,
        outcome: &str,
        retry_later: bool,
        kind: Option<UrlKind>,
    ) -> Result<(), StoreError> {
        let attempts: u32 = self
            .conn
            .query_row("SELECT attempts FROM frontier WHERE url = ?1", params![url], |r| r.get(0))
            .optional()
            .map_err(self.err())?
            .unwrap_or(0);
        let (state, attempts) = if retry_later {
            let attempts = attempts + 1;
            // Queued again only from the next run on: fetched_run marks this run as tried.
            (if attempts >= MAX_RUN_ATTEMPTS { UrlState::Failed } else { UrlState::Queued }, attempts)
        } else {
            (state, attempts)
        };
        let parked = if retry_later && state == UrlState::Queued { "retry" } else { state.as_str() };
        self.conn
            .execute(
                "UPDATE frontier SET state = ?2, outcome = ?3, fetched_run = ?4, attempts = ?5,
                    kind = COALESCE(?6, kind) WHERE url = ?1",
                params![url, parked, outcome, run.0, attempts, kind.map(|k| k.as_str())],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Pages that failed transiently in earlier runs become queued again (called at run start).
    pub fn frontier_release_retries(&mut self, source: &SourceName, run: RunId) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "UPDATE frontier SET state = 'queued' WHERE source = ?1 AND state = 'retry' AND fetched_run < ?2",
                params![source.as_str(), run.0],
            )
            .map_err(self.err())
    }

    /// Pages of `source` fetched in `run` (for the per-run page limit).
    pub fn frontier_pages_fetched(&self, source: &SourceName, run: RunId) -> Result<usize, StoreError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM frontier WHERE source = ?1 AND kind = 'page' AND fetched_run = ?2 AND state != 'queued'",
                params![source.as_str(), run.0],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(self.err())
    }

    /// Frontier size by state, for reports and benchmarks.
    pub fn frontier_counts(&self, source: &SourceName) -> Result<std::collections::BTreeMap<String, u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT state, COUNT(*) FROM frontier WHERE source = ?1 GROUP BY state")
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![source.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// The validators (ETag, Last-Modified) last seen for a URL, for conditional requests.
    pub fn http_validators(&self, url: &str) -> Result<(Option<String>, Option<String>), StoreError> {
        Ok(self
            .conn
            .query_row("SELECT etag, last_modified FROM http_cache WHERE url = ?1", params![url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(self.err())?
            .unwrap_or((None, None)))
    }

    /// Remembers a URL's validators after a successful fetch.
    pub fn set_http_validators(&mut self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO http_cache (url, etag, last_modified) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3",
                params![url, etag, last_modified],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Whether an article with this canonical URL is already stored (so it is not fetched again).
    pub fn has_article_url(&self, canonical_url: &str) -> Result<bool, StoreError> {
        let id = crate::domain::ArticleId::from_canonical_url(canonical_url);
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", params![id.as_str()], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(self.err())
    }
}

//! Counts over the stored articles, for `newsmine stats`.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

/// How many articles there are, per source, per region and per sector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// All stored articles.
    pub articles: u64,
    /// Articles per source name.
    pub sources: BTreeMap<String, u64>,
    /// Articles tagged with each region.
    pub regions: BTreeMap<String, u64>,
    /// Articles tagged with each sector.
    pub sectors: BTreeMap<String, u64>,
    /// Commitments found in all articles.
    pub commitments: u64,
}

pub(super) fn collect(conn: &Connection) -> rusqlite::Result<Stats> {
    let count_by = |sql: &str| -> rusqlite::Result<BTreeMap<String, u64>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
        rows.collect()
    };
    Ok(Stats {
        articles: conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as u64,
        sources: count_by("SELECT source, COUNT(*) FROM articles GROUP BY source")?,
        regions: count_by("SELECT region, COUNT(*) FROM article_regions GROUP BY region")?,
        sectors: count_by("SELECT sector, COUNT(*) FROM article_sectors GROUP BY sector")?,
        commitments: conn.query_row("SELECT COUNT(*) FROM commitments", [], |r| r.get::<_, i64>(0))? as u64,
    })
}

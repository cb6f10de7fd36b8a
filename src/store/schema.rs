//! The database layout and its migrations.

use super::{STORE_SCHEMA_VERSION, Store, StoreError};

const V1: &str = "
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    canonical_url TEXT,
    external_id TEXT,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    warc_file TEXT,
    warc_offset INTEGER,
    content_hash TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    analysis_version TEXT,
    index_state TEXT
);
CREATE INDEX articles_source ON articles (source);
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
CREATE TABLE article_regions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    region TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, region)
);
CREATE INDEX article_regions_region ON article_regions (region);
CREATE TABLE article_sectors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (article_id, sector)
);
CREATE INDEX article_sectors_sector ON article_sectors (sector);
CREATE TABLE commitments (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    \"end\" INTEGER NOT NULL,
    text TEXT NOT NULL,
    actor TEXT,
    quantities TEXT NOT NULL,
    deadline_text TEXT,
    deadline_year INTEGER,
    regions TEXT NOT NULL,
    sector TEXT,
    status TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE TABLE inputs (
    source TEXT NOT NULL,
    input TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    run INTEGER NOT NULL,
    PRIMARY KEY (source, input)
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    report TEXT
);
";

const V2: &str = "
CREATE TABLE frontier (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    depth INTEGER NOT NULL,
    state TEXT NOT NULL,
    outcome TEXT,
    discovered_run INTEGER NOT NULL,
    fetched_run INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX frontier_queue ON frontier (source, state, depth);
CREATE TABLE http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
";

const V3: &str = "
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    actor TEXT,
    regions TEXT NOT NULL,
    sector TEXT,
    first_seen TEXT,
    last_seen TEXT,
    deadline_text TEXT,
    deadline_year INTEGER,
    original_deadline_text TEXT,
    original_deadline_year INTEGER,
    status TEXT NOT NULL,
    evidence TEXT NOT NULL,
    status_note TEXT,
    articles INTEGER NOT NULL
);
CREATE INDEX claims_status ON claims (status);
CREATE TABLE claim_members (
    claim_id TEXT NOT NULL,
    key TEXT NOT NULL,
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    update_kind TEXT,
    PRIMARY KEY (key, kind)
);
CREATE INDEX claim_members_claim ON claim_members (claim_id);
CREATE INDEX claim_members_article ON claim_members (article_id);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    correction TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN claims_hash TEXT;
";

/// Sentence embeddings (`newsmine run`'s embed pass). `embeddings` is the cache: one vector
/// per model and exact text (SHA-256), so a text is encoded once whoever asks for it (an
/// article's title and lead, a commitment sentence). `article_vectors` says which cached vector
/// stands for each article, and `state` (content hash and model, like `index_state`) tells
/// the pass which articles are pending.
const V4: &str = "
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;
CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    state TEXT NOT NULL
);
CREATE INDEX article_vectors_model ON article_vectors (model);
";

/// Brings the database to [`STORE_SCHEMA_VERSION`].
pub(super) fn migrate(store: &mut Store) -> Result<(), StoreError> {
    let path = store.path.clone();
    let e = |source| StoreError::Sqlite { path: path.clone(), source };
    // WAL keeps readers (search) working while a run writes, and survives kill -9.
    store.conn.pragma_update(None, "journal_mode", "WAL").map_err(e)?;
    store.conn.pragma_update(None, "synchronous", "NORMAL").map_err(e)?;
    store.conn.pragma_update(None, "foreign_keys", "ON").map_err(e)?;
    store.conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(e)?;
    let found: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
    if found > STORE_SCHEMA_VERSION {
        return Err(StoreError::TooNew { path, found });
    }
    for (version, sql) in [(1, V1), (2, V2), (3, V3), (4, V4)] {
        if found < version {
            let tx = store.conn.transaction().map_err(e)?;
            tx.execute_batch(sql).map_err(e)?;
            tx.pragma_update(None, "user_version", version).map_err(e)?;
            tx.commit().map_err(e)?;
        }
    }
    Ok(())
}

//! Sentence embeddings in the database: the cache of encoded texts (`embeddings`, keyed by model
//! and text hash) and which cached vector stands for each article (`article_vectors`).
//!
//! Vectors are stored as little-endian `f32` blobs next to their model id and length, so a
//! database moves between machines and a vector of one model is never read as another's.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::{Batch, Store, StoreError};
use crate::domain::ArticleId;

/// Every article vector of one model, row after row in one contiguous buffer: the layout a
/// brute-force scan wants, read in one query.
#[derive(Debug, Clone, Default)]
pub struct StoredVectors {
    /// Article of each row.
    pub ids: Vec<ArticleId>,
    /// `ids.len() * dim` floats, row-major.
    pub data: Vec<f32>,
    /// Floats per vector.
    pub dim: usize,
}

/// An article whose vector is missing or stale, with what its state will be once encoded.
#[derive(Debug, Clone)]
pub struct PendingVector {
    /// The article.
    pub id: ArticleId,
    /// `article_vectors.state` to record with its vector: content hash and model key.
    pub state: String,
}

/// `f32`s as the little-endian bytes stored in a blob.
pub fn vector_to_blob(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A blob back to `f32`s; `None` when its length is not a multiple of 4.
pub fn blob_to_vector(b: &[u8]) -> Option<Vec<f32>> {
    (b.len() % 4 == 0).then(|| b.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

impl Store {
    /// Articles whose vector state is not their current content under `model_key`: no vector
    /// yet, changed content, or another model. `model_key` names the model and how the article's
    /// text is chosen, so changing either makes every article pending again (texts that did not
    /// change are still found in the cache).
    pub fn ids_needing_vectors(&self, model_key: &str) -> Result<Vec<PendingVector>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.content_hash || ':' || ?1 FROM articles a LEFT JOIN article_vectors v ON v.article_id = a.id
                 WHERE v.state IS NOT (a.content_hash || ':' || ?1) ORDER BY a.id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![model_key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(self.err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err())?;
        Ok(rows.into_iter().filter_map(|(id, state)| Some(PendingVector { id: ArticleId::parse(&id).ok()?, state })).collect())
    }

    /// The text hashes already encoded by `model`.
    pub fn cached_hashes(&self, model: &str) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT text_hash FROM embeddings WHERE model = ?1").map_err(self.err())?;
        let rows = stmt.query_map(params![model], |r| r.get::<_, String>(0)).map_err(self.err())?;
        rows.collect::<Result<HashSet<_>, _>>().map_err(self.err())
    }

    /// Cached vectors of `model` for these text hashes (those not cached are left out).
    pub fn cached_vectors(&self, model: &str, hashes: &[&str]) -> Result<HashMap<String, Vec<f32>>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT vector FROM embeddings WHERE model = ?1 AND text_hash = ?2").map_err(self.err())?;
        let mut out = HashMap::new();
        for &h in hashes {
            let blob: Option<Vec<u8>> = stmt.query_row(params![model, h], |r| r.get(0)).optional().map_err(self.err())?;
            if let Some(v) = blob.as_deref().and_then(blob_to_vector) {
                out.insert(h.to_owned(), v);
            }
        }
        Ok(out)
    }

    /// The distinct sentences of all stored commitments, in a stable order.
    pub fn commitment_sentences(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT text FROM commitments ORDER BY text").map_err(self.err())?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(self.err())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.err())
    }

    /// One article's vector under `model`, when it has one.
    pub fn article_vector(&self, id: &ArticleId, model: &str) -> Result<Option<Vec<f32>>, StoreError> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT e.vector FROM article_vectors v JOIN embeddings e ON e.model = v.model AND e.text_hash = v.text_hash
                 WHERE v.article_id = ?1 AND v.model = ?2",
                params![id.as_str(), model],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?;
        Ok(blob.as_deref().and_then(blob_to_vector))
    }

    /// Every article vector of `model`, ordered by article id.
    pub fn article_vectors(&self, model: &str) -> Result<StoredVectors, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.article_id, e.dim, e.vector FROM article_vectors v JOIN embeddings e ON e.model = v.model AND e.text_hash = v.text_hash
                 WHERE v.model = ?1 ORDER BY v.article_id",
            )
            .map_err(self.err())?;
        let mut rows = stmt.query(params![model]).map_err(self.err())?;
        let mut out = StoredVectors::default();
        while let Some(r) = rows.next().map_err(self.err())? {
            let id: String = r.get(0).map_err(self.err())?;
            let dim = r.get::<_, i64>(1).map_err(self.err())? as usize;
            let blob = r.get_ref(2).map_err(self.err())?.as_blob().map_err(|e| self.err()(e.into()))?;
            let corrupt = |message: String| StoreError::Corrupt { path: self.path.clone(), id: id.clone(), message };
            if out.dim == 0 {
                out.dim = dim;
            }
            if dim != out.dim || blob.len() != dim * 4 {
                return Err(corrupt(format!("vector of {} bytes for {dim} dimensions (others have {})", blob.len(), out.dim)));
            }
            let Ok(article) = ArticleId::parse(&id) else { continue };
            out.ids.push(article);
            out.data.extend(blob.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        }
        Ok(out)
    }

    /// The model that made most article vectors (the configured one, once a run has embedded).
    pub fn main_vector_model(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT model FROM article_vectors GROUP BY model ORDER BY COUNT(*) DESC, model LIMIT 1", [], |r| r.get(0))
            .optional()
            .map_err(self.err())
    }

    /// How many articles have a vector of `model`.
    pub fn vector_count(&self, model: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM article_vectors WHERE model = ?1", params![model], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(self.err())
    }
}

impl Batch<'_> {
    /// Caches the vector of a text (a no-op when it is cached already).
    pub fn save_embedding(&self, model: &str, text_hash: &str, vector: &[f32]) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO embeddings (model, text_hash, dim, vector) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(model, text_hash) DO NOTHING",
                params![model, text_hash, vector.len() as i64, vector_to_blob(vector)],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Records which cached text stands for an article, and the state it was made from.
    pub fn set_article_vector(&self, id: &ArticleId, model: &str, text_hash: &str, state: &str) -> Result<(), StoreError> {
        self.tx
            .execute(
                "INSERT INTO article_vectors (article_id, model, text_hash, state) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(article_id) DO UPDATE SET model = ?2, text_hash = ?3, state = ?4",
                params![id.as_str(), model, text_hash, state],
            )
            .map_err(self.err())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_are_little_endian_f32() {
        let v = [1.0f32, -0.5, 0.25];
        let b = vector_to_blob(&v);
        assert_eq!(&b[..4], &1.0f32.to_le_bytes());
        assert_eq!(blob_to_vector(&b).unwrap(), v);
        assert!(blob_to_vector(&[0, 1, 2]).is_none());
    }

    #[test]
    fn vectors_are_cached_by_model_and_hash_and_follow_content() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let url = "https://a.kz/1";
        let a = crate::domain::Article {
            id: ArticleId::from_canonical_url(url),
            source: crate::domain::SourceName::parse("test").unwrap(),
            url: Some(url.into()),
            canonical_url: Some(url.into()),
            external_id: None,
            title: None,
            authors: vec![],
            published: None,
            language: None,
            text: "Schools will be built.".into(),
            archived: None,
        };
        let run = store.begin_run().unwrap();
        let tx = store.batch().unwrap();
        tx.upsert_article(&a, run).unwrap();
        tx.commit().unwrap();
        let pending = store.ids_needing_vectors("m@1").unwrap();
        assert_eq!(pending.len(), 1);
        let tx = store.batch().unwrap();
        tx.save_embedding("m@1", "h1", &[0.6, 0.8]).unwrap();
        tx.save_embedding("m@1", "h1", &[9.0, 9.0]).unwrap();
        tx.set_article_vector(&a.id, "m@1", "h1", &pending[0].state).unwrap();
        tx.commit().unwrap();
        assert!(store.ids_needing_vectors("m@1").unwrap().is_empty());
        assert_eq!(store.ids_needing_vectors("m@2").unwrap().len(), 1, "another model makes it pending");
        assert_eq!(store.article_vector(&a.id, "m@1").unwrap().unwrap(), vec![0.6, 0.8], "the first vector of a text stays");
        let all = store.article_vectors("m@1").unwrap();
        assert_eq!((all.ids.len(), all.dim, all.data.len()), (1, 2, 2));
        assert_eq!(store.cached_hashes("m@1").unwrap().len(), 1);
        assert_eq!(store.cached_vectors("m@1", &["h1", "h2"]).unwrap().len(), 1);
        assert_eq!(store.vector_count("m@1").unwrap(), 1);
        assert_eq!(store.main_vector_model().unwrap().as_deref(), Some("m@1"));
    }
}

//! `newsmine search --semantic`, `search --hybrid` and `newsmine similar`: ranking by sentence
//! embeddings, with the same filters, hits and facets as keyword search.
//!
//! The article vectors come from the store (written by the run's embed pass), the query vector
//! from the encoder; the ranking is an exact scan ([`VectorIndex`]); the filters, hits,
//! snippets and facets come from the full-text index, so every search mode prints the same
//! JSON (`total`, `hits[{id, url, title, published, source, regions, sectors, snippet,
//! score}]`, `facets`).

use std::time::Instant;

use super::Exit;
use super::commands::{KnownIds, open_store, print_results};
use super::embed_pass::require_encoder;
use crate::analyze::embed::Encoder;
use crate::config::Config;
use crate::domain::ArticleId;
use crate::index::{NewsIndex, RRF_K, SearchRequest, SearchResults, VectorIndex, reciprocal_rank_fusion};
use crate::store::Store;
use crate::{Error, Result};

/// How articles are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// By cosine similarity to the query's embedding.
    Semantic,
    /// By reciprocal rank fusion of the BM25 and the semantic rankings.
    Hybrid,
}

/// How deep each ranking goes before fusion: far enough that an article ranked well by one
/// list and poorly by the other still competes (RRF scores past rank 1000 are below 1/1060).
const FUSION_DEPTH: usize = 1000;

/// All article vectors of the encoder's model, or a message saying how to get them.
fn load_vectors(store: &Store, model: &str) -> Result<VectorIndex> {
    let started = Instant::now();
    let stored = store.article_vectors(model)?;
    if stored.ids.is_empty() {
        return Err(Error::Usage(format!(
            "no article vectors of {model} in the database: run `newsmine run` to compute them (the run's embed pass)"
        )));
    }
    let ids = stored.ids.iter().map(|id| id.to_string()).collect();
    let ix = VectorIndex::new(ids, stored.data, stored.dim);
    tracing::debug!("loaded {} vectors in {:.3}s", ix.len(), started.elapsed().as_secs_f64());
    Ok(ix)
}

/// `newsmine search QUERY --semantic | --hybrid`.
pub(super) fn search(config: &Config, req: SearchRequest, mode: Mode, json: bool) -> Result<Exit> {
    // The model first: without it nothing below can work, and its message says how to fetch it.
    let encoder = require_encoder(config)?;
    print_results(&ranked_results(config, &KnownIds::load(config)?, &encoder, &req, mode)?, json)
}

/// Semantic or hybrid search without the printing (also `GET /api/search?mode=...`).
pub(super) fn ranked_results(
    config: &Config,
    known: &KnownIds,
    encoder: &dyn Encoder,
    req: &SearchRequest,
    mode: Mode,
) -> Result<SearchResults> {
    known.check_filters(req)?;
    let text = req.query.trim();
    if text.is_empty() || text == "*" {
        return Err(Error::Usage("semantic search needs a query text to compare articles with (`*` means nothing here)".into()));
    }
    let index = NewsIndex::open(&NewsIndex::dir_in(&config.data_dir))?;
    let store = open_store(config)?;
    let vectors = load_vectors(&store, encoder.model_id())?;
    let query = encoder.encode(&[text])?.pop().unwrap_or_default();
    let allowed = index.filtered_ids(req)?;
    let keep = |i: usize| allowed.as_ref().is_none_or(|a| a.contains(vectors.id(i)));
    let total = match &allowed {
        None => vectors.len(),
        Some(a) => (0..vectors.len()).filter(|&i| a.contains(vectors.id(i))).count(),
    };
    let ranked: Vec<(String, f32)> = match mode {
        Mode::Semantic => {
            vectors.nearest(&query, req.limit, keep).into_iter().map(|(i, s)| (vectors.id(i).to_owned(), s)).collect()
        }
        Mode::Hybrid => {
            let by_meaning: Vec<String> =
                vectors.nearest(&query, FUSION_DEPTH, keep).into_iter().map(|(i, _)| vectors.id(i).to_owned()).collect();
            let by_words = index.ranked_ids(req, FUSION_DEPTH)?;
            let mut fused = reciprocal_rank_fusion(&[&by_words, &by_meaning], RRF_K);
            fused.truncate(req.limit);
            fused
        }
    };
    let snippet_query = (mode == Mode::Hybrid).then_some(text);
    let hits = index.hits_for(&ranked, snippet_query)?;
    Ok(SearchResults { total: total as u64, hits, facets: index.filter_facets(req)? })
}

/// `newsmine similar ID`: the articles whose vectors are nearest to this one's.
pub(super) fn similar(config: &Config, id: &str, limit: usize, json: bool) -> Result<Exit> {
    let id = ArticleId::parse(id).map_err(|e| Error::Usage(format!("{e}; `newsmine search` prints article ids")))?;
    let store = open_store(config)?;
    if store.article(&id)?.is_none() {
        return Err(Error::Usage(format!("no article {id}; `newsmine search` prints article ids")));
    }
    print_results(&similar_results(config, &store, &id, limit)?, json)
}

/// `newsmine similar` without the printing, for an article known to be stored (also
/// `GET /api/articles/{id}/similar`). Needs only the stored vectors: no model files, no encoding.
pub(super) fn similar_results(config: &Config, store: &Store, id: &ArticleId, limit: usize) -> Result<SearchResults> {
    let index = NewsIndex::open(&NewsIndex::dir_in(&config.data_dir))?;
    let Some(model) = store.main_vector_model()? else {
        return Err(Error::Usage(
            "no article vectors in the database: configure `[embed] model` (see config/newsmine.toml) and run `newsmine run`".into(),
        ));
    };
    let vectors = load_vectors(store, &model)?;
    let Some(me) = vectors.position(id.as_str()) else {
        return Err(Error::Usage(format!("article {id} has no vector yet: run `newsmine run` to compute it")));
    };
    let query = vectors.vector(me).to_vec();
    let ranked: Vec<(String, f32)> =
        vectors.nearest(&query, limit, |i| i != me).into_iter().map(|(i, s)| (vectors.id(i).to_owned(), s)).collect();
    let hits = index.hits_for(&ranked, None)?;
    Ok(SearchResults { total: vectors.len().saturating_sub(1) as u64, hits, facets: Default::default() })
}

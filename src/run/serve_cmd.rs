//! `newsmine serve`: the [`Library`] the HTTP API reads, over the data directory. Every route
//! answers with the JSON of the command it mirrors, built by that command's own function, so the
//! command line and the API cannot drift apart.
//!
//! The store and the index are opened per request: a nightly run may commit between two
//! requests, and each answer sees the latest commit (SQLite in WAL mode and tantivy both let
//! readers in while a run writes). The sentence encoder, needed only by semantic and hybrid
//! search, is loaded on the first such request and kept.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

use serde_json::json;

use super::Exit;
use super::claims_cmd::{ClaimFilter, claim_detail_json, claims_json};
use super::commands::{KnownIds, article_json, keyword_results, open_store};
use super::search::{Mode, ranked_results, similar_results};
use crate::analyze::embed::MiniLm;
use crate::config::Config;
use crate::domain::ArticleId;
use crate::index::SearchResults;
use crate::serve::{ClaimQuery, Library, Query, Reply, SearchMode, SearchQuery, ServeError};
use crate::store::Store;
use crate::{Error, Result, archive};

/// `newsmine serve --addr ADDR`: binds, says where, and serves until stopped.
pub(super) fn serve(config: Config, addr: SocketAddr) -> Result<Exit> {
    // Fail now, not on the first request, when there is nothing to serve.
    open_store(&config)?;
    let known = KnownIds::load(&config)?;
    let listener = TcpListener::bind(addr).map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    let bound = listener.local_addr().map_err(|source| Error::Io { path: addr.to_string().into(), source })?;
    println!("newsmine: serving {} read-only on http://{bound}/ (Ctrl-C stops)", config.data_dir.display());
    let library = DataDirLibrary { config, known, encoder: Mutex::new(None) };
    crate::serve::http::serve(listener, Arc::new(library)).map_err(|source| Error::Io { path: bound.to_string().into(), source })?;
    Ok(Exit::Ok)
}

/// The data directory, read as the commands read it.
struct DataDirLibrary {
    config: Config,
    known: KnownIds,
    /// Loaded on the first semantic or hybrid search.
    encoder: Mutex<Option<Arc<MiniLm>>>,
}

impl Library for DataDirLibrary {
    fn answer(&self, query: Query) -> Result<Reply, ServeError> {
        match query {
            Query::Endpoints => Ok(Reply::json(&crate::serve::endpoints())),
            Query::Health => {
                let articles = self.store()?.stats().map_err(refusal)?.articles;
                Ok(Reply::json(&json!({"status": "ok", "articles": articles})))
            }
            Query::Stats => Ok(Reply::json(&self.store()?.stats().map_err(refusal)?)),
            Query::Search(q) => self.search(&q).map(|r| Reply::json(&r)).map_err(refusal),
            Query::Article(id) => {
                let (store, id) = (self.store()?, article_id(&id)?);
                let article = store.article(&id).map_err(refusal)?.ok_or_else(|| no_article(&id))?;
                let analysis = store.analysis(&id).map_err(refusal)?.unwrap_or_default();
                Ok(Reply::json(&article_json(&article, &analysis)))
            }
            Query::Archived(id) => {
                let (store, id) = (self.store()?, article_id(&id)?);
                let article = store.article(&id).map_err(refusal)?.ok_or_else(|| no_article(&id))?;
                let location = article.archived.ok_or_else(|| {
                    ServeError::NotFound(format!("article {id} came from a text source and has no archived page"))
                })?;
                let page = archive::read_page_at(&location).map_err(refusal)?;
                Ok(Reply::Archived { content_type: page.content_type, body: page.payload })
            }
            Query::Similar(id, limit) => {
                let (store, id) = (self.store()?, article_id(&id)?);
                store.article(&id).map_err(refusal)?.ok_or_else(|| no_article(&id))?;
                similar_results(&self.config, &store, &id, limit).map(|r| Reply::json(&r)).map_err(refusal)
            }
            Query::Claims(q) => {
                let filter = self.claim_filter(q).map_err(refusal)?;
                claims_json(&self.store()?, &filter).map(|v| Reply::json(&v)).map_err(refusal)
            }
            Query::Claim(id) => claim_detail_json(&self.store()?, &id)
                .map_err(refusal)?
                .map(|v| Reply::json(&v))
                .ok_or_else(|| ServeError::NotFound(format!("no claim {id}; GET /api/claims lists them"))),
        }
    }
}

impl DataDirLibrary {
    fn store(&self) -> Result<Store, ServeError> {
        open_store(&self.config).map_err(refusal)
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let mode = match q.mode {
            SearchMode::Keyword => return keyword_results(&self.config, &self.known, &q.request),
            SearchMode::Semantic => Mode::Semantic,
            SearchMode::Hybrid => Mode::Hybrid,
        };
        ranked_results(&self.config, &self.known, self.encoder()?.as_ref(), &q.request, mode)
    }

    /// The sentence encoder, loaded once.
    fn encoder(&self) -> Result<Arc<MiniLm>> {
        let mut slot = self.encoder.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(e) = slot.as_ref() {
            return Ok(Arc::clone(e));
        }
        let encoder = Arc::new(super::embed_pass::require_encoder(&self.config)?);
        *slot = Some(Arc::clone(&encoder));
        Ok(encoder)
    }

    fn claim_filter(&self, q: ClaimQuery) -> Result<ClaimFilter> {
        if let Some(r) = &q.region {
            self.known.check_region(r)?;
        }
        if let Some(s) = &q.sector {
            self.known.check_sector(s)?;
        }
        let status = match q.status {
            None => None,
            Some(s) => Some(super::cli::parse_status(&s).map_err(Error::Usage)?),
        };
        Ok(ClaimFilter {
            region: q.region.map(|r| r.to_string()),
            sector: q.sector.map(|s| s.to_string()),
            status,
            text: q.text,
            limit: q.limit,
        })
    }
}

fn article_id(id: &str) -> Result<ArticleId, ServeError> {
    ArticleId::parse(id).map_err(|e| ServeError::BadRequest(format!("{e}; GET /api/search lists article ids")))
}

fn no_article(id: &ArticleId) -> ServeError {
    ServeError::NotFound(format!("no article {id}; GET /api/search lists article ids"))
}

/// A command's or a stage's error as the API's: the user's input is a 400, anything else a 500.
fn refusal(e: impl Into<Error>) -> ServeError {
    let e = e.into();
    if e.is_usage() { ServeError::BadRequest(e.to_string()) } else { ServeError::Failed(e.to_string()) }
}

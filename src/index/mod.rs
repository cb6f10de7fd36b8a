//! The full-text index: tantivy on disk in `<data_dir>/index/`.
//!
//! Owns: tantivy, and exact vector search ([`vectors`]). Input: an [`Article`] with its
//! [`Analysis`]; article vectors from the store. Output: [`SearchResults`] for a
//! [`SearchRequest`], ranked by BM25, by vector similarity, or by both fused.
//! Invariants: one document per [`ArticleId`] (every write is delete-then-add on the id, so a
//! rerun or a replay after a crash never duplicates); the index holds nothing the store does not,
//! so it can be deleted and rebuilt from the store at any time.
//! Boundary: the on-disk format, versioned by [`INDEX_FORMAT_VERSION`].

mod lookup;
mod schema;
mod search;
pub mod vectors;

use std::path::{Path, PathBuf};

use tantivy::schema::Term;
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

pub use schema::Fields;
pub use search::{Facets, Hit, SearchRequest, SearchResults, Sort};
pub use vectors::{RRF_K, VectorIndex, reciprocal_rank_fusion};

use crate::domain::{Analysis, Article};

/// The layout of index documents this build writes. A different number on disk means the
/// index must be rebuilt from the store (`newsmine reindex`, or automatically by `run`).
pub const INDEX_FORMAT_VERSION: u32 = 2;

const FORMAT_FILE: &str = "newsmine-index.json";

/// An index problem; messages name the directory and the fix.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed.
    #[error("index {path}: {source}")]
    Tantivy {
        /// The index directory.
        path: PathBuf,
        /// tantivy's error.
        source: tantivy::TantivyError,
    },
    /// The directory could not be created or read.
    #[error("index {path}: {source}")]
    Io {
        /// The index directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// There is no index yet.
    #[error("no index in {path}: run `newsmine run` first (or `newsmine reindex` to rebuild it from the database)")]
    Missing {
        /// The index directory.
        path: PathBuf,
    },
    /// The index was written in another format.
    #[error("index {path} has format {found}, this build reads format {INDEX_FORMAT_VERSION}: run `newsmine reindex`")]
    Incompatible {
        /// The index directory.
        path: PathBuf,
        /// The format found.
        found: String,
    },
    /// The query could not be parsed.
    #[error("bad query: {message}")]
    BadQuery {
        /// What is wrong and how to write it.
        message: String,
    },
}

/// An open index.
pub struct NewsIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    path: PathBuf,
}

impl NewsIndex {
    /// The index directory inside a data directory.
    pub fn dir_in(data_dir: &Path) -> PathBuf {
        data_dir.join("index")
    }

    /// Opens the index for searching.
    pub fn open(dir: &Path) -> Result<NewsIndex, IndexError> {
        let format = std::fs::read_to_string(dir.join(FORMAT_FILE)).map_err(|_| IndexError::Missing { path: dir.to_owned() })?;
        if format.trim() != format_marker() {
            return Err(IndexError::Incompatible { path: dir.to_owned(), found: format.trim().to_owned() });
        }
        let index = Index::open_in_dir(dir).map_err(tantivy_err(dir))?;
        Self::wrap(index, dir)
    }

    /// Opens the index for writing, creating it when missing and recreating it when its format
    /// is not this build's. Returns whether it was (re)created empty, in which case every
    /// article must be indexed again.
    pub fn open_or_create(dir: &Path) -> Result<(NewsIndex, bool), IndexError> {
        match Self::open(dir) {
            Ok(ix) => return Ok((ix, false)),
            Err(IndexError::Missing { .. } | IndexError::Incompatible { .. }) => {}
            Err(e) => return Err(e),
        }
        let io = |source| IndexError::Io { path: dir.to_owned(), source };
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, _) = schema::build();
        let index = Index::create_in_dir(dir, schema).map_err(tantivy_err(dir))?;
        // Written last: a crash before this point leaves no marker, so the next run starts over.
        std::fs::write(dir.join(FORMAT_FILE), format_marker()).map_err(io)?;
        Ok((Self::wrap(index, dir)?, true))
    }

    fn wrap(index: Index, dir: &Path) -> Result<NewsIndex, IndexError> {
        let fields = schema::fields_of(&index.schema()).map_err(tantivy_err(dir))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err(dir))?;
        Ok(NewsIndex { index, fields, reader, path: dir.to_owned() })
    }

    /// A writer; only one may exist at a time (the run lock guarantees it).
    pub fn writer(&self) -> Result<NewsWriter<'_>, IndexError> {
        let writer = self.index.writer_with_num_threads(1, 64_000_000).map_err(tantivy_err(&self.path))?;
        Ok(NewsWriter { writer, ix: self })
    }

    /// How many articles the index holds.
    pub fn num_docs(&self) -> Result<u64, IndexError> {
        self.reader.reload().map_err(tantivy_err(&self.path))?;
        Ok(self.reader.searcher().num_docs())
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, IndexError> {
        search::run(self, req)
    }
}

/// Adds, replaces and commits documents.
pub struct NewsWriter<'a> {
    writer: IndexWriter,
    ix: &'a NewsIndex,
}

impl NewsWriter<'_> {
    /// Adds the article, replacing any document with the same id. `claims`: the ids of the
    /// claims it supports.
    pub fn upsert(&mut self, article: &Article, analysis: &Analysis, claims: &[String]) -> Result<(), IndexError> {
        let f = &self.ix.fields;
        self.writer.delete_term(Term::from_field_text(f.id, article.id.as_str()));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, article.id.as_str());
        if let Some(url) = &article.url {
            doc.add_text(f.url, url);
        }
        if let Some(title) = &article.title {
            doc.add_text(f.title, title);
        }
        doc.add_text(f.body, &article.text);
        for a in &article.authors {
            doc.add_text(f.author, a);
        }
        doc.add_text(f.source, article.source.as_str());
        if let Some(p) = article.published {
            doc.add_date(f.published, DateTime::from_timestamp_secs(p.timestamp()));
        }
        for r in &analysis.regions {
            doc.add_text(f.region, r.id.as_str());
        }
        for s in &analysis.sectors {
            doc.add_text(f.sector, s.id.as_str());
        }
        if let Some(lang) = &article.language {
            doc.add_text(f.language, lang);
        }
        if let Some(x) = &article.external_id {
            doc.add_text(f.external_id, x);
        }
        for c in claims {
            doc.add_text(f.claim, c);
        }
        self.writer.add_document(doc).map_err(tantivy_err(&self.ix.path))?;
        Ok(())
    }

    /// Makes everything added so far durable and searchable.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer.commit().map_err(tantivy_err(&self.ix.path))?;
        Ok(())
    }

    /// Commits, then waits for merges to finish so the index directory is tidy.
    pub fn finish(mut self) -> Result<(), IndexError> {
        self.commit()?;
        self.writer.wait_merging_threads().map_err(tantivy_err(&self.ix.path))
    }
}

fn format_marker() -> String {
    format!("{{\"format\": {INDEX_FORMAT_VERSION}}}")
}

fn tantivy_err(path: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| IndexError::Tantivy { path: path.to_owned(), source }
}

#[cfg(test)]
mod tests;

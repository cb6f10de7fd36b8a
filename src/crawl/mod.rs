//! Where articles come from: the configured sources and the readers for the offline kinds.
//!
//! Owns: [`Source`] (a named, typed source from `config/newsmine.toml`) and the JSON Lines
//! reader ([`jsonl`]) that turns a file into [`Candidate`]s. WARC sources are read by the
//! `archive` stage, which owns the format; `run` wires the two.
//! Never: parses HTML, tags text or writes to the store or index.

pub mod jsonl;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::domain::{SourceName, WarcLocation};

/// A configured source of articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Unique name; every article records it.
    pub name: SourceName,
    /// What kind of input it is and where.
    pub kind: SourceKind,
}

/// The kinds of source newsmine reads.
///
/// The live kinds of the crawler (`feed`, `sitemap`, `site`) will join these as variants; the
/// configuration already keys every source by `kind` so they fit without a format change.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SourceKind {
    /// `.warc` / `.warc.gz` files matched by a path or glob; every HTML response or resource
    /// record is an article candidate.
    Warc {
        /// A file path or a glob pattern (`corpus/*.warc.gz`), already resolved.
        pattern: String,
    },
    /// A JSON Lines file, one article per line with `text` or `html`.
    Jsonl {
        /// The file.
        path: PathBuf,
    },
}

impl SourceKind {
    /// The `kind` key as written in the configuration.
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Warc { .. } => "warc",
            SourceKind::Jsonl { .. } => "jsonl",
        }
    }
}

/// The body of a candidate article, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// An HTML page: goes through `extract`, which decodes its charset.
    Html {
        /// The bytes as received.
        bytes: Vec<u8>,
        /// The HTTP `Content-Type`, whose charset wins over the page's own declaration.
        content_type: Option<String>,
    },
    /// Plain text, paragraphs separated by newlines: used as it is.
    Text(String),
}

/// One article candidate as a source yields it, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The source's own id for it (a JSONL `id`).
    pub external_id: Option<String>,
    /// The page's URL.
    pub url: Option<String>,
    /// A title given by the source (JSONL), used when extraction finds none.
    pub title: Option<String>,
    /// A publication time given by the source.
    pub published: Option<DateTime<Utc>>,
    /// The body.
    pub body: Body,
    /// Where the page is archived, for WARC records.
    pub archived: Option<WarcLocation>,
    /// A source name given inside the data (JSONL `source`), overriding the configured one.
    pub source_override: Option<SourceName>,
}

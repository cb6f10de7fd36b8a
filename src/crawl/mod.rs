//! Where articles come from: the configured sources, the JSON Lines reader and the crawler.
//!
//! Owns: [`Source`] (a named, typed source from `config/newsmine.toml`), the JSON Lines
//! reader ([`jsonl`]) that turns a file into [`Candidate`]s, and the polite, resumable web
//! crawler for `feed`, `sitemap` and `site` sources ([`settings`] and, with it, HTTP, robots.txt,
//! politeness and discovery). WARC sources are read by the `archive` stage, which owns the
//! format; the crawler hands every response to an archive sink that `run` provides, and keeps its
//! frontier in a state store that `run` provides too.
//! Never: parses article text, tags text, or touches SQLite, tantivy or WARC directly.

pub mod discover;
pub mod engine;
pub mod frontier;
pub mod http;
pub mod jsonl;
pub mod politeness;
pub mod robots;
pub mod settings;

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
    /// Live sources only: crawl targets on loopback and private networks (test servers,
    /// intranets). Off by default, so a configuration cannot be used to probe internal hosts.
    pub allow_private: bool,
    /// Live sources only: at most this many pages fetched per run (feeds, sitemaps and robots.txt
    /// not counted).
    pub max_pages: Option<usize>,
    /// Live sources only: politeness for this source's hosts, overriding the `[crawl]` defaults.
    pub politeness: Option<settings::HostPoliteness>,
}

impl Source {
    /// Whether the source is read over HTTP by the crawler.
    pub fn is_live(&self) -> bool {
        matches!(self.kind, SourceKind::Feed { .. } | SourceKind::Sitemap { .. } | SourceKind::Site { .. } | SourceKind::Auto { .. })
    }
}

/// The kinds of source newsmine reads.
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
    /// An RSS, Atom or JSON Feed, re-read every run (conditionally); its entries are fetched.
    Feed {
        /// The feed's URL.
        url: url::Url,
    },
    /// A sitemap or sitemap index (news sitemaps and gzip included), re-read every run.
    Sitemap {
        /// The sitemap's URL.
        url: url::Url,
    },
    /// A whole site: its feeds (`<link rel=alternate>`), its sitemaps (robots.txt `Sitemap:`) and
    /// its in-site links from the start URLs, within `max_depth` and the URL patterns.
    Site {
        /// Where link-following starts; re-read every run.
        start_urls: Vec<url::Url>,
        /// Regular expressions; when any are given, a followed URL must match one.
        include: Vec<String>,
        /// Regular expressions; a URL matching any is not followed.
        exclude: Vec<String>,
        /// Links more than this many steps from a start URL are not followed.
        max_depth: u32,
    },
    /// One URL whose kind (feed, sitemap or site) is told from its response (`newsmine crawl`).
    Auto {
        /// The URL.
        url: url::Url,
        /// Depth limit if it turns out to be a site.
        max_depth: u32,
    },
}

impl SourceKind {
    /// The `kind` key as written in the configuration.
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Warc { .. } => "warc",
            SourceKind::Jsonl { .. } => "jsonl",
            SourceKind::Feed { .. } => "feed",
            SourceKind::Sitemap { .. } => "sitemap",
            SourceKind::Site { .. } => "site",
            SourceKind::Auto { .. } => "auto",
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

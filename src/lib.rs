//! newsmine: regional-development news, crawled, archived, tagged and searchable.
//!
//! A nightly job reads news sources, keeps every page in WARC archives, extracts the
//! articles, tags each with the **regions** it concerns, the **sectors** it covers and the
//! **commitments** it reports (who promised what, where, how much, by when), stores them in
//! SQLite and indexes them with tantivy, so journalists can search coverage and fact-checkers
//! can follow promises back to the sentence, the article and the archived page.
//!
//! One page through every stage (this example is compiled and run as a test):
//!
//! ```
//! use newsmine::analyze::Analyzer;
//! use newsmine::domain::{Article, ArticleId, SourceName};
//! use newsmine::index::{NewsIndex, SearchRequest};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let html = r#"<html><head><title>Broadband for villages</title>
//!   <meta property="article:published_time" content="2019-06-12"></head><body><article>
//!   <p>Over 200 additional villages in the Kyzylorda, Pavlodar, Turkestan and Zhambyl regions
//!   will be connected to broadband internet over the summer, the Ministry of Digital Development said.</p>
//!   <p>The roll-out of broadband is being accelerated to rural areas across the country, and
//!   schools, hospitals and town halls in those villages will be connected as well.</p>
//!   </article></body></html>"#;
//!
//! // extract: HTML to an article
//! let page = newsmine::extract::extract_html(html.as_bytes(), Some("text/html"), Some("https://news.kz/broadband"));
//! let x = page.article;
//!
//! // analyze: regions, sectors, commitments (the gazetteer and taxonomy come from config/)
//! let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
//! let analyzer = Analyzer::new(
//!     &std::fs::read_to_string(config.join("gazetteer.toml"))?,
//!     &std::fs::read_to_string(config.join("sectors.toml"))?,
//! )?;
//! let analysis = analyzer.analyze(&x.text, x.published.map(|d| d.date_naive()));
//! assert!(analysis.regions.iter().any(|r| r.id.as_str() == "kyzylorda"));
//! assert_eq!(analysis.commitments[0].quantities[0].value, 200.0);
//!
//! // index and search, in a temporary directory
//! let dir = tempfile::tempdir()?;
//! let (index, _) = NewsIndex::open_or_create(&dir.path().join("index"))?;
//! let article = Article {
//!     id: ArticleId::from_canonical_url("https://news.kz/broadband"),
//!     source: SourceName::parse("example")?,
//!     url: Some("https://news.kz/broadband".into()),
//!     canonical_url: x.canonical_url.clone(),
//!     external_id: None,
//!     title: x.title.clone(),
//!     authors: x.authors.clone(),
//!     published: x.published,
//!     language: x.language.clone(),
//!     text: x.text.clone(),
//!     archived: None,
//! };
//! let mut writer = index.writer()?;
//! writer.upsert(&article, &analysis, &[])?;
//! writer.finish()?;
//! let found = index.search(&SearchRequest { query: "broadband".into(), limit: 5, ..Default::default() })?;
//! assert_eq!(found.total, 1);
//! # Ok(())
//! # }
//! ```
//!
//! Concepts, in data-flow order:
//! - [`crawl::Source`]: a configured source; [`crawl::Candidate`]: what it yields.
//! - [`archive`]: WARC files, read and written; [`domain::WarcLocation`] points at a record.
//! - [`extract::extract_html`]: a page to a [`domain::ExtractedArticle`].
//! - [`analyze::Analyzer`]: text to a [`domain::Analysis`] (regions, sectors, commitments).
//! - [`store::Store`]: the SQLite database, the source of truth.
//! - [`index::NewsIndex`]: the tantivy index, rebuilt from the store at will.
//! - [`claims`]: promises followed across articles: linked, updated, given a status.
//! - [`serve`]: the read-only HTTP API over the data directory.
//! - [`run`]: the commands, and the only place where stages meet.
#![warn(missing_docs)]

pub mod analyze;
pub mod archive;
pub mod claims;
pub mod config;
pub mod crawl;
pub mod domain;
mod error;
pub mod extract;
pub mod index;
pub mod run;
pub mod serve;
pub mod store;

pub use error::{Error, Result};

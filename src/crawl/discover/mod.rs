//! Discovery: reading feeds, sitemaps and site pages for the URLs of articles to fetch.
//!
//! Owns: [`Discovered`] (a URL with what its source said about it), the readers of each source
//! format ([`parse_feed`], [`parse_sitemap`], [`page_links`]), the [`Scope`] of a `site` source
//! and [`sniff_kind`] for an ad-hoc `newsmine crawl URL`.
//! Never: fetches anything (the crawler hands in bytes it already has), extracts article text,
//! or decides politeness; every reader takes untrusted bytes and never panics on them.

mod feed;
mod kind;
mod links;
mod scope;
mod sitemap;

use std::io::Read;

use chrono::{DateTime, Utc};

pub use feed::parse_feed;
pub use kind::{Kind, sniff_kind};
pub use links::{PageLinks, page_links};
pub use scope::Scope;
pub use sitemap::{Sitemap, parse_sitemap};

/// A URL found by discovery, with what the source said about it.
///
/// The date and title let the crawler order and skip work (newest first, nothing older than a
/// cut-off) before fetching a page; both are the source's claim, not the article's.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovered {
    /// Absolute http(s) URL, resolved against the document's base.
    pub url: url::Url,
    /// Publication date (feed entry `published`, else `updated`; sitemap
    /// `news:publication_date`, else `lastmod`).
    pub published: Option<DateTime<Utc>>,
    /// Entry title (feeds) or `news:title` (Google News sitemaps).
    pub title: Option<String>,
}

/// Why a discovery document could not be read. Each names the document's URL.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// feed-rs could not read the document as RSS, Atom or JSON Feed.
    #[error("{url}: not a readable feed: {message}")]
    Feed {
        /// The document.
        url: String,
        /// What the parser said.
        message: String,
    },
    /// The sitemap's XML is broken before any entry could be read.
    #[error("{url}: malformed sitemap XML at byte {position}: {message}")]
    Xml {
        /// The document.
        url: String,
        /// Byte offset of the error.
        position: u64,
        /// What the parser said.
        message: String,
    },
    /// The document is XML but neither `<urlset>` nor `<sitemapindex>`.
    #[error("{url}: not a sitemap (root element <{root}>)")]
    NotASitemap {
        /// The document.
        url: String,
        /// The root element found.
        root: String,
    },
    /// A gzip-compressed document is corrupt.
    #[error("{url}: bad gzip data: {source}")]
    Gzip {
        /// The document.
        url: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A compressed document inflates past the limit (the sitemap protocol's 50 MB).
    #[error("{url}: decompresses to more than {limit} bytes")]
    TooLarge {
        /// The document.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// An include or exclude pattern of a `site` source is not a valid regex.
    #[error("invalid URL pattern {pattern:?}: {source}")]
    Pattern {
        /// The pattern as configured.
        pattern: String,
        /// The underlying error.
        source: regex::Error,
    },
    /// A `site` source needs at least one start URL with a host.
    #[error("a site source needs at least one http(s) start URL with a host")]
    NoStartHost,
}

/// The largest document discovery will inflate: the sitemap protocol's limit (50 MiB).
pub const MAX_DECOMPRESSED: u64 = 50 * 1024 * 1024;

/// True when `bytes` starts with the gzip magic number.
fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Inflates gzip data (all members) up to `limit` bytes; plain data is returned as is.
///
/// Sitemaps are often served as `.xml.gz` files without `Content-Encoding`, so the bytes
/// themselves say whether they are compressed.
fn gunzip_limited<'a>(bytes: &'a [u8], limit: u64, url: &url::Url) -> Result<std::borrow::Cow<'a, [u8]>, DiscoverError> {
    if !is_gzip(bytes) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|source| DiscoverError::Gzip { url: url.to_string(), source })?;
    if out.len() as u64 > limit {
        return Err(DiscoverError::TooLarge { url: url.to_string(), limit });
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Keeps http(s) URLs only: discovery never hands the fetcher `mailto:`, `javascript:` or `ftp:`.
fn is_web(url: &url::Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host().is_some()
}

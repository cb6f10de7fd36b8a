//! The crawler's HTTP client: one polite, bounded, archivable GET at a time.
//!
//! Owns: [`FetchPolicy`] (every limit of a fetch), [`HttpClient::fetch`] (redirects, retries,
//! timeouts, size caps, decoding), and what it returns ([`FetchResult`], [`Exchange`],
//! [`Outcome`]). Submodules: `client` (the fetch loop), `safety` (which addresses may be
//! connected to), `retry` (backoff and Retry-After), `body` (capped reading and decoding),
//! `head` (request/response heads for WARC), `outcome` (the result types).
//! Never: decides what to crawl, filters by content type, parses pages or writes the archive;
//! per-host politeness is [`crate::crawl::politeness`], robots.txt is [`crate::crawl::robots`].

mod body;
mod client;
mod head;
mod outcome;
mod retry;
mod safety;

#[cfg(test)]
mod tests;

use std::time::Duration;

pub use client::HttpClient;
pub use outcome::{Exchange, FetchResult, Outcome, TimeoutKind, Truncation};
pub use retry::parse_retry_after;
pub use safety::{PrivateAddressError, SafeResolver, check_url, non_public_reason};

/// Every limit of a fetch. One policy per [`HttpClient`]; the defaults suit news sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchPolicy {
    /// Sent on every request; names the crawler and where to read about it, so site owners can
    /// find us (e.g. `newsmine/0.1 (+https://example.org/newsmine)`).
    pub user_agent: String,
    /// DNS + TCP + TLS; default 10 s.
    pub connect_timeout: Duration,
    /// From starting the request to the response headers; default 20 s.
    pub first_byte_timeout: Duration,
    /// The whole exchange (one hop or attempt) including the body, so a server dripping one byte
    /// a second cannot hold a worker; default 60 s.
    pub total_timeout: Duration,
    /// Raw bytes read off the wire per response; default 10 MB. A declared Content-Length over
    /// it ends the exchange before reading; otherwise reading stops at the cap.
    pub max_body_bytes: u64,
    /// Bytes after removing Content-Encoding (compression bombs); default 50 MB.
    pub max_decoded_bytes: u64,
    /// Redirects followed per fetch; default 10.
    pub max_redirects: u32,
    /// Retries of transient failures (timeouts, connection failures, 5xx, 429) per fetch, all
    /// hops together; default 3.
    pub max_retries: u32,
    /// First backoff ceiling; doubles per retry, with full jitter; default 500 ms.
    pub backoff_base: Duration,
    /// Cap of the backoff and of the Retry-After we honour (a longer one ends the fetch as
    /// [`Outcome::RateLimited`] instead of sleeping); default 30 s.
    pub backoff_max: Duration,
    /// Connect to loopback/private/link-local/... addresses too. Off by default so a hostile
    /// page or DNS record cannot make the crawler probe the local network.
    pub allow_private: bool,
}

impl Default for FetchPolicy {
    fn default() -> FetchPolicy {
        FetchPolicy {
            user_agent: format!("newsmine/{}", env!("CARGO_PKG_VERSION")),
            connect_timeout: Duration::from_secs(10),
            first_byte_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 10 * 1024 * 1024,
            max_decoded_bytes: 50 * 1024 * 1024,
            max_redirects: 10,
            max_retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            allow_private: false,
        }
    }
}

/// One URL to fetch, with what we already know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    /// The URL; its fragment is not sent.
    pub url: url::Url,
    /// The ETag stored from the last fetch: sent as If-None-Match (on every hop).
    pub etag: Option<String>,
    /// The Last-Modified stored from the last fetch: sent as If-Modified-Since (on every hop).
    pub last_modified: Option<String>,
    /// What kind of document we expect; sets the Accept header.
    pub accept: Accept,
}

impl FetchRequest {
    /// An unconditional request for `url`.
    pub fn new(url: url::Url, accept: Accept) -> FetchRequest {
        FetchRequest { url, etag: None, last_modified: None, accept }
    }
}

/// What kind of document a request expects, so servers that negotiate send the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Accept {
    /// An article or listing page; also sends `Accept-Encoding: gzip, deflate`.
    Html,
    /// RSS or Atom.
    Feed,
    /// A sitemap (XML).
    Sitemap,
    /// robots.txt.
    Robots,
    /// Anything.
    Any,
}

impl Accept {
    /// The Accept header value.
    pub fn header_value(self) -> &'static str {
        match self {
            Accept::Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            Accept::Feed => "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
            Accept::Sitemap => "application/xml,text/xml;q=0.9,*/*;q=0.5",
            Accept::Robots => "text/plain,*/*;q=0.5",
            Accept::Any => "*/*",
        }
    }

    /// The Accept-Encoding header value, if this kind asks for compression.
    pub fn accept_encoding(self) -> Option<&'static str> {
        match self {
            Accept::Html => Some("gzip, deflate"),
            _ => None,
        }
    }
}

/// Why an [`HttpClient`] could not be built. Fetch failures are not errors: they are
/// [`Outcome`]s.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The user agent cannot be an HTTP header value.
    #[error("user agent {0:?} is not a valid HTTP header value; use printable ASCII without line breaks")]
    InvalidUserAgent(String),
    /// A limit of the policy makes every fetch fail.
    #[error("fetch policy: {0}")]
    InvalidPolicy(String),
    /// reqwest refused the configuration (TLS setup, usually).
    #[error("cannot build the HTTP client: {0}; this is a bug or a broken TLS setup (system certificates)")]
    Client(String),
}

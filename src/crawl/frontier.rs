//! The crawler's vocabulary for its frontier: what a queued URL is and where it stands. The
//! frontier itself is persisted by whoever implements [`engine::CrawlState`](super::engine::CrawlState)
//! (the store, wired by `run`).

use crate::domain::SourceName;

/// What a frontier URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrlKind {
    /// An article or other HTML page.
    Page,
    /// An RSS, Atom or JSON feed (a hub).
    Feed,
    /// A sitemap or sitemap index (a hub).
    Sitemap,
    /// A site's start page, re-read every run for new links (a hub).
    Start,
    /// Unknown until fetched (`newsmine crawl URL`); a hub.
    Auto,
}

impl UrlKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            UrlKind::Page => "page",
            UrlKind::Feed => "feed",
            UrlKind::Sitemap => "sitemap",
            UrlKind::Start => "start",
            UrlKind::Auto => "auto",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<UrlKind> {
        Some(match s {
            "page" => UrlKind::Page,
            "feed" => UrlKind::Feed,
            "sitemap" => UrlKind::Sitemap,
            "start" => UrlKind::Start,
            "auto" => UrlKind::Auto,
            _ => return None,
        })
    }

    /// Whether it is re-read every run.
    pub fn is_hub(self) -> bool {
        self != UrlKind::Page
    }
}

/// A URL to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedUrl {
    /// Canonical URL.
    pub url: String,
    /// The source it belongs to.
    pub source: SourceName,
    /// What it is expected to be.
    pub kind: UrlKind,
    /// Link steps from a start URL (0 for hubs and their entries).
    pub depth: u32,
    /// Runs in which fetching it already failed transiently.
    pub attempts: u32,
}

/// Where a frontier URL stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlState {
    /// To be fetched.
    Queued,
    /// Fetched (or found already stored); pages are not fetched again.
    Done,
    /// robots.txt forbids it.
    Disallowed,
    /// Failed for good (4xx, too large, wrong type, refused, or transient failures too often).
    Failed,
}

impl UrlState {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            UrlState::Queued => "queued",
            UrlState::Done => "done",
            UrlState::Disallowed => "disallowed",
            UrlState::Failed => "failed",
        }
    }
}


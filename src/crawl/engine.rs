//! The crawl loop of one source: takes queued URLs from the frontier, checks robots.txt, waits
//! for politeness, fetches, hands every response to the archive, discovers new URLs (feed
//! entries, sitemap entries, in-site links) and records each URL's outcome.
//!
//! All network I/O happens on one current-thread tokio runtime with many requests in flight;
//! frontier and archive calls happen between completions, on the same thread, so the state
//! store needs no locking. The frontier and the archive are traits: the crawler does not know
//! they are SQLite and WARC.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use futures::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use url::Url;

use super::discover::{self, Kind, Scope, Sitemap};
use super::frontier::{QueuedUrl, UrlKind, UrlState};
use super::http::{Accept, FetchPolicy, FetchRequest, FetchResult, HttpClient, Outcome};
use super::politeness::{HostRules, Politeness};
use super::robots::Robots;
use super::settings::{CrawlSettings, HostPoliteness};
use super::{Source, SourceKind};
use crate::domain::canonicalize_url;

/// The longest robots.txt crawl-delay honoured.
pub const MAX_CRAWL_DELAY: std::time::Duration = std::time::Duration::from_secs(60);

/// A crawl that could not go on.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// The HTTP client could not be built.
    #[error("cannot start the HTTP client: {0}")]
    Client(String),
    /// The frontier or the archive failed (disk full, database error); the message says which.
    #[error("crawl state or archive failed: {0}")]
    Sink(String),
    /// The async runtime could not start.
    #[error("cannot start the crawler's runtime: {0}")]
    Runtime(std::io::Error),
}

/// Where the frontier lives; implemented over the database by `run`.
pub trait CrawlState {
    /// Up to `limit` queued URLs not in `exclude`, hubs first.
    fn next(&mut self, limit: usize, exclude: &HashSet<String>) -> Result<Vec<QueuedUrl>, CrawlError>;
    /// Adds newly found URLs `(url, kind, depth)`; known URLs are ignored. Returns how many were new.
    fn discovered(&mut self, urls: &[(String, UrlKind, u32)]) -> Result<usize, CrawlError>;
    /// Records a URL's outcome.
    fn finish(&mut self, item: &QueuedUrl, finish: &Finish) -> Result<(), CrawlError>;
    /// ETag and Last-Modified last seen for a URL.
    fn validators(&self, url: &str) -> Result<(Option<String>, Option<String>), CrawlError>;
    /// Remembers a URL's validators.
    fn set_validators(&mut self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<(), CrawlError>;
    /// Whether an article with this canonical URL is already stored.
    fn is_stored(&self, canonical_url: &str) -> Result<bool, CrawlError>;
    /// Pages of this source already fetched in this run (a killed run's included).
    fn pages_fetched(&self) -> Result<usize, CrawlError>;
}

/// Where every response goes; implemented over WARC files by `run`.
pub trait ResponseArchive {
    /// Archives every exchange of a fetch (or a note of a fetch that got no response).
    fn archive(&mut self, result: &FetchResult) -> Result<(), CrawlError>;
}

/// How a URL ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    /// Its new state.
    pub state: UrlState,
    /// The outcome key, as in the report.
    pub outcome: String,
    /// A transient failure: try again in a later run.
    pub retry_later: bool,
    /// What it turned out to be, when that changed (a `newsmine crawl` URL).
    pub kind: Option<UrlKind>,
}

/// What a crawl did, for the run report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrawlReport {
    /// URLs by outcome: `ok`, `not_modified`, `robots_disallowed`, `http_4xx`, `http_5xx`,
    /// `timeout_*`, `too_large`, `wrong_type`, `decode_error`, `refused_*`, ...
    pub outcomes: BTreeMap<String, u64>,
    /// HTTP requests sent (robots.txt, retries and redirect hops included).
    pub requests: u64,
    /// Retries of transient failures.
    pub retries: u64,
    /// New URLs added to the frontier.
    pub discovered: u64,
    /// Discovered URLs not queued because the article is already stored.
    pub already_stored: u64,
    /// HTML pages fetched.
    pub pages_fetched: u64,
    /// Why nothing was fetched, when the source's own URL was refused.
    pub notes: Vec<String>,
}

impl CrawlReport {
    fn count(&mut self, key: &str) {
        *self.outcomes.entry(key.to_owned()).or_default() += 1;
    }
}

/// Builds the fetch policy from the settings.
pub fn fetch_policy(settings: &CrawlSettings, allow_private: bool) -> FetchPolicy {
    use super::settings::*;
    use std::time::Duration;
    let secs = |v: Option<u64>, d: u64| Duration::from_secs(v.unwrap_or(d));
    FetchPolicy {
        user_agent: settings.user_agent().to_owned(),
        connect_timeout: secs(settings.connect_timeout_secs, DEFAULT_CONNECT_TIMEOUT_SECS),
        first_byte_timeout: secs(settings.first_byte_timeout_secs, DEFAULT_FIRST_BYTE_TIMEOUT_SECS),
        total_timeout: secs(settings.total_timeout_secs, DEFAULT_TOTAL_TIMEOUT_SECS),
        max_body_bytes: settings.max_body_mb.unwrap_or(DEFAULT_MAX_BODY_MB) * 1024 * 1024,
        max_decoded_bytes: settings.max_decoded_mb.unwrap_or(DEFAULT_MAX_DECODED_MB) * 1024 * 1024,
        max_redirects: settings.max_redirects.unwrap_or(DEFAULT_MAX_REDIRECTS),
        max_retries: settings.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
        backoff_base: Duration::from_millis(settings.backoff_base_ms.unwrap_or(DEFAULT_BACKOFF_BASE_MS)),
        backoff_max: secs(settings.backoff_max_secs, DEFAULT_BACKOFF_MAX_SECS),
        allow_private,
    }
}

/// Crawls one live source until its frontier has nothing queued for this run (or its page limit
/// is reached).
pub fn crawl(
    source: &Source,
    settings: &CrawlSettings,
    state: &mut dyn CrawlState,
    archive: &mut dyn ResponseArchive,
) -> Result<CrawlReport, CrawlError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(CrawlError::Runtime)?;
    let client = HttpClient::new(fetch_policy(settings, source.allow_private)).map_err(|e| CrawlError::Client(e.to_string()))?;
    let host = source.politeness.clone().unwrap_or_default().or(&settings.host);
    let politeness = Politeness::new(
        settings.global_concurrency(),
        HostRules { max_concurrent: host.max_concurrent(), min_delay: host.min_delay() },
    );
    let scope = match &source.kind {
        SourceKind::Site { start_urls, include, exclude, .. } => {
            Some(Scope::new(start_urls, include, exclude).map_err(|e| CrawlError::Client(e.to_string()))?)
        }
        SourceKind::Auto { url, .. } => Some(Scope::new(std::slice::from_ref(url), &[], &[]).map_err(|e| CrawlError::Client(e.to_string()))?),
        _ => None,
    };
    let mut crawler = Crawler {
        source,
        robots_token: settings.robots_token(),
        host,
        client: Arc::new(client),
        politeness: Arc::new(politeness),
        scope,
        robots: HashMap::new(),
        waiting: HashMap::new(),
        ready: VecDeque::new(),
        report: CrawlReport::default(),
        pages_this_run: state.pages_fetched()?,
        global_limit: settings.global_concurrency(),
    };
    runtime.block_on(crawler.run(state, archive))?;
    Ok(crawler.report)
}

/// robots.txt of one origin: being fetched, known, or the origin itself is refused (a private
/// address without `allow_private`), which then is every URL's outcome.
enum RobotsState {
    Fetching,
    Ready(Robots),
    Refused(&'static str),
}

/// What a finished future was fetching.
enum Job {
    Robots(String),
    Url(QueuedUrl),
}

struct Crawler<'a> {
    source: &'a Source,
    robots_token: String,
    host: HostPoliteness,
    client: Arc<HttpClient>,
    politeness: Arc<Politeness>,
    scope: Option<Scope>,
    robots: HashMap<String, RobotsState>,
    /// URLs waiting for their origin's robots.txt.
    waiting: HashMap<String, Vec<QueuedUrl>>,
    /// URLs cleared by robots.txt, waiting for a fetch slot.
    ready: VecDeque<QueuedUrl>,
    report: CrawlReport,
    pages_this_run: usize,
    global_limit: usize,
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

fn max_depth(kind: &SourceKind) -> u32 {
    match kind {
        SourceKind::Site { max_depth, .. } | SourceKind::Auto { max_depth, .. } => *max_depth,
        _ => 0,
    }
}

impl Crawler<'_> {
    async fn run(&mut self, state: &mut dyn CrawlState, archive: &mut dyn ResponseArchive) -> Result<(), CrawlError> {
        let limit = self.global_limit;
        let mut in_flight = FuturesUnordered::new();
        let mut flying: HashSet<String> = HashSet::new();
        let mut exhausted = false;
        loop {
            // Refill from the frontier when little is ready (what completions discovered included).
            if self.ready.len() < limit {
                let mut exclude: HashSet<String> = flying.clone();
                exclude.extend(self.ready.iter().map(|q| q.url.clone()));
                exclude.extend(self.waiting.values().flatten().map(|q| q.url.clone()));
                let batch = state.next(limit * 4, &exclude)?;
                exhausted = batch.is_empty();
                for item in batch {
                    self.admit(item, state)?;
                }
            }
            // Start robots.txt fetches for origins not seen yet.
            let unknown: Vec<String> = self.waiting.keys().filter(|o| !self.robots.contains_key(*o)).cloned().collect();
            for o in unknown {
                self.robots.insert(o.clone(), RobotsState::Fetching);
                let Ok(url) = Url::parse(&format!("{o}/robots.txt")) else { continue };
                in_flight.push(self.fetch(Job::Robots(o), url, None, None, Accept::Robots));
            }
            // Start fetches while slots are free.
            while in_flight.len() < limit {
                let Some(item) = self.next_ready() else { break };
                let Ok(url) = Url::parse(&item.url) else {
                    state.finish(&item, &finish(UrlState::Failed, "bad_url", false))?;
                    continue;
                };
                let (etag, lm) = if item.kind.is_hub() { state.validators(&item.url)? } else { (None, None) };
                let accept = match item.kind {
                    UrlKind::Feed => Accept::Feed,
                    UrlKind::Sitemap => Accept::Sitemap,
                    UrlKind::Auto => Accept::Any,
                    UrlKind::Page | UrlKind::Start => Accept::Html,
                };
                flying.insert(item.url.clone());
                in_flight.push(self.fetch(Job::Url(item), url, etag, lm, accept));
            }
            if in_flight.is_empty() {
                if exhausted && self.ready.is_empty() {
                    // Nothing in flight and nothing more queued: the crawl is over. No URL can
                    // still wait for robots.txt: every robots fetch was in flight.
                    break;
                }
                if !self.ready.is_empty() && self.at_page_limit() {
                    // Only pages are left and the page limit is reached.
                    break;
                }
                continue;
            }
            let Some((job, result)) = in_flight.next().await else { continue };
            self.report.requests += result.exchanges.len().max(1) as u64;
            self.report.retries += result.retries as u64;
            archive.archive(&result)?;
            match job {
                Job::Robots(o) => self.robots_arrived(o, &result, state)?,
                Job::Url(item) => {
                    flying.remove(&item.url);
                    self.handle(&item, result, state)?;
                }
            }
        }
        Ok(())
    }

    fn at_page_limit(&self) -> bool {
        self.pages_this_run >= self.source.max_pages.unwrap_or(usize::MAX) && self.ready.iter().all(|q| !q.kind.is_hub())
    }

    fn fetch(
        &self,
        job: Job,
        url: Url,
        etag: Option<String>,
        last_modified: Option<String>,
        accept: Accept,
    ) -> impl std::future::Future<Output = (Job, FetchResult)> + use<> {
        let client = Arc::clone(&self.client);
        let politeness = Arc::clone(&self.politeness);
        async move {
            let _permit = politeness.acquire(&url).await;
            let result = client.fetch(&FetchRequest { url, etag, last_modified, accept }).await;
            (job, result)
        }
    }

    /// Queues a frontier URL behind its origin's robots.txt, or drops it when the page limit is
    /// reached.
    fn admit(&mut self, item: QueuedUrl, state: &mut dyn CrawlState) -> Result<(), CrawlError> {
        let Ok(url) = Url::parse(&item.url) else {
            return state.finish(&item, &finish(UrlState::Failed, "bad_url", false));
        };
        match self.robots.get(&origin(&url)) {
            Some(RobotsState::Ready(robots)) => {
                if robots.allowed(&url) {
                    self.ready.push_back(item);
                } else {
                    self.report.count("robots_disallowed");
                    state.finish(&item, &finish(UrlState::Disallowed, "robots_disallowed", false))?;
                }
            }
            Some(RobotsState::Refused(key)) => {
                let key = *key;
                self.report.count(key);
                state.finish(&item, &finish(UrlState::Failed, key, false))?;
            }
            _ => self.waiting.entry(origin(&url)).or_default().push(item),
        }
        Ok(())
    }

    /// The next URL to fetch: hubs always, pages until the source's page limit.
    fn next_ready(&mut self) -> Option<QueuedUrl> {
        let limit = self.source.max_pages.unwrap_or(usize::MAX);
        let at_limit = self.pages_this_run >= limit;
        let pos = self.ready.iter().position(|q| q.kind.is_hub() || !at_limit)?;
        let item = self.ready.remove(pos)?;
        if item.kind == UrlKind::Page {
            self.pages_this_run += 1;
        }
        Some(item)
    }

    fn robots_arrived(&mut self, o: String, result: &FetchResult, state: &mut dyn CrawlState) -> Result<(), CrawlError> {
        let robots = Robots::from_fetch(&self.robots_token, result);
        if let Some(asked) = robots.crawl_delay() {
            // A robots.txt asking for hours between requests would stall the run: honour it up
            // to a minute and say so.
            let delay = asked.min(MAX_CRAWL_DELAY);
            if delay < asked {
                self.report.notes.push(format!("{o}: robots.txt asks for a crawl-delay of {asked:?}; using {delay:?}"));
            }
            if delay > self.host.min_delay() {
                self.politeness.set_host_rules(&o, HostRules { max_concurrent: self.host.max_concurrent(), min_delay: delay });
            }
        }
        // A site's sitemaps, announced in robots.txt, are part of the site.
        if matches!(self.source.kind, SourceKind::Site { .. } | SourceKind::Auto { .. }) {
            let sitemaps: Vec<(String, UrlKind, u32)> = robots
                .sitemaps()
                .iter()
                .filter(|u| self.in_scope(u))
                .filter_map(|u| canonicalize_url(u.as_str()))
                .map(|u| (u, UrlKind::Sitemap, 0))
                .collect();
            self.report.discovered += state.discovered(&sitemaps)? as u64;
        }
        let rules = if let Outcome::Refused(why) = &result.outcome {
            self.report.notes.push(format!("{}: {why}", result.requested));
            RobotsState::Refused(result.outcome.as_key())
        } else {
            RobotsState::Ready(robots)
        };
        self.robots.insert(o.clone(), rules);
        for item in self.waiting.remove(&o).unwrap_or_default() {
            self.admit(item, state)?;
        }
        Ok(())
    }

    fn in_scope(&self, url: &Url) -> bool {
        self.scope.as_ref().is_none_or(|s| s.contains(url))
    }

    fn handle(&mut self, item: &QueuedUrl, result: FetchResult, state: &mut dyn CrawlState) -> Result<(), CrawlError> {
        let key = result.outcome.as_key();
        match &result.outcome {
            Outcome::Ok => {}
            Outcome::NotModified => {
                self.report.count(key);
                return state.finish(item, &finish(UrlState::Done, key, false));
            }
            other => {
                self.report.count(key);
                if let Outcome::Refused(why) = other {
                    self.report.notes.push(format!("{}: {why}", item.url));
                }
                let transient = matches!(other, Outcome::Timeout(_) | Outcome::ConnectionFailed(_) | Outcome::RateLimited)
                    || matches!(other, Outcome::Http(code) if *code >= 500);
                return state.finish(item, &finish(UrlState::Failed, key, transient && !item.kind.is_hub()));
            }
        }
        if item.kind.is_hub() {
            state.set_validators(&item.url, result.etag.as_deref(), result.last_modified.as_deref())?;
        }
        let body = result.decoded.as_deref().unwrap_or_default();
        let kind = match item.kind {
            UrlKind::Auto => match discover::sniff_kind(&result.final_url, result.content_type.as_deref(), body) {
                Kind::Feed => UrlKind::Feed,
                Kind::Sitemap => UrlKind::Sitemap,
                Kind::Site => UrlKind::Start,
            },
            k => k,
        };
        let new_kind = (kind != item.kind).then_some(kind);
        let mut found: Vec<(Url, UrlKind, u32)> = Vec::new();
        let outcome = match kind {
            UrlKind::Feed => match discover::parse_feed(body, &result.final_url) {
                Ok(entries) => {
                    found.extend(entries.into_iter().map(|d| (d.url, UrlKind::Page, 1)));
                    "ok"
                }
                Err(_) => "parse_error",
            },
            UrlKind::Sitemap => match discover::parse_sitemap(body, &result.final_url) {
                Ok(Sitemap::Index(children)) => {
                    found.extend(children.into_iter().map(|d| (d.url, UrlKind::Sitemap, 0)));
                    "ok"
                }
                Ok(Sitemap::Urls(entries)) => {
                    found.extend(entries.into_iter().map(|d| (d.url, UrlKind::Page, 1)));
                    "ok"
                }
                Err(_) => "parse_error",
            },
            UrlKind::Page | UrlKind::Start | UrlKind::Auto => {
                if !is_html(result.content_type.as_deref(), body) {
                    "wrong_type"
                } else {
                    if kind == UrlKind::Page {
                        self.report.pages_fetched += 1;
                    }
                    if item.depth < max_depth(&self.source.kind) {
                        let html = String::from_utf8_lossy(body);
                        let links = discover::page_links(&html, &result.final_url);
                        if !links.nofollow {
                            found.extend(links.links.into_iter().map(|u| (u, UrlKind::Page, item.depth + 1)));
                        }
                        found.extend(links.feeds.into_iter().map(|u| (u, UrlKind::Feed, 0)));
                    }
                    "ok"
                }
            }
        };
        self.report.count(outcome);
        self.add_found(found, state)?;
        let done = if outcome == "ok" { UrlState::Done } else { UrlState::Failed };
        state.finish(item, &Finish { state: done, outcome: outcome.to_owned(), retry_later: false, kind: new_kind })
    }

    /// Adds discovered URLs in canonical form, in scope, not already stored.
    fn add_found(&mut self, found: Vec<(Url, UrlKind, u32)>, state: &mut dyn CrawlState) -> Result<(), CrawlError> {
        let mut seen = HashSet::new();
        let mut add = Vec::new();
        for (url, kind, depth) in found {
            if !self.in_scope(&url) {
                continue;
            }
            let Some(canonical) = canonicalize_url(url.as_str()) else { continue };
            if !seen.insert(canonical.clone()) {
                continue;
            }
            if kind == UrlKind::Page && state.is_stored(&canonical)? {
                self.report.already_stored += 1;
                continue;
            }
            add.push((canonical, kind, depth));
        }
        self.report.discovered += state.discovered(&add)? as u64;
        Ok(())
    }
}

fn finish(state: UrlState, outcome: &str, retry_later: bool) -> Finish {
    Finish { state, outcome: outcome.to_owned(), retry_later, kind: None }
}

/// Whether a response is an HTML page (by its media type, or by its first bytes when it has none).
pub fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("text/html") || ct.contains("application/xhtml")
        }
        None => {
            let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
    }
}

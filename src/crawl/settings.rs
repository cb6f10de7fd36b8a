//! Crawler settings: the `[crawl]` table of the configuration, with the defaults it falls back to.

use std::time::Duration;

use serde::Deserialize;

/// The user agent sent when the configuration gives none; names the project and how to reach it.
pub const DEFAULT_USER_AGENT: &str = "newsmine/0.1 (+https://github.com/newsmine/newsmine; news research crawler)";
/// Requests in flight at once, over all hosts.
pub const DEFAULT_GLOBAL_CONCURRENCY: usize = 16;
/// Requests in flight at once to one host.
pub const DEFAULT_MAX_CONCURRENT_PER_HOST: usize = 2;
/// Milliseconds between two request starts to one host (robots.txt crawl-delay can raise it).
pub const DEFAULT_MIN_DELAY_MS: u64 = 1000;
/// Seconds to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 10;
/// Seconds until the response headers arrive.
pub const DEFAULT_FIRST_BYTE_TIMEOUT_SECS: u64 = 20;
/// Seconds for a whole exchange, body included.
pub const DEFAULT_TOTAL_TIMEOUT_SECS: u64 = 60;
/// Megabytes of body read from the wire before giving up on a page.
pub const DEFAULT_MAX_BODY_MB: u64 = 10;
/// Megabytes a body may decompress to (gzip bombs).
pub const DEFAULT_MAX_DECODED_MB: u64 = 50;
/// Redirect hops followed.
pub const DEFAULT_MAX_REDIRECTS: u32 = 10;
/// Retries of timeouts, connection failures, 5xx and 429.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// Milliseconds of the first retry's backoff (doubled each time, with jitter).
pub const DEFAULT_BACKOFF_BASE_MS: u64 = 500;
/// Longest backoff, and the longest Retry-After newsmine waits for, in seconds.
pub const DEFAULT_BACKOFF_MAX_SECS: u64 = 30;
/// Megabytes after which a new WARC file is started.
pub const DEFAULT_WARC_ROTATE_MB: u64 = 100;
/// Link depth followed by `site` sources.
pub const DEFAULT_MAX_DEPTH: u32 = 3;

/// The `[crawl]` table. Every field is optional; see the `DEFAULT_*` constants.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrawlSettings {
    /// User-Agent header; put a contact URL in it.
    pub user_agent: Option<String>,
    /// Requests in flight at once, over all hosts.
    pub global_concurrency: Option<usize>,
    /// Politeness towards each host.
    #[serde(flatten)]
    pub host: HostPoliteness,
    /// Seconds to connect.
    pub connect_timeout_secs: Option<u64>,
    /// Seconds to the response headers.
    pub first_byte_timeout_secs: Option<u64>,
    /// Seconds for the whole exchange.
    pub total_timeout_secs: Option<u64>,
    /// Body size cap in megabytes.
    pub max_body_mb: Option<u64>,
    /// Decompressed size cap in megabytes.
    pub max_decoded_mb: Option<u64>,
    /// Redirect hops followed.
    pub max_redirects: Option<u32>,
    /// Retries of transient failures.
    pub max_retries: Option<u32>,
    /// First backoff in milliseconds.
    pub backoff_base_ms: Option<u64>,
    /// Longest backoff / Retry-After honoured, in seconds.
    pub backoff_max_secs: Option<u64>,
    /// WARC file rotation size in megabytes.
    pub warc_rotate_mb: Option<u64>,
}

/// Politeness towards one host; also accepted per source as `[source.politeness]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostPoliteness {
    /// Requests in flight at once to one host.
    pub max_concurrent_per_host: Option<usize>,
    /// Milliseconds between request starts to one host.
    pub min_delay_ms: Option<u64>,
}

impl HostPoliteness {
    /// `self`'s values, falling back to `defaults`'.
    pub fn or(&self, defaults: &HostPoliteness) -> HostPoliteness {
        HostPoliteness {
            max_concurrent_per_host: self.max_concurrent_per_host.or(defaults.max_concurrent_per_host),
            min_delay_ms: self.min_delay_ms.or(defaults.min_delay_ms),
        }
    }

    /// Concurrent requests per host, defaulted.
    pub fn max_concurrent(&self) -> usize {
        self.max_concurrent_per_host.unwrap_or(DEFAULT_MAX_CONCURRENT_PER_HOST).max(1)
    }

    /// Delay between request starts, defaulted.
    pub fn min_delay(&self) -> Duration {
        Duration::from_millis(self.min_delay_ms.unwrap_or(DEFAULT_MIN_DELAY_MS))
    }
}

impl CrawlSettings {
    /// The user agent, defaulted.
    pub fn user_agent(&self) -> &str {
        self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT)
    }

    /// The product token robots.txt rules are matched against (`newsmine`).
    pub fn robots_token(&self) -> String {
        self.user_agent().split(['/', ' ']).next().unwrap_or("newsmine").to_ascii_lowercase()
    }

    /// Global concurrency, defaulted.
    pub fn global_concurrency(&self) -> usize {
        self.global_concurrency.unwrap_or(DEFAULT_GLOBAL_CONCURRENCY).max(1)
    }

    /// WARC rotation size in bytes, defaulted.
    pub fn warc_rotate_bytes(&self) -> u64 {
        self.warc_rotate_mb.unwrap_or(DEFAULT_WARC_ROTATE_MB).max(1) * 1024 * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let s: CrawlSettings = toml::from_str("min_delay_ms = 5\nuser_agent = \"NewsBot/2 (+https://x.kz)\"").unwrap();
        assert_eq!(s.host.min_delay(), Duration::from_millis(5));
        assert_eq!(s.host.max_concurrent(), DEFAULT_MAX_CONCURRENT_PER_HOST);
        assert_eq!(s.robots_token(), "newsbot");
        let per_source = HostPoliteness { max_concurrent_per_host: Some(1), min_delay_ms: None };
        assert_eq!(per_source.or(&s.host).min_delay(), Duration::from_millis(5));
        assert!(toml::from_str::<CrawlSettings>("speed = 3").is_err());
        assert_eq!(CrawlSettings::default().robots_token(), "newsmine");
    }
}

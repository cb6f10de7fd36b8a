//! What a fetch produced: the [`Outcome`] classification, the recorded [`Exchange`]s and the
//! [`FetchResult`] handed to the crawler.
//!
//! Owns: the stable outcome keys of the run report ([`Outcome::as_key`]) and the WARC-facing
//! record of each request/response pair. Does no I/O.

use std::fmt;
use std::net::IpAddr;

use chrono::{DateTime, Utc};
use url::Url;

/// How a fetch ended. Every fetch ends in exactly one outcome; none of them is an error of the
/// crawler, they are counted by key in the run report and the crawl goes on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// 2xx and the body arrived complete (and decoded, if it was content-encoded).
    Ok,
    /// 304 to a conditional request: the caller's stored copy is current.
    NotModified,
    /// The final response was not 2xx/304 after any retries (4xx, 5xx, a 3xx without Location).
    Http(u16),
    /// The server asked us to slow down: 429/503 with a Retry-After beyond `backoff_max`, or
    /// retries exhausted on 429. Try this host again in a later run.
    RateLimited,
    /// A deadline of the [`FetchPolicy`](super::FetchPolicy) passed (after retries).
    Timeout(TimeoutKind),
    /// Connection refused or reset, DNS failure, TLS failure, malformed response (the message
    /// says which, after retries).
    ConnectionFailed(String),
    /// The body was over `max_body_bytes` on the wire, or over `max_decoded_bytes` once decoded
    /// (a compression bomb). The raw bytes read so far are in the last [`Exchange`].
    TooLarge,
    /// The body claimed a Content-Encoding it is not in (corrupt gzip/deflate) or an encoding we
    /// do not decode; the message says which.
    DecodeError(String),
    /// More than `max_redirects` redirects.
    TooManyRedirects,
    /// A redirect led back to a URL already visited in this fetch.
    RedirectLoop,
    /// We did not send the request: not http(s), or the host is (or resolves to) a private,
    /// loopback or otherwise non-public address while `allow_private` is false. The message
    /// names the URL or address and the fix.
    Refused(String),
}

/// Which deadline passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// Resolving and connecting (TCP and TLS) took longer than `connect_timeout`.
    Connect,
    /// The response headers did not arrive within `first_byte_timeout` of sending.
    FirstByte,
    /// The whole exchange, body included, took longer than `total_timeout` (slow-drip bodies).
    Total,
}

/// The message prefix that marks a refusal by scheme rather than by address; see
/// [`Outcome::as_key`].
pub(crate) const REFUSED_SCHEME_PREFIX: &str = "unsupported scheme";

impl Outcome {
    /// A stable snake_case key for counting outcomes in the run report; never changes meaning
    /// between versions, so reports of different runs compare.
    pub fn as_key(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::NotModified => "not_modified",
            Outcome::Http(s) if (400..500).contains(s) => "http_4xx",
            Outcome::Http(s) if (500..600).contains(s) => "http_5xx",
            Outcome::Http(s) if (300..400).contains(s) => "http_3xx",
            Outcome::Http(_) => "http_other",
            Outcome::RateLimited => "rate_limited",
            Outcome::Timeout(TimeoutKind::Connect) => "timeout_connect",
            Outcome::Timeout(TimeoutKind::FirstByte) => "timeout_first_byte",
            Outcome::Timeout(TimeoutKind::Total) => "timeout_total",
            Outcome::ConnectionFailed(_) => "connection_failed",
            Outcome::TooLarge => "too_large",
            Outcome::DecodeError(_) => "decode_error",
            Outcome::TooManyRedirects => "too_many_redirects",
            Outcome::RedirectLoop => "redirect_loop",
            Outcome::Refused(m) if m.starts_with(REFUSED_SCHEME_PREFIX) => "refused_scheme",
            Outcome::Refused(_) => "refused_private_address",
        }
    }

    /// Whether the outcome is worth another attempt within this fetch (transient failures).
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Outcome::Timeout(_) | Outcome::ConnectionFailed(_) => true,
            Outcome::Http(s) => *s == 429 || (500..600).contains(s),
            _ => false,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Http(s) => write!(f, "HTTP {s}"),
            Outcome::ConnectionFailed(m) | Outcome::DecodeError(m) | Outcome::Refused(m) => {
                write!(f, "{}: {m}", self.as_key())
            }
            other => f.write_str(other.as_key()),
        }
    }
}

/// Why an [`Exchange`]'s body is incomplete; the values of WARC's `WARC-Truncated` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Truncation {
    /// Stopped at `max_body_bytes` (WARC `length`).
    Length,
    /// Stopped at `total_timeout` (WARC `time`).
    Time,
    /// The connection broke mid-body (WARC `disconnect`).
    Disconnect,
}

impl Truncation {
    /// The `WARC-Truncated` value, so the archive says why a record is short.
    pub fn as_warc(self) -> &'static str {
        match self {
            Truncation::Length => "length",
            Truncation::Time => "time",
            Truncation::Disconnect => "disconnect",
        }
    }
}

/// One HTTP request/response pair as it happened, for WARC `request` + `response` records.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The URL requested in this exchange (one hop of a redirect chain).
    pub url: Url,
    /// When the request was started (WARC-Date).
    pub started_at: DateTime<Utc>,
    /// The request head as sent: request line, headers, blank line. Rebuilt from the request
    /// we built plus the Host header hyper appends; byte-exact with the wire over HTTP/1.1
    /// (lower-case names).
    pub request_head: Vec<u8>,
    /// The response status code.
    pub status: u16,
    /// The response head: status line with the server's reason phrase and the headers, in the
    /// order received for distinct names (repeated names are grouped; names are lower-case).
    pub response_head: Vec<u8>,
    /// The body bytes as received, still content-encoded (transfer-encoding removed).
    pub body: Vec<u8>,
    /// Whether `body` is incomplete; [`Exchange::truncation`] says why.
    pub truncated: bool,
    /// Why `body` is incomplete, when it is.
    pub truncation: Option<Truncation>,
    /// The address actually connected to (WARC-IP-Address).
    pub remote_ip: Option<IpAddr>,
}

/// Everything one [`HttpClient::fetch`](super::HttpClient::fetch) did and got.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchResult {
    /// The URL the caller asked for.
    pub requested: Url,
    /// The last URL requested, after redirects (what the content is "of").
    pub final_url: Url,
    /// Every response received, in order: redirect hops, retried failures (5xx/429), the final
    /// one. Attempts that got no response (timeouts, refused connections) leave none.
    pub exchanges: Vec<Exchange>,
    /// How the fetch ended.
    pub outcome: Outcome,
    /// How many attempts were repeated after a transient failure (all hops together).
    pub retries: u32,
    /// The Content-Type of the final response, for the caller to filter on.
    pub content_type: Option<String>,
    /// The final body with Content-Encoding removed; only when `outcome` is [`Outcome::Ok`].
    pub decoded: Option<Vec<u8>>,
    /// The final response's ETag, for the next conditional request.
    pub etag: Option<String>,
    /// The final response's Last-Modified, for the next conditional request.
    pub last_modified: Option<String>,
}

impl FetchResult {
    /// A result with no exchange: the fetch ended before any response (refusal, timeout...).
    pub(crate) fn without_response(requested: Url, outcome: Outcome, retries: u32) -> FetchResult {
        FetchResult {
            final_url: requested.clone(),
            requested,
            exchanges: Vec::new(),
            outcome,
            retries,
            content_type: None,
            decoded: None,
            etag: None,
            last_modified: None,
        }
    }

    /// The final exchange, if any response arrived.
    pub fn last_exchange(&self) -> Option<&Exchange> {
        self.exchanges.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(outcome: Outcome, key: &str, transient: bool) {
        assert_eq!(outcome.as_key(), key, "{outcome:?}");
        assert_eq!(outcome.is_transient(), transient, "{outcome:?}");
    }

    #[test]
    fn every_outcome_has_a_stable_key() {
        check(Outcome::Ok, "ok", false);
        check(Outcome::NotModified, "not_modified", false);
        check(Outcome::Http(404), "http_4xx", false);
        check(Outcome::Http(429), "http_4xx", true);
        check(Outcome::Http(503), "http_5xx", true);
        check(Outcome::Http(302), "http_3xx", false);
        check(Outcome::Http(101), "http_other", false);
        check(Outcome::RateLimited, "rate_limited", false);
        check(Outcome::Timeout(TimeoutKind::Connect), "timeout_connect", true);
        check(Outcome::Timeout(TimeoutKind::FirstByte), "timeout_first_byte", true);
        check(Outcome::Timeout(TimeoutKind::Total), "timeout_total", true);
        check(Outcome::ConnectionFailed("reset".into()), "connection_failed", true);
        check(Outcome::TooLarge, "too_large", false);
        check(Outcome::DecodeError("bad".into()), "decode_error", false);
        check(Outcome::TooManyRedirects, "too_many_redirects", false);
        check(Outcome::RedirectLoop, "redirect_loop", false);
        check(Outcome::Refused(format!("{REFUSED_SCHEME_PREFIX} ftp")), "refused_scheme", false);
        check(Outcome::Refused("127.0.0.1 is loopback".into()), "refused_private_address", false);
    }
}

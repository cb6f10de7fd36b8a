//! [`HttpClient`]: the fetch loop. One [`fetch`](HttpClient::fetch) follows redirects itself
//! (each hop checked by `safety`), retries transient failures (`retry`), and reads every
//! response under the policy's deadlines and caps (`body`), recording each as an [`Exchange`].
//!
//! Owns: the reqwest client and its configuration (no automatic redirects, retries, proxies or
//! decompression; the safe resolver; rustls with the ring provider), and the mapping of
//! reqwest errors to [`Outcome`]s.

use std::collections::HashSet;
use std::sync::Once;

use chrono::Utc;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use tokio::time::Instant;
use url::Url;

use super::body::{self, DecodeFailure, describe};
use super::head;
use super::outcome::{Exchange, FetchResult, Outcome, TimeoutKind, Truncation};
use super::retry::{self, Decision, Jitter};
use super::safety::{self, AddressRules, PrivateAddressError, SafeResolver};
use super::{FetchPolicy, FetchRequest, HttpError};

/// The crawler's HTTP client. Cheap to share by reference across tasks (reqwest pools
/// connections inside); build one per [`FetchPolicy`].
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    policy: FetchPolicy,
    user_agent: HeaderValue,
    rules: AddressRules,
}

/// What one attempt (one request) produced.
struct Attempt {
    exchange: Option<Exchange>,
    outcome: Outcome,
    headers: HeaderMap,
}

impl Attempt {
    fn failed(outcome: Outcome) -> Attempt {
        Attempt { exchange: None, outcome, headers: HeaderMap::new() }
    }
}

/// Installs rustls' ring crypto provider as the process default, once. reqwest is built with
/// `rustls-no-provider` (no aws-lc, which needs cmake and a long C build) and panics without a
/// default provider. Another provider installed first by the program is kept.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if rustls::crypto::ring::default_provider().install_default().is_err() {
            tracing::debug!("a rustls crypto provider was already installed; keeping it");
        }
    });
}

impl HttpClient {
    /// Builds the client. Fails only on a policy that cannot work (a zero limit, a user agent
    /// that is not a header value) or a broken TLS setup.
    pub fn new(policy: FetchPolicy) -> Result<HttpClient, HttpError> {
        let rules = AddressRules { allow_private: policy.allow_private, exempt: Vec::new() };
        HttpClient::with_rules(policy, rules)
    }

    /// A client that also connects to `exempt`, for tests of the refusal path that need one
    /// allowed local server.
    #[cfg(test)]
    pub(crate) fn with_exempt(policy: FetchPolicy, exempt: Vec<std::net::IpAddr>) -> Result<HttpClient, HttpError> {
        let rules = AddressRules { allow_private: policy.allow_private, exempt };
        HttpClient::with_rules(policy, rules)
    }

    fn with_rules(policy: FetchPolicy, rules: AddressRules) -> Result<HttpClient, HttpError> {
        let user_agent = HeaderValue::from_str(&policy.user_agent)
            .map_err(|_| HttpError::InvalidUserAgent(policy.user_agent.clone()))?;
        for (name, value) in [
            ("connect_timeout", policy.connect_timeout),
            ("first_byte_timeout", policy.first_byte_timeout),
            ("total_timeout", policy.total_timeout),
        ] {
            if value.is_zero() {
                return Err(HttpError::InvalidPolicy(format!(
                    "{name} is zero, so every fetch would time out; use a few seconds"
                )));
            }
        }
        if policy.max_body_bytes == 0 || policy.max_decoded_bytes == 0 {
            return Err(HttpError::InvalidPolicy("max_body_bytes and max_decoded_bytes must be above zero".into()));
        }
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .no_proxy()
            .referer(false)
            .connect_timeout(policy.connect_timeout)
            .dns_resolver(SafeResolver::with_rules(rules.clone()))
            .build()
            .map_err(|e| HttpError::Client(describe(&e)))?;
        Ok(HttpClient { client, policy, user_agent, rules })
    }

    /// The policy this client enforces.
    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    /// Fetches `req.url`, following redirects itself (each hop checked), retrying transient
    /// failures. Never fails: how it went is [`FetchResult::outcome`].
    pub async fn fetch(&self, req: &FetchRequest) -> FetchResult {
        let mut url = req.url.clone();
        url.set_fragment(None);
        let mut result = FetchResult::without_response(req.url.clone(), Outcome::Ok, 0);
        let mut seen: HashSet<Url> = HashSet::from([url.clone()]);
        let mut redirects = 0u32;
        let mut jitter = Jitter::new();
        loop {
            result.final_url = url.clone();
            if let Err(msg) = safety::check_url_with(&url, &self.rules) {
                result.outcome = Outcome::Refused(msg);
                return result;
            }
            let attempt = self.attempt(&url, req).await;
            tracing::debug!(url = %url, outcome = %attempt.outcome, "fetch attempt");
            result.exchanges.extend(attempt.exchange);
            if attempt.outcome.is_transient() {
                let retry_after = attempt
                    .headers
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| retry::parse_retry_after(v, Utc::now()));
                match retry::decide(attempt.outcome, retry_after, result.retries, &self.policy, &mut jitter) {
                    Decision::Retry(delay) => {
                        result.retries += 1;
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    Decision::GiveUp(outcome) => return self.finish(result, outcome, &attempt.headers).await,
                }
            }
            let Some(next) = redirect_target(&url, &attempt.outcome, &attempt.headers) else {
                return self.finish(result, attempt.outcome, &attempt.headers).await;
            };
            redirects += 1;
            if !seen.insert(next.clone()) {
                result.outcome = Outcome::RedirectLoop;
                return result;
            }
            if redirects > self.policy.max_redirects {
                result.outcome = Outcome::TooManyRedirects;
                return result;
            }
            url = next;
        }
    }

    /// Fills in the final response's metadata and, for a complete 2xx, the decoded body.
    async fn finish(&self, mut result: FetchResult, outcome: Outcome, headers: &HeaderMap) -> FetchResult {
        let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_owned);
        result.content_type = text(header::CONTENT_TYPE);
        result.etag = text(header::ETAG);
        result.last_modified = text(header::LAST_MODIFIED);
        result.outcome = outcome;
        if result.outcome != Outcome::Ok {
            return result;
        }
        let Some(raw) = result.exchanges.last().map(|e| e.body.clone()) else {
            return result;
        };
        let encoding = text(header::CONTENT_ENCODING);
        let cap = self.policy.max_decoded_bytes;
        let decoded = match encoding {
            None => body::decode(None, raw, cap),
            // Decompression is CPU work: keep it off the async workers.
            Some(enc) => tokio::task::spawn_blocking(move || body::decode(Some(&enc), raw, cap))
                .await
                .unwrap_or_else(|e| Err(DecodeFailure::Corrupt(format!("decoder stopped: {e}")))),
        };
        match decoded {
            Ok(bytes) => result.decoded = Some(bytes),
            Err(DecodeFailure::TooLarge) => result.outcome = Outcome::TooLarge,
            Err(DecodeFailure::Corrupt(msg)) => result.outcome = Outcome::DecodeError(msg),
        }
        result
    }

    /// The headers of every request: who we are, what we accept, what we already have.
    fn request_headers(&self, req: &FetchRequest) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::USER_AGENT, self.user_agent.clone());
        h.insert(header::ACCEPT, HeaderValue::from_static(req.accept.header_value()));
        if let Some(enc) = req.accept.accept_encoding() {
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(enc));
        }
        let conditions = [(header::IF_NONE_MATCH, &req.etag), (header::IF_MODIFIED_SINCE, &req.last_modified)];
        for (name, value) in conditions {
            let Some(value) = value else { continue };
            match HeaderValue::from_str(value) {
                Ok(v) => {
                    h.insert(name, v);
                }
                Err(_) => tracing::debug!(%name, value, "stored validator is not a header value; not sent"),
            }
        }
        h
    }

    /// One request and its response, under the policy's deadlines and caps.
    async fn attempt(&self, url: &Url, req: &FetchRequest) -> Attempt {
        let started_at = Utc::now();
        let start = Instant::now();
        let deadline = start + self.policy.total_timeout;
        let first_byte = (start + self.policy.first_byte_timeout).min(deadline);
        let headers = self.request_headers(req);
        let request_head = head::request_head(url, &headers);
        let request = match self.client.get(url.clone()).headers(headers).build() {
            Ok(r) => r,
            Err(e) => return Attempt::failed(Outcome::ConnectionFailed(describe(&e))),
        };
        let response = match tokio::time::timeout_at(first_byte, self.client.execute(request)).await {
            Err(_elapsed) if first_byte == deadline && self.policy.total_timeout < self.policy.first_byte_timeout => {
                return Attempt::failed(Outcome::Timeout(TimeoutKind::Total));
            }
            Err(_elapsed) => return Attempt::failed(Outcome::Timeout(TimeoutKind::FirstByte)),
            Ok(Err(e)) => return Attempt::failed(classify(&e)),
            Ok(Ok(r)) => r,
        };
        let status = response.status();
        let headers = response.headers().clone();
        let reason = response.extensions().get::<hyper::ext::ReasonPhrase>().map(|r| r.as_bytes().to_vec());
        let response_head = head::response_head(response.version(), status, reason.as_deref(), &headers);
        let remote_ip = response.remote_addr().map(|a| a.ip());
        let raw = body::read_capped(response, self.policy.max_body_bytes, deadline).await;
        let outcome = classify_response(status, &raw, req);
        let exchange = Exchange {
            url: url.clone(),
            started_at,
            request_head,
            status: status.as_u16(),
            response_head,
            body: raw.bytes,
            truncated: raw.truncation.is_some(),
            truncation: raw.truncation,
            remote_ip,
        };
        Attempt { exchange: Some(exchange), outcome, headers }
    }
}

/// The outcome of a response whose body has been read. Only a 2xx body's completeness
/// matters: error and redirect responses are judged by their status.
fn classify_response(status: StatusCode, raw: &body::RawBody, req: &FetchRequest) -> Outcome {
    let code = status.as_u16();
    if status == StatusCode::NOT_MODIFIED && (req.etag.is_some() || req.last_modified.is_some()) {
        return Outcome::NotModified;
    }
    if !status.is_success() {
        return Outcome::Http(code);
    }
    match raw.truncation {
        None => Outcome::Ok,
        Some(Truncation::Length) => Outcome::TooLarge,
        Some(Truncation::Time) => Outcome::Timeout(TimeoutKind::Total),
        Some(Truncation::Disconnect) => Outcome::ConnectionFailed(format!(
            "connection lost after {} body bytes: {}",
            raw.bytes.len(),
            raw.error.as_deref().unwrap_or("no reason given")
        )),
    }
}

/// Maps a reqwest error from sending (before any response) to an outcome.
fn classify(err: &reqwest::Error) -> Outcome {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<PrivateAddressError>() {
            return Outcome::Refused(refused.to_string());
        }
        source = e.source();
    }
    if err.is_timeout() {
        // reqwest's only deadline here is connect_timeout; ours are tokio timeouts.
        return Outcome::Timeout(if err.is_connect() { TimeoutKind::Connect } else { TimeoutKind::FirstByte });
    }
    Outcome::ConnectionFailed(describe(err))
}

/// Where a redirect response points, resolved against the URL it came from; `None` when the
/// response is not a followable redirect (other status, no or unusable Location).
fn redirect_target(from: &Url, outcome: &Outcome, headers: &HeaderMap) -> Option<Url> {
    let Outcome::Http(301 | 302 | 303 | 307 | 308) = outcome else { return None };
    let location = headers.get(header::LOCATION)?;
    // Some servers send raw UTF-8 in Location; the url crate percent-encodes it.
    let location = String::from_utf8_lossy(location.as_bytes());
    let mut next = from.join(location.trim()).ok()?;
    next.set_fragment(None);
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(from: &str, status: u16, location: Option<&str>, expected: Option<&str>) {
        let mut h = HeaderMap::new();
        if let Some(l) = location {
            h.insert(header::LOCATION, HeaderValue::from_str(l).expect("valid header"));
        }
        let from = Url::parse(from).expect("valid");
        let got = redirect_target(&from, &Outcome::Http(status), &h);
        assert_eq!(got.as_ref().map(Url::as_str), expected, "{status} {location:?}");
    }

    #[test]
    fn redirect_targets_resolve_against_the_hop() {
        check("http://a.example/x/y", 301, Some("/z"), Some("http://a.example/z"));
        check("http://a.example/x/y", 302, Some("z?q=1#frag"), Some("http://a.example/x/z?q=1"));
        check("http://a.example/x/y", 303, Some("//b.example/"), Some("http://b.example/"));
        check("https://a.example/", 307, Some("http://c.example/p"), Some("http://c.example/p"));
        check("https://a.example/", 308, Some(" ftp://c.example/p "), Some("ftp://c.example/p"));
        check("http://a.example/", 300, Some("/z"), None);
        check("http://a.example/", 304, Some("/z"), None);
        check("http://a.example/", 301, None, None);
        check("http://a.example/", 302, Some("http://[bad"), None);
    }
}

//! End-to-end tests of [`HttpClient`] against the in-process [`server`]: success, conditional
//! requests, retries and rate limits, redirects (here); deadlines, size caps, decoding and
//! address safety (`limits`).

mod limits;
mod server;

use std::time::{Duration, Instant};

use server::{Reply, Seen, TestServer, head, response};

use super::{Accept, FetchPolicy, FetchRequest, FetchResult, HttpClient, Outcome};

/// Short limits so the whole suite runs in seconds; loopback servers are allowed.
fn policy() -> FetchPolicy {
    FetchPolicy {
        user_agent: "newsmine-test/0.1 (+https://example.org/newsmine)".into(),
        connect_timeout: Duration::from_secs(2),
        first_byte_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_secs(2),
        max_body_bytes: 1024 * 1024,
        max_decoded_bytes: 4 * 1024 * 1024,
        max_redirects: 10,
        max_retries: 3,
        backoff_base: Duration::from_millis(10),
        backoff_max: Duration::from_secs(5),
        allow_private: true,
    }
}

/// What a fetch must have produced (for outcomes with a message, only the variant counts).
struct Expect {
    outcome: Outcome,
    exchanges: usize,
    retries: u32,
    /// Requests the server must have seen.
    requests: usize,
}

/// Fetches `path` (or an absolute URL) from a server answering with `handler`, checks the
/// expectations, and returns the result, the server and how long the fetch took.
async fn check(
    policy: FetchPolicy,
    request: impl Fn(&TestServer) -> FetchRequest,
    handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
    expect: Expect,
) -> (FetchResult, TestServer, Duration) {
    let server = TestServer::start("127.0.0.1", handler).await;
    let client = HttpClient::new(policy).expect("test policy is valid");
    let req = request(&server);
    let t0 = Instant::now();
    let result = client.fetch(&req).await;
    let took = t0.elapsed();
    match expect.outcome {
        // Messages are checked by the tests that care; here only the kind.
        Outcome::ConnectionFailed(_) | Outcome::DecodeError(_) | Outcome::Refused(_) => {
            assert_eq!(std::mem::discriminant(&result.outcome), std::mem::discriminant(&expect.outcome), "{result:#?}")
        }
        _ => assert_eq!(result.outcome, expect.outcome, "{result:#?}"),
    }
    assert_eq!(result.exchanges.len(), expect.exchanges, "exchanges of {:?}", result.outcome);
    assert_eq!(result.retries, expect.retries, "retries of {:?}", result.outcome);
    assert_eq!(server.seen().len(), expect.requests, "requests seen: {:?}", server.seen());
    (result, server, took)
}

fn get(path: &'static str) -> impl Fn(&TestServer) -> FetchRequest {
    move |s| FetchRequest::new(s.url(path), Accept::Html)
}

fn ok_html(body: &'static str) -> impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static {
    move |_, _| Reply::Raw(response("200 OK", &[("content-type", "text/html; charset=utf-8")], body.as_bytes()))
}

fn expect(outcome: Outcome, exchanges: usize, retries: u32, requests: usize) -> Expect {
    Expect { outcome, exchanges, retries, requests }
}

#[tokio::test]
async fn html_page_is_fetched_and_recorded() {
    let page = "<html><body><p>Roads.</p></body></html>";
    let handler = move |_: &Seen, _| {
        let headers = [
            ("content-type", "text/html; charset=utf-8"),
            ("etag", "\"v1\""),
            ("last-modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
        ];
        Reply::Raw(response("200 Fine Thanks", &headers, page.as_bytes()))
    };
    let (r, server, _) = check(policy(), get("/news/1?x=2#top"), handler, expect(Outcome::Ok, 1, 0, 1)).await;
    assert_eq!(r.decoded.as_deref(), Some(page.as_bytes()));
    assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(
        (r.etag.as_deref(), r.last_modified.as_deref()),
        (Some("\"v1\""), Some("Wed, 21 Oct 2015 07:28:00 GMT"))
    );
    assert_eq!(r.final_url, server.url("/news/1?x=2"));
    let ex = &r.exchanges[0];
    assert_eq!((ex.status, ex.truncated, ex.remote_ip), (200, false, Some(server.addr.ip())));
    assert_eq!(ex.body, page.as_bytes());
    let sent = String::from_utf8_lossy(&ex.request_head).into_owned();
    let expected_head = format!(
        "GET /news/1?x=2 HTTP/1.1\r\nuser-agent: newsmine-test/0.1 (+https://example.org/newsmine)\r\n\
         accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5\r\naccept-encoding: gzip, deflate\r\nhost: {}\r\n\r\n",
        server.addr
    );
    assert_eq!(sent, expected_head);
    // What the server received is what we say we sent.
    assert_eq!(server.seen()[0].raw, expected_head.as_bytes());
    let got = String::from_utf8_lossy(&ex.response_head).into_owned();
    assert!(got.starts_with("HTTP/1.1 200 Fine Thanks\r\nconnection: close\r\ncontent-type: text/html"), "{got}");
    assert!(got.ends_with(&format!("content-length: {}\r\n\r\n", page.len())), "{got}");
}

#[tokio::test]
async fn gzip_body_is_kept_raw_and_decoded() {
    use std::io::Write;
    let page = "<html><p>Bridges and roads.</p></html>".repeat(50);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(page.as_bytes()).expect("in memory");
    let gz = enc.finish().expect("in memory");
    let raw = gz.clone();
    let handler = move |_: &Seen, _| {
        Reply::Raw(response("200 OK", &[("content-type", "text/html"), ("content-encoding", "gzip")], &raw))
    };
    let (r, _, _) = check(policy(), get("/gz"), handler, expect(Outcome::Ok, 1, 0, 1)).await;
    assert_eq!(r.exchanges[0].body, gz);
    assert_eq!(r.decoded.as_deref(), Some(page.as_bytes()));
}

#[tokio::test]
async fn conditional_request_gets_not_modified() {
    let request = |s: &TestServer| FetchRequest {
        url: s.url("/feed"),
        etag: Some("\"abc\"".into()),
        last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        accept: Accept::Feed,
    };
    let handler = |seen: &Seen, _| match seen.head.contains("if-none-match: \"abc\"\r\n") {
        true => Reply::Raw(response("304 Not Modified", &[("etag", "\"abc\"")], b"")),
        false => Reply::Raw(response("200 OK", &[], b"<rss/>")),
    };
    let (r, server, _) = check(policy(), request, handler, expect(Outcome::NotModified, 1, 0, 1)).await;
    assert!(server.seen()[0].head.contains("if-modified-since: wed, 21 oct 2015 07:28:00 gmt\r\n"));
    assert!(!server.seen()[0].head.contains("accept-encoding"), "only Html asks for compression");
    assert_eq!((r.decoded, r.etag.as_deref()), (None, Some("\"abc\"")));
    assert_eq!(Outcome::NotModified.as_key(), "not_modified");
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let handler = |_: &Seen, n| match n {
        0..=2 => Reply::Raw(response("500 Internal Server Error", &[], b"oops")),
        _ => Reply::Raw(response("200 OK", &[], b"finally")),
    };
    let (r, _, _) = check(policy(), get("/flaky"), handler, expect(Outcome::Ok, 4, 3, 4)).await;
    let statuses: Vec<u16> = r.exchanges.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [500, 500, 500, 200]);
    assert_eq!(r.decoded.as_deref(), Some(&b"finally"[..]));
}

#[tokio::test]
async fn persistent_errors_end_after_the_retry_budget() {
    let handler = |_: &Seen, _| Reply::Raw(response("500 Internal Server Error", &[], b"oops"));
    let (r, _, _) = check(policy(), get("/down"), handler, expect(Outcome::Http(500), 4, 3, 4)).await;
    assert_eq!((r.outcome.as_key(), r.decoded), ("http_5xx", None));
    // Client errors are final at once.
    let handler = |_: &Seen, _| Reply::Raw(response("404 Not Found", &[("content-type", "text/html")], b"gone"));
    let (r, _, _) = check(policy(), get("/gone"), handler, expect(Outcome::Http(404), 1, 0, 1)).await;
    assert_eq!((r.outcome.as_key(), r.content_type.as_deref()), ("http_4xx", Some("text/html")));
    assert_eq!(r.exchanges[0].body, b"gone", "error bodies are archived too");
}

#[tokio::test]
async fn retry_after_is_honoured_when_short() {
    let handler = |_: &Seen, n| match n {
        0 => Reply::Raw(response("429 Too Many Requests", &[("retry-after", "1")], b"")),
        _ => Reply::Raw(response("200 OK", &[], b"ok")),
    };
    let (_, _, took) = check(policy(), get("/busy"), handler, expect(Outcome::Ok, 2, 1, 2)).await;
    assert!(took >= Duration::from_millis(950), "waited only {took:?}");
}

#[tokio::test]
async fn long_retry_after_gives_up_without_sleeping() {
    let handler = |_: &Seen, _| Reply::Raw(response("429 Too Many Requests", &[("retry-after", "3600")], b""));
    let (r, _, took) = check(policy(), get("/busy"), handler, expect(Outcome::RateLimited, 1, 0, 1)).await;
    assert!(took < Duration::from_secs(3), "slept {took:?}");
    assert_eq!(r.outcome.as_key(), "rate_limited");
    // 429 without Retry-After: backoff until the budget is spent, then RateLimited.
    let handler = |_: &Seen, _| Reply::Raw(response("429 Too Many Requests", &[], b""));
    check(policy(), get("/busy"), handler, expect(Outcome::RateLimited, 4, 3, 4)).await;
    // 503 with a long Retry-After is rate limiting too.
    let handler = |_: &Seen, _| {
        Reply::Raw(response("503 Service Unavailable", &[("retry-after", "Fri, 31 Dec 2100 23:59:59 GMT")], b""))
    };
    check(policy(), get("/busy"), handler, expect(Outcome::RateLimited, 1, 0, 1)).await;
}

/// `/r/N` redirects to `/r/N+1` up to `last`, which answers 200.
fn chain(last: usize) -> impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static {
    move |seen: &Seen, _| {
        let n: usize = seen.path.trim_start_matches("/r/").parse().unwrap_or(0);
        match n {
            n if n >= last => Reply::Raw(response("200 OK", &[], b"arrived")),
            // Alternate relative and absolute-path Locations and the redirect codes.
            n if n % 2 == 0 => {
                Reply::Raw(response("301 Moved Permanently", &[("location", &format!("{}", n + 1))], b""))
            }
            n => Reply::Raw(response(
                ["302 Found", "307 Temporary Redirect", "308 Permanent Redirect"][n % 3],
                &[("location", &format!("/r/{}", n + 1))],
                b"",
            )),
        }
    }
}

#[tokio::test]
async fn redirects_are_followed_and_recorded() {
    let (r, server, _) = check(policy(), get("/r/0"), chain(3), expect(Outcome::Ok, 4, 0, 4)).await;
    let hops: Vec<(String, u16)> = r.exchanges.iter().map(|e| (e.url.path().to_owned(), e.status)).collect();
    assert_eq!(hops, [("/r/0".into(), 301), ("/r/1".into(), 307), ("/r/2".into(), 301), ("/r/3".into(), 200)]);
    assert_eq!((r.requested.clone(), r.final_url.clone()), (server.url("/r/0"), server.url("/r/3")));
    assert_eq!(r.decoded.as_deref(), Some(&b"arrived"[..]));
}

#[tokio::test]
async fn redirect_loops_and_long_chains_stop() {
    let looping = |seen: &Seen, _| {
        let to = if seen.path == "/a" { "/b" } else { "http://127.0.0.1:1/unused" };
        let to = if seen.path == "/b" { "/a#again" } else { to };
        Reply::Raw(response("302 Found", &[("location", to)], b""))
    };
    let (r, _, _) = check(policy(), get("/a"), looping, expect(Outcome::RedirectLoop, 2, 0, 2)).await;
    assert_eq!(r.outcome.as_key(), "redirect_loop");
    let (r, server, _) = check(policy(), get("/r/0"), chain(11), expect(Outcome::TooManyRedirects, 11, 0, 11)).await;
    assert!(server.seen().iter().all(|s| s.path != "/r/11"), "the 11th redirect is not followed");
    assert_eq!(r.final_url, server.url("/r/10"));
    // A redirect without Location is a final answer.
    let bare = |_: &Seen, _| Reply::Raw(response("302 Found", &[], b""));
    check(policy(), get("/x"), bare, expect(Outcome::Http(302), 1, 0, 1)).await;
}

#[tokio::test]
async fn head_only_replies_still_parse() {
    // A close-delimited body (no Content-Length) is read to the end.
    let handler = |_: &Seen, _| {
        let mut bytes = head("200 OK", &[("content-type", "text/plain")]);
        bytes.extend_from_slice(b"until close");
        Reply::Raw(bytes)
    };
    let (r, _, _) = check(policy(), get("/plain"), handler, expect(Outcome::Ok, 1, 0, 1)).await;
    assert_eq!(r.decoded.as_deref(), Some(&b"until close"[..]));
    let (r, _, _) = check(policy(), get("/empty"), ok_html(""), expect(Outcome::Ok, 1, 0, 1)).await;
    assert_eq!(r.decoded.as_deref(), Some(&b""[..]));
}

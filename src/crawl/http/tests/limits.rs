//! End-to-end tests of the client's limits: deadlines (slow drip, silent server), broken
//! connections, size caps (floods, declared lengths, compression bombs), corrupt encodings and
//! address safety (loopback literals, names, redirects to private addresses, other schemes).

use std::io::Write;
use std::time::Duration;

use super::server::{Reply, Seen, TestServer, head, response};
use super::{check, expect, get, ok_html, policy};
use crate::crawl::http::{Accept, FetchPolicy, FetchRequest, HttpClient, Outcome, TimeoutKind, Truncation};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

fn strict() -> FetchPolicy {
    FetchPolicy { allow_private: false, ..policy() }
}

#[tokio::test]
async fn slow_drip_body_ends_at_the_total_deadline() {
    let policy = FetchPolicy { total_timeout: Duration::from_secs(1), max_retries: 0, ..policy() };
    let handler = |_: &Seen, _| Reply::Drip {
        head: head("200 OK", &[("content-length", "100")]),
        body: vec![b'.'; 100],
        interval: Duration::from_millis(200),
    };
    let (r, _, took) =
        check(policy, get("/drip"), handler, expect(Outcome::Timeout(TimeoutKind::Total), 1, 0, 1)).await;
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let ex = &r.exchanges[0];
    assert_eq!((ex.truncated, ex.truncation), (true, Some(Truncation::Time)));
    assert!(!ex.body.is_empty() && ex.body.len() < 100, "{} bytes", ex.body.len());
    assert_eq!(r.outcome.as_key(), "timeout_total");
}

#[tokio::test]
async fn silent_server_times_out_at_first_byte_and_is_retried() {
    let policy = FetchPolicy { max_retries: 1, ..policy() };
    let (r, _, took) =
        check(policy, get("/silent"), |_, _| Reply::Hang, expect(Outcome::Timeout(TimeoutKind::FirstByte), 0, 1, 2))
            .await;
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(r.outcome.as_key(), "timeout_first_byte");
}

#[tokio::test]
async fn full_accept_queue_times_out_at_connect() {
    // A listener that never accepts, with its queue filled: the kernel drops further SYNs, so
    // the client's connect hangs (loopback only).
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.bind("127.0.0.1:0".parse().expect("valid")).expect("bind");
    let addr = socket.local_addr().expect("addr");
    let _listener = socket.listen(0).expect("listen");
    let fillers: Vec<_> =
        (0..4).filter_map(|_| std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(100)).ok()).collect();
    assert!(!fillers.is_empty(), "the queue takes at least one connection");
    let policy = FetchPolicy {
        connect_timeout: Duration::from_millis(300),
        first_byte_timeout: Duration::from_secs(2),
        max_retries: 0,
        ..policy()
    };
    let client = HttpClient::new(policy).expect("valid policy");
    let url = url::Url::parse(&format!("http://{addr}/")).expect("valid");
    let r = client.fetch(&FetchRequest::new(url, Accept::Any)).await;
    assert_eq!(r.outcome, Outcome::Timeout(TimeoutKind::Connect));
    assert_eq!(r.outcome.as_key(), "timeout_connect");
}

#[tokio::test]
async fn connection_reset_mid_body_fails_after_retries() {
    let policy = FetchPolicy { max_retries: 1, ..policy() };
    let handler =
        |_: &Seen, _| Reply::Reset { head: head("200 OK", &[("content-length", "1000")]), partial: vec![b'a'; 100] };
    let (r, _, _) =
        check(policy.clone(), get("/reset"), handler, expect(Outcome::ConnectionFailed(String::new()), 2, 1, 2)).await;
    let ex = &r.exchanges[1];
    assert_eq!((ex.truncation, ex.body.len()), (Some(Truncation::Disconnect), 100));
    assert_eq!(r.outcome.as_key(), "connection_failed");
    // Nobody listening: refused at connect.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    let client = HttpClient::new(policy).expect("valid policy");
    let url = url::Url::parse(&format!("http://{closed}/")).expect("valid");
    let r = client.fetch(&FetchRequest::new(url, Accept::Any)).await;
    assert!(matches!(r.outcome, Outcome::ConnectionFailed(_)), "{:?}", r.outcome);
    assert_eq!((r.retries, r.exchanges.len()), (1, 0));
}

#[tokio::test]
async fn huge_bodies_stop_at_the_cap() {
    let policy = FetchPolicy { max_body_bytes: 10 * 1024 * 1024, ..policy() };
    let flood =
        |_: &Seen, _| Reply::Flood { head: head("200 OK", &[("content-type", "text/html")]), total: 50 * 1024 * 1024 };
    let (r, server, _) = check(policy.clone(), get("/flood"), flood, expect(Outcome::TooLarge, 1, 0, 1)).await;
    let ex = &r.exchanges[0];
    assert_eq!((ex.body.len(), ex.truncation), (10 * 1024 * 1024, Some(Truncation::Length)));
    assert_eq!(r.decoded, None);
    server.wait_finished(1).await;
    let sent = server.flooded.load(std::sync::atomic::Ordering::SeqCst);
    assert!(sent < 30 * 1024 * 1024, "the server wrote {sent} bytes: the client kept reading");
    // A declared length over the cap is refused before reading.
    let declared =
        |_: &Seen, _| Reply::Flood { head: head("200 OK", &[("content-length", "52428800")]), total: 50 * 1024 * 1024 };
    let (r, server, _) = check(policy, get("/declared"), declared, expect(Outcome::TooLarge, 1, 0, 1)).await;
    assert_eq!((r.exchanges[0].body.len(), r.exchanges[0].truncated), (0, true));
    server.wait_finished(1).await;
    assert!(server.flooded.load(std::sync::atomic::Ordering::SeqCst) < 30 * 1024 * 1024);
}

#[tokio::test]
async fn compression_bombs_and_corrupt_encodings_are_caught() {
    let bomb = gzip(&vec![0u8; 10 * 1024 * 1024]);
    assert!(bomb.len() < 64 * 1024, "a bomb is small: {}", bomb.len());
    let raw = bomb.clone();
    let handler = move |_: &Seen, _| Reply::Raw(response("200 OK", &[("content-encoding", "gzip")], &raw));
    let (r, _, _) = check(policy(), get("/bomb"), handler, expect(Outcome::TooLarge, 1, 0, 1)).await;
    assert_eq!((r.exchanges[0].body.clone(), r.decoded), (bomb, None), "raw bytes kept, nothing decoded");

    let handler =
        |_: &Seen, _| Reply::Raw(response("200 OK", &[("content-encoding", "gzip")], b"this is not gzip at all"));
    let (r, _, _) =
        check(policy(), get("/corrupt"), handler, expect(Outcome::DecodeError(String::new()), 1, 0, 1)).await;
    assert_eq!(r.outcome.as_key(), "decode_error");

    // Error responses are not decoded: a corrupt gzip 404 stays a 404.
    let handler = |_: &Seen, _| Reply::Raw(response("404 Not Found", &[("content-encoding", "gzip")], b"nope"));
    check(policy(), get("/missing"), handler, expect(Outcome::Http(404), 1, 0, 1)).await;
}

#[tokio::test]
async fn private_addresses_are_refused_before_any_request() {
    // An IP literal: checked before sending.
    let (r, _, _) = check(strict(), get("/"), ok_html("x"), expect(Outcome::Refused(String::new()), 0, 0, 0)).await;
    let Outcome::Refused(msg) = &r.outcome else { unreachable!() };
    assert!(msg.contains("127.0.0.1 is loopback") && msg.contains("set allow_private = true"), "{msg}");
    assert_eq!(r.outcome.as_key(), "refused_private_address");
    // A name resolving to loopback: refused by the resolver, so not retried either.
    let localhost = |s: &TestServer| {
        FetchRequest::new(
            url::Url::parse(&format!("http://localhost:{}/", s.addr.port())).expect("valid"),
            Accept::Html,
        )
    };
    let (r, _, _) = check(strict(), localhost, ok_html("x"), expect(Outcome::Refused(String::new()), 0, 0, 0)).await;
    let Outcome::Refused(msg) = &r.outcome else { unreachable!() };
    assert!(msg.contains("localhost resolves to") && msg.contains("loopback"), "{msg}");
}

#[tokio::test]
async fn redirects_to_private_addresses_and_other_schemes_are_refused() {
    // The target on 127.0.0.2 must never see a request.
    let target = TestServer::start("127.0.0.2", ok_html("secret")).await;
    let private = format!("http://{}/admin", target.addr);
    let origin = TestServer::start("127.0.0.1", move |seen: &Seen, _| {
        let to = if seen.path == "/ftp" { "ftp://files.example/x" } else { private.as_str() };
        Reply::Raw(response("302 Found", &[("location", to)], b""))
    })
    .await;
    // Only the first hop's server is allowed, as a public origin would be.
    let client = HttpClient::with_exempt(strict(), vec![origin.addr.ip()]).expect("valid policy");
    let r = client.fetch(&FetchRequest::new(origin.url("/go"), Accept::Html)).await;
    let Outcome::Refused(msg) = &r.outcome else { panic!("{:?}", r.outcome) };
    assert!(msg.contains("127.0.0.2 is loopback"), "{msg}");
    assert_eq!((r.exchanges.len(), target.seen().len()), (1, 0));
    assert_eq!(r.final_url.as_str(), format!("http://{}/admin", target.addr));

    let r = client.fetch(&FetchRequest::new(origin.url("/ftp"), Accept::Html)).await;
    assert_eq!((r.outcome.as_key(), r.exchanges.len()), ("refused_scheme", 1));
    let direct = url::Url::parse("ftp://files.example/x").expect("valid");
    let r = client.fetch(&FetchRequest::new(direct, Accept::Any)).await;
    assert_eq!((r.outcome.as_key(), r.exchanges.len(), r.retries), ("refused_scheme", 0, 0));
}

#[tokio::test]
async fn https_goes_through_rustls_with_ring() {
    // A plain-HTTP server on an https URL: the TLS handshake runs (ClientHello from rustls with
    // the ring provider) and fails cleanly instead of panicking for want of a crypto provider.
    let policy = FetchPolicy { max_retries: 0, ..policy() };
    let https = |s: &TestServer| {
        FetchRequest::new(url::Url::parse(&format!("https://{}/", s.addr)).expect("valid"), Accept::Html)
    };
    let (r, server, _) =
        check(policy, https, ok_html("plain"), expect(Outcome::ConnectionFailed(String::new()), 0, 0, 1)).await;
    assert_eq!(server.seen()[0].path, "(tls)");
    let Outcome::ConnectionFailed(msg) = &r.outcome else { unreachable!() };
    assert!(msg.contains(&format!("https://{}/", server.addr)), "{msg}");
}

#[tokio::test]
async fn bad_policies_are_errors_that_say_what_to_fix() {
    let cases = [
        (FetchPolicy { user_agent: "bad\nagent".into(), ..policy() }, "not a valid HTTP header value"),
        (FetchPolicy { total_timeout: Duration::ZERO, ..policy() }, "total_timeout is zero"),
        (FetchPolicy { max_body_bytes: 0, ..policy() }, "must be above zero"),
    ];
    for (p, part) in cases {
        let err = HttpClient::new(p).expect_err(part).to_string();
        assert!(err.contains(part), "{err}");
    }
    assert!(HttpClient::new(FetchPolicy::default()).is_ok());
}

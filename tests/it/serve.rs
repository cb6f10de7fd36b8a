//! `newsmine serve`: the real binary serving the bundled corpus's data directory over HTTP,
//! asked by a plain TCP client. Every route must answer exactly what the command it mirrors
//! prints, and bad requests (bad parameters, unknown ids, other methods, garbage on the wire)
//! must get their status and a message, without stopping the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::pipeline::{Bundled, bundled};
use crate::util::World;

/// A running `newsmine serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(b: &Bundled) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsmine"))
            .arg("--config")
            .arg(&b.config)
            .arg("--data-dir")
            .arg(&b.data)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn newsmine serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("read the start line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in the start line: {line:?}"))
            .to_owned();
        Server { child, addr }
    }

    /// Sends raw bytes as a request and reads the whole response (the server closes after it).
    fn raw(&self, request: &[u8]) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the response");
        Response::parse(&bytes)
    }

    fn request(&self, method: &str, path: &str) -> Response {
        self.raw(format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).as_bytes())
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// `GET path`, asserting a 200 with JSON.
    fn json(&self, path: &str) -> Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", String::from_utf8_lossy(&r.body));
        assert_eq!(r.header("content-type"), Some("application/json; charset=utf-8"));
        serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("GET {path}: not JSON: {e}"))
    }

    /// `GET path`, asserting the status and a JSON error message, which is returned.
    fn refused(&self, path: &str, status: u16) -> String {
        let r = self.get(path);
        assert_eq!(r.status, status, "GET {path}: {}", String::from_utf8_lossy(&r.body));
        let v: Value = serde_json::from_slice(&r.body).expect("an error is JSON");
        assert_eq!(v["status"].as_u64(), Some(status as u64));
        v["error"].as_str().expect("an error message").to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no head in {bytes:?}"));
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Response { status, headers, body: bytes[split + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// `newsmine show ID --raw`: the captured page's bytes, whatever their encoding.
fn raw_page(b: &Bundled, id: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_newsmine"))
        .arg("--config")
        .arg(&b.config)
        .arg("--data-dir")
        .arg(&b.data)
        .args(["show", id, "--raw"])
        .output()
        .expect("run newsmine show --raw");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn search_answers_what_the_command_prints() {
    let b = bundled();
    let s = Server::start(b);
    let cases: &[(&str, &[&str])] = &[
        ("q=broadband&region=kyzylorda&sort=newest", &["broadband", "--region", "kyzylorda", "--sort", "newest"]),
        ("q=*&sector=education&sector=health&limit=25", &["*", "--sector", "education", "--sector", "health", "--limit", "25"]),
        ("q=%22Digital+Kazakhstan%22&sort=oldest", &["\"Digital Kazakhstan\"", "--sort", "oldest"]),
        ("q=school&from=2020-01-01&to=2030-12-31", &["school", "--from", "2020-01-01", "--to", "2030-12-31"]),
        ("q=water+supply&mode=hybrid&limit=5", &["water supply", "--hybrid", "--limit", "5"]),
        ("q=internet+access+in+the+countryside&mode=semantic", &["internet access in the countryside", "--semantic"]),
    ];
    for (query, args) in cases {
        let mut cli = vec!["search"];
        cli.extend_from_slice(args);
        let served = s.json(&format!("/api/search?{query}"));
        assert!(served["total"].as_u64().unwrap() > 0, "{query}: no hits");
        assert_eq!(served, b.json(&cli), "{query}");
    }
}

#[test]
fn articles_claims_and_archived_pages_answer_what_the_commands_print() {
    let b = bundled();
    let s = Server::start(b);
    // A page of the fundus-news WARC: it has an archived capture.
    let hit = &s.json("/api/search?q=source:fundus-news&limit=1")["hits"][0];
    let id = hit["id"].as_str().unwrap();
    assert_eq!(s.json(&format!("/api/articles/{id}")), b.json(&["show", id]));
    let page = s.get(&format!("/api/articles/{id}/archived"));
    assert_eq!(page.status, 200);
    assert_eq!(page.body, raw_page(b, id), "the captured bytes");
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(page.header("content-security-policy"), Some("sandbox"), "captured HTML never runs on the API's origin");
    let similar = s.json(&format!("/api/articles/{id}/similar?limit=3"));
    assert_eq!(similar, b.json(&["similar", id, "--limit", "3"]));
    assert_eq!(similar["hits"].as_array().unwrap().len(), 3);

    // A press release from the JSON Lines corpus: no capture to show.
    let text_only = s.json("/api/search?q=source:kz-gov-press&limit=1")["hits"][0]["id"].as_str().unwrap().to_owned();
    assert!(s.refused(&format!("/api/articles/{text_only}/archived"), 404).contains("no archived page"));

    let claims = s.json("/api/claims?limit=500");
    assert_eq!(claims, b.json(&["claims", "--limit", "500"]));
    assert!(claims["claims"].as_array().unwrap().len() > 100, "the bundled run links hundreds of claims");
    let filtered = s.json("/api/claims?region=almaty&status=delivered&limit=20");
    assert_eq!(filtered, b.json(&["claims", "--region", "almaty", "--status", "delivered", "--limit", "20"]));
    assert!(!filtered["claims"].as_array().unwrap().is_empty(), "claims delivered in Almaty");
    for c in filtered["claims"].as_array().unwrap() {
        assert_eq!(c["status"], "delivered");
        assert!(c["regions"].as_array().unwrap().iter().any(|r| r == "almaty"), "{c}");
    }
    let first = claims["claims"][0]["id"].as_str().unwrap();
    let claim = s.json(&format!("/api/claims/{first}"));
    assert_eq!(claim, b.json(&["claim", first]));
    assert!(!claim["timeline"].as_array().unwrap().is_empty(), "the evidence: sentences and their articles");

    assert_eq!(s.json("/api/stats"), b.json(&["stats"]));
    let health = s.json("/healthz");
    assert_eq!((health["status"].as_str(), health["articles"].as_u64()), (Some("ok"), b.json(&["stats"])["articles"].as_u64()));
    let routes = s.json("/");
    assert!(routes["routes"].as_array().unwrap().iter().any(|r| r["path"] == "/api/claims/{id}"), "{routes}");
}

#[test]
fn bad_requests_get_their_status_and_a_message() {
    let s = Server::start(bundled());
    assert!(s.refused("/api/search?q=roads&region=kyzylorda-oblast", 400).contains("known regions: abai"));
    assert!(s.refused("/api/search?q=title:(roads", 400).contains("query"));
    assert!(s.refused("/api/search?q=roads&from=2023-02-30", 400).contains("YYYY-MM-DD"));
    assert!(s.refused("/api/search?q=roads&regoin=shymkent", 400).contains("unknown parameter `regoin`"));
    assert!(s.refused("/api/search?q=*&mode=semantic", 400).contains("needs a query text"));
    assert!(s.refused("/api/search?limit=100000", 400).contains("1 to 1000"));
    assert!(s.refused("/api/claims?status=promised", 400).contains("announced"));
    assert!(s.refused("/api/claims?sector=space", 400).contains("known sectors"));
    assert!(s.refused("/api/articles/not-an-id", 400).contains("16 hex digits"));
    assert!(s.refused("/api/articles/0000000000000000", 404).contains("no article"));
    assert!(s.refused("/api/claims/c-000000000000", 404).contains("no claim"));
    assert!(s.refused("/api/everything", 404).contains("/api/search"));

    let post = s.request("POST", "/api/claims");
    assert_eq!((post.status, post.header("allow")), (405, Some("GET, HEAD")));
    let head = s.request("HEAD", "/api/stats");
    let get = s.get("/api/stats");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(head.header("content-length"), Some(get.body.len().to_string().as_str()));

    // Garbage on the wire is the client's problem: a 400 for it, and the server goes on.
    let garbage = s.raw(b"\x16\x03\x01\x02\x00 not http at all\r\n\r\n");
    assert_eq!(garbage.status, 400);
    let health = s.json("/healthz");
    assert_eq!(health["status"], "ok");
}

/// Reads until the server closes the connection; fails the test if that takes over a minute.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut bytes = Vec::new();
    match stream.read_to_end(&mut bytes) {
        Ok(_) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => bytes,
        Err(e) => panic!("the server kept a silent connection open: {e}"),
    }
}

#[test]
fn silent_and_idle_clients_are_let_go() {
    let s = Server::start(bundled());
    // Connects and never sends a byte: closed after the header timeout (10 s), not held.
    let mut silent = TcpStream::connect(&s.addr).unwrap();
    assert!(read_until_closed(&mut silent).is_empty());
    // Asks once on a keep-alive connection, then stays idle: the answer, then the close.
    let mut idle = TcpStream::connect(&s.addr).unwrap();
    write!(idle, "GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).unwrap();
    let answer = Response::parse(&read_until_closed(&mut idle));
    assert_eq!(answer.status, 200);
    assert!(String::from_utf8_lossy(&answer.body).contains("\"ok\""));
    // Meanwhile the server kept serving.
    assert_eq!(s.json("/healthz")["status"], "ok");
}

#[test]
fn serve_refuses_to_start_without_a_database() {
    let w = World::new();
    let r = w.newsmine(&["serve", "--addr", "127.0.0.1:0"]).expect(2);
    assert!(r.stderr.contains("run `newsmine run` first"), "{}", r.stderr);
}

//! The test news site: a small real news site served on 127.0.0.1 for the crawler's tests.
//!
//! Owns: the server (one thread per connection, `Connection: close`), the request log, and the
//! routing to [`pages`] (home, sections, articles, feeds, sitemaps, robots.txt, built from
//! `tests/fixtures/site/site.json`) and [`trouble`] (paths that misbehave on purpose).
//! Use: `let site = TestSite::start(); fetch(site.url("/robots.txt")); site.requests()`.
//! The server stops when the `TestSite` is dropped; slow responses notice within a second.

mod pages;
mod trouble;

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

/// `tests/fixtures/site/`: the pages, `site.json` and the feed/sitemap test files.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

/// One article of the site, from `site.json`: what tests compute their expectations from.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where the site serves it: `/news/<slug>.html`, or `/private/<slug>.html` when robots.txt
    /// forbids it.
    pub path: String,
    /// The gzipped original page under `tests/fixtures/site/`.
    pub file: String,
    /// The page's original URL (its `<link rel=canonical>` and injected `<base href>`).
    pub url: String,
    /// Gold title (fundus's reviewed parse).
    pub title: String,
    /// Gold publication date.
    pub published: DateTime<FixedOffset>,
    /// `en` or `ru`.
    pub language: String,
    /// `world`, `business` or `tech`: the section page listing it.
    pub section: String,
    /// False for the `/private/` articles that robots.txt disallows.
    pub allowed: bool,
}

/// The articles listed in `site.json`, in site order.
pub fn articles() -> Vec<Article> {
    let path = fixtures().join("site.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("site.json is JSON");
    let field = |a: &serde_json::Value, k: &str| a[k].as_str().unwrap_or_else(|| panic!("site.json: article without {k}")).to_owned();
    let list = json["articles"].as_array().expect("site.json: articles");
    list.iter()
        .map(|a| Article {
            path: field(a, "path"),
            file: field(a, "file"),
            url: field(a, "url"),
            title: field(a, "title"),
            published: DateTime::parse_from_rfc3339(&field(a, "published")).expect("site.json: RFC 3339 date"),
            language: field(a, "language"),
            section: field(a, "section"),
            allowed: a["allowed"].as_bool().expect("site.json: allowed"),
        })
        .collect()
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// Path with query, as sent (`/feed.rss`, `/trouble/loop/b`).
    pub path: String,
    /// Every header, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// When it arrived, for politeness checks (delay between requests).
    pub at: Instant,
}

impl Request {
    /// A header's value (`if-none-match`, `if-modified-since`, `user-agent`, ...), any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What to change about the site for one test.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Path prefixes answered `404` as if absent, e.g. `["/robots.txt", "/sitemap"]` for a site
    /// without robots.txt or sitemaps, or `["/feed"]` to make feeds unavailable.
    pub hidden: Vec<String>,
}

/// A running test site. Dropping it stops the server.
pub struct TestSite {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

/// State the connection threads share.
struct Shared {
    stop: AtomicBool,
    log: Mutex<Vec<Request>>,
    site: pages::Site,
    trouble: trouble::State,
    options: Options,
}

impl TestSite {
    /// Starts the whole site on a free port of 127.0.0.1.
    pub fn start() -> TestSite {
        TestSite::start_with(Options::default())
    }

    /// Starts the site with some routes changed (see [`Options`]).
    pub fn start_with(options: Options) -> TestSite {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let site = pages::Site::render(&format!("http://{addr}"), articles());
        let shared = Arc::new(Shared { stop: AtomicBool::new(false), log: Mutex::new(Vec::new()), site, trouble: trouble::State::default(), options });
        let in_thread = Arc::clone(&shared);
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if in_thread.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = Arc::clone(&in_thread);
                    std::thread::spawn(move || serve(stream, &shared));
                }
            }
        });
        TestSite { addr, shared, accept: Some(accept) }
    }

    /// The absolute URL of `path` on this site (`http://127.0.0.1:PORT/path`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The address the site listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's articles (allowed and private), in site order.
    pub fn articles(&self) -> &[Article] {
        &self.shared.site.articles
    }

    /// Every request received since the start or the last [`reset_log`](Self::reset_log).
    pub fn requests(&self) -> Vec<Request> {
        self.shared.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The paths of [`requests`](Self::requests), in order.
    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }

    /// Forgets the logged requests and re-arms `/trouble/429` (its next request is a 429 again).
    pub fn reset_log(&self) {
        self.shared.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.shared.trouble.reset();
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)); // wakes `accept`
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

/// A response: status, extra headers, and how the body goes out.
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

/// Ordinary bodies are bytes; the misbehaving ones are written by [`trouble`].
pub(crate) enum Body {
    Bytes(Arc<[u8]>),
    Special(trouble::Special),
}

impl Reply {
    fn bytes(status: u16, content_type: &str, body: impl Into<Arc<[u8]>>) -> Reply {
        Reply { status, headers: vec![("Content-Type", content_type.to_owned())], body: Body::Bytes(body.into()) }
    }

    fn html(status: u16, body: &str) -> Reply {
        Reply::bytes(status, "text/html; charset=utf-8", body.as_bytes())
    }
}

/// Reads one request, logs it, answers it, closes.
fn serve(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Some(request) = read_request(&stream) else {
        let _ = write_reply(&mut stream, "GET", Reply::html(400, "<h1>Bad request</h1>"));
        return;
    };
    shared.log.lock().unwrap_or_else(|p| p.into_inner()).push(request.clone());
    let path = request.path.split('?').next().unwrap_or("");
    let reply = if shared.options.hidden.iter().any(|h| path.starts_with(h.as_str())) {
        Reply::html(404, "<h1>Not found</h1>")
    } else if let Some(r) = trouble::route(path, shared) {
        r
    } else {
        shared.site.route(path, &request).unwrap_or_else(|| Reply::html(404, "<h1>Not found</h1>"))
    };
    match reply.body {
        Body::Special(special) => trouble::write_special(stream, &request.method, special, &shared.stop),
        Body::Bytes(_) => {
            if write_reply(&mut stream, &request.method, reply).is_ok() {
                let _ = stream.shutdown(Shutdown::Write);
            }
        }
    }
}

/// The request line and headers (at most 64 KiB); `None` when malformed.
fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut total = 0;
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        line.clear();
        total += reader.read_line(&mut line).ok()?;
        if total > 64 * 1024 || line.is_empty() {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    Some(Request { method, path, headers, at: Instant::now() })
}

/// Writes status line, headers, `Content-Length` and (except for HEAD) the body.
fn write_reply(stream: &mut TcpStream, method: &str, reply: Reply) -> std::io::Result<()> {
    let Body::Bytes(body) = reply.body else { return Ok(()) };
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

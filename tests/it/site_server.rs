//! The test news site on the wire (plain `std::net` requests) and each discovery route over
//! it: sitemaps alone, each feed alone, and links from `/` within depth 3 and the scope.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use newsmine::crawl::discover::{Kind, Scope, Sitemap, page_links, parse_feed, parse_sitemap, sniff_kind};
use crate::site::{Options, TestSite};
use url::Url;

/// A response as read off the socket.
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn send(site: &TestSite, method: &str, path: &str, headers: &[(&str, &str)]) -> TcpStream {
    let mut s = TcpStream::connect(site.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: newsmine-test/0.1\r\n{extra}\r\n", site.addr()).unwrap();
    s
}

fn parse(raw: &[u8]) -> Resp {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Resp { status, headers, body: raw[end + 4..].to_vec() }
}

/// Requests `path` with `headers`, asserts the status and that the site logged the request with
/// those headers, and returns the response.
fn check(site: &TestSite, method: &str, path: &str, headers: &[(&str, &str)], want: u16) -> Resp {
    let mut raw = Vec::new();
    send(site, method, path, headers).read_to_end(&mut raw).unwrap();
    let resp = parse(&raw);
    assert_eq!(resp.status, want, "{method} {path} {headers:?}\n{}", resp.text().chars().take(300).collect::<String>());
    let log = site.requests();
    let logged = log.iter().rev().find(|r| r.path == path && r.method == method).expect("request logged");
    assert_eq!(logged.header("user-agent"), Some("newsmine-test/0.1"));
    for (k, v) in headers {
        assert_eq!(logged.header(k), Some(*v), "logged {k}");
    }
    resp
}

fn url(site: &TestSite, path: &str) -> Url {
    Url::parse(&site.url(path)).unwrap()
}

/// Feeds and sitemaps give whole seconds (RFC 822 has no fractions).
fn secs(a: &crate::site::Article) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(a.published.timestamp(), 0)
}

fn allowed_paths(site: &TestSite) -> BTreeSet<String> {
    site.articles().iter().filter(|a| a.allowed).map(|a| a.path.clone()).collect()
}

/// `Disallow` prefixes of the `User-agent: *` group.
fn disallowed(robots: &str) -> Vec<String> {
    let mut in_star = false;
    let mut out = Vec::new();
    for line in robots.lines().map(|l| l.split('#').next().unwrap_or("").trim()) {
        match line.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim())) {
            Some((k, v)) if k == "user-agent" => in_star = v == "*",
            Some((k, v)) if k == "disallow" && in_star && !v.is_empty() => out.push(v.to_owned()),
            _ => {}
        }
    }
    out
}

#[test]
fn robots_home_logging_and_options() {
    let site = TestSite::start();
    let robots = check(&site, "GET", "/robots.txt", &[], 200).text();
    assert_eq!(disallowed(&robots), ["/private/"]);
    assert!(robots.contains(&format!("Sitemap: {}", site.url("/sitemap_index.xml"))), "{robots}");
    let home = check(&site, "GET", "/", &[], 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    let links = page_links(&home.text(), &url(&site, "/"));
    assert_eq!(links.feeds, [url(&site, "/feed.rss"), url(&site, "/feed.atom")]);
    assert!(links.links.contains(&url(&site, "/section/world")) && !links.links.iter().any(|l| l.path().starts_with("/trouble")));
    assert!(site.articles().iter().filter(|a| !a.allowed).all(|a| links.links.contains(&url(&site, &a.path))), "home links the private articles");
    let head = check(&site, "HEAD", "/", &[], 200);
    assert!(head.body.is_empty() && head.header("content-length") == Some(&home.body.len().to_string()));
    check(&site, "GET", "/nowhere", &[], 404);
    assert_eq!(site.paths(), ["/robots.txt", "/", "/", "/nowhere"]);
    site.reset_log();
    assert!(site.requests().is_empty());

    let bare = TestSite::start_with(Options { hidden: vec!["/robots.txt".into(), "/sitemap".into()] });
    check(&bare, "GET", "/robots.txt", &[], 404);
    check(&bare, "GET", "/sitemap_index.xml", &[], 404);
    check(&bare, "GET", "/feed.rss", &[], 200);
}

#[test]
fn feeds_and_sitemaps_answer_conditional_requests() {
    let site = TestSite::start();
    for path in ["/feed.rss", "/feed.atom", "/sitemap_index.xml", "/sitemap-news.xml", "/sitemap-pages.xml.gz"] {
        let first = check(&site, "GET", path, &[], 200);
        let etag = first.header("etag").expect("ETag").to_owned();
        let modified = first.header("last-modified").expect("Last-Modified").to_owned();
        let again = check(&site, "GET", path, &[("If-None-Match", &etag)], 304);
        assert!(again.body.is_empty() && again.header("etag") == Some(&etag));
        check(&site, "GET", path, &[("If-Modified-Since", &modified)], 304);
        check(&site, "GET", path, &[("If-None-Match", "\"other\""), ("If-Modified-Since", &modified)], 200);
        check(&site, "GET", path, &[("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")], 200);
    }
}

#[test]
fn article_pages_are_the_real_pages_with_links_to_two_others() {
    let site = TestSite::start();
    for a in site.articles() {
        let page = check(&site, "GET", &a.path, &[], 200);
        let links = page_links(&page.text(), &url(&site, &a.path));
        // The canonical URL is the original one, less a tracking query or `www.`.
        let canonical = links.canonical.expect("canonical");
        let original = Url::parse(&a.url).unwrap();
        let host = |u: &Url| u.host_str().unwrap_or("").trim_start_matches("www.").to_owned();
        assert_eq!((host(&canonical), canonical.path()), (host(&original), original.path()), "{}", a.path);
        let own: Vec<&Url> = links.links.iter().filter(|l| l.host_str() == Some("127.0.0.1")).collect();
        assert_eq!(own.len(), 3, "{}: section + 2 related, the page's own links leave the site: {own:?}", a.path);
        assert!(page.text().contains(a.title.trim().split('\'').next().unwrap()), "{}", a.path);
    }
}

#[test]
fn trouble_paths_misbehave_as_documented() {
    let site = TestSite::start();
    let trouble = page_links(&check(&site, "GET", "/trouble.html", &[], 200).text(), &url(&site, "/trouble.html"));
    assert_eq!(trouble.links.len(), 10);
    check(&site, "GET", "/trouble/500", &[], 500);
    assert_eq!(check(&site, "GET", "/trouble/429", &[], 429).header("retry-after"), Some("1"));
    check(&site, "GET", "/trouble/429", &[], 200);
    site.reset_log();
    check(&site, "GET", "/trouble/429", &[], 429);
    assert_eq!(check(&site, "GET", "/trouble/loop", &[], 302).header("location"), Some("/trouble/loop/b"));
    assert_eq!(check(&site, "GET", "/trouble/loop/b", &[], 302).header("location"), Some("/trouble/loop"));
    let pdf = check(&site, "GET", "/trouble/report.pdf", &[], 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-1.4") && pdf.body.ends_with(b"%%EOF\n"));

    // The bomb: small on the wire, > 100 MB inflated.
    let bomb = check(&site, "GET", "/trouble/bomb", &[("Accept-Encoding", "gzip")], 200);
    assert_eq!(bomb.header("content-encoding"), Some("gzip"));
    assert!(bomb.body.len() < 120_000, "{}", bomb.body.len());
    let inflated = std::io::copy(&mut flate2::read::GzDecoder::new(&bomb.body[..]), &mut std::io::sink()).unwrap();
    assert!(inflated > 100_000_000, "{inflated}");

    // windows-1251 without any declaration: only detection can read it.
    let cp = check(&site, "GET", "/trouble/cp1251", &[], 200);
    assert_eq!(cp.header("content-type"), Some("text/html"));
    assert!(!String::from_utf8_lossy(&cp.body).to_ascii_lowercase().contains("<meta charset"));
    assert!(std::str::from_utf8(&cp.body).is_err(), "not UTF-8");
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&cp.body, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    assert_eq!(guessed, encoding_rs::WINDOWS_1251);
    let ru = site.articles().iter().find(|a| a.language == "ru").unwrap();
    assert!(guessed.decode(&cp.body).0.contains(&ru.title), "title {}", ru.title);

    // Huge, both ways: exactly 50 MiB, with and without Content-Length.
    for (path, length) in [("/trouble/huge", Some("52428800")), ("/trouble/huge-unsized", None)] {
        let resp = check(&site, "GET", path, &[], 200);
        assert_eq!(resp.header("content-length"), length);
        assert_eq!(resp.body.len(), 50 * 1024 * 1024);
    }

    // Reset: part of the announced body, then ECONNRESET.
    let mut s = send(&site, "GET", "/trouble/reset", &[]);
    let mut raw = Vec::new();
    let err = s.read_to_end(&mut raw).expect_err("reset");
    assert_eq!(err.kind(), ErrorKind::ConnectionReset);
    assert!(raw.starts_with(b"HTTP/1.1 200 OK") && raw.len() < 100_000, "{}", raw.len());

    // Slow: one byte a second.
    let mut s = send(&site, "GET", "/trouble/slow", &[]);
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < Duration::from_millis(2500) {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    let body = parse(&got).body;
    assert!((1..=4).contains(&body.len()), "{} bytes in 2.5 s", body.len());
}

#[test]
fn kinds_are_sniffed_from_the_sites_answers() {
    let site = TestSite::start();
    for (path, want) in [("/feed.rss", Kind::Feed), ("/feed.atom", Kind::Feed), ("/sitemap_index.xml", Kind::Sitemap), ("/sitemap-pages.xml.gz", Kind::Sitemap), ("/", Kind::Site), ("/news/oman-spaceports.html", Kind::Site)] {
        let r = check(&site, "GET", path, &[], 200);
        assert_eq!(sniff_kind(&url(&site, path), r.header("content-type"), &r.body), want, "{path}");
    }
}

#[test]
fn sitemaps_alone_find_every_article() {
    let site = TestSite::start();
    let robots = check(&site, "GET", "/robots.txt", &[], 200).text();
    let index_url = robots.lines().find_map(|l| l.strip_prefix("Sitemap:")).map(str::trim).unwrap();
    let index = parse_sitemap(&check(&site, "GET", Url::parse(index_url).unwrap().path(), &[], 200).body, &Url::parse(index_url).unwrap()).unwrap();
    let Sitemap::Index(children) = index else { panic!("an index") };
    let mut found = BTreeSet::new();
    for child in children {
        assert!(child.published.is_some());
        let body = check(&site, "GET", child.url.path(), &[], 200).body;
        let Ok(Sitemap::Urls(urls)) = parse_sitemap(&body, &child.url) else { panic!("{}", child.url) };
        for d in urls {
            if let Some(a) = site.articles().iter().find(|a| a.path == d.url.path()) {
                assert_eq!(d.published, secs(a), "{}", a.path);
                assert!(d.title.is_none() || d.title.as_deref() == Some(a.title.trim()));
            }
            found.insert(d.url.path().to_owned());
        }
    }
    let deny = disallowed(&robots);
    let allowed: BTreeSet<String> = found.iter().filter(|p| !deny.iter().any(|d| p.starts_with(d.as_str()))).filter(|p| p.ends_with(".html")).cloned().collect();
    assert_eq!(allowed, allowed_paths(&site));
    assert_eq!(found.iter().filter(|p| p.starts_with("/private/")).count(), 2);
}

#[test]
fn each_feed_alone_finds_every_article() {
    let site = TestSite::start();
    for path in ["/feed.rss", "/feed.atom"] {
        let entries = parse_feed(&check(&site, "GET", path, &[], 200).body, &url(&site, path)).unwrap();
        assert_eq!(entries.len(), site.articles().len(), "{path}");
        for a in site.articles() {
            let e = entries.iter().find(|e| e.url == url(&site, &a.path)).unwrap_or_else(|| panic!("{path}: {}", a.path));
            assert_eq!((e.published, e.title.as_deref()), (secs(a), Some(a.title.trim())), "{path}: {}", a.path);
        }
    }
}

#[test]
fn links_from_home_within_depth_3_find_every_allowed_article_and_never_a_private_one() {
    let site = TestSite::start();
    let deny = disallowed(&check(&site, "GET", "/robots.txt", &[], 200).text());
    let scope = Scope::new(&[url(&site, "/")], &[], &[]).unwrap();
    let mut queue = VecDeque::from([(url(&site, "/"), 0)]);
    let mut seen = HashSet::from([url(&site, "/")]);
    let mut articles = BTreeSet::new();
    while let Some((u, depth)) = queue.pop_front() {
        let resp = check(&site, "GET", u.path(), &[], 200);
        if site.articles().iter().any(|a| a.path == u.path()) {
            articles.insert(u.path().to_owned());
        }
        let links = page_links(&resp.text(), &u);
        if links.nofollow || depth == 3 {
            continue;
        }
        for l in links.links {
            if scope.contains(&l) && !deny.iter().any(|d| l.path().starts_with(d.as_str())) && seen.insert(l.clone()) {
                queue.push_back((l, depth + 1));
            }
        }
    }
    assert_eq!(articles, allowed_paths(&site));
    assert!(!site.paths().iter().any(|p| p.starts_with("/private/") || p.starts_with("/trouble")), "{:?}", site.paths());
    assert!(site.paths().len() <= 30, "{} requests", site.paths().len());
}

//! Crawl throughput and memory: the real `newsmine crawl` against a local server with
//! politeness off (64 requests in flight), and peak memory with 100,000 URLs in the frontier.
//!
//! `cargo bench --bench crawl` prints the figures. Under `cargo test` (no `--bench` argument) it
//! runs a small round so that it keeps working.
//!
//! The server is a small thread-per-connection HTTP/1.1 server serving a sitemap index of N
//! URLs; every URL answers with the same real news page (tests/fixtures/pages), its title made
//! unique so that every page is a distinct article.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PER_SITEMAP: usize = 50_000;
const GUARDIAN_URL: &str = "https://www.theguardian.com/world/2024/feb/24/death-toll-in-valencia-fire-rises-to-10-as-remains-of-last-missing-person-found";

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut page = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(root.join("tests/fixtures/pages/uk-TheGuardian_2024_02_24.html.gz")).unwrap())
        .read_to_string(&mut page)
        .unwrap();
    // The page's own URL (canonical link, og:url, JSON-LD) would make every copy the same
    // article: each copy names itself instead.
    let page = page.replace(GUARDIAN_URL, "SELF_URL");

    let (pages, frontier) = if full { (2_000, 100_000) } else { (20, 2_000) };
    let server = Server::start(Arc::new(page), frontier);

    let figures = crawl(&server, pages, pages);
    println!(
        "crawl:    {} pages fetched and archived in {:.1}s = {:.0} pages/s (64 in flight, politeness off); \
         with extraction, tagging and indexing {:.1}s = {:.0} pages/s end to end; peak memory {:.0} MB",
        figures.articles,
        figures.crawl_seconds,
        figures.articles as f64 / figures.crawl_seconds,
        figures.seconds,
        figures.articles as f64 / figures.seconds,
        figures.peak_mb
    );
    let figures = crawl(&server, frontier, pages / 10);
    println!(
        "frontier: {} URLs discovered and queued in the database, {} fetched, in {:.1}s; peak memory {:.0} MB",
        frontier, figures.articles, figures.seconds, figures.peak_mb
    );
}

struct Figures {
    articles: u64,
    seconds: f64,
    crawl_seconds: f64,
    peak_mb: f64,
}

/// Runs `newsmine crawl` on a sitemap of `urls` URLs, fetching at most `max_pages`.
fn crawl(server: &Server, urls: usize, max_pages: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = dir.path().join("newsmine.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\ngazetteer = \"{}\"\ntaxonomy = \"{}\"\n[crawl]\nglobal_concurrency = 64\n\
             max_concurrent_per_host = 64\nmin_delay_ms = 0\n",
            dir.path().join("data").display(),
            root.join("config/gazetteer.toml").display(),
            root.join("config/sectors.toml").display()
        ),
    )
    .unwrap();
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmine"))
        .arg("--config")
        .arg(&config)
        .args(["crawl", &format!("http://{}/sitemap-index-{urls}.xml", server.addr), "--kind", "sitemap"])
        .args(["--allow-private", "--no-progress", "--max-pages", &max_pages.to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak_kb = 0u64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", child.id())) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
                peak_kb = line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(peak_kb);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let articles = out.split(": ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    let report = std::fs::read_dir(dir.path().join("data/runs")).unwrap().next().unwrap().unwrap().path();
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let crawl_seconds = report["pass_seconds"]["crawl"].as_f64().unwrap_or(f64::NAN);
    Figures { articles, seconds, crawl_seconds, peak_mb: peak_kb as f64 / 1024.0 }
}

struct Server {
    addr: std::net::SocketAddr,
}

impl Server {
    fn start(page: Arc<String>, max_urls: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let page = Arc::clone(&page);
                std::thread::spawn(move || serve(stream, &page, addr, max_urls));
            }
        });
        Server { addr }
    }
}

fn serve(mut stream: TcpStream, page: &str, addr: std::net::SocketAddr, max_urls: usize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map(|n| n == 0).unwrap_or(true) || h == "\r\n" {
            break;
        }
    }
    let (ctype, body) = route(&path, page, addr, max_urls);
    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes()));
}

fn route(path: &str, page: &str, addr: std::net::SocketAddr, max_urls: usize) -> (&'static str, String) {
    if path == "/robots.txt" {
        return ("text/plain", "User-agent: *\nAllow: /\n".into());
    }
    if let Some(n) = path.strip_prefix("/sitemap-index-").and_then(|p| p.strip_suffix(".xml")) {
        let n: usize = n.parse().unwrap_or(0).min(max_urls);
        let children: String = (0..n.div_ceil(PER_SITEMAP))
            .map(|i| format!("<sitemap><loc>http://{addr}/sitemap-{n}-{i}.xml</loc></sitemap>\n"))
            .collect();
        return ("application/xml", format!("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{children}</sitemapindex>"));
    }
    if let Some(rest) = path.strip_prefix("/sitemap-").and_then(|p| p.strip_suffix(".xml")) {
        let (n, i) = rest.split_once('-').unwrap_or(("0", "0"));
        let (n, i): (usize, usize) = (n.parse().unwrap_or(0), i.parse().unwrap_or(0));
        let urls: String = (i * PER_SITEMAP..((i + 1) * PER_SITEMAP).min(n))
            .map(|k| format!("<url><loc>http://{addr}/a/{k}.html</loc></url>\n"))
            .collect();
        return ("application/xml", format!("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>"));
    }
    let own = format!("http://{addr}{path}");
    ("text/html; charset=utf-8", page.replace("SELF_URL", &own).replacen("<title>", &format!("<title>Copy {path}: "), 1))
}

//! The crawler against the test news site: each discovery route, robots.txt, misbehaving
//! servers, conditional re-reads, a kill in the middle, and the private-address guard.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::site::{Options, TestSite};
use crate::util::World;

/// Fast politeness and short timeouts: the site is local.
const FAST: &str = "min_delay_ms = 0\nmax_concurrent_per_host = 8\nconnect_timeout_secs = 2\nfirst_byte_timeout_secs = 2\n\
                    total_timeout_secs = 3\nmax_retries = 2\nbackoff_base_ms = 50\nbackoff_max_secs = 5\n";

/// Paths of the articles robots.txt allows.
fn allowed_paths(site: &TestSite) -> BTreeSet<String> {
    site.articles().iter().filter(|a| a.allowed).map(|a| a.path.clone()).collect()
}

/// Paths on the test site of every stored article, from search.
fn stored_paths(w: &World) -> BTreeSet<String> {
    let r = w.newsmine(&["search", "*", "--limit", "500", "--json"]).expect(0).json();
    r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["url"].as_str())
        .filter_map(|u| url::Url::parse(u).ok())
        .map(|u| u.path().to_owned())
        .collect()
}

fn crawl_world(source: &str) -> World {
    let mut w = World::new();
    w.crawl_settings(FAST);
    w.raw_source(source);
    w
}

fn crawl_report(w: &World, source: &str) -> Value {
    w.last_report()["sources"][source]["crawl"].clone()
}

#[test]
fn each_discovery_route_alone_finds_every_allowed_article() {
    let cases: [(&str, Options, String); 4] = [
        ("rss", Options::default(), "kind = \"feed\"\nurl = \"{}/feed.rss\"".into()),
        ("atom", Options::default(), "kind = \"feed\"\nurl = \"{}/feed.atom\"".into()),
        ("sitemap", Options::default(), "kind = \"sitemap\"\nurl = \"{}/sitemap_index.xml\"".into()),
        (
            "links",
            Options { hidden: vec!["/feed".into(), "/sitemap".into()] },
            "kind = \"site\"\nstart_urls = [\"{}/\"]\nmax_depth = 3".into(),
        ),
    ];
    for (name, options, source) in cases {
        let site = TestSite::start_with(options);
        let origin = site.url("");
        let origin = origin.trim_end_matches('/');
        let w = crawl_world(&format!("name = \"{name}\"\nallow_private = true\n{}", source.replace("{}", origin)));
        let run = w.newsmine(&["run"]).expect(0);
        assert_eq!(stored_paths(&w), allowed_paths(&site), "{name}\n{}", run.stdout);
        assert!(!site.paths().iter().any(|p| p.starts_with("/private/")), "{name}: a disallowed URL was requested");
        let stats = w.newsmine(&["stats", "--json"]).expect(0).json();
        assert_eq!(stats["sources"][name], allowed_paths(&site).len(), "{name}: only the allowed articles");
    }
}

#[test]
fn every_misbehaviour_ends_in_its_counted_outcome() {
    let site = TestSite::start();
    let w = crawl_world(&format!(
        "name = \"trouble\"\nkind = \"site\"\nstart_urls = [\"{}\"]\nmax_depth = 1\nallow_private = true",
        site.url("/trouble.html")
    ));
    let run = w.newsmine(&["run"]).expect(0);
    let c = crawl_report(&w, "trouble");
    let n = |k: &str| c["outcomes"][k].as_u64().unwrap_or(0);
    assert!(n("http_5xx") >= 1, "always-500: {c}\n{}", run.stdout);
    assert!(n("timeout_total") >= 1, "slow drip: {c}");
    assert!(n("connection_failed") >= 1, "reset: {c}");
    assert_eq!(n("redirect_loop"), 1, "loop: {c}");
    assert!(n("too_large") >= 3, "huge, huge without length, gzip bomb: {c}");
    assert_eq!(n("wrong_type"), 1, "pdf: {c}");
    assert!(c["retries"].as_u64().unwrap() >= 1, "429 and 500 were retried: {c}");
    // The 429 page was asked for again after its Retry-After, and then served.
    assert_eq!(site.paths().iter().filter(|p| *p == "/trouble/429").count(), 2, "{:?}", site.paths());
    assert!(n("ok") >= 2, "the trouble page and the 429 page once retried: {c}");
}

#[test]
fn a_windows_1251_page_without_a_declared_charset_is_decoded() {
    // Without robots.txt (so no sitemaps join the crawl), only the page itself is fetched.
    let site = TestSite::start_with(Options { hidden: vec!["/robots.txt".into()] });
    let w = World::new();
    let url = site.url("/trouble/cp1251");
    w.newsmine(&["crawl", &url, "--kind", "site", "--max-depth", "0", "--allow-private"]).expect(0);
    let r = w.newsmine(&["search", "*", "--json"]).expect(0).json();
    assert_eq!(r["total"], 1, "{r}");
    let title = r["hits"][0]["title"].as_str().unwrap();
    let russian = site.articles().into_iter().find(|a| a.language == "ru").unwrap();
    assert_eq!(title.trim(), russian.title.trim(), "decoded from windows-1251");
}

#[test]
fn a_second_run_rereads_feeds_conditionally_and_fetches_no_article_again() {
    let site = TestSite::start();
    let origin = site.url("").trim_end_matches('/').to_owned();
    let w = crawl_world(&format!("name = \"news\"\nkind = \"site\"\nstart_urls = [\"{origin}/\"]\nallow_private = true"));
    w.newsmine(&["run"]).expect(0);
    let first = stored_paths(&w);
    site.reset_log();
    let second = w.newsmine(&["run"]).expect(0);
    assert!(second.stdout.contains("0 articles indexed (0 new"), "{}", second.stdout);
    let requests = site.requests();
    for r in &requests {
        assert!(!r.path.starts_with("/news/") && !r.path.starts_with("/private/"), "article fetched again: {}", r.path);
        if r.path.starts_with("/feed") || r.path.starts_with("/sitemap") {
            assert!(
                r.header("if-none-match").is_some() || r.header("if-modified-since").is_some(),
                "unconditional re-read of {}",
                r.path
            );
        }
    }
    assert!(requests.iter().any(|r| r.path.starts_with("/feed")), "feeds are re-read: {:?}", site.paths());
    assert_eq!(stored_paths(&w), first);
    assert!(crawl_report(&w, "news")["outcomes"]["not_modified"].as_u64().unwrap() >= 2);
}

#[test]
fn a_crawl_killed_midway_and_rerun_ends_with_the_articles_of_an_uninterrupted_crawl() {
    let slow = "min_delay_ms = 150\nmax_concurrent_per_host = 1\ntotal_timeout_secs = 5\n";
    let source = |origin: &str| format!("name = \"news\"\nkind = \"site\"\nstart_urls = [\"{origin}/\"]\nallow_private = true");
    let site = TestSite::start();
    let origin = site.url("").trim_end_matches('/').to_owned();
    let mut reference = World::new();
    reference.crawl_settings(slow).raw_source(&source(&origin));
    reference.newsmine(&["run"]).expect(0);
    let want = stored_paths(&reference);

    let mut killed = World::new();
    killed.crawl_settings(slow).raw_source(&source(&origin));
    let config = killed.path("newsmine.toml");
    killed.newsmine(&["stats"]); // writes the configuration file
    for delay_ms in [1200, 2500] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsmine"))
            .arg("--config")
            .arg(&config)
            .arg("run")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait().unwrap();
    }
    killed.newsmine(&["run"]).expect(0);
    assert_eq!(stored_paths(&killed), want);
    let stats = |w: &World| w.newsmine(&["stats", "--json"]).expect(0).json()["articles"].clone();
    assert_eq!(stats(&killed), stats(&reference), "no duplicates");
}

#[test]
fn without_allow_private_a_local_source_fetches_nothing_and_says_why() {
    let site = TestSite::start();
    let w = crawl_world(&format!("name = \"local\"\nkind = \"feed\"\nurl = \"{}\"", site.url("/feed.rss")));
    let run = w.newsmine(&["run"]).expect(0);
    assert!(site.requests().is_empty(), "requested: {:?}", site.paths());
    assert!(run.stdout.contains("allow_private"), "the summary says why: {}", run.stdout);
    let c = crawl_report(&w, "local");
    assert!(c["outcomes"].as_object().unwrap().keys().any(|k| k.starts_with("refused")), "{c}");
}

#[test]
fn newsmine_crawl_detects_the_kind_and_archives_every_page() {
    let site = TestSite::start();
    let w = World::new();
    let run = w.newsmine(&["crawl", &site.url("/feed.atom"), "--allow-private", "--max-pages", "4"]).expect(0);
    assert!(run.stdout.contains("4 articles indexed"), "{}", run.stdout);
    let stats = w.newsmine(&["stats", "--json"]).expect(0).json();
    assert_eq!(stats["sources"]["127-0-0-1"], 4, "{stats}");
    // The archived page is the page exactly as the site sent it.
    let hits = w.newsmine(&["search", "*", "--json"]).expect(0).json();
    let hit = &hits["hits"][0];
    let raw = w.newsmine(&["show", hit["id"].as_str().unwrap(), "--raw"]).expect(0);
    assert!(raw.stdout.contains("test-site-related"), "the served page, with the site's navigation");
    let e = w.newsmine(&["crawl", "ftp://example.org/feed"]).expect(2);
    assert!(e.stderr.contains("only http and https"), "{}", e.stderr);
}

#[test]
fn requests_to_one_host_are_spaced_by_the_politeness_delay() {
    let site = TestSite::start();
    let mut w = World::new();
    w.crawl_settings("min_delay_ms = 300\nmax_concurrent_per_host = 1\n");
    w.raw_source(&format!("name = \"polite\"\nkind = \"feed\"\nurl = \"{}\"\nallow_private = true\nmax_pages = 3", site.url("/feed.rss")));
    w.newsmine(&["run"]).expect(0);
    let requests = site.requests();
    assert!(requests.len() >= 5, "robots.txt, the feed and 3 pages: {:?}", site.paths());
    for pair in requests.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(gap >= std::time::Duration::from_millis(250), "{} then {} after {gap:?}", pair[0].path, pair[1].path);
    }
    let ua = requests[0].header("user-agent").unwrap_or_default();
    assert!(ua.starts_with("newsmine/") && ua.contains("+http"), "a user agent with a contact URL: {ua}");
}

//! Unit tests of feed reading on real feeds (feed-rs's and trafilatura's test suites), compared
//! with feed-rs's expected parses (`.serde.json`) where they exist.

use std::path::PathBuf;

use serde_json::Value;

use super::*;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/feeds").join(rel)
}

/// What the gold parse says the entries are: (resolved URL, date, title), by the same rule as
/// `parse_feed` (alternate link, else http id; published, else updated).
fn gold_entries(gold: &Value, base: &Url) -> Vec<(String, Option<String>, Option<String>)> {
    let entries = gold["entries"].as_array().cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| {
            let link = e["links"].as_array()?.iter().find(|l| l["rel"].is_null() || l["rel"] == "alternate").and_then(|l| l["href"].as_str());
            let id = e["id"].as_str().filter(|id| id.starts_with("http://") || id.starts_with("https://"));
            let url = base.join(link.or(id)?).ok()?;
            let date = e["published"].as_str().or(e["updated"].as_str()).and_then(|d| d.parse::<chrono::DateTime<chrono::Utc>>().ok());
            let title = e["title"]["content"].as_str().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
            Some((url.to_string(), date.map(|d| d.to_rfc3339()), title))
        })
        .collect()
}

/// Parses `file` as fetched from `base`. `want` is the number of entries, or `None` when the
/// feed must be refused with an error. When feed-rs's expected parse sits beside the file,
/// every entry must match it.
fn check(file: &str, base: &str, want: Option<usize>) -> Vec<Discovered> {
    let bytes = std::fs::read(fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let base = Url::parse(base).unwrap();
    let got = parse_feed(&bytes, &base);
    let Some(want) = want else {
        assert!(got.is_err(), "{file}: expected an error, got {got:?}");
        return Vec::new();
    };
    let got = got.unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(got.len(), want, "{file}: {got:#?}");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if let Ok(text) = std::fs::read_to_string(fixture(&format!("{stem}.serde.json"))) {
        let gold: Value = serde_json::from_str(&text).unwrap();
        let mine: Vec<_> = got.iter().map(|d| (d.url.to_string(), d.published.map(|p| p.to_rfc3339()), d.title.clone())).collect();
        assert_eq!(mine, gold_entries(&gold, &base), "{file} against its .serde.json");
    }
    got
}

#[test]
fn real_feeds_match_feed_rs_expected_parses() {
    for (file, want) in [
        ("feed-rs/rss_2.0_bbc.xml", 1),
        ("feed-rs/rss_2.0_ilmessaggero.xml", 1),
        ("feed-rs/rss_2.0_example_3.xml", 1),
        ("feed-rs/rss_2.0_nbcny.xml", 1),
        ("feed-rs/rss_2.0_spec_1.xml", 2),
        ("feed-rs/rss_1.0_debian.xml", 1),
        ("feed-rs/rss_1.0_iso8859.xml", 1),
        ("feed-rs/rss_1.0_spec_1.xml", 2),
        ("feed-rs/rss_0.91_spec_1.xml", 2),
        ("feed-rs/rss_0.92_spec_1.xml", 0),
        ("feed-rs/atom_spec_1.xml", 1),
        ("feed-rs/atom_example_2.xml", 2),
        ("feed-rs/atom_mediarss_reddit_1.xml", 25),
        ("feed-rs/atom_xml_base.xml", 1),
        ("feed-rs/jsonfeed_spec_1.json", 1),
        ("feed-rs/jsonfeed_example_1.json", 2),
        ("feed-rs/jsonfeed_elastic_1.1.json", 3),
    ] {
        check(file, "https://feeds.example.com/feed", Some(want));
    }
}

#[test]
fn details_of_particular_feeds() {
    // RSS 2.0 from the BBC: link, RFC 822 date, title.
    let bbc = check("feed-rs/rss_2.0_bbc.xml", "https://feeds.bbci.co.uk/", Some(1));
    assert_eq!(bbc[0].url.as_str(), "http://www.bbc.co.uk/programmes/m000sjxt");
    assert!(bbc[0].published.is_some() && bbc[0].title.is_some());
    // RSS 1.0 in ISO-8859-1: the title decodes.
    let golem = check("feed-rs/rss_1.0_iso8859.xml", "https://rss.golem.de/", Some(1));
    assert!(golem[0].title.as_deref().is_some_and(|t| t.contains("Glasfaserförderung")), "{golem:?}");
    // RSS 0.92 items have no link and no guid: nothing to fetch.
    // Atom without a link: the entry's http id is its page.
    let numi = check("feed-rs/atom_xml_base.xml", "https://numi.st/feed.xml", Some(1));
    assert_eq!(numi[0].url.as_str(), "https://numi.st/post/2022/travel-uke");
    // JSON Feed items without a date keep `published: None`.
    let elastic = check("feed-rs/jsonfeed_elastic_1.1.json", "https://www.influxdata.com/feed.json", Some(3));
    assert_eq!(elastic.iter().filter(|d| d.published.is_none()).count(), 1);
}

#[test]
fn relative_links_resolve_against_xml_base_and_the_feed_url() {
    let atom = check("feed-rs/atom_relative.xml", "https://example.com/blog/feed.xml", Some(1));
    assert_eq!(atom[0].url.as_str(), "https://example.com/blog/2003/12/13/atom03");
    let rss = check("feed-rs/rss_2.0_relurl_1.xml", "https://insanity.industries/index.xml", Some(2));
    assert_eq!(rss[1].url.as_str(), "https://insanity.industries/post/pacman-tracking-leftover-packages/");
    check("feed-rs/rss_2.0_relurl_2.xml", "https://kryogenix.org/random/relurleg.xml", Some(1));
}

#[test]
fn trafilatura_feeds() {
    // Atom: the second entry has only a rel="self" link and a urn id: not a page.
    let atom = check("trafilatura/feed1.atom", "http://example.org/feed", Some(1));
    assert_eq!(atom[0].url.as_str(), "http://example.org/2003/12/13/atom03");
    let rss = check("trafilatura/feed2.rss", "http://www.example.com/feed", Some(1));
    assert_eq!(rss[0].published.map(|d| d.to_rfc3339()).as_deref(), Some("2009-09-06T16:20:00+00:00"));
    // NPR's real JSON Feed (escaped slashes, query strings kept).
    let npr = check("trafilatura/feed.json", "https://feeds.npr.org/1019/feed.json", Some(25));
    assert!(npr[0].url.as_str().starts_with("https://www.npr.org/2021/10/29/1050315385/"));
    assert_eq!(npr[0].published.map(|d| d.to_rfc3339()).as_deref(), Some("2021-10-29T14:26:00+00:00"));
}

#[test]
fn broken_documents_are_errors_not_panics() {
    check("feed-rs/rss_2.0_invalid_1.xml", "https://www.reuters.com/rss", None);
    check("trafilatura/sitemap.xml", "https://www.sitemaps.org/sitemap.xml", None);
    let base = Url::parse("https://x.example/feed").unwrap();
    for bytes in [&b""[..], b"\x1f\x8b\x08garbage", b"{\"version\": 1}", b"<html><body>not a feed</body></html>", b"<rss><channel><item><link>"] {
        let _ = parse_feed(bytes, &base);
    }
}

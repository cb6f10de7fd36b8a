//! Unit tests of kind sniffing on real feed and sitemap files and on typical server answers.

use std::path::PathBuf;

use super::*;

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/feeds").join(rel)).unwrap()
}

/// Sniffs a body served at `url` with `content_type`.
fn check(url: &str, content_type: Option<&str>, body: &[u8], want: Kind) {
    assert_eq!(sniff_kind(&Url::parse(url).unwrap(), content_type, body), want, "{url} {content_type:?}");
}

#[test]
fn by_content_type_then_root_element() {
    use Kind::*;
    check("https://x.example/a", Some("application/rss+xml; charset=utf-8"), b"", Feed);
    check("https://x.example/a", Some("application/atom+xml"), b"<html>", Feed);
    check("https://x.example/a", Some("text/xml"), &fixture("feed-rs/rss_2.0_bbc.xml"), Feed);
    check("https://x.example/a", Some("application/xml"), &fixture("feed-rs/rss_1.0_debian.xml"), Feed);
    check("https://x.example/a", Some("text/html"), &fixture("feed-rs/atom_spec_1.xml"), Feed);
    check("https://x.example/a", None, &fixture("feed-rs/rss_0.91_spec_1.xml"), Feed);
    check("https://x.example/a", Some("application/json"), &fixture("trafilatura/feed.json"), Feed);
    check("https://x.example/a", Some("application/json"), &fixture("feed-rs/jsonfeed_spec_1.json"), Feed);
    check("https://x.example/a", Some("application/json"), br#"{"version": "2.0", "items": []}"#, Site);
    check("https://x.example/a", Some("text/xml"), &fixture("trafilatura/sitemap.xml"), Sitemap);
    check("https://x.example/a", Some("application/xml"), &fixture("trafilatura/sitemap2.xml"), Sitemap);
    check("https://x.example/a", Some("application/x-gzip"), &fixture("trafilatura/sitemap.xml.gz"), Sitemap);
    check("https://x.example/a", Some("text/plain"), &fixture("written/sitemap.txt"), Sitemap);
    check("https://x.example/a", Some("text/html; charset=utf-8"), b"<!DOCTYPE html>\n<html lang=en><head>", Site);
    check("https://x.example/a", Some("text/html"), b"<!-- c --><?xml-stylesheet href='x'?>\n<p>hi", Site);
    check("https://x.example/a", Some("text/plain"), b"hello world", Site);
}

#[test]
fn by_path_when_the_body_says_nothing() {
    use Kind::*;
    check("https://x.example/feed/", None, b"", Feed);
    check("https://x.example/news.rss", Some("application/octet-stream"), b"\x00\x01", Feed);
    check("https://x.example/sitemap_index.xml", None, b"", Sitemap);
    check("https://x.example/sitemap-pages.xml.gz", None, b"  ", Sitemap);
    check("https://x.example/", None, b"", Site);
    check("https://x.example/a", None, b"\x1f\x8b\x08garbage", Site);
}

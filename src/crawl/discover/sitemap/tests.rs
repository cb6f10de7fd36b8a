//! Unit tests of sitemap reading: trafilatura's real sitemaps, a Google News sitemap written in
//! the documented format, gzip, plain text, truncated and hostile documents.

use std::io::Write;
use std::path::PathBuf;

use super::*;

fn fixture(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/feeds").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Expected reading of a document.
#[derive(Debug, PartialEq)]
enum Want {
    Index(usize),
    Urls(usize),
    Error,
}

/// Parses `bytes` fetched from `base`, checks the kind and count, and returns the entries.
fn check(name: &str, bytes: &[u8], base: &str, want: Want) -> Vec<Discovered> {
    let got = parse_sitemap(bytes, &Url::parse(base).unwrap());
    let (kind, entries) = match got {
        Ok(Sitemap::Index(v)) => (Want::Index(v.len()), v),
        Ok(Sitemap::Urls(v)) => (Want::Urls(v.len()), v),
        Err(e) => {
            eprintln!("{name}: {e}");
            (Want::Error, Vec::new())
        }
    };
    assert_eq!(kind, want, "{name}: {entries:#?}");
    entries
}

fn date(d: &Discovered) -> Option<String> {
    d.published.map(|p| p.to_rfc3339())
}

#[test]
fn sitemaps_org_urlset_index_gzip_and_hreflang() {
    let plain = check("sitemap.xml", &fixture("trafilatura/sitemap.xml"), "https://www.sitemaps.org/sitemap.xml", Want::Urls(84));
    assert_eq!(plain[0].url.as_str(), "https://www.sitemaps.org/");
    assert_eq!(date(&plain[0]).as_deref(), Some("2016-11-21T00:00:00+00:00"));
    assert_eq!(plain[83].url.as_str(), "https://www.sitemaps.org/zh_TW/terms.html");
    let gz = check("sitemap.xml.gz", &fixture("trafilatura/sitemap.xml.gz"), "https://www.sitemaps.org/sitemap.xml.gz", Want::Urls(84));
    assert_eq!(gz, plain);
    let index = check("sitemap2.xml", &fixture("trafilatura/sitemap2.xml"), "http://www.example.com/sitemap.xml", Want::Index(2));
    assert_eq!(index[1].url.as_str(), "http://www.example.com/sitemap2.xml.gz", "CDATA loc");
    assert_eq!(date(&index[0]).as_deref(), Some("2004-10-01T18:23:17+00:00"));
    assert_eq!(date(&index[1]).as_deref(), Some("2005-01-01T00:00:00+00:00"));
    // hreflang alternates are not extra entries; the stray <sitemap> inside <urlset> is ignored.
    let hreflang = check("sitemap-hreflang.xml", &fixture("trafilatura/sitemap-hreflang.xml"), "http://www.example.com/s.xml", Want::Urls(3));
    assert_eq!(hreflang[2].url.as_str(), "http://www.example.com/schweiz-deutsch/page.html");
    let rel = check("index-relative.xml", &fixture("written/index-relative.xml"), "https://news.example.com/robots-sitemaps/index.xml", Want::Index(2));
    assert_eq!(rel[1].url.as_str(), "https://news.example.com/robots-sitemaps/sitemap-2.xml.gz");
    assert_eq!(date(&rel[0]).as_deref(), Some("2024-05-01T10:00:00+00:00"));
}

#[test]
fn google_news_sitemap() {
    let news = check("news-sitemap.xml", &fixture("written/news-sitemap.xml"), "https://news.example.com/sitemap-news.xml", Want::Urls(4));
    let got: Vec<_> = news.iter().map(|d| (d.url.as_str(), date(d), d.title.as_deref())).collect();
    assert_eq!(
        got,
        [
            (
                "https://news.example.com/business/2024/05/01/astana-light-rail-opens.html",
                Some("2024-05-01T04:30:00+00:00".to_owned()),
                Some("Astana light rail opens its first line")
            ),
            ("https://news.example.com/search?q=budget&page=2", Some("2024-04-30T00:00:00+00:00".to_owned()), Some("Budget 3.0: \"R4bn\" & more")),
            ("https://news.example.com/regions/almaty-metro-extension", Some("2024-04-29T18:05:00+00:00".to_owned()), Some("Алматинское метро продлят на две станции")),
            ("https://news.example.com/world/no-news-block.html", Some("2024-04-28T00:00:00+00:00".to_owned()), None),
        ]
    );
}

#[test]
fn plain_text_truncated_and_broken_sitemaps() {
    let text = check("sitemap.txt", &fixture("written/sitemap.txt"), "https://news.example.com/sitemap.txt", Want::Urls(3));
    assert_eq!(text[2].url.as_str(), "http://news.example.com/c.html");
    // A download cut mid-document keeps the entries read before the cut.
    check("truncated", &fixture("written/truncated-sitemap.xml"), "https://www.sitemaps.org/sitemap.xml", Want::Urls(6));
    let cut_in_tag = &fixture("trafilatura/sitemap.xml")[..706];
    check("cut in a tag", cut_in_tag, "https://www.sitemaps.org/sitemap.xml", Want::Urls(6));
    check("rss", &fixture("feed-rs/rss_2.0_bbc.xml"), "https://x.example/s.xml", Want::Error);
    check("html", b"<!DOCTYPE html><html><body><a href='/x'>x</a></body></html>", "https://x.example/s.xml", Want::Error);
    check("mismatched end tags", b"<urlset><url><loc>https://x.example/a</loc></urlset></url", "https://x.example/s.xml", Want::Urls(1));
    check("broken at once", b"<urlset><url><loc>https://x.example/a</loc><!-- never closed", "https://x.example/s.xml", Want::Error);
    check("bad gzip", b"\x1f\x8b\x08\x00garbage", "https://x.example/s.xml.gz", Want::Error);
    check("empty", b"", "https://x.example/s.txt", Want::Urls(0));
    check("billion laughs is not expanded", br#"<!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><urlset><url><loc>https://x.example/&b;</loc></url></urlset>"#, "https://x.example/s.xml", Want::Urls(1));
}

#[test]
fn a_gzip_bomb_is_refused_at_the_50_mib_limit() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1 << 20];
    for _ in 0..51 {
        enc.write_all(&block).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    check("bomb", &bomb, "https://x.example/s.xml.gz", Want::Error);
}

//! Unit tests of page link reading: base href, fragments, schemes, feeds, canonical, nofollow.

use super::*;

/// Reads `html` as fetched from `url` and compares every field with `want`.
fn check(html: &str, url: &str, want: PageLinks) {
    let got = page_links(html, &Url::parse(url).unwrap());
    assert_eq!(got, want, "{html}");
}

fn urls(list: &[&str]) -> Vec<Url> {
    list.iter().map(|u| Url::parse(u).unwrap()).collect()
}

#[test]
fn links_feeds_canonical_and_nofollow() {
    check(
        r##"<!doctype html><html><head>
        <base href="/news/">
        <link rel="canonical" href="world/story.html?ref=x#top">
        <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.rss">
        <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="feed.atom">
        <link rel="alternate" type="application/feed+json" href="https://cdn.example.com/feed.json">
        <link rel="alternate" hreflang="ru" type="text/html" href="/ru/">
        <link rel="stylesheet" type="text/css" href="/style.css">
        <meta name="ROBOTS" content="noindex, NoFollow">
        </head><body>
        <a href="world/a.html#comments">a</a> <a href=" world/a.html ">a again</a>
        <a href="../about">about</a> <a href="https://other.example.org/x" rel="nofollow">other</a>
        <a href="mailto:desk@example.com">mail</a> <a href="javascript:void(0)">js</a>
        <a href="#top">top</a> <a>no href</a> <a href="ftp://example.com/f">ftp</a>
        <a href="//cdn.example.com/p.html">protocol-relative</a>
        </body></html>"##,
        "https://www.example.com/section/page.html",
        PageLinks {
            links: urls(&[
                "https://www.example.com/news/world/a.html",
                "https://www.example.com/about",
                "https://other.example.org/x",
                "https://www.example.com/news/",
                "https://cdn.example.com/p.html",
            ]),
            feeds: urls(&["https://www.example.com/feed.rss", "https://www.example.com/news/feed.atom", "https://cdn.example.com/feed.json"]),
            canonical: Some(Url::parse("https://www.example.com/news/world/story.html?ref=x#top").unwrap()),
            nofollow: true,
        },
    );
}

#[test]
fn pages_without_base_or_robots_and_non_html() {
    check(
        r#"<html><head><meta name="robots" content="index, follow"><meta name="googlebot" content="nofollow"></head>
        <body><a href="b.html">b</a><a href="https://x.example/a.html">a</a></body></html>"#,
        "https://x.example/dir/a.html",
        PageLinks { links: urls(&["https://x.example/dir/b.html", "https://x.example/a.html"]), ..PageLinks::default() },
    );
    check(r#"<meta name="robots" content="none">"#, "https://x.example/", PageLinks { nofollow: true, ..PageLinks::default() });
    check("", "https://x.example/", PageLinks::default());
    check("\u{0}\u{feff}<<<>>><a href=\"http://[::1\">x</a>", "https://x.example/", PageLinks::default());
    // Only the first <base> counts, and an invalid one falls back to the page URL.
    check(
        r#"<base href="http://[bad"><base href="https://y.example/"><a href="c">c</a>"#,
        "https://x.example/d/",
        PageLinks { links: urls(&["https://x.example/d/c"]), ..PageLinks::default() },
    );
}

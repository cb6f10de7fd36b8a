//! The site's ordinary documents, rendered once at start for the server's origin: home, section
//! pages, articles (real pages with a `<base href>` to their original URL and a block of links
//! to other articles), RSS and Atom feeds, sitemaps and robots.txt. Every document carries an
//! `ETag` and `Last-Modified` and answers conditional requests with `304`.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};

use super::{Article, Body, Reply, Request, fixtures};

/// The sections, each with a first page (`/section/NAME`) and an older page (`/section/NAME/2`).
pub(super) const SECTIONS: &[&str] = &["world", "business", "tech"];
/// How many allowed articles the home page lists (the rest are reached through sections).
const HOME_LATEST: usize = 4;
/// How many of the newest articles the Google News sitemap lists (the rest are in the pages one).
const NEWS_SITEMAP: usize = 7;

/// A rendered document.
struct Doc {
    content_type: &'static str,
    body: Arc<[u8]>,
    etag: String,
    modified: DateTime<Utc>,
}

/// Everything the site serves outside `/trouble/`.
pub(super) struct Site {
    pub(super) articles: Vec<Article>,
    docs: HashMap<String, Doc>,
    /// The Russian article's page, its meta charset removed, in windows-1251.
    pub(super) cp1251: Arc<[u8]>,
}

impl Site {
    /// Renders every document for a server reachable at `origin` (`http://127.0.0.1:PORT`).
    pub(super) fn render(origin: &str, articles: Vec<Article>) -> Site {
        let mut newest: Vec<&Article> = articles.iter().collect();
        newest.sort_by_key(|a| std::cmp::Reverse(a.published));
        let site_modified = newest.first().map_or_else(Utc::now, |a| a.published.to_utc());
        let mut docs = HashMap::new();
        let mut add = |path: &str, content_type: &'static str, body: Vec<u8>, modified: DateTime<Utc>| {
            let etag = format!("\"{:016x}\"", {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                body.hash(&mut h);
                h.finish()
            });
            let modified = DateTime::from_timestamp(modified.timestamp(), 0).unwrap_or(modified);
            docs.insert(path.to_owned(), Doc { content_type, body: body.into(), etag, modified });
        };
        const HTML: &str = "text/html; charset=utf-8";
        add("/", HTML, home(&newest).into_bytes(), site_modified);
        for section in SECTIONS {
            let list: Vec<&Article> = newest.iter().copied().filter(|a| a.section == *section).collect();
            let (first, older) = list.split_at(list.len().div_ceil(2));
            add(&format!("/section/{section}"), HTML, section_page(section, first, true).into_bytes(), site_modified);
            add(&format!("/section/{section}/2"), HTML, section_page(section, older, false).into_bytes(), site_modified);
        }
        let mut cp1251 = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            let raw = original_html(a);
            let related = [&articles[(i + 1) % articles.len()], &articles[(i + 2) % articles.len()]];
            add(&a.path, HTML, with_links(&raw, a, origin, &related).into_bytes(), a.published.to_utc());
            if a.language == "ru" && cp1251.is_empty() {
                cp1251 = strip_meta_charset(&raw);
            }
        }
        add("/trouble.html", HTML, TROUBLE_PAGE.as_bytes().to_vec(), site_modified);
        let robots = format!("# newsmine test site\nUser-agent: *\nDisallow: /private/\nAllow: /\n\nSitemap: {origin}/sitemap_index.xml\n");
        add("/robots.txt", "text/plain; charset=utf-8", robots.into_bytes(), site_modified);
        add("/feed.rss", "application/rss+xml; charset=utf-8", rss(origin, &newest).into_bytes(), site_modified);
        add("/feed.atom", "application/atom+xml; charset=utf-8", atom(origin, &newest).into_bytes(), site_modified);
        let (news, rest) = newest.split_at(NEWS_SITEMAP.min(newest.len()));
        add("/sitemap-news.xml", "application/xml; charset=utf-8", news_sitemap(origin, news).into_bytes(), site_modified);
        add("/sitemap-pages.xml.gz", "application/x-gzip", gzip(pages_sitemap(origin, rest).as_bytes()), site_modified);
        let index = sitemap_index(origin, &site_modified.to_rfc3339_opts(SecondsFormat::Secs, true));
        add("/sitemap_index.xml", "application/xml; charset=utf-8", index.into_bytes(), site_modified);
        Site { articles, docs, cp1251: cp1251.into() }
    }

    /// The document at `path`, or `304 Not Modified` when the request's validators match.
    pub(super) fn route(&self, path: &str, request: &Request) -> Option<Reply> {
        let doc = self.docs.get(path)?;
        let last_modified = doc.modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let not_modified = match request.header("if-none-match") {
            Some(tags) => tags.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == doc.etag || t == "*"),
            None => request
                .header("if-modified-since")
                .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
                .is_some_and(|since| doc.modified <= since),
        };
        let mut headers = vec![("ETag", doc.etag.clone()), ("Last-Modified", last_modified)];
        if not_modified {
            return Some(Reply { status: 304, headers, body: Body::Bytes(Arc::from(&[][..])) });
        }
        headers.push(("Content-Type", doc.content_type.to_owned()));
        Some(Reply { status: 200, headers, body: Body::Bytes(Arc::clone(&doc.body)) })
    }
}

/// The linked misbehaving paths (the server answers them in `trouble.rs`).
const TROUBLE_PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trouble</title></head>
<body><h1>Paths that misbehave</h1><ul>
<li><a href="/trouble/500">always 500</a></li>
<li><a href="/trouble/429">429 with Retry-After: 1, then 200</a></li>
<li><a href="/trouble/slow">one byte per second for 60 s</a></li>
<li><a href="/trouble/reset">connection reset mid-body</a></li>
<li><a href="/trouble/loop">redirect loop</a></li>
<li><a href="/trouble/huge">50 MiB page with Content-Length</a></li>
<li><a href="/trouble/huge-unsized">50 MiB page without Content-Length</a></li>
<li><a href="/trouble/bomb">gzip bomb</a></li>
<li><a href="/trouble/cp1251">windows-1251 page without a declared charset</a></li>
<li><a href="/trouble/report.pdf">a PDF</a></li>
</ul></body></html>
"#;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn page(title: &str, head: &str, body: &str) -> String {
    format!("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>{head}</head>\n<body>\n<h1>{}</h1>\n<nav><a href=\"/\">Home</a> | <a href=\"/section/world\">World</a> | <a href=\"/section/business\">Business</a> | <a href=\"/section/tech\">Tech</a></nav>\n{body}</body></html>\n", esc(title), esc(title))
}

fn list(articles: &[&Article]) -> String {
    let items: String = articles
        .iter()
        .map(|a| format!("<li><a href=\"{}\">{}</a> <time datetime=\"{}\">{}</time></li>\n", a.path, esc(a.title.trim()), a.published.to_rfc3339(), a.published.format("%d %b %Y")))
        .collect();
    format!("<ul>\n{items}</ul>\n")
}

/// Home: the newest allowed articles, every private one, sections, feed autodiscovery.
fn home(newest: &[&Article]) -> String {
    let latest: Vec<&Article> = newest.iter().copied().filter(|a| a.allowed).take(HOME_LATEST).collect();
    let private: Vec<&Article> = newest.iter().copied().filter(|a| !a.allowed).collect();
    let head = "\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Test News (RSS)\" href=\"/feed.rss\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test News (Atom)\" href=\"/feed.atom\">\n";
    page("Newsmine Test News", head, &format!("<h2>Latest</h2>\n{}<h2>Members only</h2>\n{}", list(&latest), list(&private)))
}

fn section_page(name: &str, articles: &[&Article], first: bool) -> String {
    let more = if first { format!("<p><a href=\"/section/{name}/2\">Older stories</a></p>\n") } else { format!("<p><a href=\"/section/{name}\">Newer stories</a></p>\n") };
    page(&format!("Section: {name}"), "", &format!("{}{more}", list(articles)))
}

/// The fixture page's HTML, as published.
fn original_html(a: &Article) -> String {
    let path = fixtures().join(&a.file);
    let mut html = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .read_to_string(&mut html)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    html
}

/// Byte offset just after the opening `<TAG ...>`, found case-insensitively.
fn after_open_tag(html: &str, tag: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&needle).map(|i| i + from) {
        let next = lower.as_bytes().get(i + needle.len()).copied();
        if next == Some(b'>') || next.is_some_and(|b| b.is_ascii_whitespace()) {
            return lower[i..].find('>').map(|j| i + j + 1);
        }
        from = i + needle.len();
    }
    None
}

/// The real page with `<base href=ORIGINAL>` (so its own relative links leave the test site)
/// and, first in `<body>`, links to two other articles and the section, on the test site.
fn with_links(html: &str, a: &Article, origin: &str, related: &[&Article]) -> String {
    let mut out = html.to_owned();
    let links: String = related.iter().map(|r| format!("<li><a href=\"{origin}{}\">{}</a></li>", r.path, esc(r.title.trim()))).collect();
    let nav = format!("\n<nav class=\"test-site-related\"><a href=\"{origin}/section/{}\">More {}</a><ul>{links}</ul></nav>\n", a.section, a.section);
    match after_open_tag(&out, "body") {
        Some(i) => out.insert_str(i, &nav),
        None => out.push_str(&nav),
    }
    let base = format!("<base href=\"{}\">", esc(&a.url));
    match after_open_tag(&out, "head") {
        Some(i) => out.insert_str(i, &base),
        None => out.insert_str(0, &base),
    }
    out
}

/// The page re-encoded to windows-1251 with every `<meta ... charset ...>` removed.
fn strip_meta_charset(html: &str) -> Vec<u8> {
    let meta = regex::Regex::new(r"(?i)<meta\s[^>]*charset[^>]*>").unwrap_or_else(|_| unreachable!());
    let stripped = meta.replace_all(html, "");
    encoding_rs::WINDOWS_1251.encode(&stripped).0.into_owned()
}

fn rss(origin: &str, newest: &[&Article]) -> String {
    let items: String = newest
        .iter()
        .map(|a| format!("<item><title>{}</title><link>{origin}{}</link><guid isPermaLink=\"true\">{origin}{}</guid><pubDate>{}</pubDate><category>{}</category></item>\n", esc(a.title.trim()), a.path, a.path, a.published.to_rfc2822(), a.section))
        .collect();
    let built = newest.first().map(|a| a.published.to_rfc2822()).unwrap_or_default();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n<title>Newsmine Test News</title><link>{origin}/</link><description>Real articles on a test site</description>\n<atom:link href=\"{origin}/feed.rss\" rel=\"self\" type=\"application/rss+xml\"/><lastBuildDate>{built}</lastBuildDate>\n{items}</channel></rss>\n")
}

/// Atom with relative entry links, resolved against the feed's URL by readers.
fn atom(origin: &str, newest: &[&Article]) -> String {
    let entries: String = newest
        .iter()
        .map(|a| {
            let date = a.published.to_rfc3339_opts(SecondsFormat::Secs, false);
            format!("<entry><title>{}</title><id>{origin}{}</id><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><published>{date}</published><updated>{date}</updated></entry>\n", esc(a.title.trim()), a.path, a.path)
        })
        .collect();
    let updated = newest.first().map(|a| a.published.to_rfc3339_opts(SecondsFormat::Secs, false)).unwrap_or_default();
    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Newsmine Test News</title><id>{origin}/</id><updated>{updated}</updated>\n<link rel=\"self\" href=\"{origin}/feed.atom\"/><link rel=\"alternate\" href=\"{origin}/\"/><author><name>Test desk</name></author>\n{entries}</feed>\n")
}

fn sitemap_index(origin: &str, lastmod: &str) -> String {
    let child = |p: &str| format!("<sitemap><loc>{origin}{p}</loc><lastmod>{lastmod}</lastmod></sitemap>\n");
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{}{}</sitemapindex>\n", child("/sitemap-news.xml"), child("/sitemap-pages.xml.gz"))
}

fn news_sitemap(origin: &str, articles: &[&Article]) -> String {
    let urls: String = articles
        .iter()
        .map(|a| format!("<url><loc>{origin}{}</loc><news:news><news:publication><news:name>Newsmine Test News</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n", a.path, a.language, a.published.to_rfc3339_opts(SecondsFormat::Secs, false), esc(a.title.trim())))
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n{urls}</urlset>\n")
}

/// Home, section pages and the articles not in the news sitemap.
fn pages_sitemap(origin: &str, articles: &[&Article]) -> String {
    let mut urls = format!("<url><loc>{origin}/</loc><changefreq>hourly</changefreq></url>\n");
    for s in SECTIONS {
        urls.push_str(&format!("<url><loc>{origin}/section/{s}</loc></url>\n<url><loc>{origin}/section/{s}/2</loc></url>\n"));
    }
    for a in articles {
        urls.push_str(&format!("<url><loc>{origin}{}</loc><lastmod>{}</lastmod></url>\n", a.path, a.published.to_rfc3339_opts(SecondsFormat::Secs, false)));
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{urls}</urlset>\n")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

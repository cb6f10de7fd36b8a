//! Kind sniffing: whether an ad-hoc `newsmine crawl URL` (no `--kind`) points at a feed, a
//! sitemap or a site's page.
//!
//! Owns: the order of evidence: the media type when it is specific, then the document's root
//! element (or JSON Feed version), then the URL's shape, else a site.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;
use url::Url;

use super::is_gzip;

/// What kind of source a URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// RSS, Atom or JSON Feed: read with [`parse_feed`](super::parse_feed).
    Feed,
    /// A sitemap or sitemap index (XML, gzip or plain text): [`parse_sitemap`](super::parse_sitemap).
    Sitemap,
    /// Anything else: an HTML page to start following links from.
    Site,
}

/// How much of the body is looked at (after inflating gzip).
const SNIFF_BYTES: u64 = 64 * 1024;

/// Guesses the kind of `url` from its `Content-Type` header, the start of its body and its
/// path. Generic types (`text/xml`, `application/xml`, `application/octet-stream`, a wrong
/// `text/html`) defer to the body, which is what servers get right more often.
pub fn sniff_kind(url: &Url, content_type: Option<&str>, body: &[u8]) -> Kind {
    let media = content_type.and_then(|c| c.split(';').next()).map(|m| m.trim().to_ascii_lowercase()).unwrap_or_default();
    if matches!(media.as_str(), "application/rss+xml" | "application/atom+xml" | "application/feed+json" | "application/x-rss+xml") {
        return Kind::Feed;
    }
    let head = prefix(body);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    if let Some(kind) = by_root_element(head) {
        return kind;
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') && trimmed.replace('\\', "").contains("jsonfeed.org/version") {
        return Kind::Feed;
    }
    if media == "text/plain" && is_url_list(trimmed) {
        return Kind::Sitemap;
    }
    if trimmed.is_empty() || media == "application/octet-stream" {
        return by_path(url).unwrap_or(Kind::Site);
    }
    Kind::Site
}

/// The first [`SNIFF_BYTES`] of the body, inflated when gzip.
fn prefix(body: &[u8]) -> Vec<u8> {
    if !is_gzip(body) {
        return body[..body.len().min(SNIFF_BYTES as usize)].to_vec();
    }
    let mut out = Vec::new();
    // A truncated or corrupt stream still gives its first bytes, which is all sniffing needs.
    let _ = flate2::read::MultiGzDecoder::new(body).take(SNIFF_BYTES).read_to_end(&mut out);
    out
}

/// The kind named by the document's first element, when it is XML or HTML.
fn by_root_element(head: &[u8]) -> Option<Kind> {
    if head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
        return None;
    }
    let mut reader = Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                return Some(match name.as_str() {
                    "rss" | "feed" | "rdf" | "channel" => Kind::Feed,
                    "urlset" | "sitemapindex" => Kind::Sitemap,
                    _ => Kind::Site,
                });
            }
            Ok(Event::Eof) => return None,
            // Malformed markup before any element: an HTML page more likely than a feed.
            Err(_) => return Some(Kind::Site),
            Ok(_) => buf.clear(),
        }
    }
}

/// A plain-text sitemap: its first line is an absolute http(s) URL.
fn is_url_list(text: &str) -> bool {
    text.lines().map(str::trim).find(|l| !l.is_empty()).is_some_and(|l| Url::parse(l).is_ok_and(|u| super::is_web(&u)))
}

/// Conventional feed and sitemap paths, for when the body says nothing (e.g. a HEAD request).
fn by_path(url: &Url) -> Option<Kind> {
    let path = url.path().to_ascii_lowercase();
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if name.contains("sitemap") && [".xml", ".xml.gz", ".txt", ".gz"].iter().any(|e| name.ends_with(e)) {
        return Some(Kind::Sitemap);
    }
    if [".rss", ".atom", ".rdf"].iter().any(|e| name.ends_with(e)) || matches!(name, "feed" | "rss" | "atom" | "feed.xml" | "rss.xml" | "atom.xml" | "feed.json") {
        return Some(Kind::Feed);
    }
    None
}

#[cfg(test)]
mod tests;

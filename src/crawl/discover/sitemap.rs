//! Sitemaps: sitemaps.org `<urlset>` and `<sitemapindex>`, Google News sitemaps, gzip-compressed
//! and plain-text sitemaps, to [`Sitemap`]s.
//!
//! Owns: the sitemap formats. Reads with quick-xml's streaming reader by local element names,
//! so documents with missing or wrong namespace declarations (common in the wild) still read.

use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::Event;
use url::Url;

use super::{DiscoverError, Discovered, MAX_DECOMPRESSED, gunzip_limited, is_web};
use crate::domain::parse_datetime;

/// What a sitemap lists: more sitemaps, or pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Sitemap {
    /// A `<sitemapindex>`: child sitemaps to fetch next, with their `lastmod` (which lets the
    /// crawler skip children unchanged since its last visit).
    Index(Vec<Discovered>),
    /// A `<urlset>` or a plain-text sitemap: pages, with `news:publication_date` (else `lastmod`)
    /// and `news:title` when the sitemap is a Google News one.
    Urls(Vec<Discovered>),
}

impl Sitemap {
    /// The entries, whichever kind of sitemap this is.
    pub fn entries(&self) -> &[Discovered] {
        match self {
            Sitemap::Index(v) | Sitemap::Urls(v) => v,
        }
    }
}

/// Reads a sitemap; `base` is its URL (relative `<loc>`s, which the protocol forbids but sites
/// write, are resolved against it).
///
/// Gzip data is inflated first, up to the protocol's 50 MiB. A document that does not start
/// with `<` is a plain-text sitemap: one absolute URL per line, other lines ignored. In XML,
/// `<url>`s inside an index and `<sitemap>`s inside a urlset are ignored, as are hreflang
/// alternates (each language version has its own `<url>`). When the XML breaks after some
/// entries were read (a truncated download), those entries are returned.
pub fn parse_sitemap(bytes: &[u8], base: &Url) -> Result<Sitemap, DiscoverError> {
    let bytes = gunzip_limited(bytes, MAX_DECOMPRESSED, base)?;
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_none_or(|&b| b != b'<') {
        return Ok(Sitemap::Urls(plain_text(start)));
    }
    read_xml(&bytes, base)
}

/// One absolute http(s) URL per line, as the protocol's text format says.
fn plain_text(bytes: &[u8]) -> Vec<Discovered> {
    let text = String::from_utf8_lossy(bytes);
    let mut seen = std::collections::HashSet::new();
    text.lines()
        .filter_map(|line| Url::parse(line.trim()).ok())
        .filter(|u| is_web(u) && seen.insert(u.clone()))
        .map(|url| Discovered { url, published: None, title: None })
        .collect()
}

/// The fields of the entry being read.
#[derive(Default)]
struct Entry {
    loc: Option<String>,
    lastmod: Option<String>,
    news_date: Option<String>,
    news_title: Option<String>,
}

fn read_xml(bytes: &[u8], base: &Url) -> Result<Sitemap, DiscoverError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut root: Option<String> = None;
    let mut entry = Entry::default();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) if out.is_empty() => {
                let position = reader.error_position();
                return Err(DiscoverError::Xml { url: base.to_string(), position, message: e.to_string() });
            }
            Err(_) => break,
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if root.is_none() {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(DiscoverError::NotASitemap { url: base.to_string(), root: name });
                    }
                    root = Some(name.clone());
                }
                stack.push(name);
                text.clear();
            }
            Event::Empty(e) if root.is_none() => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if name != "urlset" && name != "sitemapindex" {
                    return Err(DiscoverError::NotASitemap { url: base.to_string(), root: name });
                }
                root = Some(name);
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => {
                    let raw = format!("&{};", r.as_ref() as &str);
                    text.push_str(&quick_xml::escape::unescape(&raw).map(|s| s.into_owned()).unwrap_or(raw));
                }
            },
            Event::End(_) => {
                let Some(name) = stack.pop() else { continue };
                let parent = stack.last().map(String::as_str);
                let item = if root.as_deref() == Some("sitemapindex") { "sitemap" } else { "url" };
                let value = || Some(text.trim().to_owned()).filter(|t| !t.is_empty());
                match (name.as_str(), parent) {
                    ("loc", Some(p)) if p == item => entry.loc = value(),
                    ("lastmod", Some(p)) if p == item => entry.lastmod = value(),
                    ("publication_date", Some("news")) => entry.news_date = value(),
                    ("title", Some("news")) => entry.news_title = value(),
                    (n, Some(_)) if n == item && stack.len() == 1 => {
                        if let Some(d) = finish(std::mem::take(&mut entry), base)
                            && seen.insert(d.url.clone())
                        {
                            out.push(d);
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match root.as_deref() {
        Some("sitemapindex") => Ok(Sitemap::Index(out)),
        Some(_) => Ok(Sitemap::Urls(out)),
        None => Err(DiscoverError::NotASitemap { url: base.to_string(), root: String::new() }),
    }
}

/// An entry with a usable `<loc>` becomes a [`Discovered`].
fn finish(entry: Entry, base: &Url) -> Option<Discovered> {
    let url = base.join(entry.loc?.as_str()).ok().filter(is_web)?;
    let published = entry.news_date.as_deref().and_then(w3c_datetime).or_else(|| entry.lastmod.as_deref().and_then(w3c_datetime));
    Some(Discovered { url, published, title: entry.news_title })
}

/// W3C Datetime as sitemaps write it (`2024-05-01`, `2024-05-01T10:00:00+02:00`, `...T10:00Z`).
fn w3c_datetime(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    // `parse_datetime` would read `...T18:05Z` as a bare date: spell the zone out first.
    match s.strip_suffix(['Z', 'z']) {
        Some(local) if local.contains('T') => parse_datetime(&format!("{local}+00:00")),
        _ => parse_datetime(s),
    }
}

#[cfg(test)]
mod tests;

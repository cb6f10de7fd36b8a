//! Site pages: the links, feed autodiscovery links, canonical URL and robots `nofollow` of an
//! HTML page, for a `site` source that follows links.
//!
//! Owns: reading those from HTML with `scraper`; URL resolution follows the HTML rules (the
//! first `<base href>`, itself resolved against the page URL).

use std::collections::HashSet;

use scraper::{Html, Selector};
use url::Url;

use super::is_web;

/// What a page says about where to go next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageLinks {
    /// `<a href>` targets, resolved, without fragments, http(s) only, first occurrence order,
    /// no repeats. `rel="nofollow"` links are kept: that is a ranking hint, not a crawl ban.
    pub links: Vec<Url>,
    /// Feed autodiscovery: `<link rel="alternate">` with an RSS, Atom or JSON Feed type.
    pub feeds: Vec<Url>,
    /// `<link rel="canonical">`: the URL the publisher names the article by.
    pub canonical: Option<Url>,
    /// `<meta name="robots">` says `nofollow` (or `none`): the crawler must not follow
    /// [`links`](Self::links) from this page.
    pub nofollow: bool,
}

/// Feed media types announced by `<link rel="alternate" type=...>`.
const FEED_TYPES: &[&str] = &["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"];

/// Reads the links of an HTML page fetched from `url`. Never fails: a page without links (or
/// not HTML at all) gives an empty [`PageLinks`].
pub fn page_links(html: &str, url: &Url) -> PageLinks {
    let doc = Html::parse_document(html);
    let base = first_attr(&doc, "base[href]", "href").and_then(|h| url.join(h.trim()).ok()).unwrap_or_else(|| url.clone());
    let resolve = |href: &str| base.join(href.trim()).ok().filter(is_web);

    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for a in doc.select(&sel("a[href]")) {
        if let Some(mut u) = a.value().attr("href").and_then(resolve) {
            u.set_fragment(None);
            if seen.insert(u.clone()) {
                links.push(u);
            }
        }
    }

    let mut feeds = Vec::new();
    for l in doc.select(&sel("link[rel][href][type]")) {
        let el = l.value();
        let alternate = el.attr("rel").is_some_and(|r| has_token(r, "alternate"));
        let media = el.attr("type").unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if alternate
            && FEED_TYPES.contains(&media.as_str())
            && let Some(u) = el.attr("href").and_then(resolve)
            && !feeds.contains(&u)
        {
            feeds.push(u);
        }
    }

    let canonical = doc
        .select(&sel("link[rel][href]"))
        .find(|l| l.value().attr("rel").is_some_and(|r| has_token(r, "canonical")))
        .and_then(|l| l.value().attr("href").and_then(resolve));

    let nofollow = doc.select(&sel("meta[name][content]")).any(|m| {
        let el = m.value();
        el.attr("name").is_some_and(|n| n.trim().eq_ignore_ascii_case("robots"))
            && el.attr("content").is_some_and(|c| c.split(',').any(|t| {
                let t = t.trim();
                t.eq_ignore_ascii_case("nofollow") || t.eq_ignore_ascii_case("none")
            }))
    });

    PageLinks { links, feeds, canonical, nofollow }
}

/// A selector known to be valid (they are all literals in this file).
fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| unreachable!("literal selector {css}"))
}

fn first_attr<'a>(doc: &'a Html, css: &str, attr: &str) -> Option<&'a str> {
    doc.select(&sel(css)).next().and_then(|e| e.value().attr(attr))
}

/// `rel` is a space-separated, case-insensitive token list.
fn has_token(list: &str, token: &str) -> bool {
    list.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests;

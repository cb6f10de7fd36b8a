//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed documents to [`Discovered`] entries.
//!
//! Owns: choosing each entry's article URL, date and title. The parsing itself is feed-rs's,
//! which already handles the formats, their date variants, encodings and `xml:base`.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use url::Url;

use super::{DiscoverError, Discovered, MAX_DECOMPRESSED, gunzip_limited, is_web};

/// Reads a feed and returns one [`Discovered`] per entry that names a web page.
///
/// Links are resolved against `xml:base` (by feed-rs) and then against `base`, the URL the feed
/// was fetched from, so relative links work. An entry's page is its first link without `rel` or
/// with `rel="alternate"`; failing that, an id that is an http(s) URL (RSS `guid` permalinks,
/// Atom ids). Entries with neither are skipped, as are repeated URLs. The date is `published`,
/// else `updated`. A gzip-compressed feed is inflated first (at most 50 MiB).
pub fn parse_feed(bytes: &[u8], base: &Url) -> Result<Vec<Discovered>, DiscoverError> {
    let bytes = gunzip_limited(bytes, MAX_DECOMPRESSED, base)?;
    let parser = feed_rs::parser::Builder::new().base_uri(Some(base.as_str())).build();
    let fail = |message: String| DiscoverError::Feed { url: base.to_string(), message };
    // feed-rs is a third-party parser fed untrusted bytes: a panic in it is a bad feed, not a crash.
    let feed = catch_unwind(AssertUnwindSafe(|| parser.parse(&bytes[..])))
        .map_err(|_| fail("the feed parser panicked on this document".to_owned()))?
        .map_err(|e| fail(e.to_string()))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for entry in feed.entries {
        let Some(url) = entry_url(&entry, base) else { continue };
        if !seen.insert(url.clone()) {
            continue;
        }
        let title = entry.title.map(|t| t.content.trim().to_owned()).filter(|t| !t.is_empty());
        out.push(Discovered { url, published: entry.published.or(entry.updated), title });
    }
    Ok(out)
}

/// The entry's article page: its alternate link, else an http(s) id.
fn entry_url(entry: &feed_rs::model::Entry, base: &Url) -> Option<Url> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r.trim().eq_ignore_ascii_case("alternate")))
        .map(|l| l.href.as_str());
    let id = Some(entry.id.trim()).filter(|id| {
        let lower = id.get(..8).unwrap_or(id).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    });
    [link, id].into_iter().flatten().find_map(|href| base.join(href.trim()).ok().filter(is_web))
}

#[cfg(test)]
mod tests;

//! The canonical form of a URL, so that one page has one identity however it was linked.

use url::Url;

/// Query parameters that only track the visitor and never select content.
const TRACKING_PARAMS: &[&str] = &["fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "igshid", "ref_src"];

/// Canonical form of an http(s) URL: scheme and host lower-cased, default port, fragment and
/// tracking parameters (`utm_*`, `fbclid`, `gclid`, ...) removed. `None` when it is not an
/// absolute http(s) URL.
pub fn canonicalize_url(raw: &str) -> Option<String> {
    let mut url = Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let c = |s: &str| canonicalize_url(s);
        assert_eq!(c("HTTPS://News.KZ:443/a/b?utm_source=x&id=3#top").as_deref(), Some("https://news.kz/a/b?id=3"));
        assert_eq!(c("http://news.kz:80/?fbclid=1").as_deref(), Some("http://news.kz/"));
        assert_eq!(c("ftp://news.kz/a"), None);
        assert_eq!(c("/relative"), None);
    }
}

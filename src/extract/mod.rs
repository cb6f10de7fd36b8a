//! HTML pages to articles: main text with paragraph breaks, title, authors, publication date,
//! language and canonical URL.
//!
//! Owns: the choice of extraction crate (trafilatura, chosen by measurement; figures in the
//! README) and the clean-up around it: charset decoding, paragraph breaks, site names in
//! titles, author lists. Input: page bytes with the HTTP `Content-Type` and the page URL.
//! Output: an [`ExtractedArticle`](crate::domain::ExtractedArticle) with warnings.
//! Invariants: no I/O; hostile or broken HTML gives warnings and an empty text, never an
//! error or a panic.

mod charset;
mod links;
mod paragraphs;

use chrono::{TimeZone, Utc};

pub use charset::decode_html;
pub use paragraphs::html_to_paragraphs;

use crate::domain::ExtractedArticle;

/// Pages larger than this are cut before parsing: no article needs more, and deeply nested
/// giant pages can make parsers slow.
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;
/// Pages with more DOM nodes than this are not extracted (a defence against crafted pages).
const MAX_TREE_NODES: usize = 200_000;
/// Pages whose elements nest deeper than this are not extracted: parsers and tree walkers
/// recurse, and a crafted page could exhaust the stack. Browsers cap the DOM at 512 too.
pub const MAX_NESTING: usize = 512;
/// Stack size for threads that run [`extract_html`]: the parser recurses per nesting level.
pub const EXTRACT_STACK_BYTES: usize = 64 * 1024 * 1024;

/// An extracted article and what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The article; its text is empty when nothing could be extracted.
    pub article: ExtractedArticle,
    /// Problems worth reporting (truncated page, unknown charset, extractor failure).
    pub warnings: Vec<String>,
    /// Share of the main text's letters that are the text of the page's links (of three words
    /// or more): high on index and section pages, whose "text" is a list of headlines.
    pub link_density: f32,
    /// The page's declared type (`og:type` or JSON-LD `@type`: `article`, `website`, ...).
    pub page_type: Option<String>,
}

/// Above this link density a page is a list of links, not an article.
pub const MAX_ARTICLE_LINK_DENSITY: f32 = 0.5;

impl Extraction {
    /// Whether the page reads as an article rather than an index, section or tag page: most of
    /// its text is not links (a page declaring itself a website is held to a stricter bar).
    pub fn looks_like_article(&self) -> bool {
        let declared_listing = self.page_type.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t == "website" || t.contains("collectionpage") || t.contains("itemlist") || t == "webpage"
        });
        let limit = if declared_listing { MAX_ARTICLE_LINK_DENSITY * 0.6 } else { MAX_ARTICLE_LINK_DENSITY };
        self.link_density <= limit
    }
}

/// Extracts the article from an HTML page. `content_type` is the HTTP header (its charset wins
/// over the page's own); `url` resolves relative links and is the fallback canonical URL.
pub fn extract_html(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Extraction {
    let mut warnings = Vec::new();
    let bytes = if bytes.len() > MAX_HTML_BYTES {
        warnings.push(format!("page of {} bytes cut to the first {MAX_HTML_BYTES}", bytes.len()));
        &bytes[..MAX_HTML_BYTES]
    } else {
        bytes
    };
    let (html, _encoding) = decode_html(bytes, content_type);
    let depth = nesting_depth(&html);
    if depth > MAX_NESTING {
        warnings.push(format!("elements nest {depth} deep (limit {MAX_NESTING}): not extracted"));
        return Extraction { warnings, ..Default::default() };
    }
    let mut opts = trafilatura::Options::default().with_fallback(true).with_max_tree_size(MAX_TREE_NODES);
    let page_url = url.and_then(|u| url::Url::parse(u).ok()).filter(|u| matches!(u.scheme(), "http" | "https"));
    if let Some(u) = page_url.clone() {
        opts = opts.with_url(u);
    }
    // The extractor is third-party code run on hostile input: a panic must not stop a run.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| trafilatura::extract(&html, &opts)));
    let r = match result {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            warnings.push(format!("no article text found: {e}"));
            return Extraction { warnings, ..Default::default() };
        }
        Err(_) => {
            warnings.push("the extractor failed on this page (panic caught)".into());
            return Extraction { warnings, ..Default::default() };
        }
    };
    let m = &r.metadata;
    let title = clean_title(&m.title, &m.sitename);
    let mut text = html_to_paragraphs(&r.content_html);
    if text.trim().is_empty() {
        text = r.content_text.trim().to_owned();
    }
    let text = drop_leading_title(&text, title.as_deref());
    let link_density = links::anchor_coverage(&html, &text);
    let language = non_empty(&m.language).or_else(|| detect_language(&text));
    let canonical_url = non_empty(&m.url).and_then(|u| match &page_url {
        Some(base) => base.join(&u).ok().map(|u| u.to_string()),
        None => url::Url::parse(&u).ok().map(|u| u.to_string()),
    });
    let article = ExtractedArticle {
        title,
        authors: split_authors(&m.author),
        published: m.date.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| Utc.from_utc_datetime(&d)),
        language,
        text,
        canonical_url,
    };
    Extraction { article, warnings, link_density, page_type: non_empty(&m.page_type) }
}

/// A plain-text article (JSON Lines `text`): whitespace tidied, language detected.
pub fn from_text(text: &str) -> ExtractedArticle {
    let paragraphs: Vec<String> = text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let text = paragraphs.join("\n\n");
    ExtractedArticle { language: detect_language(&text), text, ..Default::default() }
}

/// The deepest element nesting of a page, from a quick scan of its tags (void elements,
/// self-closing tags, comments and scripts do not nest).
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) && !rest[..tag_end].ends_with('/') {
            depth += 1;
            max = max.max(depth);
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                i += find_ignore_case(rest.as_bytes(), close.as_bytes()).unwrap_or(rest.len());
                continue;
            }
        }
        i += tag_end;
    }
    max
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// ISO 639-1 code of the text's language, when whatlang is confident.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = match info.lang() {
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Ukr => "uk",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Jpn => "ja",
        whatlang::Lang::Kor => "ko",
        whatlang::Lang::Ces => "cs",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Nob => "no",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Heb => "he",
        whatlang::Lang::Ind => "id",
        whatlang::Lang::Hin => "hi",
        whatlang::Lang::Ara => "ar",
        other => return Some(other.code().to_owned()),
    };
    Some(code.to_owned())
}

/// Drops a trailing " | Site" or " - Site" when it names the site.
fn clean_title(title: &str, sitename: &str) -> Option<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let site = sitename.trim().to_lowercase();
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_l = tail.to_lowercase();
            if !head.is_empty() && !site.is_empty() && (tail_l.contains(&site) || site.contains(&tail_l)) {
                return Some(head.trim().to_owned());
            }
        }
    }
    non_empty(&title)
}

/// The extractor sometimes repeats the headline as the first paragraph(s); the title field
/// already holds it.
fn drop_leading_title(text: &str, title: Option<&str>) -> String {
    let Some(title) = title else { return text.to_owned() };
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    while paragraphs.len() > 1 && paragraphs[0].trim() == title.trim() {
        paragraphs.remove(0);
    }
    paragraphs.join("\n\n")
}

/// Splits the extractor's `"A; B"` author string, dropping duplicates and obvious non-names.
fn split_authors(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in raw.split(';').map(str::trim) {
        let a = a.split_whitespace().collect::<Vec<_>>().join(" ");
        let junk = a.is_empty() || a.contains("http") || a.contains('@') || a.chars().count() > 80;
        if !junk && !out.iter().any(|o| o.eq_ignore_ascii_case(&a)) {
            out.push(a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_authors_and_leads() {
        assert_eq!(clean_title("Roads to be repaired | The Astana Times", "The Astana Times").as_deref(), Some("Roads to be repaired"));
        assert_eq!(clean_title("A - B", "").as_deref(), Some("A - B"));
        assert_eq!(split_authors("A. Writer; B. Reporter; a. writer; https://x"), ["A. Writer", "B. Reporter"]);
        assert_eq!(drop_leading_title("T\n\nBody", Some("T")), "Body");
    }

    #[test]
    fn nesting_is_measured_from_tags() {
        assert_eq!(nesting_depth("<html><body><p>a<br>b<img src=x/></p><!-- <div><div> --></body></html>"), 3);
        assert_eq!(nesting_depth("<div><script>if (a<b) { x = '<div>' }</script></div>"), 2);
    }

    #[test]
    fn hostile_pages_give_warnings_not_panics() {
        let deep = "<div>".repeat(50_000) + "text" + &"</div>".repeat(50_000);
        let x = extract_html(deep.as_bytes(), None, Some("https://a.kz/x"));
        assert!(x.article.text.len() < 100);
        let x = extract_html(b"\xff\xfe\x00garbage\x00", Some("text/html"), Some("not a url"));
        assert!(x.article.title.is_none());
        let x = extract_html(b"", None, None);
        assert!(x.article.text.is_empty());
    }

    #[test]
    fn a_real_article_page() {
        let html = format!(
            "<html lang=en><head><title>Broadband for 200 villages | Kaz News</title><meta property=og:site_name content='Kaz News'>\
             <link rel=canonical href='/2019/06/broadband'><meta name=author content='A. Writer'>\
             <meta property=article:published_time content=2019-06-12T10:00:00+06:00></head><body><nav>Home News Sport</nav>\
             <article><h1>Broadband for 200 villages</h1>{}</article><footer>Copyright</footer></body></html>",
            (0..6).map(|i| format!("<p>Paragraph {i}: over 200 additional villages in the Kyzylorda region will be connected to broadband internet over the summer, the ministry said.</p>")).collect::<String>()
        );
        let x = extract_html(html.as_bytes(), Some("text/html"), Some("https://news.kz/a?utm_source=x")).article;
        assert_eq!(x.title.as_deref(), Some("Broadband for 200 villages"));
        assert_eq!(x.canonical_url.as_deref(), Some("https://news.kz/2019/06/broadband"));
        assert_eq!(x.language.as_deref(), Some("en"));
        assert_eq!(x.published.map(|d| d.date_naive().to_string()).as_deref(), Some("2019-06-12"));
        assert!(x.text.starts_with("Paragraph 0"), "{}", x.text);
        assert_eq!(x.text.split("\n\n").count(), 6);
        assert!(!x.text.contains("Copyright"));
    }
}

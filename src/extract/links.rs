//! How much of an extracted text is the text of links: index, section and tag pages extract to
//! a list of headlines, each the text of a link; articles extract to prose.

use aho_corasick::{AhoCorasick, MatchKind};
use scraper::{Html, Selector};

/// Link texts shorter than this many words ("Home", "World news") are ignored: they also occur
/// in prose.
const MIN_LINK_WORDS: usize = 3;

/// Share (0..=1) of the letters of `text` covered by the texts of `page_html`'s links of at
/// least three words.
pub fn anchor_coverage(page_html: &str, text: &str) -> f32 {
    let total: usize = text.chars().filter(|c| c.is_alphanumeric()).count();
    if total == 0 {
        return 0.0;
    }
    let doc = Html::parse_document(page_html);
    let selector = Selector::parse("a").expect("static selector");
    let mut anchors: Vec<String> = doc
        .select(&selector)
        .map(|a| a.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| t.split(' ').count() >= MIN_LINK_WORDS)
        .collect();
    anchors.sort();
    anchors.dedup();
    if anchors.is_empty() {
        return 0.0;
    }
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Ok(ac) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&anchors) else { return 0.0 };
    let covered: usize = ac
        .find_iter(&flat)
        .map(|m| flat[m.start()..m.end()].chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    (covered as f32 / total as f32).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_headlines_are_covered_prose_is_not() {
        let page = "<nav><a href=/>Home</a></nav><ul><li><a href=/1>Roads to be repaired in Aktobe</a> 2024</li>\
                    <li><a href=/2>New school opens in Taraz</a></li></ul>";
        let d = anchor_coverage(page, "Roads to be repaired in Aktobe 2024\n\nNew school opens in Taraz");
        assert!(d > 0.8, "{d}");
        let page = "<nav><a href=/>Home</a> <a href=/x>Roads to be repaired</a></nav><p>The akimat said the \
                    road will be repaired by 2025 at a cost of 1.5 bn tenge, and the works start in May.</p>";
        let d = anchor_coverage(page, "The akimat said the road will be repaired by 2025 at a cost of 1.5 bn tenge, and the works start in May.");
        assert!(d < 0.1, "{d}");
        assert_eq!(anchor_coverage("<p>x</p>", ""), 0.0);
    }
}

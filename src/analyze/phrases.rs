//! Finding known phrases (place names, sector terms) in a tokenised text.
//!
//! Latin words match exactly or with an English plural ending; Cyrillic words match with the
//! Russian and Kazakh endings of `endings.rs` (Павлодарской, Қызылордаға), so one entry finds
//! every inflected form and nothing else.

use std::collections::HashMap;

use super::endings;
use super::text::{Token, normalise_words};

/// Endings a Latin word may add to a listed form (plurals).
const LATIN_ENDINGS: [&str; 2] = ["s", "es"];
/// Endings removed from a listed Cyrillic word to get the stem that inflected forms share.
const CYRILLIC_ENDINGS: [&str; 17] =
    ["ая", "яя", "ое", "ее", "ий", "ый", "ой", "ие", "ые", "а", "я", "ь", "й", "ы", "е", "о", "и"];
/// Stems shorter than this take no endings in place of their final vowel.
const MIN_STEM: usize = 4;

/// One listed phrase.
struct Entry<T> {
    words: Vec<String>,
    value: T,
    /// Matches only as written (no endings): inflected forms listed one by one.
    exact: bool,
}

/// A dictionary of phrases, each carrying a value of type `T`.
pub struct PhraseMatcher<T> {
    entries: Vec<Entry<T>>,
    by_key: HashMap<String, Vec<usize>>,
}

/// A phrase found in the text.
#[derive(Debug)]
pub struct Found<'a, T> {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// Which listed phrase matched.
    pub entry: usize,
    /// The listed value.
    pub value: &'a T,
    /// Every word matched as listed, without endings.
    pub exact: bool,
}

fn is_cyrillic_word(w: &str) -> bool {
    w.chars().next().is_some_and(super::text::is_cyrillic)
}

fn stem(word: &str) -> &str {
    stem_min(word, MIN_STEM)
}

fn stem_min(word: &str, min: usize) -> &str {
    if !is_cyrillic_word(word) {
        return word;
    }
    for ending in CYRILLIC_ENDINGS {
        if let Some(s) = word.strip_suffix(ending) {
            if s.chars().count() >= min {
                return s;
            }
        }
    }
    word
}

/// Whether `token` is `word` or an inflected form of it. Words after the first of a phrase
/// ("Алма-Аты": "ата" -> "аты") may be short: the first word already anchors the match.
fn word_matches(token: &str, word: &str, first: bool) -> bool {
    if token == word {
        return true;
    }
    if is_cyrillic_word(word) {
        if let Some(rest) = token.strip_prefix(word) {
            return word.chars().count() >= 3 && endings::after_full_form(rest);
        }
        let s = stem_min(word, if first { MIN_STEM } else { 2 });
        return s.len() < word.len() && token.strip_prefix(s).is_some_and(endings::after_stem);
    }
    LATIN_ENDINGS.iter().any(|e| token.strip_suffix(e) == Some(word)) || ies_plural(token).is_some_and(|w| w == word)
}

/// "supplies" is the plural of "supply".
fn ies_plural(token: &str) -> Option<String> {
    token.strip_suffix("ies").filter(|s| s.len() >= 2).map(|s| format!("{s}y"))
}

impl<T> Default for PhraseMatcher<T> {
    fn default() -> Self {
        PhraseMatcher { entries: Vec::new(), by_key: HashMap::new() }
    }
}

impl<T> PhraseMatcher<T> {
    /// Lists `phrase` with `value`, matching its inflected forms; empty phrases are ignored.
    pub fn insert(&mut self, phrase: &str, value: T) {
        self.add(phrase, value, false);
    }

    /// Lists `phrase` with `value`, matching only this form (an adjective whose other forms mean
    /// something else: "Алматинская" is the region, "алматинский" the city's).
    pub fn insert_exact(&mut self, phrase: &str, value: T) {
        self.add(phrase, value, true);
    }

    fn add(&mut self, phrase: &str, value: T, exact: bool) {
        let words = normalise_words(phrase);
        let Some(first) = words.first() else { return };
        let key = if exact { first.clone() } else { stem(first).to_owned() };
        self.by_key.entry(key).or_default().push(self.entries.len());
        self.entries.push(Entry { words, value, exact });
    }

    /// Every listed phrase whose words start at token `i`, longest first.
    pub fn matches_at<'a>(&'a self, tokens: &[Token], i: usize) -> Vec<Found<'a, T>> {
        let t = &tokens[i].norm;
        let mut keys: Vec<&str> = vec![t.as_str()];
        if tokens[i].cyrillic {
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            for cut in (3..chars.len()).rev().take(endings::longest()) {
                keys.push(&t[..chars[cut].0]);
            }
        } else {
            keys.extend(LATIN_ENDINGS.iter().filter_map(|e| t.strip_suffix(e)));
        }
        let ies = if tokens[i].cyrillic { None } else { ies_plural(t) };
        keys.extend(ies.as_deref());
        let mut found: Vec<Found<'a, T>> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for key in keys {
            for &e in self.by_key.get(key).into_iter().flatten() {
                if !seen.insert(e) {
                    continue;
                }
                let entry = &self.entries[e];
                let end = i + entry.words.len();
                let matches = |(k, (w, tok)): (usize, (&String, &Token))| {
                    if entry.exact { tok.norm == *w } else { word_matches(&tok.norm, w, k == 0) }
                };
                if end <= tokens.len() && entry.words.iter().zip(&tokens[i..end]).enumerate().all(matches) {
                    let exact = entry.words.iter().zip(&tokens[i..end]).all(|(w, t)| *w == t.norm);
                    found.push(Found { first: i, last: end, entry: e, value: &entry.value, exact });
                }
            }
        }
        // Longest first; among equals, exact spellings, then the longest listed form ("Ақсуат"
        // before "Ақсу" in "Ақсуатта").
        found.sort_by_key(|f| {
            let listed: usize = self.entries[f.entry].words.iter().map(|w| w.chars().count()).sum();
            (std::cmp::Reverse(f.last - f.first), !f.exact, std::cmp::Reverse(listed))
        });
        found
    }

    /// Leftmost-longest, non-overlapping matches over the whole text; at each position `accept`
    /// picks the first candidate it likes (so callers can reject a reading by context).
    pub fn find_all<'a>(&'a self, tokens: &[Token], mut accept: impl FnMut(&Found<'a, T>) -> bool) -> Vec<Found<'a, T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.matches_at(tokens, i).into_iter().find(|f| accept(f)) {
                Some(f) => {
                    i = f.last;
                    out.push(f);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn check(phrases: &[(&str, u32)], text: &str, want: &[(u32, &str)]) {
        let mut m = PhraseMatcher::default();
        for (p, v) in phrases {
            m.insert(p, *v);
        }
        let tokens = tokenize(text);
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<(u32, String)> = m
            .find_all(&tokens, |_| true)
            .into_iter()
            .map(|f| (*f.value, chars[tokens[f.first].start..tokens[f.last - 1].end].iter().collect()))
            .collect();
        let want: Vec<(u32, String)> = want.iter().map(|(v, s)| (*v, s.to_string())).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn longest_match_wins() {
        check(&[("Almaty", 1), ("Almaty region", 2)], "Almaty region and Almaty.", &[(2, "Almaty region"), (1, "Almaty")]);
    }

    #[test]
    fn english_plurals_and_russian_kazakh_endings() {
        check(&[("road", 1)], "roads, a broad road", &[(1, "roads"), (1, "road")]);
        check(&[("water supply", 1)], "water supplies", &[(1, "water supplies")]);
        check(&[("Павлодарская область", 1)], "в Павлодарской области", &[(1, "Павлодарской области")]);
        check(&[("Қызылорда", 1)], "Қызылордаға барды, Кызылорде", &[(1, "Қызылордаға"), (1, "Кызылорде")]);
        check(&[("Аксу", 1), ("Аксуат", 2)], "Аксуат и Аксу", &[(2, "Аксуат"), (1, "Аксу")]);
    }

    #[test]
    fn short_stems_do_not_swallow_other_words() {
        check(&[("Шу", 1)], "Шуга Шу", &[(1, "Шу")]);
        check(&[("Мерке", 1)], "Меркель в Мерке", &[(1, "Мерке")]);
        check(&[("Ақсу", 1), ("Ақсуат", 2)], "Ақсуатта", &[(2, "Ақсуатта")]);
        check(&[("Семей", 1), ("Алматы", 2)], "Семейде, Алматыдан", &[(1, "Семейде"), (2, "Алматыдан")]);
    }
}

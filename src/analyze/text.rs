//! Words of a text with their char offsets, in a normalised form for matching names and terms.
//!
//! Normalisation folds case, Latin diacritics (Öskemen = Oskemen), the Kazakh-specific Cyrillic
//! letters to their Russian counterparts (Қызылорда = Кызылорда) and ё to е, so that one list
//! of names matches the spellings of all three languages.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// A word: a maximal run of letters and digits. Hyphens and apostrophes separate words, so
/// "Nur-Sultan" and "Nur Sultan" read the same, and "Shymkent's" starts with "Shymkent".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalised form (see the module doc).
    pub norm: String,
    /// Char offset of the first char in the original text.
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// Whether the word, as written, starts with a capital letter (names do).
    pub capitalised: bool,
    /// Whether the word is written in Cyrillic (where case endings follow the stem).
    pub cyrillic: bool,
}

/// Splits `text` into [`Token`]s. Each word is read from a slice of `text`, with no copy
/// before its normalised form.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    // The word being read: the char offset and the byte offset of its first char.
    let mut current: Option<(usize, usize)> = None;
    let mut chars = 0;
    for (idx, (byte, c)) in text.char_indices().enumerate() {
        if c.is_alphanumeric() {
            current.get_or_insert((idx, byte));
        } else if let Some((start, from)) = current.take() {
            tokens.push(token(&text[from..byte], start, idx));
        }
        chars = idx + 1;
    }
    if let Some((start, from)) = current {
        tokens.push(token(&text[from..], start, chars));
    }
    tokens
}

/// One word as written, from `start` to `end`. A word that mixes scripts is read in the script
/// most of its letters are in: "Uyі" with a Cyrillic і is "Uyi", as typists and OCR leave them.
fn token(raw: &str, start: usize, end: usize) -> Token {
    let cyrillic_letters = raw.chars().filter(|c| is_cyrillic(*c)).count();
    let latin_letters = raw.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cyrillic = cyrillic_letters > latin_letters;
    let mut norm = String::with_capacity(raw.len());
    for c in raw.chars() {
        let c = match (cyrillic_letters > 0 && latin_letters > 0, cyrillic) {
            (true, false) => latin_lookalike(c).unwrap_or(c),
            (true, true) => cyrillic_lookalike(c).unwrap_or(c),
            _ => c,
        };
        push_normalised(&mut norm, c);
    }
    let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
    Token { norm, start, end, capitalised, cyrillic }
}

/// Cyrillic letters drawn like Latin ones, as the Latin letter.
fn latin_lookalike(c: char) -> Option<char> {
    LOOKALIKES.iter().find(|(cy, _)| *cy == c).map(|(_, la)| *la)
}

/// Latin letters drawn like Cyrillic ones, as the Cyrillic letter.
fn cyrillic_lookalike(c: char) -> Option<char> {
    LOOKALIKES.iter().find(|(_, la)| *la == c).map(|(cy, _)| *cy)
}

/// (Cyrillic, Latin) pairs that look the same in print.
const LOOKALIKES: &[(char, char)] = &[
    ('а', 'a'), ('е', 'e'), ('о', 'o'), ('р', 'p'), ('с', 'c'), ('у', 'y'), ('х', 'x'), ('і', 'i'),
    ('А', 'A'), ('В', 'B'), ('Е', 'E'), ('К', 'K'), ('М', 'M'), ('Н', 'H'), ('О', 'O'), ('Р', 'P'),
    ('С', 'C'), ('Т', 'T'), ('Х', 'X'), ('І', 'I'),
];

/// The normalised words of a name or term, for building matchers.
pub fn normalise_words(phrase: &str) -> Vec<String> {
    tokenize(phrase).into_iter().map(|t| t.norm).collect()
}

/// Whether a char is in the Cyrillic blocks.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn push_normalised(out: &mut String, c: char) {
    for lc in c.to_lowercase() {
        let folded = match lc {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            'ё' => 'е',
            c if c.is_ascii() || is_cyrillic(c) => c,
            c => {
                // Latin letters with diacritics: keep the base letter.
                let base: String = c.to_string().nfd().filter(|d| d.is_ascii_alphanumeric()).collect();
                if base.is_empty() {
                    out.push(c);
                } else {
                    out.push_str(&base);
                }
                continue;
            }
        };
        out.push(folded);
    }
}

/// The sentence with no-break and other wide spaces written as as many ASCII spaces as they
/// take bytes: "The \u{a0}Government should develop" reads like "The Government should
/// develop" to the patterns, and every byte offset stays valid in the original. The encoders
/// read sentences in this form too, so that the commitment encoder finds the sector encoder's
/// states under the same text (the tokenizer splits on either space alike).
pub(crate) fn same_length_spaces(s: &str) -> Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}');
    if !s.contains(wide) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if wide(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_offsets_and_folding() {
        let t = tokenize("In Öskemen, Қызылордаға and Nur-Sultan's");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["in", "oskemen", "кызылордага", "and", "nur", "sultan", "s"]);
        assert_eq!((t[1].start, t[1].end), (3, 10));
        assert!(t[2].cyrillic && t[2].capitalised && !t[3].capitalised);
        assert_eq!(normalise_words("Ust-Kamenogorsk"), ["ust", "kamenogorsk"]);
    }

    #[test]
    fn a_word_mixing_scripts_is_read_in_the_script_of_most_of_its_letters() {
        // A real press release: "Today in Ukimet Uyі" with a Cyrillic і.
        let t = tokenize("in Ukimet Uy\u{456}, Aлматы");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["in", "ukimet", "uyi", "алматы"]);
        assert!(!t[2].cyrillic && t[3].cyrillic && t[3].capitalised);
        assert_eq!((t[2].start, t[2].end), (10, 13));
    }
}

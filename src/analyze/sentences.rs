//! Sentence splitting for English and Russian news prose.
//!
//! Owns: turning a text into [`SentenceSpan`]s (char offsets, end exclusive). Rule based and
//! allocation-light: one pass over the chars, deciding at each `.`/`!`/`?`/`…` whether the
//! sentence ends, using the token before the mark (abbreviations, initials, numbers) and the
//! first char after it. A line break always ends a sentence (headlines, list items).
//! Never fails and never panics: any input gives some (possibly empty) list of spans.

/// A sentence as a char-offset span of the text (offsets count Unicode scalar values, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Char offset of the sentence's first char.
    pub start: usize,
    /// Char offset one past the sentence's last char.
    pub end: usize,
}

impl SentenceSpan {
    /// The sentence's text, given the chars of the text it was split from; empty when the span
    /// does not fit (so a span from another text cannot panic).
    pub fn text_in(&self, chars: &[char]) -> String {
        chars
            .get(self.start..self.end)
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    }
}

/// Splits text into sentences. Spans cover the sentence from its first non-space char to its final punctuation (and closing quote/bracket if any), trimmed.
///
/// Why these choices: news prose is full of periods that end nothing (initials "A. Toksaba",
/// "1.5 bn", "No. 5", "U.S.", "г. Алматы"), and scraped text often has no final punctuation on
/// headlines and list items, so a line break is treated as a hard end. A leading list marker
/// ("1)", "- ", "•") on a line is left out of the span, and a stretch without any letter or
/// digit is not a sentence.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let n = chars.len();
    let mut seg_start = 0;
    let mut line_start = true; // the current segment begins a line
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_line_break(c) {
            push_span(&chars, seg_start, i, line_start, &mut out);
            seg_start = i + 1;
            line_start = true;
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The run of terminal marks, then any closing quotes/brackets.
        let run_start = i;
        let mut j = i;
        while j < n && is_terminal(chars[j]) {
            j += 1;
        }
        let run_end = j;
        while j < n && is_closer(chars[j]) {
            j += 1;
        }
        let mut after = j;
        if after >= n {
            i = after;
            continue;
        }
        if !chars[after].is_whitespace() {
            if run_end == j && glued_boundary(&chars, run_start, run_end) {
                push_span(&chars, seg_start, run_end, line_start, &mut out);
                seg_start = run_end;
                line_start = false;
            }
            i = run_end.max(i + 1);
            continue;
        }
        let mut k = skip_spaces(&chars, after);
        // A straight or closing double quote standing alone after the mark closes this sentence.
        if k < n
            && matches!(chars[k], '"' | '”')
            && chars.get(k + 1).is_none_or(|c| c.is_whitespace())
        {
            after = k + 1;
            k = skip_spaces(&chars, after);
        }
        if k >= n || is_line_break(chars[k]) {
            i = after;
            continue;
        }
        let run: &[char] = &chars[run_start..run_end];
        if ends_sentence(&chars, run, run_start, seg_start, k) {
            push_span(&chars, seg_start, after, line_start, &mut out);
            seg_start = after;
            line_start = false;
        }
        i = k;
    }
    push_span(&chars, seg_start, n, line_start, &mut out);
    out
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘' | '\'' | '(' | '[' | '„')
}

fn skip_spaces(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && chars[k].is_whitespace() && !is_line_break(chars[k]) {
        k += 1;
    }
    k
}

/// Whether `chars[k..]` looks like the start of a new sentence: a capital, a digit or an opening
/// quote/bracket (followed by anything but a lowercase letter).
fn starts_sentence(chars: &[char], k: usize, allow_digit: bool) -> bool {
    let Some(&c) = chars.get(k) else { return true };
    if c.is_uppercase() || (allow_digit && c.is_ascii_digit()) {
        return true;
    }
    if is_opener(c) || matches!(c, '-' | '–' | '—' | '•') {
        return chars.get(k + 1).is_some_and(|d| !d.is_lowercase());
    }
    false
}

/// How a period after a given token behaves.
#[derive(PartialEq)]
enum Abbrev {
    /// An ordinary word or number: the period ends the sentence if a new one starts.
    No,
    /// Titles, initials, "e.g.": never ends a sentence.
    Never,
    /// "etc.", "bn.", "г." after a year: ends it only if a capitalised word follows.
    BeforeCapital,
    /// Months ("Feb. 26"): never before a digit, else like `BeforeCapital`.
    Month,
    /// "a.m."/"p.m.": like `BeforeCapital`, but not before a weekday or month ("9 a.m. Tuesday").
    Clock,
}

#[rustfmt::skip]
const NEVER: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "nr", "gen", "col", "lt", "gov", "sen",
    "rep", "hon", "rev", "vs", "cf", "approx", "ca", "viz", "p", "pp", "para", "vol", "fig",
    "ch", "sec", "ref", "tel", "ed", "eds", "op", "incl", "esp", "resp", "dept", "assoc", "est",
    "им", "ул", "пр", "просп", "пл", "пос", "акад", "проф", "д", "с", "ст", "см", "рис", "гл",
    "п", "пп", "тел", "напр", "зам", "нач", "обл", "р-н", "мкр", "корп", "т", "тт", "стр", "ж",
];
#[rustfmt::skip]
const BEFORE_CAPITAL: &[&str] = &[
    "etc", "bn", "bln", "mln", "mn", "trln", "thous", "ths", "km", "kg", "sq", "ltd", "inc", "co",
    "corp", "jr", "sr", "pcs", "млрд", "млн", "тыс", "руб", "трлн", "др", "гг",
    "т.д", "т.п", "и.т.д", "кв", "м", "кг", "га", "коп", "долл", "ед", "чел", "мин", "сек",
];
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
/// Two-letter initials of transliterated Kazakh/Russian names ("Zh. Kassymbek").
#[rustfmt::skip]
const DIGRAPH_INITIALS: &[&str] =
    &["zh", "sh", "ch", "kh", "yu", "ye", "ya", "yo", "ts", "dz", "gh", "sch", "shch"];

/// The token ending right before the mark at `pos` (back to whitespace or an opening bracket).
fn token_before(chars: &[char], pos: usize) -> (usize, &[char]) {
    let mut s = pos;
    while s > 0 {
        let c = chars[s - 1];
        if c.is_whitespace() || is_opener(c) || matches!(c, '/' | '—' | '–') {
            break;
        }
        s -= 1;
    }
    (s, &chars[s..pos])
}

fn classify(token: &[char], chars: &[char], token_start: usize) -> Abbrev {
    let letters = token.iter().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return Abbrev::No;
    }
    let lower: String = token.iter().flat_map(|c| c.to_lowercase()).collect();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if lower.contains('.') {
        let parts: Vec<&str> = lower.split('.').collect();
        if parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
        {
            return Abbrev::No; // "No.2." ends like a number
        }
        if parts.iter().all(|p| p.chars().count() <= 2) {
            if matches!(lower, "a.m" | "p.m" | "а.m" | "р.m") {
                return Abbrev::Clock;
            }
            if BEFORE_CAPITAL.contains(&lower) {
                return Abbrev::BeforeCapital;
            }
            return Abbrev::Never; // "U.S", "e.g", "т.е", "B.Sagintayev"-style initials run
        }
        // "B.Sagintayev." or "primeminister.kz.": judge by the last part.
        return Abbrev::No;
    }
    if letters == 1 && token.len() == 1 {
        let c = token[0];
        if c.is_uppercase() {
            return Abbrev::Never; // an initial
        }
        if c == 'г' {
            return year_or_city(chars, token_start);
        }
    }
    if token.len() <= 4 && token[0].is_uppercase() && DIGRAPH_INITIALS.contains(&lower) {
        return Abbrev::Never;
    }
    if lower == "гг" {
        return Abbrev::BeforeCapital;
    }
    if NEVER.contains(&lower) {
        return Abbrev::Never;
    }
    if BEFORE_CAPITAL.contains(&lower) {
        return Abbrev::BeforeCapital;
    }
    // "Art. 5" abbreviates "Article"; "theatrical art. At this time" ends a sentence.
    if MONTHS.contains(&lower) || lower == "art" {
        return Abbrev::Month;
    }
    Abbrev::No
}

/// Russian "г.": after a number it abbreviates "year" and may end a sentence; before a name it
/// abbreviates "city" ("г. Алматы") and never does.
fn year_or_city(chars: &[char], token_start: usize) -> Abbrev {
    let mut p = token_start;
    while p > 0 && chars[p - 1].is_whitespace() {
        p -= 1;
    }
    if p > 0 && chars[p - 1].is_ascii_digit() {
        Abbrev::BeforeCapital
    } else {
        Abbrev::Never
    }
}

fn ends_sentence(
    chars: &[char],
    run: &[char],
    run_start: usize,
    seg_start: usize,
    k: usize,
) -> bool {
    let has_period = run.contains(&'.');
    let ellipsis = run.contains(&'…') || run.iter().filter(|&&c| c == '.').count() >= 2;
    if !has_period && !ellipsis {
        // "?" or "!": ends unless the sentence clearly goes on ("Why?" he asked).
        return !chars[k].is_lowercase();
    }
    if ellipsis {
        return starts_sentence(chars, k, false);
    }
    let (tok_start, token) = token_before(chars, run_start);
    // A list marker "1." / "a." / "IV." opening the segment.
    // (A token glued across a boundary, "produced.The", may start before the segment.)
    if chars
        .get(seg_start..tok_start)
        .is_some_and(|before| before.iter().all(|c| c.is_whitespace()))
        && is_marker(token)
    {
        return false;
    }
    match classify(token, chars, tok_start) {
        Abbrev::Never => false,
        Abbrev::Clock => !next_is_date_word(chars, k) && starts_sentence(chars, k, false),
        Abbrev::BeforeCapital => starts_sentence(chars, k, false),
        Abbrev::Month => !chars[k].is_ascii_digit() && starts_sentence(chars, k, false),
        Abbrev::No => starts_sentence(chars, k, true),
    }
}

#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "local", "astana", "almaty", "gmt", "utc",
];

fn next_is_date_word(chars: &[char], k: usize) -> bool {
    let word: String = chars[k..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    DATE_WORDS.contains(&word.as_str())
}

fn is_marker(token: &[char]) -> bool {
    let len = token.len();
    (1..=2).contains(&len) && token.iter().all(|c| c.is_ascii_digit())
        || len == 1 && token[0].is_alphabetic()
        || (1..=4).contains(&len) && token.iter().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// "country.During" / "potential.11,000": a period glued to the next sentence in scraped text.
/// Only after an all-lowercase word of 3+ letters (4+ before a digit) that is no abbreviation.
fn glued_boundary(chars: &[char], run_start: usize, run_end: usize) -> bool {
    if run_end - run_start != 1 || chars[run_start] != '.' {
        return false;
    }
    let (_, token) = token_before(chars, run_start);
    if !token.iter().all(|c| c.is_lowercase()) {
        return false;
    }
    let next = chars[run_end];
    let next2 = chars.get(run_end + 1).copied().unwrap_or(' ');
    let lower: String = token.iter().collect();
    if NEVER.contains(&lower.as_str()) || BEFORE_CAPITAL.contains(&lower.as_str()) {
        return false;
    }
    (token.len() >= 3 && next.is_uppercase() && next2.is_lowercase())
        || (token.len() >= 4 && next.is_ascii_digit())
}

/// Pushes the trimmed span `[start, end)`, without a leading list marker when the segment opens
/// a line, if it holds at least one letter or digit.
fn push_span(
    chars: &[char],
    start: usize,
    end: usize,
    line_start: bool,
    out: &mut Vec<SentenceSpan>,
) {
    let mut s = start;
    let mut e = end.min(chars.len());
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if line_start {
        s = skip_marker(chars, s, e);
    }
    if s < e && chars[s..e].iter().any(|c| c.is_alphanumeric()) {
        out.push(SentenceSpan { start: s, end: e });
    }
}

/// The offset after a list marker ("- ", "• ", "1) ", "1. ", "a) ", "(2) ") at `s`, or `s`.
fn skip_marker(chars: &[char], s: usize, e: usize) -> usize {
    let at = |p: usize| if p < e { chars[p] } else { '\0' };
    let mut p = s;
    if matches!(
        at(p),
        '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►' | '●' | '◦' | '○' | '■'
    ) {
        p += 1;
    } else {
        let open = at(p) == '(';
        if open {
            p += 1;
        }
        let body = p;
        while p < e && p - body < 2 && chars[p].is_ascii_digit() {
            p += 1;
        }
        let digits = p > body;
        if !digits && at(p).is_alphabetic() && !at(p + 1).is_alphabetic() {
            p += 1;
        }
        let closed = match at(p) {
            ')' => true,
            // "1. " is a marker; "A. Toksaba" is an initial, kept.
            '.' => !open && digits,
            _ => false,
        };
        if p == body || !closed {
            return s;
        }
        p += 1;
    }
    if !at(p).is_whitespace() {
        return s;
    }
    while p < e && chars[p].is_whitespace() {
        p += 1;
    }
    p
}

#[cfg(test)]
mod tests;

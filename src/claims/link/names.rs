//! Names, numbers, acronyms and months in a sentence: the rare, exact things two statements
//! of one undertaking tend to share ("Nurly Zhol", "14,220", "MSHI", "in October").
//!
//! Owns: finding quoted titles and multi-word capitalised names, distinctive numbers and
//! shares, acronyms used and acronyms spelled out, and month names. Pure; never panics.

use std::collections::BTreeSet;

use super::features::{NOT_NAMES, canonical, without_address_titles, words};

/// Acronyms a sentence uses: upper-case words of 2 to 6 letters, lower-cased and read through
/// the synonyms ("MSHI" and "OSMS" are both `cshi`), sorted.
pub(crate) fn acronyms(text: &str) -> Vec<String> {
    let set: BTreeSet<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_uppercase()))
        .map(|w| canonical(w.to_lowercase()))
        .collect();
    set.into_iter().collect()
}

/// Acronyms a sentence spells out: the initials of every run of 3 to 5 consecutive content
/// words ("compulsory social health insurance" gives `cshi`), sorted. Matched only against
/// [`acronyms`] of the other sentence, so two sentences sharing a phrase do not count twice.
pub(crate) fn initials(content: &[String]) -> Vec<String> {
    let mut set = BTreeSet::new();
    for k in 3..=5 {
        for window in content.windows(k) {
            set.insert(window.iter().filter_map(|w| w.chars().next()).collect::<String>());
        }
    }
    set.into_iter().collect()
}

/// Month names a sentence mentions (1..=12), sorted: two dated actions in different months are
/// different events.
pub(crate) fn months(text: &str) -> Vec<u8> {
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const FULL: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let mut out: Vec<u8> = words(text)
        .iter()
        .filter_map(|w| {
            let w = w.as_str();
            if w == "sept" {
                return Some(8);
            }
            if w == "may" {
                return None; // the modal verb, far more often than the month
            }
            FULL.iter().position(|f| *f == w).or_else(|| NAMES.iter().position(|n| *n == w && w != "may" && w != "mar"))
        })
        .map(|i| i as u8 + 1)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Names of things and distinctive numbers in a sentence, as `n:` / `#` keys, sorted:
/// quoted titles ("Nurly Zhol"), runs of two or more capitalised words not at the sentence
/// start ("Big Almaty Ring Road"; a single capitalised word is mostly a place or a person,
/// which regions and actors cover), numbers of three or more digits that are not years
/// ("14,220" is `#14220`, "59.7" stays) and shares of any size ("40%").
pub(crate) fn names(text: &str) -> Vec<String> {
    let text = &*without_address_titles(text);
    let mut out = BTreeSet::new();
    // Quoted titles.
    for (a, b) in quoted_spans(text) {
        let parts = words(&text[a..b]);
        if !parts.is_empty() && parts.len() <= 8 {
            out.extend(name_keys(parts));
        }
    }
    // Capitalised runs, skipping the sentence's first word.
    let raw: Vec<&str> = text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, out: &mut BTreeSet<String>| {
        while run.first().is_some_and(|w| NOT_NAMES.contains(&w.as_str())) {
            run.remove(0);
        }
        if run.len() >= 2 {
            out.extend(name_keys(words(&run.join(" "))));
        }
        run.clear();
    };
    for (i, token) in raw.iter().enumerate() {
        let trimmed = token.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = trimmed.chars().next().is_some_and(|c| c.is_uppercase());
        if i > 0 && capital && !trimmed.is_empty() {
            run.push(trimmed.to_lowercase());
        } else {
            flush(&mut run, &mut out);
        }
        if token.ends_with([',', ';', ':', ')', '.']) {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out.extend(numbers(text));
    out.into_iter().collect()
}

/// Programme nouns after a name ("the Digital Kazakhstan State Program"): the name without
/// them is the same name.
pub(crate) const PROGRAMME_NOUNS: &[&str] =
    &["program", "programme", "project", "strategy", "concept", "initiative", "plan", "roadmap"];

/// The keys of a name given as lower-case words: the whole name, and the name without a
/// trailing number ("Digital Kazakhstan-2020" is also "Digital Kazakhstan") or trailing
/// programme nouns ("Digital Kazakhstan State Program" is also "Digital Kazakhstan"), so that
/// one programme written in these ways shares a key. A name must keep two words, or one word
/// of at least four letters when it was quoted or named a programme.
pub(crate) fn name_keys(mut parts: Vec<String>) -> Vec<String> {
    let mut out = vec![];
    if parts.is_empty() {
        return out;
    }
    out.push(format!("n:{}", parts.join(" ")));
    loop {
        let last = parts.last().map(String::as_str).unwrap_or("");
        let number = last.chars().all(|c| c.is_ascii_digit());
        let noun = PROGRAMME_NOUNS.contains(&last) || (last == "state" && parts.len() > 1);
        if parts.len() > 1 && (number || noun) {
            parts.pop();
            if parts.last().is_some_and(|w| w == "state") && parts.len() > 1 {
                parts.pop();
            }
            if parts.len() >= 2 || parts[0].chars().count() >= 4 {
                out.push(format!("n:{}", parts.join(" ")));
            }
        } else {
            break;
        }
    }
    out
}

/// Byte spans of the quoted passages of a text (inside the quotes). Curly and angle quotes
/// pair up; a straight quote closes the open passage unless it looks like an opening one
/// (after a space, before a letter), in which case the passage restarts there: in `"... to
/// approve the "Digital Kazakhstan-2020 " program ..."` the title is the inner passage.
pub(crate) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut open: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|x| x.1);
        let after_i = i + c.len_utf8();
        match c {
            '“' | '«' => open = Some(after_i),
            '”' | '»' => {
                if let Some(a) = open.take() {
                    out.push((a, i));
                }
            }
            '"' => {
                let opening = before.is_none_or(|b| b.is_whitespace() || b == '(') && after.is_some_and(char::is_alphanumeric);
                match open {
                    Some(_) if opening => open = Some(after_i),
                    Some(a) => {
                        out.push((a, i));
                        open = None;
                    }
                    None => open = Some(after_i),
                }
            }
            _ => {}
        }
    }
    out
}

/// Multiplier words after a number.
const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("th", 1e3),
    ("ths", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("trln", 1e12),
];

/// Distinctive numbers as `#` keys: the value with multiplier words applied ("4.4 thousand" and
/// "4,400" are both `#4400`; "4,5 million" is `#4500000`), kept when 100 or more or not whole;
/// shares of any size as `#40%`; years (1900 to 2100 written alone) left out.
pub(crate) fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !(chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric())) {
            i += 1;
            continue;
        }
        let (mut int, mut frac, mut j, mut in_frac) = (String::new(), String::new(), i, false);
        while j < chars.len() {
            let c = chars[j];
            let run = chars[j + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if c.is_ascii_digit() {
                if in_frac { frac.push(c) } else { int.push(c) }
            } else if !in_frac && (c == ',' || c == ' ' || c == '\u{a0}') && run == 3 {
                // thousands separator
            } else if !in_frac && (c == '.' || c == ',') && (1..=2).contains(&run) || !in_frac && c == '.' && run > 0 {
                in_frac = true;
            } else {
                break;
            }
            j += 1;
        }
        let rest: String = chars[j..].iter().take(12).collect();
        let next = words(&rest).into_iter().next().unwrap_or_default();
        let percent = rest.trim_start().starts_with('%') || next == "percent" || rest.trim_start().starts_with("per cent");
        let mult = MULTIPLIERS.iter().find(|(w, _)| *w == next).map(|m| m.1);
        let value: f64 = format!("{int}.{}", if frac.is_empty() { "0" } else { &frac }).parse().unwrap_or(0.0);
        let year = frac.is_empty() && mult.is_none() && !percent && (1900.0..=2100.0).contains(&value);
        let v = value * mult.unwrap_or(1.0);
        if percent {
            out.push(format!("#{}%", show(value)));
        } else if !year && (v >= 100.0 || v.fract() != 0.0) {
            out.push(format!("#{}", show(v)));
        }
        i = j.max(i + 1);
    }
    out
}

/// A number without trailing zeros ("4400", "0.4").
fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

#[cfg(test)]
mod tests {
    use super::super::features::content_words;
    use super::*;

    #[test]
    fn names_and_numbers() {
        let n = names("In 2019, the bank plans to credit depositors under the Nurly Zher program for 59.7 billion tenge and 14,220 apartments.");
        assert!(n.contains(&"n:nurly zher".to_owned()), "{n:?}");
        assert!(n.contains(&"#59700000000".to_owned()) && n.contains(&"#14220".to_owned()), "{n:?}");
        assert_eq!(numbers("4.4 thousand km, 4,400 km, 4,5 million m2, 40 % and 2019"), vec!["#4400", "#4400", "#4500000", "#40%"]);
        assert_eq!(numbers("78 thousand employees, 7 schools, 1.5 million, 0.4%"), vec!["#78000", "#1500000", "#0.4%"]);
        assert!(!n.iter().any(|k| k.contains("2019")), "{n:?}");
        let q = names("The “Free vocational education for all” project will be launched.");
        assert!(q.contains(&"n:free vocational education for all".to_owned()), "{q:?}");
    }

    #[test]
    fn acronyms_and_months() {
        assert_eq!(acronyms("The MSHI system and OSMS"), vec!["cshi"]);
        let spelled = initials(&content_words("the introduction of compulsory social health insurance"));
        assert!(spelled.contains(&"cshi".to_owned()), "{spelled:?}");
        assert_eq!(months("from 1 to 7 August, and in Sept. or May"), vec![8, 9]);
        assert!(!names("Within the framework of the Turkestan region plans").iter().any(|n| n.contains("turkestan")));
    }
}

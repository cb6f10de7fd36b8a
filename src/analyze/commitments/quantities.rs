//! Reading promised amounts out of a commitment sentence: "200 additional villages" (200
//! villages), "1.5 bn tenge" (1.5e9 tenge), "$1.1 billion" (1.1e9 USD), "13 009 apartments",
//! "85-90%" (85 % and 90 %: a range gives both ends with the range's unit), "300-bed hospital"
//! (300 beds).
//!
//! Owns: number parsing (separators, decimals, multipliers), units (plural noun as written in
//! lower case, measurement symbols as written, currencies as tenge/USD/EUR/RUB) and the numbers
//! that are not amounts (years, dates, ordinals, times, durations, numbers inside names such as
//! "Nurly Zhol-2020" or "7-20-25"). Which parts of the sentence to read is the caller's choice.

use regex::Regex;

use super::lexicon::{self as lx, has};
use crate::domain::Quantity;
use units::{currency_prefix, currency_word, multiplier, unit_after, unit_is_counted};

mod units;

/// The compiled number pattern.
pub(super) struct QuantityReader {
    number: Regex,
    number_of: Regex,
}

/// A quantity and the byte range of the sentence it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub quantity: Quantity,
    pub start: usize,
    pub end: usize,
}

#[rustfmt::skip]
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0),
    ("fifteen", 15.0), ("twenty", 20.0), ("thirty", 30.0), ("fifty", 50.0), ("hundred", 100.0),
];

impl QuantityReader {
    pub(super) fn new() -> Self {
        let number = r"(?i)(?-u:\b)(?:\d{1,3}(?:[,\u{a0}\u{202f} ]\d{3})+(?:\.\d+)?(?-u:\b)|\d+(?:[.,]\d+)?)|(?-u:\b)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)(?-u:\b)";
        QuantityReader {
            number: Regex::new(number).expect("number regex"),
            number_of: Regex::new(r"(?i)(?-u:\b)number\s+of\s+").expect("number-of regex"),
        }
    }

    /// Every amount in `s[from..to]`, in text order.
    pub(super) fn read(&self, s: &str, from: usize, to: usize) -> Vec<Found> {
        let mut out = Vec::new();
        let mut skip_until = from;
        for m in self.number.find_iter(&s[from..to]) {
            let (start, end) = (from + m.start(), from + m.end());
            if start < skip_until {
                continue;
            }
            if let Some((found, consumed)) = self.read_one(s, start, end, to) {
                // "two 60-apartment buildings": the capacity skipped on the way to the noun is
                // an amount of its own (60 apartments), read next.
                skip_until = capacity_inside(s, end, consumed).unwrap_or(consumed);
                out.extend(found);
            }
        }
        out
    }

    /// The amount(s) starting with the number at `start..end`, and where reading stopped.
    fn read_one(
        &self,
        s: &str,
        start: usize,
        end: usize,
        limit: usize,
    ) -> Option<(Vec<Found>, usize)> {
        let raw = &s[start..end];
        let word_value = NUMBER_WORDS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(raw))
            .map(|p| p.1);
        let before = &s[..start];
        let after = &s[end..limit];
        if word_value.is_none() && part_of_name(before, after) {
            return None;
        }
        let sentence_start = before
            .trim_end_matches([' ', '"', '“', '«', '('])
            .is_empty();
        let quoted = before.ends_with(['"', '“', '«'])
            && after.chars().take(40).any(|c| matches!(c, '"' | '”' | '»'));
        if quoted && !sentence_start {
            return None; // the "100 concrete steps" Plan of the nation: a title
        }
        if word_value.is_some() && raw.starts_with(char::is_uppercase) && !sentence_start {
            return None; // "the President's Five Social Initiatives": a name
        }
        let lead = before
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
            .to_ascii_lowercase();
        if ["area of", "territory of", "area of about", "area of over"]
            .iter()
            .any(|w| lead.ends_with(w))
        {
            return None; // where it happens ("on the area of 427 hectares"), not what is promised
        }
        let mut value = match word_value {
            Some(v) => v,
            None => parse_number(raw)?,
        };
        let mut pos = end;
        // A range: "85-90%", "1.5-2 bn tenge", "10–15 schools".
        let mut range_low = None;
        if let Some(rest) = strip_dash(&s[pos..limit])
            && let Some(m) = self.number.find(rest)
            && m.start() == 0
            && word_value.is_none()
        {
            let offset = s[pos..limit].len() - rest.len();
            if is_year(raw) && is_year(m.as_str()) || is_year(raw) && m.as_str().len() == 2 {
                return Some((Vec::new(), pos + offset + m.end())); // "2020-2025": years
            }
            range_low = Some(value);
            value = parse_number(m.as_str())?;
            pos += offset + m.end();
        }
        let (mut mult, after_mult) = multiplier(&s[pos..limit]);
        pos += after_mult;
        // "1 thousand 843 jobs", "1 trillion 997.7 billion tenge": add the smaller part.
        if mult > 1.0 && range_low.is_none() {
            let rest = &s[pos..limit];
            let trimmed = rest.trim_start();
            if let Some(m) = self.number.find(trimmed)
                && m.start() == 0
                && m.as_str().starts_with(|c: char| c.is_ascii_digit())
                && let Some(v2) = parse_number(m.as_str())
            {
                let after2 = pos + (rest.len() - trimmed.len()) + m.end();
                let (m2, used2) = multiplier(&s[after2..limit]);
                if m2 < mult && v2 * m2 < mult {
                    value = value * mult + v2 * m2;
                    mult = 1.0;
                    pos = after2 + used2;
                }
            }
        }
        let currency_before = currency_prefix(before);
        let (unit, after_unit) = match (unit_after(&s[pos..limit]), currency_before) {
            (Some((u, n)), Some(_))
                if currency_word(&u.to_lowercase()).is_some()
                    || u == "USD"
                    || u == "EUR"
                    || u == "RUB" =>
            {
                (u, n)
            }
            (_, Some(cur)) => (cur.to_string(), 0), // "KZT 5 billion", "$1.1 billion"
            (Some(found), None) if !self.bare_target(before, &found.0) => found,
            _ => match self.counted_by_number_of(before) {
                Some(unit) if word_value.is_none() => (unit, 0),
                _ => return None,
            },
        };
        if unit == "times" && is_multiple(before, &s[pos + after_unit..limit]) {
            // "increase ... by 1.5 times": the promised multiple
        } else if unit.is_empty() || has(lx::TIME_UNITS, &unit) || has(lx::MONTHS, &unit) {
            return None;
        }
        let year_like = word_value.is_none() && range_low.is_none() && is_year(raw);
        if year_like && (mult == 1.0) && (preceded_by_time_word(before) || !unit_is_counted(&unit))
        {
            return None;
        }
        let end_at = pos + after_unit;
        let found = |v: f64| Found {
            quantity: Quantity {
                value: v,
                unit: unit.clone(),
            },
            start,
            end: end_at,
        };
        let mut out = Vec::new();
        if let Some(low) = range_low {
            out.push(found(low * mult));
        }
        out.push(found(value * mult));
        Some((out, end_at))
    }
}

impl QuantityReader {
    /// Whether a number after "to" has no counted noun of its own ("increase the number of
    /// objects to 12.", "to 46 by 2021"): what follows is a stop word, a date or nothing.
    fn bare_target(&self, before: &str, unit: &str) -> bool {
        has(lx::TIME_UNITS, unit)
            && !matches!(
                unit,
                "times" | "thousand" | "million" | "billion" | "trillion" | "percent"
            )
            && self.counted_by_number_of(before).is_some()
    }

    /// "increase the number of objects using these systems to 12": a bare target after "to"
    /// counts the noun of the "number of" before it.
    fn counted_by_number_of(&self, before: &str) -> Option<String> {
        let lead = last_word(before).to_ascii_lowercase();
        if !matches!(lead.as_str(), "to" | "reach" | "reaches" | "reached") {
            return None;
        }
        let m = self.number_of.find_iter(before).last()?;
        let (unit, _) = unit_after(&before[m.end()..].replace(['“', '”', '"', '«', '»'], " "))?;
        (unit_is_counted(&unit) && !has(lx::TIME_UNITS, &unit)).then_some(unit)
    }
}

/// Where a capacity ("60-apartment") starts inside the noun phrase read after a number, if any.
fn capacity_inside(s: &str, from: usize, to: usize) -> Option<usize> {
    let span = s.get(from..to)?;
    let bytes = span.as_bytes();
    (1..bytes.len())
        .find(|&i| {
            // A digit after an ASCII space is always at a char boundary.
            bytes[i].is_ascii_digit() && bytes[i - 1] == b' ' && {
                let digits = span[i..].trim_start_matches(|c: char| c.is_ascii_digit());
                digits.starts_with('-')
                    && digits[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            }
        })
        .map(|i| from + i)
}

/// "by 1.5 times", "in 2 times", "3 times more": a promised multiple, not a frequency.
fn is_multiple(before: &str, after: &str) -> bool {
    let prev = last_word(before).to_ascii_lowercase();
    let next = first_word(after).to_ascii_lowercase();
    matches!(prev.as_str(), "by" | "in")
        || matches!(
            next.as_str(),
            "more" | "higher" | "less" | "lower" | "larger" | "faster" | "greater" | "fewer"
        )
}

/// Parses "13,009", "13 009", "1.5", "1,5" (decimal comma) exactly enough that 1.1 * 1e9 is
/// 1100000000: digits are read as an integer and scaled once.
fn parse_number(raw: &str) -> Option<f64> {
    let grouped = raw.contains([' ', '\u{a0}', '\u{202f}'])
        || (raw.matches(',').count() >= 1
            && raw
                .split(',')
                .skip(1)
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && !raw.contains('.'));
    let cleaned: String = if grouped || (raw.contains(',') && raw.contains('.')) {
        raw.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect()
    } else {
        raw.replace(',', ".")
    };
    let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mantissa: u64 = digits.parse().ok()?;
    Some(mantissa as f64 / 10f64.powi(frac.len() as i32))
}

fn is_year(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (raw.starts_with("19") || raw.starts_with("20"))
}

/// Numbers glued to names ("Nurly Zhol-2020", "EXPO-2017", "Ai-92", "7-20-25"), ordinals
/// ("1st"), times ("18:00", "9 a.m."), dates ("September 1", "1 September"), "No. 5".
fn part_of_name(before: &str, after: &str) -> bool {
    let prev = before.chars().next_back();
    let prev2 = before.chars().rev().nth(1);
    if prev == Some('-') && prev2.is_some_and(|c| c.is_alphanumeric()) {
        return true;
    }
    if matches!(prev, Some('№' | '#')) || prev.is_some_and(|c| c.is_alphabetic()) {
        return true;
    }
    let mut a = after.chars();
    let (n1, n2) = (a.next(), a.next());
    if n1 == Some('-')
        && n2.is_some_and(|c| c.is_ascii_digit())
        && after[1..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with('-')
    {
        return true; // "7-20-25"
    }
    let glued: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if matches!(glued.as_str(), "st" | "nd" | "rd" | "th" | "g" | "x" | "d") {
        return true; // "1st", "2nd", "5G", "4x4", "3D"
    }
    if n1 == Some(':') && n2.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let prev_word = last_word(before).to_ascii_lowercase();
    let next_word = first_word(after).to_ascii_lowercase();
    let prev_word = prev_word.trim_end_matches('.');
    has(lx::MONTHS, prev_word)
        || has(lx::MONTHS, next_word.trim_end_matches('.'))
        || matches!(
            prev_word,
            "no" | "number"
                | "nos"
                | "paragraph"
                | "article"
                | "item"
                | "decree"
                | "resolution"
                | "law"
                | "order"
                | "point"
                | "clause"
                | "chapter"
                | "stage"
                | "phase"
                | "level"
                | "class"
                | "grade"
                | "tier"
                | "category"
                | "lot"
                | "block"
                | "building"
                | "house"
                | "school"
                | "lyceum"
                | "gymnasium"
                | "hospital"
                | "polyclinic"
                | "street"
                | "route"
                | "line"
                | "unit"
                | "section"
                | "zone"
                | "top"
                | "covid"
                | "g"
        )
        || next_word.starts_with("a.m")
        || next_word.starts_with("p.m")
        || next_word.starts_with("а.m")
}

fn strip_dash(s: &str) -> Option<&str> {
    let t = s.trim_start_matches(' ');
    let t = t.strip_prefix(['-', '–', '—'])?;
    Some(t.trim_start_matches(' '))
}

fn last_word(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
}

fn first_word(s: &str) -> &str {
    s.trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
        .next()
        .unwrap_or("")
}

fn preceded_by_time_word(before: &str) -> bool {
    let w = last_word(before).to_ascii_lowercase();
    matches!(
        w.trim_matches(|c: char| !c.is_alphanumeric()),
        "in" | "by"
            | "until"
            | "till"
            | "since"
            | "from"
            | "of"
            | "to"
            | "for"
            | "before"
            | "after"
            | "between"
            | "and"
            | "year"
            | "early"
            | "late"
            | "mid"
            | "during"
            | "through"
            | "than"
            | "the" // "the 2018 results": every "the 19xx/20xx" in the press releases is a year
            | ""
    )
}

#[cfg(test)]
mod tests;

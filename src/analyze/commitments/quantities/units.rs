//! Units after a number: multipliers ("thousand", "bn", "млрд"), currencies (normalised to
//! tenge/USD/EUR/RUB), measures kept as written ("km", "MW") and the counted noun after
//! skipping adjectives ("200 additional villages" -> "villages"). Part of `quantities`.

use crate::analyze::commitments::lexicon::{self as lx, has};

/// "thousand"/"mln"/"billion"... right after the number: (factor, bytes consumed).
pub(super) fn multiplier(s: &str) -> (f64, usize) {
    let t = s.trim_start();
    let skipped = s.len() - t.len();
    let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    let factor = match word.to_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "thousands" | "thous" | "ths" | "k" | "тыс" => 1e3,
        "million" | "millions" | "mln" | "mn" | "m" | "млн" => 1e6,
        "billion" | "billions" | "bn" | "bln" | "млрд" => 1e9,
        "trillion" | "trillions" | "trln" | "tn" | "трлн" => 1e12,
        _ => return (1.0, 0),
    };
    // "m" alone is metres unless money follows ("$5m", "5m tenge").
    if word == "m"
        && !(t[1..]
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("tenge")
            || t[1..].trim_start().starts_with("USD"))
    {
        return (1.0, 0);
    }
    let mut used = skipped + word.len();
    if s[used..].starts_with('.') {
        used += 1;
    }
    (factor, used)
}

pub(super) fn currency_prefix(before: &str) -> Option<&'static str> {
    let t = before.trim_end();
    let upper = t.to_ascii_uppercase();
    if t.ends_with('$') || upper.ends_with("USD") {
        Some("USD")
    } else if t.ends_with('€') || upper.ends_with("EUR") {
        Some("EUR")
    } else if t.ends_with('₸') || upper.ends_with("KZT") {
        Some("tenge")
    } else if t.ends_with('₽') || upper.ends_with("RUB") {
        Some("RUB")
    } else {
        None
    }
}

pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "tenge" | "kzt" | "тенге" | "тг" | "tg" => "tenge",
        "usd" | "dollars" | "dollar" | "us$" | "долларов" | "долл" => "USD",
        "euro" | "euros" | "eur" | "евро" => "EUR",
        "rubles" | "roubles" | "ruble" | "rouble" | "rub" | "рублей" | "руб" => "RUB",
        _ => return None,
    })
}

/// Symbols and measures kept as written.
#[rustfmt::skip]
const MEASURES: &[&str] = &[
    "km", "m", "m2", "m3", "km2", "ha", "mw", "kw", "gw", "mwh", "kwh", "gwh", "gcal", "t", "kg",
    "mm", "cm", "hectares", "hectare", "tons", "tonnes", "ton", "tonne", "liters", "litres",
    "megawatts", "kilometers", "kilometres", "meters", "metres", "mbps", "gbps", "kv",
];

/// Words that end a counted noun phrase: verbs, modals, adverbs, prepositions, conjunctions.
#[rustfmt::skip]
const NOT_NOUNS: &[&str] = &[
    "due", "out", "must", "will", "shall", "should", "can", "may", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "to", "of", "in", "on", "at", "for", "by", "with", "from", "into",
    "and", "or", "but", "which", "that", "who", "worth", "per", "each", "more", "less", "than",
    "already", "also", "still", "only", "about", "over", "under", "up", "as", "a", "an", "the",
];

/// The unit after a number: (unit, bytes consumed). Skips adjectives to reach the counted noun
/// and takes the last noun of a short compound ("2 wind power plants" -> "plants").
pub(super) fn unit_after(s: &str) -> Option<(String, usize)> {
    if let Some(rest) = s.strip_prefix('-') {
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        let lower = word.to_lowercase();
        if has(lx::CAPACITY_NOUNS, &lower) {
            let unit = if matches!(lower.as_str(), "km" | "mw") {
                word.clone()
            } else {
                plural(&lower)
            };
            return Some((unit, 1 + word.len()));
        }
        return None;
    }
    let t = s.trim_start();
    if t.starts_with('%') {
        return Some(("%".into(), s.len() - t.len() + 1));
    }
    let lead = s.len() - t.len();
    let mut consumed = lead;
    let mut run: Vec<String> = Vec::new();
    let mut skipped = 0;
    let mut offset = 0; // byte offset of `raw` in `t`
    for raw in t.split(' ').take(12) {
        let at = offset;
        offset += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let after_raw = lead + at + raw.len();
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '$');
        let lower = word.to_lowercase();
        let ends_phrase =
            raw.ends_with([',', ';', ')', ':', '.', '"', '”']) && !lower.ends_with("sq");
        if run.is_empty() {
            let rest = t[at + raw.len()..].trim_start();
            let rest_at = s.len() - rest.len();
            match lower.as_str() {
                "percent" | "pct" => return Some(("%".into(), after_raw)),
                "per" if rest.to_lowercase().starts_with("cent") => {
                    return Some(("%".into(), rest_at + 4));
                }
                "sq" | "square" | "cubic" => {
                    let unit_word: String =
                        rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                    let unit = format!("{} {}", lower, unit_word.to_lowercase());
                    return Some((unit, rest_at + unit_word.len()));
                }
                _ => {}
            }
            if let Some(cur) = currency_word(&lower) {
                return Some((cur.into(), after_raw));
            }
            if lower == "us" && rest.to_lowercase().starts_with("dollar") {
                let w: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                return Some(("USD".into(), rest_at + w.len()));
            }
            if MEASURES.contains(&lower.as_str()) {
                let keep = if word.len() <= 4 {
                    word.to_string()
                } else {
                    lower.clone()
                };
                return Some((keep, after_raw));
            }
            if (has(lx::SKIP_ADJ, &lower) || (word.contains('-') && !has(lx::TIME_UNITS, &lower)))
                && skipped < 3
                && !ends_phrase
            {
                skipped += 1;
                continue;
            }
        }
        let is_word = !lower.is_empty()
            && lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        let opens = raw.starts_with(|c: char| !c.is_alphanumeric());
        let capital = word.starts_with(|c: char| c.is_uppercase());
        if !run.is_empty() && (opens || capital) {
            break; // "7 regions (Astana, ...)": the noun phrase ended
        }
        if has(lx::TIME_UNITS, &lower) {
            if run.is_empty() {
                return Some((lower, after_raw)); // a duration or a stop word: the caller drops it
            }
            break;
        }
        if !is_word || (!run.is_empty() && (lower.ends_with("ed") || lower.ends_with("ing"))) {
            break;
        }
        // "190,000 farms due to ...", "17 objects must ...", "48 objects additionally": the
        // noun phrase ends before a word that cannot be part of it.
        if NOT_NOUNS.contains(&lower.as_str()) || (lower.ends_with("ly") && lower.len() > 4) {
            break;
        }
        run.push(lower);
        consumed = after_raw;
        if ends_phrase || run.len() == 3 {
            break;
        }
    }
    let unit = run.pop()?;
    if let Some(cur) = currency_word(&unit) {
        return Some((cur.into(), consumed));
    }
    if !unit.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    Some((unit, consumed))
}

pub(super) fn plural(word: &str) -> String {
    match word {
        "child" => "children".into(),
        w if w.ends_with('s') => w.into(),
        w => format!("{w}s"),
    }
}

/// Whether a noun counts things (so "2000 houses" is an amount, not a year).
pub(super) fn unit_is_counted(unit: &str) -> bool {
    unit.ends_with('s') || unit == "%" || unit.chars().all(|c| c.is_ascii_uppercase())
}

//! The words the linker compares: content-word stems of a sentence, actors and units.
//!
//! Owns: tokenising a sentence into content words (reporting frame removed, lower-cased,
//! phrases and synonyms merged, stop and generic words dropped) and their crude stems (suffix
//! stripping and truncation), and normalising actors and quantity units so that two phrasings
//! of one undertaking compare equal. Names, numbers and acronyms are in `names.rs`.
//! Pure; never panics.

use std::collections::BTreeSet;

/// Stems are cut to this many chars: "construction"/"constructed" and
/// "commissioning"/"commissioned" meet, which is the point of the crude stemmer.
const STEM_CHARS: usize = 6;

/// Function words and the vocabulary of every government press release ("will", "plan",
/// "ministry", "billion"): they say nothing about which undertaking a sentence is about.
const STOP: &[&str] = &[
    "a", "about", "above", "according", "additional", "addition", "after", "again", "all", "along", "already", "also",
    "among", "an", "and", "annually", "another", "any", "are", "as", "at", "be", "been", "before", "being", "between",
    "billion", "both", "but", "by", "can", "carry", "carried", "country", "current", "currently", "due", "during", "each",
    "end", "ensure", "envisaged", "expected", "first", "following", "for", "from", "further", "government", "had", "has",
    "have", "he", "head", "her", "his", "i", "in", "including", "instruct", "instructed", "into", "is", "it", "its",
    "kazakhstan", "kazakh", "least", "mln", "bln", "million", "minister", "ministry", "more", "must", "near", "necessary", "new",
    "next", "no", "not", "noted", "of", "on", "one", "or", "other", "our", "out", "over", "per", "plan", "planned", "plans",
    "planning", "prime", "rk", "republic", "said", "says", "set", "shall", "she", "should", "so", "some", "state", "such",
    "task", "tasks", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "thousand", "through",
    "thus", "till", "to", "total", "trillion", "under", "until", "up", "upon", "us", "was", "we", "well", "were", "which",
    "while", "who", "will", "with", "within", "would", "year", "years", "yet", "you", "framework", "implementation",
    "implement", "implemented", "program", "programme", "programs", "programmes", "project", "projects", "today",
    "reported", "report", "told", "stated", "pointed", "emphasized", "added", "reminded", "meeting", "session", "also",
    "only", "then", "via", "region", "regions", "regional", "oblast", "district", "districts", "city", "cities",
    "control", "keep", "issue", "issues", "special", "personal", "measures", "population", "entrusted", "charged",
    "tasked", "ordered", "instruction", "instructions", "relevant", "concerned", "interested", "authorized", "responsible",
    "agencies", "bodies", "body", "administration", "administrations", "akims", "akimats", "mayor", "mayors", "governor",
    "governors", "office", "offices", "together", "jointly", "take", "taken", "work", "intensify", "continue", "carefully",
    "detail", "proposals", "proposal", "consider", "consideration", "discussed", "voiced", "question", "questions",
    "matter", "problem", "problems", "solution", "solutions", "appropriate", "decision", "decisions", "execution",
    "near", "future", "coming", "soon", "akimat", "address", "message", "tenge", "kzt", "usd", "dollars", "euro", "euros", "rubles", "what", "when", "where", "how", "let", "me", "my", "do", "does", "did", "done", "make", "made",
];

/// Capitalised words that are titles and institutions rather than names of an undertaking.
pub(crate) const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "by", "for", "of", "and", "to", "this", "it", "as", "according", "within", "under",
    "government", "ministry", "minister", "prime", "deputy", "first", "president", "head", "state", "republic",
    "kazakhstan", "address", "akim", "akimat", "chairman", "board", "national", "company", "jsc", "llp", "council",
    "office", "department", "committee", "agency", "program", "programme", "state program", "we", "i", "he", "she", "they",
    "also", "besides", "moreover", "however", "thus", "so", "since", "after", "before", "until", "by the end",
];

/// Lower-case words of a text: runs of letters or digits (an apostrophe's tail is dropped).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Crude stem: English inflection stripped, then the first [`STEM_CHARS`] chars.
pub(crate) fn stem(word: &str) -> String {
    let mut w = word;
    if w.is_ascii() && w.len() > 4 {
        for suffix in ["ings", "ing", "ies", "ied", "es", "ed", "s"] {
            if let Some(base) = w.strip_suffix(suffix)
                && base.len() >= 3
                && !(suffix == "s" && base.ends_with('s'))
            {
                w = base;
                break;
            }
        }
    }
    w.chars().take(STEM_CHARS).collect()
}

/// Phrases that say one thing in several ways, replaced before splitting into words.
const PHRASES: &[(&str, &str)] = &[
    ("put into commercial operation", "commission"),
    ("put into operation", "commission"),
    ("put into service", "commission"),
    ("brought into operation", "commission"),
    ("sary-arka", "saryarka"),
    ("sary arka", "saryarka"),
];

/// Words with one meaning here, mapped to one spelling (before stemming).
const SYNONYMS: &[(&str, &str)] = &[
    ("mandatory", "compulsory"),
    ("obligatory", "compulsory"),
    ("mshi", "cshi"),
    ("osms", "cshi"),
    ("roadway", "road"),
    ("roadways", "road"),
    ("highway", "road"),
    ("highways", "road"),
    ("homes", "apartments"),
    ("dwellings", "apartments"),
    ("flats", "apartments"),
    ("construct", "build"),
    ("constructed", "build"),
    ("construction", "build"),
    ("constructing", "build"),
    ("erect", "build"),
    ("erected", "build"),
    ("salary", "wage"),
    ("salaries", "wage"),
    ("wages", "wage"),
    ("healthcare", "health"),
];

/// Reporting frames around a statement ("..., said the Minister at the briefing"; "At the
/// session of the Government, ..."): they name the occasion, not the undertaking.
fn frames() -> &'static [regex::Regex; 4] {
    static FRAMES: std::sync::OnceLock<[regex::Regex; 4]> = std::sync::OnceLock::new();
    FRAMES.get_or_init(|| {
        let re = |p: &str| regex::Regex::new(p).expect("frame patterns are valid");
        [
            re(r#"(?i)[,"”]\s*(said|says|noted|stated|reported|told|informed|emphasized|stressed|added|announced|explained)\b.*$"#),
            re(r"(?i)^\W*(in this regard|in addition|at the same time|moreover|besides|meanwhile|in general|in particular|according to [^,]{0,80}|(at|during|following) [^,]{0,140}\b(meeting|session|briefing|conference|forum|hour|visit|trip)\b[^,]{0,120}),\s*"),
            re(r"(?i)^[^,]{0,120}?\b(said|noted|reported|stated|informed|announced|emphasized|stressed|explained) that\s+"),
            re(r#"(?i)\b(address|message)\b([^“"«,.]{0,60})[“"«][^”"»]{3,160}[”"»]"#),
        ]
    })
}

/// The sentence without its reporting frame, lower-cased, with [`PHRASES`] replaced.
pub(crate) fn normalise(text: &str) -> String {
    let [tail, head, lead, _] = frames();
    let mut t = tail.replace(&without_address_titles(text), "").into_owned();
    for re in [head, lead] {
        let cut = re.replace(&t, "").into_owned();
        // Keep the frame when removing it would leave (almost) nothing.
        if cut.split_whitespace().count() >= 4 {
            t = cut;
        }
    }
    let mut lower = t.to_lowercase();
    for (from, to) in PHRASES {
        lower = lower.replace(from, to);
    }
    lower
}

/// The text without the titles of the President's Addresses ("in his Address “Growing Welfare
/// of Kazakh Citizens: ...”"): an Address is the occasion of many different instructions.
pub(crate) fn without_address_titles(text: &str) -> std::borrow::Cow<'_, str> {
    frames()[3].replace_all(text, "$1$2")
}

/// A word in its canonical spelling ([`SYNONYMS`]).
pub(crate) fn canonical(word: String) -> String {
    match SYNONYMS.iter().find(|(from, _)| *from == word) {
        Some((_, to)) => (*to).to_owned(),
        None => word,
    }
}

/// Content words of a sentence in order: frame removed, synonyms merged, stop words, short
/// words and bare numbers dropped; hyphenated compounds also give their joined form.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let norm = normalise(text);
    let mut out = Vec::new();
    for raw in norm.split(|c: char| c.is_whitespace() || c == '/' ) {
        let parts = words(raw);
        if parts.len() == 2 && raw.contains('-') && parts.iter().all(|p| p.chars().all(char::is_alphabetic)) {
            out.push(canonical(parts.concat()));
        }
        out.extend(parts.into_iter().map(canonical));
    }
    out.retain(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()) && !STOP.contains(&w.as_str()));
    out
}

/// Content-word stems of a sentence, deduplicated and sorted (binary weights: a sentence is
/// short, repeating a word says little more).
pub(crate) fn content_stems(text: &str) -> Vec<String> {
    let set: BTreeSet<String> = content_words(text).iter().map(|w| stem(w)).collect();
    set.into_iter().collect()
}

/// An actor reduced to its content words, with "ministry"/"minister" both read as `minist`
/// so that a ministry and its minister are compatible.
pub(crate) fn actor_words(actor: &str) -> Vec<String> {
    let set: BTreeSet<String> = words(actor)
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "the" | "of" | "and" | "kazakhstan" | "republic" | "rk" | "a"))
        .map(|w| if w.starts_with("minist") { "minist".to_owned() } else { stem(&w) })
        .collect();
    set.into_iter().collect()
}

/// Whether two actors can be the same undertaker: one unknown, or they share a content word
/// ("the Ministry" and "Ministry of Energy"; "the Prime Minister" and "B.Sagintayev" do not).
pub(crate) fn actors_compatible(a: &[String], b: &[String]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(a.iter().any(|w| b.contains(w)))
}

/// A quantity unit in one spelling ([`crate::domain::Quantity::unit_key`], shared with
/// `newsmine eval`).
pub(crate) fn unit_key(unit: &str) -> String {
    crate::domain::Quantity::unit_key(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("constructed"), stem("construction"));
        assert_eq!(stem("commissioning"), stem("commissioned"));
        assert_eq!(stem("hospitals"), stem("hospital"));
        assert_eq!(content_stems("The Ministry will build 3 new schools in 2019."), vec!["build", "school"]);
    }

    #[test]
    fn frames_and_titles_are_not_content() {
        let s = content_stems("In his Address “Growing Welfare of Kazakh Citizens” the Head of State instructed to raise the minimum wage, said the Minister.");
        assert_eq!(s, vec!["minimu", "raise", "wage"]);
        let t = content_stems("At the session of the Government, Prime Minister Bakytzhan Sagintayev instructed to repair 40 bridges in the region.");
        assert!(t.contains(&"bridg".to_owned()) && !t.contains(&"sessio".to_owned()), "{t:?}");
    }

    #[test]
    fn actors_and_units() {
        let a = actor_words("the Ministry of Energy");
        let b = actor_words("Minister of Energy Kanat Bozumbayev");
        assert_eq!(actors_compatible(&a, &b), Some(true));
        assert_eq!(actors_compatible(&a, &actor_words("the akimat")), Some(false));
        assert_eq!(actors_compatible(&a, &[]), None);
        assert_eq!(unit_key("Kilometers"), "km");
        assert_eq!(unit_key("apartments"), unit_key("apartment"));
    }
}

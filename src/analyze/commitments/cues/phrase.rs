//! The phrases around a cue: the head noun of its subject (through lead-ins such as "It
//! should be reminded that" or "the minister said that"), the head of the object after its
//! verb, and what kind of thing each is (an event, a body, a document, an abstraction); a
//! time adverbial before the subject is skipped ("This year it is planned", "In September
//! 2016 Kazakhstani schools will admit"), a plan's infinitive is found past an adjunct, and the
//! infinitives a plan lists after its first.
//! Part of `cues`; reads the lists in `lexicon`.

use super::verbs::lemma;
use crate::analyze::commitments::lexicon::{self as lx, has};

/// Whether the cue at `pos` is a passive ("the Ministry was instructed", "akims are tasked"):
/// its subject is the one instructed and the instructing agent may go unnamed.
pub(super) fn passive_before(s: &str, pos: usize) -> bool {
    let before = s[..pos].trim_end().to_ascii_lowercase();
    let before = before.strip_suffix(" also").unwrap_or(&before);
    ["was", "were", "is", "are", "been", "be", "being"]
        .iter()
        .any(|w| before == *w || before.ends_with(&format!(" {w}")))
}

/// Stems of the bodies that can be instructed ("the Ministries of ... were instructed").
pub(super) const BODY_STEMS: &[&str] = &[
    "ministr",
    "akim",
    "government",
    "agenc",
    "committee",
    "office",
    "administration",
    "mayor",
    "governor",
    "compan",
    "fund",
    "bodies",
    "corporation",
    "holding",
    "department",
    "council",
];

/// Where the auxiliaries and adverbs before `pos` begin ("The initiative |is also tasked").
pub(super) fn before_auxiliaries(s: &str, pos: usize) -> usize {
    let mut end = pos;
    loop {
        let t = s[..end].trim_end();
        let word_start = t.rfind(' ').map_or(0, |i| i + 1);
        let word = t[word_start..].to_ascii_lowercase();
        if word_start == 0
            || !matches!(
                word.as_str(),
                "is" | "are" | "was" | "were" | "has" | "have" | "had" | "been" | "be" | "also"
            )
        {
            return t.len();
        }
        end = word_start;
    }
}

/// Whether the noun phrase right before `pos` (the cue's subject) is headed by an event noun:
/// "The first meeting of the Government in the new composition will be held".
pub(super) fn event_subject(s: &str, pos: usize) -> bool {
    has(lx::EVENT_NOUNS, &subject_head(s, pos))
}

/// The head noun of the phrase before `pos`, lower case: from the last clause mark up to the
/// first preposition ("The first meeting of the Government" -> "meeting").
pub(super) fn subject_head(s: &str, pos: usize) -> String {
    let before = skip_apposition(&s[..pos]);
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '"' | '“' | '”'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut clause = before[clause_start..].to_ascii_lowercase();
    // A lead-in is transparent: in "It should be reminded that the construction ... is to be
    // completed" or "the minister said that 200 schools will be built" the subject follows
    // "that". A "that" right before the cue is a relative pronoun ("projects that will ...").
    if let Some(i) = clause.rfind(" that ")
        && clause[i + 6..].split_whitespace().count() >= 1
    {
        clause = clause[i + 6..].to_string();
    } else if let Some(rest) = clause.strip_prefix("that ") {
        clause = rest.to_string();
    }
    // "This year it is planned to cover ...": a time adverbial before the subject is not it.
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() >= 2
        && matches!(words[0], "this" | "next" | "last" | "each" | "every")
        && matches!(
            words[1],
            "year" | "month" | "week" | "spring" | "summer" | "autumn" | "fall" | "winter"
        )
    {
        clause = words[2..].join(" ");
    } else if matches!(words.first(), Some(&("today" | "tomorrow"))) {
        clause = words[1..].join(" ");
    }
    let first = clause.split_whitespace().next().unwrap_or("");
    if matches!(
        first,
        "in" | "by" | "until" | "till" | "during" | "from" | "since" | "within" | "over" | "at"
    ) && clause.split_whitespace().count() <= 5
    {
        // "In the current year it is planned": a time, not a subject; but in "In September
        // 2016 Kazakhstani schools will admit" (pm-1654) the subject follows the date.
        let words: Vec<&str> = clause.split_whitespace().skip(1).collect();
        let skipped = words.iter().take_while(|w| is_time_word(w)).count();
        let dated = words[..skipped]
            .iter()
            .any(|w| !matches!(*w, "the" | "of" | "this" | "next"));
        let rest = &words[skipped..];
        // Only a date skipped ("at the government session instructed" keeps no subject).
        // A pronoun after the date ("in the future it will be increased") keeps the old reading.
        if !dated
            || rest.is_empty()
            || rest.iter().any(|w| is_time_word(w))
            || (rest.len() == 1 && entity_pronoun(rest[0]))
        {
            return String::new();
        }
        clause = rest.join(" ");
    }
    let mut head_part = clause.as_str();
    for prep in [
        " of ",
        " for ",
        " in ",
        " on ",
        " at ",
        " with ",
        " under ",
        " within ",
        " between ",
        " from ",
        " by ",
        " during ",
        " to ",
        " which ",
        " that ",
        " worth ",
        " per ",
        " a year",
        " annually",
    ] {
        if let Some(i) = head_part.find(prep) {
            head_part = &head_part[..i];
        }
    }
    let mut words: Vec<&str> = head_part.split_whitespace().collect();
    if words.len() > 1 && words.last() == Some(&"that") {
        return String::new(); // "It should be noted that in 2019 it is planned": no subject yet
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.ends_with("ed") || w.ends_with("ing"))
    {
        words.pop(); // "38 projects related" -> "projects"
    }
    let head = words.last().copied().unwrap_or("");
    head.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// A word of a time phrase: a year or a day, a month, "the end of the current year".
fn is_time_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || has(lx::MONTHS, w.trim_end_matches('.'))
        || matches!(
            w,
            "the"
                | "this"
                | "next"
                | "current"
                | "coming"
                | "end"
                | "beginning"
                | "start"
                | "middle"
                | "of"
                | "first"
                | "second"
                | "half"
                | "quarter"
                | "year"
                | "years"
                | "month"
                | "months"
                | "week"
                | "weeks"
                | "period"
                | "future"
                | "near"
                | "long"
                | "medium"
                | "short"
                | "term"
                | "run"
        )
}

/// Whether "will <verb> <rest>" puts a rule into force: "will take effect", "will enter into
/// force", "will come into effect", "will be effective from".
pub(super) fn takes_effect(verb: &str, rest: &str) -> bool {
    let rest = rest.trim_start().to_ascii_lowercase();
    match verb {
        "take" | "takes" => rest.starts_with("effect"),
        "enter" | "come" => ["into force", "into effect", "in force", "into operation"]
            .iter()
            .any(|p| rest.starts_with(p)),
        "effective" => ["from", "as of", "on", "starting"]
            .iter()
            .any(|p| rest.starts_with(p)),
        _ => false,
    }
}

/// Pronouns that stand for a body or a person ("it will finance ...", "they will build ..."),
/// unlike "this" or "which", which stand for a measure whose future is an effect.
pub(super) fn entity_pronoun(head: &str) -> bool {
    matches!(head, "it" | "they" | "he" | "she" | "who")
}

/// Whether the subject before `pos` is a body or a group of people ("universities",
/// "the enterprise", "residents of Shcherbakty"), who can act or receive.
pub(super) fn body_subject(s: &str, pos: usize) -> bool {
    let head = subject_head(s, pos);
    has(lx::BODY_NOUNS, &head) || {
        let lower = s[..pos].to_ascii_lowercase();
        let clause = lower.rsplit([',', ';', ':']).next().unwrap_or("");
        BODY_STEMS.iter().any(|b| {
            clause
                .split_whitespace()
                .next()
                .is_some_and(|w| w.starts_with(b))
        })
    }
}

/// The head of the noun phrase right after `pos` (a verb's object), lower case: the last word
/// before a preposition, a clause mark or a conjunction ("further construction of 600 ..." ->
/// "construction"; "the status of ..." -> "status"). `#` when the phrase starts with a number,
/// empty when there is no noun phrase ("will act as", "will go to").
pub(super) fn object_head(s: &str, pos: usize) -> String {
    let mut last = "";
    for (i, raw) in s[pos..].split_whitespace().enumerate() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let stop = raw.starts_with(['(', '"', '«', '“']) && i > 0;
        let lower = w.to_ascii_lowercase();
        if i == 0 && w.starts_with(|c: char| c.is_ascii_digit()) {
            return "#".to_string();
        }
        if lower.is_empty()
            || stop
            || (!last.is_empty() && has(lx::RHETORIC, &lower))
            || matches!(
                lower.as_str(),
                "of" | "for"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "by"
                    | "with"
                    | "from"
                    | "and"
                    | "or"
                    | "that"
                    | "which"
                    | "as"
                    | "into"
                    | "under"
                    | "within"
                    | "until"
                    | "till"
                    | "through"
                    | "during"
                    | "after"
                    | "before"
                    | "if"
                    | "when"
                    | "than"
                    | "per"
                    | "between"
                    | "among"
                    | "about"
                    | "across"
                    | "over"
                    | "up"
                    | "out"
                    | "this"
                    | "next"
                    | "who"
                    | "where"
                    | "while"
                    | "so"
                    | "thus"
            )
        {
            break;
        }
        last = w;
        if raw.ends_with([',', ';', ':', '.', ')', '"', '»', '”']) || i > 6 {
            break;
        }
    }
    last.to_ascii_lowercase()
}

/// Whether the phrase after `pos` names something concrete that can be delivered: not an
/// abstraction ("conditions", "work"), an effect ("an impetus", "new successes"), a pronoun
/// or an adverb.
pub(super) fn concrete_object(s: &str, pos: usize) -> bool {
    let head = object_head(s, pos);
    head == "#"
        || (head.len() > 2
            && head.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            && !head.ends_with("ly")
            && !has(lx::ABSTRACT_NOUNS, &head)
            && !has(lx::EFFECT_NOUNS, &head)
            && !has(lx::RHETORIC, &head)
            && !matches!(
                head.as_str(),
                "them"
                    | "him"
                    | "her"
                    | "us"
                    | "you"
                    | "itself"
                    | "themselves"
                    | "all"
                    | "everything"
                    | "something"
                    | "anything"
                    | "nothing"
                    | "there"
                    | "here"
                    | "more"
                    | "less"
                    | "much"
                    | "many"
                    | "most"
                    | "further"
                    | "together"
                    | "well"
                    | "soon"
                    | "now"
                    | "again"
            ))
}

/// The text before a cue without an apposition between the subject and the cue: "a ten-day
/// seminar for ..., dedicated to the World Heart Day, | will be held" -> "a ten-day seminar
/// for ...". Only a participle or relative clause set off by commas right before the cue.
fn skip_apposition(before: &str) -> &str {
    let t = before.trim_end();
    let Some(inner) = t.strip_suffix(',') else {
        return before;
    };
    let Some(open) = inner.rfind(',') else {
        return before;
    };
    let first = inner[open + 1..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let participle = first.len() > 4 && (first.ends_with("ed") || first.ends_with("ing"));
    if participle || matches!(first.as_str(), "which" | "who" | "whose" | "including") {
        &inner[..open]
    } else {
        before
    }
}

/// The infinitive of a plan separated from it by an adjunct: "planning | jointly with Russia
/// to build", "planned | in 2019 to open". The gap must start with a preposition or an adverb
/// of time or manner (not a noun phrase: "plans the construction of roads to link ..." is a
/// plan's object) and stay within the clause. Returns the verb and where it ends.
pub(super) fn infinitive_after_adjunct(s: &str, gap_start: usize) -> Option<(String, usize)> {
    let first = s[gap_start..]
        .split_whitespace()
        .next()?
        .to_ascii_lowercase();
    #[rustfmt::skip]
    const ADJUNCT_STARTS: &[&str] = &[
        "with", "together", "jointly", "in", "during", "next", "this", "within", "at", "until",
        "over", "along",
    ];
    if !ADJUNCT_STARTS.contains(&first.as_str()) {
        return None;
    }
    let clause_end = s[gap_start..]
        .find([',', ';', '.', ':', '(', '"'])
        .map_or(s.len(), |i| gap_start + i)
        .min(gap_start + 80);
    let clause = s.get(gap_start..clause_end)?;
    let lower = clause.to_ascii_lowercase();
    let i = lower.find(" to ")?;
    let after = &lower[i + 4..];
    let after = after.strip_prefix("be ").unwrap_or(after);
    let word: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if word.is_empty() || super::verbs::NOT_VERBS.contains(&word.as_str()) {
        return None;
    }
    let end = gap_start + i + 4 + (lower.len() - i - 4 - after.len()) + word.len();
    Some((word, end))
}

/// The verbs of the infinitives listed after a plan's first one, within its clause: ", reduce
/// ...", ", to create ...", "and to transfer ...". Stops at a full stop, a semicolon or a finite
/// verb's clause ("which will ...").
pub(super) fn coordinated_infinitives(rest: &str) -> Vec<String> {
    let clause = rest.split(['.', ';', ':']).next().unwrap_or("");
    let mut out = Vec::new();
    for part in clause.split(',').skip(1).flat_map(|p| p.split(" and ")) {
        let words: Vec<String> = part.split_whitespace().map(|w| w.to_ascii_lowercase()).collect();
        let first = match words.first().map(String::as_str) {
            Some("to") => words.get(1),
            Some("which" | "that" | "who" | "where" | "while") => break,
            _ => words.first(),
        };
        if let Some(w) = first {
            let w: String = w.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            if !w.is_empty() {
                out.push(lemma(&w));
            }
        }
    }
    out
}

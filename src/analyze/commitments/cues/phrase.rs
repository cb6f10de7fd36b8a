//! The phrases around a cue: the head noun of its subject (through lead-ins such as "It
//! should be reminded that" or "the minister said that"), the head of the object after its
//! verb, and what kind of thing each is (an event, a body, a document, an abstraction). Part
//! of `cues`; reads the lists in `lexicon`.

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
    let first = clause.split_whitespace().next().unwrap_or("");
    if matches!(
        first,
        "in" | "by" | "until" | "till" | "during" | "from" | "since" | "within" | "over" | "at"
    ) && clause.split_whitespace().count() <= 5
    {
        return String::new(); // "In the current year it is planned": a time, not a subject
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

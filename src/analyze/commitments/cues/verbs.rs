//! Verbs: how much a verb commits to ([`Tier`], from the lists in `lexicon`), its base form,
//! whether a word can be a verb at all, and the idioms in which a concrete verb only names an
//! effort ("create conditions"). Part of `cues`.

use crate::analyze::commitments::lexicon::{self as lx, has};

/// Words after "to" that start a noun phrase, not an infinitive.
#[rustfmt::skip]
pub(super) const NOT_VERBS: &[&str] = &[
    "the", "a", "an", "all", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "each", "every", "such", "some", "other", "relevant", "responsible",
    "regional", "local", "central", "national", "public", "state", "modern", "new", "various",
    "certain", "both", "many", "several", "date", "which", "whom", "him", "them", "us", "me",
    "it", "what", "where", "day", "year", "freedom", "program", "programme",
];

#[derive(Debug, PartialEq, Eq)]
/// How much a verb commits to, from its lists in `lexicon`.
pub(super) enum Tier {
    Event,
    Rhetoric,
    /// "receive", "get": a delivery seen from the receiver (see `lexicon::RECEIVE_VERBS`).
    Receive,
    Strong,
    Concrete,
    Vague,
    Unknown,
}

pub(super) fn judge_verb(verb: &str) -> Tier {
    if has(lx::EVENT_VERBS, verb) {
        Tier::Event
    } else if has(lx::RHETORIC, verb) {
        Tier::Rhetoric
    } else if has(lx::RECEIVE_VERBS, verb) {
        Tier::Receive
    } else if has(lx::STRONG, verb) {
        Tier::Strong
    } else if has(lx::CONCRETE, verb) {
        Tier::Concrete
    } else if has(lx::VAGUE, verb) {
        Tier::Vague
    } else {
        Tier::Unknown
    }
}

/// Concrete verbs used for effort: "create conditions", "install control", "provide support",
/// "develop trade and economic cooperation".
pub(super) fn is_idiom(verb: &str, rest: &str) -> bool {
    let relations = [
        "cooperation",
        "relations",
        "ties",
        "partnership",
        "dialogue",
        "contacts",
        "interaction",
        "friendship",
    ];
    if matches!(
        verb,
        "develop" | "expand" | "strengthen" | "deepen" | "promote" | "enhance" | "intensify"
    ) && rest.split_whitespace().take(6).any(|w| {
        relations
            .iter()
            .any(|r| w.trim_matches(|c: char| !c.is_alphabetic()) == *r)
    }) {
        return true;
    }
    const OBJECTS: &[&str] = &[
        "conditions",
        "opportunit",
        "an opportunit",
        "the opportunit",
        "new opportunit",
        "prerequisite",
        "favo",
        "environment",
        "basis",
        "foundation",
        "incentive",
        "control",
        "support",
        "assistance",
        "order",
        "comfortable",
        "a favo",
        "an environment",
        "the conditions",
        "the necessary conditions",
        "necessary conditions",
        "all conditions",
        "all the conditions",
        "an impetus",
        "impetus",
        "momentum",
    ];
    matches!(
        verb,
        "create"
            | "created"
            | "install"
            | "installed"
            | "establish"
            | "established"
            | "provide"
            | "provided"
            | "introduce"
            | "put"
            | "give"
            | "given"
    ) && OBJECTS.iter().any(|o| rest.starts_with(o))
        // "we will provide additional information on the results": reporting, not delivering.
        || (matches!(verb, "provide" | "provided" | "give" | "given")
            && ["information", "additional information", "more information", "further information", "details"]
                .iter()
                .any(|o| rest.starts_with(o)))
        || (matches!(verb, "put" | "introduced")
            && (rest.starts_with("forward") || rest.starts_with("in place")))
        || (matches!(verb, "pay" | "paid")
            && (rest.starts_with("attention")
                || rest.starts_with("special attention")
                || rest.starts_with("particular attention")))
}

/// An order to carry out other orders: "to implement the tasks set by the Head of State", "to
/// take control of fulfilling these instructions", "to ensure the execution of the decisions".
/// It names nothing one could check later, unless a number says what is to be done.
pub(super) fn is_meta_order(verb: &str, rest: &str) -> bool {
    #[rustfmt::skip]
    const ORDERS: &[&str] = &[
        "task", "tasks", "instruction", "instructions", "order", "orders", "assignment",
        "assignments", "decision", "decisions", "address", "message", "recommendations",
        "agreements", "arrangements", "protocol",
    ];
    let carry_out = matches!(
        verb,
        "implement"
            | "fulfil"
            | "fulfill"
            | "execute"
            | "carry"
            | "ensure"
            | "take"
            | "control"
            | "monitor"
            | "complete"
            | "accomplish"
            | "realize"
            | "realise"
            | "follow"
    );
    let clause = rest.split([',', ';']).next().unwrap_or("");
    carry_out
        && !clause.contains(|c: char| c.is_ascii_digit())
        && clause
            .split_whitespace()
            .take(8)
            .any(|w| ORDERS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// The base form of a gerund or participle when the lexicon knows it ("building" -> "build").
pub(super) fn lemma(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ing") {
        for cand in [
            stem.to_string(),
            format!("{stem}e"),
            stem[..stem.len().saturating_sub(1)].to_string(),
        ] {
            if judge_verb(&cand) != Tier::Unknown {
                return cand;
            }
        }
    }
    word.to_string()
}

pub(super) fn looks_participle(word: &str) -> bool {
    word.len() > 3
        && (word.ends_with("ed")
            || word.ends_with("en")
            || word.ends_with("wn")
            || word.ends_with("lt"))
}

/// Whether a word after "will" can be a verb: not a noun phrase's start, a number, an
/// adjective of state or an adverb ("will soon", "will only").
pub(super) fn is_verb_like(word: &str) -> bool {
    word.len() > 1
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !word.ends_with("ly")
        && !NOT_VERBS.contains(&word)
        && !has(lx::ABSTRACT_NOUNS, word)
        && !matches!(
            word,
            "also" | "too" | "then" | "there" | "here" | "so" | "all" | "soon"
        )
}

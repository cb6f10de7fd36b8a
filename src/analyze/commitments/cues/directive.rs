//! Directives phrased without "instructed": an obligation laid on a government body ("the
//! ministry needs to speed up the development of a draft law", "it is necessary for the
//! ministry and akimats to build ...") or voiced by someone who can order it ("the Head of
//! State pointed out the need to increase pensions by 7%"). The labelling brief counts
//! instructions; an order is no less one for being worded as a need. Obligations that
//! nobody in government carries ("nations need to maximise their potential", "we must
//! preserve this legacy") stay rhetoric unless a number or a date makes them checkable.
//! Part of `cues`.

use regex::Captures;

use super::judge::{Tier, judge_verb, lemma};
use super::phrase::{concrete_object, object_head};
use super::verbs::is_idiom;
use super::{Cues, Need};
use crate::analyze::commitments::lexicon::{self as lx, has};

/// Stems of the government bodies a directive can be laid on (not companies or citizens,
/// whose duties under a law are present rules, not undertakings).
const GOVERNMENT_STEMS: &[&str] = &[
    "ministr",
    "akim",
    "government",
    "state bod",
    "executive bod",
    "government bod",
    "government agenc",
    "state agenc",
    "central and local",
    "local executive",
    "operators",
    "national compan",
    "national holding",
    "committee",
    "department",
];

/// How a directive was judged: what it needs and whether a government body is the one
/// obliged (then it acts as the subject an undertaking needs).
#[derive(Debug, Clone, Copy)]
pub(super) struct Directive {
    pub need: Need,
    pub addressed: bool,
}

impl Cues {
    /// A modal of obligation ("must", "should", "need(s) to", "it is necessary (for X) to",
    /// "the need (for X) to"): the verb it obliges and to whom.
    pub(super) fn judge_directive(&self, s: &str, caps: &Captures) -> Option<Directive> {
        if caps.name("mneg").is_some() {
            return None;
        }
        let m = caps.get(0)?;
        let verb_match = caps.name("mverb")?;
        let mut verb = lemma(&verb_match.as_str().to_ascii_lowercase());
        let mut verb_end = verb_match.end();
        // "to take (the necessary) measures to build ...": the measures are what they build.
        if let Some((inner, end)) = measures_to(s, &verb, verb_end) {
            verb = inner;
            verb_end = end;
        }
        let rest = s[verb_end..].trim_start().to_ascii_lowercase();
        if is_idiom(&verb, &rest) {
            return None;
        }
        // Who is obliged: the "for ..." phrase of "necessary for the akimats to", else the
        // subject before "need(s) to" / "must".
        let addressee = caps
            .name("mfor")
            .or_else(|| caps.name("mfor2"))
            .map(|g| g.as_str().to_ascii_lowercase())
            .unwrap_or_else(|| {
                let before = s[..m.start()].to_ascii_lowercase();
                let clause = before
                    .rsplit([',', ';', ':', '"', '“'])
                    .next()
                    .unwrap_or("");
                clause.to_string()
            });
        let padded = format!(" {}", addressee.replace('(', " "));
        let addressed = GOVERNMENT_STEMS
            .iter()
            .any(|g| padded.contains(&format!(" {g}")));
        // "14 thousand cars ... need to be replaced": a thing in need, not anyone obliged.
        let need_verb =
            m.as_str().to_ascii_lowercase().starts_with("need") && caps.name("mfor2").is_none();
        let person = addressee
            .split_whitespace()
            .last()
            .is_some_and(|w| matches!(w, "we" | "i" | "you" | "they"));
        if need_verb && !addressed && !person && !addressee.trim().ends_with("the") {
            return None;
        }
        // "must be given the opportunity", "we need to keep pace": an effort or a state.
        let object = directed_object(s, verb_end);
        let passive = s[m.start()..verb_match.start()]
            .to_ascii_lowercase()
            .split_whitespace()
            .any(|w| w == "be");
        let tier = judge_verb(&verb);
        let need = match tier {
            Tier::Event | Tier::Rhetoric | Tier::Receive => return None,
            Tier::Strong => Need::Evidence,
            // "should unite their efforts": a concrete verb on an abstraction is an effort
            // (a passive's object is its subject; "increase the level of" moves a target).
            Tier::Concrete if !object && !passive && !has(lx::INDICATOR_VERBS, &verb) => {
                return None;
            }
            Tier::Vague | Tier::Unknown if !object => return None,
            Tier::Concrete if addressed => Need::Evidence,
            Tier::Concrete => Need::NumberOrDate,
            Tier::Vague | Tier::Unknown if addressed => Need::Evidence,
            Tier::Vague | Tier::Unknown => Need::NumberOrDate,
        };
        Some(Directive { need, addressed })
    }
}

/// Whether the verb at `pos` acts on something concrete, looking through an effort on a
/// nominalised action: "speed up the signing of tripartite loan agreements" acts on the
/// agreements, "ensure the construction of 20 schools" on the schools.
fn directed_object(s: &str, pos: usize) -> bool {
    let mut pos = pos;
    let rest = s[pos..].trim_start();
    if let Some(after) = rest.strip_prefix("up ") {
        pos = s.len() - after.len();
    }
    let pronoun = matches!(object_head(s, pos).as_str(), "it" | "them");
    if pronoun || has(lx::DOCUMENT_NOUNS, &object_head(s, pos)) {
        return true; // "prepare it", "develop a uniform methodology"
    }
    if concrete_object(s, pos) {
        let head = object_head(s, pos);
        if !nominal_action(&head) {
            return true;
        }
    }
    let head = object_head(s, pos);
    if !nominal_action(&head) {
        return false;
    }
    // The phrase after the action's "of": "the development | of a draft law".
    let lower = s[pos..].to_ascii_lowercase();
    let Some(i) = lower.find(&format!("{head} of ")) else {
        return false;
    };
    let inner = pos + i + head.len() + 4;
    let inner_head = object_head(s, inner);
    has(lx::DOCUMENT_NOUNS, &inner_head)
        || (concrete_object(s, inner) && !nominal_action(&inner_head))
}

/// A noun naming an action ("development", "signing", "construction"): its object is what
/// the action delivers.
fn nominal_action(head: &str) -> bool {
    head.len() > 5
        && ["ment", "tion", "sion", "ing", "ance", "ence"]
            .iter()
            .any(|e| head.ends_with(e))
}

/// "take (all the necessary) measures to build": the verb after the measures, and where it
/// ends.
fn measures_to(s: &str, verb: &str, pos: usize) -> Option<(String, usize)> {
    if !matches!(verb, "take" | "taken" | "adopt") {
        return None;
    }
    let lower = s[pos..].to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().take(5).collect();
    let at = words
        .iter()
        .position(|w| matches!(*w, "measures" | "steps" | "action" | "actions"))?;
    if words.get(at + 1) != Some(&"to") {
        return None;
    }
    let marker = format!("{} to ", words[at]);
    let i = lower.find(&marker)? + marker.len();
    let next: String = lower[i..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    (!next.is_empty()).then(|| (lemma(&next), pos + i + next.len()))
}

//! Judging one cue's wording: which verb it commits to (concrete, vague, an event, rhetoric),
//! what evidence it still needs, and the idioms that only sound concrete ("create
//! conditions"). Part of `cues`; reads the lists in `lexicon`.

use super::{Cues, Kind, Need};
use crate::analyze::commitments::lexicon::{self as lx, has};

/// What a judged cue is: its kind, what it still needs, whether it moves an indicator.
pub(super) type Judged = (Kind, Need, bool);

impl Cues {
    pub(super) fn judge_future(
        &self,
        s: &str,
        start: usize,
        end: usize,
        verb: &str,
        passive: bool,
        would: bool,
    ) -> Option<Judged> {
        let rest = s[end..].trim_start().to_ascii_lowercase();
        let before = s[..start].to_ascii_lowercase();
        if before.trim_end().ends_with("there") {
            return None; // "there will be no let-up"
        }
        let floor = if would { Need::Date } else { Need::Nothing };
        let mut verb = verb.to_string();
        let mut need = Need::Nothing;
        if !passive
            && matches!(
                verb.as_str(),
                "continue" | "start" | "begin" | "proceed" | "try" | "seek"
            )
        {
            // "will continue to build" / "will start building": judge the second verb, which then
            // needs a number or a date ("will continue to support development" is rhetoric).
            let next = rest.strip_prefix("to ").unwrap_or(&rest);
            let next: String = next
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let next = next.strip_suffix("ing").map(str::to_string).unwrap_or(next);
            if !next.is_empty() && judge_verb(&next) != Tier::Unknown {
                verb = next;
            } else if verb == "continue" {
                return None;
            }
            need = Need::NumberOrDate;
        }
        if passive {
            if matches!(
                verb.as_str(),
                "ready" | "operational" | "functional" | "completed" | "finished"
            ) {
                return Some((Kind::Future, Need::Date.max(floor), false));
            }
            if (verb == "paid" && rest.starts_with("attention"))
                || (verb == "taken" && rest.starts_with("into"))
            {
                return None;
            }
        } else if (verb == "take" && (rest.starts_with("place") || rest.starts_with("part")))
            || verb == "pay" && rest.starts_with("attention")
        {
            return None;
        }
        if is_idiom(&verb, &rest) {
            return None;
        }
        if !passive && has(lx::INDICATOR_VERBS, &verb) {
            return Some((Kind::Future, Need::NumberOrDate.max(floor), true));
        }
        let tier = judge_verb(&verb);
        let need = need.max(match tier {
            Tier::Event | Tier::Rhetoric => return None,
            Tier::Strong | Tier::Concrete => Need::Nothing,
            Tier::Vague => Need::NumberOrDate,
            Tier::Unknown if passive && looks_participle(&verb) => Need::NumberOrDate,
            Tier::Unknown => return None,
        });
        Some((Kind::Future, need.max(floor), false))
    }

    pub(super) fn judge_plan(&self, s: &str, caps: &regex::Captures) -> Option<Judged> {
        let low = |name: &str| caps.name(name).map(|g| g.as_str().to_ascii_lowercase());
        if caps.name("pneg").is_some() {
            return None;
        }
        let aux = low("paux");
        let pword = low("pword").or_else(|| low("pword2")).unwrap_or_default();
        let pto = low("pto");
        let verb = low("pverb").unwrap_or_default();
        let start = caps.get(0).map_or(0, |m| m.start());
        if matches!(aux.as_deref(), Some("was" | "were" | "had been")) {
            return Some((Kind::PastPlan, Need::Nothing, false));
        }
        if pto.as_deref() == Some("that") {
            // "it is planned that this year the coverage will be 14,000 people": a plan whose
            // target is in the clause after, unless that clause schedules an event.
            let after = caps
                .get(0)
                .map_or("", |m| &s[m.end()..])
                .to_ascii_lowercase();
            let event = after
                .split(|c: char| !c.is_alphabetic())
                .any(|w| has(lx::EVENT_VERBS, w) || w == "place");
            return (!event && aux.is_some()).then_some((Kind::Plan, Need::NumberOrDate, false));
        }
        if let Some(word) = caps.name("pword2") {
            let prev = s[..start]
                .trim_end()
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let capital = word.as_str().starts_with(|c: char| c.is_uppercase()) && start > 0;
            let determiner = matches!(
                prev.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "this"
                    | "that"
                    | "draft"
                    | "action"
                    | "our"
                    | "its"
                    | "their"
                    | "new"
                    | "general"
                    | "master"
                    | "comprehensive"
                    | "national"
                    | "state"
                    | "investment"
                    | "development"
                    | "work"
                    | "financing"
                    | "main"
                    | "key"
                    | "of"
                    | "and"
            );
            if (capital || determiner)
                && matches!(
                    pword.as_str(),
                    "plan" | "aim" | "target" | "targets" | "aims"
                )
            {
                return None; // a noun: "the draft Plan to increase ..."
            }
            let plural_subject = prev.ends_with('s')
                || matches!(
                    prev.as_str(),
                    "we" | "they"
                        | "i"
                        | "you"
                        | "also"
                        | "now"
                        | "still"
                        | "further"
                        | "government"
                        | "kazakhstan"
                        | "akimat"
                        | "ministry"
                );
            if matches!(pword.as_str(), "plan" | "aim" | "target") && !plural_subject {
                return None; // "the anti-crisis plan to solve": a noun
            }
            if pto.is_none() {
                let object = matches!(
                    verb.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "construction"
                        | "building"
                        | "creation"
                        | "opening"
                        | "launch"
                        | "commissioning"
                        | "allocation"
                );
                let verb_form = matches!(
                    pword.as_str(),
                    "plan"
                        | "plans"
                        | "envisage"
                        | "envisages"
                        | "pledged"
                        | "promised"
                        | "targets"
                );
                return (object && verb_form).then_some((Kind::Plan, Need::NumberOrDate, false));
            }
        }
        let forecast = matches!(
            pword.as_str(),
            "expected"
                | "projected"
                | "forecast"
                | "forecasted"
                | "foreseen"
                | "due"
                | "set"
                | "supposed"
                | "going"
        );
        if forecast && pto.as_deref() != Some("to") {
            return None;
        }
        let verb = lemma(&verb);
        let after = caps
            .get(0)
            .map_or("", |m| &s[m.end()..])
            .trim_start()
            .to_ascii_lowercase();
        if is_idiom(&verb, &after) {
            return None;
        }
        if forecast && has(lx::INDICATOR_VERBS, &verb) {
            return None; // "GDP is expected to grow 4%"
        }
        // "aims to", "the goal is to", "X is to build": a stated aim, a commitment only with a date.
        let aim = matches!(
            pword.as_str(),
            "aim" | "aims" | "aiming" | "target" | "targets"
        ) || (pword == "to"
            && verb != "be"
            && !caps
                .get(0)
                .is_some_and(|m| m.as_str().to_ascii_lowercase().contains(" to be ")));
        let need = match judge_verb(&verb) {
            Tier::Event => return None,
            Tier::Strong => Need::Nothing,
            Tier::Concrete if forecast => Need::NumberOrDate,
            Tier::Concrete => Need::Nothing,
            Tier::Vague | Tier::Rhetoric if forecast => return None,
            Tier::Vague | Tier::Rhetoric => Need::NumberOrDate,
            Tier::Unknown if forecast => return None,
            Tier::Unknown
                if verb.is_empty()
                    || matches!(
                        verb.as_str(),
                        "for" | "in" | "by" | "until" | "next" | "this" | "on" | "at"
                    ) =>
            {
                Need::NumberOrDate
            }
            Tier::Unknown => Need::NumberOrDate,
        };
        let need = if aim { Need::Date } else { need };
        let indicator = has(lx::INDICATOR_VERBS, &verb)
            && matches!(
                pword.as_str(),
                "aim" | "aims" | "aiming" | "target" | "targets"
            );
        Some((Kind::Plan, need, indicator))
    }

    pub(super) fn judge_instruction(&self, tail: &str) -> Option<Judged> {
        let caps = self
            .tail_to
            .captures(tail)
            .or_else(|| self.tail_with.captures(tail))?;
        let verb = lemma(&caps[1].to_ascii_lowercase());
        let end = caps.get(1).map_or(0, |m| m.end());
        if is_idiom(&verb, &tail[end..].trim_start().to_ascii_lowercase()) {
            return None;
        }
        let need = match judge_verb(&verb) {
            Tier::Event | Tier::Rhetoric => return None,
            Tier::Strong => Need::Nothing,
            Tier::Concrete if !has(lx::PROCEDURAL, &verb) => Need::Nothing,
            Tier::Concrete | Tier::Vague | Tier::Unknown => Need::NumberOrDate,
        };
        Some((Kind::Instruct, need, false))
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Tier {
    Event,
    Rhetoric,
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
fn is_idiom(verb: &str, rest: &str) -> bool {
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
        || (matches!(verb, "put" | "introduced")
            && (rest.starts_with("forward") || rest.starts_with("in place")))
        || (matches!(verb, "pay" | "paid")
            && (rest.starts_with("attention")
                || rest.starts_with("special attention")
                || rest.starts_with("particular attention")))
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

fn looks_participle(word: &str) -> bool {
    word.len() > 3
        && (word.ends_with("ed")
            || word.ends_with("en")
            || word.ends_with("wn")
            || word.ends_with("lt"))
}

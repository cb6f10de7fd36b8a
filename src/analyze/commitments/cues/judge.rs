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
                .trim_start_matches(|c: char| !c.is_alphanumeric())
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
            if matches!(pword.as_str(), "plan" | "plans") && matches!(verb.as_str(), "is" | "are") {
                // "the plan is to build 3,478.6 km": the plan itself, as plain as "plans to".
                let end = caps.get(0).map_or(s.len(), |m| m.end());
                let after = s[end..].trim_start().to_ascii_lowercase();
                let rest = after.strip_prefix("to ")?;
                let next: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                let next = lemma(&next);
                if is_idiom(&next, rest[next.len().min(rest.len())..].trim_start()) {
                    return None;
                }
                return match judge_verb(&next) {
                    Tier::Strong | Tier::Concrete => Some((Kind::Plan, Need::Nothing, false)),
                    Tier::Vague | Tier::Unknown => Some((Kind::Plan, Need::NumberOrDate, false)),
                    Tier::Event | Tier::Rhetoric => None,
                };
            }
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

    /// An instruction: the verb of its "to ..." (or "with/of ...ing") clause within the clause
    /// after the cue. `lenient` ("instructed", "tasked", "I charge", "set the task"): the
    /// government commits to whatever it is ordered to do, except rhetoric ("to pay attention",
    /// "to be"); otherwise ("ordered", "obliged") the verb is judged as after "will".
    pub(super) fn judge_instruction(&self, tail: &str, lenient: bool) -> Option<Judged> {
        let with = tail.trim_start().strip_prefix("with ").unwrap_or("");
        let noun = with.split_whitespace().next().unwrap_or("");
        if [
            "function",
            "power",
            "responsibilit",
            "dut",
            "authorit",
            "competenc",
        ]
        .iter()
        .any(|d| noun.starts_with(d))
        {
            return None; // "are entrusted with functions to ensure ...": a standing duty
        }
        let (verb, rest) = self.instructed_verb(tail)?;
        let verb = lemma(&verb);
        if is_idiom(&verb, &rest.trim_start().to_ascii_lowercase()) {
            return None;
        }
        let tier = judge_verb(&verb);
        if lenient {
            // Not an action: a state ("to be ready", "to be thoroughly prepared for the
            // reports") or attending someone else's event ("to participate in the meetings").
            let state = matches!(
                verb.as_str(),
                "be" | "become" | "remain" | "not" | "ready" | "prepared" | "able" | "aware"
            );
            let attend = matches!(verb.as_str(), "participate" | "attend" | "visit" | "meet");
            return (!state && !attend).then_some((Kind::Instruct, Need::Nothing, false));
        }
        let need = match tier {
            Tier::Event | Tier::Rhetoric => return None,
            Tier::Strong => Need::Nothing,
            Tier::Concrete if !has(lx::PROCEDURAL, &verb) => Need::Nothing,
            Tier::Concrete | Tier::Vague | Tier::Unknown => Need::NumberOrDate,
        };
        Some((Kind::Instruct, need, false))
    }

    /// The verb an instruction orders and the text after it: the first "to <verb>" of the
    /// clause ("instructed the akimats to build"), skipping "to" before a noun phrase ("gave
    /// instructions to the akims to ...", "to Deputy Prime Minister") and adverbs ("to
    /// thoroughly study"); else "with/of <verb>ing" ("tasked with building").
    fn instructed_verb<'a>(&self, tail: &'a str) -> Option<(String, &'a str)> {
        let clause_end = tail
            .char_indices()
            .find(|&(i, c)| matches!(c, '.' | ';' | ':') || i > 200)
            .map_or(tail.len(), |(i, _)| i);
        let clause = &tail[..clause_end];
        for caps in self.tail_to.captures_iter(clause) {
            let first = caps.get(1).expect("group 1");
            let word = first.as_str();
            let lower = word.to_ascii_lowercase();
            if word.starts_with(|c: char| c.is_uppercase()) && judge_verb(&lower) == Tier::Unknown {
                continue; // "to Deputy Prime Minister", "to Astana"
            }
            if NOT_VERBS.contains(&lower.as_str())
                || (lower.ends_with('s') && judge_verb(&lemma(&lower)) == Tier::Unknown)
            {
                continue; // "to the akims", "to regional akims", "to akims"
            }
            if lower.ends_with("ly") && judge_verb(&lower) == Tier::Unknown {
                if let Some(next) = caps.get(2) {
                    return Some((next.as_str().to_ascii_lowercase(), &clause[next.end()..]));
                }
                continue;
            }
            return Some((lower, &clause[first.end()..]));
        }
        let caps = self.tail_with.captures(clause)?;
        let m = caps.get(1).expect("group 1");
        Some((m.as_str().to_ascii_lowercase(), &clause[m.end()..]))
    }
}

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

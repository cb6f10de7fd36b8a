//! Judging one cue's wording: which verb it commits to (concrete, vague, an event, rhetoric),
//! what evidence it still needs, and the idioms that only sound concrete ("create
//! conditions"). Part of `cues`; reads the lists in `lexicon`.

use super::phrase::{body_subject, concrete_object, object_head, subject_head};
pub(super) use super::verbs::{NOT_VERBS, Tier, judge_verb, lemma};
use super::verbs::{is_idiom, is_meta_order, is_verb_like, looks_participle};
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
        // "there will be no let-up"; but "there will be developed an agreement" is a passive
        // with its subject after the verb.
        let inverted = passive && looks_participle(verb);
        if before.trim_end().ends_with("there") && !inverted {
            return None;
        }
        let last_word = before.split_whitespace().last().unwrap_or("");
        if would && matches!(last_word, "which" | "who" | "that") {
            return None; // "there was not a single enterprise which would be launched"
        }
        // "It is expected that 5,000 graduates will enter the labour market": a forecast
        // lead-in; only building, commissioning and the like keep their force under it.
        let forecast_lead = [
            "expected that",
            "forecast that",
            "projected that",
            "predicted that",
            "estimated that",
            "anticipated that",
            "assumed that",
            "likely that",
        ]
        .iter()
        .any(|l| before.contains(l));
        if forecast_lead && !has(lx::STRONG, &verb.to_ascii_lowercase()) {
            return None;
        }
        let floor = if would { Need::Date } else { Need::Nothing };
        let mut verb = verb.to_string();
        let mut end = end;
        let mut rest = rest;
        if verb.ends_with("ly") && judge_verb(&verb) == Tier::Unknown {
            // "will substantially expand": an adverb outside the list; judge the verb after it.
            let next: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if next.is_empty() {
                return None;
            }
            end = s.len() - rest.len() + next.len();
            rest = rest[next.len()..].trim_start().to_string();
            verb = next;
        }
        let rest = rest;
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
        if let Some(next) = rest.strip_prefix("and ") {
            // "will review and adopt the draft law": the coordinated verb that commits more.
            let next: String = next
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let rank = |t: Tier| match t {
                Tier::Strong => 3,
                Tier::Concrete => 2,
                Tier::Vague => 1,
                _ => 0,
            };
            let first = judge_verb(&verb);
            if rank(judge_verb(&next)) > rank(judge_verb(&verb))
                && !matches!(first, Tier::Event | Tier::Rhetoric)
            {
                verb = next;
            }
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
            Tier::Receive if passive => match verb.as_str() {
                "acquired" | "obtained" => Need::Nothing,
                _ => Need::NumberOrDate,
            },
            // "Residents of Shcherbakty will receive consultations": delivery to a group.
            Tier::Receive if !concrete_object(s, end) => return None,
            Tier::Receive if body_subject(s, start) => Need::Nothing,
            Tier::Receive => Need::NumberOrDate,
            Tier::Unknown if passive && looks_participle(&verb) => Need::NumberOrDate,
            // A verb outside the lists with a concrete object ("KPPF will send the projects"):
            // an undertaking when a number, a date or an acting subject backs it.
            Tier::Unknown if !passive && is_verb_like(&verb) && concrete_object(s, end) => {
                Need::Evidence
            }
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
        let pword = low("pword")
            .or_else(|| low("pword2"))
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut pto = low("pto");
        let mut verb = low("pverb").unwrap_or_default();
        let start = caps.get(0).map_or(0, |m| m.start());
        let mut cue_end = caps.get(0).map_or(s.len(), |m| m.end());
        // "we are planning jointly with Russia to build", "it is planned in 2019 to open": an
        // adjunct between the plan and its infinitive.
        if pto.is_none()
            && let Some(v) = caps.name("pverb")
            && let Some((infinitive, end)) = infinitive_after_adjunct(s, v.start())
        {
            pto = Some("to".to_string());
            verb = infinitive;
            cue_end = end;
        }
        if matches!(aux.as_deref(), Some("was" | "were" | "had been")) {
            return Some((Kind::PastPlan, Need::Nothing, false));
        }
        if pto.as_deref() == Some("that")
            && matches!(
                pword.as_str(),
                "expected" | "projected" | "forecast" | "forecasted" | "foreseen" | "supposed"
            )
        {
            return None; // "it is expected that ...": the clause after is judged on its own
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
                    Tier::Vague | Tier::Unknown | Tier::Receive => {
                        Some((Kind::Plan, Need::NumberOrDate, false))
                    }
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
            if matches!(
                pword.as_str(),
                "envisages"
                    | "envisage"
                    | "foresees"
                    | "foresee"
                    | "stipulates"
                    | "stipulate"
                    | "provides for"
                    | "provide for"
            ) {
                // "the program envisages an increase in ...", "the budget provides for 5
                // billion tenge": a plan's content; a document as subject commits it.
                let end = caps.get(0).map_or(s.len(), |m| m.end());
                let from = caps.name("pverb").map_or(end, |v| v.start());
                if !concrete_object(s, from) && !s[from..].trim_start().starts_with("to ") {
                    return None;
                }
                let document = has(lx::DOCUMENT_NOUNS, &subject_head(s, start));
                let need = if document {
                    Need::Nothing
                } else {
                    Need::Evidence
                };
                return (document || !pword.starts_with("provide")).then_some((
                    Kind::Plan,
                    need,
                    false,
                ));
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
        if matches!(pword.as_str(), "envisaged" | "provided for") && pto.is_none() {
            // "budget crediting and subsidies are provided for under the Nurly Zhol State
            // Program": what a plan provides, named as the subject.
            let after = caps
                .name("pword")
                .map_or("", |m| &s[m.end()..])
                .trim_start()
                .to_ascii_lowercase();
            let stranded = ["under", "in ", "by ", "within", "through", ".", ",", ";"]
                .iter()
                .any(|w| after.starts_with(w));
            if pword == "provided for" && !stranded {
                return None; // "benefits are provided for families": a present state
            }
            let head = subject_head(s, start);
            let concrete = !head.is_empty()
                && !has(lx::ABSTRACT_NOUNS, &head)
                && !has(lx::EFFECT_NOUNS, &head)
                && !has(lx::EVENT_NOUNS, &head);
            let need = if concrete {
                Need::Nothing
            } else {
                Need::NumberOrDate
            };
            return Some((Kind::Plan, need, false));
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
        let after = s[cue_end..].trim_start().to_ascii_lowercase();
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
        let verb_end = cue_end;
        let object = || concrete_object(s, verb_end);
        let promise = matches!(
            pword.as_str(),
            "promised" | "promises" | "pledged" | "pledges" | "vowed" | "vows" | "committed"
        );
        let need = match judge_verb(&verb) {
            // "plans to hold biometric authentication": "hold" is an event only for a gathering.
            Tier::Event
                if !forecast
                    && matches!(verb.as_str(), "hold" | "held")
                    && !has(lx::EVENT_NOUNS, &object_head(s, verb_end))
                    && object() =>
            {
                Need::Evidence
            }
            Tier::Event => return None,
            Tier::Strong => Need::Nothing,
            Tier::Concrete if forecast => Need::NumberOrDate,
            Tier::Concrete => Need::Nothing,
            Tier::Vague | Tier::Rhetoric | Tier::Receive if forecast => return None,
            // "Karim Massimov promised to inspect the canals": a promise by someone named.
            Tier::Vague if promise && object() => Need::Evidence,
            Tier::Vague | Tier::Rhetoric | Tier::Receive => Need::NumberOrDate,
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
            // A verb outside the lists with a concrete object: backed by a number, a date or
            // the actor as subject ("the Ministry plans to digitize 40 services").
            Tier::Unknown if is_verb_like(&verb) && object() => Need::Evidence,
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
        let rest_lower = rest.trim_start().to_ascii_lowercase();
        if is_idiom(&verb, &rest_lower) || is_meta_order(&verb, &rest_lower) {
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
            Tier::Concrete | Tier::Vague | Tier::Unknown | Tier::Receive => Need::NumberOrDate,
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

/// The infinitive of a plan separated from it by an adjunct: "planning | jointly with Russia
/// to build", "planned | in 2019 to open". The gap must start with a preposition or an adverb
/// of time or manner (not a noun phrase: "plans the construction of roads to link ..." is a
/// plan's object) and stay within the clause. Returns the verb and where it ends.
fn infinitive_after_adjunct(s: &str, gap_start: usize) -> Option<(String, usize)> {
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
    if word.is_empty() || NOT_VERBS.contains(&word.as_str()) {
        return None;
    }
    let end = gap_start + i + 4 + (lower.len() - i - 4 - after.len()) + word.len();
    Some((word, end))
}

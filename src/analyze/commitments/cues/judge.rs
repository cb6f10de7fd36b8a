//! Judging one cue's wording: which verb it commits to (concrete, vague, an event, rhetoric),
//! what evidence it still needs, and the idioms that only sound concrete ("create
//! conditions"). Part of `cues`; reads the lists in `lexicon`.

use super::phrase::{
    body_subject, concrete_object, coordinated_infinitives, infinitive_after_adjunct, object_head,
    subject_head,
};
pub(super) use super::verbs::{NOT_VERBS, Tier, judge_verb, lemma};
use super::verbs::{is_idiom, is_verb_like, looks_participle};
use super::there::there_will_be;
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
            let object = if verb == "be" { end } else { end - verb.len() };
            return there_will_be(s, &before, object);
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
            "calculated that",
            "believed that",
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
            if verb == "available" {
                // "All training programs will be available on-line", "from July 1, 20 state
                // services will be available on the e-Government portal": a service delivered.
                // A broadcast or a recording being available is an event's coverage.
                let head = subject_head(s, start);
                if matches!(
                    head.as_str(),
                    "transmission" | "stream" | "video" | "recording" | "footage" | "photos"
                ) {
                    return None;
                }
                let online = [
                    "online",
                    "on-line",
                    "on the",
                    "in electronic",
                    "electronically",
                ]
                .iter()
                .any(|w| rest.starts_with(w));
                let need = if online {
                    Need::Nothing
                } else {
                    Need::NumberOrDate
                };
                return Some((Kind::Future, need.max(floor), false));
            }
            if (verb == "paid" && (rest.starts_with("attention") || subject_head(s, start) == "attention"))
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
        // "Monopolists will be obliged to post ...", "the service will be transferred to the
        // Committee", "the procedure will be simplified": a passive future whose subject is a
        // concrete thing or group is something the government will do to it.
        let done_to_concrete = passive
            && !would
            && looks_participle(&verb)
            && {
                let head = subject_head(s, start);
                !head.is_empty()
                    && head.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                    && !has(lx::ABSTRACT_NOUNS, &head)
                    && !has(lx::EFFECT_NOUNS, &head)
                    && !matches!(
                        head.as_str(),
                        "problems" | "problem" | "materials" | "material" | "relations" | "level"
                            | "situation" | "funds" | "money" | "it" | "there" | "size" | "amount"
                            | "length" | "number" | "share" | "fines" | "penalty" | "pavilion"
                            | "suggestions" | "recommendations" | "proposals" | "questions"
                    )
            }
            // A standing rule or a routine ("will be calculated as before", "will be set
            // annually", "will be selected according to the criteria") is not an undertaking.
            && ![
                "as before",
                "annually",
                "every year",
                "each year",
                "according to",
                "on the basis of",
                "in accordance with",
                "as usual",
                "into two",
                "into three",
            ]
            .iter()
            .any(|w| rest.contains(w));
        let need = need.max(match tier {
            Tier::Event | Tier::Rhetoric => return None,
            Tier::Strong | Tier::Concrete => Need::Nothing,
            Tier::Vague if done_to_concrete => Need::Nothing,
            Tier::Vague => Need::NumberOrDate,
            Tier::Receive if passive => match verb.as_str() {
                "acquired" | "obtained" => Need::Nothing,
                _ => Need::NumberOrDate,
            },
            // "Residents of Shcherbakty will receive consultations": delivery to a group.
            Tier::Receive if !concrete_object(s, end) => return None,
            Tier::Receive if body_subject(s, start) => Need::Nothing,
            Tier::Receive => Need::NumberOrDate,
            Tier::Unknown if done_to_concrete => Need::Nothing,
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
        // "Our goal is not just to train 10 thousand farmers ..., but also": not a negation.
        if let Some(neg) = caps.name("pneg") {
            let after = s[neg.end()..].trim_start().to_ascii_lowercase();
            if !["just ", "only ", "merely "]
                .iter()
                .any(|w| after.starts_with(w))
            {
                return None;
            }
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
                // "this year plans 4 projects for 2 billion tenge": a counted object (not a year).
                let after = s[cue_end..].trim_start();
                let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
                let counted = verb.is_empty()
                    && !digits.is_empty()
                    && !(digits.len() == 4
                        && (digits.starts_with("19") || digits.starts_with("20")));
                let object = counted
                    || matches!(
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
        let already = caps
            .get(0)
            .is_some_and(|m| m.as_str().to_ascii_lowercase().contains("already"));
        if matches!(pword.as_str(), "envisaged" | "provided for") && pto.is_none() && already {
            return None; // "About 300 billion tenge is already provided for in the budget" (pm-1971)
        }
        if matches!(pword.as_str(), "envisaged" | "provided for") && pto.is_none() {
            // "budget crediting and subsidies are provided for under the Nurly Zhol State
            // Program": what a plan provides, named as the subject.
            if pword == "provided for" && !stranded(s, caps) {
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
        if matches!(pword.as_str(), "planned" | "scheduled") && pto.is_none() {
            // "45 joint activities are planned.", "Commissioning is scheduled for 2019": the
            // subject is what is planned; with a number or a date, and not a meeting.
            let head = subject_head(s, start);
            if stranded(s, caps) && !head.is_empty() && !has(lx::EVENT_NOUNS, &head) && head != "it" {
                return Some((Kind::Plan, Need::NumberOrDate, false));
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
        let after = s[cue_end..].trim_start().to_ascii_lowercase();
        if is_idiom(&verb, &after) {
            return None;
        }
        if forecast && has(lx::INDICATOR_VERBS, &verb) {
            return None; // "GDP is expected to grow 4%"
        }
        // "plans to use advanced technologies, reduce administrative barriers ...", "we plan to
        // involve the banks, to create a single microcredit operator": a plan lists several
        // infinitives; the most concrete of them is what it commits to.
        let verb = if matches!(judge_verb(&verb), Tier::Vague | Tier::Unknown) && !forecast {
            coordinated_infinitives(&s[cue_end..])
                .into_iter()
                .find(|v| matches!(judge_verb(v), Tier::Strong | Tier::Concrete) && !has(lx::PROCEDURAL, v))
                .unwrap_or(verb)
        } else {
            verb
        };
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
        // An aim commits with a date; one to build or train a stated number ("Our goal is to
        // train 10 thousand farmers") also with that number, unless it moves an indicator.
        let need = if aim
            && matches!(judge_verb(&verb), Tier::Strong | Tier::Concrete)
            && !has(lx::INDICATOR_VERBS, &verb)
            && object()
            && s[verb_end..].contains(|c: char| c.is_ascii_digit())
        {
            Need::NumberOrDate
        } else if aim {
            Need::Date
        } else {
            need
        };
        let indicator = has(lx::INDICATOR_VERBS, &verb)
            && matches!(
                pword.as_str(),
                "aim" | "aims" | "aiming" | "target" | "targets"
            );
        Some((Kind::Plan, need, indicator))
    }
}

/// Whether a plan's word ("planned", "provided for") is left without an object, the thing
/// planned being its subject: nothing follows, or an adjunct or a clause break does ("are
/// provided for under the Nurly Zhol State Program", "is scheduled for 2019", "are planned.").
fn stranded(s: &str, caps: &regex::Captures) -> bool {
    let after = caps.name("pword").map_or("", |m| &s[m.end()..]).trim_start().to_ascii_lowercase();
    after.is_empty()
        || ["under", "in ", "by ", "for ", "until ", "within", "through", ".", ",", ";"]
            .iter()
            .any(|w| after.starts_with(w))
}

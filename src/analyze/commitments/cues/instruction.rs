//! Judging an instruction's wording: the verb that "instructed ... to", "tasked with ...ing"
//! or "set the task to" orders, skipping "to" before a noun phrase, and whether it commits.
//! Part of `cues`, split from `judge` to keep files short.

use super::judge::Judged;
use super::verbs::{NOT_VERBS, Tier, is_idiom, is_meta_order, judge_verb, lemma};
use super::{Cues, Kind, Need};
use crate::analyze::commitments::lexicon::{self as lx, has};

impl Cues {
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
            // Orders with nothing to check afterwards: "to consider the creation of ...", "to
            // keep this issue under control", "to intensify work on ...", "to continue ...".
            let oversight = matches!(verb.as_str(), "consider" | "keep" | "continue" | "control" | "deal" | "concentrate" | "focus")
                || (matches!(verb.as_str(), "intensify" | "strengthen" | "step")
                    && rest_lower.starts_with("work"))
                || (verb == "take" && (rest_lower.starts_with("control") || rest_lower.starts_with("special control")));
            if oversight {
                return None;
            }
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
        // A full stop inside an initial ("the Minister of Agriculture, A.Myrzahmetov, to
        // establish") does not end the clause.
        let clause_end = tail
            .char_indices()
            .find(|&(i, c)| {
                let stop = match c {
                    '.' => tail[i + 1..].chars().next().is_none_or(char::is_whitespace),
                    ';' | ':' => true,
                    _ => false,
                };
                stop || i > 200
            })
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

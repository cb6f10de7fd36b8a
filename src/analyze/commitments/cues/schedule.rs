//! The news present for a scheduled action: a present passive ("the rest of the classes are
//! gradually transferred") or active ("Samruk-Kazyna SWF launches a new platform") with a
//! period still to come. Part of `cues`, split from it to keep files short.

use super::judge::{Tier, judge_verb};
use super::phrase::{event_subject, subject_head};
use super::{Cue, Cues, Kind, Need};
use crate::analyze::commitments::lexicon::{self as lx, has};

impl Cues {
    /// A present passive of a concrete verb with a period still to come: "Beginning with the
    /// next academic year, the rest of the classes are gradually transferred." (the present
    /// for a schedule).
    pub(super) fn scheduled_present(&self, s: &str) -> Option<Cue> {
        self.coming_period.find(s)?;
        let caps = self.present_passive.captures_iter(s).find(|c| {
            let verb = c[1].to_ascii_lowercase();
            matches!(judge_verb(&verb), Tier::Strong | Tier::Concrete)
                && (verb.ends_with("ed") || verb.ends_with("en") || verb.ends_with('t'))
        })?;
        let m = caps.get(0).expect("group 0");
        let clause_start = s[..m.start()]
            .rfind([',', ';', ':', '('])
            .map_or(0, |i| i + 1);
        let subordinate = s[clause_start..m.start()].split_whitespace().any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "that" | "which" | "if" | "when"
            )
        });
        (!subordinate
            && !event_subject(s, m.start())
            && !has(lx::ABSTRACT_NOUNS, &subject_head(s, m.start())))
        .then_some(Cue::bare(m.start(), m.end(), Kind::Plan, Need::Nothing))
    }

    /// A present active of a verb that commits on its own, with a period still to come:
    /// "Samruk-Kazyna SWF launches a new platform for electronic procurement in July this
    /// year." (the news present for a scheduled action). The verb must take an object ("a",
    /// "the", a number) and follow its subject, so plural nouns ("the plants") do not count.
    pub(super) fn scheduled_active(&self, s: &str) -> Option<Cue> {
        self.coming_period.find(s)?;
        let words: Vec<(usize, &str)> = s
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
            .collect();
        for (i, &(at, w)) in words.iter().enumerate().skip(1) {
            let lower = w.to_ascii_lowercase();
            let stem = lower
                .strip_suffix("es")
                .filter(|st| has(lx::STRONG, st))
                .or_else(|| lower.strip_suffix('s'))
                .unwrap_or("");
            if stem.is_empty() || !has(lx::STRONG, stem) || stem.ends_with('d') {
                continue;
            }
            let prev = words[i - 1].1.to_ascii_lowercase();
            let next = words
                .get(i + 1)
                .map_or(String::new(), |w| w.1.to_ascii_lowercase());
            let subject_before = !prev.ends_with([',', ';', ':'])
                && !matches!(
                    prev.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "of"
                        | "for"
                        | "and"
                        | "to"
                        | "with"
                        | "by"
                        | "in"
                        | "on"
                        | "at"
                        | "its"
                        | "their"
                        | "new"
                        | "which"
                        | "that"
                        | "who"
                );
            let object_after = matches!(next.as_str(), "a" | "an" | "the" | "its" | "new")
                || next.starts_with(|c: char| c.is_ascii_digit());
            if subject_before && object_after && !event_subject(s, at) {
                return Some(Cue::bare(at, at + w.len(), Kind::Plan, Need::Nothing));
            }
        }
        None
    }
}

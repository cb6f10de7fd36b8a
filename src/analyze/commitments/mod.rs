//! Commitment finding: which sentences of an article commit a named or implied actor to a
//! concrete future action or target, following the tagging guideline's definition, and the
//! slots of each (actor, promised quantities, deadline, status).
//!
//! Owns: [`CommitmentFinder`] and [`CommitmentDraft`]. Input: the text, its sentence spans
//! (from `analyze::sentences`) and the publication date when known. Output: one draft per
//! commitment sentence, in the order of the spans given. Regions and sector are not filled
//! here. Rule based, no I/O, never panics; regexes are compiled once in
//! [`CommitmentFinder::new`].
//!
//! How a sentence is judged (details in the submodules):
//! - `cues`: wording that can commit ("will be built", "plans to", "instructed ... to",
//!   "is under construction") and what each still needs (nothing, a number or a date);
//!   vetoes for questions, conditionals, events as subject, rhetoric and forecasts;
//! - `quantities`, `deadline`: the evidence, read outside clauses about the past;
//! - `actor`: who commits.

mod actor;
mod cues;
mod deadline;
mod lexicon;
mod quantities;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::analyze::sentences::SentenceSpan;
use crate::domain::{CommitmentStatus, Deadline, Quantity};
use cues::{Cue, Kind, Need};

/// Finds commitment sentences and fills their slots. Build once, reuse for every article:
/// construction compiles all regexes, `find` only runs them.
pub struct CommitmentFinder {
    cues: cues::Cues,
    quantities: quantities::QuantityReader,
    deadlines: deadline::DeadlineReader,
    actors: actor::ActorReader,
    clause_break: Regex,
    past: Regex,
    future: Regex,
    forecast_subject: Regex,
}

/// A commitment's slots before the span is attached: actor, quantities, deadline, status.
type Slots = (
    Option<String>,
    Vec<Quantity>,
    Option<Deadline>,
    CommitmentStatus,
);

/// A commitment sentence as found in one text, before regions and sector are added.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentDraft {
    /// The whole sentence (char offsets into the text).
    pub span: SentenceSpan,
    /// Who commits, as written ("the Prime Minister", "the akimat", "Kazakhtelecom"); `None`
    /// when the actor is only implied (a passive with nobody named).
    pub actor: Option<String>,
    /// What is promised, in text order: counts, money, measures, percentages.
    pub quantities: Vec<Quantity>,
    /// The time phrase closest to the commitment's wording, with its year when certain.
    pub deadline: Option<Deadline>,
    /// Planned unless the sentence says work is under way, done or dropped.
    pub status: CommitmentStatus,
}

impl Default for CommitmentFinder {
    fn default() -> Self {
        Self::new()
    }
}

impl CommitmentFinder {
    /// Compiles every pattern. Costs a few milliseconds: build one finder and share it.
    pub fn new() -> Self {
        CommitmentFinder {
            cues: cues::Cues::new(),
            quantities: quantities::QuantityReader::new(),
            deadlines: deadline::DeadlineReader::new(),
            actors: actor::ActorReader::new(),
            clause_break: Regex::new(r"(?i);|,\s+(?:and|but|while|whereas|which|where|compared|against|as\s+against|whereby|including|of\s+which)(?-u:\b)|\s+(?:while|whereas|compared\s+(?:to|with)|as\s+against|against|than\s+(?:in|at|last|the\s+same|a\s+year|previous|over|during|for))(?-u:\b)|\(|\)|:\s").expect("clause regex"),
            past: Regex::new(r"(?i)(?-u:\b)(?:was|were|has\s+been|have\s+been|had\s+been|had|amounted|totaled|totalled|accounted|reached|grew|rose|fell|increased|decreased|declined|exceeded|compared|last\s+year|against|than|ago|previous|so\s+far|to\s+date|already|built|commissioned|opened|launched|completed|allocated|received|did|produced|identified|registered|exported|imported|harvested|financed|invested|implemented|attracted|created|repaired|reconstructed|constructed|paid|spent|sold|issued|signed|adopted|approved|held|visited|carried|started|began|delivered|handed|transferred|purchased|acquired|disbursed|covered|employed|trained)(?-u:\b)").expect("past regex"),
            future: Regex::new(r"(?i)(?-u:\b)(?:will|shall|would|plans?\s+to|planning|(?:is|are|it)\s+planned|planned\s+to|to\s+be|scheduled|intends?|aims?|expected|must|should|is\s+to|are\s+to|instructed|tasked|envisaged|promised|pledged|next\s+year|by\s+20\d\d|under\s+construction|being|necessary|committed|undertook|vowed|targets?|due\s+to\s+be|set\s+to|going\s+to|ordered|obliged|entrusted|charged|envisages?)(?-u:\b)").expect("future regex"),
            forecast_subject: Regex::new(r"(?i)(?-u:\b)(?:gdp|inflation|economy|economic\s+growth|prices?|exchange\s+rate|growth\s+rate|base\s+rate|budget\s+deficit|unemployment)(?-u:\b)").expect("forecast regex"),
        }
    }

    /// `published`: the article's date when known, to resolve relative deadlines ("next year", "this year", "by the end of the year").
    ///
    /// Returns the commitments among `sentences` (spans into `text`, e.g. from
    /// `split_sentences`), in the order given. Spans that do not fit `text` are skipped.
    pub fn find(
        &self,
        text: &str,
        sentences: &[SentenceSpan],
        published: Option<NaiveDate>,
    ) -> Vec<CommitmentDraft> {
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let mut out = Vec::new();
        for span in sentences {
            if span.start >= span.end || span.end >= byte_at.len() {
                continue;
            }
            let s = &text[byte_at[span.start]..byte_at[span.end]];
            if let Some((actor, quantities, deadline, status)) = self.judge(s, published) {
                out.push(CommitmentDraft {
                    span: *span,
                    actor,
                    quantities,
                    deadline,
                    status,
                });
            }
        }
        out
    }

    /// One sentence: `Some(slots)` when it is a commitment.
    fn judge(&self, s: &str, published: Option<NaiveDate>) -> Option<Slots> {
        if s.len() < 12 || !self.cues.any(s) || self.cues.vetoed(s) {
            return None;
        }
        let cues = self.cues.find(s);
        if cues.is_empty() {
            return None;
        }
        let past = self.past_ranges(s);
        let in_past = |start: usize, end: usize| past.iter().any(|&(a, b)| start >= a && end <= b);
        let pub_year = published.map(|d| d.year());
        let deadlines: Vec<deadline::Found> = self
            .deadlines
            .read(s, published)
            .into_iter()
            .filter(|d| !in_past(d.start, d.end))
            .filter(|d| !matches!((d.deadline.year, pub_year), (Some(y), Some(p)) if y < p))
            .collect();
        let quantities: Vec<quantities::Found> = self
            .quantities
            .read(s, 0, s.len())
            .into_iter()
            .filter(|q| !in_past(q.start, q.end))
            .filter(|q| !deadlines.iter().any(|d| q.start < d.end && d.start < q.end))
            .collect();
        let mentions = self.actors.mentions(s);
        // Evidence: a number written in digits, and a deadline other than a plan period ("the
        // concept for 2017-2020"), which counts only right after the cue ("scheduled for 2019").
        let has_q = quantities.iter().any(|q| {
            s[q.start..]
                .starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == '€' || c == '₸')
        });
        let weak = |d: &deadline::Found, c: &Cue| {
            let lower = d.deadline.text.to_ascii_lowercase();
            lower.starts_with("since ")
                || (lower.starts_with("for ") && !(d.start >= c.start && d.start <= c.end + 1))
        };
        let strong_deadline = |c: &Cue| deadlines.iter().any(|d| !weak(d, c));
        let by_target = deadlines
            .iter()
            .any(|d| d.deadline.text.to_ascii_lowercase().starts_with("by "));
        let accepted: Vec<&Cue> = cues
            .iter()
            .filter(|c| !matches!(c.kind, Kind::PastPlan | Kind::Progress))
            .filter(|c| match c.need {
                Need::Nothing => true,
                Need::NumberOrDate => has_q || strong_deadline(c),
                Need::Date | Need::Completion => strong_deadline(c),
            })
            .filter(|c| {
                let subject = || self.actors.subject_of(s, &mentions, c.start);
                if c.indicator {
                    subject() || (by_target && !self.forecast_subject.is_match(&s[..c.start]))
                } else if c.active && !subject() {
                    !c.needs_actor && (has_q || strong_deadline(c))
                } else {
                    true
                }
            })
            .collect();
        let progress = cues.iter().find(|c| c.kind == Kind::Progress);
        let (cue, status) = if let Some(first) = accepted.first() {
            let status = if self.cues.cancelled(s) {
                CommitmentStatus::Cancelled
            } else if progress.is_some() || self.cues.completed(s) {
                CommitmentStatus::InProgress
            } else {
                CommitmentStatus::Planned
            };
            (*first, status)
        } else if let Some(p) = progress.filter(|p| strong_deadline(p)) {
            (p, CommitmentStatus::InProgress)
        } else if let Some(p) = cues.iter().find(|c| c.kind == Kind::PastPlan) {
            if self.cues.cancelled(s) {
                (p, CommitmentStatus::Cancelled)
            } else if self.cues.completed(s) {
                (p, CommitmentStatus::Completed)
            } else {
                return None;
            }
        } else {
            return None;
        };
        let active = matches!(cue.kind, Kind::Plan | Kind::Future)
            && !s[cue.start..cue.end].contains(" be ");
        let actor = self.actors.choose(s, &mentions, cue.start, active);
        let deadline = deadlines
            .into_iter()
            .min_by_key(|d| {
                (
                    weak(d, cue),
                    distance((d.start, d.end), (cue.start, cue.end)),
                )
            })
            .map(|d| d.deadline);
        Some((
            actor,
            quantities.into_iter().map(|q| q.quantity).collect(),
            deadline,
            status,
        ))
    }

    /// Byte ranges of clauses that only report the past ("150 schools were built in 2018"),
    /// whose numbers and dates are not what the sentence promises.
    fn past_ranges(&self, s: &str) -> Vec<(usize, usize)> {
        let mut cuts: Vec<usize> = vec![0];
        cuts.extend(self.clause_break.find_iter(s).map(|m| m.start()));
        cuts.push(s.len());
        cuts.windows(2)
            .map(|w| (w[0], w[1]))
            .filter(|&(a, b)| {
                let clause = &s[a..b];
                self.past.is_match(clause) && !self.future.is_match(clause)
            })
            .collect()
    }
}

/// Bytes between two ranges (0 when they overlap).
fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1))
}

#[cfg(test)]
mod tests;

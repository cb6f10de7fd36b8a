//! Progress evidence: sentences that report how an undertaking is going without being
//! commitments themselves, and the claim each one supports.
//!
//! Owns: finding update sentences in an article ([`find_updates`]: progress with or without a
//! share done or a programme being implemented, delivery, postponement, cancellation or
//! suspension, by English cue patterns) and attaching each update to the claim it is about
//! ([`attach_updates`], with the linker's signals). Skips commitment sentences, questions and
//! conditionals, negated cues ("have not been put into operation"), future or planned cues
//! (those are commitments or plans), generic statements whose subject names nothing ("30 new
//! projects were commissioned"), and historical background ("commissioned in 1945").
//! Invariants: pure; output in sentence order; never panics on any text or span.

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::link::features::content_stems;
use super::link::{Interner, Linker, MAX_POSTING};
use super::{CommitmentRecord, UpdateKind, UpdateRecord};
use crate::analyze::sentences::SentenceSpan;
use crate::domain::CommitmentStatus;

/// A delivery that names a year before this is background history, not news of an undertaking.
pub const HISTORICAL_BEFORE: i32 = 2000;

/// The cue patterns, compiled once.
struct Cues {
    delayed_to: Regex,
    delayed: Regex,
    cancelled: Regex,
    delivered: Regex,
    percent: Regex,
    progress: Regex,
    future: Regex,
    negation: Regex,
    year: Regex,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("cue patterns are valid");
        Cues {
            delayed_to: re(r"(?i)\b(postpone[sd]?|delayed|deferred|put off|pushed back|rescheduled|shifted|moved|transferred|carried over)\b(?:\s+\w+){0,4}?\s+(to|until|till|for)\s+(?:the\s+)?(?:(?:end|beginning|start|middle|first half|second half|autumn|spring|summer|winter|first quarter|second quarter|third quarter|fourth quarter)\s+of\s+)?(?:\d{1,2}\s+)?(?:[a-z]+\.?\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d\d)\b(?:\s*[-–]\s*((?:19|20)\d\d))?"),
            delayed: re(r"(?i)\b(has been|have been|had been|was|were|is|are|will be|to be)\s+(postponed|delayed|deferred|rescheduled|put off|pushed back)\b"),
            cancelled: re(r"(?i)\b((has|have|had) been|was|were|is|are|remains?)\s+(officially\s+|temporarily\s+|completely\s+)?(cancell?ed|abandoned|scrapped|suspended|frozen|halted|stopped|discontinued|annulled|mothballed)\b|\b(construction|production|works?|project|implementation|operations?)\s+(suspended|halted|frozen|stopped)\b|\b(construction|production|works?|project|implementation|operations?)\s+(?:(?:at|of|on|in)\s+\w+\s+)?(suspended|halted|stopped)\b"),
            delivered: re(r"(?i)\b((has|have|had) been|was|were)\s+(?:\w+\s+){0,2}?(commissioned|put into (?:commercial\s+)?(?:operation|service|exploitation)|inaugurated|launched|opened|completed|built|constructed|finished|handed over|installed|reconstructed|connected)\b|\bopened its doors\b|\b(started|began|begun|commenced) (operating|operation|its work|to operate|production|working)\b|\bcame (into|on) (operation|stream|line)\b|\b(has|have) (?:\w+\s+)?(opened|launched|commissioned|completed|built|finished|put into (?:commercial\s+)?(?:operation|service))\b|\bcommissioned (in|on|last|this|early|late)\b"),
            percent: re(r"(?i)(\d+(?:[.,]\d+)?)\s*(?:%|per ?cent)\s+(?:complete|completed|ready|done|finished|built)\b|readiness[^.;]{0,50}?(\d+(?:[.,]\d+)?)\s*(?:%|per ?cent)|(\d+(?:[.,]\d+)?)\s*(?:%|per ?cent)\s+of\s+(?:the\s+)?(?:construction|works?|installation)\b[^.;]{0,30}?\b(?:complete|completed|done|carried out|performed|finished)\b"),
            progress: re(r"(?i)\b(is|are)\s+(currently\s+|now\s+|still\s+)?(under construction|being built|being constructed|being reconstructed|being erected|being installed|being implemented|underway|under way|in progress|in full swing|nearing completion)\b|\b(construction|works?|installation|reconstruction)\s+(has |have |had )?(started|began|begun|commenced|is underway|is under way|are underway|are under way|is in full swing|are in full swing|is ongoing|are ongoing)\b"),
            future: re(r"(?i)\b(will|shall|plans?|planned|planning|intends?|expected|scheduled|going to|is to|are to|to be|should|must|aims?)\b"),
            negation: re(r"(?i)\b(not|never|no longer|yet to|failed to)\b|n't\b"),
            year: re(r"\b(1[89]\d\d|20\d\d)\b"),
        }
    })
}

/// Words of the cues and generic subjects; a sentence needs a content word beyond these.
const GENERIC: &[&str] = &[
    "object", "facility", "facilities", "work", "works", "it", "this", "site", "sites", "enterprise", "enterprises",
    "commissioned", "operation", "launched", "opened", "completed", "built", "constructed", "finished", "construction",
    "postponed", "delayed", "cancelled", "suspended", "frozen", "progress", "complete", "ready", "readiness", "percent",
    "only", "already", "total", "today", "now", "currently", "service", "put", "doors", "began", "started", "number",
];

/// Sentences of an article that report progress on an undertaking without being commitments:
/// "construction is 60% complete", "the programme is being implemented", "was commissioned",
/// "has been put into operation", "opened its doors", "was launched", "postponed to 2026",
/// "delayed until", "shifted to 2020", "was cancelled", "suspended", "frozen". Past completions are updates (delivered). Sentences
/// overlapping a commitment span (char offsets, end exclusive) are skipped, as are generic
/// statements without an object. Why: a claim's status needs evidence that is not itself a
/// promise.
pub fn find_updates(text: &str, sentences: &[SentenceSpan], commitment_spans: &[(usize, usize)]) -> Vec<(SentenceSpan, UpdateKind)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(SentenceSpan, UpdateKind)> = sentences
        .iter()
        .filter(|s| s.start < s.end && s.end <= chars.len())
        .filter(|s| !commitment_spans.iter().any(|&(a, b)| a < s.end && s.start < b))
        .filter_map(|s| classify(&s.text_in(&chars)).map(|k| (*s, k)))
        .collect();
    out.sort_by_key(|(s, _)| (s.start, s.end));
    out.dedup_by_key(|(s, _)| (s.start, s.end));
    out
}

/// What one sentence reports, if it is an update.
pub(crate) fn classify(sentence: &str) -> Option<UpdateKind> {
    let c = cues();
    let s = sentence.trim();
    if s.ends_with('?') || s.to_lowercase().starts_with("if ") || !has_object(s) {
        return None;
    }
    let negated = |start: usize| {
        let before = &s[..start];
        let tail_start = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
        c.negation.is_match(&before[tail_start..])
    };
    if let Some(m) = c.delayed_to.captures(s) {
        let whole = m.get(0).map_or(0, |g| g.start());
        if !negated(whole) {
            let year = m.get(4).or(m.get(3)).and_then(|y| y.as_str().parse().ok());
            return Some(UpdateKind::Delayed { to_year: year });
        }
    }
    if let Some(m) = c.delayed.find(s).filter(|m| !negated(m.start())) {
        let year = c.year.find(&s[m.end()..]).and_then(|y| y.as_str().parse().ok());
        return Some(UpdateKind::Delayed { to_year: year });
    }
    // A plan or promise before the cue makes it a plan, not news ("it is planned to launch").
    let planned = |start: usize| c.future.is_match(&s[..start]);
    if c.cancelled.find(s).is_some_and(|m| !negated(m.start()) && !planned(m.start())) {
        return Some(UpdateKind::Cancelled);
    }
    if let Some(caps) = c.percent.captures(s) {
        let at = caps.get(0).map_or(0, |g| g.start());
        let value = caps.get(1).or(caps.get(2)).or(caps.get(3)).and_then(|v| v.as_str().replace(',', ".").parse::<f32>().ok());
        if !negated(at) && !planned(at) && value.is_some_and(|v| (0.0..=100.0).contains(&v)) {
            return Some(if value == Some(100.0) { UpdateKind::Delivered } else { UpdateKind::Progress { percent: value } });
        }
    }
    if c.delivered.find(s).is_some_and(|m| !negated(m.start()) && !planned(m.start())) {
        let historical = c.year.find_iter(s).filter_map(|y| y.as_str().parse::<i32>().ok()).any(|y| y < HISTORICAL_BEFORE);
        return if historical { None } else { Some(UpdateKind::Delivered) };
    }
    if c.progress.find(s).is_some_and(|m| !negated(m.start()) && !planned(m.start())) {
        return Some(UpdateKind::Progress { percent: None });
    }
    None
}

/// Whether the sentence names something beyond the cue and generic subjects.
fn has_object(s: &str) -> bool {
    content_stems(s).iter().any(|stem| !GENERIC.iter().any(|g| super::link::features::stem(g) == *stem))
}

/// Which claim (index into `claims`) each update supports, if any: the claim with the best
/// score between the update and any of its members (the linker's signals: content words,
/// regions, sector, embedding), when that reaches [`Linker::attach_threshold`]. Candidates are
/// the members sharing a word held by at most [`MAX_POSTING`] commitments. A delivery,
/// delay or cancellation dated before a claim's first dated commitment cannot be about it.
/// Ties go to the lower claim index.
pub fn attach_updates(linker: &Linker, commitments: &[CommitmentRecord], claims: &[Vec<usize>], updates: &[UpdateRecord]) -> Vec<Option<usize>> {
    let mut interner = Interner::default();
    let profiles: Vec<_> = commitments.iter().map(|c| linker.profile(c, &mut interner)).collect();
    let mut claim_of: Vec<Option<usize>> = vec![None; commitments.len()];
    for (ci, members) in claims.iter().enumerate() {
        for &m in members.iter().filter(|&&m| m < commitments.len()) {
            claim_of[m] = Some(ci);
        }
    }
    let first_date: Vec<Option<chrono::NaiveDate>> =
        claims.iter().map(|members| members.iter().filter_map(|&m| commitments.get(m)?.published).min()).collect();
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        for t in p.term_ids() {
            postings.entry(t).or_default().push(i);
        }
    }
    updates
        .iter()
        .map(|u| {
            let record = as_record(u);
            let pu = linker.profile(&record, &mut interner);
            let mut candidates: Vec<usize> = pu
                .term_ids()
                .filter_map(|t| postings.get(&t))
                .filter(|l| l.len() <= MAX_POSTING)
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut best: Option<(f32, usize)> = None;
            for m in candidates {
                let Some(ci) = claim_of[m] else { continue };
                let too_early = !matches!(u.kind, UpdateKind::Progress { .. })
                    && matches!((u.published, first_date[ci]), (Some(d), Some(f)) if d < f);
                if too_early {
                    continue;
                }
                let score = linker.compare(&pu, &profiles[m]).score;
                if score >= linker.attach_threshold
                    && best.is_none_or(|(bs, bc)| score > bs || (score == bs && ci < bc))
                {
                    best = Some((score, ci));
                }
            }
            best.map(|(_, ci)| ci)
        })
        .collect()
}

/// An update seen as a commitment record, so the linker can compare it.
fn as_record(u: &UpdateRecord) -> CommitmentRecord {
    CommitmentRecord {
        key: u.key.clone(),
        article: u.article.clone(),
        source: u.source.clone(),
        published: u.published,
        text: u.text.clone(),
        actor: None,
        quantities: vec![],
        deadline: None,
        regions: u.regions.clone(),
        sector: u.sector.clone(),
        status: match u.kind {
            UpdateKind::Delivered => CommitmentStatus::Completed,
            UpdateKind::Cancelled => CommitmentStatus::Cancelled,
            _ => CommitmentStatus::InProgress,
        },
        embedding: u.embedding.clone(),
    }
}

//! Sector scoring: which sectors a text is substantively about, from the taxonomy's terms,
//! sentence by sentence.
//!
//! A sentence's score for a sector is the sum of its distinct matched terms' weights (strong 1,
//! weak 0.5), capped at 1. The text's score combines its sentences' scores as independent
//! evidence: 1 - Π(1 - 0.7·s). One sentence with a strong term gives 0.7; a weak term alone,
//! 0.35; two strong sentences, 0.91.

use std::collections::HashSet;

use super::phrases::PhraseMatcher;
use super::sentences::SentenceSpan;
use super::taxonomy::Taxonomy;
use super::text::Token;
use crate::domain::{SectorId, SectorScore};

const STRONG: f32 = 1.0;
const WEAK: f32 = 0.5;
const SENTENCE_WEIGHT: f32 = 0.7;

/// Scores sectors.
pub struct SectorTagger {
    matcher: PhraseMatcher<(usize, f32)>,
    ids: Vec<SectorId>,
    threshold: f32,
}

/// Per-sentence sector scores, for choosing a commitment's sector.
pub struct SentenceSectors {
    /// For each sentence, `(sector index, score)` for sectors with any term.
    pub per_sentence: Vec<Vec<(usize, f32)>>,
}

impl SectorTagger {
    /// Builds the term matcher from the taxonomy.
    pub fn new(t: &Taxonomy) -> SectorTagger {
        let mut matcher = PhraseMatcher::default();
        for (i, s) in t.sectors.iter().enumerate() {
            for term in &s.strong {
                matcher.insert(term, (i, STRONG));
            }
            for term in &s.weak {
                matcher.insert(term, (i, WEAK));
            }
        }
        SectorTagger { matcher, ids: t.sectors.iter().map(|s| s.id.clone()).collect(), threshold: t.threshold }
    }

    /// The valid sector ids, in taxonomy order.
    pub fn ids(&self) -> &[SectorId] {
        &self.ids
    }

    /// The id of sector number `i`.
    pub fn id(&self, i: usize) -> &SectorId {
        &self.ids[i]
    }

    /// Scores each sentence (sentences are char spans; tokens must be sorted by offset).
    pub fn score_sentences(&self, tokens: &[Token], sentences: &[SentenceSpan]) -> SentenceSectors {
        let found = self.matcher.find_all(tokens, |_| true);
        let mut per_sentence = vec![Vec::new(); sentences.len()];
        let mut terms_seen: Vec<HashSet<usize>> = vec![HashSet::new(); sentences.len()];
        let mut s = 0;
        for f in found {
            let at = tokens[f.first].start;
            while s < sentences.len() && sentences[s].end <= at {
                s += 1;
            }
            if s == sentences.len() {
                break;
            }
            if at < sentences[s].start || !terms_seen[s].insert(f.entry) {
                continue;
            }
            let (sector, weight) = *f.value;
            let row: &mut Vec<(usize, f32)> = &mut per_sentence[s];
            match row.iter_mut().find(|(i, _)| *i == sector) {
                Some((_, score)) => *score = (*score + weight).min(1.0),
                None => row.push((sector, weight.min(1.0))),
            }
        }
        SentenceSectors { per_sentence }
    }

    /// The text's sectors at or above the threshold, best first.
    pub fn text_scores(&self, s: &SentenceSectors) -> Vec<SectorScore> {
        let mut keep = vec![1.0f32; self.ids.len()];
        for row in &s.per_sentence {
            for &(i, score) in row {
                keep[i] *= 1.0 - SENTENCE_WEIGHT * score;
            }
        }
        let mut out: Vec<SectorScore> = keep
            .iter()
            .enumerate()
            .map(|(i, k)| SectorScore { id: self.ids[i].clone(), score: ((1.0 - k) * 1000.0).round() / 1000.0 })
            .filter(|s| s.score >= self.threshold)
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        out
    }
}

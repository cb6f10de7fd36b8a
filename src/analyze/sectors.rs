//! Sector scoring: which sectors a text is substantively about, from the taxonomy's terms,
//! sentence by sentence.
//!
//! The tagging guideline counts a sector when at least one sentence is substantively about it,
//! not when a word of it is mentioned in passing. The scoring follows that in three steps:
//!
//! 1. **Terms.** A sentence's evidence for a sector is the sum of its distinct matched terms'
//!    weights (strong 1, weak 0.5), up to [`SENTENCE_CAP`]. A term inside the name of an
//!    organisation or post ("Minister of Energy", "Ministry of Culture and Sport", "Foreign
//!    Investors' Council") is a name, not a topic, and counts nothing; so does a term inside one
//!    of the taxonomy's neutral phrases ("Silk Road"). A term that heads the name of one
//!    institution ("East Kazakhstan State University") counts as a weak term.
//! 2. **Substantive sentences.** A sentence with evidence of at least 1 (a strong term, or two
//!    weak ones) is about the sector; a sentence with terms of [`LIST_SECTORS`] or more sectors
//!    is a list of topics ("trade, education and agriculture were discussed") and each of them
//!    counts [`LIST_FACTOR`] of it. The lead sentence (headline or first sentence) counts
//!    [`LEAD_FACTOR`] times. A sentence with weak terms only does not make a sector; it adds
//!    [`WEAK_SUPPORT`] of its evidence to a sector that has a substantive one.
//! 3. **The article.** The sum over sentences is the sector's evidence. A sector is reported
//!    when its evidence reaches the taxonomy's `threshold` (about two substantive sentences), or
//!    when it reaches `min_evidence` and at least `relative` times the evidence of the article's
//!    main sector: a single sentence on a topic matters in an article of a few sentences and is
//!    a passing mention in a long article about something else.
//!
//! The reported score is `1 - 0.5^evidence` (one substantive sentence 0.5, two 0.75).
//!
//! For commitments, [`SentenceSectors::per_sentence`] scores each sentence's sectors with the
//! evidence of the sentences just before it, since a commitment often continues the sentence
//! that names its topic. The constants were chosen on the development gold set, checked on
//! each half of it separately.

use std::collections::HashMap;

use super::phrases::{Found, PhraseMatcher};
use super::sentences::SentenceSpan;
use super::taxonomy::Taxonomy;
use super::text::Token;
use crate::domain::{SectorId, SectorScore};

const STRONG: f32 = 1.0;
const WEAK: f32 = 0.5;
/// A sentence's evidence for one sector counts up to this (a strong and a weak term).
const SENTENCE_CAP: f32 = 1.5;
/// A sentence with terms of this many sectors is a list of topics.
const LIST_SECTORS: usize = 3;
/// What each topic of such a list counts.
const LIST_FACTOR: f32 = 0.5;
/// What the lead sentence counts.
const LEAD_FACTOR: f32 = 1.5;
/// What a sentence with weak terms only adds, per unit of its evidence.
const WEAK_SUPPORT: f32 = 0.1;
/// What the evidence of the sentences before a commitment adds to its own, for its sector: a
/// substantive sentence before it outweighs a lone weak term of its own (0.6 > 0.5); nothing
/// carried over outweighs a strong term of its own (0.6 × 1.5 < 1).
const CONTEXT: f32 = 0.6;
/// How the carried evidence fades with each sentence.
const CONTEXT_DECAY: f32 = 0.5;
/// Weight of the article's evidence in a commitment's sector (only breaks ties).
const ARTICLE_TIE_BREAK: f32 = 0.001;
/// Words that join the parts of a name ("Ministry of Labour and Social Protection").
const NAME_JOINERS: [&str; 4] = ["of", "for", "and", "the"];
/// At most this many chars (space, comma, quote) may separate two words of one name.
const NAME_GAP: usize = 2;

/// What a listed phrase of the taxonomy stands for.
#[derive(Debug, Clone, Copy)]
enum Term {
    /// A term of sector number `.0` with weight `.1`.
    Sector(usize, f32),
    /// A phrase that contains sector words without being about the sector.
    Neutral,
}

/// Whether a term is part of a name (see [`SectorTagger::in_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    /// Not part of a name.
    No,
    /// Inside the name of an organisation or post: not a topic.
    Inside,
    /// The head of the name of one institution: a weak term.
    Head,
}

/// Scores sectors.
pub struct SectorTagger {
    matcher: PhraseMatcher<Term>,
    heads: PhraseMatcher<()>,
    ids: Vec<SectorId>,
    threshold: f32,
    min_evidence: f32,
    relative: f32,
}

/// Per-sentence sector scores.
pub struct SentenceSectors {
    /// For each sentence, `(sector index, score)` for choosing the sector of a commitment made
    /// in it: the sentence's own evidence, plus [`CONTEXT`] of the evidence carried over from
    /// the sentences before it (so "It is planned to launch 11 more by 2021." takes the topic of
    /// the sentence it continues), plus a tie-breaker favouring the article's main sectors.
    pub per_sentence: Vec<Vec<(usize, f32)>>,
    /// For each sentence, `(sector index, evidence)` for sectors with any counted term.
    evidence: Vec<Vec<(usize, f32)>>,
    /// Whether each sentence is a list of topics (see the module doc).
    lists: Vec<bool>,
}

impl SectorTagger {
    /// Builds the term matcher from the taxonomy.
    pub fn new(t: &Taxonomy) -> SectorTagger {
        let mut matcher = PhraseMatcher::default();
        for (i, s) in t.sectors.iter().enumerate() {
            for term in &s.strong {
                matcher.insert(term, Term::Sector(i, STRONG));
            }
            for term in &s.weak {
                matcher.insert(term, Term::Sector(i, WEAK));
            }
        }
        for phrase in &t.neutral {
            matcher.insert(phrase, Term::Neutral);
        }
        let mut heads = PhraseMatcher::default();
        for head in &t.name_heads {
            heads.insert(head, ());
        }
        SectorTagger {
            matcher,
            heads,
            ids: t.sectors.iter().map(|s| s.id.clone()).collect(),
            threshold: t.threshold,
            min_evidence: t.min_evidence,
            relative: t.relative,
        }
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
        let mut evidence = vec![Vec::new(); sentences.len()];
        // The weight each listed term has counted in each sentence: a term counts once.
        let mut terms_seen: Vec<HashMap<usize, f32>> = vec![HashMap::new(); sentences.len()];
        let mut s = 0;
        // Index of the first token of sentence `s`.
        let mut first_token = 0;
        for f in &found {
            let at = tokens[f.first].start;
            while s < sentences.len() && sentences[s].end <= at {
                s += 1;
            }
            if s == sentences.len() {
                break;
            }
            let Term::Sector(sector, weight) = *f.value else { continue };
            if at < sentences[s].start {
                continue;
            }
            while first_token < f.first && tokens[first_token].start < sentences[s].start {
                first_token += 1;
            }
            let last_token = tokens[f.last..].iter().position(|t| t.start >= sentences[s].end).map_or(tokens.len(), |n| f.last + n);
            let weight = match self.in_name(tokens, f, first_token, last_token) {
                Name::Inside => continue,
                Name::Head => weight.min(WEAK),
                Name::No => weight,
            };
            let seen = terms_seen[s].entry(f.entry).or_insert(0.0);
            if weight <= *seen {
                continue;
            }
            let weight = weight - std::mem::replace(seen, weight);
            let row: &mut Vec<(usize, f32)> = &mut evidence[s];
            match row.iter_mut().find(|(i, _)| *i == sector) {
                Some((_, score)) => *score = (*score + weight).min(SENTENCE_CAP),
                None => row.push((sector, weight.min(SENTENCE_CAP))),
            }
        }
        let lists = evidence.iter().map(|row| row.len() >= LIST_SECTORS).collect();
        let mut out = SentenceSectors { per_sentence: Vec::new(), evidence, lists };
        out.per_sentence = self.commitment_scores(&out);
        out
    }

    /// The scores of [`SentenceSectors::per_sentence`].
    fn commitment_scores(&self, s: &SentenceSectors) -> Vec<Vec<(usize, f32)>> {
        let article = self.text_evidence(s);
        let main = article.iter().copied().fold(0.0f32, f32::max).max(f32::MIN_POSITIVE);
        let mut carried = vec![0.0f32; self.ids.len()];
        let mut out = Vec::with_capacity(s.evidence.len());
        for row in &s.evidence {
            let mut scores = vec![0.0f32; self.ids.len()];
            for &(i, e) in row {
                scores[i] += e;
            }
            for (i, c) in carried.iter().enumerate() {
                scores[i] += CONTEXT * c;
            }
            out.push(
                scores
                    .iter()
                    .enumerate()
                    .filter(|&(_, &x)| x > 0.0)
                    .map(|(i, &x)| (i, x + ARTICLE_TIE_BREAK * article[i] / main))
                    .collect(),
            );
            for c in carried.iter_mut() {
                *c *= CONTEXT_DECAY;
            }
            for &(i, e) in row {
                carried[i] = carried[i].max(e);
            }
        }
        out
    }

    /// Whether the term `f` is part of the name of an organisation or post: it follows a name
    /// head within a name ("Ministry of Culture and Sport", "Minister of energy", "министр
    /// энергетики") or precedes one ("Foreign Investors' Council", "Energy Ministry"); or it is
    /// itself the head of a name ("East Kazakhstan State University"). Tokens `from..to` are the
    /// sentence's.
    fn in_name(&self, tokens: &[Token], f: &Found<'_, Term>, from: usize, to: usize) -> Name {
        let joined = |a: &Token, b: &Token| b.start.saturating_sub(a.end) <= NAME_GAP;
        let is_joiner = |t: &Token| NAME_JOINERS.contains(&t.norm.as_str());
        let is_head = |k: usize| (tokens[k].capitalised || tokens[k].cyrillic) && !self.heads.matches_at(tokens, k).is_empty();
        let inside = |yes: bool| if yes { Name::Inside } else { Name::No };
        let term = &tokens[f.first..f.last];
        if term.iter().any(|t| t.cyrillic) {
            // Russian and Kazakh names put the field after the head, in the genitive.
            return inside(f.first > from && joined(&tokens[f.first - 1], &tokens[f.first]) && is_head(f.first - 1));
        }
        if !term.iter().all(|t| t.capitalised || is_joiner(t)) {
            // A lower-case term is in a name only right after "Minister of".
            return inside(
                f.first >= from + 2
                    && matches!(tokens[f.first - 1].norm.as_str(), "of" | "for")
                    && joined(&tokens[f.first - 1], &tokens[f.first])
                    && joined(&tokens[f.first - 2], &tokens[f.first - 1])
                    && is_head(f.first - 2),
            );
        }
        let mut k = f.first;
        while k > from && joined(&tokens[k - 1], &tokens[k]) {
            k -= 1;
            if is_head(k) {
                return Name::Inside;
            }
            if !(tokens[k].capitalised || is_joiner(&tokens[k])) {
                break;
            }
        }
        let mut k = f.last;
        while k < to && joined(&tokens[k - 1], &tokens[k]) && tokens[k].capitalised {
            if is_head(k) {
                return Name::Inside;
            }
            k += 1;
        }
        // "Kazakh State University": the term heads a name that a capitalised word (not the
        // sentence's first) begins; it names one institution and counts as a weak term.
        let named = f.first > from + 1 && tokens[f.first - 1].capitalised && joined(&tokens[f.first - 1], &tokens[f.first]);
        if named && is_head(f.last - 1) {
            return Name::Head;
        }
        Name::No
    }

    /// Each sector's evidence in the text (see the module doc), by sector index.
    fn text_evidence(&self, s: &SentenceSectors) -> Vec<f32> {
        let mut substantive = vec![0.0f32; self.ids.len()];
        let mut support = vec![0.0f32; self.ids.len()];
        for (n, (row, &list)) in s.evidence.iter().zip(&s.lists).enumerate() {
            for &(i, e) in row {
                if e >= STRONG {
                    let list_factor = if list { LIST_FACTOR } else { 1.0 };
                    let lead_factor = if n == 0 { LEAD_FACTOR } else { 1.0 };
                    substantive[i] += e * list_factor * lead_factor;
                } else {
                    support[i] += e * WEAK_SUPPORT;
                }
            }
        }
        substantive.iter().zip(&support).map(|(&s, &w)| if s > 0.0 { s + w } else { 0.0 }).collect()
    }

    /// The text's sectors that are reported (see the module doc), best first.
    pub fn text_scores(&self, s: &SentenceSectors) -> Vec<SectorScore> {
        let evidence = self.text_evidence(s);
        let main = evidence.iter().copied().fold(0.0f32, f32::max);
        let mut out: Vec<SectorScore> = evidence
            .iter()
            .enumerate()
            .filter(|&(_, &e)| e > 0.0 && (e >= self.threshold || (e >= self.min_evidence && e >= self.relative * main)))
            .map(|(i, &e)| SectorScore { id: self.ids[i].clone(), score: ((1.0 - 0.5f32.powf(e)) * 1000.0).round() / 1000.0 })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        out
    }
}

#[cfg(test)]
mod tests;

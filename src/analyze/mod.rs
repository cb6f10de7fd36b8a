//! Tagging text with the regions it concerns, the sectors it covers and the commitments it
//! reports, as defined by the tagging guideline.
//!
//! Owns: the rules and their resources (gazetteer, taxonomy). Input: a text and, when known,
//! its publication date. Output: an [`Analysis`] with char offsets into the text.
//! Invariants: no I/O (the gazetteer and taxonomy arrive as text); never fails and never
//! panics on any input; the same text, date and [`Analyzer::version`] always give the same
//! analysis, so stored analyses are redone only when the version changes.

mod commitments;
pub mod embed;
mod endings;
pub mod eval;
mod gazetteer;
mod phrases;
mod regions;
mod sectors;
pub mod sentences;
mod taxonomy;
mod text;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub use gazetteer::Gazetteer;
pub use taxonomy::Taxonomy;
pub use commitments::learned;

use crate::domain::{Analysis, Commitment, RegionId, SectorId};
use commitments::CommitmentFinder;
use regions::RegionTagger;
use sectors::SectorTagger;

/// Bumped whenever a rule changes what the analyzer outputs; part of [`Analyzer::version`].
pub const RULES_VERSION: u32 = 11;

/// The analyzer's resources are unusable.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// The gazetteer file does not parse or is inconsistent.
    #[error("gazetteer is invalid: {0} (rebuild it with tools/gazetteer/build.py or fix config/gazetteer.toml)")]
    Gazetteer(String),
    /// The taxonomy file does not parse or is inconsistent.
    #[error("sector taxonomy is invalid: {0} (see config/sectors.toml)")]
    Taxonomy(String),
    /// The commitment model file does not parse.
    #[error("commitment model is invalid: {0} (retrain it with `newsmine train-commitments`, or remove `commitment_model` from the configuration to use the rules alone)")]
    CommitmentModel(String),
    /// The sector classifier does not fit the taxonomy.
    #[error("the sector encoder does not fit the taxonomy: {0} (retrain it with `newsmine train-sector-encoder`, as the Makefile does, or remove `sector_encoder` from the configuration to use the rules alone)")]
    SectorEncoder(String),
}

/// The analyze stage, ready to tag texts; cheap to share between threads.
pub struct Analyzer {
    regions: RegionTagger,
    sectors: SectorTagger,
    /// The fine-tuned sector classifier, when configured ([`Analyzer::with_sector_encoder`]).
    sector_encoder: Option<learned::sectors::SectorEncoder>,
    commitments: CommitmentFinder,
    version: String,
}

/// Words that point back to a region named elsewhere in the article.
const REGION_ANAPHORA: &[&str] = &["the region", "the oblast", "the city", "the regional", "региона", "области", "города", "облысы"];

impl Analyzer {
    /// Builds the analyzer from the text of the gazetteer and taxonomy files.
    pub fn new(gazetteer_toml: &str, taxonomy_toml: &str) -> Result<Analyzer, AnalyzeError> {
        let g = Gazetteer::from_toml(gazetteer_toml).map_err(AnalyzeError::Gazetteer)?;
        let t = Taxonomy::from_toml(taxonomy_toml).map_err(AnalyzeError::Taxonomy)?;
        let mut h = Sha256::new();
        h.update(RULES_VERSION.to_le_bytes());
        h.update(gazetteer_toml.as_bytes());
        h.update(taxonomy_toml.as_bytes());
        let version = format!("{RULES_VERSION}-{}", &hex::encode(h.finalize())[..12]);
        Ok(Analyzer {
            regions: RegionTagger::new(&g),
            sectors: SectorTagger::new(&t),
            sector_encoder: None,
            commitments: CommitmentFinder::new(),
            version,
        })
    }

    /// Adds the learned commitment-sentence model (the text of `config/commitment-model.tsv`):
    /// sentences whose commitment wording the rules turn down for want of evidence count when
    /// the model accepts them. Part of [`Analyzer::version`].
    pub fn with_commitment_model(mut self, model_text: &str) -> Result<Analyzer, AnalyzeError> {
        let model = commitments::learned::SentenceModel::parse(model_text).map_err(AnalyzeError::CommitmentModel)?;
        self.commitments = self.commitments.with_model(model);
        let mut h = Sha256::new();
        h.update(model_text.as_bytes());
        self.version = format!("{}-{}", self.version, &hex::encode(h.finalize())[..8]);
        Ok(self)
    }

    /// Whether a sentence has commitment wording (see [`CommitmentFinder::worded`]).
    pub fn has_commitment_wording(&self, s: &str) -> bool {
        self.commitments.worded(s)
    }

    /// Adds the fine-tuned commitment classifier (see [`learned::encoder`]): it reads the
    /// sentences with commitment wording that the rules turned down and accepts those at its
    /// threshold, and drops the rules' commitments it gives almost nothing. Part of
    /// [`Analyzer::version`].
    pub fn with_commitment_encoder(mut self, encoder: learned::encoder::EncoderModel) -> Analyzer {
        self.version = format!("{}-e{}", self.version, encoder.id());
        self.commitments = self.commitments.with_encoder(encoder);
        self
    }

    /// Adds the fine-tuned sector classifier (see [`learned::sectors`]): a sector is reported
    /// when the mean of its probability and the rules' score reaches the model's threshold, with
    /// that mean as its score. Its sectors must be the taxonomy's. Part of [`Analyzer::version`].
    pub fn with_sector_encoder(mut self, encoder: learned::sectors::SectorEncoder) -> Result<Analyzer, AnalyzeError> {
        let taxonomy: Vec<&str> = self.sectors.ids().iter().map(|s| s.as_str()).collect();
        if encoder.about().sectors.iter().map(String::as_str).ne(taxonomy.iter().copied()) {
            return Err(AnalyzeError::SectorEncoder(format!(
                "it was trained on the sectors {:?}, the taxonomy has {:?}",
                encoder.about().sectors,
                taxonomy
            )));
        }
        self.version = format!("{}-s{}", self.version, encoder.id());
        self.sector_encoder = Some(encoder);
        Ok(self)
    }

    /// Identifies the rules and resources: analyses made with another version are redone.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The region ids the gazetteer defines.
    pub fn region_ids(&self) -> &[RegionId] {
        self.regions.ids()
    }

    /// The sector ids the taxonomy defines.
    pub fn sector_ids(&self) -> &[SectorId] {
        self.sectors.ids()
    }

    /// Tags one text. `published` resolves relative deadlines ("next year").
    pub fn analyze(&self, text: &str, published: Option<NaiveDate>) -> Analysis {
        let chars: Vec<char> = text.chars().collect();
        let tokens = text::tokenize(text);
        let sentences = sentences::split_sentences(text);
        let regions = self.regions.tag(&chars, &tokens);
        let per_sentence = self.sectors.score_sentences(&tokens, &sentences);
        let mut sectors = self.sectors.text_scores(&per_sentence);
        // The sector encoder's lower states, which the commitment encoder reuses.
        let mut lower = None;
        if let Some(encoder) = &self.sector_encoder {
            let keep = self.commitments.encoder().map_or(0, |e| e.about().frozen);
            (sectors, lower) = combined_sectors(encoder, self.sectors.ids(), &chars, &sentences, sectors, keep);
        }
        let drafts = self.commitments.find(text, &sentences, published, lower.as_ref());
        let main_region = match regions.as_slice() {
            [only] => Some(only.id.clone()),
            _ => None,
        };
        let commitments = drafts
            .into_iter()
            .map(|d| {
                let (start, end) = (d.span.start, d.span.end);
                let sentence: String = chars[start..end].iter().collect();
                let mut in_sentence: Vec<RegionId> = regions
                    .iter()
                    .filter(|r| r.mentions.iter().any(|m| m.start >= start && m.end <= end))
                    .map(|r| r.id.clone())
                    .collect();
                if in_sentence.is_empty() {
                    let lower = sentence.to_lowercase();
                    if let Some(r) = main_region.as_ref().filter(|_| REGION_ANAPHORA.iter().any(|w| lower.contains(w))) {
                        in_sentence.push(r.clone());
                    }
                }
                let index = sentences.iter().position(|s| s.start == start);
                let sector = index
                    .and_then(|i| per_sentence.per_sentence[i].iter().max_by(|a, b| a.1.total_cmp(&b.1)))
                    .map(|(i, _)| self.sectors.id(*i).clone())
                    .or_else(|| sectors.first().map(|s| s.id.clone()));
                Commitment {
                    start,
                    end,
                    text: sentence,
                    actor: d.actor,
                    quantities: d.quantities,
                    deadline: d.deadline,
                    regions: in_sentence,
                    sector,
                    status: d.status,
                }
            })
            .collect();
        Analysis { regions, sectors, commitments }
    }
}

/// The sectors of the rules (`rules`) and the sector classifier together: each sector's score is
/// the mean of the classifier's probability and the rules' score (0 when the rules do not
/// report it), reported at the classifier's threshold. `ids`: the taxonomy's, which are the
/// classifier's ([`Analyzer::with_sector_encoder`] checks). Should the classifier fail, the
/// rules' sectors stand. Also returns the sentences' states after the first `keep` layers,
/// which the classifier computed on its way.
fn combined_sectors(
    encoder: &learned::sectors::SectorEncoder,
    ids: &[SectorId],
    chars: &[char],
    sentences: &[sentences::SentenceSpan],
    rules: Vec<crate::domain::SectorScore>,
    keep: usize,
) -> (Vec<crate::domain::SectorScore>, Option<learned::encoder::LowerStates>) {
    let texts: Vec<String> = sentences
        .iter()
        .take(encoder.about().sentences)
        .map(|s| text::same_length_spaces(&chars[s.start..s.end].iter().collect::<String>()).into_owned())
        .collect();
    let (p, lower) = match encoder.read(&texts.iter().map(String::as_str).collect::<Vec<_>>(), keep) {
        Ok(read) => read,
        Err(e) => {
            tracing::warn!("the sector encoder failed, the rules' sectors stand: {e}");
            return (rules, None);
        }
    };
    let accept = encoder.about().accept;
    let mut out: Vec<crate::domain::SectorScore> = ids
        .iter()
        .zip(p)
        .filter_map(|(id, p)| {
            let rule = rules.iter().find(|r| &r.id == id).map_or(0.0, |r| r.score);
            let mean = (p + rule) / 2.0;
            (mean >= accept).then(|| crate::domain::SectorScore { id: id.clone(), score: (mean * 1000.0).round() / 1000.0 })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    (out, Some(lower))
}

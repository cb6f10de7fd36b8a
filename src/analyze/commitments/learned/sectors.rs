//! The fine-tuned sector classifier: all-MiniLM-L6-v2 with its top layers trained on the
//! labelled articles' sectors, one logit per sector for each sentence, and an article's logit
//! the log-sum-exp of its sentences' (a soft maximum: the guideline counts a sector when one
//! sentence is substantively about it).
//!
//! Why: the taxonomy's terms say what a sentence mentions; the labellers tag what an article is
//! about, and no list of terms has closed that gap on text the terms were not written from
//! (README, "Tagging quality"). Trained on labelled articles and combined with the rules' score
//! (their mean must reach [`SectorAbout::accept`]), it lifted sector F1 on held-out sets where
//! frozen sentence vectors and word regressions did not.
//!
//! Owns: [`SectorEncoder`] (loading, per-article probabilities), its training ([`train`]) and
//! the file layout of a trained model, the commitment encoder's ([`super::encoder`]) with a
//! head of one row per sector and [`SectorAbout`] in `about.json`. Made at install time by
//! `newsmine train-sector-encoder` (`make run`, `make test`), never committed.
//! Invariants: no I/O after [`SectorEncoder::load`]; an article's probabilities do not depend
//! on how its sentences are batched (padding is masked out).

use std::path::Path;

use candle_core::{Device, Tensor};
use serde::{Deserialize, Serialize};

use super::bert::{self, Bert, LAYERS};
use super::encoder::{self, EncoderError, LowerStates, Tuned, WEIGHTS_FILE};
use super::finetune::{Progress, Trainable, shuffle};

/// The training recipe's version, recorded in [`SectorAbout::recipe`]: bump it when training
/// changes in a way the parameters do not show, so that `--if-stale` retrains.
pub const RECIPE: u32 = 1;
/// An article's first sentences that models trained before the cap was recorded
/// ([`SectorAbout::sentences`]) read: 48, all but the longest releases.
pub const MAX_SENTENCES: usize = 48;
/// Sentences per forward pass of the lower layers in training.
const BATCH: usize = 16;

/// What a trained sector model says about itself (`about.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorAbout {
    /// First 12 hex digits of the base weights' sha256: the trained layers fit only those.
    pub base: String,
    /// Layers below this index are the base model's, unchanged.
    pub frozen: usize,
    /// The sector ids of the head's rows, in order.
    pub sectors: Vec<String>,
    /// The gold files trained on, each with the start of its sha256.
    pub trained_on: Vec<String>,
    /// Training articles.
    pub articles: usize,
    /// Passes over the training articles.
    pub epochs: usize,
    /// A sector is reported when the mean of this model's probability and the rules' score
    /// reaches this.
    pub accept: f32,
    /// The training recipe's version ([`RECIPE`]) when this was trained.
    pub recipe: u32,
    /// An article's first sentences the model was trained on, and reads.
    #[serde(default = "max_sentences")]
    pub sentences: usize,
}

fn max_sentences() -> usize {
    MAX_SENTENCES
}

/// A loaded sector classifier.
pub struct SectorEncoder {
    tuned: Tuned,
    about: SectorAbout,
}

/// How the sector classifier is trained. The defaults are the values measured on the labelled
/// sets (README, "Tagging quality").
#[derive(Debug, Clone)]
pub struct SectorParams {
    /// Layers kept as they are; those above are trained.
    pub frozen: usize,
    /// Passes over the training articles.
    pub epochs: usize,
    /// Learning rate of the trained layers.
    pub layer_rate: f64,
    /// Learning rate of the head.
    pub head_rate: f64,
    /// Articles per optimiser step.
    pub articles_per_step: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// The threshold written into the model ([`SectorAbout::accept`]).
    pub accept: f32,
    /// An article's first sentences read, in training and then by the model
    /// ([`SectorAbout::sentences`]). 16 scored as 48 did on held-out splits (README) for less
    /// work: the lead of a release says what it is about.
    pub sentences: usize,
}

impl Default for SectorParams {
    fn default() -> Self {
        SectorParams { frozen: 4, epochs: 2, layer_rate: 5e-5, head_rate: 2e-3, articles_per_step: 2, seed: 7, accept: 0.3, sentences: 16 }
    }
}

/// A labelled article as training reads it.
#[derive(Debug, Clone)]
pub struct SectorSample {
    /// Its sentences (training reads the first [`SectorParams::sentences`]).
    pub sentences: Vec<String>,
    /// The labelled sector ids.
    pub sectors: Vec<String>,
}

/// A trained sector classifier and the tensors to save.
pub struct TrainedSectors {
    /// The model, ready to use.
    pub model: SectorEncoder,
    /// The trained layers and head under their file names.
    pub tensors: Vec<(String, Tensor)>,
}

impl SectorEncoder {
    /// Loads the base model from `base_dir` and the trained layers and head from `dir`; checks
    /// that they belong together.
    pub fn load(base_dir: &Path, dir: &Path) -> Result<SectorEncoder, EncoderError> {
        let about: SectorAbout = encoder::read_about(dir)?;
        let tuned = Tuned::load(base_dir, dir, &about.base, about.frozen)?;
        if tuned.outputs() != about.sectors.len() {
            return Err(EncoderError::Bad {
                path: dir.join(WEIGHTS_FILE),
                reason: format!("the head does not have one row for each of the {} sectors of about.json", about.sectors.len()),
            });
        }
        Ok(SectorEncoder { tuned, about })
    }

    /// How the model was made, its sectors and threshold.
    pub fn about(&self) -> &SectorAbout {
        &self.about
    }

    /// Identifies the trained weights (start of their sha256): part of the analyzer version.
    pub fn id(&self) -> &str {
        self.tuned.id()
    }

    /// The probability that the article with these sentences is about each sector, in the
    /// order of [`SectorAbout::sectors`]. Reads the first [`SectorAbout::sentences`]; no
    /// sentences: zeros.
    pub fn probabilities(&self, sentences: &[&str]) -> Result<Vec<f32>, EncoderError> {
        Ok(self.read(sentences, self.about.frozen)?.0)
    }

    /// [`SectorEncoder::probabilities`], and the states of the sentences read after the first
    /// `keep` layers (at most its frozen ones), for the commitment encoder to reuse
    /// ([`LowerStates`]; `keep` is that encoder's frozen layers).
    pub fn read(&self, sentences: &[&str], keep: usize) -> Result<(Vec<f32>, LowerStates), EncoderError> {
        let sentences = &sentences[..sentences.len().min(self.about.sentences)];
        if sentences.is_empty() {
            return Ok((vec![0.0; self.about.sectors.len()], LowerStates::default()));
        }
        let depth = keep.min(self.tuned.frozen());
        let lower = self.tuned.lower(sentences, depth)?;
        let z = self.tuned.upper_logits(&lower.iter().collect::<Vec<_>>(), depth)?.log_sum_exp(0)?;
        Ok((candle_nn::ops::sigmoid(&z)?.to_vec1()?, self.tuned.keep(sentences, lower, depth)))
    }
}

/// Trains on `samples` from the base model in `base_dir`; the head has one row per id of
/// `sectors`. `trained_on` is recorded in [`SectorAbout::trained_on`].
pub fn train(
    base_dir: &Path,
    samples: &[SectorSample],
    sectors: &[String],
    params: &SectorParams,
    trained_on: Vec<String>,
    progress: &mut dyn Progress,
) -> Result<TrainedSectors, EncoderError> {
    let (weights, digest, tokenizer) = encoder::load_base(base_dir)?;
    let bad = |reason: String| EncoderError::Bad { path: base_dir.to_owned(), reason };
    let base = Bert::from_weights(&weights, &Default::default()).map_err(bad)?;
    let frozen = params.frozen.min(LAYERS);
    let k = sectors.len();

    // The lower layers once per sentence; an article's sentences stay together.
    let mut states: Vec<Vec<Tensor>> = Vec::with_capacity(samples.len());
    let mut labels: Vec<Vec<f32>> = Vec::with_capacity(samples.len());
    for sample in samples {
        let mut article = Vec::new();
        for chunk in sample.sentences[..sample.sentences.len().min(params.sentences)].chunks(BATCH) {
            let ids: Vec<Vec<u32>> = chunk.iter().map(|s| encoder::token_ids(&tokenizer, s)).collect::<Result<_, _>>()?;
            let embedded: Vec<Tensor> = ids.iter().map(|t| base.embed(t)).collect::<Result<_, _>>()?;
            let x = base.layers(&bert::pad(&embedded.iter().collect::<Vec<_>>())?, 0, frozen)?;
            for (row, t) in ids.iter().enumerate() {
                article.push(x.get(row)?.narrow(0, 0, t.len())?);
            }
        }
        states.push(article);
        labels.push(sectors.iter().map(|id| if sample.sectors.contains(id) { 1.0 } else { 0.0 }).collect());
    }
    let usable: Vec<usize> = (0..samples.len()).filter(|&i| !states[i].is_empty()).collect();

    // The bias starts low: the log-sum-exp over a dozen sentences adds about 2.5.
    let mut net = Trainable::new(&base, frozen, k, -4.0, params.layer_rate, params.head_rate)?;
    let mut order = usable.clone();
    let mut seed = params.seed;
    let step = params.articles_per_step.max(1);
    for epoch in 1..=params.epochs {
        shuffle(&mut order, &mut seed);
        let mut loss_sum = 0.0;
        for chunk in order.chunks(step) {
            let batch: Vec<&Tensor> = chunk.iter().flat_map(|&i| states[i].iter()).collect();
            let z = net.logits_of(&batch)?;
            let mut at = 0;
            let mut pooled = Vec::with_capacity(chunk.len());
            for &i in chunk {
                pooled.push(z.narrow(0, at, states[i].len())?.log_sum_exp(0)?);
                at += states[i].len();
            }
            let y = Tensor::from_vec(chunk.iter().flat_map(|&i| labels[i].iter().copied()).collect(), (chunk.len(), k), &Device::Cpu)?;
            loss_sum += net.step(&candle_nn::loss::binary_cross_entropy_with_logit(&Tensor::stack(&pooled, 0)?, &y)?)?;
        }
        progress.epoch(epoch, loss_sum / order.len().div_ceil(step).max(1) as f32);
    }

    let tensors = net.tensors();
    let about = SectorAbout {
        base: digest,
        frozen,
        sectors: sectors.to_vec(),
        trained_on,
        articles: usable.len(),
        epochs: params.epochs,
        accept: params.accept,
        recipe: RECIPE,
        sentences: params.sentences,
    };
    let bert = Bert::from_weights(&weights, &net.layer_overrides()).map_err(bad)?;
    let (head_w, head_b) = net.head();
    let model = SectorEncoder { tuned: Tuned::from_parts(bert, tokenizer, (head_w, head_b), about.base.clone(), about.frozen, "unsaved".into()), about };
    Ok(TrainedSectors { model, tensors })
}

/// Writes a trained model into `dir` (weights, then `about.json`), each through a temporary
/// file and a rename, so a killed run never leaves half a model.
pub fn save(dir: &Path, trained: &TrainedSectors) -> std::io::Result<()> {
    encoder::save_files(dir, &trained.tensors, &serde_json::to_vec_pretty(trained.model.about()).map_err(std::io::Error::other)?)
}

#[cfg(test)]
mod tests;

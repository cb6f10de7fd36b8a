//! The fine-tuned commitment classifier: all-MiniLM-L6-v2 with its top layers trained on the
//! labelled gold sentences and a logistic head on the mean of the token states.
//!
//! Why: the rules and the word-count model ([`super::SentenceModel`]) stop where the wording
//! does; a model that reads the whole sentence learns the labellers' notion of an undertaking
//! from how it is said. Trained on three labelled sets and scored on a fourth it never saw, it
//! lifted commitment F1 where word counts added nothing (README, "Tagging quality").
//!
//! Owns: [`EncoderModel`] (loading the base model and the fine-tuned weights, probabilities)
//! and the file layout of a trained model: a directory with [`WEIGHTS_FILE`] (the trained
//! layers under their MiniLM names, plus `head.weight` and `head.bias`) and [`ABOUT_FILE`]
//! ([`About`]: thresholds, base model, what it was trained on). The weights are made at install
//! time by `newsmine train-encoder` (`make models`), never committed.
//! Invariants: no I/O after [`EncoderModel::load`]; a sentence's probability does not depend
//! on what it is batched with (padding is masked out).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokenizers::Tokenizer;

use super::bert::{self, Bert};

/// The trained layers and head, in safetensors.
pub const WEIGHTS_FILE: &str = "weights.safetensors";
/// How the weights were made and how they are used: [`About`] as JSON.
pub const ABOUT_FILE: &str = "about.json";
/// Sentences per forward pass. Small batches pad little and stay in cache: on dev3 with both
/// encoders (two cores, `newsmine eval`) 16 took 16.4 s, 8 14.1 s, 4 13.2 s, 2 13.3 s and 1
/// 15.2 s, with identical output.
const BATCH: usize = 4;

/// What a trained model says about itself (`about.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct About {
    /// First 12 hex digits of the base weights' sha256: the trained layers fit only those.
    pub base: String,
    /// Layers below this index are the base model's, unchanged.
    pub frozen: usize,
    /// The gold files trained on, each with the start of its sha256 ("dev.jsonl@1a2b3c4d5e6f").
    pub trained_on: Vec<String>,
    /// Training sentences (all sentences of the gold articles, or the candidates only).
    pub sentences: usize,
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Probability at or above which a sentence the rules turned down counts.
    pub accept: f32,
    /// Probability below which a sentence the rules accepted is dropped (0, as in models
    /// trained before stop 15: never).
    #[serde(default)]
    pub reject: f32,
    /// The training recipe's version ([`super::finetune::RECIPE`]) when this was trained.
    #[serde(default)]
    pub recipe: u32,
}

/// Why a trained model could not be loaded or run. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    /// A file of the base or the trained model is not there.
    #[error("{path} not found: `make run` and `make test` fetch all-MiniLM-L6-v2 (models/fetch.sh) and train the encoders (`newsmine train-encoder` for `commitment_encoder`, `newsmine train-sector-encoder` for `sector_encoder`; see the Makefile); or remove the entry from the configuration to use the rules alone")]
    Missing {
        /// The missing file.
        path: PathBuf,
    },
    /// A file is there but unusable.
    #[error("{path} is unusable ({reason}): fetch the base model again with models/fetch.sh, or retrain with `newsmine train-encoder` or `newsmine train-sector-encoder` (as the Makefile does)")]
    Bad {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The trained layers were made on other base weights.
    #[error("the encoder in {dir} was trained on base weights {trained}, but the base model is {base}: retrain it with `newsmine train-encoder` or `newsmine train-sector-encoder` (as the Makefile does)")]
    OtherBase {
        /// The trained model's directory.
        dir: PathBuf,
        /// The base it was trained on.
        trained: String,
        /// The base found now.
        base: String,
    },
    /// A tensor operation failed (a shape that does not fit).
    #[error("encoder: {0}")]
    Tensor(#[from] candle_core::Error),
    /// The tokenizer failed on a text.
    #[error("encoder: tokenizing failed: {0}")]
    Tokenize(String),
}

/// A loaded fine-tuned classifier.
pub struct EncoderModel {
    tuned: Tuned,
    about: About,
}

/// What every fine-tuned model of this module runs: the base model with its trained layers, the
/// tokenizer, and a linear head of `k` rows on the mean of the token states. The commitment
/// encoder has one row, the sector encoder one per sector.
pub(crate) struct Tuned {
    bert: Bert,
    tokenizer: Tokenizer,
    /// [k, hidden]
    head_w: Tensor,
    /// [k]
    head_b: Tensor,
    /// Start of the sha256 of the trained weights file.
    id: String,
    /// The base weights' digest ([`About::base`]) and the layers kept as they are: what two
    /// models must share for one to use the other's [`LowerStates`].
    base: String,
    frozen: usize,
}

/// The states of an article's sentences after the base model's first `depth` layers (frozen,
/// hence the same in every model over that base), keyed by sentence text, with the base they
/// came from.
///
/// Why: the sector encoder reads every sentence of an article and the commitment encoder some
/// of the same ones; both start with the same untouched lower layers, which are most of the
/// work. The sector encoder hands its states over ([`super::sectors::SectorEncoder::read`]) and
/// the commitment encoder takes from them what it would compute alike
/// ([`EncoderModel::probabilities_sharing`]); states of another base, or deeper than its own
/// frozen layers, are ignored.
#[derive(Debug, Default)]
pub struct LowerStates {
    base: String,
    depth: usize,
    states: HashMap<String, Tensor>,
}

impl LowerStates {
    /// Sentences held.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether no sentence is held.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

impl Tuned {
    /// Loads the trained layers and head of `dir` over the base model in `base_dir`, checking
    /// that `about` (what `dir`'s about.json says: the base it was trained on, the layers kept
    /// frozen) fits.
    pub(crate) fn load(base_dir: &Path, dir: &Path, trained_base: &str, frozen: usize) -> Result<Tuned, EncoderError> {
        let weights_path = dir.join(WEIGHTS_FILE);
        let bytes = read(&weights_path)?;
        let bad = |reason: String| EncoderError::Bad { path: weights_path.clone(), reason };
        let mut tuned = candle_core::safetensors::load_buffer(&bytes, &Device::Cpu).map_err(|e| bad(e.to_string()))?;
        let (base, digest, tokenizer) = load_base(base_dir)?;
        if digest != trained_base {
            return Err(EncoderError::OtherBase { dir: dir.to_owned(), trained: trained_base.to_owned(), base: digest });
        }
        let head_w = tuned.remove("head.weight").ok_or_else(|| bad("head.weight is missing".into()))?;
        let head_b = tuned.remove("head.bias").ok_or_else(|| bad("head.bias is missing".into()))?;
        if head_w.dims() != [head_b.elem_count(), bert::HIDDEN] {
            return Err(bad(format!("head.weight is {:?}, not one row of {} per row of head.bias", head_w.dims(), bert::HIDDEN)));
        }
        for i in frozen..bert::LAYERS {
            if let Some(name) = bert::layer_weight_names(i).find(|n| !tuned.contains_key(n)) {
                return Err(bad(format!("{name} is missing")));
            }
        }
        let bert = Bert::from_weights(&base, &tuned).map_err(bad)?;
        let id = hex::encode(Sha256::digest(&bytes))[..8].to_owned();
        Ok(Tuned { bert, tokenizer, head_w, head_b, id, base: trained_base.to_owned(), frozen })
    }

    /// Assembles one from parts already in memory (training hands its result over this way).
    /// `base` and `frozen`: as in about.json.
    pub(crate) fn from_parts(bert: Bert, tokenizer: Tokenizer, head: (Tensor, Tensor), base: String, frozen: usize, id: String) -> Tuned {
        let (head_w, head_b) = head;
        Tuned { bert, tokenizer, head_w, head_b, id, base, frozen: frozen.min(bert::LAYERS) }
    }

    /// Layers kept as the base model's.
    pub(crate) fn frozen(&self) -> usize {
        self.frozen
    }

    /// Rows of the head.
    pub(crate) fn outputs(&self) -> usize {
        self.head_b.dims1().unwrap_or(0)
    }

    /// See [`EncoderModel::id`].
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The head's logits for each sentence, [sentences, k] in input order. Sentences run in
    /// batches of similar length; padding is masked out, so a sentence's logits do not depend
    /// on its batch.
    pub(crate) fn logits(&self, sentences: &[&str]) -> Result<Tensor, EncoderError> {
        let lower = self.lower(sentences, self.frozen)?;
        self.upper_logits(&lower.iter().collect::<Vec<_>>(), self.frozen)
    }

    /// [`Tuned::logits`], taking each sentence's lower states from `shared` when it holds them
    /// and they come from this model's base, no deeper than its frozen layers.
    pub(crate) fn logits_sharing(&self, sentences: &[&str], shared: Option<&LowerStates>) -> Result<Tensor, EncoderError> {
        let Some(shared) = shared.filter(|s| s.base == self.base && s.depth <= self.frozen) else {
            return self.logits(sentences);
        };
        let missing: Vec<&str> = sentences.iter().copied().filter(|s| !shared.states.contains_key(*s)).collect();
        tracing::debug!("{} of {} sentences start from shared states", sentences.len() - missing.len(), sentences.len());
        let computed: HashMap<&str, Tensor> = missing.iter().copied().zip(self.lower(&missing, shared.depth)?).collect();
        let states: Vec<&Tensor> = sentences.iter().map(|s| shared.states.get(*s).unwrap_or_else(|| &computed[s])).collect();
        self.upper_logits(&states, shared.depth)
    }

    /// The states `lower` of `sentences` after `depth` layers, for [`Tuned::logits_sharing`].
    pub(crate) fn keep(&self, sentences: &[&str], lower: Vec<Tensor>, depth: usize) -> LowerStates {
        let states = sentences.iter().map(|s| (*s).to_owned()).zip(lower).collect();
        LowerStates { base: self.base.clone(), depth, states }
    }

    /// Each sentence's states after the first `depth` layers (at most the frozen ones),
    /// [tokens, hidden], in input order.
    pub(crate) fn lower(&self, sentences: &[&str], depth: usize) -> Result<Vec<Tensor>, EncoderError> {
        let ids: Vec<Vec<u32>> = sentences.iter().map(|s| token_ids(&self.tokenizer, s)).collect::<Result<_, _>>()?;
        let embedded: Vec<Tensor> = ids.iter().map(|t| self.bert.embed(t)).collect::<Result<_, _>>()?;
        let mut out: Vec<Option<Tensor>> = vec![None; ids.len()];
        for chunk in bert::by_length(&ids.iter().map(Vec::len).collect::<Vec<_>>()).chunks(BATCH) {
            let batch = bert::pad(&chunk.iter().map(|&i| &embedded[i]).collect::<Vec<_>>())?;
            let x = self.bert.layers(&batch, 0, depth.min(self.frozen))?;
            for (row, &i) in chunk.iter().enumerate() {
                out[i] = Some(x.get(row)?.narrow(0, 0, ids[i].len())?);
            }
        }
        Ok(out.into_iter().map(|x| x.expect("every sentence went through the lower layers")).collect())
    }

    /// The layers from `depth` on and the head over states after `depth` layers, [sentences, k]
    /// in input order.
    pub(crate) fn upper_logits(&self, lower: &[&Tensor], depth: usize) -> Result<Tensor, EncoderError> {
        let order = bert::by_length(&lower.iter().map(|t| t.dims().first().copied().unwrap_or(0)).collect::<Vec<_>>());
        let mut rows = Vec::with_capacity(order.len().div_ceil(BATCH));
        for chunk in order.chunks(BATCH) {
            let batch = bert::pad(&chunk.iter().map(|&i| lower[i]).collect::<Vec<_>>())?;
            let x = self.bert.layers(&batch, depth, bert::LAYERS)?;
            rows.push(bert::mean_pool(&x, &batch.mask)?.broadcast_matmul(&self.head_w.t()?)?.broadcast_add(&self.head_b)?);
        }
        if rows.is_empty() {
            return Ok(Tensor::zeros((0, self.outputs()), DType::F32, &Device::Cpu)?);
        }
        Ok(bert::unsort(&Tensor::cat(&rows, 0)?, &order)?)
    }
}

/// Reads a file, naming it when it is missing.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, EncoderError> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => EncoderError::Missing { path: path.to_owned() },
        _ => EncoderError::Bad { path: path.to_owned(), reason: e.to_string() },
    })
}

/// Writes a trained model's files into `dir`: the tensors ([`WEIGHTS_FILE`]), then `about`
/// ([`ABOUT_FILE`]), each through a temporary file and a rename, so a killed run never leaves
/// half a model (a directory with the about file is complete). Safetensors orders tensors by
/// name: the same weights give the same file.
pub(crate) fn save_files(dir: &Path, tensors: &[(String, Tensor)], about: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tensors: HashMap<String, Tensor> = tensors.iter().cloned().collect();
    let tmp = dir.join(format!("{WEIGHTS_FILE}.tmp"));
    candle_core::safetensors::save(&tensors, &tmp).map_err(std::io::Error::other)?;
    std::fs::rename(&tmp, dir.join(WEIGHTS_FILE))?;
    let tmp = dir.join(format!("{ABOUT_FILE}.tmp"));
    std::fs::write(&tmp, about)?;
    std::fs::rename(&tmp, dir.join(ABOUT_FILE))
}

/// The base model's weights file in its directory.
const BASE_WEIGHTS: &str = "model.safetensors";

/// The start of the sha256 of the base weights ([`About::base`]).
fn base_digest_of(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))[..12].to_owned()
}

/// [`About::base`] for the base model in `base_dir`, without loading it.
pub fn base_digest(base_dir: &Path) -> Result<String, EncoderError> {
    Ok(base_digest_of(&read(&base_dir.join(BASE_WEIGHTS))?))
}

/// The base model: its weights by name, the start of their sha256, and its tokenizer without
/// padding (tokenizer.json pads every text to 128; batches are padded to their longest here).
pub fn load_base(base_dir: &Path) -> Result<(HashMap<String, Tensor>, String, Tokenizer), EncoderError> {
    let path = base_dir.join(BASE_WEIGHTS);
    let bytes = read(&path)?;
    let digest = base_digest_of(&bytes);
    let weights = candle_core::safetensors::load_buffer(&bytes, &Device::Cpu)
        .map_err(|e| EncoderError::Bad { path: path.clone(), reason: e.to_string() })?;
    let tok_path = base_dir.join("tokenizer.json");
    let mut tokenizer = Tokenizer::from_bytes(read(&tok_path)?).map_err(|e| EncoderError::Bad { path: tok_path, reason: e.to_string() })?;
    tokenizer.with_padding(None);
    Ok((weights, digest, tokenizer))
}

/// Word pieces of a sentence, cut to [`bert::MAX_TOKENS`].
pub fn token_ids(tokenizer: &Tokenizer, s: &str) -> Result<Vec<u32>, EncoderError> {
    let enc = tokenizer.encode(s, true).map_err(|e| EncoderError::Tokenize(e.to_string()))?;
    Ok(bert::truncate(enc.get_ids().to_vec()))
}

impl EncoderModel {
    /// Loads the base model from `base_dir` (models/all-minilm-l6-v2) and the trained layers
    /// and head from `dir`; checks that they belong together.
    pub fn load(base_dir: &Path, dir: &Path) -> Result<EncoderModel, EncoderError> {
        let about: About = read_about(dir)?;
        let tuned = Tuned::load(base_dir, dir, &about.base, about.frozen)?;
        Ok(EncoderModel { tuned, about })
    }

    /// Assembles a model from parts already in memory (training hands its result over this way).
    pub fn from_parts(bert: Bert, tokenizer: Tokenizer, head_w: Tensor, head_b: Tensor, about: About, id: String) -> EncoderModel {
        EncoderModel { tuned: Tuned::from_parts(bert, tokenizer, (head_w, head_b), about.base.clone(), about.frozen, id), about }
    }

    /// How the model was made and its thresholds.
    pub fn about(&self) -> &About {
        &self.about
    }

    /// Identifies the trained weights (start of their sha256): part of the analyzer version.
    pub fn id(&self) -> &str {
        self.tuned.id()
    }

    /// The probability that each sentence is a commitment, in input order.
    pub fn probabilities(&self, sentences: &[&str]) -> Result<Vec<f32>, EncoderError> {
        self.probabilities_sharing(sentences, None)
    }

    /// [`EncoderModel::probabilities`], with the lower states of `shared` where they fit: the
    /// same probabilities for less work.
    pub fn probabilities_sharing(&self, sentences: &[&str], shared: Option<&LowerStates>) -> Result<Vec<f32>, EncoderError> {
        let logits = self.tuned.logits_sharing(sentences, shared)?;
        Ok(candle_nn::ops::sigmoid(&logits.squeeze(1)?)?.to_vec1()?)
    }
}

/// Reads the `about.json` of a trained model's directory.
pub(crate) fn read_about<A: serde::de::DeserializeOwned>(dir: &Path) -> Result<A, EncoderError> {
    let path = dir.join(ABOUT_FILE);
    serde_json::from_slice(&read(&path)?).map_err(|e| EncoderError::Bad { path, reason: e.to_string() })
}

#[cfg(test)]
pub(crate) mod tests;

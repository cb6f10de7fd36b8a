//! all-MiniLM-L6-v2 on candle's CPU backend: WordPiece tokenisation, a BERT forward pass,
//! mean pooling over the attention mask, L2 normalisation — the same pipeline as
//! sentence-transformers' `Transformer → Pooling(mean) → Normalize` for this model.
//!
//! Threads: the encoder runs one batch per worker, each worker in its own one-thread rayon
//! pool taking the next batch when done (longest first), so every core is busy without any
//! per-multiplication synchronisation and the global rayon pool is left to the rest of
//! newsmine. Candle's matrix multiplications still choose their blocking from the thread count
//! it reads from `RAYON_NUM_THREADS`; see [`super::use_single_threaded_kernels`] for why the
//! binary sets it to 1. Vectors are the same either way.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use candle_core::{D, DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use sha2::{Digest, Sha256};
use tokenizers::{Tokenizer, TruncationParams};

use super::batch::{pad, plan};
use super::{EmbedError, Encoder};

/// Word pieces per text, `[CLS]` and `[SEP]` included; the rest is cut off.
///
/// This is the model's `max_seq_length` in sentence-transformers'
/// `sentence_bert_config.json` (256), which the Python library applies. It is
/// *not* the 128 that `tokenizer.json` itself carries: following that would
/// give different vectors for texts longer than about 100 words.
pub const MAX_TOKENS: usize = 256;

/// Texts per forward pass. Vectors do not depend on it; speed does. Measured on 2 cores with
/// `benches/embed.rs` (1000 sentences of 35 word pieces, one-thread workers): 64 texts cost 24
/// CPU seconds, 32 (sentence-transformers' default) 18, 16 about 16, 8 and 4 about 14 —
/// small batches keep each worker's attention and activations in cache.
const DEFAULT_BATCH: usize = 8;

/// What one worker encoded: (text index, vector) pairs, or the first error.
type Done = Result<Vec<(usize, Vec<f32>)>, EmbedError>;

const WEIGHTS: &str = "model.safetensors";
const TOKENIZER: &str = "tokenizer.json";
const CONFIG: &str = "config.json";

/// The all-MiniLM-L6-v2 sentence encoder (or any BERT checkpoint used with
/// mean pooling), loaded once and shared: encoding takes `&self` and is
/// thread-safe.
pub struct MiniLm {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    pad_id: u32,
    batch_size: usize,
    /// One single-threaded pool per worker; see the module doc.
    workers: Vec<rayon::ThreadPool>,
    model_id: String,
}

impl MiniLm {
    /// Loads from a directory holding model.safetensors, tokenizer.json, config.json.
    ///
    /// When a file is missing, the error names it and says to run
    /// `models/fetch.sh` (or `make models`). Loading reads the 91 MB of weights
    /// once and hashes them for [`Encoder::model_id`], which is
    /// `<directory name>@<first 12 hex digits of the weights' sha256>`
    /// (0.2–0.4 s in a release build).
    pub fn load(dir: &Path) -> Result<MiniLm, EmbedError> {
        let file = |name: &'static str| -> Result<PathBuf, EmbedError> {
            let path = dir.join(name);
            if path.is_file() {
                Ok(path)
            } else {
                Err(EmbedError::MissingFile {
                    dir: dir.to_owned(),
                    file: name,
                })
            }
        };
        // Check all three before reading any, so the first message is the useful one.
        let (config_path, tokenizer_path, weights_path) =
            (file(CONFIG)?, file(TOKENIZER)?, file(WEIGHTS)?);

        let read = |path: &Path| {
            std::fs::read(path).map_err(|source| EmbedError::Io {
                path: path.to_owned(),
                source,
            })
        };

        let config: Config =
            serde_json::from_slice(&read(&config_path)?).map_err(|e| EmbedError::BadModelFile {
                path: config_path.clone(),
                reason: e.to_string(),
            })?;

        let mut tokenizer =
            Tokenizer::from_file(&tokenizer_path).map_err(|e| EmbedError::BadModelFile {
                path: tokenizer_path.clone(),
                reason: e.to_string(),
            })?;
        // tokenizer.json pads every text to 128 and truncates at 128: replace
        // both with sentence-transformers' behaviour (see MAX_TOKENS); padding
        // is done per batch in `encode`.
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| EmbedError::BadModelFile {
                path: tokenizer_path.clone(),
                reason: e.to_string(),
            })?;
        tokenizer.with_padding(None);

        let weights = read(&weights_path)?;
        let digest = hex::encode(Sha256::digest(&weights));
        let device = Device::Cpu;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device).map_err(
            |source| EmbedError::Weights {
                path: weights_path.clone(),
                source,
            },
        )?;
        let model = BertModel::load(vb, &config).map_err(|source| EmbedError::Weights {
            path: weights_path.clone(),
            source,
        })?;

        let name = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "minilm".to_owned());
        Ok(MiniLm {
            model,
            tokenizer,
            device,
            dim: config.hidden_size,
            pad_id: u32::try_from(config.pad_token_id).unwrap_or(0),
            batch_size: DEFAULT_BATCH,
            workers: worker_pools(rayon::current_num_threads())?,
            model_id: format!("{name}@{}", &digest[..12]),
        })
    }

    /// Sets how many batches are encoded at once, one per thread (default: the size of
    /// rayon's global pool, i.e. the cores unless `RAYON_NUM_THREADS` says otherwise).
    /// Vectors do not depend on it.
    pub fn with_threads(mut self, threads: usize) -> Result<MiniLm, EmbedError> {
        self.workers = worker_pools(threads)?;
        Ok(self)
    }

    /// Sets how many texts go through the model at once (default 8). Vectors
    /// do not depend on it; speed and peak memory do.
    pub fn with_batch_size(mut self, batch_size: usize) -> MiniLm {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Texts per forward pass.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// Word pieces of each text after truncation, `[CLS]` and `[SEP]` included.
    pub fn token_counts(&self, texts: &[&str]) -> Result<Vec<usize>, EmbedError> {
        Ok(self.tokenize(texts)?.iter().map(Vec::len).collect())
    }

    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>, EmbedError> {
        let encodings = self
            .tokenizer
            .encode_batch_fast(texts.to_vec(), true)
            .map_err(|e| EmbedError::Tokenize(e.to_string()))?;
        Ok(encodings
            .into_iter()
            .map(|e| e.get_ids().to_vec())
            .collect())
    }

    /// One padded batch through BERT, then mean pooling and L2 normalisation.
    fn forward(&self, seqs: &[&[u32]]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let p = pad(seqs, self.pad_id);
        let ids = Tensor::from_vec(p.ids, (p.rows, p.cols), &self.device)?;
        let mask = Tensor::from_vec(p.mask, (p.rows, p.cols), &self.device)?;
        let type_ids = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &type_ids, Some(&mask))?; // (rows, cols, dim)

        // Mean over the real tokens only: padding must not move the vector.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (rows, cols, 1)
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?; // (rows, dim)
        let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?; // (rows, 1); ≥ 2 ([CLS], [SEP])
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean
            .sqr()?
            .sum_keepdim(D::Minus1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        Ok(mean.broadcast_div(&norm)?.to_vec2::<f32>()?)
    }
}

impl Encoder for MiniLm {
    /// Tokenises all texts, sorts them by token count, cuts batches of up to
    /// `batch_size` padded to their longest member, encodes one batch per
    /// core at a time, and returns the vectors in input order. Empty texts
    /// get the vector of `[CLS] [SEP]`; long texts are cut at [`MAX_TOKENS`]
    /// word pieces.
    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let ids = self.tokenize(texts)?;
        let lengths: Vec<usize> = ids.iter().map(Vec::len).collect();
        let batches = plan(&lengths, self.batch_size, self.workers.len());
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        // Each worker takes the next batch until none is left (or one failed).
        let work = || -> Done {
            let mut done = Vec::new();
            while !failed.load(Ordering::Relaxed) {
                let Some(batch) = batches.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let seqs: Vec<&[u32]> = batch.iter().map(|&i| ids[i].as_slice()).collect();
                match self.forward(&seqs) {
                    Ok(vectors) => done.extend(batch.iter().copied().zip(vectors)),
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
            Ok(done)
        };
        let used = self.workers.len().min(batches.len()).max(1);
        let results: Vec<Done> = std::thread::scope(|s| {
            let others: Vec<_> = self.workers[1..used]
                .iter()
                .map(|pool| s.spawn(|| pool.install(work)))
                .collect();
            let mut all = vec![self.workers[0].install(work)];
            all.extend(
                others
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))),
            );
            all
        });
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        for result in results {
            for (i, v) in result? {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }
}

/// `n` (at least 1) single-threaded rayon pools, one per encoding worker.
fn worker_pools(n: usize) -> Result<Vec<rayon::ThreadPool>, EmbedError> {
    (0..n.max(1))
        .map(|k| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(move |_| format!("embed-{k}"))
                .build()
                .map_err(|e| EmbedError::Threads(e.to_string()))
        })
        .collect()
}

//! Sentence embeddings: texts in, L2-normalised vectors out, computed in process on the CPU.
//!
//! Owns: the transformer encoder and what is encoded. Input: texts (an article's title and
//! lead, a commitment sentence, a query). Output: unit-length `f32` vectors whose dot product
//! is their cosine similarity, plus the [`Encoder::model_id`] that says which model made them.
//!
//! The one implementation is [`MiniLm`], the all-MiniLM-L6-v2 transformer (a 6-layer BERT,
//! 384 dimensions) run with candle. Its vectors match sentence-transformers' (cosine ≥ 0.999,
//! checked against the committed fixture `models/reference/embeddings.json`), so similarity
//! thresholds tuned in Python carry over.
//!
//! The weights are not in the repository: `./models/fetch.sh` (or `make models`) fetches them
//! into `models/all-minilm-l6-v2/` and checks their sha256 (see `models/README.md`).
//!
//! Everything that uses embeddings depends on the [`Encoder`] trait, not on `MiniLm`, so that
//! another backend (ONNX Runtime, a GPU) can be added behind the same seam and measured.
//! Invariants: no I/O after [`MiniLm::load`]; the same text and model give the same vector
//! whatever it is batched with.

mod batch;
mod minilm;

pub use minilm::{MAX_TOKENS, MiniLm};

use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// A sentence encoder: the one seam where another backend can be added.
pub trait Encoder: Send + Sync {
    /// L2-normalised embeddings, one per text, in input order.
    ///
    /// Unit length means that the dot product of two vectors is their cosine.
    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;

    /// Vector length (384 for all-MiniLM-L6-v2).
    fn dim(&self) -> usize;

    /// Identifies model and weights (e.g. `"all-minilm-l6-v2@53aa51172d14"`, the suffix being
    /// the start of the weights file's sha256), so that vectors cached under one id are never
    /// mixed with vectors of another model.
    fn model_id(&self) -> &str;
}

/// Why an encoder could not be loaded or could not encode. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// A model file is not there: the model was never fetched, or was fetched elsewhere.
    #[error(
        "the sentence-embedding model is missing: {file} not found in {dir}. Run `./models/fetch.sh` \
         (or `make models`) in the newsmine repository to fetch all-MiniLM-L6-v2, or point `[embed] model` \
         in the configuration at the directory that holds it"
    )]
    MissingFile {
        /// The model directory.
        dir: PathBuf,
        /// The file that is missing.
        file: &'static str,
    },

    /// A model file exists but cannot be read.
    #[error("cannot read {path}: {source}; check its permissions, or delete it and run `./models/fetch.sh` again")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// `config.json` or `tokenizer.json` is not what a BERT model ships.
    #[error(
        "{path} is not a valid BERT model file ({reason}); the model directory looks damaged: \
         run `./models/fetch.sh --check` to see which file, then delete it and run `./models/fetch.sh`"
    )]
    BadModelFile {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },

    /// The weights file does not hold the tensors the configuration asks for.
    #[error(
        "cannot load the weights in {path}: {source}; run `./models/fetch.sh --check` to verify \
         the files, and make sure config.json belongs to the same model"
    )]
    Weights {
        /// The weights file.
        path: PathBuf,
        /// candle's error.
        #[source]
        source: candle_core::Error,
    },

    /// The tokenizer failed on an input text.
    #[error("tokenization failed: {0}; this is a bug in the tokenizer setup, please report it with the input text")]
    Tokenize(String),

    /// The worker threads could not be started.
    #[error("cannot start the encoder's worker threads: {0}; the system is short of threads or memory")]
    Threads(String),

    /// The forward pass failed (out of memory, or a shape bug).
    #[error("the encoder's forward pass failed: {0}; if memory is short, encode fewer texts at once, otherwise report it as a bug")]
    Inference(#[from] candle_core::Error),
}

/// Characters of an article's body that go into its vector, after the title (cut at a word).
///
/// News is written lead first: the title and the first two or three sentences say what the
/// article is about, which is what semantic search and `similar` compare. The rest would cost
/// encoding time in proportion (about 130 word pieces here against 500 for the whole article,
/// which the model would cut at 256 anyway) and, averaged into one vector, blur the topic.
/// all-MiniLM-L6-v2 was trained on texts of up to 128 word pieces.
pub const LEAD_CHARS: usize = 400;

/// The text an article is represented by: its title (when it has one) and the lead of its body.
///
/// Whitespace is collapsed so that re-extraction that only moves line breaks keeps the same
/// text, hence the same hash and cached vector.
pub fn article_text(title: Option<&str>, body: &str) -> String {
    let mut out = String::new();
    if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
        out.extend(t.split_whitespace().flat_map(|w| [w, " "]));
        if !t.ends_with(['.', '!', '?', ':']) {
            out.pop();
            out.push_str(". ");
        }
    }
    let mut taken = 0;
    for word in body.split_whitespace() {
        let n = word.chars().count();
        if taken > 0 && taken + n > LEAD_CHARS {
            break;
        }
        out.push_str(word);
        out.push(' ');
        taken += n + 1;
    }
    out.trim_end().to_owned()
}

/// The cache key of an encoded text: hex SHA-256 of its exact bytes. A text is encoded at most
/// once per model; an article whose title and lead did not change keeps its vector.
pub fn text_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Cosine similarity of two vectors; 0.0 when either is all zeros.
///
/// The encoder's vectors are already unit length, where this equals the dot product; this
/// works for any vectors (e.g. averages of embeddings). Panics in debug builds when the
/// lengths differ (a caller bug: vectors from two different models).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len(), "cosine of vectors of different lengths");
    let (mut dot, mut na, mut nb) = (0.0f64, 0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    (dot / (na.sqrt() * nb.sqrt())) as f32
}

/// Makes candle's matrix multiplications single-threaded, and returns how many threads the
/// rest of the process should use (`RAYON_NUM_THREADS` when the user set it, else the cores).
///
/// Why: [`MiniLm`] already runs one batch per core, each on its own thread. Candle reads the
/// thread count for its matrix kernels from `RAYON_NUM_THREADS` (default: the cores) and,
/// with more than one, picks a parallel blocking even on a one-thread worker: measured on 2
/// cores, that costs about a quarter more CPU time for the same vectors. Setting the variable
/// to 1 is the only switch candle 0.11 has, so the caller must then size its rayon pools
/// explicitly with the returned count (rayon reads the same variable).
///
/// # Safety
/// Sets an environment variable: call it first thing in `main`, before any other thread
/// exists (see [`std::env::set_var`]).
pub unsafe fn use_single_threaded_kernels() -> usize {
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // SAFETY: the caller guarantees that no other thread is running.
    unsafe { std::env::set_var("RAYON_NUM_THREADS", "1") };
    threads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_basics() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-2.0, -2.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn missing_file_message_names_the_command() {
        let e = EmbedError::MissingFile { dir: PathBuf::from("models/all-minilm-l6-v2"), file: "model.safetensors" };
        let msg = e.to_string();
        assert!(msg.contains("model.safetensors") && msg.contains("./models/fetch.sh") && msg.contains("make models"), "{msg}");
    }

    #[test]
    fn article_text_is_title_and_lead() {
        assert_eq!(article_text(Some(" Roads  repaired "), "In Aktobe,\n12 km were\trepaired."), "Roads repaired. In Aktobe, 12 km were repaired.");
        assert_eq!(article_text(Some("Done?"), "Yes."), "Done? Yes.");
        assert_eq!(article_text(None, "Only a body."), "Only a body.");
        assert_eq!(article_text(Some(""), ""), "");
        let long = "word ".repeat(1000);
        let lead = article_text(None, &long);
        assert!(lead.chars().count() <= LEAD_CHARS && lead.chars().count() > LEAD_CHARS - 10, "{}", lead.len());
        let one_huge_word = "x".repeat(5000);
        assert_eq!(article_text(None, &one_huge_word).len(), 5000, "the first word is always kept");
        assert_eq!(text_hash("a"), text_hash("a"));
        assert_ne!(text_hash("a"), text_hash("b"));
    }
}

#[cfg(test)]
mod model_tests;

//! The embed pass of a run: a vector for every article (its title and lead) and for every
//! commitment sentence, through the sentence encoder, into the store's cache.
//!
//! Resumable like the other passes: pending articles are those whose stored vector state is not
//! their current content and model; texts are encoded in chunks, and each chunk's vectors and
//! article links are committed in one transaction, so a kill loses at most the chunk being
//! encoded and the next run carries on. The cache is keyed by model and text hash: a text that
//! is already cached (an unchanged article, a sentence repeated across articles) is never
//! encoded again, so a rerun with nothing new encodes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analyze::embed::{Encoder, LEAD_CHARS, MiniLm, article_text, text_hash};
use crate::config::Config;
use crate::store::Store;
use crate::{Error, Result};

/// Texts per encoder call and per transaction: enough for every core to get full batches of
/// similar lengths, small enough that a kill loses only seconds of work.
const CHUNK: usize = 64;

/// What an embed pass did, for the run report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct EmbedOutcome {
    /// The encoder's model id.
    pub model: String,
    /// Articles given a (new or changed) vector.
    pub articles: u64,
    /// Commitment sentences given a vector.
    pub sentences: u64,
    /// Texts actually run through the encoder (the others came from the cache).
    pub encoded: u64,
    /// Seconds spent in the encoder.
    pub encode_seconds: f64,
}

/// Loads the encoder the configuration names, or `None` when it names none. A configured
/// model whose files are missing is an error that says how to fetch them.
pub fn load_encoder(config: &Config) -> Result<Option<MiniLm>> {
    match &config.embed_model {
        None => Ok(None),
        Some(dir) => Ok(Some(MiniLm::load(dir)?)),
    }
}

/// Loads the encoder for a command that cannot work without one.
pub(super) fn require_encoder(config: &Config) -> Result<MiniLm> {
    load_encoder(config)?.ok_or_else(|| {
        Error::Usage(
            "no sentence-embedding model is configured: add `[embed]` with `model = \"../models/all-minilm-l6-v2\"` \
             to the configuration (see config/newsmine.toml), run `./models/fetch.sh`, then `newsmine run`"
                .into(),
        )
    })
}

/// What an article's vector state records besides its content: the model and how the
/// article's text is chosen. Changing either makes every article pending again (texts that
/// did not change are found in the cache and not encoded).
pub fn article_model_key(model_id: &str) -> String {
    format!("{model_id}+lead{LEAD_CHARS}")
}

/// Runs the pass. `progress` is told how many texts are done, as they are.
pub(super) fn run(store: &mut Store, encoder: &dyn Encoder, progress: &dyn Fn(u64, u64)) -> Result<EmbedOutcome> {
    let model = encoder.model_id().to_owned();
    let key = article_model_key(&model);
    let mut out = EmbedOutcome { model: model.clone(), ..Default::default() };

    // Articles: the text of each pending one, grouped by text (equal texts share a vector).
    let pending = store.ids_needing_vectors(&key)?;
    let mut by_text: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, p) in pending.iter().enumerate() {
        let Some(a) = store.article(&p.id)? else { continue };
        let text = article_text(a.title.as_deref(), &a.text);
        by_text.entry(text_hash(&text)).or_insert_with(|| (text, Vec::new())).1.push(i);
    }
    let cached = store.cached_hashes(&model)?;
    // Already-cached texts only need their links, in one transaction.
    let tx = store.batch()?;
    for (hash, (_, who)) in by_text.iter().filter(|(h, _)| cached.contains(*h)) {
        for &i in who {
            tx.set_article_vector(&pending[i].id, &model, hash, &pending[i].state)?;
            out.articles += 1;
        }
    }
    tx.commit()?;
    let todo: Vec<(&String, &String)> = by_text.iter().filter(|(h, _)| !cached.contains(*h)).map(|(h, (t, _))| (h, t)).collect();

    // Sentences: every distinct commitment sentence not cached yet.
    let sentences: Vec<(String, String)> = store
        .commitment_sentences()?
        .into_iter()
        .map(|s| (text_hash(&s), s))
        .filter(|(h, _)| !cached.contains(h) && !by_text.contains_key(h))
        .collect();
    let total = (todo.len() + sentences.len()) as u64;
    progress(0, total);

    let mut done = 0u64;
    let mut encode_chunks = |store: &mut Store, items: Vec<(&str, &str)>, articles: bool, out: &mut EmbedOutcome| -> Result<()> {
        // Similar lengths together: the encoder pads each batch to its longest text.
        let mut items = items;
        items.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
        for chunk in items.chunks(CHUNK) {
            let texts: Vec<&str> = chunk.iter().map(|(_, t)| *t).collect();
            let started = std::time::Instant::now();
            let vectors = encoder.encode(&texts)?;
            out.encode_seconds += started.elapsed().as_secs_f64();
            let tx = store.batch()?;
            for ((hash, _), v) in chunk.iter().zip(&vectors) {
                tx.save_embedding(&model, hash, v)?;
                if articles {
                    for &i in &by_text[*hash].1 {
                        tx.set_article_vector(&pending[i].id, &model, hash, &pending[i].state)?;
                        out.articles += 1;
                    }
                } else {
                    out.sentences += 1;
                }
            }
            tx.commit()?;
            out.encoded += chunk.len() as u64;
            done += chunk.len() as u64;
            progress(done, total);
        }
        Ok(())
    };
    encode_chunks(store, todo.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect(), true, &mut out)?;
    encode_chunks(store, sentences.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect(), false, &mut out)?;
    Ok(out)
}

/// Cached sentence embeddings for these texts, keyed by text, for the claims linker: the
/// vectors of the model that made most article vectors (the configured one after a run).
/// Texts that were never encoded are left out; nothing is encoded here.
pub(super) fn sentence_embeddings(store: &Store, texts: &[&str]) -> Result<HashMap<String, Vec<f32>>> {
    let Some(model) = store.main_vector_model()? else { return Ok(HashMap::new()) };
    let unique: HashSet<&str> = texts.iter().copied().collect();
    let hashes: Vec<(String, &str)> = unique.into_iter().map(|t| (text_hash(t), t)).collect();
    let refs: Vec<&str> = hashes.iter().map(|(h, _)| h.as_str()).collect();
    let found = store.cached_vectors(&model, &refs)?;
    Ok(hashes.into_iter().filter_map(|(h, t)| found.get(&h).map(|v| (t.to_owned(), v.clone()))).collect())
}

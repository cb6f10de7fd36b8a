//! Measurement, not a pipeline stage: fine-tunes the top layers of all-MiniLM-L6-v2 to tell
//! commitment sentences from the rest, on some labelled gold files, and scores it on others
//! against the rules, alone and combined ("rules OR model"). It is how the next step for
//! issue 4 was costed (README, "Tagging quality"): the labels are reproducible (two labellers
//! agree at 0.99-1.00 on commitment sentences) while word-count models add nothing to the
//! rules, so the question was whether a model that reads the sentence does.
//!
//! ```text
//! ./models/fetch.sh && cargo run --release --example finetune_commitments -- \
//!     --train tests/fixtures/gold/dev.jsonl --train tests/fixtures/gold/check.jsonl \
//!     --train tests/fixtures/gold/dev2.jsonl --test tests/fixtures/gold/dev3.jsonl --epochs 2
//! ```
//!
//! The lower layers (embeddings and the first `FROZEN` transformer layers) run once per
//! sentence; the top layers and a logistic head on the mean-pooled tokens are trained with
//! AdamW (the layers at 5e-5, the head at 1e-3, batches of 16, a fixed shuffle). The forward
//! pass is written with plain tensor operations because candle's fused layer-norm and softmax
//! kernels have no backward pass. Sentences are split and labelled as `newsmine train-commitments`
//! labels them (a sentence is a commitment when it covers at least half of a gold commitment
//! sentence, the match `newsmine eval` uses). Two
//! cores: about 3 minutes for the lower layers and 5 minutes per epoch on 4,080 sentences.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use candle_core::{D, DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use newsmine::analyze::eval::parse_gold;
use newsmine::analyze::learned::train::samples_from_gold;
use newsmine::analyze::Analyzer;

const HIDDEN: usize = 384;
const HEADS: usize = 12;
const LAYERS: usize = 6;
/// Transformer layers kept as they are; the ones above are trained.
const FROZEN: usize = 4;
const MAX_TOKENS: usize = 128;
/// Weight names of one transformer layer, in the order [`Layer::forward`] reads them.
const LAYER_WEIGHTS: [&str; 16] = [
    "attention.self.query.weight",
    "attention.self.query.bias",
    "attention.self.key.weight",
    "attention.self.key.bias",
    "attention.self.value.weight",
    "attention.self.value.bias",
    "attention.output.dense.weight",
    "attention.output.dense.bias",
    "attention.output.LayerNorm.weight",
    "attention.output.LayerNorm.bias",
    "intermediate.dense.weight",
    "intermediate.dense.bias",
    "output.dense.weight",
    "output.dense.bias",
    "output.LayerNorm.weight",
    "output.LayerNorm.bias",
];

fn linear(x: &Tensor, w: &Tensor, b: &Tensor) -> candle_core::Result<Tensor> {
    x.broadcast_matmul(&w.t()?)?.broadcast_add(b)
}

fn layer_norm(x: &Tensor, gain: &Tensor, bias: &Tensor) -> candle_core::Result<Tensor> {
    let centred = x.broadcast_sub(&x.mean_keepdim(D::Minus1)?)?;
    let var = centred.sqr()?.mean_keepdim(D::Minus1)?;
    centred.broadcast_div(&(var + 1e-12)?.sqrt()?)?.broadcast_mul(gain)?.broadcast_add(bias)
}

fn softmax(x: &Tensor) -> candle_core::Result<Tensor> {
    let e = x.broadcast_sub(&x.max_keepdim(D::Minus1)?.detach())?.exp()?;
    e.broadcast_div(&e.sum_keepdim(D::Minus1)?)
}

/// One BERT layer's weights, in the order of [`LAYER_WEIGHTS`].
struct Layer(Vec<Tensor>);

impl Layer {
    /// `x`: [batch, tokens, hidden]; `mask`: [batch, 1, 1, tokens], 0 for tokens, -1e4 for padding.
    fn forward(&self, x: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        let p = &self.0;
        let (b, l, _) = x.dims3()?;
        let heads = |t: Tensor| t.reshape((b, l, HEADS, HIDDEN / HEADS))?.transpose(1, 2)?.contiguous();
        let (q, k, v) = (heads(linear(x, &p[0], &p[1])?)?, heads(linear(x, &p[2], &p[3])?)?, heads(linear(x, &p[4], &p[5])?)?);
        let scores = (q.matmul(&k.t()?.contiguous()?)? / ((HIDDEN / HEADS) as f64).sqrt())?.broadcast_add(mask)?;
        let context = softmax(&scores)?.matmul(&v)?.transpose(1, 2)?.contiguous()?.reshape((b, l, HIDDEN))?;
        let attended = layer_norm(&(linear(&context, &p[6], &p[7])? + x)?, &p[8], &p[9])?;
        let inner = linear(&attended, &p[10], &p[11])?.gelu_erf()?;
        layer_norm(&(linear(&inner, &p[12], &p[13])? + &attended)?, &p[14], &p[15])
    }
}

/// A labelled sentence, its rules verdict and its token states after the frozen layers.
struct Sentence {
    ids: Vec<u32>,
    rules: bool,
    gold: bool,
    test: bool,
    hidden: Option<Tensor>,
}

/// Stacks hidden states [tokens, hidden] into a padded batch, with the token mask [batch,
/// tokens] and the additive attention mask.
fn pad(states: &[&Tensor]) -> candle_core::Result<(Tensor, Tensor, Tensor)> {
    let longest = states.iter().map(|s| s.dim(0)).collect::<candle_core::Result<Vec<_>>>()?.into_iter().max().unwrap_or(1);
    let mut padded = Vec::new();
    let mut mask = Vec::new();
    for s in states {
        let n = s.dim(0)?;
        padded.push(if n < longest { Tensor::cat(&[*s, &Tensor::zeros((longest - n, HIDDEN), DType::F32, s.device())?], 0)? } else { (*s).clone() });
        mask.extend((0..longest).map(|i| if i < n { 1f32 } else { 0f32 }));
    }
    let mask = Tensor::from_vec(mask, (states.len(), longest), &Device::Cpu)?;
    let additive = ((mask.clone() - 1.0)? * 1e4)?.reshape((states.len(), 1, 1, longest))?;
    Ok((Tensor::stack(&padded, 0)?, mask, additive))
}

struct Args {
    train: Vec<PathBuf>,
    test: Vec<PathBuf>,
    epochs: usize,
}

fn args() -> Result<Args> {
    let mut a = Args { train: Vec::new(), test: Vec::new(), epochs: 2 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--train" => a.train.push(value.into()),
            "--test" => a.test.push(value.into()),
            "--epochs" => a.epochs = value.parse()?,
            _ => anyhow::bail!("unknown flag {flag}: use --train FILE, --test FILE, --epochs N"),
        }
    }
    anyhow::ensure!(!a.train.is_empty() && !a.test.is_empty(), "give at least one --train and one --test gold file");
    Ok(a)
}

/// Every sentence of the gold files, labelled as `newsmine train-commitments` labels them, with
/// the rules' verdict.
fn sentences(root: &Path, a: &Args, tokenizer: &tokenizers::Tokenizer) -> Result<Vec<Sentence>> {
    let read = |n: &str| std::fs::read_to_string(root.join("config").join(n));
    let analyzer = Analyzer::new(&read("gazetteer.toml")?, &read("sectors.toml")?)?;
    let mut out = Vec::new();
    let files = a.train.iter().map(|p| (p, false)).chain(a.test.iter().map(|p| (p, true)));
    for (path, test) in files {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let gold = parse_gold(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        for article in &gold {
            let found = analyzer.analyze(&article.text, None).commitments;
            for sample in samples_from_gold(std::slice::from_ref(article)) {
                let rules = found.iter().any(|c| c.text == sample.sentence);
                let mut ids = tokenizer.encode(sample.sentence, true).map_err(anyhow::Error::msg)?.get_ids().to_vec();
                if ids.len() > MAX_TOKENS {
                    let end = ids[ids.len() - 1];
                    ids.truncate(MAX_TOKENS - 1);
                    ids.push(end);
                }
                out.push(Sentence { ids, rules, gold: sample.commitment, test, hidden: None });
            }
        }
    }
    Ok(out)
}

/// "F1 0.737 (P 0.808 R 0.678)" of a verdict over the test sentences.
fn score(test: &[&Sentence], verdict: impl Fn(usize) -> bool) -> String {
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for (i, s) in test.iter().enumerate() {
        match (verdict(i), s.gold) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let (p, r) = (tp as f64 / (tp + fp).max(1) as f64, tp as f64 / (tp + fn_).max(1) as f64);
    format!("F1 {:.3} (P {p:.3} R {r:.3})", 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64)
}

fn main() -> Result<()> {
    let a = args()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("models/all-minilm-l6-v2");
    let weights = candle_core::safetensors::load(dir.join("model.safetensors"), &Device::Cpu)
        .with_context(|| format!("loading {}: run ./models/fetch.sh first", dir.display()))?;
    let tokenizer = tokenizers::Tokenizer::from_file(dir.join("tokenizer.json")).map_err(anyhow::Error::msg)?;
    let get = |n: &str| weights.get(n).cloned().with_context(|| format!("{n} missing from the model file"));
    let layer = |i: usize| -> Result<Layer> { Ok(Layer(LAYER_WEIGHTS.iter().map(|n| get(&format!("encoder.layer.{i}.{n}"))).collect::<Result<_>>()?)) };
    let frozen: Vec<Layer> = (0..FROZEN).map(layer).collect::<Result<_>>()?;
    let [words, positions, types, gain, bias] = ["word_embeddings.weight", "position_embeddings.weight", "token_type_embeddings.weight", "LayerNorm.weight", "LayerNorm.bias"]
        .map(|n| get(&format!("embeddings.{n}")));
    let (words, positions, types, gain, bias) = (words?, positions?, types?, gain?, bias?);

    let started = std::time::Instant::now();
    let mut all = sentences(root, &a, &tokenizer)?;
    // The frozen layers, in batches of sentences of similar length.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| all[i].ids.len());
    for chunk in order.chunks(32) {
        let embedded: Vec<Tensor> = chunk
            .iter()
            .map(|&i| {
                let n = all[i].ids.len();
                let ids = Tensor::from_vec(all[i].ids.clone(), n, &Device::Cpu)?;
                let x = (words.index_select(&ids, 0)? + positions.narrow(0, 0, n)?)?.broadcast_add(&types.get(0)?)?;
                layer_norm(&x, &gain, &bias)
            })
            .collect::<candle_core::Result<_>>()?;
        let (mut x, _, additive) = pad(&embedded.iter().collect::<Vec<_>>())?;
        for l in &frozen {
            x = l.forward(&x, &additive)?;
        }
        for (row, &i) in chunk.iter().enumerate() {
            all[i].hidden = Some(x.get(row)?.narrow(0, 0, all[i].ids.len())?);
        }
    }
    let (test, train): (Vec<&Sentence>, Vec<&Sentence>) = all.iter().partition(|s| s.test);
    eprintln!("{} training and {} test sentences through the frozen layers in {:.0?}", train.len(), test.len(), started.elapsed());

    let trained: Vec<Vec<Var>> = (FROZEN..LAYERS).map(|i| Ok(layer(i)?.0.iter().map(Var::from_tensor).collect::<candle_core::Result<_>>()?)).collect::<Result<_>>()?;
    let head_w = Var::from_tensor(&Tensor::zeros((1, HIDDEN), DType::F32, &Device::Cpu)?)?;
    let head_b = Var::from_tensor(&Tensor::new(&[-2.0f32], &Device::Cpu)?)?;
    let mut body_opt = AdamW::new(trained.iter().flatten().cloned().collect(), ParamsAdamW { lr: 5e-5, weight_decay: 0.01, ..Default::default() })?;
    let mut head_opt = AdamW::new(vec![head_w.clone(), head_b.clone()], ParamsAdamW { lr: 1e-3, weight_decay: 0.0, ..Default::default() })?;
    let logits = |batch: &[&Sentence]| -> Result<Tensor> {
        let states: Vec<&Tensor> = batch.iter().map(|s| s.hidden.as_ref().context("no frozen states")).collect::<Result<_>>()?;
        let (mut x, mask, additive) = pad(&states)?;
        for vars in &trained {
            x = Layer(vars.iter().map(|v| v.as_tensor().clone()).collect()).forward(&x, &additive)?;
        }
        let mask = mask.unsqueeze(2)?;
        let pooled = x.broadcast_mul(&mask)?.sum(1)?.broadcast_div(&mask.sum(1)?)?;
        Ok(linear(&pooled, head_w.as_tensor(), head_b.as_tensor())?.squeeze(1)?)
    };
    let mut shuffled: Vec<usize> = (0..train.len()).collect();
    let mut seed = 7u64;
    println!("test sentences: {}; rules {}", test.len(), score(&test, |i| test[i].rules));
    for epoch in 1..=a.epochs {
        for i in (1..shuffled.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let t = std::time::Instant::now();
        let mut loss_sum = 0.0;
        for chunk in shuffled.chunks(16) {
            let batch: Vec<&Sentence> = chunk.iter().map(|&i| train[i]).collect();
            let y = Tensor::from_vec(batch.iter().map(|s| f32::from(u8::from(s.gold))).collect(), batch.len(), &Device::Cpu)?;
            let loss = candle_nn::loss::binary_cross_entropy_with_logit(&logits(&batch)?, &y)?;
            loss_sum += loss.to_scalar::<f32>()?;
            let grads = loss.backward()?;
            body_opt.step(&grads)?;
            head_opt.step(&grads)?;
        }
        let mut p = Vec::new();
        for chunk in test.chunks(32) {
            p.extend(candle_nn::ops::sigmoid(&logits(chunk)?)?.to_vec1::<f32>()?);
        }
        println!("epoch {epoch} (mean loss {:.4}, {:.0?}):", loss_sum / shuffled.len().div_ceil(16) as f32, t.elapsed());
        for th in [0.3f32, 0.4, 0.5, 0.6, 0.7] {
            println!("  threshold {th}: model {} | rules OR model {}", score(&test, |i| p[i] > th), score(&test, |i| test[i].rules || p[i] > th));
        }
    }
    Ok(())
}

//! The all-MiniLM-L6-v2 transformer written with plain tensor operations, for the fine-tuned
//! commitment classifier ([`super::encoder`]) and its training ([`super::finetune`]).
//!
//! Why not candle-transformers' `BertModel` (which `analyze::embed` uses): training needs
//! gradients, and candle's fused layer-norm and softmax kernels have no backward pass. One
//! forward pass for both training and inference keeps the two from drifting apart: the
//! probabilities a trained model gives in the pipeline are the ones it was chosen by.
//!
//! Owns: the weight names, [`Bert`] (embeddings and six layers, each layer's weights either
//! plain tensors or trainable `Var`s), [`pad`]. Invariants: pure, no I/O after loading.

use std::collections::HashMap;

use candle_core::{D, DType, Device, Tensor, Var};

/// Width of the hidden states.
pub const HIDDEN: usize = 384;
/// Attention heads per layer.
const HEADS: usize = 12;
/// Transformer layers.
pub const LAYERS: usize = 6;
/// Word pieces a sentence keeps (`[CLS]` and `[SEP]` included); longer ones are cut, the
/// final `[SEP]` kept. Commitment wording sits early: 128 covers all but the longest lists.
pub const MAX_TOKENS: usize = 128;

/// Weight names of one transformer layer, in the order [`forward_layer`] reads them.
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

/// Embedding weight names, in the order [`Bert::embed`] reads them.
const EMBEDDING_WEIGHTS: [&str; 5] = [
    "word_embeddings.weight",
    "position_embeddings.weight",
    "token_type_embeddings.weight",
    "LayerNorm.weight",
    "LayerNorm.bias",
];

/// The file name of layer `layer`'s weight `name` ("encoder.layer.4.output.dense.bias").
pub fn layer_weight_name(layer: usize, name: &str) -> String {
    format!("encoder.layer.{layer}.{name}")
}

/// The weight names of layer `layer`, in file-name form.
pub fn layer_weight_names(layer: usize) -> impl Iterator<Item = String> {
    LAYER_WEIGHTS.iter().map(move |n| layer_weight_name(layer, n))
}

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

/// One BERT layer. `p`: its weights in [`LAYER_WEIGHTS`] order; `x`: [batch, tokens, hidden];
/// `mask`: [batch, 1, 1, tokens], 0 for tokens and -1e4 for padding.
pub fn forward_layer(p: &[Tensor], x: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let (b, l, _) = x.dims3()?;
    let heads = |t: Tensor| t.reshape((b, l, HEADS, HIDDEN / HEADS))?.transpose(1, 2)?.contiguous();
    let q = heads(linear(x, &p[0], &p[1])?)?;
    let k = heads(linear(x, &p[2], &p[3])?)?;
    let v = heads(linear(x, &p[4], &p[5])?)?;
    let scores = (q.matmul(&k.t()?.contiguous()?)? / ((HIDDEN / HEADS) as f64).sqrt())?.broadcast_add(mask)?;
    let context = softmax(&scores)?.matmul(&v)?.transpose(1, 2)?.contiguous()?.reshape((b, l, HIDDEN))?;
    let attended = layer_norm(&(linear(&context, &p[6], &p[7])? + x)?, &p[8], &p[9])?;
    let inner = linear(&attended, &p[10], &p[11])?.gelu_erf()?;
    layer_norm(&(linear(&inner, &p[12], &p[13])? + &attended)?, &p[14], &p[15])
}

/// A padded batch: hidden states [batch, tokens, hidden], the token mask [batch, tokens] (1 for
/// tokens) and the additive attention mask [batch, 1, 1, tokens].
pub struct Padded {
    /// The stacked states.
    pub states: Tensor,
    /// 1.0 for a token, 0.0 for padding.
    pub mask: Tensor,
    /// 0.0 for a token, -1e4 for padding, shaped for the attention scores.
    pub additive: Tensor,
}

/// Stacks per-sentence states [tokens, hidden] into a batch padded to the longest.
pub fn pad(states: &[&Tensor]) -> candle_core::Result<Padded> {
    let mut longest = 1;
    for s in states {
        longest = longest.max(s.dim(0)?);
    }
    let mut padded = Vec::with_capacity(states.len());
    let mut mask = Vec::with_capacity(states.len() * longest);
    for s in states {
        let n = s.dim(0)?;
        padded.push(if n < longest {
            Tensor::cat(&[*s, &Tensor::zeros((longest - n, HIDDEN), DType::F32, s.device())?], 0)?
        } else {
            (*s).clone()
        });
        mask.extend((0..longest).map(|i| if i < n { 1f32 } else { 0f32 }));
    }
    let mask = Tensor::from_vec(mask, (states.len(), longest), &Device::Cpu)?;
    let additive = ((mask.clone() - 1.0)? * 1e4)?.reshape((states.len(), 1, 1, longest))?;
    Ok(Padded { states: Tensor::stack(&padded, 0)?, mask, additive })
}

/// Indices of sentences from the fewest tokens (`lens`) to the most, so that batches of
/// neighbours pad little.
pub fn by_length(lens: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lens.len()).collect();
    order.sort_by_key(|&i| lens[i]);
    order
}

/// Rows computed in `order` ([`by_length`]: row r belongs to sentence `order[r]`) put back in
/// input order.
pub fn unsort(rows: &Tensor, order: &[usize]) -> candle_core::Result<Tensor> {
    let mut back = vec![0u32; order.len()];
    for (r, &i) in order.iter().enumerate() {
        back[i] = r as u32;
    }
    rows.index_select(&Tensor::from_vec(back, order.len(), &Device::Cpu)?, 0)
}

/// Mean of the token states of a batch: [batch, tokens, hidden] -> [batch, hidden].
pub fn mean_pool(x: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mask = mask.unsqueeze(2)?;
    x.broadcast_mul(&mask)?.sum(1)?.broadcast_div(&mask.sum(1)?)
}

/// The encoder's weights: embeddings and the six layers.
pub struct Bert {
    embeddings: Vec<Tensor>,
    layers: Vec<Vec<Tensor>>,
}

impl Bert {
    /// Takes the weights out of a MiniLM safetensors map (`weights`), with `overrides` (the
    /// fine-tuned layers) replacing weights of the same name. Errors name the missing weight.
    pub fn from_weights(weights: &HashMap<String, Tensor>, overrides: &HashMap<String, Tensor>) -> Result<Bert, String> {
        let get = |name: String| -> Result<Tensor, String> {
            overrides
                .get(&name)
                .or_else(|| weights.get(&name))
                .cloned()
                .ok_or_else(|| format!("weight {name} is missing"))
        };
        let embeddings = EMBEDDING_WEIGHTS.iter().map(|n| get(format!("embeddings.{n}"))).collect::<Result<_, _>>()?;
        let layers = (0..LAYERS).map(|i| layer_weight_names(i).map(&get).collect()).collect::<Result<_, _>>()?;
        Ok(Bert { embeddings, layers })
    }

    /// Layer `i`'s weights as trainable variables (copies: the model keeps its own).
    pub fn layer_vars(&self, i: usize) -> candle_core::Result<Vec<Var>> {
        self.layers[i].iter().map(Var::from_tensor).collect()
    }

    /// The embedded tokens of one sentence: [tokens, hidden].
    pub fn embed(&self, ids: &[u32]) -> candle_core::Result<Tensor> {
        let [words, positions, types, gain, bias] = &self.embeddings[..] else {
            unreachable!("five embedding weights are loaded")
        };
        let n = ids.len();
        let ids = Tensor::from_vec(ids.to_vec(), n, &Device::Cpu)?;
        let x = (words.index_select(&ids, 0)? + positions.narrow(0, 0, n)?)?.broadcast_add(&types.get(0)?)?;
        layer_norm(&x, gain, bias)
    }

    /// Runs layers `from..to` over a padded batch.
    pub fn layers(&self, batch: &Padded, from: usize, to: usize) -> candle_core::Result<Tensor> {
        let mut x = batch.states.clone();
        for layer in &self.layers[from..to] {
            x = forward_layer(layer, &x, &batch.additive)?;
        }
        Ok(x)
    }
}

/// Cuts a tokenised sentence to [`MAX_TOKENS`], keeping its final `[SEP]`.
pub fn truncate(mut ids: Vec<u32>) -> Vec<u32> {
    if ids.len() > MAX_TOKENS {
        let end = ids[ids.len() - 1];
        ids.truncate(MAX_TOKENS - 1);
        ids.push(end);
    }
    ids
}

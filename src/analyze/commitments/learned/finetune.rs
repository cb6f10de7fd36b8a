//! Training the fine-tuned commitment classifier ([`super::encoder`]) on labelled sentences
//! (`newsmine train-encoder`, run by `make models`).
//!
//! Why this recipe: the labelled sets hold a few thousand sentences, too few to train all of
//! MiniLM well but enough for its top layers. The lower layers run once per sentence and their
//! states are kept; the top layers and a logistic head on the mean-pooled tokens are trained
//! with AdamW (layers at 5e-5, head at 1e-3, batches of 16, each run as sub-batches of similar
//! length), in a fixed shuffled order, so the same gold files and base weights give the same
//! model. Two cores, release build: about a minute for the lower layers and three per epoch on
//! 11,122 sentences.

use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};

use super::bert::{self, Bert, HIDDEN, LAYERS, Padded};
use super::encoder::{self, About, EncoderError, EncoderModel};
use super::train::Sample;

/// The recipe's version, recorded in [`About::recipe`]: bump it when training changes in a way
/// the parameters do not show (the head, the shuffle, the optimiser), so that
/// `train-encoder --if-stale` retrains.
pub const RECIPE: u32 = 1;

/// How a classifier is trained. The defaults are the values measured on the labelled sets
/// (README, "Tagging quality").
#[derive(Debug, Clone)]
pub struct FineTuneParams {
    /// Layers kept as they are; those above are trained.
    pub frozen: usize,
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Learning rate of the trained layers.
    pub layer_rate: f64,
    /// Learning rate of the head.
    pub head_rate: f64,
    /// Seed of the shuffles.
    pub seed: u64,
    /// The threshold written into the model ([`About::accept`]).
    pub accept: f32,
    /// The threshold below which the rules' commitments are dropped ([`About::reject`]).
    pub reject: f32,
}

impl Default for FineTuneParams {
    fn default() -> Self {
        FineTuneParams { frozen: 4, epochs: 2, layer_rate: 5e-5, head_rate: 1e-3, seed: 7, accept: 0.5, reject: 0.05 }
    }
}

/// Progress of a training run, for the caller to show.
pub trait Progress {
    /// One epoch finished, with its mean loss.
    fn epoch(&mut self, epoch: usize, mean_loss: f32);
}

impl Progress for () {
    fn epoch(&mut self, _: usize, _: f32) {}
}

/// A trained classifier and the tensors to save.
pub struct Trained {
    /// The model, ready to use.
    pub model: EncoderModel,
    /// The trained layers and head under their file names.
    pub tensors: Vec<(String, Tensor)>,
}

/// Trains on `samples` from the base model in `base_dir`. `trained_on` is recorded in
/// [`About::trained_on`].
pub fn finetune(
    base_dir: &std::path::Path,
    samples: &[Sample],
    params: &FineTuneParams,
    trained_on: Vec<String>,
    progress: &mut dyn Progress,
) -> Result<Trained, EncoderError> {
    let (weights, digest, tokenizer) = encoder::load_base(base_dir)?;
    let base = Bert::from_weights(&weights, &Default::default()).map_err(|reason| EncoderError::Bad { path: base_dir.to_owned(), reason })?;
    let frozen = params.frozen.min(LAYERS);

    // The lower layers once, in batches of sentences of similar length.
    let ids: Vec<Vec<u32>> = samples.iter().map(|s| encoder::token_ids(&tokenizer, &s.sentence)).collect::<Result<_, _>>()?;
    let mut hidden: Vec<Option<Tensor>> = vec![None; samples.len()];
    let order = bert::by_length(&ids.iter().map(Vec::len).collect::<Vec<_>>());
    for chunk in order.chunks(32) {
        let embedded: Vec<Tensor> = chunk.iter().map(|&i| base.embed(&ids[i])).collect::<Result<_, _>>()?;
        let batch = bert::pad(&embedded.iter().collect::<Vec<_>>())?;
        let x = base.layers(&batch, 0, frozen)?;
        for (row, &i) in chunk.iter().enumerate() {
            hidden[i] = Some(x.get(row)?.narrow(0, 0, ids[i].len())?);
        }
    }
    let hidden: Vec<Tensor> = hidden.into_iter().map(|h| h.expect("every sentence went through the lower layers")).collect();

    let mut net = Trainable::new(&base, frozen, 1, -2.0, params.layer_rate, params.head_rate)?;
    let mut shuffled: Vec<usize> = (0..samples.len()).collect();
    let mut seed = params.seed;
    for epoch in 1..=params.epochs {
        shuffle(&mut shuffled, &mut seed);
        let mut loss_sum = 0.0;
        for chunk in shuffled.chunks(16) {
            let states: Vec<&Tensor> = chunk.iter().map(|&i| &hidden[i]).collect();
            let logits = net.logits_of(&states)?.squeeze(1)?;
            let y = Tensor::from_vec(chunk.iter().map(|&i| f32::from(u8::from(samples[i].commitment))).collect(), chunk.len(), &Device::Cpu)?;
            loss_sum += net.step(&candle_nn::loss::binary_cross_entropy_with_logit(&logits, &y)?)?;
        }
        progress.epoch(epoch, loss_sum / shuffled.len().div_ceil(16).max(1) as f32);
    }

    let tensors = net.tensors();
    let about = About {
        base: digest,
        frozen,
        trained_on,
        sentences: samples.len(),
        epochs: params.epochs,
        accept: params.accept,
        reject: params.reject,
        recipe: RECIPE,
    };
    let bert = Bert::from_weights(&weights, &net.layer_overrides()).map_err(|reason| EncoderError::Bad { path: base_dir.to_owned(), reason })?;
    let (head_w, head_b) = net.head();
    let model = EncoderModel::from_parts(bert, tokenizer, head_w, head_b, about, "unsaved".into());
    Ok(Trained { model, tensors })
}

/// Sentences per forward pass within a training step (see [`Trainable::logits_of`]).
const SUB_BATCH: usize = 4;

/// The same shuffle on every machine: a fixed linear congruential generator, `seed` carried
/// from one epoch to the next.
pub(crate) fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        order.swap(i, (*seed >> 33) as usize % (i + 1));
    }
}

/// The part of a model that training changes: the layers above the frozen ones and a head of
/// `k` rows on the mean of the token states, with their AdamW optimisers (layers with weight
/// decay 0.01, the head without). Both encoders train through it.
pub(crate) struct Trainable {
    frozen: usize,
    layers: Vec<Vec<Var>>,
    head_w: Var,
    head_b: Var,
    layer_opt: AdamW,
    head_opt: AdamW,
}

impl Trainable {
    /// Layers `frozen..` of `base`, and a head of `k` rows with zero weights and bias `bias`.
    pub(crate) fn new(base: &Bert, frozen: usize, k: usize, bias: f32, layer_rate: f64, head_rate: f64) -> candle_core::Result<Trainable> {
        let layers: Vec<Vec<Var>> = (frozen..LAYERS).map(|i| base.layer_vars(i)).collect::<Result<_, _>>()?;
        let head_w = Var::from_tensor(&Tensor::zeros((k, HIDDEN), DType::F32, &Device::Cpu)?)?;
        let head_b = Var::from_tensor(&Tensor::full(bias, k, &Device::Cpu)?)?;
        let layer_opt = AdamW::new(layers.iter().flatten().cloned().collect(), ParamsAdamW { lr: layer_rate, weight_decay: 0.01, ..Default::default() })?;
        let head_opt = AdamW::new(vec![head_w.clone(), head_b.clone()], ParamsAdamW { lr: head_rate, weight_decay: 0.0, ..Default::default() })?;
        Ok(Trainable { frozen, layers, head_w, head_b, layer_opt, head_opt })
    }

    /// The head's logits [n, k] for the frozen layers' states of n sentences ([tokens, hidden]
    /// each), in input order. They run in sub-batches of [`SUB_BATCH`] sentences of similar
    /// length, so that little is padded: the same logits as one padded batch (padding is
    /// masked out), hence the same loss and gradients, for less work.
    pub(crate) fn logits_of(&self, states: &[&Tensor]) -> candle_core::Result<Tensor> {
        let order = bert::by_length(&states.iter().map(|t| t.dims().first().copied().unwrap_or(0)).collect::<Vec<_>>());
        let mut parts = Vec::with_capacity(order.len().div_ceil(SUB_BATCH));
        for chunk in order.chunks(SUB_BATCH) {
            parts.push(self.logits(&bert::pad(&chunk.iter().map(|&i| states[i]).collect::<Vec<_>>())?)?);
        }
        bert::unsort(&Tensor::cat(&parts, 0)?, &order)
    }

    /// The head's logits [batch, k] for a padded batch of the frozen layers' states.
    fn logits(&self, batch: &Padded) -> candle_core::Result<Tensor> {
        let mut x = batch.states.clone();
        for vars in &self.layers {
            let layer: Vec<Tensor> = vars.iter().map(|v| v.as_tensor().clone()).collect();
            x = bert::forward_layer(&layer, &x, &batch.additive)?;
        }
        bert::mean_pool(&x, &batch.mask)?.broadcast_matmul(&self.head_w.as_tensor().t()?)?.broadcast_add(self.head_b.as_tensor())
    }

    /// One optimiser step on `loss`; returns its value.
    pub(crate) fn step(&mut self, loss: &Tensor) -> candle_core::Result<f32> {
        let value = loss.to_scalar::<f32>()?;
        let grads = loss.backward()?;
        self.layer_opt.step(&grads)?;
        self.head_opt.step(&grads)?;
        Ok(value)
    }

    /// The trained layers under their MiniLM names.
    pub(crate) fn layer_overrides(&self) -> std::collections::HashMap<String, Tensor> {
        let mut out = std::collections::HashMap::new();
        for (vars, layer) in self.layers.iter().zip(self.frozen..LAYERS) {
            for (var, name) in vars.iter().zip(bert::layer_weight_names(layer)) {
                out.insert(name, var.as_tensor().clone());
            }
        }
        out
    }

    /// The head's weights and bias.
    pub(crate) fn head(&self) -> (Tensor, Tensor) {
        (self.head_w.as_tensor().clone(), self.head_b.as_tensor().clone())
    }

    /// Everything to save: the trained layers, then `head.weight` and `head.bias`.
    pub(crate) fn tensors(&self) -> Vec<(String, Tensor)> {
        let mut out: Vec<(String, Tensor)> = self.layer_overrides().into_iter().collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        let (w, b) = self.head();
        out.push(("head.weight".into(), w));
        out.push(("head.bias".into(), b));
        out
    }
}

/// Writes a trained model into `dir` ([`encoder::WEIGHTS_FILE`], then [`encoder::ABOUT_FILE`]),
/// each through a temporary file and a rename, so a killed run never leaves half a model.
pub fn save(dir: &std::path::Path, trained: &Trained) -> std::io::Result<()> {
    let about = serde_json::to_vec_pretty(trained.model.about()).map_err(std::io::Error::other)?;
    encoder::save_files(dir, &trained.tensors, &about)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sub-batches of similar length change how much is padded, not what is learned: the same
    /// logits in the same order, and the same gradients, as one padded batch.
    #[test]
    fn sub_batches_give_the_logits_and_gradients_of_one_padded_batch() {
        let base_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/all-minilm-l6-v2");
        let (weights, _, tokenizer) = encoder::load_base(&base_dir).unwrap_or_else(|e| panic!("{e}"));
        let base = Bert::from_weights(&weights, &Default::default()).unwrap();
        let mut net = Trainable::new(&base, 4, 2, 0.0, 1e-4, 1e-3).unwrap();
        // A head that reads the states, so that sentences differ.
        let w = (Tensor::arange(0f32, (2 * HIDDEN) as f32, &Device::Cpu).unwrap().reshape((2, HIDDEN)).unwrap() / 7.0).unwrap().cos().unwrap();
        net.head_w = Var::from_tensor(&w).unwrap();
        let sentences = [
            "Roads.",
            "The akimat will build 12 schools in the Turkestan region by 2025.",
            "Officials met in Astana to discuss the plan for the next five years and the money it needs.",
            "Water.",
            "The ministry plans to connect 250 villages to broadband internet next year.",
            "Kazakhtelecom will lay 3,000 km of fibre-optic lines.",
            "A new 200-bed maternity centre will be built in Shymkent, the akim said on Monday.",
            "Wheat harvest amounted to 14 million tonnes.",
            "Yes.",
        ];
        let states: Vec<Tensor> = sentences
            .iter()
            .map(|s| {
                let ids = encoder::token_ids(&tokenizer, s).unwrap();
                let x = base.layers(&bert::pad(&[&base.embed(&ids).unwrap()]).unwrap(), 0, 4).unwrap();
                x.get(0).unwrap()
            })
            .collect();
        let refs: Vec<&Tensor> = states.iter().collect();
        let one = net.logits(&bert::pad(&refs).unwrap()).unwrap();
        let sub = net.logits_of(&refs).unwrap();
        let diff = |a: &Tensor, b: &Tensor| (a - b).unwrap().abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
        assert_eq!(sub.dims(), &[9, 2]);
        assert!(diff(&one, &sub) < 1e-4, "{one} vs {sub}");
        let grads_one = one.sqr().unwrap().sum_all().unwrap().backward().unwrap();
        let grads_sub = sub.sqr().unwrap().sum_all().unwrap().backward().unwrap();
        // Every trained tensor, to float precision (the key biases' true gradient is zero).
        for var in net.layers.iter().flatten().chain([&net.head_w, &net.head_b]) {
            let (a, b) = (grads_one.get(var).unwrap(), grads_sub.get(var).unwrap());
            let scale = a.abs().unwrap().flatten_all().unwrap().max(0).unwrap().to_scalar::<f32>().unwrap();
            assert!(diff(a, b) <= 1e-5 * scale + 1e-5, "gradients of a {:?} tensor differ by {} of {scale}", a.dims(), diff(a, b));
        }
    }
}

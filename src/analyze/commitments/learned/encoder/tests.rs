//! Tests of the fine-tuned classifier on the real base model: batching, saving and loading,
//! refusals, and that training learns. They need the base weights (`models/fetch.sh`, which
//! `make test` runs); without them they fail with that instruction rather than skip.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};

use super::super::bert::{Bert, HIDDEN};
use super::super::finetune::{FineTuneParams, Progress, finetune, save};
use super::super::train::Sample;
use super::*;

fn base_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/all-minilm-l6-v2")
}

/// The base model with a head of zero weights and this bias: every sentence gets
/// `sigmoid(bias)`, whatever it says. `reject`: [`About::reject`].
pub(crate) fn constant_model(bias: f32, reject: f32) -> EncoderModel {
    let (weights, digest, tokenizer) = load_base(&base_dir()).unwrap_or_else(|e| panic!("{e}"));
    let bert = Bert::from_weights(&weights, &HashMap::new()).unwrap();
    let about = About { base: digest, frozen: 6, trained_on: vec![], sentences: 0, epochs: 0, accept: 0.5, reject, recipe: 0 };
    let w = Tensor::zeros((1, HIDDEN), DType::F32, &Device::Cpu).unwrap();
    let b = Tensor::new(&[bias], &Device::Cpu).unwrap();
    EncoderModel::from_parts(bert, tokenizer, w, b, about, "constant".into())
}

/// Sentences from kz-gov-press, commitments first.
const COMMITMENTS: [&str; 8] = [
    "The akimat will build 12 schools in the Turkestan region by 2025.",
    "The Prime Minister instructed the Ministry of Energy to complete the gas pipeline by the end of the year.",
    "In 2020, it is planned to repair 1,500 km of local roads.",
    "The ministry plans to connect 250 villages to broadband internet next year.",
    "Kazakhtelecom will lay 3,000 km of fibre-optic lines in rural areas.",
    "By 2025, 98% of the population will have access to clean drinking water.",
    "The government intends to allocate 50 billion tenge for housing construction.",
    "A new 200-bed maternity centre will be built in Shymkent.",
];
const OTHERS: [&str; 8] = [
    "Last year, 1,200 km of roads were repaired in the region.",
    "The meeting was attended by the heads of central state bodies.",
    "Kazakhstan is the ninth largest country in the world.",
    "The volume of industrial production grew by 4.5% in January-June.",
    "The President visited the exhibition of domestic producers.",
    "Wheat harvest amounted to 14 million tonnes.",
    "The forum brought together more than 500 participants.",
    "The minister answered questions from journalists.",
];

/// The base model with a head that reads one direction of the pooled state, so sentences
/// differ; `frozen` as about.json would say.
fn ones_model(frozen: usize) -> EncoderModel {
    let (weights, digest, tokenizer) = load_base(&base_dir()).unwrap_or_else(|e| panic!("{e}"));
    let bert = Bert::from_weights(&weights, &HashMap::new()).unwrap();
    let w = Tensor::ones((1, HIDDEN), DType::F32, &Device::Cpu).unwrap();
    let b = Tensor::new(&[0f32], &Device::Cpu).unwrap();
    let about = About { base: digest, frozen, trained_on: vec![], sentences: 0, epochs: 0, accept: 0.5, reject: 0.0, recipe: 0 };
    EncoderModel::from_parts(bert, tokenizer, w, b, about, "ones".into())
}

#[test]
fn a_sentence_reads_the_same_alone_and_in_a_batch() {
    let m = ones_model(6);
    let all: Vec<&str> = COMMITMENTS.iter().chain(&OTHERS).copied().collect();
    let together = m.probabilities(&all).unwrap();
    assert_eq!(together.len(), all.len());
    for (s, p) in all.iter().zip(&together) {
        let alone = m.probabilities(&[s]).unwrap()[0];
        assert!((alone - p).abs() < 1e-4, "{s}: {alone} alone, {p} in a batch");
    }
    assert!(together.windows(2).any(|w| (w[0] - w[1]).abs() > 1e-3), "the head reads the sentence: {together:?}");
}

#[test]
fn shared_lower_states_give_the_same_probabilities_and_others_are_ignored() {
    let m = ones_model(4);
    let all: Vec<&str> = COMMITMENTS.iter().chain(&OTHERS).copied().collect();
    let alone = m.probabilities(&all).unwrap();
    // States of some of the sentences (as the sector encoder would hand them over): the same
    // probabilities, the rest computed.
    let some = &all[3..11];
    let shared = m.tuned.keep(some, m.tuned.lower(some, 4).unwrap(), 4);
    assert_eq!(shared.len(), 8);
    let with = m.probabilities_sharing(&all, Some(&shared)).unwrap();
    for ((s, a), b) in all.iter().zip(&alone).zip(&with) {
        assert!((a - b).abs() < 1e-5, "{s}: {a} alone, {b} with shared states");
    }
    // The shared states are really used: zeroed ones change the sentences they hold...
    let zeroed = |base: &str, depth: usize| LowerStates {
        base: base.to_owned(),
        depth,
        states: shared.states.iter().map(|(s, t)| (s.clone(), t.zeros_like().unwrap())).collect(),
    };
    let used = m.probabilities_sharing(&all, Some(&zeroed(&m.about().base, 4))).unwrap();
    assert!((used[3] - alone[3]).abs() > 1e-3 && (used[0] - alone[0]).abs() < 1e-5, "{used:?} vs {alone:?}");
    // ...but states of another base, or past the frozen layers, are ignored.
    for other in [zeroed("000000000000", 4), zeroed(&m.about().base, 5)] {
        assert_eq!(m.probabilities_sharing(&all, Some(&other)).unwrap(), alone);
    }
    // States after fewer layers serve too: the model runs its remaining frozen layers on them.
    let shallow = m.tuned.keep(some, m.tuned.lower(some, 2).unwrap(), 2);
    let with = m.probabilities_sharing(&all, Some(&shallow)).unwrap();
    for ((s, a), b) in all.iter().zip(&alone).zip(&with) {
        assert!((a - b).abs() < 1e-5, "{s}: {a} alone, {b} with states after two layers");
    }
}

struct Losses(Vec<f32>);

impl Progress for Losses {
    fn epoch(&mut self, _: usize, mean_loss: f32) {
        self.0.push(mean_loss);
    }
}

#[test]
fn training_learns_saves_and_loads_and_refuses_another_base() {
    let samples: Vec<Sample> = COMMITMENTS
        .iter()
        .map(|s| (s, true))
        .chain(OTHERS.iter().map(|s| (s, false)))
        .map(|(s, commitment)| Sample { sentence: (*s).to_owned(), commitment })
        .collect();
    let params = FineTuneParams { frozen: 5, epochs: 4, head_rate: 2e-2, ..FineTuneParams::default() };
    let mut losses = Losses(Vec::new());
    let trained = finetune(&base_dir(), &samples, &params, vec!["test@0".into()], &mut losses).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(losses.0.len(), 4);
    assert!(losses.0[3] < losses.0[0], "the loss falls: {:?}", losses.0);
    let all: Vec<&str> = COMMITMENTS.iter().chain(&OTHERS).copied().collect();
    let p = trained.model.probabilities(&all).unwrap();
    let mean = |ps: &[f32]| ps.iter().sum::<f32>() / ps.len() as f32;
    assert!(mean(&p[..8]) > mean(&p[8..]) + 0.1, "commitments score higher after training: {p:?}");

    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &trained).unwrap();
    let loaded = EncoderModel::load(&base_dir(), dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.about(), trained.model.about());
    assert_eq!(loaded.about().trained_on, vec!["test@0".to_owned()]);
    assert_eq!(loaded.about().frozen, 5);
    let again = loaded.probabilities(&all).unwrap();
    for (a, b) in p.iter().zip(&again) {
        assert!((a - b).abs() < 1e-5, "saved and loaded models agree: {a} vs {b}");
    }
    // Saving the same weights again gives the same file, hence the same id.
    let id = loaded.id().to_owned();
    save(dir.path(), &trained).unwrap();
    assert_eq!(EncoderModel::load(&base_dir(), dir.path()).unwrap().id(), id);
    assert_eq!(id.len(), 8);

    // Trained layers belong to their base: another base is refused, and says what to do.
    let about_path = dir.path().join(ABOUT_FILE);
    let mut about: About = serde_json::from_slice(&std::fs::read(&about_path).unwrap()).unwrap();
    about.base = "000000000000".into();
    std::fs::write(&about_path, serde_json::to_vec(&about).unwrap()).unwrap();
    let e = EncoderModel::load(&base_dir(), dir.path()).err().expect("refused");
    assert!(matches!(e, EncoderError::OtherBase { .. }), "{e}");
    assert!(e.to_string().contains("make models") || e.to_string().contains("retrain"), "{e}");
}

#[test]
fn missing_and_damaged_files_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let e = EncoderModel::load(&base_dir(), dir.path()).err().expect("nothing there");
    assert!(matches!(&e, EncoderError::Missing { path } if path.ends_with(ABOUT_FILE)), "{e}");
    assert!(e.to_string().contains("train"), "{e}");
    std::fs::write(dir.path().join(ABOUT_FILE), "{not json").unwrap();
    let e = EncoderModel::load(&base_dir(), dir.path()).err().expect("bad about");
    assert!(matches!(e, EncoderError::Bad { .. }), "{e}");
    let m = constant_model(0.0, 0.0);
    std::fs::write(dir.path().join(ABOUT_FILE), serde_json::to_vec(m.about()).unwrap()).unwrap();
    std::fs::write(dir.path().join(WEIGHTS_FILE), b"not safetensors").unwrap();
    let e = EncoderModel::load(&base_dir(), dir.path()).err().expect("bad weights");
    assert!(matches!(&e, EncoderError::Bad { path, .. } if path.ends_with(WEIGHTS_FILE)), "{e}");
}

#[test]
fn a_model_trained_before_the_rejection_threshold_drops_nothing() {
    let old = r#"{"base": "53aa51172d14", "frozen": 4, "trained_on": [], "sentences": 10, "epochs": 2, "accept": 0.5, "recipe": 1}"#;
    let about: About = serde_json::from_str(old).unwrap();
    assert_eq!(about.reject, 0.0);
}

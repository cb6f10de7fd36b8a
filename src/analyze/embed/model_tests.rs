//! Tests of the real model against sentence-transformers' vectors.
//!
//! They need the weights: run `models/fetch.sh` first. Without them they fail
//! (with that instruction) rather than skip, so that a machine without the
//! model cannot pass by testing nothing.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{EmbedError, Encoder, MAX_TOKENS, MiniLm, cosine};

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

/// The model, loaded once for all tests of this module.
fn model() -> &'static MiniLm {
    static MODEL: OnceLock<MiniLm> = OnceLock::new();
    MODEL.get_or_init(
        || match MiniLm::load(&models_dir().join("all-minilm-l6-v2")) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        },
    )
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn matches_sentence_transformers_reference() {
    let reference = read_json(&models_dir().join("reference/embeddings.json"));
    let rows = reference["sentences"].as_array().expect("sentences array");
    assert_eq!(rows.len(), 12);
    let texts: Vec<&str> = rows
        .iter()
        .map(|r| r["text"].as_str().expect("text"))
        .collect();
    let m = model();
    let got = m.encode(&texts).expect("encode");
    let counts = m.token_counts(&texts).expect("token counts");
    let mut worst = 1.0f32;
    for ((row, v), n) in rows.iter().zip(&got).zip(counts) {
        let want: Vec<f32> = row["embedding"]
            .as_array()
            .expect("embedding")
            .iter()
            .map(|x| x.as_f64().unwrap() as f32)
            .collect();
        assert_eq!(v.len(), want.len());
        assert_eq!(
            n as u64,
            row["tokens"].as_u64().unwrap(),
            "token count of {:?}",
            row["text"]
        );
        let c = cosine(v, &want);
        assert!(c >= 0.999, "cosine {c} < 0.999 for {:?}", row["text"]);
        worst = worst.min(c);
    }
    eprintln!("lowest cosine with sentence-transformers: {worst:.6}");
    // The fixture was made from these very weights.
    let sha = reference["meta"]["weights_sha256"].as_str().unwrap();
    assert!(
        m.model_id().ends_with(&format!("@{}", &sha[..12])),
        "{} vs {sha}",
        m.model_id()
    );
}

#[test]
fn max_tokens_is_the_models_max_seq_length() {
    let cfg = read_json(&models_dir().join("all-minilm-l6-v2/sentence_bert_config.json"));
    assert_eq!(
        cfg["max_seq_length"].as_u64(),
        Some(MAX_TOKENS as u64),
        "run models/fetch.sh if the file is missing"
    );
}

#[test]
fn vectors_do_not_depend_on_the_batch() {
    let m = model();
    let texts = [
        "Broadband reached 214 villages of Akmola region this summer.",
        "Roads.",
        "The akimat reported that the reconstruction of the central heating plant in Ekibastuz, which supplies \
         heat to more than 40,000 residents, will be finished before the start of the heating season, and that \
         another 12 kilometres of heating networks will be replaced by the end of October.",
        "",
        "Жаңа мектеп ашылды.",
    ];
    let together = m.encode(&texts).expect("batch");
    // Small batches on three threads mix lengths differently again.
    let pairs = MiniLm::load(&models_dir().join("all-minilm-l6-v2"))
        .expect("load")
        .with_batch_size(2)
        .with_threads(3)
        .expect("threads");
    let in_pairs = pairs.encode(&texts).expect("pairs");
    for (i, text) in texts.iter().enumerate() {
        let alone = m.encode(&[text]).expect("alone");
        assert!(
            cosine(&alone[0], &together[i]) >= 0.9999,
            "text {i} alone vs batch"
        );
        assert!(
            cosine(&alone[0], &in_pairs[i]) >= 0.9999,
            "text {i} alone vs pairs"
        );
        assert!((norm(&together[i]) - 1.0).abs() < 1e-4, "not unit length");
    }
}

#[test]
fn empty_and_very_long_texts() {
    let m = model();
    assert!(m.encode(&[]).expect("no texts").is_empty());
    let long = (0..5000)
        .map(|i| format!("word{}", i % 97))
        .collect::<Vec<_>>()
        .join(" ");
    let out = m.encode(&["", &long, "   "]).expect("encode");
    assert_eq!(out.len(), 3);
    for v in &out {
        assert_eq!(v.len(), m.dim());
        assert!(v.iter().all(|x| x.is_finite()));
        assert!((norm(v) - 1.0).abs() < 1e-4);
    }
    assert_eq!(m.token_counts(&["", &long]).unwrap(), vec![2, MAX_TOKENS]);
}

#[test]
fn related_texts_are_closer() {
    let m = model();
    let v = m
        .encode(&[
            "internet access in the countryside",
            "broadband for 200 more villages",
            "a new hospital opened in Shymkent",
        ])
        .expect("encode");
    let (near, far) = (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]));
    assert!(near > far, "broadband {near} should beat hospital {far}");
}

#[test]
fn missing_directory_says_to_fetch() {
    let err = MiniLm::load(Path::new("/nonexistent/all-minilm-l6-v2"))
        .err()
        .expect("must fail");
    assert!(matches!(
        err,
        EmbedError::MissingFile {
            file: "config.json",
            ..
        }
    ));
    assert!(err.to_string().contains("models/fetch.sh"), "{err}");
}

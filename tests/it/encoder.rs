//! `newsmine train-encoder` and a configuration naming its output: the files it writes, that
//! it skips work already done, and that eval reads with it; the errors of a configuration that
//! names it wrongly.

use crate::util::{World, fixture, root};

/// The first `n` articles of the check set, as a gold file in the world.
fn small_gold(w: &World, name: &str, n: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(fixture("gold/check.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().take(n).collect();
    w.write(name, &(lines.join("\n") + "\n"))
}

#[test]
fn train_encoder_writes_a_model_that_is_reused_until_its_gold_changes_and_eval_reads_it() {
    let mut w = World::new();
    let gold = small_gold(&w, "small.jsonl", 8);
    let out = w.path("encoder");
    let base = root().join("models/all-minilm-l6-v2");
    let train = |w: &World, gold: &std::path::Path| {
        w.newsmine(&[
            "train-encoder", "--gold", gold.to_str().unwrap(), "--output", out.to_str().unwrap(),
            "--base", base.to_str().unwrap(), "--epochs", "1", "--if-stale",
        ])
        .expect(0)
    };
    let first = train(&w, &gold);
    assert!(first.stderr.contains("training the commitment encoder on"), "{}", first.stderr);
    let about: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("about.json")).unwrap()).unwrap();
    let trained_on = about["trained_on"].as_array().unwrap();
    assert_eq!(trained_on.len(), 1);
    assert!(trained_on[0].as_str().unwrap().starts_with("small.jsonl@"), "{about}");
    assert_eq!(about["epochs"], 1);
    assert!(about["sentences"].as_u64().unwrap() > 50, "{about}");
    let weights = std::fs::read(out.join("weights.safetensors")).unwrap();
    assert!(weights.len() > 1_000_000, "two layers and a head: {} bytes", weights.len());

    // Same gold, same base, same epochs: nothing to do.
    let second = train(&w, &gold);
    assert!(second.stderr.contains("is up to date"), "{}", second.stderr);
    assert_eq!(std::fs::read(out.join("weights.safetensors")).unwrap(), weights);

    // Other gold: trained again.
    let fewer = small_gold(&w, "small.jsonl", 7);
    assert!(train(&w, &fewer).stderr.contains("training the commitment encoder on"));

    // Eval with the encoder: it only adds to the rules' sentences.
    let eval = ["eval", "--gold", gold.to_str().unwrap(), "--json"];
    let predicted = |run: crate::util::Run| {
        let v = run.expect(0).json();
        v["commitments"]["tp"].as_u64().unwrap() + v["commitments"]["fp"].as_u64().unwrap()
    };
    let rules_only = predicted(w.newsmine(&eval));
    let with_encoder = predicted(w.commitment_encoder(Some(&out)).newsmine(&eval));
    assert!(with_encoder >= rules_only, "{with_encoder} < {rules_only}");
}

#[test]
fn a_missing_encoder_stops_eval_with_what_to_do() {
    let mut w = World::new();
    let gold = small_gold(&w, "small.jsonl", 2);
    let missing = w.path("no-encoder");
    let run = w.commitment_encoder(Some(&missing)).newsmine(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("about.json not found") && run.stderr.contains("train-encoder"), "{}", run.stderr);
}

#[test]
fn train_sector_encoder_writes_a_model_that_eval_combines_with_the_rules() {
    let mut w = World::new();
    let gold = small_gold(&w, "small.jsonl", 8);
    let out = w.path("sector-encoder");
    let base = root().join("models/all-minilm-l6-v2");
    let train = |w: &World| {
        w.newsmine(&[
            "train-sector-encoder", "--gold", gold.to_str().unwrap(), "--output", out.to_str().unwrap(),
            "--base", base.to_str().unwrap(), "--epochs", "1", "--if-stale",
        ])
        .expect(0)
    };
    let first = train(&w);
    assert!(first.stderr.contains("training the sector encoder on 8 articles"), "{}", first.stderr);
    let about: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("about.json")).unwrap()).unwrap();
    assert_eq!(about["articles"], 8, "{about}");
    let sectors: Vec<&str> = about["sectors"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(sectors.len(), 15, "the taxonomy's sectors, in its order: {about}");
    assert_eq!(sectors[0], "transport");
    assert!(about["trained_on"][0].as_str().unwrap().starts_with("small.jsonl@"), "{about}");
    assert!(train(&w).stderr.contains("is up to date"));

    // Eval and analyze read it: every reported sector has a score in (0, 1], best first.
    let eval = w.sector_encoder(Some(&out)).newsmine(&["eval", "--gold", gold.to_str().unwrap(), "--json"]).expect(0).json();
    assert_eq!(eval["articles"], 8);
    let text = std::fs::read_to_string(&gold).unwrap();
    let analysed = w.newsmine_with_stdin(&["analyze"], Some(&text)).expect(0);
    let mut reported = 0;
    for line in analysed.stdout.lines() {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        let scores: Vec<f64> = a["sectors"].as_array().unwrap().iter().map(|s| s["score"].as_f64().unwrap()).collect();
        assert!(scores.iter().all(|&s| s > 0.0 && s <= 1.0) && scores.windows(2).all(|p| p[0] >= p[1]), "{line}");
        reported += scores.len();
    }
    assert!(reported > 0, "no sector on 8 press releases");

    // A missing model stops with what to do.
    let missing = w.path("no-sector-encoder");
    let run = w.sector_encoder(Some(&missing)).newsmine(&["eval", "--gold", gold.to_str().unwrap()]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("about.json not found") && run.stderr.contains("train-sector-encoder"), "{}", run.stderr);
}

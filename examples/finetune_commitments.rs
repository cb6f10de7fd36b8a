//! Measurement, not a pipeline stage: trains the commitment encoder (`newsmine train-encoder`'s
//! recipe, `analyze::learned::finetune`) on some gold files and scores it sentence by sentence
//! on others: the rules alone, the model alone and the rules OR the model, at several
//! thresholds, over every sentence and over the sentences the pipeline lets it read (those
//! with commitment wording). It is how the shipped threshold and reading rule were chosen
//! (README, "Tagging quality").
//!
//! ```text
//! ./models/fetch.sh && cargo run --release --example finetune_commitments -- \
//!     --train tests/fixtures/gold/dev.jsonl --train tests/fixtures/gold/check.jsonl \
//!     --train tests/fixtures/gold/dev2.jsonl --test tests/fixtures/gold/dev3.jsonl --epochs 2
//! ```
//!
//! `--seed N`, repeated, trains one model per seed (the shuffle's) and scores their mean
//! probability: an ensemble (not shipped: it multiplies the training time). `--worded-only
//! true` trains only on the sentences with commitment wording, the ones the pipeline asks the
//! model about (not shipped: a third of the training time, and 0.027 lower on dev6).
//! The "dropped below" lines score the rules' commitments that the model may drop
//! (`About::reject`, shipped at 0.05 since stop 15), over the worded sentences and, under each
//! threshold, over every sentence (stop 17: dev6, 0.772 against 0.769, not shipped).
//!
//! Sentences are split and labelled as `newsmine train-commitments` labels them (a sentence is
//! a commitment when it covers at least half of a gold commitment sentence, the match
//! `newsmine eval` uses). Two cores: about a minute per epoch on 4,080 sentences.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsmine::analyze::Analyzer;
use newsmine::analyze::eval::{GoldArticle, parse_gold};
use newsmine::analyze::learned::finetune::{FineTuneParams, finetune};
use newsmine::analyze::learned::train::{Sample, samples_from_gold};

struct Args {
    train: Vec<PathBuf>,
    test: Vec<PathBuf>,
    epochs: usize,
    seeds: Vec<u64>,
    frozen: Option<usize>,
    worded_only: bool,
}

fn args() -> Result<Args> {
    let mut a = Args { train: Vec::new(), test: Vec::new(), epochs: 2, seeds: Vec::new(), frozen: None, worded_only: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--train" => a.train.push(value.into()),
            "--test" => a.test.push(value.into()),
            "--epochs" => a.epochs = value.parse()?,
            "--seed" => a.seeds.push(value.parse()?),
            "--frozen" => a.frozen = Some(value.parse()?),
            "--worded-only" => a.worded_only = value.parse()?,
            _ => anyhow::bail!("unknown flag {flag}: use --train FILE, --test FILE, --epochs N, --seed N (repeat it for an ensemble), --frozen LAYERS, --worded-only true|false (train only on the sentences the pipeline asks about)"),
        }
    }
    anyhow::ensure!(!a.train.is_empty() && !a.test.is_empty(), "give at least one --train and one --test gold file");
    Ok(a)
}

/// A test sentence: its label, the rules' verdict and whether it has commitment wording.
struct Scored {
    sample: Sample,
    rules: bool,
    worded: bool,
}

fn gold_articles(paths: &[PathBuf]) -> Result<Vec<GoldArticle>> {
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        out.extend(parse_gold(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?);
    }
    Ok(out)
}

/// "F1 0.737 (P 0.808 R 0.678)" of a verdict over the test sentences.
fn score(test: &[Scored], verdict: impl Fn(usize) -> bool) -> String {
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for (i, s) in test.iter().enumerate() {
        match (verdict(i), s.sample.commitment) {
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
    let read = |n: &str| std::fs::read_to_string(root.join("config").join(n));
    let analyzer = Analyzer::new(&read("gazetteer.toml")?, &read("sectors.toml")?)?;
    let mut train = samples_from_gold(&gold_articles(&a.train)?);
    if a.worded_only {
        train.retain(|s| analyzer.has_commitment_wording(&s.sentence));
    }
    let mut test = Vec::new();
    for article in gold_articles(&a.test)? {
        let found = analyzer.analyze(&article.text, None).commitments;
        for sample in samples_from_gold(std::slice::from_ref(&article)) {
            let rules = found.iter().any(|c| c.text == sample.sentence);
            let worded = analyzer.has_commitment_wording(&sample.sentence);
            test.push(Scored { sample, rules, worded });
        }
    }
    let texts: Vec<&str> = test.iter().map(|s| s.sample.sentence.as_str()).collect();
    let seeds = if a.seeds.is_empty() { vec![FineTuneParams::default().seed] } else { a.seeds.clone() };
    // With several seeds, the models' mean probability (an ensemble).
    let mut p = vec![0f32; texts.len()];
    for &seed in &seeds {
        let started = std::time::Instant::now();
        let defaults = FineTuneParams::default();
        let params = FineTuneParams { epochs: a.epochs, seed, frozen: a.frozen.unwrap_or(defaults.frozen), ..defaults };
        let trained = finetune(&root.join("models/all-minilm-l6-v2"), &train, &params, Vec::new(), &mut ())?;
        eprintln!("seed {seed}: trained on {} sentences in {:.0?}", train.len(), started.elapsed());
        let one = trained.model.probabilities(&texts)?;
        let single: Vec<bool> = (0..texts.len()).map(|i| test[i].rules || (test[i].worded && one[i] >= 0.5)).collect();
        println!("seed {seed} alone, worded sentences at 0.5: {}", score(&test, |i| single[i]));
        for (sum, x) in p.iter_mut().zip(one) {
            *sum += x / seeds.len() as f32;
        }
    }
    println!("test sentences: {} ({} with commitment wording); rules {}", test.len(), test.iter().filter(|s| s.worded).count(), score(&test, |i| test[i].rules));
    for reject in [0.02f32, 0.05, 0.1, 0.2] {
        println!(
            "  worded sentences at 0.5, the rules' commitments dropped below {reject}: {}",
            score(&test, |i| (test[i].rules && p[i] >= reject) || (!test[i].rules && test[i].worded && p[i] >= 0.5))
        );
    }
    for th in [0.3f32, 0.4, 0.5, 0.6, 0.7] {
        println!(
            "  threshold {th}: model {} | rules OR model: every sentence {}, worded sentences {}",
            score(&test, |i| p[i] >= th),
            score(&test, |i| test[i].rules || p[i] >= th),
            score(&test, |i| test[i].rules || (test[i].worded && p[i] >= th)),
        );
        // The rules' commitments dropped as the pipeline drops them.
        let reject = FineTuneParams::default().reject;
        println!(
            "    the rules' commitments dropped below {reject}: every sentence {}, worded sentences {}",
            score(&test, |i| (test[i].rules && p[i] >= reject) || (!test[i].rules && p[i] >= th)),
            score(&test, |i| (test[i].rules && p[i] >= reject) || (!test[i].rules && test[i].worded && p[i] >= th)),
        );
    }
    Ok(())
}

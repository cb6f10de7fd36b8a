//! Measurement, not a pipeline stage: trains the sector classifier (`newsmine
//! train-sector-encoder`'s recipe, `analyze::learned::sectors`) on some gold files and scores
//! the article sectors it gives on others, against the taxonomy rules' alone and combined with
//! them in three ways, at several thresholds. It is how the shipped combination (the mean of the
//! model's probability and the rules' score, at 0.4 until stop 14 and 0.3 since) was chosen
//! (README, "Tagging quality").
//!
//! ```text
//! ./models/fetch.sh && cargo run --release --example finetune_sectors -- \
//!     --train tests/fixtures/gold/dev.jsonl --train tests/fixtures/gold/check.jsonl \
//!     --train tests/fixtures/gold/dev2.jsonl --test tests/fixtures/gold/dev3.jsonl
//! ```
//!
//! `--seed N`, repeated, trains one model per seed (the shuffle's) and also scores the mean of
//! their probabilities, an ensemble (not shipped: stop 15 measured it below either seed alone).
//! With `DUMP=FILE` in the environment, it writes one line per test article and sector (id,
//! sector, labelled, the rules' score, the model's probability) for per-sector analysis.
//!
//! Two cores: about two minutes per epoch on 600 articles.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsmine::analyze::Analyzer;
use newsmine::analyze::eval::{GoldArticle, parse_gold};
use newsmine::analyze::learned::sectors::{SectorParams, SectorSample, train};
use newsmine::analyze::sentences::split_sentences;

struct Args {
    train: Vec<PathBuf>,
    test: Vec<PathBuf>,
    epochs: usize,
    frozen: Option<usize>,
    sentences: Option<usize>,
    seeds: Vec<u64>,
}

fn args() -> Result<Args> {
    let mut a = Args { train: Vec::new(), test: Vec::new(), epochs: 2, frozen: None, sentences: None, seeds: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--train" => a.train.push(value.into()),
            "--test" => a.test.push(value.into()),
            "--epochs" => a.epochs = value.parse()?,
            "--frozen" => a.frozen = Some(value.parse()?),
            "--sentences" => a.sentences = Some(value.parse()?),
            "--seed" => a.seeds.push(value.parse()?),
            _ => anyhow::bail!("unknown flag {flag}: use --train FILE, --test FILE, --epochs N, --frozen LAYERS, --sentences N, --seed N (the shuffle's; give several to average their models)"),
        }
    }
    anyhow::ensure!(!a.train.is_empty() && !a.test.is_empty(), "give at least one --train and one --test gold file");
    Ok(a)
}

fn gold_articles(paths: &[PathBuf]) -> Result<Vec<GoldArticle>> {
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        out.extend(parse_gold(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?);
    }
    Ok(out)
}

fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    split_sentences(text).iter().map(|s| chars[s.start..s.end].iter().collect()).collect()
}

/// "F1 0.737 (P 0.808 R 0.678)", micro-averaged over articles and sectors.
fn micro(pred: &[HashSet<usize>], gold: &[HashSet<usize>]) -> String {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (p, g) in pred.iter().zip(gold) {
        tp += p.intersection(g).count();
        fp += p.difference(g).count();
        fn_ += g.difference(p).count();
    }
    let (pr, r) = (tp as f64 / (tp + fp).max(1) as f64, tp as f64 / (tp + fn_).max(1) as f64);
    format!("F1 {:.3} (P {pr:.3} R {r:.3})", 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64)
}

fn main() -> Result<()> {
    let a = args()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |n: &str| std::fs::read_to_string(root.join("config").join(n));
    let analyzer = Analyzer::new(&read("gazetteer.toml")?, &read("sectors.toml")?)?;
    let ids: Vec<String> = analyzer.sector_ids().iter().map(|s| s.to_string()).collect();
    let k = ids.len();
    let samples = |gold: &[GoldArticle]| -> Vec<SectorSample> {
        gold.iter().map(|g| SectorSample { sentences: sentences(&g.text), sectors: g.sectors.iter().map(|s| s.to_string()).collect() }).collect()
    };
    let test_gold = gold_articles(&a.test)?;
    let started = std::time::Instant::now();
    let defaults = SectorParams::default();
    let train_samples = samples(&gold_articles(&a.train)?);
    let seeds = if a.seeds.is_empty() { vec![defaults.seed] } else { a.seeds.clone() };
    // With several seeds, each model is scored alone and the mean of their probabilities
    // stands for the ensemble.
    let mut probs: Vec<Vec<f32>> = vec![vec![0.0; k]; test_gold.len()];
    let mut each: Vec<Vec<Vec<f32>>> = Vec::new();
    for &seed in &seeds {
        let params = SectorParams { epochs: a.epochs, frozen: a.frozen.unwrap_or(defaults.frozen), sentences: a.sentences.unwrap_or(defaults.sentences), seed, ..defaults.clone() };
        let trained = train(&root.join("models/all-minilm-l6-v2"), &train_samples, &ids, &params, Vec::new(), &mut ())?;
        eprintln!("seed {seed} trained in {:.0?}", started.elapsed());
        let mut mine = Vec::new();
        for (row, g) in test_gold.iter().enumerate() {
            let s = sentences(&g.text);
            let p = trained.model.probabilities(&s.iter().map(String::as_str).collect::<Vec<_>>())?;
            for (sum, x) in probs[row].iter_mut().zip(&p) {
                *sum += x / seeds.len() as f32;
            }
            mine.push(p);
        }
        each.push(mine);
    }
    let index = |id: &str| ids.iter().position(|x| x == id);
    let gold: Vec<HashSet<usize>> = test_gold.iter().map(|g| g.sectors.iter().filter_map(|s| index(s.as_str())).collect()).collect();
    let rules: Vec<Vec<f32>> = test_gold
        .iter()
        .map(|g| {
            let mut row = vec![0f32; k];
            for s in analyzer.analyze(&g.text, None).sectors {
                if let Some(i) = index(s.id.as_str()) {
                    row[i] = s.score;
                }
            }
            row
        })
        .collect();
    let by = |keep: &dyn Fn(usize, usize) -> bool| -> Vec<HashSet<usize>> { (0..test_gold.len()).map(|a| (0..k).filter(|&i| keep(a, i)).collect()).collect() };
    if let Ok(path) = std::env::var("DUMP") {
        // One row per test article and sector: gold, the rules' score, the model's probability.
        let mut rows = Vec::new();
        for (a, g) in test_gold.iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                rows.push(format!("{}\t{id}\t{}\t{:.3}\t{:.4}", g.id, gold[a].contains(&i), rules[a][i], probs[a][i]));
            }
        }
        std::fs::write(path, rows.join("\n"))?;
    }
    println!("test articles: {}; rules {}", test_gold.len(), micro(&by(&|a, i| rules[a][i] > 0.0), &gold));
    if seeds.len() > 1 {
        for (seed, p) in seeds.iter().zip(&each) {
            let th = defaults.accept;
            println!("  seed {seed} alone, mean of the two at the shipped {th}: {}", micro(&by(&|a, i| (p[a][i] + rules[a][i]) / 2.0 >= th), &gold));
        }
    }
    for th in [0.25f32, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7] {
        println!(
            "  {th}: model {} | rules OR model {} | model OR (rules AND p >= th/3) {} | mean of the two (shipped at 0.3) {}",
            micro(&by(&|a, i| probs[a][i] >= th), &gold),
            micro(&by(&|a, i| probs[a][i] >= th || rules[a][i] > 0.0), &gold),
            micro(&by(&|a, i| probs[a][i] >= th || (rules[a][i] > 0.0 && probs[a][i] >= th / 3.0)), &gold),
            micro(&by(&|a, i| (probs[a][i] + rules[a][i]) / 2.0 >= th), &gold),
        );
    }
    Ok(())
}

//! `newsmine eval`: the tagger against a gold file.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::Exit;
use crate::analyze::eval::{Counts, EvalReport, parse_gold, score};
use crate::config::Config;
use crate::domain::parse_datetime;
use crate::{Error, Result};

/// Runs the analyzer on every gold article and prints the scores.
pub(super) fn eval(config: &Config, gold: &Path, json: bool, misses: usize) -> Result<Exit> {
    let text = std::fs::read_to_string(gold).map_err(|source| Error::Io { path: gold.to_owned(), source })?;
    let articles = parse_gold(&text).map_err(|e| Error::Usage(format!("gold file {}: {e}", gold.display())))?;
    let analyzer = super::load_analyzer(config)?;
    let analyses: Vec<_> = articles
        .par_iter()
        .map(|a| analyzer.analyze(&a.text, a.published.as_deref().and_then(parse_datetime).map(|d| d.date_naive())))
        .collect();
    let report = score(&articles, &analyses);
    let mut out = std::io::stdout().lock();
    let r = if json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    } else {
        write!(out, "{}", render(&report, gold, misses))
    };
    super::commands::stdout_result(r)?;
    Ok(Exit::Ok)
}

/// `newsmine train-commitments`: fits the learned commitment-sentence model on the gold files
/// and writes it, with the files it learned from and the counts in its header.
pub(super) fn train_commitments(gold: &[std::path::PathBuf], output: &Path) -> Result<Exit> {
    use crate::analyze::learned::train::{TrainParams, samples_from_gold, train};
    let mut samples = Vec::new();
    let mut about = vec!["newsmine commitment-sentence model: written by `newsmine train-commitments`, do not edit".to_string()];
    for path in gold {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?;
        let articles = parse_gold(&text).map_err(|e| Error::Usage(format!("gold file {}: {e}", path.display())))?;
        let found = samples_from_gold(&articles);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        about.push(format!(
            "trained on {name}: {} articles, {} sentences, {} commitments",
            articles.len(),
            found.len(),
            found.iter().filter(|s| s.commitment).count()
        ));
        samples.extend(found);
    }
    let params = TrainParams::default();
    about.push(format!("C {}, min_df {}, {} steps", params.c, params.min_df, params.steps));
    let model = train(&samples, params, about).map_err(|e| Error::Usage(format!("cannot train: {e}")))?;
    std::fs::write(output, model.to_text()).map_err(|source| Error::Io { path: output.to_owned(), source })?;
    eprintln!("wrote {} ({} terms, from {} sentences)", output.display(), model.len(), samples.len());
    Ok(Exit::Ok)
}

fn row(name: &str, c: &Counts) -> String {
    format!("{name:<22} {:>6.3} {:>6.3} {:>6.3}   (tp {}, fp {}, fn {})\n", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_)
}

fn render(r: &EvalReport, gold: &Path, misses: usize) -> String {
    let mut s = format!("{} articles from {}\n\n{:<22} {:>6} {:>6} {:>6}\n", r.articles, gold.display(), "", "P", "R", "F1");
    s.push_str(&row("regions", &r.regions));
    s.push_str(&row("sectors (micro)", &r.sectors_micro));
    s.push_str(&format!("{:<22} {:>20.3}\n", "sectors (macro F1)", r.sectors_macro_f1()));
    s.push_str(&row("commitment sentences", &r.commitments));
    s.push_str(&format!("\non {} matched commitments:\n", r.quantities.total));
    for (name, acc) in [
        ("quantities", r.quantities),
        ("deadline year", r.deadline_year),
        ("regions", r.commitment_regions),
        ("sector", r.commitment_sector),
    ] {
        s.push_str(&format!("  {name:<20} {:>6.3}  ({}/{})\n", acc.accuracy(), acc.correct, acc.total));
    }
    let mut worst = |title: &str, map: &std::collections::BTreeMap<String, (u64, u64)>| {
        let mut v: Vec<_> = map.iter().filter(|(_, (m, f))| m + f > 0).collect();
        v.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(b.0)));
        s.push_str(&format!("\n{title} (missed / spurious):\n"));
        for (id, (m, f)) in v.into_iter().take(misses) {
            s.push_str(&format!("  {id:<20} {m:>4} / {f}\n"));
        }
    };
    worst("regions", &r.misses.regions);
    worst("sectors", &r.misses.sectors);
    let clip = |t: &str| t.chars().take(160).collect::<String>();
    s.push_str("\nmissed commitments:\n");
    for (id, t) in r.misses.missed_commitments.iter().take(misses) {
        s.push_str(&format!("  {id}: {}\n", clip(t)));
    }
    s.push_str("\nspurious commitments:\n");
    for (id, t) in r.misses.spurious_commitments.iter().take(misses) {
        s.push_str(&format!("  {id}: {}\n", clip(t)));
    }
    s.push_str("\nwrong slots on matched commitments (expected -> predicted):\n");
    for (id, slot, want, got) in r.misses.wrong_slots.iter().take(misses) {
        s.push_str(&format!("  {id} {slot}: {want} -> {got}\n"));
    }
    s
}

/// One side of a labelled pair.
#[derive(serde::Deserialize)]
struct PairSide {
    article: String,
    sentence: String,
}

/// A labelled pair of commitments.
#[derive(serde::Deserialize)]
struct Pair {
    a: PairSide,
    b: PairSide,
    same: bool,
    #[serde(default)]
    kind: Option<String>,
}

/// Pairwise precision, recall and F1 of the claim linker on labelled pairs.
pub(super) fn eval_pairs(config: &Config, pairs_path: &Path, json: bool) -> Result<Exit> {
    use crate::claims::link::Linker;
    use crate::claims::{CommitmentKey, CommitmentRecord};
    use crate::domain::{ArticleId, CommitmentStatus, SourceName};
    use std::collections::HashMap;

    let text = std::fs::read_to_string(pairs_path).map_err(|source| Error::Io { path: pairs_path.to_owned(), source })?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let p: Pair = serde_json::from_str(line).map_err(|e| Error::Usage(format!("{}: line {}: {e}", pairs_path.display(), i + 1)))?;
        pairs.push(p);
    }
    // The articles, by the id their source gives them.
    let mut texts: HashMap<String, String> = HashMap::new();
    for source in &config.sources {
        if let crate::crawl::SourceKind::Jsonl { path } = &source.kind {
            for c in crate::crawl::jsonl::read(path)?.flatten() {
                if let (Some(id), crate::crawl::Body::Text(t)) = (c.external_id, c.body) {
                    texts.insert(id, t);
                }
            }
        }
    }
    let analyzer = super::load_analyzer(config)?;
    let needed: std::collections::BTreeSet<&str> = pairs.iter().flat_map(|p| [p.a.article.as_str(), p.b.article.as_str()]).collect();
    let analyses: HashMap<&str, crate::domain::Analysis> = needed
        .par_iter()
        .filter_map(|id| texts.get(*id).map(|t| (*id, analyzer.analyze(t, None))))
        .collect();
    let source = SourceName::parse("eval").expect("valid name");
    let record = |side: &PairSide| -> Option<CommitmentRecord> {
        let text = texts.get(&side.article)?;
        let start = text[..text.find(&side.sentence)?].chars().count();
        let end = start + side.sentence.chars().count();
        let article = ArticleId::from_content(&side.article);
        let found = analyses.get(side.article.as_str())?.commitments.iter().find(|c| c.start.max(start) < c.end.min(end));
        let c = match found {
            Some(c) => CommitmentRecord::from_commitment(&article, &source, None, c),
            None => {
                // Not a commitment by the analyzer: only where and what the sentence is about.
                let a = analyzer.analyze(&side.sentence, None);
                let none = crate::domain::Commitment {
                    start,
                    end,
                    text: side.sentence.clone(),
                    actor: None,
                    quantities: vec![],
                    deadline: None,
                    regions: a.regions.into_iter().map(|r| r.id).collect(),
                    sector: a.sectors.first().map(|s| s.id.clone()),
                    status: CommitmentStatus::Planned,
                };
                CommitmentRecord::from_commitment(&article, &source, None, &none)
            }
        };
        Some(CommitmentRecord { key: CommitmentKey::new(&article, &side.sentence), text: side.sentence.clone(), ..c })
    };
    // The sentence vectors the nightly claims pass gives the linker, when a model is configured,
    // so that this measures what the pipeline does.
    let vectors: HashMap<String, Vec<f32>> = match super::embed_pass::load_encoder(config)? {
        Some(encoder) => {
            use crate::analyze::embed::Encoder;
            let sentences: Vec<&str> = pairs
                .iter()
                .flat_map(|p| [p.a.sentence.as_str(), p.b.sentence.as_str()])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let encoded = encoder.encode(&sentences)?;
            sentences.iter().map(|s| s.to_string()).zip(encoded).collect()
        }
        None => HashMap::new(),
    };
    let with_vector = |mut r: CommitmentRecord| {
        r.embedding = vectors.get(&r.text).cloned();
        r
    };
    let mut linker = Linker::default();
    let corpus: Vec<&str> = analyses.values().flat_map(|a| a.commitments.iter().map(|c| c.text.as_str())).collect();
    linker.fit(&corpus);
    let mut counts = Counts::default();
    let mut by_kind: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    let mut missing = 0;
    for p in &pairs {
        let (Some(a), Some(b)) = (record(&p.a).map(with_vector), record(&p.b).map(with_vector)) else {
            missing += 1;
            continue;
        };
        let predicted = linker.same(&a, &b);
        match (p.same, predicted) {
            (true, true) => counts.tp += 1,
            (false, true) => counts.fp += 1,
            (true, false) => counts.fn_ += 1,
            (false, false) => {}
        }
        let e = by_kind.entry(p.kind.clone().unwrap_or_default()).or_default();
        e.1 += 1;
        e.0 += (predicted == p.same) as u64;
    }
    let mut out = std::io::stdout().lock();
    let r = if json {
        let v = serde_json::json!({
            "pairs": pairs.len(), "unresolved": missing, "embeddings": !vectors.is_empty(),
            "precision": counts.precision(), "recall": counts.recall(), "f1": counts.f1(),
            "tp": counts.tp, "fp": counts.fp, "fn": counts.fn_,
            "accuracy_by_kind": by_kind.iter().map(|(k, (ok, n))| (k.clone(), serde_json::json!({"correct": ok, "total": n}))).collect::<serde_json::Map<_, _>>(),
        });
        serde_json::to_writer_pretty(&mut out, &v).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    } else {
        let mut s = format!(
            "{} labelled pairs from {} ({} whose sentences could not be found); sentence embeddings {}\n\n",
            pairs.len(),
            pairs_path.display(),
            missing,
            if vectors.is_empty() { "off (no [embed] model configured)" } else { "on" }
        );
        s.push_str(&format!("{:<22} {:>6} {:>6} {:>6}\n", "", "P", "R", "F1"));
        s.push_str(&row("same claim (pairwise)", &counts));
        s.push_str("\naccuracy by kind:\n");
        for (k, (ok, n)) in &by_kind {
            s.push_str(&format!("  {k:<16} {ok}/{n}\n"));
        }
        write!(out, "{s}")
    };
    super::commands::stdout_result(r)?;
    Ok(Exit::Ok)
}

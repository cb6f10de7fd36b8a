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

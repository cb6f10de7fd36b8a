//! The scores: precision, recall and F1 per task, slot accuracy on matched commitments, and the
//! misses.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::GoldArticle;
use crate::domain::{Analysis, Commitment, Quantity};

/// True positives, false positives and false negatives, with the scores they give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Predicted and in the gold.
    pub tp: u64,
    /// Predicted, not in the gold.
    pub fp: u64,
    /// In the gold, not predicted.
    pub fn_: u64,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was predicted and nothing was expected.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// How often a slot of matched commitments is right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SlotAccuracy {
    /// Matched commitments whose slot equals the gold.
    pub correct: u64,
    /// Matched commitments.
    pub total: u64,
}

impl SlotAccuracy {
    /// correct / total.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }
    fn record(&mut self, ok: bool) {
        self.total += 1;
        self.correct += ok as u64;
    }
}

/// What went wrong most: misses by id, and example sentences.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Misses {
    /// Region id to (missed, spurious) counts.
    pub regions: BTreeMap<String, (u64, u64)>,
    /// Sector id to (missed, spurious) counts.
    pub sectors: BTreeMap<String, (u64, u64)>,
    /// Gold commitment sentences no prediction matched: (article, sentence).
    pub missed_commitments: Vec<(String, String)>,
    /// Predicted commitments matching no gold sentence: (article, sentence).
    pub spurious_commitments: Vec<(String, String)>,
    /// Matched commitments with a wrong slot: (article, slot, expected, predicted).
    pub wrong_slots: Vec<(String, String, String, String)>,
}

/// The evaluation of an analyzer on a gold file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    /// Articles scored.
    pub articles: u64,
    /// Regions, micro-averaged over articles.
    pub regions: Counts,
    /// Sectors, micro-averaged.
    pub sectors_micro: Counts,
    /// Sectors, per sector id (macro F1 is their mean).
    pub sectors_by_id: BTreeMap<String, Counts>,
    /// Commitment sentences.
    pub commitments: Counts,
    /// On matched commitments: quantities as a set.
    pub quantities: SlotAccuracy,
    /// On matched commitments: the deadline year (null included).
    pub deadline_year: SlotAccuracy,
    /// On matched commitments: the region set.
    pub commitment_regions: SlotAccuracy,
    /// On matched commitments: the sector.
    pub commitment_sector: SlotAccuracy,
    /// The misses.
    pub misses: Misses,
}

impl EvalReport {
    /// Mean F1 over the sector ids that occur in the gold or the predictions.
    pub fn sectors_macro_f1(&self) -> f64 {
        if self.sectors_by_id.is_empty() {
            return 1.0;
        }
        self.sectors_by_id.values().map(Counts::f1).sum::<f64>() / self.sectors_by_id.len() as f64
    }
}

fn set_counts(gold: &BTreeSet<String>, pred: &BTreeSet<String>) -> Counts {
    Counts {
        tp: gold.intersection(pred).count() as u64,
        fp: pred.difference(gold).count() as u64,
        fn_: gold.difference(pred).count() as u64,
    }
}

/// Micro counts of the id sets that `tag` gives each line of a JSON Lines fixture
/// (`tests/fixtures/<file>`, lines `{"text", <key>: [ids]}`) against the line's `key`, with
/// the lines it got wrong: the Russian and Kazakh sentence tests of regions and sectors.
#[cfg(test)]
pub(crate) fn fixture_counts(file: &str, key: &str, tag: impl Fn(&str) -> BTreeSet<String>) -> (Counts, Vec<String>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let mut total = Counts::default();
    let mut wrong = Vec::new();
    for line in std::fs::read_to_string(&path).expect("fixture").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("fixture line");
        let text = v["text"].as_str().expect("text");
        let want: BTreeSet<String> = v[key].as_array().expect(key).iter().map(|r| r.as_str().expect("id").to_owned()).collect();
        let got = tag(text);
        total.add(set_counts(&want, &got));
        if want != got {
            wrong.push(format!("{want:?} vs {got:?}: {text}"));
        }
    }
    (total, wrong)
}

/// Char span of `sentence` in `text` (its first occurrence).
fn span_of(text: &str, sentence: &str) -> Option<(usize, usize)> {
    let byte = text.find(sentence)?;
    let start = text[..byte].chars().count();
    Some((start, start + sentence.chars().count()))
}

/// Same values with the same units, a unit compared by its head noun without a plural "s"
/// ("225000 medical workers" and "225000 workers" agree; the guideline's unit is the counted
/// noun, and labellers differ on how many modifiers they copy), and a measure by its symbol
/// ("4,400 kilometers" labelled 4400 "km" is the same amount).
fn same_quantities(gold: &[Quantity], pred: &[Quantity]) -> bool {
    let norm = |q: &[Quantity]| -> BTreeSet<(i64, String)> {
        q.iter().map(|q| ((q.value * 100.0).round() as i64, head_noun(&q.unit))).collect()
    };
    norm(gold) == norm(pred)
}

/// The counted noun of a unit in [`Quantity::unit_key`]'s spelling: a multi-word synonym
/// ("square meters") as a whole, otherwise the last word ("medical workers" -> "worker").
fn head_noun(unit: &str) -> String {
    let whole = Quantity::unit_key(unit);
    if !whole.contains(' ') {
        return whole;
    }
    Quantity::unit_key(unit.split_whitespace().last().unwrap_or(""))
}

/// Scores `analyses` (one per gold article, same order) against the gold.
pub fn score(gold: &[GoldArticle], analyses: &[Analysis]) -> EvalReport {
    let mut r = EvalReport { articles: gold.len() as u64, ..Default::default() };
    for (g, a) in gold.iter().zip(analyses) {
        let ids = |v: &mut dyn Iterator<Item = String>| v.collect::<BTreeSet<String>>();
        let (gr, pr) = (ids(&mut g.regions.iter().map(|x| x.to_string())), ids(&mut a.regions.iter().map(|x| x.id.to_string())));
        r.regions.add(set_counts(&gr, &pr));
        for id in gr.difference(&pr) {
            r.misses.regions.entry(id.clone()).or_default().0 += 1;
        }
        for id in pr.difference(&gr) {
            r.misses.regions.entry(id.clone()).or_default().1 += 1;
        }
        let (gs, ps) = (ids(&mut g.sectors.iter().map(|x| x.to_string())), ids(&mut a.sectors.iter().map(|x| x.id.to_string())));
        r.sectors_micro.add(set_counts(&gs, &ps));
        for id in gs.union(&ps) {
            let entry = r.sectors_by_id.entry(id.clone()).or_default();
            let miss = r.misses.sectors.entry(id.clone()).or_default();
            match (gs.contains(id), ps.contains(id)) {
                (true, true) => entry.tp += 1,
                (true, false) => {
                    entry.fn_ += 1;
                    miss.0 += 1;
                }
                _ => {
                    entry.fp += 1;
                    miss.1 += 1;
                }
            }
        }
        score_commitments(g, &a.commitments, &mut r);
    }
    r
}

fn score_commitments(g: &GoldArticle, predicted: &[Commitment], r: &mut EvalReport) {
    let mut used = vec![false; predicted.len()];
    for gc in &g.commitments {
        let Some((gs, ge)) = span_of(&g.text, &gc.sentence) else { continue };
        let need = (ge - gs).div_ceil(2);
        let best = predicted
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, p)| (i, p.end.min(ge).saturating_sub(p.start.max(gs))))
            .filter(|(_, overlap)| *overlap >= need)
            .max_by_key(|(_, overlap)| *overlap);
        let Some((i, _)) = best else {
            r.commitments.fn_ += 1;
            r.misses.missed_commitments.push((g.id.clone(), gc.sentence.clone()));
            continue;
        };
        used[i] = true;
        r.commitments.tp += 1;
        let p = &predicted[i];
        let mut slot = |name: &str, ok: bool, acc: fn(&mut EvalReport) -> &mut SlotAccuracy, want: String, got: String| {
            acc(r).record(ok);
            if !ok {
                r.misses.wrong_slots.push((g.id.clone(), name.to_owned(), want, got));
            }
        };
        let show_q = |q: &[Quantity]| q.iter().map(|q| format!("{} {}", q.value, q.unit)).collect::<Vec<_>>().join(", ");
        slot("quantities", same_quantities(&gc.quantities, &p.quantities), |r| &mut r.quantities, show_q(&gc.quantities), show_q(&p.quantities));
        let py = p.deadline.as_ref().and_then(|d| d.year);
        slot("deadline_year", gc.deadline_year == py, |r| &mut r.deadline_year, format!("{:?}", gc.deadline_year), format!("{py:?}"));
        let gr: BTreeSet<&str> = gc.regions.iter().map(|x| x.as_str()).collect();
        let pr: BTreeSet<&str> = p.regions.iter().map(|x| x.as_str()).collect();
        slot("regions", gr == pr, |r| &mut r.commitment_regions, format!("{gr:?}"), format!("{pr:?}"));
        let (gsec, psec) = (gc.sector.as_ref().map(|s| s.as_str()), p.sector.as_ref().map(|s| s.as_str()));
        slot("sector", gsec == psec, |r| &mut r.commitment_sector, format!("{gsec:?}"), format!("{psec:?}"));
    }
    for (i, p) in predicted.iter().enumerate() {
        if !used[i] {
            r.commitments.fp += 1;
            r.misses.spurious_commitments.push((g.id.clone(), p.text.clone()));
        }
    }
}

#[cfg(test)]
mod tests;

//! The labelled pairs of `tests/fixtures/claims/pairs.jsonl` (real sentence pairs from the
//! corpus, labelled same undertaking or not): pairwise precision, recall and F1 of the linker
//! on two halves (split by a hash of the pair, so the split is fixed and unrelated to the
//! labels; weights were tuned on half A and half B reports held-out performance).
//! The 9 `delivered` pairs pair a commitment with a delivery report, which the linker never
//! sees as a commitment: they are scored as updates attached to a one-member claim.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::fixtures::{record, root, update};
use super::tests::{fitted, prf};
use crate::claims::UpdateKind;
use crate::claims::updates::attach_updates;

#[derive(Debug, Deserialize)]
struct Side {
    article: String,
    sentence: String,
}

#[derive(Debug, Deserialize)]
struct Pair {
    a: Side,
    b: Side,
    same: bool,
    kind: String,
}

fn load() -> Vec<Pair> {
    let path = root().join("tests/fixtures/claims/pairs.jsonl");
    let data = std::fs::read_to_string(&path).expect("tests/fixtures/claims/pairs.jsonl");
    data.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("pair line")).collect()
}

/// 0 (half A, tuning) or 1 (half B, held out).
fn half(p: &Pair) -> usize {
    let h = Sha256::digest(format!("{}\0{}\0{}\0{}", p.a.article, p.a.sentence, p.b.article, p.b.sentence).as_bytes());
    usize::from(h[0] & 1)
}

#[test]
fn labelled_pairs_f1() {
    let l = fitted();
    let pairs = load();
    let mut by_half: [Vec<(bool, bool)>; 2] = [vec![], vec![]];
    let mut errors = Vec::new();
    let mut dump = String::new();
    let mut delivered = (0, 0);
    for (i, p) in pairs.iter().enumerate() {
        let a = record(&p.a.article, &p.a.sentence, None);
        if p.kind == "delivered" {
            let u = update(&p.b.article, &p.b.sentence, UpdateKind::Delivered, None);
            let attached = attach_updates(l, std::slice::from_ref(&a), &[vec![0]], std::slice::from_ref(&u));
            delivered.0 += usize::from(attached[0] == Some(0));
            delivered.1 += 1;
            continue;
        }
        let b = record(&p.b.article, &p.b.sentence, None);
        let (signals, cmp, shared) = l.explain(&a, &b);
        let predicted = cmp.score >= l.threshold;
        by_half[half(p)].push((predicted, p.same));
        let tri = |v: Option<bool>| v.map_or(0, |b| if b { 1 } else { -1 });
        dump.push_str(&format!(
            "{i}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            half(p),
            u8::from(p.same),
            p.kind,
            signals.cosine,
            signals.containment,
            signals.evidence,
            signals.name,
            u8::from(signals.acronym),
            tri(signals.regions),
            tri(signals.sector),
            tri(signals.quantities),
            signals.year_gap.unwrap_or(-1),
            tri(signals.actor),
            tri(signals.months),
            u8::from(cmp.conflict),
            tri(signals.numbers),
            signals.number,
            signals.title,
            cmp.score,
        ));
        if predicted != p.same {
            errors.push(format!("#{i} {} {}/{} {:.2} {signals:?} {shared:?}\n   {}\n   {}", p.kind, p.a.article, p.b.article, cmp.score, a.text, b.text));
        }
    }
    if let Ok(path) = std::env::var("NEWSMINE_PAIRS_DUMP") {
        std::fs::write(path, dump).expect("write the dump");
    }
    let all: Vec<(bool, bool)> = by_half.concat();
    let (pa, ra, fa) = prf(&by_half[0]);
    let (pb, rb, fb) = prf(&by_half[1]);
    let (p, r, f) = prf(&all);
    eprintln!("errors:\n{}", errors.join("\n"));
    eprintln!(
        "pairs.jsonl at threshold {:.2}: half A (tuning, {} pairs) P {pa:.2} R {ra:.2} F1 {fa:.2}; half B (held out, {} pairs) P {pb:.2} R {rb:.2} F1 {fb:.2}; all {} pairs P {p:.2} R {r:.2} F1 {f:.2}; delivery reports attached {}/{}",
        l.threshold,
        by_half[0].len(),
        by_half[1].len(),
        all.len(),
        delivered.0,
        delivered.1
    );
    assert!(f >= 0.85, "pairwise F1 {f:.2} < 0.85");
}

//! The scores on small hand-made cases.

use super::*;
use crate::analyze::eval::{GoldCommitment, parse_gold};
use crate::domain::{Commitment, CommitmentStatus, Deadline, RegionId, RegionTag, SectorId, SectorScore};

fn gold(text: &str, regions: &[&str], sectors: &[&str], commitments: Vec<GoldCommitment>) -> GoldArticle {
    GoldArticle {
        id: "a".into(),
        text: text.into(),
        published: None,
        regions: regions.iter().map(|r| RegionId::parse(r).unwrap()).collect(),
        sectors: sectors.iter().map(|s| SectorId::parse(s).unwrap()).collect(),
        commitments,
    }
}

fn predicted(regions: &[&str], sectors: &[&str], commitments: Vec<Commitment>) -> Analysis {
    Analysis {
        regions: regions.iter().map(|r| RegionTag { id: RegionId::parse(r).unwrap(), mentions: vec![] }).collect(),
        sectors: sectors.iter().map(|s| SectorScore { id: SectorId::parse(s).unwrap(), score: 1.0 }).collect(),
        commitments,
    }
}

fn commitment(start: usize, end: usize, year: Option<i32>, quantities: Vec<Quantity>) -> Commitment {
    Commitment {
        start,
        end,
        text: String::new(),
        actor: None,
        quantities,
        deadline: year.map(|y| Deadline { text: format!("by {y}"), year: Some(y) }),
        regions: vec![],
        sector: None,
        status: CommitmentStatus::Planned,
    }
}

#[test]
fn regions_and_sectors_are_set_matches() {
    let g = [gold("x", &["kyzylorda", "pavlodar"], &["digital"], vec![])];
    let p = [predicted(&["kyzylorda", "astana"], &["digital", "energy"], vec![])];
    let r = score(&g, &p);
    assert_eq!((r.regions.tp, r.regions.fp, r.regions.fn_), (1, 1, 1));
    assert_eq!(r.regions.f1(), 0.5);
    assert_eq!((r.sectors_micro.tp, r.sectors_micro.fp), (1, 1));
    assert_eq!(r.sectors_macro_f1(), 0.5, "digital 1.0, energy 0.0");
    assert_eq!(r.misses.regions["pavlodar"], (1, 0));
    assert_eq!(r.misses.regions["astana"], (0, 1));
}

#[test]
fn a_commitment_matches_when_it_overlaps_half_of_the_gold_sentence() {
    let text = "Roads were built. Schools will be built by 2025. Nothing else.";
    let gc = GoldCommitment {
        sentence: "Schools will be built by 2025.".into(),
        quantities: vec![],
        deadline: Some("by 2025".into()),
        deadline_year: Some(2025),
        regions: vec![],
        sector: None,
        actor: None,
    };
    let g = [gold(text, &[], &[], vec![gc])];
    // The gold sentence is chars 18..48; a prediction covering 18..33 overlaps exactly half.
    let r = score(&g, &[predicted(&[], &[], vec![commitment(18, 33, Some(2025), vec![])])]);
    assert_eq!((r.commitments.tp, r.commitments.fp, r.commitments.fn_), (1, 0, 0));
    assert_eq!(r.deadline_year.accuracy(), 1.0);
    let r = score(&g, &[predicted(&[], &[], vec![commitment(0, 30, Some(2024), vec![])])]);
    assert_eq!((r.commitments.tp, r.commitments.fp, r.commitments.fn_), (0, 1, 1), "too little overlap");
    let q = vec![Quantity { value: 5.0, unit: "schools".into() }];
    let r = score(&g, &[predicted(&[], &[], vec![commitment(18, 48, None, q)])]);
    assert_eq!(r.quantities.accuracy(), 0.0);
    assert_eq!(r.deadline_year.accuracy(), 0.0);
    assert_eq!(r.misses.wrong_slots.len(), 2);
}

#[test]
fn gold_files_are_checked_line_by_line() {
    let ok = r#"{"id": "a", "text": "It will be built.", "commitments": [{"sentence": "It will be built."}]}"#;
    assert_eq!(parse_gold(ok).unwrap().len(), 1);
    let bad = r#"{"id": "a", "text": "x", "commitments": [{"sentence": "not there"}]}"#;
    assert!(parse_gold(bad).unwrap_err().contains("not in the text"));
    assert!(parse_gold("{").unwrap_err().starts_with("line 1"));
}

#[test]
fn quantities_compare_values_and_the_head_noun_of_their_units() {
    let q = |value: f64, unit: &str| Quantity { value, unit: unit.into() };
    assert!(super::same_quantities(&[q(225000.0, "medical workers")], &[q(225000.0, "workers")]));
    assert!(super::same_quantities(&[q(56.0, "investment projects")], &[q(56.0, "project")]));
    assert!(!super::same_quantities(&[q(56.0, "projects")], &[q(56.0, "objects")]));
    assert!(super::same_quantities(&[q(4400.0, "km")], &[q(4400.0, "kilometers")]));
    assert!(super::same_quantities(&[q(30.0, "thousand tonnes")], &[q(30.0, "tons")]));
    assert!(super::same_quantities(&[q(5.0, "sq m")], &[q(5.0, "square meters")]));
    assert!(!super::same_quantities(&[q(5.0, "km")], &[q(5.0, "m")]));
    assert!(!super::same_quantities(&[q(56.0, "projects")], &[q(57.0, "projects")]));
    assert!(!super::same_quantities(&[q(85.0, "%"), q(90.0, "%")], &[q(90.0, "%")]));
}

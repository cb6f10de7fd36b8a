//! Tests of corrections (merge, split, detach, set_status, replay after re-analysis, missing
//! keys), of building claims, and of the whole chain on the real-corpus scenario in
//! `tests/fixtures/claims/scenario.json` (dates assigned there, each with its reason).

use chrono::NaiveDate;

use super::*;
use crate::claims::link::fixtures::{record, root, update};
use crate::claims::link::tests::{fitted, synth};
use crate::claims::{ClaimId, UpdateKind, UpdateRecord};

fn key(c: &CommitmentRecord) -> CommitmentKey {
    c.key.clone()
}

/// Six commitments: a, b, c one machine claim; d, e another; f alone.
fn six() -> Vec<CommitmentRecord> {
    ["a", "b", "c", "d", "e", "f"].iter().map(|t| synth(t, &format!("Commitment {t}."), None, None, None)).collect()
}

fn machine() -> Vec<Vec<usize>> {
    vec![vec![0, 1, 2], vec![3, 4], vec![5]]
}

/// The groups as sets of keys, sorted: comparable across re-analysis (indices change).
fn by_keys(commitments: &[CommitmentRecord], groups: &[Vec<usize>]) -> Vec<Vec<CommitmentKey>> {
    let mut out: Vec<Vec<CommitmentKey>> = groups
        .iter()
        .map(|g| {
            let mut k: Vec<CommitmentKey> = g.iter().map(|&i| key(&commitments[i])).collect();
            k.sort();
            k
        })
        .collect();
    out.sort();
    out
}

#[test]
fn merge_split_detach() {
    let c = six();
    let merge = Correction::Merge { into: key(&c[0]), from: key(&c[4]) };
    let (g, pins, skipped) = apply(&c, machine(), &[merge]);
    assert_eq!(g, vec![vec![0, 1, 2, 3, 4], vec![5]]);
    assert_eq!(pins, vec![None, None]);
    assert!(skipped.is_empty());

    let split = Correction::Split { keys: vec![key(&c[1]), key(&c[2])] };
    let (g, _, _) = apply(&c, machine(), &[split]);
    assert_eq!(g, vec![vec![0], vec![1, 2], vec![3, 4], vec![5]]);

    let detach = Correction::Detach { key: key(&c[3]) };
    let (g, _, _) = apply(&c, machine(), std::slice::from_ref(&detach));
    assert_eq!(g, vec![vec![0, 1, 2], vec![3], vec![4], vec![5]]);

    // In order: a later merge can undo an earlier detach, and the reverse.
    let undo = Correction::Merge { into: key(&c[4]), from: key(&c[3]) };
    assert_eq!(apply(&c, machine(), &[detach.clone(), undo.clone()]).0, machine());
    assert_eq!(apply(&c, machine(), &[undo, detach]).0, vec![vec![0, 1, 2], vec![3], vec![4], vec![5]]);
}

#[test]
fn set_status_pins_the_group_of_the_key() {
    let c = six();
    let pin = Correction::SetStatus { key: key(&c[1]), status: ClaimStatus::Delivered, note: "opened 2019, akimat site".into() };
    let later = Correction::SetStatus { key: key(&c[2]), status: ClaimStatus::Cancelled, note: "later word wins".into() };
    let (g, pins, _) = apply(&c, machine(), std::slice::from_ref(&pin));
    assert_eq!(g, machine());
    assert_eq!(pins, vec![Some((ClaimStatus::Delivered, "opened 2019, akimat site".into())), None, None]);
    let (_, pins, _) = apply(&c, machine(), &[pin.clone(), later]);
    assert_eq!(pins[0], Some((ClaimStatus::Cancelled, "later word wins".into())));
    // The pin follows its key when the key is split off.
    let split = Correction::Split { keys: vec![key(&c[1])] };
    let (g, pins, _) = apply(&c, machine(), &[pin, split]);
    assert_eq!(g, vec![vec![0, 2], vec![1], vec![3, 4], vec![5]]);
    assert_eq!(pins.iter().position(Option::is_some), Some(1));
    // build_claims shows the pinned status and note, and keeps the machine's evidence.
    let drafts = build_claims(&c, &g, &pins, &[], &[], NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"));
    let pinned: Vec<&ClaimDraft> = drafts.iter().filter(|d| d.status_note.is_some()).collect();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].status, ClaimStatus::Delivered);
    assert_eq!(pinned[0].commitments, vec![key(&c[1])]);
}

#[test]
fn missing_keys_are_skipped_and_reported() {
    let c = six();
    let gone = CommitmentKey("0000000000000000:deadbeef0000".into());
    let corrections = [
        Correction::Merge { into: gone.clone(), from: key(&c[0]) },
        Correction::Split { keys: vec![key(&c[0]), gone.clone()] },
        Correction::Detach { key: gone.clone() },
        Correction::SetStatus { key: gone, status: ClaimStatus::Cancelled, note: String::new() },
    ];
    let (g, pins, skipped) = apply(&c, machine(), &corrections);
    assert_eq!(g, vec![vec![0], vec![1, 2], vec![3, 4], vec![5]], "the split still moves the key that exists");
    assert!(pins.iter().all(Option::is_none));
    assert_eq!(skipped.len(), 4, "{skipped:#?}");
    assert!(skipped.iter().all(|s| s.contains("no longer present")), "{skipped:#?}");
    assert!(skipped[0].starts_with("correction 1 (merge)"), "{skipped:#?}");
}

#[test]
fn replay_after_reanalysis_gives_the_same_claims() {
    let c = six();
    let corrections = [
        Correction::Merge { into: key(&c[0]), from: key(&c[3]) },
        Correction::Detach { key: key(&c[1]) },
        Correction::SetStatus { key: key(&c[4]), status: ClaimStatus::InProgress, note: "site visit".into() },
    ];
    let today = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let (g1, p1, _) = apply(&c, machine(), &corrections);
    let first = build_claims(&c, &g1, &p1, &[], &[], today);
    assert_eq!(by_keys(&c, &g1).len(), 3);

    // Re-analysis regenerates the records with the same keys and new slots: same drafts.
    let regenerated: Vec<CommitmentRecord> =
        c.iter().map(|r| CommitmentRecord { sector: crate::domain::SectorId::parse("transport").ok(), ..r.clone() }).collect();
    let (g2, p2, _) = apply(&regenerated, machine(), &corrections);
    assert_eq!(first, build_claims(&regenerated, &g2, &p2, &[], &[], today));

    // Stored in another order (indices change): the same claims, ids, statuses and notes.
    let order = [5, 3, 1, 4, 0, 2];
    let shuffled: Vec<CommitmentRecord> = order.iter().map(|&i| regenerated[i].clone()).collect();
    let pos = |i: usize| order.iter().position(|&o| o == i).expect("in order");
    let machine_shuffled: Vec<Vec<usize>> = machine().iter().map(|g| g.iter().map(|&i| pos(i)).collect()).collect();
    let (g3, p3, _) = apply(&shuffled, machine_shuffled, &corrections);
    assert_eq!(by_keys(&c, &g1), by_keys(&shuffled, &g3));
    let summary = |drafts: &[ClaimDraft]| -> Vec<(ClaimId, Vec<CommitmentKey>, ClaimStatus, Option<String>)> {
        drafts
            .iter()
            .map(|d| {
                let mut k = d.commitments.clone();
                k.sort();
                (d.id.clone(), k, d.status, d.status_note.clone())
            })
            .collect()
    };
    assert_eq!(summary(&first), summary(&build_claims(&shuffled, &g3, &p3, &[], &[], today)));
}

#[test]
fn corrections_are_stored_as_tagged_json() {
    let k = CommitmentKey("0123456789abcdef:0123456789ab".into());
    let c = Correction::SetStatus { key: k.clone(), status: ClaimStatus::Overdue, note: "n".into() };
    let json = serde_json::to_value(&c).expect("serialise");
    assert_eq!(json["action"], "set_status");
    assert_eq!(json["status"], "overdue");
    // A stored correction may carry a note beside its fields (the command line adds one).
    let merge: Correction =
        serde_json::from_str(r#"{"action":"merge","into":"a:1","from":"b:2","note":"same road"}"#).expect("parse");
    assert_eq!(merge, Correction::Merge { into: CommitmentKey("a:1".into()), from: CommitmentKey("b:2".into()) });
    let back: Correction = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, c);
}

#[test]
fn drafts_are_sorted_and_members_oldest_first() {
    let day = |m| NaiveDate::from_ymd_opt(2018, m, 1);
    let mut c = six();
    c[0].published = day(5);
    c[1].published = None;
    c[2].published = day(2);
    let ups: Vec<UpdateRecord> = vec![];
    let drafts = build_claims(&c, &machine(), &[], &ups, &[], NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"));
    assert_eq!(drafts.len(), 3);
    assert!(drafts.windows(2).all(|w| w[0].id < w[1].id));
    let abc = drafts.iter().find(|d| d.commitments.len() == 3).expect("the claim of a, b, c");
    assert_eq!(abc.commitments, vec![key(&c[2]), key(&c[0]), key(&c[1])], "dated oldest first, undated last");
    // Groups or attachments that do not fit are ignored, not a panic.
    let odd = build_claims(&c, &[vec![99], vec![]], &[], &ups, &[Some(7)], NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"));
    assert!(odd.is_empty());
}

#[derive(serde::Deserialize)]
struct Scenario {
    entries: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    article: String,
    sentence: String,
    kind: String,
    date_assigned: NaiveDate,
}

/// The scenario's commitments and delivery report, with the dates the fixture assigns.
fn scenario() -> (usize, Vec<CommitmentRecord>, Vec<UpdateRecord>) {
    let path = root().join("tests/fixtures/claims/scenario.json");
    let scenario: Scenario = serde_json::from_str(&std::fs::read_to_string(path).expect("scenario.json")).expect("parse");
    let mut commitments = Vec::new();
    let mut updates = Vec::new();
    for e in &scenario.entries {
        let published = Some(e.date_assigned);
        if e.kind == "delivered" {
            updates.push(update(&e.article, &e.sentence, UpdateKind::Delivered, published));
        } else {
            commitments.push(record(&e.article, &e.sentence, published));
        }
    }
    (scenario.entries.len(), commitments, updates)
}

#[test]
fn scenario_announced_restated_delayed_delivered() {
    let (entries, commitments, updates) = scenario();
    let today = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    // The machine alone, with the linker fitted on the whole corpus and with one fitted on
    // these sentences only (as a run over just these articles fits it).
    let mut small = crate::claims::link::Linker::default();
    let texts: Vec<&str> = commitments.iter().map(|c| c.text.as_str()).chain(updates.iter().map(|u| u.text.as_str())).collect();
    small.fit(&texts);
    for linker in [fitted(), &small] {
        let (drafts, skipped) = link_claims(linker, &commitments, &updates, &[], today);
        assert!(skipped.is_empty());
        assert_eq!(drafts.len(), 1, "one claim: {drafts:#?}");
        let d = &drafts[0];
        assert_eq!(d.commitments.len() + d.updates.len(), entries, "every entry in the claim: {d:#?}");
        assert_eq!(d.commitments[0], commitments[0].key, "the announcement first");
        assert_eq!(d.updates, vec![updates[0].key.clone()], "the delivery report attached");
        assert_eq!(d.status, ClaimStatus::Delivered, "{:#?}", d.evidence);
        assert!(d.evidence.iter().any(|e| e.key == updates[0].key && e.why.contains("delivered")), "{:#?}", d.evidence);
        // The delay is recorded: end of 2016 (announced 2016-10-15) became end of November 2017.
        assert_eq!(d.original_deadline.as_ref().and_then(|x| x.year), Some(2016), "{d:#?}");
        assert_eq!(d.deadline.as_ref().and_then(|x| x.year), Some(2017), "{d:#?}");
        assert!(d.evidence.iter().any(|e| e.why.contains("2016 restated as 2017")), "{:#?}", d.evidence);
    }
}

#[test]
fn scenario_corrections_split_and_merge_back() {
    let (_, commitments, updates) = scenario();
    let today = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    let linker = fitted();
    let (machine, _) = link_claims(linker, &commitments, &updates, &[], today);
    // A fact-checker detaches one restatement (not the claim's founding, smallest key).
    let k = (0..commitments.len()).max_by_key(|&i| &commitments[i].key).expect("commitments");
    let detach = Correction::Detach { key: commitments[k].key.clone() };
    let (detached, skipped) = link_claims(linker, &commitments, &updates, std::slice::from_ref(&detach), today);
    assert!(skipped.is_empty());
    assert_eq!(detached.len(), 2, "{detached:#?}");
    let main = detached.iter().find(|d| !d.commitments.contains(&commitments[k].key)).expect("the rest of the claim");
    assert_eq!(main.commitments.len(), commitments.len() - 1);
    assert_eq!(main.id, machine[0].id, "the claim keeps its id");
    // Merging it back gives the machine's claim again, id and members.
    let merge = Correction::Merge { into: commitments[0].key.clone(), from: commitments[k].key.clone() };
    let (merged, _) = link_claims(linker, &commitments, &updates, &[detach, merge], today);
    assert_eq!(merged.len(), 1);
    assert_eq!((&merged[0].id, &merged[0].commitments), (&machine[0].id, &machine[0].commitments));
    // A pinned status wins over the evidence and keeps its note.
    let pin = Correction::SetStatus { key: commitments[2].key.clone(), status: ClaimStatus::InProgress, note: "still a draft".into() };
    let (pinned, _) = link_claims(linker, &commitments, &updates, &[pin], today);
    assert_eq!((pinned[0].status, pinned[0].status_note.as_deref()), (ClaimStatus::InProgress, Some("still a draft")));
}

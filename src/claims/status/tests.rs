//! Tests of the status rules, one by one, on synthetic members and updates with dates assigned
//! here; the real-corpus scenario (`tests/fixtures/claims/scenario.json`) is in
//! `corrections/tests.rs`, where the whole chain runs.

use chrono::NaiveDate;

use super::*;
use crate::claims::link::tests::synth;
use crate::claims::{CommitmentKey, UpdateRecord};
use crate::domain::{ArticleId, SourceName};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A member promising the bridge with deadline `year`, published on `published` (assigned).
fn member(tag: &str, year: Option<i32>, published: Option<NaiveDate>) -> CommitmentRecord {
    let mut c = synth(tag, &format!("The Irtysh bridge in Semey will be built ({tag})."), Some("abai"), None, year);
    c.published = published;
    c
}

fn update(tag: &str, kind: UpdateKind, published: Option<NaiveDate>) -> UpdateRecord {
    let article = ArticleId::from_canonical_url(&format!("test:{tag}"));
    let text = format!("The Irtysh bridge in Semey: {tag}.");
    UpdateRecord {
        key: CommitmentKey::new(&article, &text),
        article,
        source: SourceName::parse("test").expect("slug"),
        published,
        text,
        kind,
        regions: vec![],
        sector: None,
        embedding: None,
    }
}

fn keys(evidence: &[Evidence]) -> Vec<&CommitmentKey> {
    evidence.iter().map(|e| &e.key).collect()
}

const TODAY: (i32, u32, u32) = (2018, 6, 1);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn announced_with_a_future_deadline() {
    let a = member("a", Some(2019), Some(day(2017, 3, 1)));
    let (s, ev, deadline, original) = status(&[&a], &[], today());
    assert_eq!(s, ClaimStatus::Announced);
    assert_eq!(keys(&ev), vec![&a.key]);
    assert_eq!(deadline.and_then(|d| d.year), Some(2019));
    assert_eq!(original, None);
}

#[test]
fn without_a_deadline_recent_is_announced_and_old_is_unclear() {
    let recent = member("a", None, Some(day(2018, 1, 10)));
    assert_eq!(status(&[&recent], &[], today()).0, ClaimStatus::Announced);
    let old = member("b", None, Some(day(2015, 1, 10)));
    let (s, ev, _, _) = status(&[&old], &[], today());
    assert_eq!(s, ClaimStatus::Unclear);
    assert!(ev[0].why.contains("nothing can be said"), "{ev:?}");
    let undated = member("c", None, None);
    assert_eq!(status(&[&undated], &[], today()).0, ClaimStatus::Unclear);
}

#[test]
fn overdue_when_the_deadline_passed_without_delivery() {
    let a = member("a", Some(2017), Some(day(2016, 5, 1)));
    let (s, ev, deadline, _) = status(&[&a], &[], today());
    assert_eq!(s, ClaimStatus::Overdue);
    assert!(ev.iter().any(|e| e.why.contains("2017 has passed")), "{ev:?}");
    assert_eq!(deadline.and_then(|d| d.year), Some(2017));
    // Progress does not save it.
    let p = update("p", UpdateKind::Progress { percent: Some(60.0) }, Some(day(2017, 6, 1)));
    assert_eq!(status(&[&a], &[&p], today()).0, ClaimStatus::Overdue);
}

#[test]
fn delayed_when_a_restatement_moves_the_year() {
    // Restated later with a later year; members given newest first to check the ordering.
    let first = member("first", Some(2018), Some(day(2016, 5, 1)));
    let later = member("later", Some(2019), Some(day(2017, 9, 1)));
    let (s, ev, deadline, original) = status(&[&later, &first], &[], today());
    assert_eq!(s, ClaimStatus::Delayed);
    assert_eq!(original.and_then(|d| d.year), Some(2018));
    assert_eq!(deadline.and_then(|d| d.year), Some(2019));
    assert!(ev.iter().any(|e| e.key == later.key && e.why.contains("2018 restated as 2019")), "{ev:?}");
    // A restatement with the same year is no delay.
    let same = member("same", Some(2018), Some(day(2017, 9, 1)));
    assert_eq!(status(&[&first, &same], &[], today()).0, ClaimStatus::Announced);
}

#[test]
fn delayed_by_an_update_with_or_without_a_new_year() {
    let a = member("a", Some(2018), Some(day(2016, 5, 1)));
    let to_2020 = update("to 2020", UpdateKind::Delayed { to_year: Some(2020) }, Some(day(2018, 3, 1)));
    let (s, ev, deadline, original) = status(&[&a], &[&to_2020], today());
    assert_eq!(s, ClaimStatus::Delayed);
    assert_eq!((original.and_then(|d| d.year), deadline.and_then(|d| d.year)), (Some(2018), Some(2020)));
    assert!(ev.iter().any(|e| e.key == to_2020.key), "{ev:?}");
    let open = update("no date", UpdateKind::Delayed { to_year: None }, Some(day(2018, 3, 1)));
    let (s, _, deadline, original) = status(&[&a], &[&open], today());
    assert_eq!(s, ClaimStatus::Delayed);
    assert_eq!(original.and_then(|d| d.year), Some(2018));
    assert_eq!(deadline.map(|d| d.year), Some(None));
}

#[test]
fn a_moved_deadline_that_passed_again_is_overdue_with_the_delay_kept() {
    let first = member("first", Some(2015), Some(day(2014, 5, 1)));
    let later = member("later", Some(2016), Some(day(2015, 9, 1)));
    let (s, ev, deadline, original) = status(&[&first, &later], &[], today());
    assert_eq!(s, ClaimStatus::Overdue);
    assert_eq!((original.and_then(|d| d.year), deadline.and_then(|d| d.year)), (Some(2015), Some(2016)));
    assert!(ev.iter().any(|e| e.why.contains("restated")), "{ev:?}");
}

#[test]
fn delivered_by_an_update_or_a_completed_member() {
    let a = member("a", Some(2017), Some(day(2016, 5, 1)));
    let done = update("done", UpdateKind::Delivered, Some(day(2017, 12, 1)));
    let (s, ev, _, _) = status(&[&a], &[&done], today());
    assert_eq!(s, ClaimStatus::Delivered);
    assert!(ev.iter().any(|e| e.key == done.key && e.why.contains("delivered")), "{ev:?}");
    let mut completed = member("b", None, Some(day(2017, 12, 1)));
    completed.status = CommitmentStatus::Completed;
    assert_eq!(status(&[&a, &completed], &[], today()).0, ClaimStatus::Delivered);
    // Delivered even if late: the deadline passed but delivery was reported.
    assert_eq!(status(&[&a], &[&done], day(2025, 1, 1)).0, ClaimStatus::Delivered);
}

#[test]
fn cancelled_only_if_the_latest_decisive_evidence_cancels() {
    let a = member("a", Some(2019), Some(day(2016, 5, 1)));
    let stop = update("stop", UpdateKind::Cancelled, Some(day(2017, 5, 1)));
    let (s, ev, _, _) = status(&[&a], &[&stop], today());
    assert_eq!(s, ClaimStatus::Cancelled);
    assert!(ev.iter().any(|e| e.key == stop.key), "{ev:?}");
    // Delivered after the suspension: delivered.
    let done = update("done", UpdateKind::Delivered, Some(day(2018, 1, 1)));
    assert_eq!(status(&[&a], &[&done, &stop], today()).0, ClaimStatus::Delivered);
    // Restated after the cancellation: revived (announced again, with both noted).
    let again = member("again", Some(2020), Some(day(2018, 2, 1)));
    let (s, ev, _, _) = status(&[&a, &again], &[&stop], today());
    assert_ne!(s, ClaimStatus::Cancelled);
    assert!(ev.iter().any(|e| e.key == stop.key && e.why.contains("restated later")), "{ev:?}");
}

#[test]
fn in_progress_from_an_update_or_a_member() {
    let a = member("a", Some(2019), Some(day(2017, 5, 1)));
    let p = update("60%", UpdateKind::Progress { percent: Some(60.0) }, Some(day(2018, 2, 1)));
    let (s, ev, _, _) = status(&[&a], &[&p], today());
    assert_eq!(s, ClaimStatus::InProgress);
    assert_eq!(keys(&ev), vec![&p.key]);
    let mut under_way = member("b", Some(2019), Some(day(2018, 1, 1)));
    under_way.status = CommitmentStatus::InProgress;
    assert_eq!(status(&[&a, &under_way], &[], today()).0, ClaimStatus::InProgress);
}

#[test]
fn undated_delivery_and_cancellation_conflict() {
    let a = member("a", Some(2019), None);
    let done = update("done", UpdateKind::Delivered, None);
    let stop = update("stop", UpdateKind::Cancelled, None);
    let (s, ev, _, _) = status(&[&a], &[&done, &stop], today());
    assert_eq!(s, ClaimStatus::Unclear);
    assert_eq!(ev.len(), 2, "{ev:?}");
    // Nothing at all: unclear, no evidence, no panic.
    assert_eq!(status(&[], &[], today()), (ClaimStatus::Unclear, vec![], None, None));
}

#[test]
fn the_same_inputs_give_the_same_output() {
    let first = member("first", Some(2018), Some(day(2016, 5, 1)));
    let later = member("later", Some(2019), None);
    let p = update("p", UpdateKind::Progress { percent: None }, None);
    let one = status(&[&first, &later], &[&p], today());
    assert_eq!(one, status(&[&first, &later], &[&p], today()));
    // Undated members come after dated ones whatever the input order.
    assert_eq!(one, status(&[&later, &first], &[&p], today()));
}

//! Tests of update finding on real sentences of `corpus/kz-gov-press.jsonl` (ids cited) and of
//! attaching updates to claims. Dates are assigned by the tests (the corpus has none).

use super::*;
use crate::analyze::sentences::split_sentences;
use crate::claims::link::fixtures::{analyze, date, locate, record, text, update};
use crate::claims::link::tests::fitted;

/// (article, snippet locating the sentence, expected kind).
fn cases() -> Vec<(&'static str, &'static str, Option<UpdateKind>)> {
    use UpdateKind::*;
    vec![
        // Deliveries, past or present perfect.
        ("pm-1281", "has been put into operation in", Some(Delivered)),
        ("pm-1249", "commissioned in June this year", Some(Delivered)),
        ("pm-1421", "officially put into operation the compressor", Some(Delivered)),
        ("pm-0502", "seven investment projects worth", Some(Delivered)),
        ("pm-1001", "Overall, 43 educational facilities", Some(Delivered)),
        ("pm-1367", "began operating in July 2015", Some(Delivered)),
        ("pm-1607", "two schools began operating", Some(Delivered)),
        ("pm-0289", "has been launched in 2017", Some(Delivered)),
        // Work under way.
        ("pm-0015", "readiness of outpatient clinics is now 95%", Some(Progress { percent: Some(95.0) })),
        ("pm-0059", "a high school is being built", Some(Progress { percent: None })),
        ("pm-0435", "a tunnel is being built", Some(Progress { percent: None })),
        ("pm-0471", "Finishing work inside the station building", Some(Progress { percent: None })),
        // Postponements.
        ("pm-0938", "was delayed until repairs", Some(Delayed { to_year: None })),
        ("pm-2169", "is to be transferred to 2019-2020", Some(Delayed { to_year: Some(2020) })),
        ("pm-2169", "must be transferred to 2019", Some(Delayed { to_year: Some(2019) })),
        // Stopped or cancelled.
        ("pm-0938", "Oil production at Kashagan suspended", Some(Cancelled)),
        ("pm-0434", "were canceled", Some(Cancelled)),
        // Not updates: negated, historical, "commissioned" as "ordered", food, obligations,
        // no object, future, other verbs.
        ("pm-0015", "have not been put into operation", None),
        ("pm-0089", "put into operation in 1972", None),
        ("pm-0918", "commissioned in September 1945", None),
        ("pm-1507", "opened its doors in 1996", None),
        ("pm-0315", "commissioned the creation", None),
        ("pm-1678", "commissioned to develop", None),
        ("pm-1283", "frozen meat and beef", None),
        ("pm-0821", "must be suspended until the end of the year, except for trips together", None),
        ("pm-1250", "the focus has been shifted to export-oriented", None),
        ("pm-0049", "about 30 new projects were commissioned", None),
        ("pm-1011", "will be canceled on January 1, 2017", None),
        ("pm-2161", "the court suspended the activities", None),
        ("pm-2131", "103% complete", None),
        ("pm-0241", "his powers as a deputy of the Senate", None),
        ("pm-0626", "transferred to the State Corporation, until the end of 2016", None),
    ]
}

#[test]
fn real_sentences_are_classified() {
    let mut wrong = Vec::new();
    for (article, snippet, expected) in cases() {
        let (_, _, sentence) = locate(article, snippet);
        let got = classify(&sentence);
        if got != expected {
            wrong.push(format!("{article}: expected {expected:?}, got {got:?}: {sentence}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn postponement_phrasings() {
    for (sentence, year) in [
        ("The launch of the plant was postponed to 2026.", Some(2026)),
        ("Commissioning of the bridge has been delayed until the end of 2020.", Some(2020)),
        ("The deadline for the Saryarka gas pipeline was shifted to January 1, 2020.", Some(2020)),
        ("The opening of the terminal has been postponed.", None),
    ] {
        assert_eq!(classify(sentence), Some(UpdateKind::Delayed { to_year: year }), "{sentence}");
    }
    assert_eq!(classify("The focus has been shifted to exporters in 2019 and beyond."), None);
}

#[test]
fn commitments_are_not_updates() {
    // pm-1034: "The international pavilions will be put into operation by October this year"
    // is a commitment; given its span, the article yields no update for it.
    let t = text("pm-1034");
    let sentences = split_sentences(t);
    let spans: Vec<(usize, usize)> = analyze(t, None).commitments.iter().map(|c| (c.start, c.end)).collect();
    let (start, end, _) = locate("pm-1034", "pavilions will be put into operation by October");
    let found = find_updates(t, &sentences, &spans);
    assert!(!found.iter().any(|(s, _)| s.start < end && start < s.end), "{found:?}");
    // And without spans the future tense still keeps it out.
    let all = find_updates(t, &sentences, &[]);
    assert!(!all.iter().any(|(s, _)| s.start < end && start < s.end), "{all:?}");
}

#[test]
fn whole_article_in_sentence_order() {
    // pm-0938: suspension, then a delay.
    let t = text("pm-0938");
    let found = find_updates(t, &split_sentences(t), &[]);
    assert!(found.windows(2).all(|w| w[0].0.start < w[1].0.start));
    let kinds: Vec<&UpdateKind> = found.iter().map(|f| &f.1).collect();
    assert!(kinds.contains(&&UpdateKind::Cancelled), "{kinds:?}");
    assert!(kinds.contains(&&UpdateKind::Delayed { to_year: None }), "{kinds:?}");
    // Spans that do not fit the text are ignored, not a panic.
    let bad = [SentenceSpan { start: 5, end: 2 }, SentenceSpan { start: 0, end: t.chars().count() + 10 }];
    assert!(find_updates(t, &bad, &[]).is_empty());
    assert!(find_updates("", &[], &[]).is_empty());
}

#[test]
fn updates_attach_to_their_claim() {
    let l = fitted();
    // Two claims: free vocational education (pm-0971) and rental housing (pm-0621).
    let commitments = vec![
        record("pm-0971", "Free vocational education for all", date(2016, 11, 1)),
        record("pm-0621", "40 thousand rental apartments", date(2016, 11, 1)),
    ];
    let claims = vec![vec![0], vec![1]];
    let launched = update("pm-0289", "has been launched in 2017", UpdateKind::Delivered, date(2017, 9, 1));
    let unrelated = update("pm-0435", "a tunnel is being built", UpdateKind::Progress { percent: None }, date(2017, 9, 1));
    let attached = attach_updates(l, &commitments, &claims, &[launched.clone(), unrelated]);
    assert_eq!(attached, vec![Some(0), None]);
    // A delivery dated before the promise cannot deliver it; progress may precede a restatement.
    let early = UpdateRecord { published: date(2015, 1, 1), ..launched.clone() };
    let early_progress = UpdateRecord { kind: UpdateKind::Progress { percent: None }, ..early.clone() };
    assert_eq!(attach_updates(l, &commitments, &claims, &[early, early_progress]), vec![None, Some(0)]);
    // Undated on either side: no date rule.
    let undated = UpdateRecord { published: None, ..launched };
    assert_eq!(attach_updates(l, &commitments, &claims, &[undated]), vec![Some(0)]);
    // Nothing to attach to.
    assert_eq!(attach_updates(l, &commitments, &[], &[]), Vec::<Option<usize>>::new());
}

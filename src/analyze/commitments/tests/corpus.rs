//! Whole-corpus robustness: every kz-gov-press article through `split_sentences` and `find`
//! without panic and with consistent spans, plus generated hostile inputs.
//!
//! The corpus is the bundled `corpus/kz-gov-press.jsonl`.

use super::{FINDER, date};
use crate::analyze::sentences::{SentenceSpan, split_sentences};

/// Splits and finds in `text`; checks that spans are ordered, in range and returned as given.
fn check(text: &str) -> (usize, usize) {
    let n = text.chars().count();
    let spans = split_sentences(text);
    let mut last_end = 0;
    for s in &spans {
        assert!(
            s.start < s.end && s.end <= n && s.start >= last_end,
            "bad span {s:?} in {text:?}"
        );
        last_end = s.end;
    }
    let drafts = FINDER.find(text, &spans, date(2018, 6, 1), None);
    for d in &drafts {
        assert!(
            spans.contains(&d.span),
            "draft span not among the sentences: {d:?}"
        );
    }
    // Spans that do not fit the text are skipped, not a panic.
    let _ = FINDER.find(
        text,
        &[
            SentenceSpan {
                start: n,
                end: n + 5,
            },
            SentenceSpan { start: 3, end: 1 },
        ],
        None,
        None,
    );
    (spans.len(), drafts.len())
}

#[test]
fn every_article_without_panic() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/kz-gov-press.jsonl");
    let data = std::fs::read_to_string(&path).expect("read the bundled corpus");
    let (mut articles, mut sentences, mut commitments) = (0, 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus lines are JSON");
        let text = v["text"].as_str().unwrap_or_else(|| panic!("no text in {line:.80}")).to_owned();
        let (s, c) = check(&text);
        articles += 1;
        sentences += s;
        commitments += c;
    }
    eprintln!("{articles} articles, {sentences} sentences, {commitments} commitments");
    assert!(articles > 1000 && commitments > 0 && commitments < sentences / 5);
}

#[test]
fn generated_hostile_inputs_without_panic() {
    // A fixed pseudo-random mix of the characters the rules look at, multi-byte ones included.
    const PALETTE: &[&str] = &[
        "will be built ",
        "by 2025",
        ".",
        "...",
        "…",
        "?",
        "!",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "(",
        ")",
        "\n",
        " ",
        "г.",
        "млрд",
        "1.5",
        "13 009",
        "85-90%",
        "$",
        "€",
        "₸",
        "bn",
        "-",
        "–",
        "A. ",
        "U.S.",
        "No.",
        "plans to ",
        "instructed ",
        "the akimat ",
        "Ministry of Energy",
        "Nurly Zhol-2020 ",
        "300-bed ",
        "thousand ",
        "tenge",
        "it is planned",
        "under construction",
        "\u{a0}",
        "ü",
        "😀",
        "\t",
        ",",
        ";",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..3000 {
        let mut text = String::new();
        let len = (state % 40) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PALETTE[(state % PALETTE.len() as u64) as usize]);
        }
        check(&text);
    }
}

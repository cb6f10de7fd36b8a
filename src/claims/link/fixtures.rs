//! Test helpers: commitment and update records built from real corpus sentences with the real
//! analyzer (config/gazetteer.toml, config/sectors.toml), and the claims fixtures.
//!
//! The corpus is the bundled `corpus/kz-gov-press.jsonl`; its press releases carry no dates, so
//! every date a test gives here is assigned by that test.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;

use crate::analyze::Analyzer;
use crate::analyze::sentences::split_sentences;
use crate::claims::{CommitmentKey, CommitmentRecord, UpdateKind, UpdateRecord};
use crate::domain::{Analysis, ArticleId, CommitmentStatus, SourceName};

/// The crate's root directory.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus, by press-release id ("pm-0006").
pub(crate) fn corpus() -> &'static HashMap<String, String> {
    static CORPUS: OnceLock<HashMap<String, String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let data = std::fs::read_to_string(root().join("corpus/kz-gov-press.jsonl")).expect("read the bundled corpus");
        data.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("corpus lines are JSON");
                (v["id"].as_str().unwrap_or_default().to_owned(), v["text"].as_str().unwrap_or_default().to_owned())
            })
            .collect()
    })
}

/// The analyzer over the configured gazetteer and taxonomy.
pub(crate) fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        let g = std::fs::read_to_string(root().join("config/gazetteer.toml")).expect("gazetteer");
        let t = std::fs::read_to_string(root().join("config/sectors.toml")).expect("taxonomy");
        Analyzer::new(&g, &t).expect("config resources are valid")
    })
}

/// The analysis of a corpus article as if published on `published` (cached).
fn analysis(corpus_id: &str, published: Option<NaiveDate>) -> Analysis {
    type Cache = Mutex<HashMap<(String, Option<NaiveDate>), Analysis>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (corpus_id.to_owned(), published);
    if let Some(a) = cache.lock().expect("cache").get(&key) {
        return a.clone();
    }
    let a = analyze(text(corpus_id), published);
    cache.lock().expect("cache").insert(key, a.clone());
    a
}

/// The analyzer's output, or an empty analysis (with a note on stderr) if it panics: a bug in
/// the analyze stage must not hide what these tests measure.
pub(crate) fn analyze(text: &str, published: Option<NaiveDate>) -> Analysis {
    std::panic::catch_unwind(|| analyzer().analyze(text, published)).unwrap_or_else(|_| {
        eprintln!("analyzer panicked on: {:.80}", text);
        Analysis::default()
    })
}

/// The text of a corpus article; panics (in a test) with the id when it is missing.
pub(crate) fn text(corpus_id: &str) -> &'static str {
    corpus().get(corpus_id).unwrap_or_else(|| panic!("{corpus_id} is not in the corpus"))
}

/// The article id newsmine would give a corpus article.
pub(crate) fn article_id(corpus_id: &str) -> ArticleId {
    ArticleId::from_canonical_url(&format!("corpus:kz-gov-press/{corpus_id}"))
}

/// The char span of the sentence of `corpus_id` that contains `snippet` (whitespace-insensitive);
/// when the snippet is longer than the splitter's sentence, the snippet's own span.
pub(crate) fn locate(corpus_id: &str, snippet: &str) -> (usize, usize, String) {
    let t = text(corpus_id);
    let chars: Vec<char> = t.chars().collect();
    let want: Vec<char> = snippet.split_whitespace().collect::<Vec<_>>().join(" ").chars().collect();
    // Map a whitespace-collapsed copy of the text back to char offsets.
    let (mut flat, mut back) = (Vec::new(), Vec::new());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            if flat.last().is_some_and(|&l: &char| l != ' ') {
                flat.push(' ');
                back.push(i);
            }
        } else {
            flat.push(c);
            back.push(i);
        }
    }
    let pos = flat
        .windows(want.len().max(1))
        .position(|w| w == want.as_slice())
        .unwrap_or_else(|| panic!("{corpus_id}: sentence not found: {snippet}"));
    let (start, end) = (back[pos], back[pos + want.len() - 1] + 1);
    let span = split_sentences(t).into_iter().find(|s| s.start <= start && start < s.end);
    let (s, e) = match span {
        Some(s) if s.end >= end => (s.start, s.end),
        _ => (start, end),
    };
    (s, e, chars[s..e].iter().collect())
}

/// A commitment record for the sentence of `corpus_id` containing `snippet`: the analyzer's
/// commitment covering it, or, when the analyzer found none there, a record built from the
/// sentence alone (its own analysis' commitment, else its regions and sector).
pub(crate) fn record(corpus_id: &str, snippet: &str, published: Option<NaiveDate>) -> CommitmentRecord {
    let (start, end, sentence) = locate(corpus_id, snippet);
    let article = article_id(corpus_id);
    let found = analysis(corpus_id, published).commitments.into_iter().find(|c| c.start < end && start < c.end);
    let c = found.or_else(|| analyze(&sentence, published).commitments.into_iter().next());
    let key = CommitmentKey::new(&article, &sentence);
    let base = CommitmentRecord {
        key,
        article,
        source: SourceName::parse("kz-gov-press").expect("slug"),
        published,
        text: sentence.clone(),
        actor: None,
        quantities: vec![],
        deadline: None,
        regions: vec![],
        sector: None,
        status: CommitmentStatus::Planned,
        embedding: None,
    };
    match c {
        Some(c) => CommitmentRecord {
            key: base.key,
            text: base.text,
            ..CommitmentRecord::from_commitment(&base.article, &base.source, published, &c)
        },
        None => {
            let a = analyze(&sentence, published);
            CommitmentRecord {
                regions: a.regions.into_iter().map(|r| r.id).collect(),
                sector: a.sectors.first().map(|s| s.id.clone()),
                ..base
            }
        }
    }
}

/// An update record for the sentence of `corpus_id` containing `snippet`, with its regions and
/// sector from the analyzer.
pub(crate) fn update(corpus_id: &str, snippet: &str, kind: UpdateKind, published: Option<NaiveDate>) -> UpdateRecord {
    let (_, _, sentence) = locate(corpus_id, snippet);
    let article = article_id(corpus_id);
    let a = analyze(&sentence, published);
    UpdateRecord {
        key: CommitmentKey::new(&article, &sentence),
        article,
        source: SourceName::parse("kz-gov-press").expect("slug"),
        published,
        text: sentence,
        kind,
        regions: a.regions.into_iter().map(|r| r.id).collect(),
        sector: a.sectors.first().map(|s| s.id.clone()),
        embedding: None,
    }
}

/// Every sentence of the corpus, for fitting IDF weights.
pub(crate) fn corpus_sentences() -> Vec<String> {
    let mut ids: Vec<&String> = corpus().keys().collect();
    ids.sort();
    let mut out = Vec::new();
    for id in ids {
        let t = &corpus()[id];
        let chars: Vec<char> = t.chars().collect();
        out.extend(split_sentences(t).iter().map(|s| s.text_in(&chars)));
    }
    out
}

/// A date assigned by a test (the corpus has none).
pub(crate) fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

//! Tests of the linker: real sentence pairs from `corpus/kz-gov-press.jsonl` (ids cited), the
//! labelled pairs of `tests/fixtures/claims/pairs.jsonl`, clustering without chaining,
//! determinism and scale.

use std::sync::OnceLock;

use super::fixtures::{corpus_sentences, record};
use super::*;
use crate::claims::CommitmentRecord;
use crate::domain::{ArticleId, CommitmentStatus, Deadline, Quantity, RegionId, SourceName};

/// A linker fitted on every sentence of the corpus, as a run fits on its commitments.
pub(crate) fn fitted() -> &'static Linker {
    static L: OnceLock<Linker> = OnceLock::new();
    L.get_or_init(|| {
        let sentences = corpus_sentences();
        let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let mut l = Linker::default();
        l.fit(&texts);
        l
    })
}

/// (article, snippet) x2, same undertaking? Snippets locate the sentence in the article.
const PAIRS: &[(&str, &str, &str, &str, bool)] = &[
    // Restatements of one undertaking across releases.
    ("pm-0006", "another 14,220 apartments", "pm-0345", "another 14,220 apartments", true),
    ("pm-0009", "500 thousand smallholdings", "pm-1755", "500 thousand smallholdings", true),
    ("pm-0669", "export of food products increase by 40%", "pm-1793", "export of food products by 40%", true),
    ("pm-0669", "irrigated land shall grow by 40%", "pm-1793", "irrigated land by 40% within five years", true),
    ("pm-2155", "527 new family dairy farms", "pm-2167", "527 new family dairy farms", true),
    ("pm-0971", "Free vocational education for all", "pm-1615", "Free vocational education", true),
    ("pm-0515", "compulsory social health insurance will be introduced", "pm-2218", "compulsory social health insurance system", true),
    ("pm-0669", "National Technology Initiative", "pm-0958", "National Technology Initiative", true),
    ("pm-1783", "monitoring laboratory studies", "pm-1818", "monitoring laboratory studies", true),
    ("pm-2155", "610 thousand hectares", "pm-2167", "610 thousand ha of irrigated land", true),
    ("pm-1225", "gap to the OECD countries", "pm-1227", "gap in labour productivity", true),
    // Look-alikes that are different undertakings.
    ("pm-1865", "will create 766 jobs", "pm-1951", "will create 1 thousand 843 jobs", false),
    ("pm-0621", "50 billion tenge will be allocated", "pm-2250", "more than 27 billion tenge", false),
    ("pm-0479", "324 houses, 7 schools", "pm-0901", "additional 8 schools and 4 kindergartens", false),
    ("pm-0621", "40 thousand rental apartments", "pm-1965", "Another 33 thousand apartments", false),
    ("pm-1154", "123 objects are planned for sale", "pm-2169", "23 objects scheduled", false),
    ("pm-0503", "around 200 jobs will be created", "pm-1926", "More than 41,000 jobs", false),
    ("pm-1987", "214 thousand people will be attracted", "pm-1998", "20 thousand Kazakhstanis", false),
    ("pm-2139", "measures to reduce tariffs", "pm-2173", "Akimat of Turkestan region plans", false),
    ("pm-1905", "rural health-care providers", "pm-1935", "provide heat to citizens", false),
    ("pm-0897", "100 thousand plots of land", "pm-0993", "concept of management means", false),
    ("pm-2173", "Akimat of Turkestan region plans", "pm-2173", "Akimat of North Kazakhstan region plans", false),
];

/// Precision, recall and F1 of `same` predictions against labels.
pub(crate) fn prf(results: &[(bool, bool)]) -> (f32, f32, f32) {
    let tp = results.iter().filter(|r| r.0 && r.1).count() as f32;
    let fp = results.iter().filter(|r| r.0 && !r.1).count() as f32;
    let fnn = results.iter().filter(|r| !r.0 && r.1).count() as f32;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
    let r = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[test]
fn real_pairs_from_the_corpus() {
    let l = fitted();
    let mut results = Vec::new();
    let mut wrong = Vec::new();
    for &(a, sa, b, sb, same) in PAIRS {
        let (ra, rb) = (record(a, sa, None), record(b, sb, None));
        let s = l.score(&ra, &rb);
        assert!((0.0..=1.0).contains(&s));
        assert_eq!(s, l.score(&rb, &ra), "symmetric");
        let predicted = s >= l.threshold;
        results.push((predicted, same));
        if predicted != same {
            wrong.push(format!("{a}/{b} {s:.2} expected same={same}: {} || {} {:?}", ra.text, rb.text, l.explain(&ra, &rb)));
        }
    }
    let (p, r, f) = prf(&results);
    eprintln!("hand pairs: P {p:.2} R {r:.2} F1 {f:.2}; wrong: {wrong:#?}");
    assert!(wrong.len() <= 2, "{wrong:#?}");
}

/// A synthetic commitment: `text` in article `article`, optional region and quantity.
pub(crate) fn synth(article: &str, text: &str, region: Option<&str>, qty: Option<(f64, &str)>, year: Option<i32>) -> CommitmentRecord {
    let article = ArticleId::from_canonical_url(&format!("test:{article}"));
    CommitmentRecord {
        key: CommitmentKey::new(&article, text),
        article,
        source: SourceName::parse("test").expect("slug"),
        published: None,
        text: text.to_owned(),
        actor: None,
        quantities: qty.map(|(value, unit)| vec![Quantity { value, unit: unit.to_owned() }]).unwrap_or_default(),
        deadline: year.map(|y| Deadline { text: format!("by {y}"), year: Some(y) }),
        regions: region.map(|r| vec![RegionId::parse(r).expect("region")]).unwrap_or_default(),
        sector: None,
        status: CommitmentStatus::Planned,
        embedding: None,
    }
}

#[test]
fn slots_move_the_score() {
    let l = fitted();
    let a = synth("a", "A new bridge over the Irtysh river will be built in Semey.", Some("abai"), None, Some(2019));
    let b = synth("b", "The bridge over the Irtysh river will be built in Semey.", Some("abai"), None, Some(2020));
    let far = synth("c", "The bridge over the Irtysh river will be built in Pavlodar.", Some("pavlodar"), None, Some(2019));
    let late = synth("d", "The bridge over the Irtysh river will be built in Semey.", Some("abai"), None, Some(2030));
    assert!(l.same(&a, &b), "{}", l.score(&a, &b));
    assert!(!l.same(&a, &far), "disjoint regions: {}", l.score(&a, &far));
    assert!(l.score(&a, &late) < l.score(&a, &b), "a distant year lowers the score");
    let q1 = synth("e", "Another 1,200 apartments for large families will be commissioned.", None, Some((1200.0, "apartments")), None);
    let q2 = synth("f", "About 1,150 apartments for large families will be commissioned.", None, Some((1150.0, "apartments")), None);
    let q3 = synth("g", "Another 9,000 apartments for large families will be commissioned.", None, Some((9000.0, "apartments")), None);
    assert!(l.score(&q1, &q2) > l.score(&q1, &q3));
    assert!(!l.same(&q1, &q3), "clashing quantities: {}", l.score(&q1, &q3));
    let mut e1 = a.clone();
    let mut e2 = far.clone();
    e1.embedding = Some(vec![1.0, 0.0]);
    e2.embedding = Some(vec![0.0, 1.0]);
    assert!(l.score(&e1, &e2) <= l.score(&a, &far), "orthogonal embeddings lower the score");
}

#[test]
fn no_chaining_across_different_claims() {
    // B resembles both A (Semey hospital) and C (Semey school); A and C are different.
    let l = fitted();
    let items = vec![
        synth("a", "A regional multidisciplinary hospital for 300 beds will be built in Semey by 2020.", Some("abai"), Some((300.0, "beds")), Some(2020)),
        synth("b", "In Semey a hospital for 300 beds will be built by 2020 and a school for 1,200 pupils opened by 2024.", Some("abai"), None, Some(2020)),
        synth("c", "A school for 1,200 pupils will be opened in Semey in 2024.", Some("abai"), Some((1200.0, "pupils")), Some(2024)),
        synth("d", "The multidisciplinary hospital for 300 beds in Semey will be completed by 2020.", Some("abai"), Some((300.0, "beds")), Some(2020)),
    ];
    let groups = l.cluster(&items);
    let group_of = |i: usize| groups.iter().position(|g| g.contains(&i));
    assert_eq!(group_of(0), group_of(3), "{groups:?}");
    assert_ne!(group_of(0), group_of(2), "A and C must not be chained through B: {groups:?}");
}

#[test]
fn same_article_needs_a_restatement() {
    let l = fitted();
    let items = vec![
        synth("x", "In 2019, 15 schools will be built in the Turkestan region.", Some("turkestan"), Some((15.0, "schools")), Some(2019)),
        synth("x", "In 2019, 12 kindergartens will be built in the Turkestan region.", Some("turkestan"), Some((12.0, "kindergartens")), Some(2019)),
        synth("y", "Fifteen schools will be built in the Turkestan region in 2019, the akim said.", Some("turkestan"), None, Some(2019)),
    ];
    let groups = l.cluster(&items);
    assert!(!groups.iter().any(|g| g.contains(&0) && g.contains(&1)), "{groups:?}");
}

#[test]
fn clusters_are_a_sorted_partition_and_deterministic() {
    let l = fitted();
    let items: Vec<CommitmentRecord> = PAIRS.iter().flat_map(|&(a, sa, b, sb, _)| [record(a, sa, None), record(b, sb, None)]).collect();
    let groups = l.cluster(&items);
    let mut all: Vec<usize> = groups.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all, (0..items.len()).collect::<Vec<_>>());
    assert!(groups.iter().all(|g| g.windows(2).all(|w| w[0] < w[1])));
    assert!(groups.windows(2).all(|w| w[0][0] < w[1][0]));
    assert_eq!(groups, l.cluster(&items));
    // An unfitted linker fits itself on the commitments.
    let g2 = Linker::default().cluster(&items);
    assert_eq!(g2, Linker::default().cluster(&items));
}

#[test]
fn claim_ids_come_from_the_smallest_key() {
    let (a, b) = (CommitmentKey("aaa:1".into()), CommitmentKey("bbb:2".into()));
    assert_eq!(claim_id(&[&a, &b]), claim_id(&[&b, &a]));
    assert_eq!(claim_id(&[&a]), claim_id(&[&b, &a]));
    assert_ne!(claim_id(&[&b]), claim_id(&[&a]));
    assert!(claim_id(&[&a]).0.starts_with("c-") && claim_id(&[&a]).0.len() == 14);
    let _ = claim_id(&[]);
}

#[test]
fn five_thousand_commitments_cluster_quickly() {
    // 1,000 undertakings, each stated five times with varied filler, in 5,000 articles.
    let mut rng = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let vocab: Vec<String> = (0..4000).map(|i| format!("w{i}x")).collect();
    let filler = ["construction", "will", "be", "completed", "by", "the", "akimat", "of", "region", "new", "facility"];
    let regions = ["abai", "akmola", "aktobe", "atyrau", "pavlodar", "kostanay", "almaty", "astana"];
    let mut items = Vec::new();
    for claim in 0..1000usize {
        let core: Vec<&str> = (0..4).map(|_| vocab[(next() % 4000) as usize].as_str()).collect();
        let region = regions[claim % regions.len()];
        for k in 0..5usize {
            let mut words: Vec<&str> = core.clone();
            words.extend((0..6).map(|_| filler[(next() % filler.len() as u64) as usize]));
            words.push(vocab[(next() % 4000) as usize].as_str());
            let text = words.join(" ");
            items.push(synth(&format!("{claim}-{k}"), &text, Some(region), None, Some(2020 + (claim % 5) as i32)));
        }
    }
    let l = Linker::default();
    let t = std::time::Instant::now();
    let (groups, stats) = l.cluster_with_stats(&items);
    let took = t.elapsed();
    let together = (0..1000).filter(|c| groups.iter().any(|g| (0..5).all(|k| g.contains(&(c * 5 + k))))).count();
    let build = if cfg!(debug_assertions) { "debug" } else { "release" };
    eprintln!("5,000 synthetic commitments: {} groups in {took:?} ({build} build); {together}/1000 undertakings whole; {stats:?}", groups.len());
    assert!(together > 900, "{together}");
    assert!(groups.len() < 1300, "{}", groups.len());
}

/// `df_prior.tsv` from the corpus sentences (see `profile::prior`), as the file holds it.
fn df_prior_table() -> String {
    let sentences = corpus_sentences();
    let mut df: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for t in &sentences {
        let mut terms = super::features::content_stems(t);
        terms.extend(super::names::names(t));
        terms.sort();
        terms.dedup();
        for term in terms {
            *df.entry(term).or_insert(0) += 1;
        }
    }
    let mut out = format!("# docs {}\n", sentences.len());
    for (t, n) in df.iter().filter(|(t, n)| **n >= super::profile::PRIOR_MIN_DF && !t.contains(['\t', '\n'])) {
        out.push_str(&format!("{t}\t{n}\n"));
    }
    out
}

#[test]
fn df_prior_matches_the_corpus() {
    let path = super::fixtures::root().join("src/claims/link/df_prior.tsv");
    let table = df_prior_table();
    if std::env::var_os("NEWSMINE_WRITE_DF_PRIOR").is_some() {
        std::fs::write(&path, &table).expect("write df_prior.tsv");
    }
    let (shares, docs) = super::profile::parse_prior(include_str!("df_prior.tsv"));
    let (fresh, fresh_docs) = super::profile::parse_prior(&table);
    assert_eq!(docs, fresh_docs, "df_prior.tsv is stale: NEWSMINE_WRITE_DF_PRIOR=1 cargo test --lib df_prior");
    // Words and names change with the tokeniser; most of the table must still agree.
    let agree = fresh.iter().filter(|(t, s)| shares.get(*t).is_some_and(|x| (x - **s).abs() < 1e-6)).count();
    assert!(agree * 10 >= fresh.len() * 9, "df_prior.tsv is stale ({agree} of {} agree): NEWSMINE_WRITE_DF_PRIOR=1 cargo test --lib df_prior", fresh.len());
}

//! Throughput of the CPU-bound stages, printed as figures to compare between commits:
//! extraction (pages/s on the bundled WARC pages), analysis (articles/s per core on the
//! bundled press releases), indexing and search.
//!
//! `cargo bench --bench pipeline` runs it in full. Under `cargo test` (no `--bench` argument)
//! it runs one small round, so the benchmark keeps compiling and working.

use std::path::Path;
use std::time::Instant;

use newsmine::analyze::Analyzer;
use newsmine::archive::read_warc;
use newsmine::domain::{Article, ArticleId, SourceName};
use newsmine::index::{NewsIndex, SearchRequest};

fn main() {
    // SAFETY: first statement of main, no other thread yet. One core per figure: candle's
    // kernels single-threaded, as in `newsmine run`.
    unsafe { newsmine::analyze::embed::use_single_threaded_kernels() };
    let full = std::env::args().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("bundled file");

    // Extraction, one thread.
    let mut pages = Vec::new();
    for entry in glob::glob(root.join("corpus/*.warc.gz").to_str().unwrap()).unwrap() {
        for page in read_warc(&entry.unwrap()).unwrap().flatten() {
            if page.is_html_page() {
                pages.push(page);
            }
        }
    }
    if !full {
        pages.truncate(5);
    }
    let bytes: usize = pages.iter().map(|p| p.payload.len()).sum();
    let t = Instant::now();
    let extracted: Vec<_> = pages
        .iter()
        .map(|p| newsmine::extract::extract_html(&p.payload, p.content_type.as_deref(), p.target_uri.as_deref()).article)
        .collect();
    let s = t.elapsed().as_secs_f64();
    println!(
        "extract: {} pages, {:.1} MB in {s:.2}s = {:.1} pages/s, {:.1} MB/s (1 thread)",
        pages.len(),
        bytes as f64 / 1e6,
        pages.len() as f64 / s,
        bytes as f64 / 1e6 / s
    );

    // Analysis, one thread.
    let analyzer = Analyzer::new(&read("config/gazetteer.toml"), &read("config/sectors.toml")).unwrap();
    let mut texts: Vec<String> = read("corpus/kz-gov-press.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    if !full {
        texts.truncate(20);
    }
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    // One pass over the texts: its seconds, the analyses and the commitments they hold.
    let time_analysis = |analyzer: &Analyzer| {
        let t = Instant::now();
        let analyses: Vec<_> = texts.iter().map(|t| analyzer.analyze(t, None)).collect();
        let commitments: usize = analyses.iter().map(|a| a.commitments.len()).sum();
        (t.elapsed().as_secs_f64(), analyses, commitments)
    };
    let (s, analyses, commitments) = time_analysis(&analyzer);
    println!(
        "analyze: {} articles, {:.1} M chars in {s:.2}s = {:.0} articles/s per core, {:.2} M chars/s ({commitments} commitments)",
        texts.len(),
        chars as f64 / 1e6,
        texts.len() as f64 / s,
        chars as f64 / 1e6 / s
    );
    // The same with the learned commitment model (config/commitment-model.tsv), as shipped.
    let analyzer = analyzer.with_commitment_model(&read("config/commitment-model.tsv")).unwrap();
    let (s, _, commitments) = time_analysis(&analyzer);
    println!(
        "analyze with the commitment model: {:.0} articles/s per core ({commitments} commitments)",
        texts.len() as f64 / s
    );

    // The same with the fine-tuned commitment encoder (models/commitment-encoder, trained by
    // `make test` or `make run`), as shipped.
    let encoder = newsmine::analyze::learned::encoder::EncoderModel::load(&root.join("models/all-minilm-l6-v2"), &root.join("models/commitment-encoder"))
        .unwrap_or_else(|e| panic!("{e}"));
    let analyzer = Analyzer::new(&read("config/gazetteer.toml"), &read("config/sectors.toml")).unwrap().with_commitment_encoder(encoder);
    let (s, _, commitments) = time_analysis(&analyzer);
    println!(
        "analyze with the commitment encoder: {:.1} articles/s per core ({commitments} commitments)",
        texts.len() as f64 / s
    );
    // And with the sector encoder too (models/sector-encoder), as shipped: it reads an
    // article's first sentences (as many as its about.json says) and hands their lower states
    // to the commitment encoder.
    let sectors = newsmine::analyze::learned::sectors::SectorEncoder::load(&root.join("models/all-minilm-l6-v2"), &root.join("models/sector-encoder"))
        .unwrap_or_else(|e| panic!("{e}"));
    let analyzer = analyzer.with_sector_encoder(sectors).unwrap();
    let (s, _, _) = time_analysis(&analyzer);
    println!("analyze with both encoders (shipped): {:.1} articles/s per core", texts.len() as f64 / s);

    // Indexing and search.
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = NewsIndex::open_or_create(&dir.path().join("index")).unwrap();
    let source = SourceName::parse("bench").unwrap();
    let t = Instant::now();
    let mut w = index.writer().unwrap();
    let docs = texts.iter().zip(&analyses).chain(extracted.iter().map(|x| &x.text).zip(&analyses));
    let mut n = 0;
    for (text, analysis) in docs {
        let a = Article {
            id: ArticleId::from_content(&format!("{n}{text}")),
            source: source.clone(),
            url: None,
            canonical_url: None,
            external_id: None,
            title: None,
            authors: vec![],
            published: None,
            language: None,
            text: text.clone(),
            archived: None,
        };
        w.upsert(&a, analysis, &[]).unwrap();
        n += 1;
    }
    w.finish().unwrap();
    let s = t.elapsed().as_secs_f64();
    println!("index:   {n} documents in {s:.2}s = {:.0} docs/s", n as f64 / s);
    let queries = ["broadband", "\"water supply\" AND region:kyzylorda", "school OR kindergarten", "sector:energy gas"];
    let rounds = if full { 200 } else { 2 };
    let t = Instant::now();
    for _ in 0..rounds {
        for q in queries {
            index.search(&SearchRequest { query: q.into(), limit: 10, ..Default::default() }).unwrap();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("search:  {} queries in {s:.2}s = {:.0} queries/s (with snippets and facets)", rounds * queries.len(), (rounds * queries.len()) as f64 / s);
}

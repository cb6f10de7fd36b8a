//! `newsmine run`: every configured source through extract, analyze, store and index.
//!
//! The run is resumable passes, each driven by what the store says is pending, so a run
//! killed at any moment is finished by the next one without loss or duplicates:
//! 1. ingest: read sources, extract, upsert articles (committed in batches; an input file is
//!    marked done only after its last batch is committed);
//! 2. analyze: every article whose analysis is missing or from another analyzer version;
//! 3. embed (when a model is configured): a vector for every article whose vector is missing or
//!    stale and for every commitment sentence not in the cache (`embed_pass.rs`);
//! 4. claims: commitments linked into claims, with their cached sentence vectors;
//! 5. index: every article whose index entry is missing or stale (delete-then-add by id).

use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::crawl_sinks::{StoreState, WarcArchive};
use super::ingest::{self, Ingested};
use super::report::{RunReport, SourceReport};
use crate::analyze::Analyzer;
use crate::config::Config;
use crate::crawl::engine::{self, CrawlReport};
use crate::crawl::frontier::UrlKind;
use crate::crawl::{Source, SourceKind};
use crate::domain::{Analysis, Article, canonicalize_url};
use crate::index::{INDEX_FORMAT_VERSION, NewsIndex};
use crate::store::{RunId, Store, Upsert};
use crate::{Error, Result};

/// How many articles are written per transaction / index commit.
const BATCH: usize = 256;

/// Options of `newsmine run`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Draw progress bars (only on a terminal).
    pub progress: bool,
}

/// Runs the nightly job over every configured source and returns its report, already written to
/// `<data_dir>/runs/`.
pub fn run(config: &Config, opts: &RunOptions) -> Result<(RunReport, PathBuf)> {
    run_sources(config, &config.sources, opts)
}

/// Runs the job over `sources` (all configured ones, or the one-off source of `newsmine crawl`).
pub fn run_sources(config: &Config, sources: &[Source], opts: &RunOptions) -> Result<(RunReport, PathBuf)> {
    let started = Instant::now();
    let data_dir = &config.data_dir;
    std::fs::create_dir_all(data_dir).map_err(|source| Error::Io { path: data_dir.clone(), source })?;
    let _lock = super::lock::acquire(data_dir)?;
    let analyzer = super::load_analyzer(config)?;
    // Loaded before any work, so a missing model stops the run at once with the fetch command.
    let encoder = super::embed_pass::load_encoder(config)?;
    let mut store = Store::open(data_dir)?;
    store.close_interrupted_runs()?;
    let run_id = store.begin_run()?;
    let mut report = RunReport {
        run: run_id.0,
        started_at: chrono::Utc::now().to_rfc3339(),
        status: "ok".into(),
        analyzer_version: analyzer.version().to_owned(),
        ..Default::default()
    };

    // Extraction and analysis use every core; big stacks because HTML parsers recurse.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .stack_size(crate::extract::EXTRACT_STACK_BYTES)
        .thread_name(|i| format!("newsmine-worker-{i}"))
        .build()
        .map_err(|e| Error::Io { path: data_dir.clone(), source: std::io::Error::other(e) })?;
    for source in sources {
        let mut sr = SourceReport { kind: source.kind.name().into(), ..Default::default() };
        if source.is_live() {
            let pass_started = Instant::now();
            let bar = bar(opts, &format!("crawling {}", source.name), None);
            match crawl_source(config, source, &mut store, run_id) {
                Ok(report) => sr.crawl = Some(report),
                Err(e) => {
                    tracing::error!("source {}: {e}", source.name);
                    sr.failed = Some(e.to_string());
                    report.status = "partial".into();
                }
            }
            bar.finish_and_clear();
            *report.pass_seconds.entry("crawl".into()).or_default() += pass_started.elapsed().as_secs_f64();
        }
        let pass_started = Instant::now();
        let bar = bar(opts, &format!("reading {}", source.name), None);
        let result = ingest::inputs(source, data_dir).and_then(|inputs| {
            ingest::source(source, &inputs, &mut store, &pool, &mut sr, &mut |batch: Vec<Ingested>, store: &mut Store, sr: &mut SourceReport| {
                bar.inc(batch.len() as u64);
                store_batch(store, run_id, batch, sr)
            })
        });
        bar.finish_and_clear();
        if let Err(e) = result {
            // One unreadable source does not stop the others; the run ends with status 4.
            tracing::error!("source {}: {e}", source.name);
            sr.failed = Some(e.to_string());
            report.status = "partial".into();
        }
        report.sources.insert(source.name.to_string(), sr);
        *report.pass_seconds.entry("ingest".into()).or_default() += pass_started.elapsed().as_secs_f64();
    }

    let pass_started = Instant::now();
    report.analyzed = analyze_pending(&mut store, &analyzer, &pool, opts)?;
    report.pass_seconds.insert("analyze".into(), pass_started.elapsed().as_secs_f64());
    if let Some(encoder) = &encoder {
        let pass_started = Instant::now();
        let bar = bar(opts, "embedding", Some(0));
        let progress = |done: u64, total: u64| {
            bar.set_length(total);
            bar.set_position(done);
        };
        report.embed = Some(super::embed_pass::run(&mut store, encoder, &progress)?);
        bar.finish_and_clear();
        report.pass_seconds.insert("embed".into(), pass_started.elapsed().as_secs_f64());
    }
    let pass_started = Instant::now();
    report.claims = super::claims_pass::run(&mut store, chrono::Utc::now().date_naive())?;
    report.pass_seconds.insert("claims".into(), pass_started.elapsed().as_secs_f64());
    let pass_started = Instant::now();
    let index_dir = NewsIndex::dir_in(data_dir);
    let (index, created) = NewsIndex::open_or_create(&index_dir)?;
    if created {
        store.reset_index_state()?;
    }
    report.index_rebuilt = created;
    report.indexed = index_pending(&mut store, &index, opts)?;
    report.pass_seconds.insert("index".into(), pass_started.elapsed().as_secs_f64());
    report.articles_in_index = index.num_docs()?;
    report.articles_stored = store.stats()?.articles;
    report.finished_at = chrono::Utc::now().to_rfc3339();
    report.seconds = started.elapsed().as_secs_f64();

    let json = serde_json::to_string_pretty(&report).expect("report serialises");
    let runs_dir = data_dir.join("runs");
    std::fs::create_dir_all(&runs_dir).map_err(|source| Error::Io { path: runs_dir.clone(), source })?;
    let path = runs_dir.join(format!("run-{:06}.json", run_id.0));
    std::fs::write(&path, &json).map_err(|source| Error::Io { path: path.clone(), source })?;
    store.finish_run(run_id, &report.status, &json)?;
    Ok((report, path))
}

/// The crawl pass of a live source: its hubs are queued again, earlier transient failures are
/// retried, and the crawler runs until the frontier has nothing left for this run. Every response
/// goes to the source's WARC directory, which the ingest pass reads next.
fn crawl_source(config: &Config, source: &Source, store: &mut Store, run: RunId) -> Result<CrawlReport> {
    let seeds: Vec<(String, UrlKind)> = match &source.kind {
        SourceKind::Feed { url } => vec![(url.to_string(), UrlKind::Feed)],
        SourceKind::Sitemap { url } => vec![(url.to_string(), UrlKind::Sitemap)],
        SourceKind::Site { start_urls, .. } => start_urls.iter().map(|u| (u.to_string(), UrlKind::Start)).collect(),
        SourceKind::Auto { url, .. } => vec![(url.to_string(), UrlKind::Auto)],
        _ => vec![],
    };
    for (url, kind) in seeds {
        let url = canonicalize_url(&url).unwrap_or(url);
        store.frontier_seed(&source.name, &url, kind, run)?;
    }
    store.frontier_requeue_hubs(&source.name, run)?;
    store.frontier_release_retries(&source.name, run)?;
    let mut archive = WarcArchive::new(ingest::warc_dir(&config.data_dir, &source.name), run, config.crawl.warc_rotate_bytes());
    let mut state = StoreState { store, source: source.name.clone(), run };
    let report = engine::crawl(source, &config.crawl, &mut state, &mut archive)?;
    archive.sync()?;
    Ok(report)
}

/// Upserts one batch of ingested articles in one transaction.
fn store_batch(store: &mut Store, run: RunId, batch: Vec<Ingested>, sr: &mut SourceReport) -> Result<()> {
    let tx = store.batch()?;
    for item in batch {
        match item {
            Ingested::Article(a) => match tx.upsert_article(&a, run)? {
                Upsert::New => sr.new += 1,
                Upsert::Updated => sr.updated += 1,
                Upsert::Unchanged => sr.unchanged += 1,
            },
            Ingested::InputDone { input, fingerprint, source } => tx.mark_input_done(&source, &input, &fingerprint, run)?,
        }
    }
    tx.commit()?;
    Ok(())
}

fn analyze_pending(store: &mut Store, analyzer: &Analyzer, pool: &rayon::ThreadPool, opts: &RunOptions) -> Result<u64> {
    let ids = store.ids_needing_analysis(analyzer.version())?;
    let bar = bar(opts, "analyzing", Some(ids.len() as u64));
    let mut done = 0;
    for chunk in ids.chunks(BATCH) {
        let articles: Vec<Article> = chunk.iter().filter_map(|id| store.article(id).transpose()).collect::<Result<_, _>>()?;
        let analyses: Vec<Analysis> = pool.install(|| {
            articles.par_iter().map(|a| analyzer.analyze(&a.text, a.published.map(|p| p.date_naive()))).collect()
        });
        let tx = store.batch()?;
        for (a, analysis) in articles.iter().zip(&analyses) {
            tx.save_analysis(&a.id, analyzer.version(), analysis)?;
        }
        tx.commit()?;
        done += articles.len() as u64;
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(done)
}

pub(super) fn index_pending(store: &mut Store, index: &NewsIndex, opts: &RunOptions) -> Result<u64> {
    let version = INDEX_FORMAT_VERSION.to_string();
    let ids = store.ids_needing_index(&version)?;
    let bar = bar(opts, "indexing", Some(ids.len() as u64));
    let mut writer = index.writer()?;
    let mut done = 0;
    for chunk in ids.chunks(BATCH) {
        for id in chunk {
            let (Some(article), Some(analysis)) = (store.article(id)?, store.analysis(id)?) else { continue };
            let claims = store.claim_ids_of_article(id)?;
            writer.upsert(&article, &analysis, &claims)?;
        }
        // The index commit comes first: if the run dies between the two commits, the store still
        // says "pending" and the next run re-adds the same documents, which replaces them.
        writer.commit()?;
        let tx = store.batch()?;
        for id in chunk {
            tx.mark_indexed(id, &version)?;
        }
        tx.commit()?;
        done += chunk.len() as u64;
        bar.inc(chunk.len() as u64);
    }
    writer.finish()?;
    bar.finish_and_clear();
    Ok(done)
}

fn bar(opts: &RunOptions, label: &str, len: Option<u64>) -> ProgressBar {
    if !opts.progress {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{msg:>24} [{bar:40}] {pos}/{len} {per_sec} eta {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner()
            .with_style(ProgressStyle::with_template("{msg:>24} {spinner} {pos} {per_sec}").expect("valid template")),
    };
    bar.set_message(label.to_owned());
    bar
}

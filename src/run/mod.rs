//! The commands: the only module that wires stages together.
//!
//! Owns: the command line ([`cli`]), the nightly job ([`nightly`]), the run lock and report,
//! and the small commands (`stats`, `search`, `similar`, `analyze`, `extract`, `show`, `reindex`).
//! Invariant: stages never call each other; data moves between them only here.

pub mod cli;
mod claims_cmd;
pub mod claims_pass;
mod commands;
mod crawl_sinks;
pub mod embed_pass;
mod encoder_cmd;
mod eval_cmd;
mod ingest;
mod lock;
pub mod nightly;
pub mod report;
mod search;
mod serve_cmd;

use std::io::IsTerminal;
use std::process::ExitCode;

pub use cli::Cli;

use crate::analyze::Analyzer;
use crate::config::Config;
use crate::{Error, Result};

/// Exit statuses, as documented in `newsmine --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Failure.
    Failed = 1,
    /// Bad usage or input.
    Usage = 2,
    /// Another run holds the data directory.
    Locked = 3,
    /// The run finished, but some sources could not be read.
    Partial = 4,
}

/// Sizes the process's threads; call it first thing in `main`, before any thread starts.
///
/// The sentence encoder runs one batch per core on its own threads, and candle's matrix
/// kernels are fastest single-threaded there (see
/// [`use_single_threaded_kernels`](crate::analyze::embed::use_single_threaded_kernels));
/// rayon's global pool is then built with the real thread count, so everything else keeps
/// using every core (or `RAYON_NUM_THREADS` when set). `parallel_kernels` keeps candle's
/// kernels on every core instead: training runs one batch at a time
/// ([`Cli::parallel_kernels`]).
///
/// # Safety
/// Sets an environment variable: no other thread may exist yet.
pub unsafe fn prepare_threads(parallel_kernels: bool) {
    if parallel_kernels {
        return; // rayon's and candle's defaults: every core, or RAYON_NUM_THREADS.
    }
    // SAFETY: forwarded to the caller.
    let threads = unsafe { crate::analyze::embed::use_single_threaded_kernels() };
    // Fails only when the pool exists already, which then keeps its size.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global();
}

/// Runs a parsed command line and prints its output; errors are printed once, here.
pub fn main(cli: Cli) -> ExitCode {
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsmine: {e}");
            match e {
                Error::Locked { .. } => Exit::Locked,
                ref e if e.is_usage() => Exit::Usage,
                _ => Exit::Failed,
            }
        }
    };
    ExitCode::from(code as u8)
}

fn dispatch(cli: Cli) -> Result<Exit> {
    use cli::Command;
    // `extract` works on a file given on the command line and needs no configuration.
    if let Command::Extract { file, url, json } = &cli.command {
        return commands::extract(file, url.as_deref(), *json);
    }
    let config = load_config(&cli)?;
    match cli.command {
        Command::Run { no_progress } => {
            let opts = nightly::RunOptions { progress: !no_progress && std::io::stderr().is_terminal() };
            let (report, path) = nightly::run(&config, &opts)?;
            println!("{}", report.summary(&path.display().to_string()));
            Ok(if report.status == "ok" { Exit::Ok } else { Exit::Partial })
        }
        Command::Crawl { url, kind, allow_private, max_pages, max_depth, no_progress } => {
            let source = commands::one_off_source(&url, kind, allow_private, max_pages, max_depth)?;
            let opts = nightly::RunOptions { progress: !no_progress && std::io::stderr().is_terminal() };
            let (report, path) = nightly::run_sources(&config, std::slice::from_ref(&source), &opts)?;
            println!("{}", report.summary(&path.display().to_string()));
            Ok(if report.status == "ok" { Exit::Ok } else { Exit::Partial })
        }
        Command::Stats { json } => commands::stats(&config, json),
        Command::Search { query, regions, sectors, from, to, limit, sort, json, semantic, hybrid } => {
            let sort = match sort {
                cli::SortArg::Relevance => crate::index::Sort::Relevance,
                cli::SortArg::Newest => crate::index::Sort::Newest,
                cli::SortArg::Oldest => crate::index::Sort::Oldest,
            };
            let req = crate::index::SearchRequest { query, regions, sectors, from, to, limit, sort };
            match (semantic, hybrid) {
                (true, _) => search::search(&config, req, search::Mode::Semantic, json),
                (_, true) => search::search(&config, req, search::Mode::Hybrid, json),
                _ => commands::search(&config, req, json),
            }
        }
        Command::Similar { id, limit, json } => search::similar(&config, &id, limit, json),
        Command::Show { id, raw, json } => commands::show(&config, &id, raw, json),
        Command::Claims { region, sector, status, text, limit, json } => {
            let filter = claims_cmd::ClaimFilter {
                region: region.map(|r| r.to_string()),
                sector: sector.map(|s| s.to_string()),
                status,
                text,
                limit,
            };
            claims_cmd::list(&config, &filter, json)
        }
        Command::Claim { id, json } => claims_cmd::show(&config, &id, json),
        Command::Export { format, output } => {
            let format = match format {
                cli::ExportArg::Json => claims_cmd::ExportFormat::Json,
                cli::ExportArg::Csv => claims_cmd::ExportFormat::Csv,
                cli::ExportArg::Claimreview => claims_cmd::ExportFormat::ClaimReview,
            };
            claims_cmd::export(&config, format, output.as_deref())
        }
        Command::Correct { action } => claims_pass::correct(&config, action),
        Command::Analyze { input, output } => commands::analyze(&config, &input, &output),
        Command::Eval { gold, pairs, json, misses } => {
            if let Some(gold) = gold {
                eval_cmd::eval(&config, &gold, json, misses)?;
            }
            match pairs {
                Some(pairs) => eval_cmd::eval_pairs(&config, &pairs, json),
                None => Ok(Exit::Ok),
            }
        }
        Command::Reindex => commands::reindex(&config),
        Command::Serve { addr } => serve_cmd::serve(config, addr),
        Command::TrainCommitments { gold, output } => eval_cmd::train_commitments(&gold, &output),
        Command::TrainEncoder { gold, output, base, epochs, if_stale } => {
            let base = base.or_else(|| config.embed_model.clone()).ok_or_else(|| Error::Usage("no base model: give --base DIR or set `[embed] model` in the configuration".into()))?;
            encoder_cmd::train_encoder(&gold, &output, &base, epochs, if_stale)
        }
        Command::TrainSectorEncoder { gold, output, base, epochs, if_stale } => {
            let base = base.or_else(|| config.embed_model.clone()).ok_or_else(|| Error::Usage("no base model: give --base DIR or set `[embed] model` in the configuration".into()))?;
            encoder_cmd::train_sector_encoder(&config, &gold, &output, &base, epochs, if_stale)
        }
        Command::Extract { .. } => unreachable!("handled above"),
    }
}

fn load_config(cli: &Cli) -> Result<Config> {
    let mut config = Config::load(&cli.config)?;
    if let Some(dir) = &cli.data_dir {
        config.data_dir = dir.clone();
    }
    Ok(config)
}

fn read_config_file(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })
}

/// The rules alone, from the gazetteer and taxonomy the configuration names: what commands that
/// only need the region and sector ids load (no model file is read).
pub(crate) fn load_rules(config: &Config) -> Result<Analyzer> {
    Ok(Analyzer::new(&read_config_file(&config.gazetteer)?, &read_config_file(&config.taxonomy)?)?)
}

/// Loads the analyzer as configured: the rules, and the learned models the configuration names.
pub(crate) fn load_analyzer(config: &Config) -> Result<Analyzer> {
    let read = read_config_file;
    let analyzer = load_rules(config)?;
    let analyzer = match &config.commitment_model {
        Some(path) => analyzer.with_commitment_model(&read(path)?)?,
        None => analyzer,
    };
    let base = |key: &str| {
        config.embed_model.as_ref().ok_or_else(|| {
            Error::Usage(format!("`{key}` reads sentences with the base model of `[embed] model`: set both, or neither"))
        })
    };
    let analyzer = match &config.commitment_encoder {
        Some(dir) => {
            let encoder = crate::analyze::learned::encoder::EncoderModel::load(base("commitment_encoder")?, dir)?;
            analyzer.with_commitment_encoder(encoder)
        }
        None => analyzer,
    };
    Ok(match &config.sector_encoder {
        Some(dir) => {
            let encoder = crate::analyze::learned::sectors::SectorEncoder::load(base("sector_encoder")?, dir)?;
            analyzer.with_sector_encoder(encoder)?
        }
        None => analyzer,
    })
}

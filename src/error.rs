//! The library's error: one variant per stage, each wrapping that stage's own error type.

use crate::{archive, config, crawl, index, store};

/// Anything that can stop a newsmine command. Per-record problems (a bad JSONL line, a corrupt
/// WARC record, a page that does not extract) are not errors: they are counted in the run
/// report and the run goes on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file is missing or invalid.
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    /// A JSON Lines input could not be opened.
    #[error(transparent)]
    Jsonl(#[from] crawl::jsonl::JsonlFileError),
    /// A WARC file could not be opened or a stored location could not be read back.
    #[error(transparent)]
    Archive(#[from] archive::ArchiveError),
    /// The analyzer's gazetteer or taxonomy could not be loaded.
    #[error(transparent)]
    Analyze(#[from] crate::analyze::AnalyzeError),
    /// The sentence encoder could not be loaded (its files are missing or damaged) or failed.
    #[error(transparent)]
    Embed(#[from] crate::analyze::embed::EmbedError),
    /// The fine-tuned commitment classifier could not be loaded, trained or run.
    #[error(transparent)]
    Encoder(#[from] crate::analyze::learned::encoder::EncoderError),
    /// The crawler could not run (its client, its runtime, or its state or archive sinks).
    #[error(transparent)]
    Crawl(#[from] crawl::engine::CrawlError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The index failed, or a query was malformed.
    #[error(transparent)]
    Index(#[from] index::IndexError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Another `newsmine run` holds the data directory.
    #[error("another newsmine run is using {path}; wait for it to finish (the lock is released when it exits)")]
    Locked {
        /// The lock file.
        path: std::path::PathBuf,
    },
    /// The command line asked for something that cannot be done.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Whether the error is the user's input (exit status 2) rather than a failure (1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage(_) | Error::Index(index::IndexError::BadQuery { .. }) | Error::Config(_))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! The command line: every flag is documented where it is defined, and parsing only validates.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{RegionId, SectorId};

/// newsmine: regional-development news, tagged with the regions, sectors and commitments it
/// reports, searchable by journalists and fact-checkers.
///
/// Exit status: 0 success; 1 failure; 2 bad usage or input (unknown flag, malformed query,
/// invalid configuration); 3 another run holds the data directory; 4 the run finished but some
/// sources could not be read.
#[derive(Debug, Parser)]
#[command(name = "newsmine", version, max_term_width = 100)]
pub struct Cli {
    /// Configuration file; relative paths inside it are resolved against its directory.
    #[arg(long, global = true, default_value = "config/newsmine.toml", env = "NEWSMINE_CONFIG")]
    pub config: PathBuf,
    /// Data directory (database, index, run reports); overrides the configuration's `data_dir`.
    #[arg(long, global = true, env = "NEWSMINE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Whether the command wants candle's matrix kernels on every core (training, which runs
    /// one batch at a time) rather than one core per batch (encoding many texts).
    pub fn parallel_kernels(&self) -> bool {
        matches!(self.command, Command::TrainEncoder { .. } | Command::TrainSectorEncoder { .. })
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The nightly job: read every configured source, extract, analyze, store and index what is
    /// new or changed. Safe to rerun and to kill: the next run finishes the work without duplicates.
    Run {
        /// Never draw progress bars (they are drawn only on a terminal anyway).
        #[arg(long)]
        no_progress: bool,
    },
    /// Crawl one URL now, through the same pipeline as `run`, as a one-off source named after its
    /// host: a feed, a sitemap, or a site (start page, its feeds, its sitemaps and in-site links).
    Crawl {
        /// The URL (http or https).
        url: String,
        /// What the URL is; told from the response when not given.
        #[arg(long, value_enum)]
        kind: Option<CrawlKind>,
        /// Allow targets on loopback and private networks (test servers, intranets).
        #[arg(long)]
        allow_private: bool,
        /// Fetch at most this many pages (feeds, sitemaps and robots.txt not counted).
        #[arg(long, value_name = "N")]
        max_pages: Option<usize>,
        /// Follow in-site links at most this many steps from the URL (sites only).
        #[arg(long, default_value_t = crate::crawl::settings::DEFAULT_MAX_DEPTH)]
        max_depth: u32,
        /// Never draw progress bars.
        #[arg(long)]
        no_progress: bool,
    },
    /// Counts of stored articles per source, region and sector.
    Stats {
        /// Print JSON: {"articles", "sources", "regions", "sectors", ...}.
        #[arg(long)]
        json: bool,
    },
    /// Search the index.
    ///
    /// QUERY uses tantivy's syntax over titles and bodies: words (all must match), "exact
    /// phrases", AND, OR, NOT, field:term (fields: title, body, author, url, source, region,
    /// sector, language, ref, published). An empty query or * matches every article.
    Search {
        /// The query.
        query: String,
        /// Only articles tagged with this region id (repeat for any of several).
        #[arg(long = "region", value_name = "ID", value_parser = parse_region)]
        regions: Vec<RegionId>,
        /// Only articles tagged with this sector id (repeat for any of several).
        #[arg(long = "sector", value_name = "ID", value_parser = parse_sector)]
        sectors: Vec<SectorId>,
        /// Only articles published on or after this day (YYYY-MM-DD); undated articles are left out.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Only articles published on or before this day (YYYY-MM-DD); undated articles are left out.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<NaiveDate>,
        /// How many hits to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Order of the hits.
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
        /// Print JSON: {"total", "hits": [...], "facets": {...}}.
        #[arg(long)]
        json: bool,
        /// Rank by meaning: cosine similarity between the query's sentence embedding and each
        /// article's (title and lead), so "internet access in the countryside" finds "broadband
        /// for 200 villages". The query is plain text (no operators); every article passing the
        /// filters is ranked. Needs the `[embed]` model and a run that stored the vectors.
        #[arg(long, conflicts_with_all = ["sort", "hybrid"])]
        semantic: bool,
        /// Rank by keywords and meaning together: reciprocal rank fusion (k = 60) of the BM25
        /// ranking of QUERY and the --semantic ranking.
        #[arg(long, conflicts_with = "sort")]
        hybrid: bool,
    },
    /// The articles nearest in meaning to one article (cosine similarity of their title-and-lead
    /// embeddings), most similar first.
    Similar {
        /// The article id (as printed by search).
        id: String,
        /// How many articles to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON, as `search --json` does.
        #[arg(long)]
        json: bool,
    },
    /// Tag texts: JSON Lines in ({"id", "text", "published"?}), JSON Lines out (regions with
    /// mentions, sectors with scores, commitments with their slots). Bad lines are reported on
    /// stderr with their number and skipped.
    Analyze {
        /// Input file, or - for standard input.
        #[arg(long, default_value = "-")]
        input: String,
        /// Output file, or - for standard output.
        #[arg(long, default_value = "-")]
        output: String,
    },
    /// Extract the article from one HTML file and print it.
    Extract {
        /// The HTML file.
        file: PathBuf,
        /// The page's URL, to resolve relative links such as rel=canonical.
        #[arg(long)]
        url: Option<String>,
        /// Print JSON: {"title", "authors", "published", "language", "text", "canonical_url"}.
        #[arg(long)]
        json: bool,
    },
    /// Measure the tagger on labelled articles: precision, recall and F1 for regions, sectors
    /// and commitment sentences, slot accuracy on matched commitments, and the worst misses.
    Eval {
        /// Gold file: JSON Lines {"id", "text", "published"?, "regions", "sectors", "commitments": [{"sentence", ...}]}.
        #[arg(long, required_unless_present = "pairs")]
        gold: Option<PathBuf>,
        /// Labelled commitment pairs (JSON Lines {"a": {"article", "sentence"}, "b": {...}, "same"}):
        /// prints the claim linker's pairwise precision, recall and F1. Article texts come from
        /// the configured JSON Lines sources.
        #[arg(long)]
        pairs: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// How many misses of each kind to list.
        #[arg(long, default_value_t = 10)]
        misses: usize,
    },
    /// Train the learned commitment-sentence model on gold files and write it (the file that
    /// `commitment_model` in the configuration names). Deterministic: the same gold files give
    /// the same model file.
    TrainCommitments {
        /// Gold files to learn from (JSON Lines, as for `eval --gold`); repeat for several.
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "config/commitment-model.tsv")]
        output: PathBuf,
    },
    /// Fine-tune the commitment classifier (the top layers of all-MiniLM-L6-v2 and a head) on
    /// gold files and write it to a directory (the one `commitment_encoder` in the configuration
    /// names). `make run` and `make test` run it: the weights are made here, never committed.
    TrainEncoder {
        /// Gold files to learn from (JSON Lines, as for `eval --gold`); repeat for several.
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// The directory to write (weights.safetensors and about.json).
        #[arg(long, default_value = "models/commitment-encoder")]
        output: PathBuf,
        /// The base model directory [default: `[embed] model` of the configuration].
        #[arg(long)]
        base: Option<PathBuf>,
        /// Passes over the training sentences.
        #[arg(long, default_value_t = 2)]
        epochs: usize,
        /// Do nothing when OUTPUT already holds a model trained on these gold files, this base,
        /// this many epochs, the same threshold and training recipe.
        #[arg(long)]
        if_stale: bool,
    },
    /// Fine-tune the sector classifier (the top layers of all-MiniLM-L6-v2 and a head of one
    /// logit per sector) on gold files' article sectors and write it to a directory (the one
    /// `sector_encoder` in the configuration names). `make run` and `make test` run it.
    TrainSectorEncoder {
        /// Gold files to learn from (JSON Lines, as for `eval --gold`); repeat for several.
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// The directory to write (weights.safetensors and about.json).
        #[arg(long, default_value = "models/sector-encoder")]
        output: PathBuf,
        /// The base model directory [default: `[embed] model` of the configuration].
        #[arg(long)]
        base: Option<PathBuf>,
        /// Passes over the training articles.
        #[arg(long, default_value_t = 2)]
        epochs: usize,
        /// Do nothing when OUTPUT already holds a model trained on these gold files, this base,
        /// the taxonomy's sectors, this many epochs, the same threshold and training recipe.
        #[arg(long)]
        if_stale: bool,
    },
    /// List claims: commitments from different articles that are the same undertaking.
    Claims {
        /// Only claims in this region.
        #[arg(long, value_name = "ID", value_parser = parse_region)]
        region: Option<RegionId>,
        /// Only claims of this sector.
        #[arg(long, value_name = "ID", value_parser = parse_sector)]
        sector: Option<SectorId>,
        /// Only claims with this status: announced, in_progress, delivered, delayed, overdue, cancelled, unclear.
        #[arg(long, value_parser = parse_status)]
        status: Option<String>,
        /// Only claims whose sentences contain all these words.
        #[arg(long, value_name = "WORDS")]
        text: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON: {"claims": [{"id", "title", "actor", "regions", "sector", "first_seen", "last_seen", "deadline", "status", "articles"}]}.
        #[arg(long)]
        json: bool,
    },
    /// One claim with its timeline: every article that promised, restated, delayed or reported
    /// it, in date order, with the sentences and where the pages are archived.
    Claim {
        /// The claim id (c-...).
        id: String,
        /// Print JSON, with "timeline": [{"date", "source", "url", "text", "kind", "archived"}].
        #[arg(long)]
        json: bool,
    },
    /// Correct the machine's claims; corrections are kept apart and survive re-analysis.
    Correct {
        /// The correction.
        #[command(subcommand)]
        action: CorrectAction,
    },
    /// Export claims and timelines.
    Export {
        /// csv (one row per timeline entry), json, or claimreview (schema.org JSON-LD for claims
        /// whose status a fact-checker set).
        #[arg(long, value_enum, default_value_t = ExportArg::Json)]
        format: ExportArg,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Show one stored article with its tags.
    Show {
        /// The article id (as printed by search).
        id: String,
        /// Print the archived page exactly as it was received instead.
        #[arg(long)]
        raw: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the index from the database (after an index format change or damage).
    Reindex,
    /// Serve the data directory read-only over HTTP, as JSON: search (keyword, semantic,
    /// hybrid), articles with their tags and archived pages, similar articles, claims with their
    /// timelines, and stats. `GET /` lists the routes; each answers with the JSON of the command
    /// it mirrors. Safe beside a running `newsmine run`: every request reads the latest commit.
    Serve {
        /// Address and port to listen on (port 0: any free port, printed at start).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

/// A correction to the claims.
#[derive(Debug, Subcommand)]
pub enum CorrectAction {
    /// Merge claim FROM into claim INTO.
    Merge {
        /// The claim that stays.
        into: String,
        /// The claim merged into it.
        from: String,
        /// Why (kept with the correction).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Split the given commitments (keys as `newsmine claim ID --json` shows) out of their claim
    /// into a claim of their own.
    Split {
        /// Commitment keys (article:hash).
        #[arg(required = true)]
        keys: Vec<String>,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Detach one commitment from its claim, for good.
    Detach {
        /// Commitment key (article:hash).
        key: String,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Set a claim's status by hand, with a note (published as ClaimReview by `export`).
    Status {
        /// The claim id.
        id: String,
        /// announced, in_progress, delivered, delayed, overdue, cancelled or unclear.
        #[arg(value_parser = parse_status)]
        status: String,
        /// The fact-checker's explanation.
        #[arg(long, required = true)]
        note: String,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportArg {
    /// JSON.
    Json,
    /// CSV.
    Csv,
    /// schema.org ClaimReview JSON-LD.
    Claimreview,
}

pub(super) fn parse_status(s: &str) -> Result<String, String> {
    crate::claims::ClaimStatus::parse(s)
        .map(|st| st.as_str().to_owned())
        .ok_or_else(|| format!("`{s}` is not a status: use announced, in_progress, delivered, delayed, overdue, cancelled or unclear"))
}

/// What `newsmine crawl` is pointed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrawlKind {
    /// An RSS, Atom or JSON feed.
    Feed,
    /// A sitemap or sitemap index.
    Sitemap,
    /// A site: the URL is its start page.
    Site,
}

/// Hit order for `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Latest publication first.
    Newest,
    /// Earliest publication first.
    Oldest,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2023-01-31"))
}

fn parse_region(s: &str) -> Result<RegionId, String> {
    RegionId::parse(s).map_err(|e| e.to_string())
}

fn parse_sector(s: &str) -> Result<SectorId, String> {
    SectorId::parse(s).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_and_ids_are_validated_while_parsing() {
        assert!(Cli::try_parse_from(["newsmine", "search", "x", "--from", "2023-13-01"]).is_err());
        assert!(Cli::try_parse_from(["newsmine", "search", "x", "--region", "Kyzylorda Region"]).is_err());
        let cli = Cli::try_parse_from(["newsmine", "search", "x", "--region", "kyzylorda", "--region", "pavlodar"]).unwrap();
        match cli.command {
            Command::Search { regions, .. } => assert_eq!(regions.len(), 2),
            _ => unreachable!(),
        }
    }

    #[test]
    fn search_modes_exclude_each_other_and_date_order() {
        assert!(Cli::try_parse_from(["newsmine", "search", "x", "--semantic", "--hybrid"]).is_err());
        assert!(Cli::try_parse_from(["newsmine", "search", "x", "--semantic", "--sort", "newest"]).is_err());
        let cli = Cli::try_parse_from(["newsmine", "search", "x", "--hybrid", "--region", "kyzylorda"]).unwrap();
        assert!(matches!(cli.command, Command::Search { hybrid: true, semantic: false, .. }));
        let cli = Cli::try_parse_from(["newsmine", "similar", "0123456789abcdef", "--limit", "3"]).unwrap();
        assert!(matches!(cli.command, Command::Similar { limit: 3, json: false, .. }));
    }
}

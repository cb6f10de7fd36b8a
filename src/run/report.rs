//! The run report: what a run read, stored, skipped and why; written as JSON to
//! `<data_dir>/runs/` and summarised in one line.

use std::collections::BTreeMap;

use serde::Serialize;

/// How many problems of one kind are kept verbatim in the report (the count is always exact).
const KEPT_MESSAGES: usize = 50;

/// Everything one `newsmine run` did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct RunReport {
    /// The run's number in the database.
    pub run: i64,
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When it ended (RFC 3339).
    pub finished_at: String,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// `ok`, or `partial` when a source could not be read at all.
    pub status: String,
    /// Wall-clock seconds per pass: `crawl`, `ingest`, `analyze`, `embed`, `claims`, `index`.
    pub pass_seconds: BTreeMap<String, f64>,
    /// Per configured source.
    pub sources: BTreeMap<String, SourceReport>,
    /// Articles (re-)analysed by this run.
    pub analyzed: u64,
    /// Articles (re-)indexed by this run.
    pub indexed: u64,
    /// Articles in the database after the run.
    pub articles_stored: u64,
    /// Documents in the index after the run.
    pub articles_in_index: u64,
    /// The analyzer version the analyses were made with.
    pub analyzer_version: String,
    /// Whether the index was created (or rebuilt) from scratch in this run.
    pub index_rebuilt: bool,
    /// What the claims pass produced.
    pub claims: super::claims_pass::ClaimsOutcome,
    /// What the embed pass encoded (absent when no model is configured).
    pub embed: Option<super::embed_pass::EmbedOutcome>,
}

/// What one source yielded.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SourceReport {
    /// The source kind (`warc`, `jsonl`).
    pub kind: String,
    /// Input files found.
    pub inputs: u64,
    /// Input files skipped because a previous run read them unchanged.
    pub inputs_unchanged: u64,
    /// Article candidates read: HTML pages of WARC files, lines of JSON Lines files.
    pub candidates: u64,
    /// WARC records that are not article candidates (feeds, sitemaps, robots.txt, error
    /// responses, other media types); archived, not extracted.
    pub other_records: u64,
    /// Articles stored for the first time.
    pub new: u64,
    /// Articles whose stored content changed.
    pub updated: u64,
    /// Articles read again with the same content.
    pub unchanged: u64,
    /// Candidates that did not become articles, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// The first problems, verbatim (file, line or offset, message).
    pub problems: Vec<String>,
    /// Set when the source could not be read at all.
    pub failed: Option<String>,
    /// Live sources: what the crawler fetched, by outcome.
    pub crawl: Option<crate::crawl::engine::CrawlReport>,
}

impl SourceReport {
    /// Counts a skipped candidate and keeps its message.
    pub fn skip(&mut self, reason: &str, message: Option<String>) {
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
        if let Some(m) = message {
            if self.problems.len() < KEPT_MESSAGES {
                self.problems.push(m);
            }
        }
    }

    /// All candidates skipped, whatever the reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

impl RunReport {
    /// The one line printed at the end of a run.
    pub fn summary(&self, report_path: &str) -> String {
        let sum = |f: fn(&SourceReport) -> u64| self.sources.values().map(f).sum::<u64>();
        let failed: Vec<&str> = self
            .sources
            .iter()
            .filter(|(_, s)| s.failed.is_some())
            .map(|(n, _)| n.as_str())
            .collect();
        let mut line = format!(
            "run {}: {} articles indexed ({} new, {} updated, {} unchanged, {} skipped) in {:.1}s; the index holds {} articles; {} claims ({} across several articles); report {}",
            self.run,
            self.indexed,
            sum(|s| s.new),
            sum(|s| s.updated),
            sum(|s| s.unchanged),
            sum(SourceReport::skipped_total),
            self.seconds,
            self.articles_in_index,
            self.claims.claims,
            self.claims.multi_article,
            report_path
        );
        let crawls: Vec<&crate::crawl::engine::CrawlReport> = self.sources.values().filter_map(|s| s.crawl.as_ref()).collect();
        if !crawls.is_empty() {
            let mut outcomes: BTreeMap<&str, u64> = BTreeMap::new();
            for c in &crawls {
                for (k, v) in &c.outcomes {
                    *outcomes.entry(k.as_str()).or_default() += v;
                }
            }
            let requests: u64 = crawls.iter().map(|c| c.requests).sum();
            let parts: Vec<String> = outcomes.iter().map(|(k, v)| format!("{v} {k}")).collect();
            line.push_str(&format!("; crawled: {requests} requests ({})", parts.join(", ")));
            for note in crawls.iter().flat_map(|c| c.notes.iter()).take(3) {
                line.push_str(&format!("; {note}"));
            }
        }
        if !failed.is_empty() {
            line.push_str(&format!("; FAILED sources: {}", failed.join(", ")));
        }
        line
    }
}

//! The configuration file, `config/newsmine.toml`: where data lives and which sources to read.
//!
//! Relative paths inside the file are resolved against the file's own directory, so the
//! nightly job behaves the same whatever directory it is started from.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::crawl::settings::{CrawlSettings, DEFAULT_MAX_DEPTH, HostPoliteness};
use crate::crawl::{Source, SourceKind};
use crate::domain::SourceName;

/// The data directory used when neither `--data-dir` nor the file sets one (relative to the
/// working directory).
pub const DEFAULT_DATA_DIR: &str = "data";
/// The gazetteer file name looked up next to the configuration file by default.
pub const DEFAULT_GAZETTEER: &str = "gazetteer.toml";
/// The sector taxonomy file name looked up next to the configuration file by default.
pub const DEFAULT_TAXONOMY: &str = "sectors.toml";

/// A configuration that cannot be used; the message names the file and the fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file {path}: {source} (pass --config PATH to use another file)")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("configuration file {path} is invalid: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A source entry is incomplete or inconsistent.
    #[error("configuration file {path}: source `{source_name}`: {message}")]
    Source {
        /// The file.
        path: PathBuf,
        /// The source's name.
        source_name: String,
        /// What is wrong and what to write instead.
        message: String,
    },
}

/// The loaded configuration, with every path resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the database, the index and the run reports live.
    pub data_dir: PathBuf,
    /// The gazetteer the region tagger reads.
    pub gazetteer: PathBuf,
    /// The sector taxonomy the sector tagger reads.
    pub taxonomy: PathBuf,
    /// The learned commitment-sentence model (`commitment_model`), a second opinion on the
    /// sentences the rules turn down; `None`: rules only.
    pub commitment_model: Option<PathBuf>,
    /// The fine-tuned commitment classifier's directory (`commitment_encoder`, made by
    /// `newsmine train-encoder`); it reads sentences with the base model of `[embed] model`.
    /// `None`: no classifier.
    pub commitment_encoder: Option<PathBuf>,
    /// The fine-tuned sector classifier's directory (`sector_encoder`, made by
    /// `newsmine train-sector-encoder`); it reads sentences with the base model of
    /// `[embed] model`. `None`: the taxonomy's rules alone.
    pub sector_encoder: Option<PathBuf>,
    /// The enabled sources, in file order.
    pub sources: Vec<Source>,
    /// The crawler's settings (`[crawl]`).
    pub crawl: CrawlSettings,
    /// The sentence-embedding model directory (`[embed] model`); `None` turns embeddings, and
    /// with them semantic search, off.
    pub embed_model: Option<PathBuf>,
}

/// The `[embed]` table: where the sentence encoder's files are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbedEntry {
    model: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data_dir: Option<PathBuf>,
    gazetteer: Option<PathBuf>,
    taxonomy: Option<PathBuf>,
    commitment_model: Option<PathBuf>,
    commitment_encoder: Option<PathBuf>,
    sector_encoder: Option<PathBuf>,
    #[serde(default, rename = "source")]
    sources: Vec<SourceEntry>,
    #[serde(default)]
    crawl: CrawlSettings,
    #[serde(default)]
    embed: EmbedEntry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    name: String,
    kind: String,
    path: Option<String>,
    url: Option<String>,
    start_urls: Option<Vec<String>>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    max_depth: Option<u32>,
    max_pages: Option<usize>,
    #[serde(default)]
    allow_private: bool,
    politeness: Option<HostPoliteness>,
    #[serde(default = "yes")]
    enabled: bool,
}

fn yes() -> bool {
    true
}

impl Config {
    /// Reads and validates the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_toml(&text, path)
    }

    /// Parses configuration text; `path` is where it came from (for messages and for
    /// resolving relative paths).
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let resolve = |p: &Path| if p.is_absolute() { p.to_owned() } else { clean(&base.join(p)) };
        let mut sources = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in file.sources {
            let bad = |message: String| ConfigError::Source {
                path: path.to_owned(),
                source_name: entry.name.clone(),
                message,
            };
            let name = SourceName::parse(&entry.name).map_err(|e| bad(e.to_string()))?;
            if !seen.insert(name.clone()) {
                return Err(bad("the name is used by another source; names must be unique".into()));
            }
            let need_path = || {
                entry
                    .path
                    .as_deref()
                    .map(|p| resolve(Path::new(p)))
                    .ok_or_else(|| bad(format!("kind `{}` needs `path = \"...\"`", entry.kind)))
            };
            let parse_url = |u: &str| -> Result<url::Url, ConfigError> {
                let parsed = url::Url::parse(u).map_err(|e| bad(format!("`{u}` is not a URL: {e}")))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(bad(format!("`{u}`: only http and https URLs can be crawled")));
                }
                Ok(parsed)
            };
            let need_url = || match entry.url.as_deref() {
                Some(u) => parse_url(u),
                None => Err(bad(format!("kind `{}` needs `url = \"https://...\"`", entry.kind))),
            };
            let live = matches!(entry.kind.as_str(), "feed" | "sitemap" | "site");
            if !live && (entry.url.is_some() || entry.allow_private || entry.politeness.is_some() || entry.max_pages.is_some()) {
                return Err(bad(format!("kind `{}` reads files: `url`, `allow_private`, `politeness` and `max_pages` apply to feed, sitemap and site sources", entry.kind)));
            }
            if entry.kind != "site" && (entry.start_urls.is_some() || !entry.include.is_empty() || !entry.exclude.is_empty() || entry.max_depth.is_some()) {
                return Err(bad("`start_urls`, `include`, `exclude` and `max_depth` apply to `site` sources only".into()));
            }
            let kind = match entry.kind.as_str() {
                "warc" => SourceKind::Warc { pattern: need_path()?.to_string_lossy().into_owned() },
                "jsonl" => SourceKind::Jsonl { path: need_path()? },
                "feed" => SourceKind::Feed { url: need_url()? },
                "sitemap" => SourceKind::Sitemap { url: need_url()? },
                "site" => {
                    let mut start_urls = Vec::new();
                    for u in entry.start_urls.iter().flatten().chain(entry.url.iter()) {
                        start_urls.push(parse_url(u)?);
                    }
                    if start_urls.is_empty() {
                        return Err(bad("kind `site` needs `start_urls = [\"https://...\"]` (or `url`)".into()));
                    }
                    for pattern in entry.include.iter().chain(&entry.exclude) {
                        regex::Regex::new(pattern).map_err(|e| bad(format!("pattern `{pattern}` is not a regular expression: {e}")))?;
                    }
                    SourceKind::Site {
                        start_urls,
                        include: entry.include.clone(),
                        exclude: entry.exclude.clone(),
                        max_depth: entry.max_depth.unwrap_or(DEFAULT_MAX_DEPTH),
                    }
                }
                other => {
                    return Err(bad(format!(
                        "unknown kind `{other}`: use jsonl or warc (files), or feed, sitemap or site (crawled)"
                    )));
                }
            };
            if entry.enabled {
                sources.push(Source {
                    name,
                    kind,
                    allow_private: entry.allow_private,
                    max_pages: entry.max_pages,
                    politeness: entry.politeness.clone(),
                });
            }
        }
        Ok(Config {
            data_dir: file.data_dir.map(|d| resolve(&d)).unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR)),
            gazetteer: resolve(file.gazetteer.as_deref().unwrap_or(Path::new(DEFAULT_GAZETTEER))),
            taxonomy: resolve(file.taxonomy.as_deref().unwrap_or(Path::new(DEFAULT_TAXONOMY))),
            commitment_model: file.commitment_model.map(|m| resolve(&m)),
            commitment_encoder: file.commitment_encoder.map(|m| resolve(&m)),
            sector_encoder: file.sector_encoder.map(|m| resolve(&m)),
            sources,
            crawl: file.crawl,
            embed_model: file.embed.model.map(|m| resolve(&m)),
        })
    }
}

/// Removes `.` and `name/..` pairs without touching the file system, so paths print as
/// `data/runs/...` rather than `config/../data/runs/...`.
fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(text, Path::new("/etc/newsmine/newsmine.toml"))
    }

    #[test]
    fn relative_paths_resolve_against_the_file() {
        let c = load("data_dir = \"../data\"\n[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"a.jsonl\"\n").unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/etc/data"));
        assert_eq!(c.gazetteer, PathBuf::from("/etc/newsmine/gazetteer.toml"));
        assert_eq!(c.sources[0].kind, SourceKind::Jsonl { path: "/etc/newsmine/a.jsonl".into() });
    }

    #[test]
    fn paths_are_cleaned_lexically() {
        assert_eq!(clean(Path::new("config/../data")), PathBuf::from("data"));
        assert_eq!(clean(Path::new("../x/./y")), PathBuf::from("../x/y"));
        assert_eq!(clean(Path::new("a/..")), PathBuf::from("."));
    }

    #[test]
    fn defaults_apply_when_unset() {
        let c = load("").unwrap();
        assert_eq!(c.data_dir, PathBuf::from(DEFAULT_DATA_DIR));
        assert!(c.sources.is_empty());
        assert!(c.embed_model.is_none(), "no model configured, no embeddings");
        let c = load("[embed]\nmodel = \"../models/m\"\n").unwrap();
        assert_eq!(c.embed_model, Some(PathBuf::from("/etc/models/m")));
    }

    #[test]
    fn mistakes_name_the_source_and_the_fix() {
        let e = load("[[source]]\nname = \"a\"\nkind = \"warc\"\n").unwrap_err().to_string();
        assert!(e.contains("source `a`") && e.contains("needs `path"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"ftp\"\npath = \"x\"\n").unwrap_err().to_string();
        assert!(e.contains("unknown kind `ftp`"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"feed\"\n").unwrap_err().to_string();
        assert!(e.contains("needs `url"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"feed\"\nurl = \"ftp://x.kz/feed\"\n").unwrap_err().to_string();
        assert!(e.contains("only http and https"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"site\"\nurl = \"https://x.kz/\"\nexclude = [\"(\"]\n").unwrap_err().to_string();
        assert!(e.contains("regular expression"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"x\"\nallow_private = true\n").unwrap_err().to_string();
        assert!(e.contains("apply to feed, sitemap and site"), "{e}");
        let e = load("colour = 1\n").unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"x\"\n[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"y\"\n").unwrap_err().to_string();
        assert!(e.contains("unique"), "{e}");
    }

    #[test]
    fn live_sources_and_crawl_settings() {
        let c = load(
            "[crawl]\nmin_delay_ms = 250\n\n[[source]]\nname = \"astana-times\"\nkind = \"site\"\n\
             start_urls = [\"https://astanatimes.com/\"]\nexclude = [\"/tag/\"]\nallow_private = true\n\
             [source.politeness]\nmax_concurrent_per_host = 1\n",
        )
        .unwrap();
        assert_eq!(c.crawl.host.min_delay_ms, Some(250));
        let s = &c.sources[0];
        assert!(s.is_live() && s.allow_private);
        assert_eq!(s.politeness.as_ref().unwrap().max_concurrent_per_host, Some(1));
        match &s.kind {
            SourceKind::Site { start_urls, max_depth, .. } => {
                assert_eq!(start_urls[0].as_str(), "https://astanatimes.com/");
                assert_eq!(*max_depth, DEFAULT_MAX_DEPTH);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_shipped_configuration_loads_and_documents_the_real_defaults() {
        use crate::crawl::settings::*;
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/newsmine.toml");
        let c = Config::load(&path).unwrap();
        assert_eq!(c.sources.len(), 3, "the live example source ships disabled");
        assert!(c.embed_model.as_ref().is_some_and(|m| m.ends_with("models/all-minilm-l6-v2")), "{:?}", c.embed_model);
        let k = &c.crawl;
        assert_eq!(k.user_agent(), DEFAULT_USER_AGENT);
        assert_eq!(k.global_concurrency, Some(DEFAULT_GLOBAL_CONCURRENCY));
        assert_eq!(k.host.max_concurrent_per_host, Some(DEFAULT_MAX_CONCURRENT_PER_HOST));
        assert_eq!(k.host.min_delay_ms, Some(DEFAULT_MIN_DELAY_MS));
        assert_eq!(k.connect_timeout_secs, Some(DEFAULT_CONNECT_TIMEOUT_SECS));
        assert_eq!(k.first_byte_timeout_secs, Some(DEFAULT_FIRST_BYTE_TIMEOUT_SECS));
        assert_eq!(k.total_timeout_secs, Some(DEFAULT_TOTAL_TIMEOUT_SECS));
        assert_eq!(k.max_body_mb, Some(DEFAULT_MAX_BODY_MB));
        assert_eq!(k.max_decoded_mb, Some(DEFAULT_MAX_DECODED_MB));
        assert_eq!(k.max_redirects, Some(DEFAULT_MAX_REDIRECTS));
        assert_eq!(k.max_retries, Some(DEFAULT_MAX_RETRIES));
        assert_eq!(k.backoff_base_ms, Some(DEFAULT_BACKOFF_BASE_MS));
        assert_eq!(k.backoff_max_secs, Some(DEFAULT_BACKOFF_MAX_SECS));
        assert_eq!(k.warc_rotate_mb, Some(DEFAULT_WARC_ROTATE_MB));
        let text = std::fs::read_to_string(&path).unwrap();
        let live = text.replace("enabled = false", "enabled = true");
        let c = Config::from_toml(&live, &path).unwrap();
        assert!(c.sources.iter().any(|s| s.is_live()), "the example site source is valid when enabled");
    }

    #[test]
    fn disabled_sources_are_dropped() {
        let c = load("[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"x\"\nenabled = false\n").unwrap();
        assert!(c.sources.is_empty());
    }
}

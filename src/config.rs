//! The configuration file, `config/newsmine.toml`: where data lives and which sources to read.
//!
//! Relative paths inside the file are resolved against the file's own directory, so the
//! nightly job behaves the same whatever directory it is started from.

use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    /// The enabled sources, in file order.
    pub sources: Vec<Source>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data_dir: Option<PathBuf>,
    gazetteer: Option<PathBuf>,
    taxonomy: Option<PathBuf>,
    #[serde(default, rename = "source")]
    sources: Vec<SourceEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    name: String,
    kind: String,
    path: Option<String>,
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
            let kind = match entry.kind.as_str() {
                "warc" => SourceKind::Warc { pattern: need_path()?.to_string_lossy().into_owned() },
                "jsonl" => SourceKind::Jsonl { path: need_path()? },
                other => {
                    return Err(bad(format!("unknown kind `{other}`: this build reads `warc` and `jsonl`")));
                }
            };
            if entry.enabled {
                sources.push(Source { name, kind });
            }
        }
        Ok(Config {
            data_dir: file.data_dir.map(|d| resolve(&d)).unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR)),
            gazetteer: resolve(file.gazetteer.as_deref().unwrap_or(Path::new(DEFAULT_GAZETTEER))),
            taxonomy: resolve(file.taxonomy.as_deref().unwrap_or(Path::new(DEFAULT_TAXONOMY))),
            sources,
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
    }

    #[test]
    fn mistakes_name_the_source_and_the_fix() {
        let e = load("[[source]]\nname = \"a\"\nkind = \"warc\"\n").unwrap_err().to_string();
        assert!(e.contains("source `a`") && e.contains("needs `path"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"ftp\"\npath = \"x\"\n").unwrap_err().to_string();
        assert!(e.contains("unknown kind `ftp`"), "{e}");
        let e = load("colour = 1\n").unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
        let e = load("[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"x\"\n[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"y\"\n").unwrap_err().to_string();
        assert!(e.contains("unique"), "{e}");
    }

    #[test]
    fn disabled_sources_are_dropped() {
        let c = load("[[source]]\nname = \"a\"\nkind = \"jsonl\"\npath = \"x\"\nenabled = false\n").unwrap();
        assert!(c.sources.is_empty());
    }
}

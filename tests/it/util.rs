//! The test harness: a temporary data directory, a configuration naming the test's own
//! sources, and the real `newsmine` binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use newsmine::archive::{NewRecord, RecordKind, WarcWriter};
use serde_json::Value;

/// The repository root, where `config/` and `tests/fixtures/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// One test's world: a temp dir holding its config, inputs and data directory.
pub struct World {
    pub dir: tempfile::TempDir,
    sources: Vec<String>,
    /// Extra top-level TOML (a `[crawl]` table).
    extra: String,
    /// The learned commitment model the configuration names, if any (rules only by default).
    commitment_model: Option<PathBuf>,
    /// The fine-tuned commitment encoder the configuration names, if any; it brings the
    /// `[embed]` table naming the base model with it.
    commitment_encoder: Option<PathBuf>,
    /// The fine-tuned sector encoder the configuration names, if any (with the `[embed]` table).
    sector_encoder: Option<PathBuf>,
}

/// What a command printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as JSON, failing the test with both streams shown when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Asserts the exit status, showing the output when it differs.
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit status\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

impl World {
    pub fn new() -> World {
        World { dir: tempfile::tempdir().expect("temp dir"), sources: Vec::new(), extra: String::new(), commitment_model: None, commitment_encoder: None, sector_encoder: None }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Adds a source of `kind` reading `path`.
    pub fn source(&mut self, name: &str, kind: &str, path: &Path) -> &mut Self {
        self.sources.push(format!("[[source]]\nname = \"{name}\"\nkind = \"{kind}\"\npath = \"{}\"\n", path.display()));
        self
    }

    /// Adds a source written as TOML (the `[[source]]` header is added).
    pub fn raw_source(&mut self, toml: &str) -> &mut Self {
        self.sources.push(format!("[[source]]\n{toml}\n"));
        self
    }

    /// Names a learned commitment model in the configuration (`None`: the rules alone).
    pub fn commitment_model(&mut self, path: Option<&Path>) -> &mut Self {
        self.commitment_model = path.map(Path::to_path_buf);
        self
    }

    /// Names a fine-tuned commitment encoder directory in the configuration, with the fetched
    /// all-MiniLM-L6-v2 as `[embed] model` (`None`: neither).
    pub fn commitment_encoder(&mut self, dir: Option<&Path>) -> &mut Self {
        self.commitment_encoder = dir.map(Path::to_path_buf);
        self
    }

    /// Names a fine-tuned sector encoder directory in the configuration, with the fetched
    /// all-MiniLM-L6-v2 as `[embed] model` (`None`: neither, unless a commitment encoder is named).
    pub fn sector_encoder(&mut self, dir: Option<&Path>) -> &mut Self {
        self.sector_encoder = dir.map(Path::to_path_buf);
        self
    }

    /// Sets the `[crawl]` table (the header is added).
    pub fn crawl_settings(&mut self, toml: &str) -> &mut Self {
        self.extra = format!("[crawl]\n{toml}\n");
        self
    }

    /// Writes a JSON Lines file into the world and returns its path.
    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::write(&p, content).expect("write fixture");
        p
    }

    fn config_path(&self) -> PathBuf {
        let p = self.path("newsmine.toml");
        let text = format!(
            "data_dir = \"{}\"\ngazetteer = \"{}\"\ntaxonomy = \"{}\"\n{}{}{}\n{}\n{}\n{}",
            self.path("data").display(),
            root().join("config/gazetteer.toml").display(),
            root().join("config/sectors.toml").display(),
            self.commitment_model.as_ref().map_or(String::new(), |m| format!("commitment_model = \"{}\"\n", m.display())),
            self.commitment_encoder.as_ref().map_or(String::new(), |d| format!("commitment_encoder = \"{}\"\n", d.display())),
            self.sector_encoder.as_ref().map_or(String::new(), |d| format!("sector_encoder = \"{}\"\n", d.display())),
            if self.commitment_encoder.is_some() || self.sector_encoder.is_some() {
                format!("[embed]\nmodel = \"{}\"\n", root().join("models/all-minilm-l6-v2").display())
            } else {
                String::new()
            },
            self.extra,
            self.sources.join("\n")
        );
        std::fs::write(&p, text).expect("write config");
        p
    }

    /// Runs `newsmine ARGS` with this world's configuration.
    pub fn newsmine(&self, args: &[&str]) -> Run {
        self.newsmine_with_stdin(args, None)
    }

    /// Runs `newsmine ARGS`, feeding `stdin`.
    pub fn newsmine_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let config = self.config_path();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsmine"));
        cmd.arg("--config").arg(&config).args(args).current_dir(self.dir.path());
        for (k, _) in std::env::vars() {
            if k.starts_with("NEWSMINE_") {
                cmd.env_remove(k);
            }
        }
        let out: Output = match stdin {
            None => cmd.output().expect("run newsmine"),
            Some(input) => {
                use std::io::Write;
                let mut child = cmd
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn newsmine");
                child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
                child.wait_with_output().unwrap()
            }
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The JSON report of the latest run.
    pub fn last_report(&self) -> Value {
        let dir = self.path("data/runs");
        let mut files: Vec<_> = std::fs::read_dir(&dir).expect("runs dir").map(|e| e.unwrap().path()).collect();
        files.sort();
        serde_json::from_str(&std::fs::read_to_string(files.last().expect("a report")).unwrap()).unwrap()
    }
}

/// A fixture page: its HTML and the URL and crawl date it was captured with.
pub struct Page {
    pub url: String,
    pub crawled: DateTime<Utc>,
    pub html: Vec<u8>,
}

/// The real news pages in `tests/fixtures/pages/` (see the SOURCE note there).
pub fn pages() -> Vec<Page> {
    let meta: Value = serde_json::from_str(&std::fs::read_to_string(fixture("pages/meta.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for (file, m) in meta.as_object().unwrap() {
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(fixture(&format!("pages/{file}"))).unwrap())
            .read_to_end(&mut html)
            .unwrap();
        let crawled = newsmine::domain::parse_datetime(m["crawl_date"].as_str().unwrap()).unwrap();
        out.push(Page { url: m["url"].as_str().unwrap().to_owned(), crawled, html });
    }
    out
}

/// Writes `pages` as WARC resource records with newsmine's own writer.
pub fn write_warc(path: &Path, pages: &[Page]) {
    let mut w = WarcWriter::append(path).unwrap();
    for p in pages {
        w.write(&NewRecord {
            kind: RecordKind::Resource,
            target_uri: &p.url,
            date: p.crawled,
            content_type: "text/html",
            block: &p.html,
            payload: Some(&p.html),
            extra: &[],
        })
        .unwrap();
    }
}

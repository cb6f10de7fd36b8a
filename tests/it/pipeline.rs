//! `newsmine run`: real sources in, articles stored and indexed once, problems counted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::{World, fixture, pages, write_warc};

/// A world with the press-release sample (JSONL) and the real news pages (WARC).
fn sample_world() -> World {
    let mut w = World::new();
    let warc = w.path("pages.warc.gz");
    write_warc(&warc, &pages());
    w.source("press", "jsonl", &fixture("kz-gov-press-sample.jsonl"));
    w.source("pages", "warc", &warc);
    w
}

fn all_ids(w: &World) -> Vec<String> {
    let r = w.newsmine(&["search", "*", "--limit", "1000", "--json"]).expect(0).json();
    r["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_second_run_adds_and_duplicates_nothing() {
    let w = sample_world();
    let first = w.newsmine(&["run"]).expect(0);
    assert!(first.stdout.contains("30 articles indexed (30 new"), "{}", first.stdout);
    let stats = w.newsmine(&["stats", "--json"]).expect(0).json();
    assert_eq!(stats["articles"], 30);
    assert_eq!(stats["sources"]["kz-gov-press"], 25, "the lines' own `source` field names their source");
    assert_eq!(stats["sources"]["pages"], 5);

    let second = w.newsmine(&["run"]).expect(0);
    assert!(second.stdout.contains("0 articles indexed (0 new, 0 updated, 0 unchanged"), "{}", second.stdout);
    assert_eq!(w.newsmine(&["stats", "--json"]).expect(0).json(), stats);
    let report = w.last_report();
    assert_eq!(report["sources"]["press"]["inputs_unchanged"], 1, "an unchanged file is not read again");

    let ids = all_ids(&w);
    assert_eq!(ids.len(), 30);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 30, "no duplicates in search");
}

#[test]
fn a_changed_input_is_read_again_and_updates_in_place() {
    let mut w = World::new();
    let file = w.write("a.jsonl", "{\"url\": \"https://news.kz/1\", \"text\": \"A road to Pavlodar will be repaired.\"}\n");
    w.source("a", "jsonl", &file);
    w.newsmine(&["run"]).expect(0);
    w.write("a.jsonl", "{\"url\": \"https://news.kz/1\", \"text\": \"A road to Kyzylorda will be repaired.\"}\n");
    let out = w.newsmine(&["run"]).expect(0);
    assert!(out.stdout.contains("(0 new, 1 updated"), "{}", out.stdout);
    let r = w.newsmine(&["search", "road", "--json"]).expect(0).json();
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["regions"], serde_json::json!(["kyzylorda"]));
}

#[test]
fn a_corrupt_warc_record_and_a_bad_jsonl_line_are_reported_and_skipped() {
    let mut w = World::new();
    let all = pages();
    let warc = w.path("broken.warc.gz");
    write_warc(&warc, &all[..2]);
    // A gzip member that is not gzip, and one holding a malformed WARC header, between good records.
    let mut bytes = std::fs::read(&warc).unwrap();
    bytes.extend_from_slice(&[0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xde, 0xad, 0xbe, 0xef]);
    std::fs::write(&warc, &bytes).unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, b"WARC/1.1\r\nthis is not a header\r\n\r\n").unwrap();
    let mut bytes = std::fs::read(&warc).unwrap();
    bytes.extend(enc.finish().unwrap());
    std::fs::write(&warc, &bytes).unwrap();
    let rest = w.path("rest.warc.gz");
    write_warc(&rest, &all[2..]);
    std::fs::write(&warc, [std::fs::read(&warc).unwrap(), std::fs::read(&rest).unwrap()].concat()).unwrap();

    let lines = "{\"id\": \"a\", \"text\": \"Schools will be built in Taraz by 2025.\"}\n\
                 {\"id\": \"b\", \"text\": broken\n\
                 {\"id\": \"c\", \"text\": \"A hospital opened in Aktau.\"}\n";
    let jsonl = w.write("lines.jsonl", lines);
    w.source("pages", "warc", &warc);
    w.source("lines", "jsonl", &jsonl);
    let out = w.newsmine(&["run"]).expect(0);
    assert!(out.stderr.contains("lines.jsonl:2:"), "the bad line is named: {}", out.stderr);
    assert!(out.stderr.contains("broken.warc.gz: record at offset"), "the bad record is located: {}", out.stderr);
    let report = w.last_report();
    assert_eq!(report["sources"]["lines"]["skipped"]["bad_jsonl_line"], 1);
    assert_eq!(report["sources"]["pages"]["skipped"]["corrupt_warc_record"], 2);
    let stats = w.newsmine(&["stats", "--json"]).expect(0).json();
    assert_eq!(stats["sources"]["lines"], 2);
    assert_eq!(stats["sources"]["pages"], 5, "every good page around the bad records is kept");
}

#[test]
fn an_unreadable_source_does_not_stop_the_others() {
    let mut w = World::new();
    let good = w.write("good.jsonl", "{\"text\": \"Roads will be repaired in Aktobe.\"}\n");
    w.source("missing", "warc", &w.path("nothing-here-*.warc.gz"));
    w.source("good", "jsonl", &good);
    let out = w.newsmine(&["run"]).expect(4);
    assert!(out.stdout.contains("FAILED sources: missing"), "{}", out.stdout);
    assert!(out.stderr.contains("no file matches"), "{}", out.stderr);
    assert_eq!(w.newsmine(&["stats", "--json"]).expect(0).json()["articles"], 1);
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_database() {
    let w = sample_world();
    w.newsmine(&["run"]).expect(0);
    std::fs::remove_dir_all(w.path("data/index")).unwrap();
    let err = w.newsmine(&["search", "road"]).expect(1);
    assert!(err.stderr.contains("newsmine run"), "says what to do: {}", err.stderr);
    let out = w.newsmine(&["run"]).expect(0);
    assert!(out.stdout.contains("30 articles indexed (0 new"), "{}", out.stdout);
    assert_eq!(all_ids(&w).len(), 30);
    w.newsmine(&["reindex"]).expect(0);
    assert_eq!(all_ids(&w).len(), 30);
}

#[test]
fn extracted_pages_keep_their_metadata_and_archived_original() {
    let w = sample_world();
    w.newsmine(&["run"]).expect(0);
    let r = w.newsmine(&["search", "source:pages", "--sort", "newest", "--json"]).expect(0).json();
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    let guardian = hits.iter().find(|h| h["url"].as_str().unwrap().contains("theguardian.com")).unwrap();
    assert_eq!(&guardian["published"].as_str().unwrap()[..10], "2024-02-24");
    assert!(guardian["title"].as_str().unwrap().to_lowercase().contains("valencia"), "{guardian}");
    let id = guardian["id"].as_str().unwrap();
    let raw = w.newsmine(&["show", id, "--raw"]).expect(0);
    let original = pages().into_iter().find(|p| p.url.contains("theguardian.com")).unwrap();
    assert_eq!(raw.stdout.as_bytes(), &original.html[..], "the archived page, byte for byte");
}

/// The bundled corpus run once with the shipped configuration (embeddings included), shared by
/// the tests that only read it: embedding 1,962 articles and their commitment sentences takes
/// a minute or more on two cores, too long to repeat per test.
pub struct Bundled {
    /// The shipped configuration file.
    pub config: PathBuf,
    /// The data directory of the run.
    pub data: PathBuf,
    /// The summary line of its first run.
    pub first_summary: String,
}

impl Bundled {
    /// Runs `newsmine ARGS` on the shared data directory; asserts success, returns stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsmine"))
            .arg("--config")
            .arg(&self.config)
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "newsmine {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// `newsmine ARGS --json`, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&self.run(&args)).unwrap()
    }
}

/// The shared bundled-corpus world, built on first use. It lives in cargo's temporary
/// directory for tests (`target/tmp/`), one directory per test process; directories of earlier
/// processes are removed when a new one is built.
pub fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let name = format!("bundled-corpus-{}", std::process::id());
        for old in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
            let stale = old.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().unwrap_or_default().as_secs() > 3600);
            if old.file_name().to_string_lossy().starts_with("bundled-corpus-") && old.file_name() != name.as_str() && stale {
                std::fs::remove_dir_all(old.path()).ok();
            }
        }
        let data = tmp.join(name);
        std::fs::remove_dir_all(&data).ok();
        let mut b = Bundled { config: crate::util::root().join("config/newsmine.toml"), data, first_summary: String::new() };
        b.first_summary = b.run(&["run"]);
        b
    })
}

#[test]
fn the_bundled_corpus_meets_the_nightly_contract() {
    let b = bundled();
    let summary = &b.first_summary;
    let indexed: u64 = summary.split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(indexed >= 1700, "{summary}");
    let hits = b.json(&["search", "broadband", "--region", "kyzylorda"]);
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["regions"].as_array().unwrap().iter().any(|r| r == "kyzylorda")));
    let again = b.run(&["run"]);
    assert!(again.contains(": 0 articles indexed (0 new, 0 updated"), "{again}");
    // Every article got a vector in the first run; the second encoded nothing.
    let report_path = again.rsplit("report ").next().unwrap().trim();
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report_path).unwrap()).unwrap();
    assert_eq!(report["embed"]["encoded"], 0, "a rerun with nothing new encodes nothing: {}", report["embed"]);
    assert_eq!(report["embed"]["articles"], 0);
    let first: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(b.data.join("runs/run-000001.json")).unwrap()).unwrap();
    assert_eq!(first["embed"]["articles"], first["articles_stored"], "one vector per article");
    assert!(first["embed"]["sentences"].as_u64().unwrap() > 1000, "commitment sentences too: {}", first["embed"]);
}

/// The shipped configuration without its `[embed]` table, written into `dir` with the relative
/// paths made absolute (they are relative to `config/`).
fn shipped_config_without_embeddings(dir: &Path) -> PathBuf {
    let root = crate::util::root();
    let text = std::fs::read_to_string(root.join("config/newsmine.toml")).unwrap();
    let mut out = String::new();
    let mut in_embed = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_embed = line.trim() == "[embed]";
        }
        // The encoders read sentences with the `[embed]` model: they go with it.
        if !in_embed && !line.starts_with("commitment_encoder") && !line.starts_with("sector_encoder") {
            out.push_str(line);
            out.push('\n');
        }
    }
    let has_embed_table = |t: &str| t.lines().any(|l| l.trim() == "[embed]");
    assert!(has_embed_table(&text) && !has_embed_table(&out));
    assert!(text.contains("\ncommitment_encoder = ") && !out.contains("\ncommitment_encoder"));
    assert!(text.contains("\nsector_encoder = ") && !out.contains("\nsector_encoder"));
    let config_dir = root.join("config");
    let out = out
        .replace("= \"../", &format!("= \"{}/", root.display()))
        .replace("= \"gazetteer.toml\"", &format!("= \"{}\"", config_dir.join("gazetteer.toml").display()))
        .replace("= \"sectors.toml\"", &format!("= \"{}\"", config_dir.join("sectors.toml").display()))
        .replace("= \"commitment-model.tsv\"", &format!("= \"{}\"", config_dir.join("commitment-model.tsv").display()));
    let path = dir.join("newsmine-no-embed.toml");
    std::fs::write(&path, out).unwrap();
    path
}

/// Kills while reading, analysing, linking and indexing the whole bundled corpus. The embed
/// pass is left out here (it would add two full encodings of the corpus, minutes on two cores):
/// `semantic.rs` kills runs during that pass on a part of the corpus.
#[test]
fn a_run_killed_at_any_moment_is_finished_by_the_next_without_loss_or_duplicates() {
    let w = World::new();
    let config = shipped_config_without_embeddings(w.dir.path());
    let newsmine = |data: &std::path::Path| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_newsmine"));
        c.arg("--config").arg(&config).arg("--data-dir").arg(data);
        c
    };
    let ids = |data: &std::path::Path| {
        let out = newsmine(data).args(["search", "*", "--limit", "5000", "--json"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut ids: Vec<String> = v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let reference = w.path("reference");
    assert!(newsmine(&reference).arg("run").output().unwrap().status.success());
    let want = ids(&reference);

    // Kill -9 at several moments (while reading, analysing, indexing), then let a run finish.
    let killed = w.path("killed");
    for delay_ms in [150, 700, 1500, 2500, 4000] {
        let mut child = newsmine(&killed).arg("run").stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait().unwrap();
    }
    let out = newsmine(&killed).arg("run").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = ids(&killed);
    assert_eq!(got.len(), want.len(), "same number of articles as an uninterrupted run");
    assert_eq!(got, want, "the same articles, each once");
    let stats = |d: &std::path::Path| newsmine(d).args(["stats", "--json"]).output().unwrap().stdout;
    assert_eq!(stats(&killed), stats(&reference));
}

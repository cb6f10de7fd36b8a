//! Sentence embeddings end to end: `search --semantic`, `search --hybrid` and `similar` on the
//! bundled corpus, the keyword filters applied to semantic ranking, the message when the model
//! is missing, and runs killed during the embed pass.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::pipeline::bundled;
use crate::util::root;

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().expect("hits array")
}

fn ids(v: &Value) -> Vec<String> {
    hits(v).iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

/// The stored text of an article, lower-cased.
fn text_of(id: &str) -> String {
    let v = bundled().json(&["show", id]);
    format!("{} {}", v["article"]["title"].as_str().unwrap_or(""), v["article"]["text"].as_str().unwrap()).to_lowercase()
}

/// Whether a text is about bringing internet connections to villages.
fn about_rural_broadband(text: &str) -> bool {
    let rural = ["village", "rural"].iter().any(|w| text.contains(w));
    let network = ["fiber-optic", "fibre-optic", "broadband", "high speed internet"].iter().any(|w| text.contains(w));
    rural && network
}

/// Whether `word` occurs in `text` as a word or the start of one (plurals, -ed).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(word))
}

#[test]
fn semantic_search_finds_rural_broadband_in_other_words() {
    let b = bundled();
    let query = "internet access in the countryside";
    let r = b.json(&["search", query, "--semantic"]);
    assert_eq!(r["total"].as_u64(), Some(b.json(&["stats"])["articles"].as_u64().unwrap()), "every article is ranked");
    for h in hits(&r) {
        for field in ["id", "url", "title", "published", "source", "regions", "sectors", "snippet", "score"] {
            assert!(h.get(field).is_some(), "hit without `{field}`: {h}");
        }
    }
    let top5: Vec<String> = ids(&r).into_iter().take(5).collect();
    let rural = top5.iter().find(|id| about_rural_broadband(&text_of(id)));
    let Some(rural) = rural else { panic!("no article about rural broadband in the top 5: {r:#}") };
    let text = text_of(rural);
    // The article says "villages", "rural areas" and "fiber-optic lines", never "countryside":
    // keyword search, which needs every word, cannot find it.
    assert!(!has_word(&text, "countryside"), "{text}");
    let keyword = b.json(&["search", query, "--limit", "100"]);
    assert!(!ids(&keyword).contains(rural), "keyword search finds it too: {keyword}");

    // No article of the bundled corpus about rural broadband avoids the words "internet" and
    // "access"; reworded, the query shares none of its content words with the article found.
    let query = "broadband in the countryside";
    let r = b.json(&["search", query, "--semantic", "--limit", "5"]);
    assert!(ids(&r).contains(rural), "{r:#}");
    for word in ["broadband", "countryside"] {
        assert!(!has_word(&text, word), "the article contains `{word}`");
    }
    let scores: Vec<f64> = hits(&r).iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores[0] <= 1.0, "cosines, best first: {scores:?}");
}

#[test]
fn semantic_search_applies_the_keyword_filters() {
    let b = bundled();
    let query = "drinking water supply for villages";
    let r = b.json(&["search", query, "--semantic", "--region", "kyzylorda", "--limit", "20"]);
    assert!(!hits(&r).is_empty());
    assert!(hits(&r).iter().all(|h| h["regions"].as_array().unwrap().iter().any(|x| x == "kyzylorda")), "{r:#}");
    let all_kyzylorda = b.json(&["search", "*", "--region", "kyzylorda"]);
    assert_eq!(r["total"], all_kyzylorda["total"], "every article of the region is ranked");
    assert_eq!(r["facets"], all_kyzylorda["facets"], "facets count the filtered articles");

    let r = b.json(&["search", query, "--semantic", "--sector", "water", "--limit", "3"]);
    assert_eq!(hits(&r).len(), 3);
    assert!(hits(&r).iter().all(|h| h["sectors"].as_array().unwrap().iter().any(|x| x == "water")), "{r:#}");

    let r = b.json(&["search", "elections", "--semantic", "--from", "2024-01-01", "--to", "2024-12-31", "--limit", "50"]);
    assert!(!hits(&r).is_empty());
    for h in hits(&r) {
        let day = &h["published"].as_str().expect("undated articles are left out")[..10];
        assert!(("2024-01-01"..="2024-12-31").contains(&day), "{day}");
    }
    assert_eq!(r["total"], b.json(&["search", "*", "--from", "2024-01-01", "--to", "2024-12-31"])["total"]);

    let err = Command::new(env!("CARGO_BIN_EXE_newsmine"))
        .args(["--config", b.config.to_str().unwrap(), "--data-dir", b.data.to_str().unwrap()])
        .args(["search", "x", "--semantic", "--region", "atlantis"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2), "an unknown region is bad usage, as in keyword search");
}

#[test]
fn hybrid_search_fuses_keyword_and_semantic_ranks() {
    let b = bundled();
    let query = "fiber-optic lines to villages";
    // Both full lists, as deep as the fusion looks (1000).
    let keyword = ids(&b.json(&["search", query, "--limit", "1000"]));
    let semantic = ids(&b.json(&["search", query, "--semantic", "--limit", "1000"]));
    let r = b.json(&["search", query, "--hybrid", "--limit", "10"]);
    let hybrid = ids(&r);
    assert_eq!(hybrid.len(), 10);
    assert!(!keyword.is_empty());
    assert!(hybrid.contains(&keyword[0]) && hybrid.contains(&semantic[0]), "each list's best is kept");
    // Reciprocal rank fusion, k = 60: the score is a sum of 1/(60 + rank) over the two lists.
    let expected = |id: &String| -> f64 {
        [&keyword, &semantic].iter().filter_map(|l| l.iter().position(|x| x == id)).map(|p| 1.0 / (61.0 + p as f64)).sum()
    };
    for h in hits(&r).iter().take(3) {
        let id = h["id"].as_str().unwrap().to_owned();
        let score = h["score"].as_f64().unwrap();
        assert!((score - expected(&id)).abs() < 1e-6, "{id}: {score} vs {}", expected(&id));
    }
    assert!(hits(&r).windows(2).all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
    let filtered = b.json(&["search", query, "--hybrid", "--sector", "digital", "--limit", "5"]);
    assert!(hits(&filtered).iter().all(|h| h["sectors"].as_array().unwrap().iter().any(|x| x == "digital")));
}

#[test]
fn similar_lists_the_nearest_articles() {
    let b = bundled();
    let r = b.json(&["search", "fiber-optic lines around 1,300 villages", "--limit", "1"]);
    let id = ids(&r)[0].clone();
    let near = b.json(&["similar", &id, "--limit", "5"]);
    let near_ids = ids(&near);
    assert_eq!(near_ids.len(), 5);
    assert!(!near_ids.contains(&id), "not itself");
    let scores: Vec<f64> = hits(&near).iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores[0] < 1.0 && scores[4] > 0.0, "{scores:?}");
    assert!(hits(&near).iter().any(|h| h["sectors"].as_array().unwrap().iter().any(|x| x == "digital")), "{near:#}");
    let text = b.run(&["similar", &id, "--limit", "2"]);
    assert!(text.contains("1. ") && text.contains("id "), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_newsmine"))
        .args(["--config", b.config.to_str().unwrap(), "--data-dir", b.data.to_str().unwrap(), "similar", "0000000000000000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article 0000000000000000"));
}

/// A configuration of its own, for the tests that need another `[embed]` table.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    /// A world reading the first `n` press releases of the bundled corpus, with `embed` as the
    /// model directory (none: no `[embed]` table).
    fn new(n: usize, embed: Option<&Path>) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let corpus = std::fs::read_to_string(root().join("corpus/kz-gov-press.jsonl")).unwrap();
        let lines: Vec<&str> = corpus.lines().take(n).collect();
        std::fs::write(dir.path().join("press.jsonl"), lines.join("\n") + "\n").unwrap();
        let embed = embed.map(|m| format!("[embed]\nmodel = \"{}\"\n", m.display())).unwrap_or_default();
        let config = format!(
            "data_dir = \"data\"\ngazetteer = \"{}\"\ntaxonomy = \"{}\"\n{embed}\n[[source]]\nname = \"press\"\nkind = \"jsonl\"\npath = \"press.jsonl\"\n",
            root().join("config/gazetteer.toml").display(),
            root().join("config/sectors.toml").display(),
        );
        std::fs::write(dir.path().join("newsmine.toml"), config).unwrap();
        Setup { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsmine"));
        c.arg("--config").arg(self.dir.path().join("newsmine.toml")).args(args);
        c
    }

    fn output(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command(args).output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// Runs the nightly job; returns its JSON report.
    fn run(&self) -> Value {
        let (code, stdout, stderr) = self.output(&["run"]);
        assert_eq!(code, 0, "{stdout}\n{stderr}");
        let path = stdout.rsplit("report ").next().unwrap().trim();
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }
}

fn model_dir() -> PathBuf {
    root().join("models/all-minilm-l6-v2")
}

#[test]
fn a_missing_model_says_how_to_fetch_it() {
    let empty = tempfile::tempdir().unwrap();
    let w = Setup::new(3, Some(empty.path()));
    for args in [&["run"][..], &["search", "roads", "--semantic"], &["search", "roads", "--hybrid"]] {
        let (code, _, stderr) = w.output(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        for needle in ["model is missing", "./models/fetch.sh", "make models", &empty.path().display().to_string()] {
            assert!(stderr.contains(needle), "{args:?}: `{needle}` not in {stderr}");
        }
    }
    assert!(!w.data().join("newsmine.db").exists(), "the run stopped before doing any work");

    let w = Setup::new(3, None);
    w.run();
    let (code, _, stderr) = w.output(&["search", "roads", "--semantic"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("[embed]"), "{stderr}");
    let (code, _, stderr) = w.output(&["similar", "0000000000000000"]);
    assert_eq!(code, 2, "{stderr}");
}

/// Article vectors committed so far (0 while the tables do not exist yet). Read-only, so it
/// never races the run's own migration of a new database.
fn committed_vectors(db: &Path) -> u64 {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, flags) else { return 0 };
    conn.query_row("SELECT COUNT(*) FROM article_vectors", [], |r| r.get::<_, i64>(0)).map_or(0, |n| n as u64)
}

/// Starts a run, waits until some article vectors are committed, kills it (SIGKILL) and returns
/// how many were committed.
fn kill_during_the_embed_pass(w: &Setup) -> u64 {
    let mut child = w.command(&["run"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    let db = w.data().join("newsmine.db");
    while committed_vectors(&db) == 0 {
        assert!(started.elapsed() < Duration::from_secs(300), "no vector was committed in 5 minutes");
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before it could be killed during the embed pass");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    committed_vectors(&db)
}

#[test]
fn a_run_killed_during_the_embed_pass_is_finished_by_the_next() {
    const ARTICLES: u64 = 150;
    let killed = Setup::new(ARTICLES as usize, Some(&model_dir()));
    let kept = kill_during_the_embed_pass(&killed);
    assert!(kept > 0 && kept < ARTICLES, "killed after {kept} of {ARTICLES} article vectors");
    let report = killed.run();
    assert_eq!(report["embed"]["articles"].as_u64().unwrap() + kept, ARTICLES, "what was committed is not redone: {}", report["embed"]);
    assert!(report["embed"]["sentences"].as_u64().unwrap() > 0);
    let again = killed.run();
    assert_eq!(again["embed"]["encoded"], 0, "{}", again["embed"]);

    // The same vectors as an uninterrupted run: the same rankings, to the last digit.
    let reference = Setup::new(ARTICLES as usize, Some(&model_dir()));
    let first = reference.run();
    assert_eq!(first["embed"]["articles"].as_u64(), Some(ARTICLES));
    // The same vectors as an uninterrupted run (up to float rounding: batches differ).
    let scores = |w: &Setup, limit: &str| -> std::collections::BTreeMap<String, f64> {
        let (code, stdout, stderr) = w.output(&["search", "new schools and kindergartens", "--semantic", "--json", "--limit", limit]);
        assert_eq!(code, 0, "{stderr}");
        let v: Value = serde_json::from_str(&stdout).unwrap();
        hits(&v).iter().map(|h| (h["id"].as_str().unwrap().to_owned(), h["score"].as_f64().unwrap())).collect()
    };
    // 20 against 30: a near tie at rank 20 may fall either way.
    let (a, b) = (scores(&killed, "20"), scores(&reference, "30"));
    assert_eq!(a.len(), 20);
    for (id, s) in &a {
        let other = b.get(id).unwrap_or_else(|| panic!("{id} ranks in the killed world only: {a:?} vs {b:?}"));
        assert!((s - other).abs() < 1e-4, "{id}: {s} vs {other}");
    }
}

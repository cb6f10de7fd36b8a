//! `newsmine search`: the query language, filters, sorting and bad queries.

use crate::util::World;

/// Four articles with known places, sectors and dates (dates assigned here for the test).
fn world() -> World {
    let mut w = World::new();
    let lines = [
        r#"{"url": "https://news.kz/a", "published": "2023-03-01", "title": "Broadband for Kyzylorda villages", "text": "Over 200 villages in the Kyzylorda region will be connected to broadband internet, the ministry said."}"#,
        r#"{"url": "https://news.kz/b", "published": "2021-06-15", "title": "Pavlodar road", "text": "The road from Pavlodar to Ekibastuz will be repaired; broadband towers are planned along it."}"#,
        r#"{"url": "https://news.kz/c", "published": "2024-09-10", "title": "Schools in Shymkent", "text": "Five new schools for 1,200 pupils will open in Shymkent by 2025."}"#,
        r#"{"url": "https://news.kz/d", "title": "Undated hospital news", "text": "A new hospital with 300 beds is under construction in Aktau."}"#,
    ];
    let file = w.write("news.jsonl", &(lines.join("\n") + "\n"));
    w.source("news", "jsonl", &file);
    w.newsmine(&["run"]).expect(0);
    w
}

fn urls(w: &World, args: &[&str]) -> Vec<String> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    full.push("--json");
    let r = w.newsmine(&full).expect(0).json();
    assert_eq!(r["total"].as_u64().unwrap() as usize, r["hits"].as_array().unwrap().len());
    r["hits"].as_array().unwrap().iter().map(|h| h["url"].as_str().unwrap().trim_start_matches("https://news.kz/").to_owned()).collect()
}

#[test]
fn region_sector_and_date_filters() {
    let w = world();
    assert_eq!(urls(&w, &["broadband", "--sort", "newest"]), ["a", "b"]);
    assert_eq!(urls(&w, &["broadband", "--region", "kyzylorda"]), ["a"]);
    assert_eq!(urls(&w, &["broadband", "--region", "kyzylorda", "--region", "pavlodar", "--sort", "oldest"]), ["b", "a"]);
    assert_eq!(urls(&w, &["*", "--sector", "education"]), ["c"]);
    assert_eq!(urls(&w, &["*", "--sector", "health", "--region", "mangystau"]), ["d"]);
    assert_eq!(urls(&w, &["broadband", "--from", "2023-01-01"]), ["a"]);
    assert_eq!(urls(&w, &["*", "--from", "2021-06-15", "--to", "2023-03-01", "--sort", "newest"]), ["a", "b"]);
    assert_eq!(urls(&w, &["\"connected to broadband\""]), ["a"]);
    assert_eq!(urls(&w, &["region:shymkent OR region:mangystau", "--sort", "oldest"]).len(), 2);
}

#[test]
fn hits_carry_the_contract_fields() {
    let w = world();
    let r = w.newsmine(&["search", "broadband", "--region", "kyzylorda", "--json"]).expect(0).json();
    let hit = &r["hits"][0];
    for key in ["id", "url", "title", "published", "source", "regions", "sectors", "snippet", "score"] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert_eq!(hit["regions"], serde_json::json!(["kyzylorda"]));
    assert!(hit["sectors"].as_array().unwrap().iter().any(|s| s == "digital"), "{hit}");
    assert!(hit["snippet"].as_str().unwrap().contains("<b>broadband</b>"));
    assert_eq!(r["facets"]["regions"]["kyzylorda"], 1);
}

#[test]
fn bad_queries_and_arguments_exit_2_with_a_message() {
    let w = world();
    let e = w.newsmine(&["search", "title:("]).expect(2);
    assert!(e.stderr.contains("bad query"), "{}", e.stderr);
    let e = w.newsmine(&["search", "nosuchfield:x"]).expect(2);
    assert!(e.stderr.contains("nosuchfield"), "{}", e.stderr);
    let e = w.newsmine(&["search", "road", "--region", "atlantis"]).expect(2);
    assert!(e.stderr.contains("unknown region `atlantis`") && e.stderr.contains("kyzylorda"), "{}", e.stderr);
    let e = w.newsmine(&["search", "road", "--from", "2023-02-30"]).expect(2);
    assert!(e.stderr.contains("YYYY-MM-DD"), "{}", e.stderr);
    w.newsmine(&["search", "road", "--no-such-flag"]).expect(2);
}

#[test]
fn commands_that_need_a_database_say_how_to_make_one() {
    let w = World::new();
    let e = w.newsmine(&["stats"]).expect(2);
    assert!(e.stderr.contains("newsmine run"), "{}", e.stderr);
}

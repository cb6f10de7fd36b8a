//! Unit tests of the store: upserts, pending analysis and indexing, transactions.

use super::*;
use crate::domain::{RegionId, RegionTag, SectorId, SectorScore};

fn article(url: &str, text: &str) -> Article {
    Article {
        id: ArticleId::from_canonical_url(url),
        source: SourceName::parse("test").unwrap(),
        url: Some(url.into()),
        canonical_url: Some(url.into()),
        external_id: None,
        title: Some("T".into()),
        authors: vec!["A. Writer".into()],
        published: crate::domain::parse_datetime("2024-01-02"),
        language: Some("en".into()),
        text: text.into(),
        archived: Some(WarcLocation { file: "x.warc.gz".into(), offset: 42 }),
    }
}

#[test]
fn upsert_tells_new_updated_and_unchanged_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let run = store.begin_run().unwrap();
    let a = article("https://a.kz/1", "one");
    let b = store.batch().unwrap();
    assert_eq!(b.upsert_article(&a, run).unwrap(), Upsert::New);
    assert_eq!(b.upsert_article(&a, run).unwrap(), Upsert::Unchanged);
    let changed = Article { text: "one, corrected".into(), ..a.clone() };
    assert_eq!(b.upsert_article(&changed, run).unwrap(), Upsert::Updated);
    b.commit().unwrap();
    assert_eq!(store.article(&a.id).unwrap().unwrap(), changed);
    assert_eq!(store.stats().unwrap().articles, 1);
}

#[test]
fn analysis_and_index_state_follow_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let run = store.begin_run().unwrap();
    let a = article("https://a.kz/1", "one");
    let analysis = Analysis {
        regions: vec![RegionTag { id: RegionId::parse("kyzylorda").unwrap(), mentions: vec![] }],
        sectors: vec![SectorScore { id: SectorId::parse("digital").unwrap(), score: 0.9 }],
        commitments: vec![],
    };
    let b = store.batch().unwrap();
    b.upsert_article(&a, run).unwrap();
    b.commit().unwrap();
    assert_eq!(store.ids_needing_analysis("v1").unwrap(), vec![a.id.clone()]);
    assert!(store.ids_needing_index("i1").unwrap().is_empty(), "not analysed yet");
    let b = store.batch().unwrap();
    b.save_analysis(&a.id, "v1", &analysis).unwrap();
    b.commit().unwrap();
    assert!(store.ids_needing_analysis("v1").unwrap().is_empty());
    assert_eq!(store.ids_needing_analysis("v2").unwrap().len(), 1);
    assert_eq!(store.ids_needing_index("i1").unwrap().len(), 1);
    let b = store.batch().unwrap();
    b.mark_indexed(&a.id, "i1").unwrap();
    b.commit().unwrap();
    assert!(store.ids_needing_index("i1").unwrap().is_empty());
    assert_eq!(store.analysis(&a.id).unwrap().unwrap(), analysis);
    let stats = store.stats().unwrap();
    assert_eq!(stats.regions.get("kyzylorda"), Some(&1));
    assert_eq!(stats.sectors.get("digital"), Some(&1));
    // Changed content makes both stale again.
    let b = store.batch().unwrap();
    b.upsert_article(&Article { text: "two".into(), ..a.clone() }, run).unwrap();
    b.commit().unwrap();
    assert_eq!(store.ids_needing_analysis("v1").unwrap().len(), 1);
}

#[test]
fn an_uncommitted_batch_leaves_nothing_and_unfinished_runs_read_as_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run().unwrap();
        let b = store.batch().unwrap();
        b.upsert_article(&article("https://a.kz/1", "one"), run).unwrap();
        drop(b);
    }
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().articles, 0);
    assert_eq!(store.close_interrupted_runs().unwrap(), 1);
    let status: String = store.conn.query_row("SELECT status FROM runs", [], |r| r.get(0)).unwrap();
    assert_eq!(status, "interrupted");
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat/store-v1.db");
    std::fs::copy(fixture, dir.path().join("newsmine.db")).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let id = ArticleId::parse("0123456789abcdef").unwrap();
    assert_eq!(store.article(&id).unwrap().unwrap().external_id.as_deref(), Some("pm-0001"));
    let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, STORE_SCHEMA_VERSION);
    // The crawler's tables exist after the migration.
    let source = SourceName::parse("test").unwrap();
    let run = store.begin_run().unwrap();
    store.frontier_seed(&source, "https://a.kz/feed", crate::crawl::frontier::UrlKind::Feed, run).unwrap();
    assert_eq!(store.frontier_counts(&source).unwrap().get("queued"), Some(&1));
}

#[test]
fn the_frontier_remembers_what_was_fetched_and_queues_hubs_each_run() {
    use crate::crawl::frontier::{UrlKind, UrlState};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let source = SourceName::parse("site").unwrap();
    let none = std::collections::HashSet::new();
    let run1 = store.begin_run().unwrap();
    store.frontier_seed(&source, "https://a.kz/feed", UrlKind::Feed, run1).unwrap();
    let added = store
        .frontier_add(&source, &[("https://a.kz/1".into(), UrlKind::Page, 1), ("https://a.kz/2".into(), UrlKind::Page, 1)], run1)
        .unwrap();
    assert_eq!(added, 2);
    assert_eq!(store.frontier_add(&source, &[("https://a.kz/1".into(), UrlKind::Page, 1)], run1).unwrap(), 0, "seen once");
    let next = store.frontier_next(&source, 10, &none).unwrap();
    assert_eq!(next.iter().map(|q| q.kind).collect::<Vec<_>>(), [UrlKind::Feed, UrlKind::Page, UrlKind::Page], "hubs first");
    store.frontier_finish("https://a.kz/feed", run1, UrlState::Done, "ok", false, None).unwrap();
    store.frontier_finish("https://a.kz/1", run1, UrlState::Done, "ok", false, None).unwrap();
    store.frontier_finish("https://a.kz/2", run1, UrlState::Queued, "timeout_total", true, None).unwrap();
    assert!(store.frontier_next(&source, 10, &none).unwrap().is_empty(), "nothing more this run");
    assert_eq!(store.frontier_pages_fetched(&source, run1).unwrap(), 2);

    // The next run: the feed is read again, the failed page retried, the done page not.
    let run2 = store.begin_run().unwrap();
    store.frontier_requeue_hubs(&source, run2).unwrap();
    store.frontier_release_retries(&source, run2).unwrap();
    let urls: Vec<String> = store.frontier_next(&source, 10, &none).unwrap().into_iter().map(|q| q.url).collect();
    assert_eq!(urls, ["https://a.kz/feed", "https://a.kz/2"]);
    store.set_http_validators("https://a.kz/feed", Some("\"v1\""), None).unwrap();
    assert_eq!(store.http_validators("https://a.kz/feed").unwrap(), (Some("\"v1\"".into()), None));
}

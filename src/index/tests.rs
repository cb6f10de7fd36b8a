//! Unit tests of the index: upserts, filters, sorting, facets and malformed queries.

use super::*;
use crate::domain::{ArticleId, RegionId, RegionTag, SectorId, SectorScore, SourceName, parse_datetime};

fn article(n: u32, title: &str, text: &str, published: Option<&str>) -> Article {
    let url = format!("https://news.kz/{n}");
    Article {
        id: ArticleId::from_canonical_url(&url),
        source: SourceName::parse("test").unwrap(),
        url: Some(url.clone()),
        canonical_url: Some(url),
        external_id: None,
        title: Some(title.into()),
        authors: vec![],
        published: published.and_then(parse_datetime),
        language: Some("en".into()),
        text: text.into(),
        archived: None,
    }
}

fn analysis(regions: &[&str], sectors: &[&str]) -> Analysis {
    Analysis {
        regions: regions.iter().map(|r| RegionTag { id: RegionId::parse(r).unwrap(), mentions: vec![] }).collect(),
        sectors: sectors.iter().map(|s| SectorScore { id: SectorId::parse(s).unwrap(), score: 1.0 }).collect(),
        commitments: vec![],
    }
}

fn fixture() -> (tempfile::TempDir, NewsIndex) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (ix, created) = NewsIndex::open_or_create(&path).unwrap();
    assert!(created);
    let mut w = ix.writer().unwrap();
    w.upsert(&article(1, "Broadband for villages", "Villages in Kyzylorda will be connected to broadband internet.", Some("2023-05-01")), &analysis(&["kyzylorda"], &["digital"]), &[]).unwrap();
    w.upsert(&article(2, "Roads", "A road to Pavlodar will be repaired; broadband later.", Some("2021-01-01")), &analysis(&["pavlodar"], &["transport", "digital"]), &[]).unwrap();
    w.upsert(&article(3, "Schools", "New schools in Shymkent.", None), &analysis(&["shymkent"], &["education"]), &["c-000000000001".to_owned()]).unwrap();
    w.finish().unwrap();
    (dir, ix)
}

fn ids(r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.url.clone().unwrap()).collect()
}

#[test]
fn upsert_never_duplicates() {
    let (_dir, ix) = fixture();
    let mut w = ix.writer().unwrap();
    w.upsert(&article(1, "Broadband for villages", "changed text about broadband", None), &analysis(&[], &[]), &[]).unwrap();
    w.finish().unwrap();
    assert_eq!(ix.num_docs().unwrap(), 3);
    let r = ix.search(&SearchRequest { query: "changed".into(), limit: 10, ..Default::default() }).unwrap();
    assert_eq!(r.total, 1);
}

#[test]
fn filters_sorting_and_facets() {
    let (_dir, ix) = fixture();
    let req = |q: &str| SearchRequest { query: q.into(), limit: 10, ..Default::default() };
    let r = ix.search(&req("broadband")).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.facets.sectors.get("digital"), Some(&2));
    assert!(r.hits[0].snippet.contains("<b>broadband</b>"), "{}", r.hits[0].snippet);
    let r = ix.search(&SearchRequest { regions: vec![RegionId::parse("kyzylorda").unwrap()], ..req("broadband") }).unwrap();
    assert_eq!(ids(&r), ["https://news.kz/1"]);
    assert_eq!(r.hits[0].regions, ["kyzylorda"]);
    let r = ix.search(&SearchRequest { from: NaiveDateArg::d("2022-01-01"), ..req("broadband") }).unwrap();
    assert_eq!(ids(&r), ["https://news.kz/1"]);
    let r = ix.search(&SearchRequest { to: NaiveDateArg::d("2021-01-01"), ..req("") }).unwrap();
    assert_eq!(ids(&r), ["https://news.kz/2"], "the end day is included, undated articles are not");
    let r = ix.search(&SearchRequest { sort: Sort::Newest, ..req("*") }).unwrap();
    assert_eq!(ids(&r), ["https://news.kz/1", "https://news.kz/2", "https://news.kz/3"]);
    let r = ix.search(&req("sector:education OR region:pavlodar")).unwrap();
    assert_eq!(r.total, 2);
    let r = ix.search(&req("claim:c-000000000001")).unwrap();
    assert_eq!(ids(&r), ["https://news.kz/3"], "articles are searchable by claim");
    let r = ix.search(&req("\"connected to broadband\"")).unwrap();
    assert_eq!(r.total, 1);
}

#[test]
fn malformed_queries_are_errors_not_panics() {
    let (_dir, ix) = fixture();
    for q in ["nosuchfield:x", "title:(", "published:[2020 TO"] {
        let e = ix.search(&SearchRequest { query: q.into(), limit: 5, ..Default::default() });
        assert!(matches!(e, Err(IndexError::BadQuery { .. })), "{q}: {:?}", e.map(|r| r.total));
    }
}

#[test]
fn a_missing_or_foreign_index_says_what_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let e = NewsIndex::open(&dir.path().join("index")).err().unwrap();
    assert!(e.to_string().contains("newsmine run"), "{e}");
    std::fs::write(dir.path().join(FORMAT_FILE), "{\"format\": 0}").unwrap();
    let e = NewsIndex::open(dir.path()).err().unwrap();
    assert!(e.to_string().contains("newsmine reindex"), "{e}");
    let (_ix, created) = NewsIndex::open_or_create(dir.path()).unwrap();
    assert!(created);
}

struct NaiveDateArg;
impl NaiveDateArg {
    fn d(s: &str) -> Option<chrono::NaiveDate> {
        Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }
}

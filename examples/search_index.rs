//! # Index two articles and search them with a filter
//!
//! Works in a temporary directory: `cargo run --example search_index`.

use newsmine::domain::{Analysis, Article, ArticleId, RegionId, RegionTag, SourceName};
use newsmine::index::{NewsIndex, SearchRequest};

fn article(url: &str, text: &str) -> newsmine::Result<Article> {
    Ok(Article {
        id: ArticleId::from_canonical_url(url),
        source: SourceName::parse("example").map_err(|e| newsmine::Error::Usage(e.to_string()))?,
        url: Some(url.into()),
        canonical_url: Some(url.into()),
        external_id: None,
        title: None,
        authors: vec![],
        published: None,
        language: Some("en".into()),
        text: text.into(),
        archived: None,
    })
}

fn main() -> newsmine::Result<()> {
    let dir = std::env::temp_dir().join(format!("newsmine-example-{}", std::process::id()));
    let (index, _) = NewsIndex::open_or_create(&dir)?;
    let tagged = |region: &str| Analysis {
        regions: vec![RegionTag { id: RegionId::parse(region).expect("valid id"), mentions: vec![] }],
        ..Default::default()
    };
    let mut w = index.writer()?;
    w.upsert(&article("https://news.kz/1", "Broadband reaches villages in Kyzylorda.")?, &tagged("kyzylorda"), &[])?;
    w.upsert(&article("https://news.kz/2", "Broadband towers along the Pavlodar road.")?, &tagged("pavlodar"), &[])?;
    w.finish()?;
    let req = SearchRequest {
        query: "broadband".into(),
        regions: vec![RegionId::parse("kyzylorda").expect("valid id")],
        limit: 10,
        ..Default::default()
    };
    for hit in index.search(&req)?.hits {
        println!("{} {} {}", hit.id, hit.url.unwrap_or_default(), hit.snippet);
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

//! The small commands: `stats`, `search`, `analyze`, `extract`, `show`, `reindex`.

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

use serde::Deserialize;
use serde_json::json;

use super::Exit;
use crate::config::Config;
use crate::domain::{ArticleId, RegionId, SectorId, parse_datetime};
use crate::index::{NewsIndex, SearchRequest, SearchResults};
use crate::store::Store;
use crate::{Error, Result, archive, extract};

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let r = serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from).and_then(|_| writeln!(out));
    stdout_result(r)
}

/// A closed pipe (`newsmine search x | head`) is not an error.
pub(super) fn stdout_result(r: std::io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Io { path: "<stdout>".into(), source }),
        Ok(()) => Ok(()),
    }
}

/// The data directory's store, or a message saying how to make one.
pub(super) fn open_store(config: &Config) -> Result<Store> {
    if !config.data_dir.join("newsmine.db").exists() {
        return Err(Error::Usage(format!(
            "no newsmine database in {}: run `newsmine run` first, or pass --data-dir",
            config.data_dir.display()
        )));
    }
    Ok(Store::open(&config.data_dir)?)
}

pub(super) fn stats(config: &Config, json: bool) -> Result<Exit> {
    let stats = open_store(config)?.stats()?;
    if json {
        print_json(&stats)?;
    } else {
        let mut lines = vec![format!("{} articles, {} commitments", stats.articles, stats.commitments)];
        for (title, map) in [("sources", &stats.sources), ("regions", &stats.regions), ("sectors", &stats.sectors)] {
            lines.push(format!("{title}:"));
            let mut rows: Vec<_> = map.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            lines.extend(rows.into_iter().map(|(k, v)| format!("  {k:<20} {v:>7}")));
        }
        stdout_result(writeln!(std::io::stdout(), "{}", lines.join("\n")))?;
    }
    Ok(Exit::Ok)
}

pub(super) fn search(config: &Config, req: SearchRequest, json: bool) -> Result<Exit> {
    print_results(&keyword_results(config, &KnownIds::load(config)?, &req)?, json)
}

/// `newsmine search` without the printing: BM25 hits and facets (also `GET /api/search`).
pub(super) fn keyword_results(config: &Config, known: &KnownIds, req: &SearchRequest) -> Result<SearchResults> {
    known.check_filters(req)?;
    let index = NewsIndex::open(&NewsIndex::dir_in(&config.data_dir))?;
    Ok(index.search(req)?)
}

/// The region and sector ids of the configured gazetteer and taxonomy, to refuse filters that
/// would silently match nothing. Read with the rules alone: no model is loaded for this.
pub(super) struct KnownIds {
    regions: Vec<RegionId>,
    sectors: Vec<SectorId>,
}

impl KnownIds {
    /// Reads the ids from the files the configuration names.
    pub(super) fn load(config: &Config) -> Result<KnownIds> {
        let analyzer = super::load_rules(config)?;
        Ok(KnownIds { regions: analyzer.region_ids().to_vec(), sectors: analyzer.sector_ids().to_vec() })
    }

    /// Whether `region` is one of the configured units.
    pub(super) fn check_region(&self, r: &RegionId) -> Result<()> {
        if self.regions.contains(r) {
            return Ok(());
        }
        let known: Vec<&str> = self.regions.iter().map(|r| r.as_str()).collect();
        Err(Error::Usage(format!("unknown region `{r}`; known regions: {}", known.join(", "))))
    }

    /// Whether `sector` is one of the taxonomy's sectors.
    pub(super) fn check_sector(&self, s: &SectorId) -> Result<()> {
        if self.sectors.contains(s) {
            return Ok(());
        }
        let known: Vec<&str> = self.sectors.iter().map(|s| s.as_str()).collect();
        Err(Error::Usage(format!("unknown sector `{s}`; known sectors: {}", known.join(", "))))
    }

    /// Unknown region or sector ids would silently match nothing: says so instead.
    pub(super) fn check_filters(&self, req: &SearchRequest) -> Result<()> {
        req.regions.iter().try_for_each(|r| self.check_region(r))?;
        req.sectors.iter().try_for_each(|s| self.check_sector(s))
    }
}

/// Prints search results, as JSON or as text; every search mode (keyword, semantic, hybrid,
/// `similar`) goes through here, so they share one output contract.
pub(super) fn print_results(results: &SearchResults, json: bool) -> Result<Exit> {
    if json {
        print_json(&results)?;
        return Ok(Exit::Ok);
    }
    let (bold, plain) = if std::io::IsTerminal::is_terminal(&std::io::stdout()) { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let mut out = String::new();
    out.push_str(&format!("{} articles match\n", results.total));
    for (i, h) in results.hits.iter().enumerate() {
        let date = h.published.as_deref().map(|d| &d[..10]).unwrap_or("undated");
        out.push_str(&format!(
            "\n{}. {}\n   {} | {} | {} | regions: {} | sectors: {}\n   {}\n",
            i + 1,
            h.title.as_deref().unwrap_or("(untitled)"),
            date,
            h.source,
            h.url.as_deref().unwrap_or(&h.id),
            h.regions.join(", "),
            h.sectors.join(", "),
            h.snippet.replace("<b>", bold).replace("</b>", plain).replace('\n', " "),
        ));
        out.push_str(&format!("   id {}\n", h.id));
    }
    stdout_result(write!(std::io::stdout(), "{out}"))?;
    Ok(Exit::Ok)
}

#[derive(Deserialize)]
struct AnalyzeLine {
    id: serde_json::Value,
    text: String,
    published: Option<String>,
}

pub(super) fn analyze(config: &Config, input: &str, output: &str) -> Result<Exit> {
    let analyzer = super::load_analyzer(config)?;
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(input).map_err(|source| Error::Io { path: input.into(), source })?;
        Box::new(std::io::BufReader::new(f))
    };
    let writer: Box<dyn Write> = if output == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        let f = std::fs::File::create(output).map_err(|source| Error::Io { path: output.into(), source })?;
        Box::new(f)
    };
    let mut writer = BufWriter::new(writer);
    let (mut bad, mut total) = (0usize, 0usize);
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| Error::Io { path: input.into(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        total += 1;
        let parsed: AnalyzeLine = match serde_json::from_str(&line) {
            Ok(p) => p,
            Err(e) => {
                bad += 1;
                eprintln!("newsmine analyze: {input}: line {}: skipped: {e} (expected {{\"id\", \"text\", \"published\"?}})", i + 1);
                continue;
            }
        };
        let published = match parsed.published.as_deref() {
            None | Some("") => None,
            Some(p) => match parse_datetime(p) {
                Some(d) => Some(d.date_naive()),
                None => {
                    eprintln!("newsmine analyze: {input}: line {}: `published` is `{p}`, not a date; analysed without it", i + 1);
                    None
                }
            },
        };
        let analysis = analyzer.analyze(&parsed.text, published);
        let out = json!({
            "id": parsed.id,
            "regions": analysis.regions,
            "sectors": analysis.sectors,
            "commitments": analysis.commitments,
        });
        let r = serde_json::to_writer(&mut writer, &out).map_err(std::io::Error::from).and_then(|_| writeln!(writer));
        stdout_result(r)?;
    }
    stdout_result(writer.flush())?;
    if bad > 0 {
        eprintln!("newsmine analyze: {bad} of {total} lines skipped");
    }
    Ok(Exit::Ok)
}

pub(super) fn extract(file: &Path, url: Option<&str>, json: bool) -> Result<Exit> {
    let bytes = std::fs::read(file).map_err(|source| Error::Io { path: file.to_owned(), source })?;
    let url = url.map(str::to_owned);
    // The parser recurses per nesting level: give it the stack the run's workers have.
    let extraction = std::thread::Builder::new()
        .stack_size(extract::EXTRACT_STACK_BYTES)
        .spawn(move || extract::extract_html(&bytes, None, url.as_deref()))
        .and_then(|h| h.join().map_err(|_| std::io::Error::other("the extractor crashed")))
        .map_err(|source| Error::Io { path: file.to_owned(), source })?;
    for w in &extraction.warnings {
        eprintln!("newsmine extract: {}: {w}", file.display());
    }
    let a = extraction.article;
    if json {
        print_json(&a)?;
    } else {
        let mut out = String::new();
        out.push_str(&format!("title:     {}\n", a.title.as_deref().unwrap_or("")));
        out.push_str(&format!("authors:   {}\n", a.authors.join("; ")));
        out.push_str(&format!("published: {}\n", a.published.map(|d| d.to_rfc3339()).unwrap_or_default()));
        out.push_str(&format!("language:  {}\n", a.language.as_deref().unwrap_or("")));
        out.push_str(&format!("canonical: {}\n\n{}\n", a.canonical_url.as_deref().unwrap_or(""), a.text));
        stdout_result(write!(std::io::stdout(), "{out}"))?;
    }
    Ok(Exit::Ok)
}

pub(super) fn show(config: &Config, id: &str, raw: bool, json: bool) -> Result<Exit> {
    let id = ArticleId::parse(id).map_err(|e| Error::Usage(e.to_string()))?;
    let store = open_store(config)?;
    let article = store
        .article(&id)?
        .ok_or_else(|| Error::Usage(format!("no article with id {id} in {}", config.data_dir.display())))?;
    if raw {
        let location = article
            .archived
            .as_ref()
            .ok_or_else(|| Error::Usage(format!("article {id} came from a text source and has no archived page")))?;
        let page = archive::read_page_at(location)?;
        stdout_result(std::io::stdout().lock().write_all(&page.payload))?;
        return Ok(Exit::Ok);
    }
    let analysis = store.analysis(&id)?.unwrap_or_default();
    if json {
        print_json(&article_json(&article, &analysis))?;
    } else {
        let mut out = format!(
            "{}\n{} | {} | {}\nregions: {}\nsectors: {}\n\n{}\n",
            article.title.as_deref().unwrap_or("(no title)"),
            article.published.map(|d| d.to_rfc3339()).unwrap_or_else(|| "undated".into()),
            article.source,
            article.url.as_deref().unwrap_or(""),
            analysis.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", "),
            analysis.sectors.iter().map(|s| format!("{} ({:.2})", s.id, s.score)).collect::<Vec<_>>().join(", "),
            article.text
        );
        for c in &analysis.commitments {
            out.push_str(&format!("\ncommitment [{}]: {}\n", c.status.as_str(), c.text));
        }
        stdout_result(write!(std::io::stdout(), "{out}"))?;
    }
    Ok(Exit::Ok)
}

/// The JSON of `newsmine show ID --json` (also `GET /api/articles/{id}`).
pub(super) fn article_json(article: &crate::domain::Article, analysis: &crate::domain::Analysis) -> serde_json::Value {
    json!({ "article": article, "analysis": analysis })
}

pub(super) fn reindex(config: &Config) -> Result<Exit> {
    let _lock = super::lock::acquire(&config.data_dir)?;
    let mut store = open_store(config)?;
    let dir = NewsIndex::dir_in(&config.data_dir);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|source| Error::Io { path: dir.clone(), source })?;
    }
    store.reset_index_state()?;
    let (index, _) = NewsIndex::open_or_create(&dir)?;
    let n = super::nightly::index_pending(&mut store, &index, &super::nightly::RunOptions::default())?;
    println!("reindexed {n} articles into {}", dir.display());
    Ok(Exit::Ok)
}

/// The source `newsmine crawl URL` crawls: named after the URL's host.
pub(super) fn one_off_source(
    url: &str,
    kind: Option<super::cli::CrawlKind>,
    allow_private: bool,
    max_pages: Option<usize>,
    max_depth: u32,
) -> Result<crate::crawl::Source> {
    use super::cli::CrawlKind;
    use crate::crawl::{Source, SourceKind};
    let parsed = url::Url::parse(url).map_err(|e| Error::Usage(format!("`{url}` is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::Usage(format!("`{url}`: only http and https URLs can be crawled")));
    }
    let host = parsed.host_str().unwrap_or("site").to_ascii_lowercase();
    let slug: String = host.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let name = crate::domain::SourceName::parse(slug.trim_matches('-')).map_err(|e| Error::Usage(e.to_string()))?;
    let kind = match kind {
        Some(CrawlKind::Feed) => SourceKind::Feed { url: parsed },
        Some(CrawlKind::Sitemap) => SourceKind::Sitemap { url: parsed },
        Some(CrawlKind::Site) => SourceKind::Site { start_urls: vec![parsed], include: vec![], exclude: vec![], max_depth },
        None => SourceKind::Auto { url: parsed, max_depth },
    };
    Ok(Source { name, kind, allow_private, max_pages, politeness: None })
}

//! The ingest pass: sources to stored articles, via `archive` (WARC), `crawl` (JSONL) and
//! `extract`.

use std::io::Read;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::report::SourceReport;
use crate::archive::{self, ArchivedPage};
use crate::crawl::{self, Body, Candidate, Source, SourceKind};
use crate::domain::{Article, ArticleId, SourceName, canonicalize_url};
use crate::extract;
use crate::store::Store;
use crate::{Error, Result};

/// Articles handed to the store per transaction.
const BATCH: usize = 256;
/// HTML pages whose main text has fewer words are not articles (index pages, error pages).
const MIN_HTML_WORDS: usize = 40;

/// What the ingest pass hands to the store.
pub enum Ingested {
    /// An article to upsert.
    Article(Article),
    /// An input file was read to its end; committed with the file's last articles.
    InputDone {
        /// The source it belongs to.
        source: SourceName,
        /// The file path.
        input: String,
        /// Its content fingerprint.
        fingerprint: String,
    },
}

/// Receives batches of ingested items.
pub type Sink<'a> = dyn FnMut(Vec<Ingested>, &mut Store, &mut SourceReport) -> Result<()> + 'a;

/// Candidates waiting for extraction, and articles waiting for the store.
struct Pipeline<'a, 'b> {
    source: &'a SourceName,
    pool: &'a rayon::ThreadPool,
    sink: &'a mut Sink<'b>,
    candidates: Vec<(String, Candidate)>,
    articles: Vec<Ingested>,
}

impl Pipeline<'_, '_> {
    /// Queues a candidate; `origin` says where it came from, for the report.
    fn push(&mut self, origin: String, c: Candidate, store: &mut Store, sr: &mut SourceReport) -> Result<()> {
        self.candidates.push((origin, c));
        if self.candidates.len() >= BATCH {
            self.extract(store, sr)?;
        }
        Ok(())
    }

    /// Extracts the queued candidates in parallel and hands full batches to the sink.
    fn extract(&mut self, store: &mut Store, sr: &mut SourceReport) -> Result<()> {
        let source = self.source;
        let queued = std::mem::take(&mut self.candidates);
        let results: Vec<(String, Result<Article, &'static str>)> =
            self.pool.install(|| queued.into_par_iter().map(|(origin, c)| (origin, to_article(source, c))).collect());
        for (origin, r) in results {
            match r {
                Ok(a) => self.articles.push(Ingested::Article(a)),
                Err(reason) => sr.skip(reason, Some(format!("{origin}: {reason}"))),
            }
        }
        if self.articles.len() >= BATCH {
            (self.sink)(std::mem::take(&mut self.articles), store, sr)?;
        }
        Ok(())
    }

    /// Extracts what is queued and commits it together with `last` (the input-done mark).
    fn finish(&mut self, last: Ingested, store: &mut Store, sr: &mut SourceReport) -> Result<()> {
        self.extract(store, sr)?;
        self.articles.push(last);
        (self.sink)(std::mem::take(&mut self.articles), store, sr)
    }
}

/// One input file of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A WARC file (configured, or written by the crawler).
    Warc(PathBuf),
    /// A JSON Lines file.
    Jsonl(PathBuf),
}

/// Where a source's crawled pages are archived.
pub fn warc_dir(data_dir: &Path, source: &SourceName) -> PathBuf {
    data_dir.join("warc").join(source.as_str())
}

/// The input files of a source: its configured files, or for live sources the WARC files the
/// crawler wrote for it.
pub fn inputs(src: &Source, data_dir: &Path) -> Result<Vec<Input>> {
    Ok(match &src.kind {
        SourceKind::Warc { pattern } => expand(pattern)?.into_iter().map(Input::Warc).collect(),
        SourceKind::Jsonl { path } => vec![Input::Jsonl(path.clone())],
        _ => {
            let dir = warc_dir(data_dir, &src.name);
            let pattern = dir.join("*.warc.gz");
            let mut files: Vec<PathBuf> =
                glob::glob(&pattern.to_string_lossy()).map_err(|e| Error::Usage(e.to_string()))?.filter_map(|p| p.ok()).collect();
            files.sort();
            files.into_iter().map(Input::Warc).collect()
        }
    })
}

/// Reads one source's inputs. Per-record problems are counted in `sr`; an `Err` means an input
/// could not be read at all. Extraction runs on `pool`, whose threads have stacks big enough for
/// deeply nested pages.
pub fn source(src: &Source, inputs: &[Input], store: &mut Store, pool: &rayon::ThreadPool, sr: &mut SourceReport, sink: &mut Sink<'_>) -> Result<()> {
    let mut pipeline = Pipeline { source: &src.name, pool, sink, candidates: Vec::new(), articles: Vec::new() };
    for input in inputs {
        let file = match input {
            Input::Warc(f) | Input::Jsonl(f) => f.clone(),
        };
        sr.inputs += 1;
        let key = file.to_string_lossy().into_owned();
        let fingerprint = fingerprint(&file)?;
        if store.input_done(&src.name, &key, &fingerprint)? {
            sr.inputs_unchanged += 1;
            continue;
        }
        match input {
            Input::Warc(_) => {
                for record in archive::read_warc(&file)? {
                    match record {
                        Ok(page) if page.truncated => sr.skip("truncated_response", Some(format!("{}@{}: the response was cut short (size or time limit)", file.display(), page.location.offset))),
                        Ok(page) if page.is_html_page() => {
                            sr.candidates += 1;
                            let origin = format!("{}@{}", file.display(), page.location.offset);
                            pipeline.push(origin, page_candidate(page), store, sr)?;
                        }
                        // Feeds, sitemaps, robots.txt, error pages, PDFs: archived, not articles.
                        Ok(_) => sr.other_records += 1,
                        Err(e) => {
                            sr.candidates += 1;
                            tracing::warn!("{e}");
                            sr.skip("corrupt_warc_record", Some(e.to_string()));
                        }
                    }
                }
            }
            Input::Jsonl(_) => {
                for (n, line) in crawl::jsonl::read(&file)?.enumerate() {
                    sr.candidates += 1;
                    match line {
                        Ok(c) => pipeline.push(format!("{}: record {}", file.display(), n + 1), c, store, sr)?,
                        Err(e) => {
                            tracing::warn!("{e}");
                            sr.skip("bad_jsonl_line", Some(e.to_string()));
                        }
                    }
                }
            }
        }
        pipeline.finish(Ingested::InputDone { source: src.name.clone(), input: key, fingerprint }, store, sr)?;
    }
    Ok(())
}

fn expand(pattern: &str) -> Result<Vec<PathBuf>> {
    let usage = |m: String| Error::Usage(m);
    let mut files: Vec<PathBuf> = glob::glob(pattern)
        .map_err(|e| usage(format!("bad path pattern `{pattern}`: {e}")))?
        .filter_map(|p| p.ok())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Io {
            path: PathBuf::from(pattern),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no file matches this path or pattern"),
        });
    }
    Ok(files)
}

/// SHA-256 of the file's bytes: an unchanged file is skipped by the next run.
fn fingerprint(path: &Path) -> Result<String> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

fn page_candidate(page: ArchivedPage) -> Candidate {
    Candidate {
        external_id: None,
        url: page.target_uri,
        title: None,
        published: None,
        body: Body::Html { bytes: page.payload, content_type: page.content_type },
        archived: Some(page.location),
        source_override: None,
    }
}

/// Turns a candidate into an article, or says why it is not one.
pub fn to_article(source: &SourceName, c: Candidate) -> Result<Article, &'static str> {
    let page_url = c.url.as_deref().and_then(canonicalize_url);
    let (x, is_html) = match &c.body {
        Body::Html { bytes, content_type } => {
            let extraction = extract::extract_html(bytes, content_type.as_deref(), page_url.as_deref());
            if !extraction.article.text.trim().is_empty() && !extraction.looks_like_article() {
                return Err("not_an_article");
            }
            (extraction.article, true)
        }
        Body::Text(t) => (extract::from_text(t), false),
    };
    if x.text.trim().is_empty() {
        return Err("no_text");
    }
    if is_html && word_count(&x.text) < MIN_HTML_WORDS {
        return Err("too_little_text");
    }
    let canonical = x
        .canonical_url
        .as_deref()
        .and_then(canonicalize_url)
        .filter(|canon| !is_site_root_for(canon, page_url.as_deref()))
        .or(page_url.clone());
    let id = match &canonical {
        Some(u) => ArticleId::from_canonical_url(u),
        None => ArticleId::from_content(&x.text),
    };
    let title = if is_html { x.title.or(c.title) } else { c.title.or(x.title) };
    Ok(Article {
        id,
        source: c.source_override.unwrap_or_else(|| source.clone()),
        url: page_url.or(canonical.clone()),
        canonical_url: canonical,
        external_id: c.external_id,
        title,
        authors: x.authors,
        published: c.published.or(x.published),
        language: x.language,
        text: x.text,
        archived: c.archived,
    })
}

/// Words in a text; Chinese, Japanese and Korean write without spaces, so there two
/// characters count as a word.
fn word_count(text: &str) -> usize {
    let cjk = text
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
        .count();
    text.split_whitespace().count() + cjk / 2
}

/// Some sites point `rel=canonical` of every article at their home page; such a canonical URL
/// would merge all their articles into one, so it is ignored.
fn is_site_root_for(canonical: &str, page: Option<&str>) -> bool {
    let Ok(c) = url::Url::parse(canonical) else { return true };
    let root = c.path() == "/" && c.query().is_none();
    root && page.and_then(|p| url::Url::parse(p).ok()).is_some_and(|p| p.path() != "/")
}

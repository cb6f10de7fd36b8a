//! The crawler's two sinks, implemented over the store and the archive: where its frontier
//! lives ([`StoreState`]) and where every response goes ([`WarcArchive`]).

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::Utc;

use crate::archive::{NewRecord, RecordKind, WarcWriter};
use crate::crawl::engine::{CrawlError, CrawlState, Finish, ResponseArchive};
use crate::crawl::frontier::{QueuedUrl, UrlKind};
use crate::crawl::http::FetchResult;
use crate::domain::SourceName;
use crate::store::{RunId, Store};

/// The frontier of one source in the database.
pub struct StoreState<'a> {
    /// The database.
    pub store: &'a mut Store,
    /// The source being crawled.
    pub source: SourceName,
    /// The current run.
    pub run: RunId,
}

fn sink<E: std::fmt::Display>(e: E) -> CrawlError {
    CrawlError::Sink(e.to_string())
}

impl CrawlState for StoreState<'_> {
    fn next(&mut self, limit: usize, exclude: &HashSet<String>) -> Result<Vec<QueuedUrl>, CrawlError> {
        self.store.frontier_next(&self.source, limit, exclude).map_err(sink)
    }

    fn discovered(&mut self, urls: &[(String, UrlKind, u32)]) -> Result<usize, CrawlError> {
        self.store.frontier_add(&self.source, urls, self.run).map_err(sink)
    }

    fn finish(&mut self, item: &QueuedUrl, f: &Finish) -> Result<(), CrawlError> {
        self.store.frontier_finish(&item.url, self.run, f.state, &f.outcome, f.retry_later, f.kind).map_err(sink)
    }

    fn validators(&self, url: &str) -> Result<(Option<String>, Option<String>), CrawlError> {
        self.store.http_validators(url).map_err(sink)
    }

    fn set_validators(&mut self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<(), CrawlError> {
        self.store.set_http_validators(url, etag, last_modified).map_err(sink)
    }

    fn is_stored(&self, canonical_url: &str) -> Result<bool, CrawlError> {
        self.store.has_article_url(canonical_url).map_err(sink)
    }

    fn pages_fetched(&self) -> Result<usize, CrawlError> {
        self.store.frontier_pages_fetched(&self.source, self.run).map_err(sink)
    }
}

/// Writes every exchange as WARC request and response records, in files of the run
/// (`<dir>/<run>-<n>.warc.gz`), rotated at a size. A new run never appends to an older file, so a
/// file cut short by a kill is only ever followed by nothing.
pub struct WarcArchive {
    dir: PathBuf,
    run: RunId,
    rotate_bytes: u64,
    writer: Option<WarcWriter>,
    files: u32,
}

impl WarcArchive {
    /// Archives into `dir` (created when missing).
    pub fn new(dir: PathBuf, run: RunId, rotate_bytes: u64) -> WarcArchive {
        WarcArchive { dir, run, rotate_bytes, writer: None, files: 0 }
    }

    fn writer(&mut self) -> Result<&mut WarcWriter, CrawlError> {
        let full = self.writer.as_ref().is_some_and(|w| w.len() >= self.rotate_bytes);
        if full {
            if let Some(mut w) = self.writer.take() {
                w.sync().map_err(sink)?;
            }
        }
        if self.writer.is_none() {
            std::fs::create_dir_all(&self.dir).map_err(sink)?;
            let path = loop {
                self.files += 1;
                let p = self.dir.join(format!("{:06}-{:03}.warc.gz", self.run.0, self.files));
                if !p.exists() {
                    break p;
                }
            };
            let mut w = WarcWriter::append(&path).map_err(sink)?;
            let info = format!(
                "software: newsmine/{}\r\nformat: WARC File Format 1.1\r\nrun: {}\r\n",
                env!("CARGO_PKG_VERSION"),
                self.run.0
            );
            w.write(&NewRecord {
                kind: RecordKind::Warcinfo,
                target_uri: "",
                date: Utc::now(),
                content_type: "application/warc-fields",
                block: info.as_bytes(),
                payload: None,
                extra: &[("WARC-Filename", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())],
            })
            .map_err(sink)?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("set above"))
    }

    /// Flushes the current file to disk.
    pub fn sync(&mut self) -> Result<(), CrawlError> {
        match &mut self.writer {
            Some(w) => w.sync().map_err(sink),
            None => Ok(()),
        }
    }
}

impl ResponseArchive for WarcArchive {
    fn archive(&mut self, result: &FetchResult) -> Result<(), CrawlError> {
        let w = self.writer()?;
        for ex in &result.exchanges {
            let (_, request_id) = w
                .write(&NewRecord {
                    kind: RecordKind::Request,
                    target_uri: ex.url.as_str(),
                    date: ex.started_at,
                    content_type: "application/http; msgtype=request",
                    block: &ex.request_head,
                    payload: None,
                    extra: &[],
                })
                .map_err(sink)?;
            let mut block = ex.response_head.clone();
            block.extend_from_slice(&ex.body);
            let mut extra = vec![("WARC-Concurrent-To", request_id)];
            if let Some(ip) = ex.remote_ip {
                extra.push(("WARC-IP-Address", ip.to_string()));
            }
            if ex.truncated {
                extra.push(("WARC-Truncated", "length".to_owned()));
            }
            w.write(&NewRecord {
                kind: RecordKind::Response,
                target_uri: ex.url.as_str(),
                date: ex.started_at,
                content_type: "application/http; msgtype=response",
                block: &block,
                payload: Some(&ex.body),
                extra: &extra,
            })
            .map_err(sink)?;
        }
        if result.exchanges.is_empty() {
            // No response at all (timeout, refused, connection failure): keep the attempt on record.
            let note = format!("outcome: {}\r\nretries: {}\r\n", result.outcome.as_key(), result.retries);
            w.write(&NewRecord {
                kind: RecordKind::Metadata,
                target_uri: result.requested.as_str(),
                date: Utc::now(),
                content_type: "application/warc-fields",
                block: note.as_bytes(),
                payload: None,
                extra: &[],
            })
            .map_err(sink)?;
        }
        Ok(())
    }
}

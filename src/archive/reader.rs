//! Reading records from `.warc` and `.warc.gz` files, with the byte offset of each record.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use warc::{RawRecordHeader, WarcHeader, WarcReader};

use super::http::{self, MAX_DECODED_PAYLOAD};
use crate::domain::{WarcLocation, parse_datetime};

/// A WARC file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The file could not be opened or read.
    #[error("cannot read WARC file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// No record at the stored location (the archive was moved, truncated or rewritten).
    #[error("no readable WARC record at {path} offset {offset}: {message}")]
    NoRecord {
        /// The file.
        path: PathBuf,
        /// The offset that was looked up.
        offset: u64,
        /// What was found instead.
        message: String,
    },
}

/// One record that could not be read; the reader skips it and continues.
#[derive(Debug, thiserror::Error)]
#[error("{}: record at offset {}: {message}", location.file.display(), location.offset)]
pub struct RecordError {
    /// Where the bad record starts.
    pub location: WarcLocation,
    /// What is wrong with it.
    pub message: String,
}

/// A page found in a WARC file: a `response` record (HTTP headers parsed) or a `resource`
/// record (the payload as it is).
#[derive(Debug, Clone)]
pub struct ArchivedPage {
    /// Where the record is.
    pub location: WarcLocation,
    /// `WARC-Type`: `response` or `resource`.
    pub record_type: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when it was captured.
    pub date: Option<DateTime<Utc>>,
    /// HTTP status for `response` records.
    pub http_status: Option<u16>,
    /// The payload's media type (HTTP `Content-Type`, or the record's for `resource`).
    pub content_type: Option<String>,
    /// The payload bytes, transfer and content encodings removed.
    pub payload: Vec<u8>,
    /// The record says it is incomplete (`WARC-Truncated`): the response was cut at a size or
    /// time limit.
    pub truncated: bool,
}

impl ArchivedPage {
    /// Whether this record is an article candidate: a successful HTML response or resource.
    pub fn is_html_page(&self) -> bool {
        if let Some(status) = self.http_status {
            if !(200..300).contains(&status) {
                return false;
            }
        }
        match self.content_type.as_deref() {
            Some(ct) => {
                let ct = ct.to_ascii_lowercase();
                ct.contains("text/html") || ct.contains("application/xhtml")
            }
            None => {
                let head = String::from_utf8_lossy(&self.payload[..self.payload.len().min(1024)]).to_ascii_lowercase();
                head.contains("<html") || head.contains("<!doctype html")
            }
        }
    }
}

/// Opens a WARC file; gzip is recognised by its magic bytes, whatever the file is named.
pub fn read_warc(path: &Path) -> Result<WarcRecords, ArchiveError> {
    let io_err = |source| ArchiveError::Io { path: path.to_owned(), source };
    let mut file = File::open(path).map_err(io_err)?;
    let mut magic = [0u8; 2];
    let n = file.read(&mut magic).map_err(io_err)?;
    file.seek(SeekFrom::Start(0)).map_err(io_err)?;
    Ok(WarcRecords {
        path: path.to_owned(),
        reader: Counting { inner: BufReader::with_capacity(1 << 20, file), pos: 0 },
        gzip: n == 2 && magic == [0x1f, 0x8b],
        pending: Vec::new(),
        done: false,
    })
}

/// The records of one WARC file, in file order. Records other than `response` and `resource`
/// (warcinfo, request, metadata, ...) are passed over silently.
pub struct WarcRecords {
    path: PathBuf,
    reader: Counting<BufReader<File>>,
    gzip: bool,
    pending: Vec<Result<ArchivedPage, RecordError>>,
    done: bool,
}

impl Iterator for WarcRecords {
    type Item = Result<ArchivedPage, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.read_next_chunk();
        }
    }
}

impl WarcRecords {
    /// Reads the next gzip member (or, uncompressed, the next record) into `pending`.
    fn read_next_chunk(&mut self) {
        let offset = self.reader.pos;
        match self.reader.fill_buf() {
            Ok([]) => {
                self.done = true;
                return;
            }
            Ok(_) => {}
            Err(e) => return self.fail(offset, format!("read error: {e}"), None),
        }
        let location = WarcLocation { file: self.path.clone(), offset };
        let mut found = Vec::new();
        let result = if self.gzip {
            let decoder = flate2::bufread::GzDecoder::new(&mut self.reader);
            let mut member = BufReader::new(decoder.take(MAX_DECODED_PAYLOAD * 2));
            let r = read_records(&mut member, &location, &mut found, usize::MAX);
            // Drain what is left of a member whose records did not parse, so the next read
            // starts at the next member.
            let drained = io::copy(&mut member, &mut io::sink());
            r.and(drained.map(|_| ()).map_err(|e| format!("gzip member is corrupt: {e}")))
        } else {
            read_records(&mut self.reader, &location, &mut found, 1)
        };
        found.reverse();
        self.pending = found;
        if let Err(message) = result {
            let magic: &[u8] = if self.gzip { &[0x1f, 0x8b, 0x08] } else { b"WARC/1." };
            self.fail(offset, message, Some(magic));
        }
    }

    /// Records a bad record and moves past it to the next plausible record start.
    fn fail(&mut self, offset: u64, message: String, resync_on: Option<&[u8]>) {
        self.pending.insert(0, Err(RecordError { location: WarcLocation { file: self.path.clone(), offset }, message }));
        match resync_on.map(|magic| self.resync(offset + 1, magic)) {
            Some(Ok(true)) => {}
            _ => self.done = true,
        }
    }

    /// Moves the reader to the first occurrence of `magic` at or after `from`; false at end of
    /// file.
    fn resync(&mut self, from: u64, magic: &[u8]) -> io::Result<bool> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(from))?;
        let mut scan = BufReader::with_capacity(1 << 20, file);
        let (mut pos, mut carry) = (from, Vec::<u8>::new());
        loop {
            let buf = scan.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let window_start = pos - carry.len() as u64;
            carry.extend_from_slice(buf);
            if let Some(i) = http::find(&carry, magic) {
                let at = window_start + i as u64;
                let mut file = scan.into_inner();
                file.seek(SeekFrom::Start(at))?;
                self.reader = Counting { inner: BufReader::with_capacity(1 << 20, file), pos: at };
                return Ok(true);
            }
            let n = buf.len();
            scan.consume(n);
            pos += n as u64;
            carry.drain(..carry.len().saturating_sub(magic.len() - 1));
        }
    }
}

/// Parses up to `limit` records from `input`, appending pages to `out`.
fn read_records(
    input: &mut impl BufRead,
    location: &WarcLocation,
    out: &mut Vec<Result<ArchivedPage, RecordError>>,
    limit: usize,
) -> Result<(), String> {
    let mut records = WarcReader::new(input).iter_raw_records();
    for _ in 0..limit {
        match records.next() {
            None => return Ok(()),
            Some(Err(e)) => return Err(format!("malformed WARC record: {e}")),
            Some(Ok((header, block))) => {
                if let Some(page) = to_page(&header, block, location).transpose() {
                    out.push(page);
                }
            }
        }
    }
    Ok(())
}

fn to_page(header: &RawRecordHeader, block: Vec<u8>, location: &WarcLocation) -> Result<Option<ArchivedPage>, RecordError> {
    let headers: &HashMap<WarcHeader, Vec<u8>> = header.as_ref();
    let get = |h: WarcHeader| headers.get(&h).map(|v| String::from_utf8_lossy(v).trim().to_owned());
    let record_type = get(WarcHeader::WarcType).unwrap_or_default();
    let target_uri = get(WarcHeader::TargetURI).map(|u| u.trim_matches(['<', '>']).to_owned());
    let date = get(WarcHeader::Date).and_then(|d| parse_datetime(&d));
    let truncated = headers.contains_key(&WarcHeader::Truncated);
    let err = |message: String| RecordError { location: location.clone(), message };
    match record_type.as_str() {
        "response" => {
            let is_http = get(WarcHeader::ContentType).is_none_or(|ct| ct.contains("application/http"));
            if !is_http {
                return Ok(None);
            }
            let resp = http::parse_response(&block).map_err(|m| err(format!("response record: {m}")))?;
            Ok(Some(ArchivedPage {
                location: location.clone(),
                record_type,
                target_uri,
                date,
                http_status: Some(resp.status),
                content_type: resp.content_type,
                payload: resp.payload,
                truncated,
            }))
        }
        "resource" => Ok(Some(ArchivedPage {
            location: location.clone(),
            record_type,
            target_uri,
            date,
            http_status: None,
            content_type: get(WarcHeader::ContentType),
            payload: block,
            truncated,
        })),
        _ => Ok(None),
    }
}

/// Reads the page stored at `location`, for showing an article's archived original.
pub fn read_page_at(location: &WarcLocation) -> Result<ArchivedPage, ArchiveError> {
    let no_record = |message: String| ArchiveError::NoRecord {
        path: location.file.clone(),
        offset: location.offset,
        message,
    };
    let mut records = read_warc(&location.file)?;
    records.reader.inner.seek(SeekFrom::Start(location.offset)).map_err(|source| ArchiveError::Io {
        path: location.file.clone(),
        source,
    })?;
    records.reader.pos = location.offset;
    match records.next() {
        Some(Ok(page)) if page.location.offset == location.offset => Ok(page),
        Some(Ok(_)) | None => Err(no_record("no response or resource record there".into())),
        Some(Err(e)) => Err(no_record(e.message)),
    }
}

/// A `BufRead` that counts the bytes consumed, so each record's offset is known.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests;

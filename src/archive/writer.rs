//! Writing WARC/1.1 records, one gzip member per record, so every record can be read on its
//! own from its offset.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use sha1::{Digest, Sha1};

use super::ArchiveError;
use crate::domain::WarcLocation;

/// The record types newsmine writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Describes the file and the software that wrote it.
    Warcinfo,
    /// The HTTP request as sent.
    Request,
    /// The HTTP response as received (status line, headers, body).
    Response,
    /// Content without protocol headers (pages whose HTTP exchange was not kept).
    Resource,
    /// Anything newsmine learned about a capture that is not the capture (errors, timings).
    Metadata,
}

impl RecordKind {
    fn as_str(self) -> &'static str {
        match self {
            RecordKind::Warcinfo => "warcinfo",
            RecordKind::Request => "request",
            RecordKind::Response => "response",
            RecordKind::Resource => "resource",
            RecordKind::Metadata => "metadata",
        }
    }
}

/// One record to write.
#[derive(Debug, Clone)]
pub struct NewRecord<'a> {
    /// The record type.
    pub kind: RecordKind,
    /// `WARC-Target-URI` (omitted when empty).
    pub target_uri: &'a str,
    /// `WARC-Date`: when the content was captured.
    pub date: DateTime<Utc>,
    /// `Content-Type` of the block (`application/http; msgtype=response`, `text/html`, ...).
    pub content_type: &'a str,
    /// The record block.
    pub block: &'a [u8],
    /// The payload inside the block (the HTTP body for responses), for `WARC-Payload-Digest`.
    pub payload: Option<&'a [u8]>,
    /// Further headers (`WARC-Concurrent-To`, `WARC-IP-Address`, ...).
    pub extra: &'a [(&'a str, String)],
}

/// Appends records to a `.warc.gz` file.
pub struct WarcWriter {
    path: PathBuf,
    file: File,
    offset: u64,
}

fn digest(bytes: &[u8]) -> String {
    format!("sha1:{}", data_encoding::BASE32.encode(&Sha1::digest(bytes)))
}

impl WarcWriter {
    /// Opens `path` for appending (creating it when missing).
    pub fn append(path: &Path) -> Result<WarcWriter, ArchiveError> {
        let io_err = |source| ArchiveError::Io { path: path.to_owned(), source };
        let file = OpenOptions::new().create(true).append(true).open(path).map_err(io_err)?;
        let offset = file.metadata().map_err(io_err)?.len();
        Ok(WarcWriter { path: path.to_owned(), file, offset })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes written so far (the offset the next record will have).
    pub fn len(&self) -> u64 {
        self.offset
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.offset == 0
    }

    /// Writes one record as its own gzip member and returns where it starts. The member is
    /// written with one `write_all`, so a crash leaves at most a truncated last member, which
    /// readers report and skip.
    pub fn write(&mut self, r: &NewRecord<'_>) -> Result<(WarcLocation, String), ArchiveError> {
        let id = format!("<urn:uuid:{}>", uuid::Uuid::new_v4());
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {}\r\nWARC-Record-ID: {id}\r\nWARC-Date: {}\r\n",
            r.kind.as_str(),
            r.date.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
        if !r.target_uri.is_empty() {
            head.push_str(&format!("WARC-Target-URI: {}\r\n", r.target_uri));
        }
        for (k, v) in r.extra {
            head.push_str(&format!("{k}: {}\r\n", v.replace(['\r', '\n'], " ")));
        }
        head.push_str(&format!("WARC-Block-Digest: {}\r\n", digest(r.block)));
        if let Some(p) = r.payload {
            head.push_str(&format!("WARC-Payload-Digest: {}\r\n", digest(p)));
        }
        head.push_str(&format!("Content-Type: {}\r\nContent-Length: {}\r\n\r\n", r.content_type, r.block.len()));
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(r.block.len() / 3 + 512), flate2::Compression::default());
        let member = (|| -> io::Result<Vec<u8>> {
            gz.write_all(head.as_bytes())?;
            gz.write_all(r.block)?;
            gz.write_all(b"\r\n\r\n")?;
            gz.finish()
        })();
        let io_err = |source| ArchiveError::Io { path: self.path.clone(), source };
        let member = member.map_err(io_err)?;
        self.file.write_all(&member).map_err(io_err)?;
        let location = WarcLocation { file: self.path.clone(), offset: self.offset };
        self.offset += member.len() as u64;
        Ok((location, id))
    }

    /// Flushes written records to disk.
    pub fn sync(&mut self) -> Result<(), ArchiveError> {
        self.file.sync_data().map_err(|source| ArchiveError::Io { path: self.path.clone(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_records_read_back_at_their_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.warc.gz");
        let mut w = WarcWriter::append(&path).unwrap();
        let date = Utc::now();
        let page = b"<html><body><p>hello</p></body></html>";
        let base = NewRecord {
            kind: RecordKind::Resource,
            target_uri: "https://a.kz/x",
            date,
            content_type: "text/html",
            block: page,
            payload: Some(page),
            extra: &[],
        };
        let (a, _) = w.write(&base).unwrap();
        let (b, _) = w.write(&NewRecord { target_uri: "https://a.kz/y", ..base.clone() }).unwrap();
        assert_eq!(a.offset, 0);
        assert!(b.offset > 0);
        let back = super::super::read_page_at(&b).unwrap();
        assert_eq!(back.target_uri.as_deref(), Some("https://a.kz/y"));
        assert_eq!(back.payload, page);
        // Appending continues at the end.
        let mut w = WarcWriter::append(&path).unwrap();
        let (c, _) = w.write(&base).unwrap();
        assert!(c.offset > b.offset);
        assert_eq!(super::super::read_warc(&path).unwrap().count(), 3);
    }
}

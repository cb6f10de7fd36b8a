//! WARC files: reading the records of existing archives and writing new ones.
//!
//! Owns: the WARC format. Input: a `.warc` or `.warc.gz` path. Output: [`ArchivedPage`]s with
//! their [`WarcLocation`](crate::domain::WarcLocation), so that every article can point to the
//! exact bytes it came from.
//! Never: decodes charsets or parses HTML (that is `extract`), and never stops at a corrupt
//! record: it reports it with its file and offset and goes on with the next one.

mod http;
mod reader;
mod writer;

pub use reader::{ArchiveError, ArchivedPage, RecordError, WarcRecords, read_page_at, read_warc};
pub use writer::{NewRecord, RecordKind, WarcWriter};

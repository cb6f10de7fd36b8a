//! The article as extracted from a page or read from a text source.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ArticleId, SourceName};

/// Where the page an article came from is archived: the WARC file and the byte offset of its
/// record (of the gzip member holding it, for `.warc.gz`).
///
/// Why: a fact-checker must be able to show the page exactly as it was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarcLocation {
    /// The WARC file, as configured or as written by the archive stage.
    pub file: PathBuf,
    /// Byte offset of the record in the file.
    pub offset: u64,
}

/// What the extract stage gets out of one HTML page: the fields of `newsmine extract --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractedArticle {
    /// The headline, without the site name where it could be told apart.
    pub title: Option<String>,
    /// Bylines, one name each.
    pub authors: Vec<String>,
    /// Publication time from the page's metadata, in UTC.
    pub published: Option<DateTime<Utc>>,
    /// ISO 639-1 code (`en`, `ru`, `kk`), from the page or detected from the text.
    pub language: Option<String>,
    /// The main text; paragraphs are separated by a blank line.
    pub text: String,
    /// The page's `rel=canonical` URL (or `og:url`), resolved against the page URL.
    pub canonical_url: Option<String>,
}

/// An article as stored and indexed: the extracted fields plus where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id (see [`ArticleId`]).
    pub id: ArticleId,
    /// The configured source it was read from.
    pub source: SourceName,
    /// The URL it was fetched from, when it has one.
    pub url: Option<String>,
    /// The canonical URL the id was derived from, when it has one.
    pub canonical_url: Option<String>,
    /// The id the source itself gave the article (a JSONL `id`), kept for cross-reference.
    pub external_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Publication time, when known.
    pub published: Option<DateTime<Utc>>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Body text, paragraphs separated by a blank line.
    pub text: String,
    /// The archived page, for articles that came from HTML in a WARC file.
    pub archived: Option<WarcLocation>,
}

impl Article {
    /// A short fingerprint of everything an article's analysis and index entry depend on.
    ///
    /// Why: a rerun compares it with the stored one to tell "unchanged" from "updated".
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            self.title.as_deref().unwrap_or(""),
            &self.text,
            &self.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
            self.language.as_deref().unwrap_or(""),
            self.url.as_deref().unwrap_or(""),
            &self.authors.join("\u{1f}"),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        hex::encode(&h.finalize()[..12])
    }
}

//! Newtype identifiers: [`ArticleId`], [`RegionId`], [`SectorId`], [`SourceName`].

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A value that cannot be used as an identifier.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    /// Identifiers are lower-case ASCII words joined by hyphens (`west-kazakhstan`).
    #[error("`{0}` is not a valid id: use lower-case letters, digits and hyphens (for example `west-kazakhstan`)")]
    Malformed(String),
    /// Article ids are 16 lower-case hex digits, as newsmine prints them.
    #[error("`{0}` is not an article id: article ids are 16 hex digits (0-9, a-f), as `search` prints them")]
    NotArticleId(String),
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

/// The stable identity of an article: 16 hex digits of SHA-256 over its canonical URL, or over
/// its normalised text when it has no URL.
///
/// Why: the same article must get the same id in every run and on every machine, so that
/// reruns upsert instead of duplicating, and ids printed by `search` stay valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// The id of an article known by its canonical URL.
    pub fn from_canonical_url(url: &str) -> Self {
        Self::digest(b"url\0", url.as_bytes())
    }

    /// The id of an article without a URL: whitespace differences do not change it.
    pub fn from_content(text: &str) -> Self {
        let normalised: Vec<&str> = text.split_whitespace().collect();
        Self::digest(b"text\0", normalised.join(" ").as_bytes())
    }

    fn digest(domain: &[u8], bytes: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(domain);
        hasher.update(bytes);
        let out = hasher.finalize();
        ArticleId(hex::encode(&out[..8]))
    }

    /// Accepts an id as printed by newsmine (16 lower-case hex digits).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(ArticleId(s.to_owned()))
        } else {
            Err(IdError::NotArticleId(s.to_owned()))
        }
    }

    /// The id as text, as stored and printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Accepts a lower-case slug such as `west-kazakhstan`.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                if is_slug(s) { Ok($name(s.to_owned())) } else { Err(IdError::Malformed(s.to_owned())) }
            }

            /// The id as text, as stored and printed.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// One of Kazakhstan's 20 first-level units (`kyzylorda`, `almaty-region`, `shymkent`), as
    /// defined by the tagging guideline; the gazetteer in `config/` is the list of valid ones.
    RegionId
);
slug_id!(
    /// A sector of the taxonomy in `config/` (`transport`, `digital`, ...).
    SectorId
);
slug_id!(
    /// The configured name of a source (`kz-gov-press`); every article records where it came from.
    SourceName
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_are_stable_and_distinct() {
        let a = ArticleId::from_canonical_url("https://example.kz/a");
        assert_eq!(a, ArticleId::from_canonical_url("https://example.kz/a"));
        assert_ne!(a, ArticleId::from_canonical_url("https://example.kz/b"));
        assert_eq!(a.as_str().len(), 16);
        assert_eq!(ArticleId::parse(a.as_str()).unwrap(), a);
        assert_eq!(ArticleId::from_content("a  b\nc"), ArticleId::from_content(" a b c "));
        assert_ne!(ArticleId::from_content("x"), ArticleId::from_canonical_url("x"));
    }

    #[test]
    fn slugs_reject_spaces_and_capitals() {
        assert!(RegionId::parse("west-kazakhstan").is_ok());
        assert!(RegionId::parse("West Kazakhstan").is_err());
        assert!(SectorId::parse("").is_err());
    }
}

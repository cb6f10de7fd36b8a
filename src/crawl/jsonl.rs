//! JSON Lines sources: one article per line, `{"text" | "html", "id"?, "url"?, "title"?,
//! "published"?, "source"?}`.
//!
//! A bad line never stops the file: it is reported with its line number and the next line is read.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Body, Candidate};
use crate::domain::{SourceName, parse_datetime};

/// A line that is not a usable article.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct JsonlLineError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// The file itself could not be opened or read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read JSON Lines file {path}: {source}")]
pub struct JsonlFileError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub source: std::io::Error,
}

#[derive(Debug, Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

/// Reads `path` and yields one result per non-blank line, in order.
pub fn read(path: &Path) -> Result<impl Iterator<Item = Result<Candidate, JsonlLineError>>, JsonlFileError> {
    let file = std::fs::File::open(path).map_err(|source| JsonlFileError { path: path.to_owned(), source })?;
    let path = path.to_owned();
    let lines = BufReader::new(file).lines().enumerate();
    Ok(lines.filter_map(move |(i, line)| {
        let err = |message: String| JsonlLineError { path: path.clone(), line: i + 1, message };
        match line {
            Err(e) => Some(Err(err(format!("unreadable line: {e}")))),
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(parse_line(&l).map_err(err)),
        }
    }))
}

/// Parses one line into a candidate; the error says what to fix.
pub fn parse_line(line: &str) -> Result<Candidate, String> {
    let l: Line = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let body = match (l.text, l.html) {
        (_, Some(html)) if !html.trim().is_empty() => {
            Body::Html { bytes: html.into_bytes(), content_type: Some("text/html; charset=utf-8".into()) }
        }
        (Some(text), _) if !text.trim().is_empty() => Body::Text(text),
        _ => return Err("no `text` or `html` field with content".into()),
    };
    let published = match l.published.as_deref() {
        None | Some("") => None,
        Some(p) => Some(parse_datetime(p).ok_or_else(|| {
            format!("`published` is `{p}`: write a date such as 2024-09-03 or 2024-09-03T16:20:04Z")
        })?),
    };
    let external_id = match l.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(v @ serde_json::Value::Number(_)) => Some(v.to_string()),
        Some(_) => return Err("`id` must be a string or a number".into()),
    };
    let source_override = match l.source.as_deref() {
        None | Some("") => None,
        Some(s) => Some(SourceName::parse(s).map_err(|e| format!("`source`: {e}"))?),
    };
    Ok(Candidate {
        external_id,
        url: l.url.filter(|u| !u.trim().is_empty()),
        title: l.title.filter(|t| !t.trim().is_empty()),
        published,
        body,
        archived: None,
        source_override,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_candidates_or_say_why_not() {
        let c = parse_line(r#"{"id": "pm-1", "text": "Roads.", "published": "2019-01-02"}"#).unwrap();
        assert_eq!(c.external_id.as_deref(), Some("pm-1"));
        assert_eq!(c.body, Body::Text("Roads.".into()));
        assert!(c.published.is_some());
        let c = parse_line(r#"{"id": 7, "html": "<p>x</p>", "text": "x"}"#).unwrap();
        assert!(matches!(c.body, Body::Html { .. }));
        assert_eq!(c.external_id.as_deref(), Some("7"));
        assert!(parse_line("{not json").unwrap_err().contains("not a JSON object"));
        assert!(parse_line(r#"{"id": "a"}"#).unwrap_err().contains("no `text`"));
        assert!(parse_line(r#"{"text": "a", "published": "soon"}"#).unwrap_err().contains("published"));
    }

    #[test]
    fn a_bad_line_is_numbered_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"text\": \"one\"}\n\n{oops\n{\"text\": \"two\"}\n").unwrap();
        let got: Vec<_> = read(&p).unwrap().collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].as_ref().unwrap_err().line, 3);
        assert!(got[2].is_ok());
    }
}

//! Response bodies: reading the raw bytes off the wire under a size cap and a deadline, and
//! removing Content-Encoding under a second cap.
//!
//! Owns: the two limits that protect memory, `max_body_bytes` (what the server sends) and
//! `max_decoded_bytes` (what a compression bomb expands to). Why we decode ourselves: the
//! archive keeps the bytes exactly as received, so reqwest's transparent decoding is off.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use tokio::time::Instant;

use super::outcome::Truncation;

/// The raw body and how reading it ended.
#[derive(Debug)]
pub(crate) struct RawBody {
    /// The bytes read, at most the cap.
    pub bytes: Vec<u8>,
    /// `None` when the body arrived complete.
    pub truncation: Option<Truncation>,
    /// The transport error that cut the body short, for `Truncation::Disconnect`.
    pub error: Option<String>,
}

/// Reads `response`'s body until its end, `max_bytes` or `deadline`, whichever comes first.
/// A declared Content-Length over the cap stops before reading anything.
pub(crate) async fn read_capped(mut response: reqwest::Response, max_bytes: u64, deadline: Instant) -> RawBody {
    let cap = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    if response.content_length().is_some_and(|n| n > max_bytes) {
        return RawBody { bytes: Vec::new(), truncation: Some(Truncation::Length), error: None };
    }
    let initial = response.content_length().map_or(16 * 1024, |n| n as usize).min(cap).min(1 << 20);
    let mut bytes = Vec::with_capacity(initial);
    loop {
        let chunk = match tokio::time::timeout_at(deadline, response.chunk()).await {
            Err(_elapsed) => return RawBody { bytes, truncation: Some(Truncation::Time), error: None },
            Ok(Err(e)) => {
                return RawBody { bytes, truncation: Some(Truncation::Disconnect), error: Some(describe(&e)) };
            }
            Ok(Ok(None)) => return RawBody { bytes, truncation: None, error: None },
            Ok(Ok(Some(chunk))) => chunk,
        };
        let room = cap - bytes.len();
        if chunk.len() > room {
            bytes.extend_from_slice(&chunk[..room]);
            // Dropping the response here closes the connection: nothing more is read.
            return RawBody { bytes, truncation: Some(Truncation::Length), error: None };
        }
        bytes.extend_from_slice(&chunk);
    }
}

/// An error and its causes on one line ("error sending request: connection reset by peer").
pub(crate) fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = cause.source();
    }
    msg
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeFailure {
    /// It expands beyond the cap.
    TooLarge,
    /// It is not in the encoding it claims, or the encoding is not supported (message).
    Corrupt(String),
}

/// Removes the Content-Encoding(s) listed in `encoding` ("gzip", "x-gzip", "deflate",
/// "identity", comma-separated, applied in order so removed in reverse) from `raw`, producing
/// at most `max_bytes`.
pub(crate) fn decode(encoding: Option<&str>, raw: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, DecodeFailure> {
    let codings: Vec<String> = encoding
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut data = raw;
    for coding in codings.iter().rev() {
        if data.is_empty() {
            break;
        }
        data = match coding.as_str() {
            "gzip" | "x-gzip" => read_limited(MultiGzDecoder::new(&data[..]), max_bytes, coding)?,
            "deflate" if looks_like_zlib(&data) => read_limited(ZlibDecoder::new(&data[..]), max_bytes, coding)?,
            // Some servers send raw deflate without the zlib wrapper.
            "deflate" => read_limited(DeflateDecoder::new(&data[..]), max_bytes, coding)?,
            other => {
                return Err(DecodeFailure::Corrupt(format!(
                    "Content-Encoding {other} is not supported (we ask only for gzip and deflate)"
                )));
            }
        };
    }
    if data.len() as u64 > max_bytes {
        return Err(DecodeFailure::TooLarge);
    }
    Ok(data)
}

fn looks_like_zlib(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

fn read_limited(reader: impl Read, max_bytes: u64, coding: &str) -> Result<Vec<u8>, DecodeFailure> {
    let mut out = Vec::new();
    match reader.take(max_bytes.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > max_bytes => Err(DecodeFailure::TooLarge),
        Ok(_) => Ok(out),
        Err(e) => Err(DecodeFailure::Corrupt(format!("body is not valid {coding}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    fn check(encoding: Option<&str>, raw: Vec<u8>, cap: u64, expected: Result<&[u8], &str>) {
        let got = decode(encoding, raw, cap);
        match (got, expected) {
            (Ok(bytes), Ok(want)) => assert_eq!(bytes, want, "{encoding:?}"),
            (Err(DecodeFailure::TooLarge), Err("too large")) => {}
            (Err(DecodeFailure::Corrupt(msg)), Err(part)) if msg.contains(part) => {}
            (got, want) => panic!("{encoding:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn encodings_are_removed_under_a_cap() {
        let text = b"<html>hello</html>".repeat(10);
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(&text).expect("in memory");
        let mut raw_deflate = DeflateEncoder::new(Vec::new(), Compression::default());
        raw_deflate.write_all(&text).expect("in memory");
        let mut two_members = gzip(b"one ");
        two_members.extend(gzip(b"two"));
        let mut cut = gzip(&text);
        cut.truncate(cut.len() / 2);

        check(None, text.clone(), 1000, Ok(&text));
        check(Some("identity"), text.clone(), 1000, Ok(&text));
        check(Some("gzip"), gzip(&text), 1000, Ok(&text));
        check(Some("X-GZIP"), gzip(&text), 1000, Ok(&text));
        check(Some("deflate"), zlib.finish().expect("in memory"), 1000, Ok(&text));
        check(Some("deflate"), raw_deflate.finish().expect("in memory"), 1000, Ok(&text));
        check(Some("gzip, gzip"), gzip(&gzip(&text)), 1000, Ok(&text));
        check(Some("gzip"), two_members, 1000, Ok(b"one two"));
        check(Some("gzip"), Vec::new(), 1000, Ok(b""));
        check(Some("gzip"), gzip(&text), 100, Err("too large"));
        check(None, text.clone(), 100, Err("too large"));
        check(Some("gzip"), gzip(&vec![0u8; 1 << 20]), 64 * 1024, Err("too large"));
        check(Some("gzip"), b"definitely not gzip".to_vec(), 1000, Err("not valid gzip"));
        check(Some("gzip"), cut, 1000, Err("not valid gzip"));
        check(Some("br"), b"\x0b\x02\x80hi\x03".to_vec(), 1000, Err("br is not supported"));
    }

    #[test]
    fn errors_are_described_with_their_causes() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        let outer = std::io::Error::other(inner);
        assert!(describe(&outer).contains("connection reset by peer"));
    }
}

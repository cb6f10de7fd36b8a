//! Unit tests of the WARC reader: offsets, gzip members, corrupt records, resynchronisation.

use std::io::Write;

use super::*;

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        "12345678-1234-1234-1234-123456789abc",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn pages(path: &Path) -> (Vec<ArchivedPage>, Vec<RecordError>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for r in read_warc(path).unwrap() {
        match r {
            Ok(p) => ok.push(p),
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

fn sample_records() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        record("response", "https://a.kz/1", "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><p>one</p></html>"),
        record("resource", "https://a.kz/2", "text/html", b"<html><p>two</p></html>"),
        record("response", "https://a.kz/3", "application/http; msgtype=response",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope"),
    ]
}

#[test]
fn gzip_members_are_read_with_their_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.warc.gz");
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for r in sample_records() {
        offsets.push(file.len() as u64);
        file.extend(gz(&r));
    }
    std::fs::write(&path, &file).unwrap();
    let (ok, bad) = pages(&path);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 3);
    assert_eq!(ok[0].target_uri.as_deref(), Some("https://a.kz/1"));
    assert_eq!(ok[0].payload, b"<html><p>one</p></html>");
    assert_eq!(ok[0].location.offset, offsets[1]);
    assert!(ok[0].is_html_page() && ok[1].is_html_page() && !ok[2].is_html_page());
    assert_eq!(ok[1].location.offset, offsets[2]);
    let again = read_page_at(&ok[1].location).unwrap();
    assert_eq!(again.payload, b"<html><p>two</p></html>");
    assert!(read_page_at(&WarcLocation { file: path, offset: 3 }).is_err());
}

#[test]
fn a_corrupt_gzip_member_or_record_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.warc.gz");
    let recs = sample_records();
    let mut file = gz(&recs[1]);
    let bad_gzip_at = file.len() as u64;
    let mut broken = gz(&recs[2]);
    let mid = broken.len() / 2;
    broken[mid..].iter_mut().for_each(|b| *b ^= 0x5a);
    file.extend(broken);
    let bad_record_at = file.len() as u64;
    file.extend(gz(b"WARC/1.1\r\nnot a header line at all\r\n\r\n"));
    file.extend(gz(&recs[2]));
    std::fs::write(&path, &file).unwrap();
    let (ok, bad) = pages(&path);
    assert_eq!(ok.iter().map(|p| p.target_uri.clone().unwrap()).collect::<Vec<_>>(), ["https://a.kz/1", "https://a.kz/2"]);
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert_eq!(bad[0].location.offset, bad_gzip_at);
    assert_eq!(bad[1].location.offset, bad_record_at);
}

#[test]
fn uncompressed_files_resync_after_a_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.warc");
    let recs = sample_records();
    let mut file = recs[1].clone();
    let bad_at = file.len() as u64;
    file.extend(b"WARC/1.1\r\nContent-Length: 99999\r\n\r\ntruncated\r\n");
    let good_at = file.len() as u64;
    file.extend(&recs[2]);
    std::fs::write(&path, &file).unwrap();
    let (ok, bad) = pages(&path);
    assert_eq!(ok.len(), 2, "{bad:?}");
    assert_eq!(ok[1].location.offset, good_at);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].location.offset, bad_at);
}

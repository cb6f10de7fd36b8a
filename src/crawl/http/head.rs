//! The HTTP/1.1 message heads of an [`Exchange`](super::Exchange), rebuilt as bytes for the
//! WARC `request` and `response` records.
//!
//! Owns: the reconstruction. Why rebuilt: reqwest does not expose the bytes on the wire; we
//! build every request header ourselves and hyper adds only Host, so the request head is what
//! was sent, byte for byte; the response head keeps the server's reason phrase.

use reqwest::header::{HOST, HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Version};
use url::Url;

/// `GET /path?query HTTP/1.1`, `headers` in order, then the Host header hyper appends last
/// (byte-exact with what hyper writes, as the tests check against the server's view).
pub(crate) fn request_head(url: &Url, headers: &HeaderMap) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(b"GET ");
    out.extend_from_slice(url.path().as_bytes());
    if let Some(q) = url.query() {
        out.push(b'?');
        out.extend_from_slice(q.as_bytes());
    }
    out.extend_from_slice(b" HTTP/1.1\r\n");
    let mut host = HeaderMap::new();
    let mut value = url.host_str().unwrap_or_default().to_owned();
    if let Some(port) = url.port() {
        value.push_str(&format!(":{port}"));
    }
    if let Ok(v) = HeaderValue::from_str(&value) {
        host.insert(HOST, v);
    }
    push_headers(&mut out, headers.iter().chain(host.iter()));
    out
}

/// `HTTP/1.1 200 OK` (the server's own reason phrase when it sent another one), the headers,
/// then the blank line.
pub(crate) fn response_head(
    version: Version,
    status: StatusCode,
    reason: Option<&[u8]>,
    headers: &HeaderMap,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(version_str(version).as_bytes());
    out.extend_from_slice(format!(" {}", status.as_u16()).as_bytes());
    let reason = reason.or_else(|| status.canonical_reason().map(str::as_bytes));
    if let Some(reason) = reason {
        out.push(b' ');
        out.extend_from_slice(reason);
    }
    out.extend_from_slice(b"\r\n");
    push_headers(&mut out, headers.iter());
    out
}

fn push_headers<'a>(out: &mut Vec<u8>, headers: impl Iterator<Item = (&'a HeaderName, &'a HeaderValue)>) {
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
}

fn version_str(v: Version) -> &'static str {
    match v {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::{ACCEPT, SET_COOKIE, USER_AGENT};

    use super::*;

    fn check(got: Vec<u8>, expected: &str) {
        assert_eq!(String::from_utf8_lossy(&got), expected);
    }

    #[test]
    fn heads_are_rebuilt_as_http_1_1_text() {
        let mut h = HeaderMap::new();
        h.insert(USER_AGENT, HeaderValue::from_static("newsmine/0.1"));
        h.insert(ACCEPT, HeaderValue::from_static("text/html"));
        let url = Url::parse("http://example.org:8080/a/b?x=1&y=2#frag").expect("valid");
        check(
            request_head(&url, &h),
            "GET /a/b?x=1&y=2 HTTP/1.1\r\nuser-agent: newsmine/0.1\r\naccept: text/html\r\nhost: example.org:8080\r\n\r\n",
        );
        let url = Url::parse("https://[2001:db8::1]/").expect("valid");
        check(request_head(&url, &HeaderMap::new()), "GET / HTTP/1.1\r\nhost: [2001:db8::1]\r\n\r\n");

        let mut h = HeaderMap::new();
        h.append(SET_COOKIE, HeaderValue::from_static("a=1"));
        h.append(SET_COOKIE, HeaderValue::from_static("b=2"));
        check(
            response_head(Version::HTTP_11, StatusCode::OK, None, &h),
            "HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n",
        );
        check(
            response_head(Version::HTTP_10, StatusCode::NOT_FOUND, Some(b"Nope"), &HeaderMap::new()),
            "HTTP/1.0 404 Nope\r\n\r\n",
        );
        let odd = StatusCode::from_u16(599).expect("valid");
        check(response_head(Version::HTTP_11, odd, None, &HeaderMap::new()), "HTTP/1.1 599\r\n\r\n");
    }
}

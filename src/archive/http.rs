//! The HTTP message inside a WARC `response` record: status, headers and the decoded payload.

use std::io::Read;

/// Upper bound on a payload after removing content encoding; protects against gzip bombs.
pub(crate) const MAX_DECODED_PAYLOAD: u64 = 64 * 1024 * 1024;

/// A parsed HTTP response.
pub(crate) struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub payload: Vec<u8>,
}

/// Splits a `response` record block into status, headers and payload; removes chunked transfer
/// encoding and gzip/deflate content encoding when the headers declare them.
pub(crate) fn parse_response(block: &[u8]) -> Result<HttpResponse, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("no end of HTTP headers")?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().ok_or("empty HTTP message")?;
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    if !proto.starts_with("HTTP/") {
        return Err(format!("not an HTTP status line: {status_line:?}"));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status code in {status_line:?}"))?;
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for line in lines {
        let Some((k, v)) = line.split_once(':') else { continue };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
        match k.as_str() {
            "content-type" => content_type = Some(v.to_owned()),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
            _ => {}
        }
    }
    let mut payload = block[head_end.1..].to_vec();
    if chunked {
        // Archives differ: some keep the chunk framing, some store the de-chunked body with the
        // original header. Keep the body as it is when it does not parse as chunks.
        if let Some(body) = dechunk(&payload) {
            payload = body;
        }
    }
    match encoding.as_deref() {
        Some("gzip" | "x-gzip") => payload = decode(flate2::read::MultiGzDecoder::new(&payload[..]), &payload)?,
        Some("deflate") => payload = decode(flate2::read::ZlibDecoder::new(&payload[..]), &payload)?,
        _ => {}
    }
    Ok(HttpResponse { status, content_type, payload })
}

fn decode(reader: impl Read, original: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match reader.take(MAX_DECODED_PAYLOAD + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > MAX_DECODED_PAYLOAD => {
            Err(format!("payload decompresses to more than {MAX_DECODED_PAYLOAD} bytes"))
        }
        Ok(_) => Ok(out),
        // Some archives store the decoded body but keep the Content-Encoding header.
        Err(_) if looks_like_text(original) => Ok(original.to_vec()),
        Err(e) => Err(format!("cannot decode content encoding: {e}")),
    }
}

fn looks_like_text(b: &[u8]) -> bool {
    let head = &b[..b.len().min(512)];
    !head.is_empty() && head.iter().all(|&c| c >= 0x09)
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_chunked_and_gzip_bodies() {
        let r = parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>").unwrap();
        assert_eq!((r.status, r.content_type.as_deref(), &r.payload[..]), (200, Some("text/html"), &b"<p>x</p>"[..]));
        let r = parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap();
        assert_eq!(r.payload, b"abcde");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"hello").unwrap();
        let mut msg = b"HTTP/1.1 404 Not Found\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend(gz.finish().unwrap());
        let r = parse_response(&msg).unwrap();
        assert_eq!((r.status, &r.payload[..]), (404, &b"hello"[..]));
        assert!(parse_response(b"garbage").is_err());
    }
}

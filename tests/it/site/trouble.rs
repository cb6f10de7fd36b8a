//! The misbehaving paths under `/trouble/`, linked from `/trouble.html` only: server errors,
//! rate limiting, a slow drip, a reset connection, a redirect loop, huge and bomb bodies, an
//! undeclared legacy charset and a PDF. Each is what a crawler must survive without hanging,
//! exhausting memory or storing garbage.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::{Body, Reply, Shared};

/// Size of `/trouble/huge` and `/trouble/huge-unsized`.
pub const HUGE_BYTES: usize = 50 * 1024 * 1024;
/// What `/trouble/bomb` inflates to (deflate tops out near 1:1030, so ~100 KiB on the wire).
pub const BOMB_INFLATED: usize = 105 * 1024 * 1024;
/// Bytes `/trouble/reset` sends of the 100,000 it announces before resetting.
pub const RESET_AFTER: usize = 10_000;

/// Bodies that are written by hand rather than as one buffer.
pub(crate) enum Special {
    /// Headers, then 1 byte per second for 60 s.
    Slow,
    /// Headers announcing 100,000 bytes, [`RESET_AFTER`] of them, then a TCP reset.
    Reset,
    /// [`HUGE_BYTES`] of HTML, streamed, with or without `Content-Length`.
    Huge { sized: bool },
}

/// Per-site state of the stateful paths.
#[derive(Default)]
pub(super) struct State {
    throttled: AtomicBool,
}

impl State {
    /// Makes the next `/trouble/429` a 429 again.
    pub(super) fn reset(&self) {
        self.throttled.store(false, Ordering::SeqCst);
    }
}

/// The reply for a `/trouble/` path, or `None` for any other path.
pub(super) fn route(path: &str, shared: &Shared) -> Option<Reply> {
    let special = |s| Some(Reply { status: 200, headers: Vec::new(), body: Body::Special(s) });
    let redirect = |to: &str| Some(Reply { status: 302, headers: vec![("Location", to.to_owned())], body: Body::Bytes(Arc::from(&b"redirecting"[..])) });
    match path {
        "/trouble/500" => Some(Reply::html(500, "<h1>Internal Server Error</h1>")),
        "/trouble/429" if !shared.trouble.throttled.swap(true, Ordering::SeqCst) => {
            let mut r = Reply::html(429, "<h1>Too Many Requests</h1>");
            r.headers.push(("Retry-After", "1".to_owned()));
            Some(r)
        }
        "/trouble/429" => Some(Reply::html(200, "<!doctype html><title>Patience rewarded</title><p>Served after a Retry-After wait.</p>")),
        "/trouble/slow" => special(Special::Slow),
        "/trouble/reset" => special(Special::Reset),
        "/trouble/huge" => special(Special::Huge { sized: true }),
        "/trouble/huge-unsized" => special(Special::Huge { sized: false }),
        "/trouble/loop" => redirect("/trouble/loop/b"),
        "/trouble/loop/b" => redirect("/trouble/loop"),
        "/trouble/bomb" => {
            let mut r = Reply::bytes(200, "text/html; charset=utf-8", Arc::clone(bomb()));
            r.headers.push(("Content-Encoding", "gzip".to_owned()));
            Some(r)
        }
        "/trouble/cp1251" => Some(Reply::bytes(200, "text/html", Arc::clone(&shared.site.cp1251))),
        "/trouble/report.pdf" => Some(Reply::bytes(200, "application/pdf", pdf())),
        _ => None,
    }
}

/// Writes a [`Special`] reply; errors (the client gave up) just end it.
pub(super) fn write_special(mut stream: TcpStream, method: &str, special: Special, stop: &AtomicBool) {
    let _ = write(&mut stream, method, special, stop);
}

fn head(stream: &mut TcpStream, length: Option<usize>) -> io::Result<()> {
    let length = length.map(|n| format!("Content-Length: {n}\r\n")).unwrap_or_default();
    write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{length}Connection: close\r\n\r\n")?;
    stream.flush()
}

fn write(stream: &mut TcpStream, method: &str, special: Special, stop: &AtomicBool) -> io::Result<()> {
    let head_only = method == "HEAD";
    match special {
        Special::Slow => {
            let mut body = b"<!doctype html><title>Slow</title><p>".to_vec();
            body.resize(60, b'.');
            head(stream, Some(body.len()))?;
            for byte in body.iter().take(if head_only { 0 } else { body.len() }) {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                stream.write_all(&[*byte])?;
                stream.flush()?;
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Special::Reset => {
            head(stream, Some(100_000))?;
            if !head_only {
                let mut part = b"<!doctype html><title>Reset</title><p>".to_vec();
                part.resize(RESET_AFTER, b'x');
                stream.write_all(&part)?;
                stream.flush()?;
                std::thread::sleep(Duration::from_millis(200)); // let the part reach the client
            }
            // SO_LINGER 0: close() sends RST instead of FIN.
            socket2::SockRef::from(&*stream).set_linger(Some(Duration::ZERO))?;
        }
        Special::Huge { sized } => {
            head(stream, sized.then_some(HUGE_BYTES))?;
            let mut chunk = b"<!doctype html><html><head><title>Huge</title></head><body>\n".to_vec();
            while chunk.len() < 64 * 1024 {
                chunk.extend_from_slice(b"<p>The huge page goes on and on, one paragraph after another.</p>\n");
            }
            let mut left = if head_only { 0 } else { HUGE_BYTES };
            while left > 0 && !stop.load(Ordering::SeqCst) {
                let n = left.min(chunk.len());
                stream.write_all(&chunk[..n])?;
                left -= n;
            }
        }
    }
    Ok(())
}

/// ~100 KiB of gzip that inflates to [`BOMB_INFLATED`] bytes of HTML; built once per process.
fn bomb() -> &'static Arc<[u8]> {
    static BOMB: OnceLock<Arc<[u8]>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let prefix = b"<!doctype html><html><head><title>Bomb</title></head><body><p>";
        let spaces = vec![b' '; 1024 * 1024];
        let _ = enc.write_all(prefix);
        let mut left = BOMB_INFLATED - prefix.len();
        while left > 0 {
            let n = left.min(spaces.len());
            let _ = enc.write_all(&spaces[..n]);
            left -= n;
        }
        enc.finish().unwrap_or_default().into()
    })
}

/// A one-page PDF saying "Quarterly report", with a correct cross-reference table.
fn pdf() -> Vec<u8> {
    let content = "BT /F1 18 Tf 36 72 Td (Quarterly report) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

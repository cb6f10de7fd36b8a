//! A tiny hand-rolled HTTP/1.1 server on a loopback address for the client's tests: it records
//! every request and misbehaves exactly as told (drips, hangs, resets, floods).
//!
//! One request per connection (every reply says `Connection: close`), so "connections seen"
//! and "requests seen" are the same thing.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use url::Url;

/// What the server does with one request.
pub enum Reply {
    /// Writes these bytes and closes.
    Raw(Vec<u8>),
    /// Writes `head`, then `body` one byte every `interval`.
    Drip { head: Vec<u8>, body: Vec<u8>, interval: Duration },
    /// Never answers; waits (at most 30 s) for the client to go away.
    Hang,
    /// Writes `head` and `partial`, then resets the connection (RST).
    Reset { head: Vec<u8>, partial: Vec<u8> },
    /// Writes `head`, then up to `total` filler bytes until the client stops reading.
    Flood { head: Vec<u8>, total: u64 },
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request target (`/path?query`).
    pub path: String,
    /// The whole head, lower-cased.
    pub head: String,
    /// The head as received.
    pub raw: Vec<u8>,
}

type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

/// The server; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Body bytes written by `Flood` replies.
    pub flooded: Arc<AtomicU64>,
    /// Connections fully handled (reply finished or abandoned).
    pub finished: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

/// A complete response with Content-Length and `Connection: close`.
pub fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = head(status, headers);
    out.truncate(out.len() - 2);
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

/// A response head only, with `Connection: close` (body delimited by Content-Length if the
/// caller gives one, else by closing).
pub fn head(status: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nconnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

impl TestServer {
    /// Listens on `ip`:0 and answers with `handler(request, index of the request)`.
    pub async fn start(ip: &str, handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind((ip, 0)).await.expect("bind a loopback port");
        let addr = listener.local_addr().expect("bound address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let flooded = Arc::new(AtomicU64::new(0));
        let finished = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (s, f, d) = (Arc::clone(&seen), Arc::clone(&flooded), Arc::clone(&finished));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (s, f, d, h) = (Arc::clone(&s), Arc::clone(&f), Arc::clone(&d), Arc::clone(&handler));
                tokio::spawn(async move {
                    serve(stream, &s, &f, &*h).await;
                    d.fetch_add(1, Ordering::SeqCst);
                });
            }
        });
        TestServer { addr, seen, flooded, finished, task }
    }

    /// `http://ip:port{path}`.
    pub fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://{}{path}", self.addr)).expect("valid test URL")
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("not poisoned").clone()
    }

    /// Waits (at most 10 s) until `n` connections are finished.
    pub async fn wait_finished(&self, n: usize) {
        for _ in 0..1000 {
            if self.finished.load(Ordering::SeqCst) >= n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the server did not finish {n} connections");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut stream: TcpStream, seen: &Mutex<Vec<Seen>>, flooded: &AtomicU64, handler: &Handler) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
        if buf.first() == Some(&0x16) {
            // A TLS ClientHello: answer like a plain HTTP server does, recorded as "(tls)".
            seen.lock().expect("not poisoned").push(Seen { path: "(tls)".into(), head: String::new(), raw: buf });
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n").await;
            return;
        }
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let path = String::from_utf8_lossy(&buf).split(' ').nth(1).unwrap_or("").to_owned();
    let request = Seen { path, head, raw: buf };
    let index = {
        let mut s = seen.lock().expect("not poisoned");
        s.push(request.clone());
        s.len() - 1
    };
    match handler(&request, index) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Drip { head, body, interval } => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            for b in body {
                tokio::time::sleep(interval).await;
                if stream.write_all(&[b]).await.is_err() {
                    return;
                }
            }
        }
        Reply::Hang => {
            let _ = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut chunk)).await;
        }
        Reply::Reset { head, partial } => {
            let _ = stream.write_all(&head).await;
            let _ = stream.write_all(&partial).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Reply::Flood { head, total } => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            let filler = vec![b'x'; 64 * 1024];
            let mut sent = 0u64;
            while sent < total {
                let n = filler.len().min((total - sent) as usize);
                match tokio::time::timeout(Duration::from_secs(5), stream.write_all(&filler[..n])).await {
                    Ok(Ok(())) => {
                        sent += n as u64;
                        flooded.fetch_add(n as u64, Ordering::SeqCst);
                    }
                    _ => return,
                }
            }
        }
    }
}

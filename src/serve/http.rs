//! The server loop: hyper's HTTP/1 server on a tokio runtime. Each request is routed, answered
//! by the [`Library`] on a blocking thread (the store and the index do file I/O), and written
//! back as JSON, or as the archived page.
//!
//! Robustness: a client has [`HEADER_TIMEOUT`] to send each request head (an idle keep-alive
//! connection is closed after it too), at most
//! [`MAX_CONNECTIONS`] are served at once (the rest wait in the listen queue), a panicking answer
//! is a 500 for that request only, and a failed accept (out of file descriptors) pauses the loop
//! instead of spinning it.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;

use super::{Library, Reply, ServeError, json_bytes, route};

/// How long a client may take to send its request head: a silent client holds one connection
/// for this long, not forever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once; further clients wait to be accepted.
pub const MAX_CONNECTIONS: usize = 256;

/// Serves `library` on `listener` until the process is stopped. Fails only when the runtime
/// cannot start or the listener cannot be used; per-connection errors are logged.
pub fn serve(listener: std::net::TcpListener, library: Arc<dyn Library>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        loop {
            let permit = Arc::clone(&permits).acquire_owned().await.expect("the semaphore is never closed");
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    tracing::warn!("accepting a connection failed: {e}; retrying in 100 ms");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let library = Arc::clone(&library);
            tokio::spawn(async move {
                let service = service_fn(move |req| respond(Arc::clone(&library), req));
                let connection = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service);
                if let Err(e) = connection.await {
                    tracing::debug!("connection ended: {e}");
                }
                drop(permit);
            });
        }
    })
}

/// One request to one response; never fails (errors become their status and a JSON message).
async fn respond(library: Arc<dyn Library>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let answer = match route(method.as_str(), &path, req.uri().query()) {
        Ok(query) => match tokio::task::spawn_blocking(move || library.answer(query)).await {
            Ok(answer) => answer,
            Err(e) => Err(ServeError::Failed(format!("answering {path} failed: {e}"))),
        },
        Err(e) => Err(e),
    };
    let response = match answer {
        Ok(reply) => reply_response(reply),
        Err(e) => error_response(&e),
    };
    tracing::info!("{method} {} {} {:.1} ms", req.uri(), response.status().as_u16(), started.elapsed().as_secs_f64() * 1e3);
    // For HEAD, hyper sends the headers of this answer (its Content-Length too) and no body.
    Ok(response)
}

fn reply_response(reply: Reply) -> Response<Full<Bytes>> {
    match reply {
        Reply::Json(body) => json_response(StatusCode::OK, body),
        Reply::Archived { content_type, body } => {
            let mut r = Response::new(Full::new(Bytes::from(body)));
            let media = content_type.and_then(|c| HeaderValue::from_str(&c).ok());
            let headers = r.headers_mut();
            headers.insert(header::CONTENT_TYPE, media.unwrap_or(HeaderValue::from_static("application/octet-stream")));
            // Someone else's page: no scripts, no forms, no same-origin access to the API.
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            r
        }
    }
}

fn error_response(e: &ServeError) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = json_response(status, json_bytes(&json!({"error": e.to_string(), "status": status.as_u16()})));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    r
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = status;
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The data changes with every nightly run.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

//! `newsmine serve`: the read-only HTTP API over what the nightly run stored, for journalists'
//! and fact-checkers' tools (a newsroom's search page, a promise tracker, a spreadsheet).
//!
//! Owns: the routes and their query parameters ([`route`]), the answers' HTTP form (status,
//! media type, headers) and the server loop ([`http::serve`]). It does not know where answers
//! come from: [`Library`] is the trait `run` implements over the store, the index and the WARC
//! archive, as the crawler's sinks are. So the JSON of every route is the JSON of the command
//! it mirrors (`search --json`, `show --json`, `claims --json`, ...), built in one place.
//!
//! Invariants: only `GET` and `HEAD` are answered, nothing is ever written; a bad parameter is a
//! 400 whose message says what to write instead, an unknown id a 404, never a 500.

pub mod http;
mod route;

pub use route::{ClaimQuery, MAX_LIMIT, Query, ROUTES, SearchMode, SearchQuery, route};

/// What a route answers with.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A JSON document (`application/json`), rendered as the commands print it (see
    /// [`Reply::json`]).
    Json(Vec<u8>),
    /// An archived page as it was captured: its bytes and media type. It is served sandboxed
    /// (`Content-Security-Policy: sandbox`): a captured page is someone else's HTML and must not
    /// run scripts on the API's origin.
    Archived {
        /// The payload's media type, when the record names one.
        content_type: Option<String>,
        /// The payload.
        body: Vec<u8>,
    },
}

impl Reply {
    /// A JSON answer, serialised straight from the value: indented, with a final newline, as
    /// `--json` prints it. (Through `serde_json::Value`, an `f32` score would be widened and
    /// printed with spurious digits.)
    pub fn json(value: &impl serde::Serialize) -> Reply {
        Reply::Json(json_bytes(value))
    }
}

/// A value as the commands print it with `--json`: indented, with a final newline.
fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    let mut body = serde_json::to_vec_pretty(value).expect("newsmine's values serialise to JSON");
    body.push(b'\n');
    body
}

/// Why a request got no answer; each variant is one HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServeError {
    /// The request is malformed: an unknown parameter, a bad date or id (400).
    #[error("{0}")]
    BadRequest(String),
    /// No such route, article or claim (404).
    #[error("{0}")]
    NotFound(String),
    /// A method other than GET or HEAD (405).
    #[error("{0} is not allowed: the API is read-only (GET or HEAD)")]
    MethodNotAllowed(String),
    /// The store, index or archive failed (500); the message says which file.
    #[error("{0}")]
    Failed(String),
}

impl ServeError {
    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            ServeError::BadRequest(_) => 400,
            ServeError::NotFound(_) => 404,
            ServeError::MethodNotAllowed(_) => 405,
            ServeError::Failed(_) => 500,
        }
    }
}

/// Where answers come from: implemented by `run` over the data directory. Called on a blocking
/// thread, one call per request, possibly several at once.
pub trait Library: Send + Sync + 'static {
    /// Answers one routed query.
    fn answer(&self, query: Query) -> Result<Reply, ServeError>;
}

/// The answer to `GET /`: what can be asked, so the API explains itself to curl.
pub fn endpoints() -> serde_json::Value {
    let routes: Vec<_> = ROUTES.iter().map(|(path, what)| serde_json::json!({"path": path, "takes": what})).collect();
    serde_json::json!({"service": "newsmine", "read_only": true, "routes": routes})
}

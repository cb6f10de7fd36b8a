//! Requests to typed queries: the routes, their parameters and the defaults of the commands they
//! mirror. Pure, so every refusal is unit-tested without a socket.

use chrono::NaiveDate;

use super::ServeError;
use crate::domain::{RegionId, SectorId};
use crate::index::{SearchRequest, Sort};

/// The largest `limit` a request may ask for: a page of hits, not a dump of the database
/// (`newsmine export` is the dump).
pub const MAX_LIMIT: usize = 1000;

/// One request, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// `GET /` or `/api`: the list of routes.
    Endpoints,
    /// `GET /healthz`: whether the data directory can be read.
    Health,
    /// `GET /api/stats`: as `newsmine stats --json`.
    Stats,
    /// `GET /api/search`: as `newsmine search --json`.
    Search(SearchQuery),
    /// `GET /api/articles/{id}`: as `newsmine show ID --json`.
    Article(String),
    /// `GET /api/articles/{id}/archived`: the page as captured, as `newsmine show ID --raw`.
    Archived(String),
    /// `GET /api/articles/{id}/similar?limit=N`: as `newsmine similar ID --json`.
    Similar(String, usize),
    /// `GET /api/claims`: as `newsmine claims --json`.
    Claims(ClaimQuery),
    /// `GET /api/claims/{id}`: as `newsmine claim ID --json`.
    Claim(String),
}

/// How search hits are ranked (`mode=`), as `search`, `search --semantic`, `search --hybrid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// BM25 over titles and bodies, with tantivy's query syntax.
    #[default]
    Keyword,
    /// Cosine similarity of sentence embeddings.
    Semantic,
    /// Reciprocal rank fusion of the two.
    Hybrid,
}

/// `GET /api/search?q=...&region=...&sector=...&from=...&to=...&sort=...&limit=...&mode=...`:
/// the index's own request (`q` is its query text; `limit` 10 by default, as the command) and
/// how to rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query text and filters, as `newsmine search` builds them.
    pub request: SearchRequest,
    /// How hits are ranked.
    pub mode: SearchMode,
}

/// `GET /api/claims?region=...&sector=...&status=...&text=...&limit=...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimQuery {
    /// Only claims in this region.
    pub region: Option<RegionId>,
    /// Only claims of this sector.
    pub sector: Option<SectorId>,
    /// Only claims with this status, as written (the library checks it).
    pub status: Option<String>,
    /// Only claims whose sentences contain all these words.
    pub text: Option<String>,
    /// At most this many (50 by default, as the command).
    pub limit: usize,
}

/// The routes, for `GET /` and for the 404 of an unknown path.
pub const ROUTES: &[(&str, &str)] = &[
    ("/api/search", "q, region*, sector*, from, to (YYYY-MM-DD), sort (relevance|newest|oldest), limit, mode (keyword|semantic|hybrid)"),
    ("/api/articles/{id}", "the article, its regions, sectors and commitments"),
    ("/api/articles/{id}/archived", "the page as it was captured (WARC), served sandboxed"),
    ("/api/articles/{id}/similar", "limit"),
    ("/api/claims", "region, sector, status, text, limit"),
    ("/api/claims/{id}", "the claim with its timeline and evidence"),
    ("/api/stats", "counts per source, region and sector"),
    ("/healthz", "whether the data directory can be read"),
];

/// Understands a request: `method`, the path and the raw query string (after `?`, if any).
pub fn route(method: &str, path: &str, query: Option<&str>) -> Result<Query, ServeError> {
    if method != "GET" && method != "HEAD" {
        return Err(ServeError::MethodNotAllowed(method.to_owned()));
    }
    let params = Params::parse(query.unwrap_or(""));
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let q = match segments.as_slice() {
        [] | ["api"] => params.none_but(&[], Query::Endpoints)?,
        ["healthz"] => params.none_but(&[], Query::Health)?,
        ["api", "stats"] => params.none_but(&[], Query::Stats)?,
        ["api", "search"] => Query::Search(search_query(&params)?),
        ["api", "articles", id] => params.none_but(&[], Query::Article((*id).to_owned()))?,
        ["api", "articles", id, "archived"] => params.none_but(&[], Query::Archived((*id).to_owned()))?,
        ["api", "articles", id, "similar"] => {
            params.check(&["limit"])?;
            Query::Similar((*id).to_owned(), params.limit(10)?)
        }
        ["api", "claims"] => Query::Claims(claim_query(&params)?),
        ["api", "claims", id] => params.none_but(&[], Query::Claim((*id).to_owned()))?,
        _ => {
            let known: Vec<&str> = ROUTES.iter().map(|(r, _)| *r).collect();
            return Err(ServeError::NotFound(format!("no route {path}; the routes are {}", known.join(", "))));
        }
    };
    Ok(q)
}

fn search_query(p: &Params) -> Result<SearchQuery, ServeError> {
    p.check(&["q", "region", "sector", "from", "to", "sort", "limit", "mode"])?;
    let sort = match p.one("sort")?.as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(other) => return Err(bad(format!("sort={other}: use relevance, newest or oldest"))),
    };
    let mode = match p.one("mode")?.as_deref() {
        None | Some("keyword") => SearchMode::Keyword,
        Some("semantic") => SearchMode::Semantic,
        Some("hybrid") => SearchMode::Hybrid,
        Some(other) => return Err(bad(format!("mode={other}: use keyword, semantic or hybrid"))),
    };
    let request = SearchRequest {
        query: p.one("q")?.unwrap_or_default(),
        regions: p.all("region").map(region).collect::<Result<_, _>>()?,
        sectors: p.all("sector").map(sector).collect::<Result<_, _>>()?,
        from: p.one("from")?.map(|d| day("from", &d)).transpose()?,
        to: p.one("to")?.map(|d| day("to", &d)).transpose()?,
        limit: p.limit(10)?,
        sort,
    };
    Ok(SearchQuery { request, mode })
}

fn claim_query(p: &Params) -> Result<ClaimQuery, ServeError> {
    p.check(&["region", "sector", "status", "text", "limit"])?;
    Ok(ClaimQuery {
        region: p.one("region")?.map(|r| region(&r)).transpose()?,
        sector: p.one("sector")?.map(|s| sector(&s)).transpose()?,
        status: p.one("status")?,
        text: p.one("text")?,
        limit: p.limit(50)?,
    })
}

fn bad(message: String) -> ServeError {
    ServeError::BadRequest(message)
}

fn region(s: &str) -> Result<RegionId, ServeError> {
    RegionId::parse(s).map_err(|e| bad(format!("region={s}: {e}")))
}

fn sector(s: &str) -> Result<SectorId, ServeError> {
    SectorId::parse(s).map_err(|e| bad(format!("sector={s}: {e}")))
}

fn day(name: &str, s: &str) -> Result<NaiveDate, ServeError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad(format!("{name}={s} is not a date: write YYYY-MM-DD, e.g. 2023-01-31")))
}

/// A query string's parameters, percent-decoded, in order.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(query: &str) -> Params {
        Params(url::form_urlencoded::parse(query.as_bytes()).into_owned().collect())
    }

    /// Refuses parameters the route does not take: a misspelt `regoin=` would otherwise be
    /// ignored and the answer look like an empty filter.
    fn check(&self, known: &[&str]) -> Result<(), ServeError> {
        match self.0.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            None => Ok(()),
            Some((k, _)) if known.is_empty() => Err(bad(format!("unknown parameter `{k}`: this route takes none"))),
            Some((k, _)) => Err(bad(format!("unknown parameter `{k}`: this route takes {}", known.join(", ")))),
        }
    }

    fn none_but(&self, known: &[&str], q: Query) -> Result<Query, ServeError> {
        self.check(known).map(|()| q)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A parameter given at most once.
    fn one(&self, name: &str) -> Result<Option<String>, ServeError> {
        let mut values = self.all(name);
        let first = values.next().map(str::to_owned);
        if values.next().is_some() {
            return Err(bad(format!("`{name}` is given twice; give it once")));
        }
        Ok(first)
    }

    fn limit(&self, default: usize) -> Result<usize, ServeError> {
        match self.one("limit")? {
            None => Ok(default),
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(bad(format!("limit={s}: give a whole number from 1 to {MAX_LIMIT}"))),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str) -> Result<Query, ServeError> {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        route("GET", path, query)
    }

    #[test]
    fn search_parameters_become_a_typed_query() {
        let Ok(Query::Search(q)) = get("/api/search?q=broadband+internet&region=kyzylorda&region=pavlodar&sector=digital&from=2023-01-01&sort=newest&limit=5&mode=hybrid") else {
            panic!("not a search");
        };
        let r = &q.request;
        assert_eq!(r.query, "broadband internet");
        assert_eq!(r.regions.iter().map(|r| r.as_str()).collect::<Vec<_>>(), ["kyzylorda", "pavlodar"]);
        assert_eq!(r.sectors[0].as_str(), "digital");
        assert_eq!(r.from, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(r.to, None);
        assert_eq!((r.limit, r.sort, q.mode), (5, Sort::Newest, SearchMode::Hybrid));
    }

    #[test]
    fn defaults_are_the_commands_defaults() {
        let Ok(Query::Search(q)) = get("/api/search") else { panic!("not a search") };
        assert_eq!((q.request.query.as_str(), q.request.limit, q.request.sort, q.mode), ("", 10, Sort::Relevance, SearchMode::Keyword));
        let Ok(Query::Claims(c)) = get("/api/claims/") else { panic!("not claims") };
        assert_eq!((c.limit, c.status), (50, None));
        assert_eq!(get("/api/articles/0123456789abcdef/similar"), Ok(Query::Similar("0123456789abcdef".into(), 10)));
    }

    #[test]
    fn paths_map_to_their_queries() {
        assert_eq!(get("/"), Ok(Query::Endpoints));
        assert_eq!(get("/healthz"), Ok(Query::Health));
        assert_eq!(get("/api/stats"), Ok(Query::Stats));
        assert_eq!(get("/api/articles/abc"), Ok(Query::Article("abc".into())));
        assert_eq!(get("/api/articles/abc/archived"), Ok(Query::Archived("abc".into())));
        assert_eq!(get("/api/claims/c-1"), Ok(Query::Claim("c-1".into())));
        assert_eq!(route("HEAD", "/api/stats", None), Ok(Query::Stats));
    }

    #[test]
    fn bad_requests_say_what_to_write() {
        let refusal = |path: &str| match get(path) {
            Err(ServeError::BadRequest(m)) => m,
            other => panic!("{path}: {other:?}"),
        };
        assert!(refusal("/api/search?from=2023-13-01").contains("YYYY-MM-DD"));
        assert!(refusal("/api/search?regoin=kyzylorda").contains("unknown parameter `regoin`"));
        assert!(refusal("/api/search?region=Kyzylorda%20region").starts_with("region=Kyzylorda region"));
        assert!(refusal("/api/search?sort=best").contains("relevance, newest or oldest"));
        assert!(refusal("/api/search?mode=vector").contains("keyword, semantic or hybrid"));
        assert!(refusal("/api/search?limit=0").contains("1 to 1000"));
        assert!(refusal("/api/search?limit=1001").contains("1 to 1000"));
        assert!(refusal("/api/search?limit=ten").contains("whole number"));
        assert!(refusal("/api/search?q=a&q=b").contains("twice"));
        assert!(refusal("/api/stats?verbose=1").contains("takes none"));
        assert!(refusal("/api/claims?status=done&year=2025").contains("unknown parameter `year`"));
    }

    #[test]
    fn unknown_paths_and_methods_are_refused() {
        assert!(matches!(get("/api/article/abc"), Err(ServeError::NotFound(m)) if m.contains("/api/search")));
        assert!(matches!(get("/api/articles/abc/raw"), Err(ServeError::NotFound(_))));
        assert_eq!(route("POST", "/api/claims", None), Err(ServeError::MethodNotAllowed("POST".into())));
        assert_eq!(route("DELETE", "/api/articles/abc", None).unwrap_err().status(), 405);
    }
}

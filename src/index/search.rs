//! Queries: tantivy's query language over title and body, with region, sector and date filters,
//! facet counts and snippets.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use tantivy::aggregation::{AggregationCollector, Key};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, AggregationResults, BucketResult};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use super::{IndexError, NewsIndex, tantivy_err};
use crate::domain::{RegionId, SectorId};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best BM25 match first.
    #[default]
    Relevance,
    /// Latest publication first; undated articles last.
    Newest,
    /// Earliest publication first; undated articles last.
    Oldest,
}

/// A search: the query text and its filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// tantivy query syntax over title and body; empty means every article.
    pub query: String,
    /// Keep articles tagged with any of these regions (all articles when empty).
    pub regions: Vec<RegionId>,
    /// Keep articles tagged with any of these sectors (all articles when empty).
    pub sectors: Vec<SectorId>,
    /// Keep articles published on or after this day (undated articles are dropped).
    pub from: Option<NaiveDate>,
    /// Keep articles published on or before this day (undated articles are dropped).
    pub to: Option<NaiveDate>,
    /// At most this many hits.
    pub limit: usize,
    /// Order of the hits.
    pub sort: Sort,
}

/// One matching article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Article id, for `newsmine show`.
    pub id: String,
    /// Page URL, when it has one.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication time (RFC 3339), when known.
    pub published: Option<String>,
    /// Source name.
    pub source: String,
    /// Region ids.
    pub regions: Vec<String>,
    /// Sector ids.
    pub sectors: Vec<String>,
    /// Ids of the claims the article supports.
    pub claims: Vec<String>,
    /// A passage around the matched terms, terms wrapped in `<b>`; the lead when nothing matched the body.
    pub snippet: String,
    /// BM25 score (null when sorted by date).
    pub score: Option<f32>,
}

/// How many matching articles carry each region and sector id (all matches, not only the hits shown).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// Region id to count.
    pub regions: BTreeMap<String, u64>,
    /// Sector id to count.
    pub sectors: BTreeMap<String, u64>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: u64,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
    /// Counts per region and sector over all matches.
    pub facets: Facets,
}

pub(super) fn run(ix: &NewsIndex, req: &SearchRequest) -> Result<SearchResults, IndexError> {
    let f = &ix.fields;
    ix.reader.reload().map_err(tantivy_err(&ix.path))?;
    let searcher = ix.reader.searcher();
    let text_query = parse_text_query(ix, &req.query)?;
    let query = ix.filtered(text_query.box_clone(), req);
    let err = tantivy_err(&ix.path);
    let top = TopDocs::with_limit(req.limit.max(1));
    let (total, scored): (usize, Vec<(Option<f32>, DocAddress)>) = match req.sort {
        Sort::Relevance => {
            let (n, docs) = searcher.search(&query, &(Count, top.order_by_score())).map_err(&err)?;
            (n, docs.into_iter().map(|(s, d)| (Some(s), d)).collect())
        }
        Sort::Newest | Sort::Oldest => {
            let order = if req.sort == Sort::Newest { Order::Desc } else { Order::Asc };
            let collector = top.order_by_fast_field::<tantivy::DateTime>("published", order);
            let (n, docs) = searcher.search(&query, &(Count, collector)).map_err(&err)?;
            (n, docs.into_iter().map(|(_, d)| (None, d)).collect())
        }
    };
    let snippets = SnippetGenerator::create(&searcher, &*text_query, f.body).map(|mut g| {
        g.set_max_num_chars(240);
        g
    });
    let mut hits = Vec::new();
    for (score, addr) in scored.into_iter().take(req.limit) {
        let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
        let snippet = match &snippets {
            Ok(g) => g.snippet_from_doc(&doc).to_html(),
            Err(_) => String::new(),
        };
        hits.push(to_hit(ix, &doc, snippet, score));
    }
    let facets = facets(&searcher, &query).map_err(&err)?;
    Ok(SearchResults { total: total as u64, hits, facets })
}

pub(super) fn parse_text_query(ix: &NewsIndex, text: &str) -> Result<Box<dyn Query>, IndexError> {
    let text = text.trim();
    if text.is_empty() || text == "*" {
        return Ok(Box::new(AllQuery));
    }
    let f = &ix.fields;
    let mut parser = QueryParser::for_index(&ix.index, vec![f.title, f.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 2.0);
    parser.parse_query(text).map_err(|e| IndexError::BadQuery {
        message: format!(
            "{e} in `{text}`. Write words, \"quoted phrases\", AND/OR/NOT, or field:term with a field among \
             title, body, author, url, source, region, sector, language, ref, claim, published"
        ),
    })
}

pub(super) fn any_of<'a>(field: Field, values: impl Iterator<Item = &'a str>) -> Option<Box<dyn Query>> {
    let terms: Vec<(Occur, Box<dyn Query>)> = values
        .map(|v| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    (!terms.is_empty()).then(|| Box::new(BooleanQuery::new(terms)) as Box<dyn Query>)
}

pub(super) fn date_range(field: Field, from: Option<NaiveDate>, to: Option<NaiveDate>) -> RangeQuery {
    let at = |d: NaiveDate| {
        let t: DateTime<Utc> = Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"));
        Term::from_field_date(field, tantivy::DateTime::from_timestamp_secs(t.timestamp()))
    };
    let lower = from.map(|d| Bound::Included(at(d))).unwrap_or(Bound::Unbounded);
    let upper = to
        .and_then(|d| d.succ_opt())
        .map(|d| Bound::Excluded(at(d)))
        .unwrap_or(Bound::Unbounded);
    RangeQuery::new(lower, upper)
}

pub(super) fn to_hit(ix: &NewsIndex, doc: &TantivyDocument, snippet: String, score: Option<f32>) -> Hit {
    let f = &ix.fields;
    let first = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
    let all = |field| doc.get_all(field).filter_map(|v| v.as_str().map(str::to_owned)).collect::<Vec<_>>();
    let snippet = if snippet.is_empty() {
        let body = first(f.body).unwrap_or_default();
        let lead: String = body.chars().take(240).collect();
        html_escape(&lead)
    } else {
        snippet
    };
    Hit {
        id: first(f.id).unwrap_or_default(),
        url: first(f.url),
        title: first(f.title),
        published: doc
            .get_first(f.published)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::<Utc>::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        source: first(f.source).unwrap_or_default(),
        regions: all(f.region),
        sectors: all(f.sector),
        claims: all(f.claim),
        snippet,
        score,
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub(super) fn facets(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<Facets> {
    let req: Aggregations = serde_json::from_value(serde_json::json!({
        "regions": {"terms": {"field": "region", "size": 100}},
        "sectors": {"terms": {"field": "sector", "size": 100}},
    }))
    .expect("static aggregation request is valid");
    let collector = AggregationCollector::from_aggs(req, Default::default());
    let res: AggregationResults = searcher.search(query, &collector)?;
    let counts = |name: &str| -> BTreeMap<String, u64> {
        match res.0.get(name) {
            Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => buckets
                .iter()
                .map(|b| (key_text(&b.key), b.doc_count))
                .collect(),
            _ => BTreeMap::new(),
        }
    };
    Ok(Facets { regions: counts("regions"), sectors: counts("sectors") })
}

fn key_text(key: &Key) -> String {
    match key {
        Key::Str(s) => s.clone(),
        Key::I64(n) => n.to_string(),
        Key::U64(n) => n.to_string(),
        Key::F64(n) => n.to_string(),
    }
}

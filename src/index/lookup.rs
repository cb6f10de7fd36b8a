//! What semantic and hybrid search ask of the full-text index: which articles pass the filters,
//! the BM25 ranking to fuse with the vector ranking, and hits (with snippets and facets) for
//! articles ranked elsewhere.
//!
//! The vectors themselves are not in tantivy: ranking by similarity happens in
//! [`super::vectors`], and this module turns the ranked ids back into the same [`Hit`]s and
//! [`Facets`] that keyword search prints, so every search mode has one output contract.

use std::collections::HashSet;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, TantivyDocument};

use super::search::{any_of, date_range, facets, parse_text_query, to_hit};
use super::{Facets, Hit, IndexError, NewsIndex, SearchRequest, tantivy_err};

impl NewsIndex {
    /// The request's region, sector and date filters around `text` (keyword, semantic and
    /// hybrid search all filter this way).
    pub(super) fn filtered(&self, text: Box<dyn Query>, req: &SearchRequest) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        if let Some(q) = any_of(f.region, req.regions.iter().map(|r| r.as_str())) {
            clauses.push((Occur::Must, q));
        }
        if let Some(q) = any_of(f.sector, req.sectors.iter().map(|s| s.as_str())) {
            clauses.push((Occur::Must, q));
        }
        if req.from.is_some() || req.to.is_some() {
            clauses.push((Occur::Must, Box::new(date_range(f.published, req.from, req.to))));
        }
        BooleanQuery::new(clauses)
    }

    fn has_filters(req: &SearchRequest) -> bool {
        !req.regions.is_empty() || !req.sectors.is_empty() || req.from.is_some() || req.to.is_some()
    }

    /// Ids of the articles that pass the request's region, sector and date filters (its query
    /// text is ignored); `None` when it has no filters, meaning every article.
    pub fn filtered_ids(&self, req: &SearchRequest) -> Result<Option<HashSet<String>>, IndexError> {
        if !Self::has_filters(req) {
            return Ok(None);
        }
        let err = tantivy_err(&self.path);
        self.reader.reload().map_err(&err)?;
        let searcher = self.reader.searcher();
        let docs = searcher.search(&self.filtered(Box::new(AllQuery), req), &DocSetCollector).map_err(&err)?;
        let mut ids = HashSet::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.insert(id.to_owned());
            }
        }
        Ok(Some(ids))
    }

    /// The ids of the best `depth` BM25 matches of the request (query text and filters), best
    /// first. A query that matches every article (`*`, empty) ranks nothing.
    pub fn ranked_ids(&self, req: &SearchRequest, depth: usize) -> Result<Vec<String>, IndexError> {
        let text = req.query.trim();
        if text.is_empty() || text == "*" || depth == 0 {
            return Ok(Vec::new());
        }
        let err = tantivy_err(&self.path);
        self.reader.reload().map_err(&err)?;
        let searcher = self.reader.searcher();
        let query = self.filtered(parse_text_query(self, text)?, req);
        let top: Vec<(f32, DocAddress)> = searcher.search(&query, &TopDocs::with_limit(depth).order_by_score()).map_err(&err)?;
        let mut ids = Vec::with_capacity(top.len());
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.push(id.to_owned());
            }
        }
        Ok(ids)
    }

    /// Hits for articles ranked by the caller, in that order and with those scores. The snippet
    /// highlights the terms of `snippet_query` when given and found in the body; otherwise it is
    /// the article's lead. Ids not in the index are skipped.
    pub fn hits_for(&self, ranked: &[(String, f32)], snippet_query: Option<&str>) -> Result<Vec<Hit>, IndexError> {
        let err = tantivy_err(&self.path);
        self.reader.reload().map_err(&err)?;
        let searcher = self.reader.searcher();
        let snippets = match snippet_query.map(str::trim).filter(|q| !q.is_empty() && *q != "*") {
            Some(q) => {
                let query = parse_text_query(self, q)?;
                SnippetGenerator::create(&searcher, &*query, self.fields.body).ok().map(|mut g| {
                    g.set_max_num_chars(240);
                    g
                })
            }
            None => None,
        };
        let mut hits = Vec::with_capacity(ranked.len());
        for (id, score) in ranked {
            let by_id = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
            let Some((_, addr)) = searcher.search(&by_id, &TopDocs::with_limit(1).order_by_score()).map_err(&err)?.into_iter().next()
            else {
                continue;
            };
            let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
            let snippet = snippets.as_ref().map(|g| g.snippet_from_doc(&doc).to_html()).unwrap_or_default();
            hits.push(to_hit(self, &doc, snippet, Some(*score)));
        }
        Ok(hits)
    }

    /// Region and sector counts over the articles that pass the request's filters.
    pub fn filter_facets(&self, req: &SearchRequest) -> Result<Facets, IndexError> {
        let err = tantivy_err(&self.path);
        self.reader.reload().map_err(&err)?;
        facets(&self.reader.searcher(), &self.filtered(Box::new(AllQuery), req)).map_err(&err)
    }
}

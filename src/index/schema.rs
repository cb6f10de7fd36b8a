//! The tantivy schema: which article fields are searchable, filterable, sortable and stored.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

/// Handles of the index fields; the names are also what users write in queries (`region:astana`).
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `id`: the [`ArticleId`](crate::domain::ArticleId), the upsert key.
    pub id: Field,
    /// `url`: the page URL, matched exactly.
    pub url: Field,
    /// `title`: full text, English stemming.
    pub title: Field,
    /// `body`: full text, English stemming; stored for snippets.
    pub body: Field,
    /// `author`: bylines, full text.
    pub author: Field,
    /// `source`: configured source name.
    pub source: Field,
    /// `published`: publication time; range filters and newest-first sorting.
    pub published: Field,
    /// `region`: region ids, one value each; filter and count.
    pub region: Field,
    /// `sector`: sector ids, one value each; filter and count.
    pub sector: Field,
    /// `language`: ISO 639-1 code.
    pub language: Field,
    /// `ref`: the source's own id for the article (a JSONL `id` such as `pm-0001`).
    pub external_id: Field,
    /// `claim`: ids of the claims the article supports (`claim:c-0123abcd4567`).
    pub claim: Field,
}

/// Builds the schema and returns it with the field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let keyword_fast = STRING | STORED | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed.clone()),
        author: b.add_text_field("author", stemmed),
        source: b.add_text_field("source", keyword_fast.clone()),
        published: b.add_date_field(
            "published",
            DateOptions::from(INDEXED).set_stored().set_fast().set_precision(DateTimePrecision::Seconds),
        ),
        region: b.add_text_field("region", keyword_fast.clone()),
        sector: b.add_text_field("sector", keyword_fast.clone()),
        language: b.add_text_field("language", keyword_fast),
        external_id: b.add_text_field("ref", STRING | STORED),
        claim: b.add_text_field("claim", STRING | STORED),
    };
    (b.build(), fields)
}

/// Resolves field handles in an index opened from disk.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        url: f("url")?,
        title: f("title")?,
        body: f("body")?,
        author: f("author")?,
        source: f("source")?,
        published: f("published")?,
        region: f("region")?,
        sector: f("sector")?,
        language: f("language")?,
        external_id: f("ref")?,
        claim: f("claim")?,
    })
}

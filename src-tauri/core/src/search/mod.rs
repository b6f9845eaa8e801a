//! Full-text search over the archive (DESIGN §5): a tantivy index in `<archive>/index`, derived
//! from SQLite and rebuildable from it, with Folio's own analyzer and query language.
//!
//! The caller feeds it [`IndexDoc`]s through [`SearchIndex::apply`] after each SQLite commit and
//! rebuilds it when [`SearchIndex::open`] reports [`Opened::Created`].

mod analyzer;
mod common_pairs;
mod compile;
mod dates;
mod index;
mod lexer;
mod normalize;
mod page;
mod phrase;
mod query;
mod schema;
mod snippet;
mod tokenizer;

#[cfg(test)]
mod tests;

use serde::Serialize;
use ts_rs::TS;

pub(crate) use analyzer::is_cjk;
pub use analyzer::{ANALYZER_VERSION, AnalyzedToken, Analyzer, TokenRef};
pub(crate) use dates::Period;
pub use index::SearchIndex;
pub use lexer::{FieldName, field_term};
pub use page::{SearchHitView, SearchPage, SearchRequest, search_page};
pub use query::{Query, parse_query};
pub use schema::{SCHEMA_VERSION, language_key, tag_key};
pub use snippet::SNIPPET_CHARS;

/// One item as the index sees it: everything searchable about an article or a photo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexDoc {
    pub id: i64,
    /// `article` or `photo`.
    pub kind: String,
    /// ISO 639-1 (`en`, `zh`, `ru`); a region or script subtag is ignored.
    pub language: Option<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339 (the calendar day written in it counts).
    pub date: Option<String>,
    pub title: String,
    pub body: String,
    pub captions: Vec<String>,
    pub credits: Vec<String>,
    pub bylines: Vec<String>,
    /// Full tag paths, `Events/Innovation Dialogue`.
    pub tags: Vec<String>,
    /// Collection names.
    pub collections: Vec<String>,
    pub notes: String,
    /// Text OCR read from the item's pages or pixels.
    pub ocr: String,
    /// Stars, 0 to 5 (0: not rated).
    pub rating: u8,
    pub label: Option<crate::library::ratings::Label>,
}

/// One change to the index, for [`SearchIndex::apply_changes`]: `D` is an [`IndexDoc`] or a
/// reference to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<D> {
    /// Adds the document, replacing any with its id.
    Upsert(D),
    /// Removes the document with this id, if any.
    Delete(i64),
}

/// How [`SearchIndex::open`] found the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// A compatible index was there; it may still lag the database by the index queue.
    Existing,
    /// The index was missing or incompatible and is now empty: the caller must rebuild it from
    /// SQLite. `reason` says why, for the log and the progress message.
    Created { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchResults {
    /// Every item that matches, not only the page returned.
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchHit {
    pub id: i64,
    /// BM25 with field weights; 0 for queries of filters only (those list newest first).
    pub score: f32,
    /// About 180 characters of the original text around the matches.
    pub snippet: String,
    /// Character (Unicode scalar) ranges `[start, end)` in `snippet` to highlight.
    pub highlights: Vec<[u32; 2]>,
}

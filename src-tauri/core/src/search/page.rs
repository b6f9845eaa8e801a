//! A page of search results, as the window and `folio search` ask for it: the query run on the
//! index, its hits joined with the items they found.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{SearchIndex, parse_query};
use crate::error::{Error, Result};
use crate::items::ItemSummary;
use crate::library::listing;

/// One search result with the item it found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchHitView {
    pub item: ItemSummary,
    pub score: f32,
    pub snippet: String,
    /// `[start, end)` in Unicode code points of `snippet`.
    pub highlights: Vec<[u32; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchPage {
    pub total: u64,
    pub hits: Vec<SearchHitView>,
}

/// What the search box and `folio search` send.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
pub struct SearchRequest {
    pub query: String,
    pub offset: u32,
    pub limit: u32,
}

/// Runs a query and joins its hits with the items they found.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn search_page(
    conn: &Connection,
    index: &SearchIndex,
    request: &SearchRequest,
) -> Result<SearchPage> {
    if request.limit == 0 || request.limit > listing::MAX_PAGE {
        return Err(Error::InvalidInput(format!(
            "a page of results holds 1 to {} hits, not {}",
            listing::MAX_PAGE,
            request.limit
        )));
    }
    let query = parse_query(&request.query)?;
    let results = index.search(&query, request.limit as usize, request.offset as usize)?;
    let ids: Vec<i64> = results.hits.iter().map(|hit| hit.id).collect();
    let mut summaries: std::collections::HashMap<i64, ItemSummary> =
        listing::summaries(conn, &ids)?
            .into_iter()
            .map(|summary| (summary.id, summary))
            .collect();
    let hits = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            // An item removed since the index last caught up is simply left out.
            summaries.remove(&hit.id).map(|item| SearchHitView {
                item,
                score: hit.score,
                snippet: hit.snippet,
                highlights: hit.highlights,
            })
        })
        .collect();
    Ok(SearchPage {
        total: results.total,
        hits,
    })
}

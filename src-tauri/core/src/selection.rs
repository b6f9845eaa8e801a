//! What an export applies to — a selection of items, a collection in its order, or a query
//! (typed or saved) — resolved into the ordered item ids the export writes.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::{ExportFormat, Paper};
use crate::library::collections;
use crate::search::{SearchIndex, parse_query};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportScope {
    // These items, in this order.
    Items { ids: Vec<i64> },
    // A collection, in its order.
    Collection { id: i64 },
    // Everything a query finds (a saved search is its query), oldest first.
    Query { query: String },
}

// An export as the desktop asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportItemsRequest {
    pub scope: ExportScope,
    pub format: ExportFormat,
    pub output: String,
    pub title: String,
    pub paper: Paper,
}

/// The ordered ids a scope stands for; items in the trash are left out.
pub fn resolve(conn: &Connection, index: &SearchIndex, scope: &ExportScope) -> Result<Vec<i64>> {
    let ids = match scope {
        ExportScope::Items { ids } => {
            let mut live = Vec::with_capacity(ids.len());
            let mut statement = conn.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1 AND deleted_at IS NULL)",
            )?;
            for &id in ids {
                if statement.query_row([id], |row| row.get::<_, bool>(0))? {
                    live.push(id);
                } else {
                    return Err(Error::NotFound(format!("item {id}")));
                }
            }
            live
        }
        ExportScope::Collection { id } => collections::members(conn, *id)?,
        ExportScope::Query { query } => {
            let found = index.matching_ids(&parse_query(query)?)?;
            let json = serde_json::to_string(&found).map_err(|e| Error::Internal(e.to_string()))?;
            let mut statement = conn.prepare(
                "SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?1))
                   AND deleted_at IS NULL
                 ORDER BY date IS NULL, date, title COLLATE NOCASE, id",
            )?;
            let ids = statement.query_map([json], |row| row.get(0))?;
            ids.collect::<rusqlite::Result<_>>()?
        }
    };
    if ids.is_empty() {
        return Err(Error::InvalidInput("there is nothing to export".into()));
    }
    Ok(ids)
}

//! Saved searches: a named query, evaluated live wherever a collection can be used.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
}

/// Saves `query` under `name`; saving under an existing name (ignoring case) replaces its query.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn save(conn: &Connection, name: &str, query: &str) -> Result<SavedSearch> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::InvalidInput("a saved search needs a name".into()));
    }
    let query = query.trim();
    // A query that cannot run is refused now, not each time the search is opened.
    crate::search::parse_query(query)?;
    conn.execute(
        "INSERT INTO saved_searches (name, query, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query",
        params![name, query, crate::now_rfc3339()],
    )?;
    find(conn, &name)
}

pub fn list(conn: &Connection) -> Result<Vec<SavedSearch>> {
    let mut statement =
        conn.prepare("SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE")?;
    let rows = statement.query_map([], |row| {
        Ok(SavedSearch {
            id: row.get(0)?,
            name: row.get(1)?,
            query: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The saved search called `name` (ignoring case).
pub fn find(conn: &Connection, name: &str) -> Result<SavedSearch> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    conn.query_row(
        "SELECT id, name, query FROM saved_searches WHERE name = ?1",
        [&name],
        |row| {
            Ok(SavedSearch {
                id: row.get(0)?,
                name: row.get(1)?,
                query: row.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("saved search {name:?}")))
}

#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM saved_searches WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound(format!("saved search {id}")));
    }
    Ok(())
}

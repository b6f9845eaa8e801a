//! Saved searches: a named query, evaluated live wherever a collection can be used. Saving and
//! deleting are applied from journal actions.

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

/// Cleans a saved search's name and query as typed; a query that cannot run is refused now, not
/// each time the search is opened.
pub(crate) fn clean(name: &str, query: &str) -> Result<(String, String)> {
    let name = clean_name(name);
    if name.is_empty() {
        return Err(Error::InvalidInput("a saved search needs a name".into()));
    }
    let query = query.trim();
    crate::search::parse_query(query)?;
    Ok((name, query.to_string()))
}

fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The uid of the saved search called `name` (ignoring case), if there is one.
pub(crate) fn uid_of_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT uid FROM saved_searches WHERE name = ?1",
            [clean_name(name)],
            |row| row.get(0),
        )
        .optional()?)
}

/// Saves `query` under `name` with this uid, at `at`; saving under an existing name (ignoring
/// case) replaces its query.
pub(crate) fn apply_save(
    conn: &Connection,
    uid: &str,
    name: &str,
    query: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO saved_searches (uid, name, query, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query",
        params![uid, name, query, at],
    )?;
    Ok(())
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
    let name = clean_name(name);
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

/// The uid of the saved search with this id.
pub(crate) fn uid_of(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row(
        "SELECT uid FROM saved_searches WHERE id = ?1",
        [id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("saved search {id}")))
}

/// The saved search with this uid.
pub(crate) fn by_uid(conn: &Connection, uid: &str) -> Result<SavedSearch> {
    conn.query_row(
        "SELECT id, name, query FROM saved_searches WHERE uid = ?1",
        [uid],
        |row| {
            Ok(SavedSearch {
                id: row.get(0)?,
                name: row.get(1)?,
                query: row.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("saved search {uid}")))
}

pub(crate) fn apply_delete(conn: &Connection, uid: &str) -> Result<()> {
    if conn.execute("DELETE FROM saved_searches WHERE uid = ?1", [uid])? == 0 {
        return Err(Error::NotFound(format!("saved search {uid}")));
    }
    Ok(())
}

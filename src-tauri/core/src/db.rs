//! The one place that opens the archive's SQLite database, for writing or for reading.
//!
//! Every connection gets the same settings: WAL so readers never wait for the writer,
//! foreign keys enforced, a busy timeout instead of instant "database is locked" errors, and
//! statements that are prepared once and reused.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::error::Result;

pub const DATABASE_FILE: &str = "folio.sqlite";
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Distinct statements a connection keeps prepared: an import alone uses a few dozen.
const STATEMENT_CACHE: usize = 128;
/// Pages the writer keeps in memory, in KiB (SQLite's default is 2 MiB). A large write — an
/// import, a team's record received — touches the items table and its sort indexes all over;
/// with too small a cache, SQLite writes the same pages to the log again and again before the
/// transaction ends.
const WRITER_CACHE_KIB: i64 = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Opens the database file with the archive's settings. `Write` creates the file if missing.
/// Never changes the schema: see [`crate::migrations`].
pub fn open(path: &Path, access: Access) -> Result<Connection> {
    let flags = match access {
        Access::Write => {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        }
        Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    } | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // One plan per statement, whatever values are bound. Without this SQLite marks a statement
    // whose plan could depend on a bound value (`x = ?1` on a joined table, `LIMIT ?1`) for
    // re-preparing on every new binding, and a cached statement is re-bound on every use: the
    // search index's document read was compiled afresh for each item.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    if access == Access::Write {
        // A negative size is in KiB.
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        // Statement journals in memory. An insert into `items` fires triggers, so SQLite keeps
        // a copy of every page the statement changes, to take the statement back should one of
        // them fail; past 64 KB (one item and its dozen indexes) that copy went to a temporary
        // file, a write call per page: a quarter of an import's commit.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
    }
    Ok(conn)
}

/// Settings that write to the database header; applied only by the writer, after the schema
/// check, so a refused archive stays byte-for-byte untouched.
pub fn configure_writer(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// SQLite's plan for `sql` with these values: its EXPLAIN QUERY PLAN lines, for the tests that
/// check which index a query reads.
#[cfg(test)]
pub(crate) fn query_plan(
    conn: &Connection,
    sql: &str,
    values: impl rusqlite::Params,
) -> rusqlite::Result<String> {
    let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let lines = statement
        .query_map(values, |row| row.get::<_, String>(3))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// A statement whose plan could depend on its bound value (an id on a joined table) is
    /// compiled once, however often it is used from the cache.
    #[test]
    fn a_cached_statement_is_compiled_once() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join(DATABASE_FILE), Access::Write).unwrap();
        conn.execute_batch(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT);
             CREATE TABLE articles (item_id INTEGER PRIMARY KEY REFERENCES items (id), byline TEXT);",
        )
        .unwrap();
        let sql = "SELECT i.kind, a.byline FROM items i LEFT JOIN articles a ON a.item_id = i.id
                   WHERE i.id = ?1";
        for id in 2..50_i64 {
            let mut statement = conn.prepare_cached(sql).unwrap();
            let _ = statement.query_row([id], |_| Ok(()));
        }
        let statement = conn.prepare_cached(sql).unwrap();
        assert_eq!(statement.get_status(StatementStatus::RePrepare), 0);
    }
}

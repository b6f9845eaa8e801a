//! `blobs`: one row per stored original, named by its SHA-256.

use rusqlite::{Connection, params};

use crate::error::Result;

/// Records a stored object; recording it again is a no-op.
pub fn record(conn: &Connection, sha256: &str, size: u64, media_type: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, stored_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            sha256,
            i64::try_from(size).unwrap_or(i64::MAX),
            media_type,
            crate::now_rfc3339()
        ],
    )?;
    Ok(())
}

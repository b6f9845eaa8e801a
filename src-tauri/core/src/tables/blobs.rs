//! `blobs`: one row per stored original, named by its SHA-256.

use rusqlite::{Connection, params};

use crate::error::Result;

/// Records a stored object; recording it again is a no-op.
pub fn record(conn: &Connection, sha256: &str, size: u64, media_type: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, stored_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        sha256,
        i64::try_from(size).unwrap_or(i64::MAX),
        media_type,
        crate::now_rfc3339()
    ])?;
    Ok(())
}

/// Records the perceptual fingerprint of a photo original (see `photo::fingerprint`).
pub fn set_fingerprint(conn: &Connection, sha256: &str, fingerprint: u64) -> Result<()> {
    conn.prepare_cached("UPDATE blobs SET phash = ?2 WHERE sha256 = ?1")?
        .execute(
            // SQLite integers are signed: the 64 bits are stored as they are.
            params![sha256, fingerprint as i64],
        )?;
    Ok(())
}

/// Whether a row names this original.
pub fn exists(conn: &Connection, sha256: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?1)")?
        .query_row([sha256], |row| row.get(0))?)
}

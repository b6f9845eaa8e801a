//! `ocr_queue`, `ocr_pages` and `archive_settings`: what OCR still has to read, what it read,
//! and whether photos are read at all.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// One page of text read by OCR; `problem` says why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct OcrPage {
    /// 1-based; an image is page 1.
    pub page: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Queues an item for OCR (again, if it was queued already).
pub fn enqueue(conn: &Connection, item_id: i64, at: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO ocr_queue (item_id, queued_at) VALUES (?1, ?2)")?
        .execute(params![item_id, at])?;
    Ok(())
}

pub fn dequeue(conn: &Connection, item_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM ocr_queue WHERE item_id = ?1")?
        .execute([item_id])?;
    Ok(())
}

/// An item waiting for OCR: its original and what it is.
#[derive(Debug, Clone)]
pub struct Queued {
    pub item_id: i64,
    pub uid: String,
    pub kind: String,
    pub title: String,
    pub sha256: String,
    pub media_type: String,
}

/// Everything queued, oldest first; items in the trash wait until they are restored.
pub fn queued(conn: &Connection) -> Result<Vec<Queued>> {
    let mut statement = conn.prepare_cached(
        "SELECT i.id, i.uid, i.kind, i.title, i.sha256, coalesce(b.media_type, '')
         FROM ocr_queue q JOIN items i ON i.id = q.item_id
         LEFT JOIN blobs b ON b.sha256 = i.sha256
         WHERE i.deleted_at IS NULL ORDER BY q.queued_at, q.item_id",
    )?;
    let rows = statement
        .query_map([], |row| {
            Ok(Queued {
                item_id: row.get(0)?,
                uid: row.get(1)?,
                kind: row.get(2)?,
                title: row.get(3)?,
                sha256: row.get(4)?,
                media_type: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many items wait for OCR.
pub fn queue_length(conn: &Connection) -> Result<usize> {
    let count: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM ocr_queue q JOIN items i ON i.id = q.item_id
         WHERE i.deleted_at IS NULL",
        )?
        .query_row([], |row| row.get(0))?;
    Ok(count as usize)
}

/// Replaces the pages OCR read of an item.
pub fn replace_pages(conn: &Connection, item_id: i64, pages: &[OcrPage]) -> Result<()> {
    conn.prepare_cached("DELETE FROM ocr_pages WHERE item_id = ?1")?
        .execute([item_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO ocr_pages (item_id, page, text, problem) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for page in pages {
        insert.execute(params![item_id, page.page, page.text, page.problem])?;
    }
    Ok(())
}

/// The pages OCR read of an item, in order.
pub fn pages(conn: &Connection, item_id: i64) -> Result<Vec<OcrPage>> {
    let mut statement = conn.prepare_cached(
        "SELECT page, text, problem FROM ocr_pages WHERE item_id = ?1 ORDER BY page",
    )?;
    let rows = statement
        .query_map([item_id], |row| {
            Ok(OcrPage {
                page: row.get(0)?,
                text: row.get(1)?,
                problem: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const OCR_PHOTOS: &str = "ocr_photos";

/// Whether imported photos are queued for OCR (off unless turned on).
pub fn photos_enabled(conn: &Connection) -> Result<bool> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM archive_settings WHERE key = ?1")?
        .query_row([OCR_PHOTOS], |row| row.get(0))
        .optional()?;
    Ok(value.as_deref() == Some("on"))
}

pub fn set_photos_enabled(conn: &Connection, enabled: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO archive_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![OCR_PHOTOS, if enabled { "on" } else { "off" }])?;
    Ok(())
}

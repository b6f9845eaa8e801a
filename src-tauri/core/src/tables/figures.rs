//! `figures`: an article's captions in order, each optionally linked to the photo it shows.

use rusqlite::{Connection, params};

use crate::error::Result;

pub fn insert(
    conn: &Connection,
    article_id: i64,
    position: usize,
    caption: &str,
    credit: &str,
    image_ref: &str,
    photo_id: Option<i64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO figures (article_id, position, caption, credit, image_ref, photo_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        article_id,
        i64::try_from(position).unwrap_or(i64::MAX),
        caption,
        credit,
        image_ref,
        photo_id
    ])?;
    Ok(conn.last_insert_rowid())
}

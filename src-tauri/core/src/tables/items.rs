//! `items`, `articles`, `photos`: the archive's articles and photos.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// The fields every item has.
#[derive(Debug, Clone, Default)]
pub struct NewItem<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub date_precision: Option<&'a str>,
    pub language: Option<&'a str>,
    pub sha256: &'a str,
    pub source_name: &'a str,
    pub source_path: &'a str,
}

#[derive(Debug, Clone, Default)]
pub struct NewArticle<'a> {
    pub byline: &'a str,
    pub site: &'a str,
    pub url: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    /// The text's sketch when already made (import makes it in parallel); made here otherwise.
    pub sketch: Option<&'a [u32]>,
}

#[derive(Debug, Clone, Default)]
pub struct NewPhoto<'a> {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: &'a str,
    pub credit: &'a str,
    pub byline: &'a str,
    pub copyright: &'a str,
    pub keywords: &'a [String],
    pub camera: &'a str,
    pub gps: Option<(f64, f64)>,
    pub taken_at: Option<&'a str>,
}

/// Inserts an item with a fresh uid and returns its id.
pub fn insert(conn: &Connection, item: &NewItem<'_>) -> Result<i64> {
    insert_with_uid(conn, &uuid::Uuid::new_v4().to_string(), item)
}

/// Inserts an item that already has a uid (one coming back from a Folio bundle).
pub fn insert_with_uid(conn: &Connection, uid: &str, item: &NewItem<'_>) -> Result<i64> {
    let now = crate::now_rfc3339();
    insert_dated(conn, uid, &now, &now, item)
}

/// Inserts an item with its uid and its import and modification times (replaying the journal).
pub fn insert_dated(
    conn: &Connection,
    uid: &str,
    imported_at: &str,
    modified_at: &str,
    item: &NewItem<'_>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO items (uid, kind, title, date, date_precision, language, sha256, source_name,
                            source_path, imported_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        uid,
        item.kind,
        item.title,
        item.date,
        item.date_precision,
        item.language,
        item.sha256,
        item.source_name,
        item.source_path,
        imported_at,
        modified_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Inserts an article's row with the sketch of its text (made here from the text being stored
/// unless the caller made it), so every way an article arrives (import, bundle, replay) has one.
pub fn insert_article(conn: &Connection, item_id: i64, article: &NewArticle<'_>) -> Result<()> {
    let sketch = match article.sketch {
        Some(sketch) => sketch.to_vec(),
        None => crate::similar::sketch::of_text(article.body_text),
    };
    conn.prepare_cached(
        "INSERT INTO articles (item_id, byline, site, url, body_text, body_html, excerpt, sketch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        item_id,
        article.byline,
        article.site,
        article.url,
        article.body_text,
        article.body_html,
        article.excerpt,
        crate::similar::sketch::to_bytes(&sketch)
    ])?;
    Ok(())
}

pub fn insert_photo(conn: &Connection, item_id: i64, photo: &NewPhoto<'_>) -> Result<()> {
    let keywords = serde_json::to_string(photo.keywords)
        .map_err(|e| crate::Error::Internal(format!("keywords: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO photos (item_id, width, height, caption, credit, byline, copyright, keywords,
                             camera, gps_lat, gps_lon, taken_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        item_id,
        photo.width,
        photo.height,
        photo.caption,
        photo.credit,
        photo.byline,
        photo.copyright,
        keywords,
        photo.camera,
        photo.gps.map(|g| g.0),
        photo.gps.map(|g| g.1),
        photo.taken_at,
    ])?;
    Ok(())
}

/// The item (in the library or the trash) that already holds these bytes.
pub fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM items WHERE sha256 = ?1 ORDER BY id LIMIT 1")?
        .query_row([sha256], |row| row.get(0))
        .optional()?)
}

/// The uid of an item (in the library or the trash).
pub fn uid_of(conn: &Connection, id: i64) -> Result<String> {
    conn.prepare_cached("SELECT uid FROM items WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| crate::Error::NotFound(format!("item {id}")))
}

/// The id of the item with this uid, or `NotFound`.
pub fn id_of(conn: &Connection, uid: &str) -> Result<i64> {
    find_by_uid(conn, uid)?.ok_or_else(|| crate::Error::NotFound(format!("item {uid}")))
}

/// The item (in the library or the trash) with this uid, or that this uid is an alias of (the
/// same original imported by another member of a team).
pub fn find_by_uid(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    let found = conn
        .prepare_cached("SELECT id FROM items WHERE uid = ?1")?
        .query_row([uid], |row| row.get(0))
        .optional()?;
    if found.is_some() {
        return Ok(found);
    }
    Ok(conn
        .prepare_cached(
            "SELECT i.id FROM aliases a JOIN items i ON i.uid = a.target
             WHERE a.uid = ?1 AND a.kind = 'item'",
        )?
        .query_row([uid], |row| row.get(0))
        .optional()?)
}

pub fn set_notes(conn: &Connection, item_id: i64, notes: &str) -> Result<()> {
    conn.prepare_cached("UPDATE items SET notes = ?2 WHERE id = ?1")?
        .execute(params![item_id, notes])?;
    Ok(())
}

/// Sets a new item's rating and label, as its file or bundle gave them (changes people make go
/// through the journal's `rate` and `label` actions).
pub fn set_rating_and_label(
    conn: &Connection,
    item_id: i64,
    rating: u8,
    label: Option<crate::library::ratings::Label>,
) -> Result<()> {
    conn.prepare_cached("UPDATE items SET rating = ?2, label = ?3 WHERE id = ?1")?
        .execute(params![item_id, rating, label.map(|label| label.as_str())])?;
    Ok(())
}

/// Copies a figure's caption and credit to a photo that has none of its own.
pub fn fill_photo_caption(
    conn: &Connection,
    item_id: i64,
    caption: &str,
    credit: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE photos SET caption = CASE WHEN caption = '' THEN ?2 ELSE caption END,
                           credit = CASE WHEN credit = '' THEN ?3 ELSE credit END
         WHERE item_id = ?1",
    )?
    .execute(params![item_id, caption, credit])?;
    Ok(())
}

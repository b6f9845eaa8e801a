//! Everything recorded about items, read from the database in one go: the item row, the article
//! or photo row, figures with the photos they show, and tags. Export reads its items this way,
//! and the journal records what an import committed this way.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::library::ratings::Label;
use crate::tables::tags;

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub language: Option<String>,
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    pub source_name: String,
    pub source_path: String,
    pub imported_at: String,
    pub modified_at: String,
    pub notes: String,
    pub tags: Vec<String>,
    /// 0 to 5 stars; 0: not rated.
    pub rating: u8,
    pub label: Option<Label>,
    pub detail: Detail,
}

#[derive(Debug, Clone)]
pub(crate) enum Detail {
    Article(Article),
    Photo(Photo),
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Article {
    pub byline: String,
    pub site: String,
    pub url: String,
    pub body_text: String,
    pub body_html: String,
    pub excerpt: String,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub position: i64,
    pub caption: String,
    pub credit: String,
    pub image_ref: String,
    pub photo: Option<LinkedPhoto>,
}

/// The photo item a figure shows.
#[derive(Debug, Clone)]
pub(crate) struct LinkedPhoto {
    pub uid: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Photo {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: String,
    pub credit: String,
    pub byline: String,
    pub copyright: String,
    pub keywords: Vec<String>,
    pub camera: String,
    pub gps: Option<(f64, f64)>,
    pub taken_at: Option<String>,
}

impl Item {
    pub fn kind(&self) -> &'static str {
        match self.detail {
            Detail::Article(_) => "article",
            Detail::Photo(_) => "photo",
        }
    }

    /// The item's date as a day (`YYYY-MM-DD`, or shorter for month and year precision).
    pub fn day(&self) -> Option<&str> {
        let date = self.date.as_deref()?;
        Some(date.get(..10).unwrap_or(date))
    }
}

/// The items with these ids, in the order given; an id given twice is exported once.
pub(crate) fn load(conn: &Connection, ids: &[i64]) -> Result<Vec<Item>> {
    let mut seen = HashSet::new();
    ids.iter()
        .filter(|id| seen.insert(**id))
        .map(|&id| load_one(conn, id))
        .collect()
}

fn load_one(conn: &Connection, id: i64) -> Result<Item> {
    let mut item = conn
        .prepare_cached(
            "SELECT i.uid, i.kind, i.title, i.date, i.date_precision, i.language, i.sha256,
                    b.size, b.media_type, i.source_name, i.source_path, i.imported_at,
                    i.modified_at, i.notes, i.rating, i.label
             FROM items i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.id = ?1",
        )?
        .query_row([id], |row| {
            let kind: String = row.get(1)?;
            let detail = if kind == "article" {
                Detail::Article(Article::default())
            } else {
                Detail::Photo(Photo::default())
            };
            Ok(Item {
                id,
                uid: row.get(0)?,
                title: row.get(2)?,
                date: row.get(3)?,
                date_precision: row.get(4)?,
                language: row.get(5)?,
                sha256: row.get(6)?,
                size: row.get::<_, i64>(7)?.max(0).unsigned_abs(),
                media_type: row.get(8)?,
                source_name: row.get(9)?,
                source_path: row.get(10)?,
                imported_at: row.get(11)?,
                modified_at: row.get(12)?,
                notes: row.get(13)?,
                tags: Vec::new(),
                rating: row.get(14)?,
                label: row.get(15)?,
                detail,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("item {id}")))?;
    item.tags = tags::of_item(conn, id)?;
    item.detail = match item.detail {
        Detail::Article(_) => Detail::Article(article(conn, id)?),
        Detail::Photo(_) => Detail::Photo(photo(conn, id)?),
    };
    Ok(item)
}

fn article(conn: &Connection, id: i64) -> Result<Article> {
    let mut article = conn.prepare_cached("SELECT byline, site, url, body_text, body_html, excerpt FROM articles WHERE item_id = ?1")?.query_row(
        [id],
        |row| {
            Ok(Article {
                byline: row.get(0)?,
                site: row.get(1)?,
                url: row.get(2)?,
                body_text: row.get(3)?,
                body_html: row.get(4)?,
                excerpt: row.get(5)?,
                figures: Vec::new(),
            })
        },
    )?;
    let mut statement = conn.prepare_cached(
        "SELECT f.position, f.caption, f.credit, f.image_ref, p.uid, p.sha256
         FROM figures f LEFT JOIN items p ON p.id = f.photo_id
         WHERE f.article_id = ?1 ORDER BY f.position",
    )?;
    let figures = statement.query_map([id], |row| {
        let uid: Option<String> = row.get(4)?;
        let sha256: Option<String> = row.get(5)?;
        Ok(Figure {
            position: row.get(0)?,
            caption: row.get(1)?,
            credit: row.get(2)?,
            image_ref: row.get(3)?,
            photo: uid
                .zip(sha256)
                .map(|(uid, sha256)| LinkedPhoto { uid, sha256 }),
        })
    })?;
    article.figures = figures.collect::<rusqlite::Result<_>>()?;
    Ok(article)
}

fn photo(conn: &Connection, id: i64) -> Result<Photo> {
    let (photo, keywords) = conn
        .prepare_cached(
            "SELECT width, height, caption, credit, byline, copyright, keywords, camera, gps_lat,
                gps_lon, taken_at
         FROM photos WHERE item_id = ?1",
        )?
        .query_row([id], |row| {
            let lat: Option<f64> = row.get(8)?;
            let lon: Option<f64> = row.get(9)?;
            let keywords: String = row.get(6)?;
            Ok((
                Photo {
                    width: row.get(0)?,
                    height: row.get(1)?,
                    caption: row.get(2)?,
                    credit: row.get(3)?,
                    byline: row.get(4)?,
                    copyright: row.get(5)?,
                    keywords: Vec::new(),
                    camera: row.get(7)?,
                    gps: lat.zip(lon),
                    taken_at: row.get(10)?,
                },
                keywords,
            ))
        })?;
    let keywords = serde_json::from_str(&keywords).map_err(|e| {
        Error::Internal(format!(
            "photo {id} has unreadable keywords ({e}): {keywords}"
        ))
    })?;
    Ok(Photo { keywords, ..photo })
}

/// The collections that hold any of `item_ids`, each with those of its items that are among
/// `item_ids`, in the collection's order: what a bundle carries by default.
pub fn collections_of(conn: &Connection, item_ids: &[i64]) -> Result<Vec<(String, Vec<i64>)>> {
    let wanted: HashSet<i64> = item_ids.iter().copied().collect();
    let mut statement = conn.prepare_cached(
        "SELECT c.name, ci.item_id FROM collections c
         JOIN collection_items ci ON ci.collection_id = c.id
         ORDER BY c.name COLLATE NOCASE, c.id, ci.position",
    )?;
    let rows = statement.query_map(params![], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut collections: Vec<(String, Vec<i64>)> = Vec::new();
    for row in rows {
        let (name, item_id) = row?;
        if !wanted.contains(&item_id) {
            continue;
        }
        match collections.last_mut() {
            Some((last, items)) if *last == name => items.push(item_id),
            _ => collections.push((name, vec![item_id])),
        }
    }
    Ok(collections)
}

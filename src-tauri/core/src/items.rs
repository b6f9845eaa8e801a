//! Reading items for display and automation: `folio list` and `folio show` (DESIGN §8 keys).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::tables::{collections, tags};

/// One row of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemSummary {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub date: Option<String>,
    pub language: Option<String>,
    pub source_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    Article,
    Photo,
}

/// Items in the library (not the trash), newest import first.
pub fn list(conn: &Connection, kind: Option<KindFilter>, limit: usize) -> Result<Vec<ItemSummary>> {
    let kind = kind.map(|k| match k {
        KindFilter::Article => "article",
        KindFilter::Photo => "photo",
    });
    let mut statement = conn.prepare(
        "SELECT id, kind, title, date, language, source_name FROM items
         WHERE deleted_at IS NULL AND (?1 IS NULL OR kind = ?1)
         ORDER BY imported_at DESC, id DESC LIMIT ?2",
    )?;
    let rows = statement.query_map(
        params![kind, i64::try_from(limit).unwrap_or(i64::MAX)],
        |row| {
            Ok(ItemSummary {
                id: row.get(0)?,
                kind: row.get(1)?,
                title: row.get(2)?,
                date: row.get(3)?,
                language: row.get(4)?,
                source_name: row.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FigureView {
    pub caption: String,
    pub credit: String,
    pub photo_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleView {
    pub id: i64,
    pub uid: String,
    pub kind: String,
    pub title: String,
    pub byline: String,
    pub site: String,
    pub url: String,
    pub published: Option<String>,
    pub language: Option<String>,
    pub body_text: String,
    pub figures: Vec<FigureView>,
    pub tags: Vec<String>,
    pub collections: Vec<String>,
    pub sha256: String,
    pub source_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhotoView {
    pub id: i64,
    pub uid: String,
    pub kind: String,
    pub title: String,
    pub caption: String,
    pub credit: String,
    pub byline: String,
    pub copyright: String,
    pub keywords: Vec<String>,
    pub taken: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub camera: String,
    pub sha256: String,
    pub tags: Vec<String>,
    pub collections: Vec<String>,
    pub source_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum ItemView {
    Article(ArticleView),
    Photo(PhotoView),
}

struct Common {
    uid: String,
    kind: String,
    title: String,
    date: Option<String>,
    language: Option<String>,
    sha256: String,
    source_name: String,
}

pub fn show(conn: &Connection, id: i64) -> Result<ItemView> {
    let common = conn
        .query_row(
            "SELECT uid, kind, title, date, language, sha256, source_name FROM items WHERE id = ?1",
            [id],
            |row| {
                Ok(Common {
                    uid: row.get(0)?,
                    kind: row.get(1)?,
                    title: row.get(2)?,
                    date: row.get(3)?,
                    language: row.get(4)?,
                    sha256: row.get(5)?,
                    source_name: row.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("item {id}")))?;
    let tags = tags::of_item(conn, id)?;
    let collections = collections::of_item(conn, id)?;
    if common.kind == "article" {
        let (byline, site, url, body_text) = conn.query_row(
            "SELECT byline, site, url, body_text FROM articles WHERE item_id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let mut statement = conn.prepare(
            "SELECT caption, credit, photo_id FROM figures WHERE article_id = ?1 ORDER BY position",
        )?;
        let figures = statement
            .query_map([id], |row| {
                Ok(FigureView {
                    caption: row.get(0)?,
                    credit: row.get(1)?,
                    photo_id: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        return Ok(ItemView::Article(ArticleView {
            id,
            uid: common.uid,
            kind: common.kind,
            title: common.title,
            byline,
            site,
            url,
            published: common.date,
            language: common.language,
            body_text,
            figures,
            tags,
            collections,
            sha256: common.sha256,
            source_name: common.source_name,
        }));
    }
    let photo = conn.query_row(
        "SELECT caption, credit, byline, copyright, keywords, taken_at, width, height, camera
         FROM photos WHERE item_id = ?1",
        [id],
        |row| {
            let keywords: String = row.get(4)?;
            Ok(PhotoView {
                id,
                uid: common.uid.clone(),
                kind: common.kind.clone(),
                title: common.title.clone(),
                caption: row.get(0)?,
                credit: row.get(1)?,
                byline: row.get(2)?,
                copyright: row.get(3)?,
                keywords: serde_json::from_str(&keywords).unwrap_or_else(|_| vec![keywords]),
                taken: row.get(5)?,
                width: row.get(6)?,
                height: row.get(7)?,
                camera: row.get(8)?,
                sha256: common.sha256.clone(),
                tags: tags.clone(),
                collections: collections.clone(),
                source_name: common.source_name.clone(),
            })
        },
    )?;
    Ok(ItemView::Photo(photo))
}

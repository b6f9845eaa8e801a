//! Reading items for display and automation: `folio list` and `folio show` (DESIGN §8 keys).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::library::listing::{ListRequest, MAX_PAGE, Scope, SortKey, list_page};
use crate::library::ratings::Label;
use crate::tables::{collections, tags};

/// What an item is: an article or a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Article,
    Photo,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Photo => "photo",
        }
    }

    /// The kind as the database and bundles write it.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "article" => Ok(ItemKind::Article),
            "photo" => Ok(ItemKind::Photo),
            other => Err(Error::InvalidInput(format!(
                "{other:?} is not a kind of item; an item is an article or a photo"
            ))),
        }
    }
}

impl std::fmt::Display for ItemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl rusqlite::types::FromSql for ItemKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

/// One row of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemSummary {
    pub id: i64,
    pub kind: ItemKind,
    pub title: String,
    pub date: Option<String>,
    pub language: Option<String>,
    pub source_name: String,
    /// A photo's credit; an article's site, else its byline.
    pub credit: String,
    pub tags: Vec<String>,
    pub sha256: String,
    pub has_thumbnail: bool,
    pub imported_at: String,
    /// 0 to 5 stars; 0: not rated.
    pub rating: u8,
    pub label: Option<Label>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    Article,
    Photo,
}

/// Items in the library (not the trash), newest import first.
pub fn list(conn: &Connection, kind: Option<KindFilter>, limit: usize) -> Result<Vec<ItemSummary>> {
    let scope = match kind {
        None => Scope::All,
        Some(KindFilter::Article) => Scope::Articles,
        Some(KindFilter::Photo) => Scope::Photos,
    };
    let mut request = ListRequest {
        scope,
        sort: SortKey::Imported,
        descending: true,
        offset: 0,
        limit: MAX_PAGE,
    };
    let mut items = Vec::new();
    // Page through: automation may ask for more than one page holds.
    loop {
        let page = list_page(conn, &request)?.items;
        let done = page.len() < MAX_PAGE as usize;
        items.extend(page);
        if done || items.len() >= limit {
            break;
        }
        request.offset += MAX_PAGE;
    }
    items.truncate(limit);
    Ok(items)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FigureView {
    pub id: i64,
    pub caption: String,
    pub credit: String,
    pub photo_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleView {
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub byline: String,
    pub site: String,
    pub url: String,
    /// When the page was fetched from its address (RFC 3339), for an article captured from a
    /// link; none for one imported from a file.
    pub captured_at: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub body_text: String,
    /// Sanitised when imported: no scripts, handlers or remote resources.
    pub body_html: String,
    /// For a scan: whether OCR has still to read it, and the text it read, page by page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ocr: Option<OcrView>,
    pub figures: Vec<FigureView>,
    pub tags: Vec<String>,
    pub collections: Vec<String>,
    pub sha256: String,
    pub source_name: String,
    pub notes: String,
    /// 0 to 5 stars; 0: not rated.
    pub rating: u8,
    pub label: Option<Label>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhotoView {
    pub id: i64,
    pub uid: String,
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
    /// The text OCR read in the photo (or that it is still to be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ocr: Option<OcrView>,
    pub sha256: String,
    pub tags: Vec<String>,
    pub collections: Vec<String>,
    pub source_name: String,
    pub notes: String,
    /// 0 to 5 stars; 0: not rated.
    pub rating: u8,
    pub label: Option<Label>,
    pub deleted: bool,
}

/// What OCR did or has still to do for an item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OcrView {
    /// Waiting for OCR (the text is not read yet).
    pub queued: bool,
    /// The text read, page by page (an image is page 1); a page that could not be read says why.
    pub pages: Vec<crate::ocr::OcrPage>,
}

/// The OCR state of an item, or `None` when OCR never had anything to do with it.
fn ocr_view(conn: &Connection, id: i64) -> Result<Option<OcrView>> {
    let queued: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ocr_queue WHERE item_id = ?1)",
        [id],
        |row| row.get(0),
    )?;
    let pages = crate::tables::ocr::pages(conn, id)?;
    Ok((queued || !pages.is_empty()).then_some(OcrView { queued, pages }))
}

/// One item as `show` gives it, told apart by its `kind` (`article` or `photo`): a discriminated
/// union in TypeScript, so the window never guesses from which fields are there.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
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
    source_path: String,
    imported_at: String,
    notes: String,
    rating: u8,
    label: Option<Label>,
    deleted: bool,
}

pub fn show(conn: &Connection, id: i64) -> Result<ItemView> {
    let common = conn
        .query_row(
            "SELECT uid, kind, title, date, language, sha256, source_name, notes, deleted_at IS NOT NULL,
                    source_path, imported_at, rating, label
             FROM items WHERE id = ?1",
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
                    notes: row.get(7)?,
                    deleted: row.get(8)?,
                    source_path: row.get(9)?,
                    imported_at: row.get(10)?,
                    rating: row.get(11)?,
                    label: row.get(12)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("item {id}")))?;
    let tags = tags::of_item(conn, id)?;
    let collections = collections::of_item(conn, id)?;
    if common.kind == "article" {
        let (byline, site, url, body_text, body_html) = conn.query_row(
            "SELECT byline, site, url, body_text, body_html FROM articles WHERE item_id = ?1",
            [id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )?;
        let mut statement = conn.prepare(
            "SELECT id, caption, credit, photo_id FROM figures WHERE article_id = ?1 ORDER BY position",
        )?;
        let figures = statement
            .query_map([id], |row| {
                Ok(FigureView {
                    id: row.get(0)?,
                    caption: row.get(1)?,
                    credit: row.get(2)?,
                    photo_id: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A captured article came from its address, and was imported the moment it was fetched.
        let captured = crate::capture::is_link(&common.source_path);
        return Ok(ItemView::Article(ArticleView {
            id,
            uid: common.uid,
            title: common.title,
            byline,
            site,
            url,
            captured_at: captured.then_some(common.imported_at),
            published: common.date,
            language: common.language,
            body_text,
            body_html,
            ocr: ocr_view(conn, id)?,
            figures,
            tags,
            collections,
            sha256: common.sha256,
            source_name: common.source_name,
            notes: common.notes,
            rating: common.rating,
            label: common.label,
            deleted: common.deleted,
        }));
    }
    let ocr = ocr_view(conn, id)?;
    let photo = conn.query_row(
        "SELECT caption, credit, byline, copyright, keywords, taken_at, width, height, camera
         FROM photos WHERE item_id = ?1",
        [id],
        |row| {
            let keywords: String = row.get(4)?;
            Ok(PhotoView {
                id,
                uid: common.uid.clone(),
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
                ocr: ocr.clone(),
                sha256: common.sha256.clone(),
                tags: tags.clone(),
                collections: collections.clone(),
                source_name: common.source_name.clone(),
                notes: common.notes.clone(),
                rating: common.rating,
                label: common.label,
                deleted: common.deleted,
            })
        },
    )?;
    Ok(ItemView::Photo(photo))
}

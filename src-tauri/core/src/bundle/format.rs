//! `data/items.json`: everything another Folio needs to rebuild the bundle's items — ids that
//! survive (uids), every metadata field, captions, figure links by uid, tags and collections in
//! order — beside the originals it names by path and SHA-256.

use serde::{Deserialize, Serialize};

use crate::records::{Detail, Item};

/// The `format` key of a Folio bundle's items.json.
pub const FORMAT: &str = "folio-bundle";
/// The newest items.json version this Folio writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleIndex {
    pub format: String,
    pub version: u32,
    pub title: String,
    pub exported_at: String,
    pub items: Vec<BundleItem>,
    #[serde(default)]
    pub collections: Vec<BundleCollection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleItem {
    pub uid: String,
    /// `article` or `photo`.
    pub kind: String,
    pub title: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub language: Option<String>,
    pub source_name: String,
    #[serde(default)]
    pub source_path: String,
    pub imported_at: String,
    #[serde(default)]
    pub modified_at: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// 0 to 5 stars; 0 (not rated) is left out.
    #[serde(default, skip_serializing_if = "is_unrated")]
    pub rating: u8,
    /// A label this Folio does not know is left out rather than refusing the item.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "known_label"
    )]
    pub label: Option<crate::library::ratings::Label>,
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    /// The original, byte for byte, relative to the bag (`data/photos/…`).
    pub path: String,
    /// A copy of a photo carrying its caption in XMP and IPTC, relative to the bag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captioned_path: Option<String>,
    /// A JPEG rendition beside a photo few programs open (HEIC), carrying its caption, relative
    /// to the bag. Only for receivers: importing the bundle reads the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendition_path: Option<String>,
    /// A 256-pixel thumbnail, relative to the bag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<BundleArticle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<BundlePhoto>,
}

fn is_unrated(rating: &u8) -> bool {
    *rating == 0
}

fn known_label<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::library::ratings::Label>, D::Error> {
    let name: Option<String> = Option::deserialize(deserializer)?;
    Ok(name
        .as_deref()
        .and_then(crate::library::ratings::Label::from_name))
}

impl BundleItem {
    /// The bundle form of an item read from the archive.
    pub(crate) fn from_record(
        item: &Item,
        path: String,
        captioned_path: Option<String>,
        thumbnail: Option<String>,
    ) -> BundleItem {
        let (article, photo) = match &item.detail {
            Detail::Article(article) => (
                Some(BundleArticle {
                    byline: article.byline.clone(),
                    site: article.site.clone(),
                    url: article.url.clone(),
                    excerpt: article.excerpt.clone(),
                    body_text: article.body_text.clone(),
                    body_html: article.body_html.clone(),
                    figures: article
                        .figures
                        .iter()
                        .map(|figure| BundleFigure {
                            position: figure.position,
                            caption: figure.caption.clone(),
                            credit: figure.credit.clone(),
                            image_ref: figure.image_ref.clone(),
                            photo_uid: figure.photo.as_ref().map(|p| p.uid.clone()),
                        })
                        .collect(),
                }),
                None,
            ),
            Detail::Photo(photo) => (
                None,
                Some(BundlePhoto {
                    width: photo.width,
                    height: photo.height,
                    caption: photo.caption.clone(),
                    credit: photo.credit.clone(),
                    byline: photo.byline.clone(),
                    copyright: photo.copyright.clone(),
                    keywords: photo.keywords.clone(),
                    camera: photo.camera.clone(),
                    gps: photo.gps.map(|(lat, lon)| Gps { lat, lon }),
                    taken_at: photo.taken_at.clone(),
                }),
            ),
        };
        BundleItem {
            uid: item.uid.clone(),
            kind: item.kind().into(),
            title: item.title.clone(),
            date: item.date.clone(),
            date_precision: item.date_precision.clone(),
            language: item.language.clone(),
            source_name: item.source_name.clone(),
            source_path: item.source_path.clone(),
            imported_at: item.imported_at.clone(),
            modified_at: item.modified_at.clone(),
            notes: item.notes.clone(),
            tags: item.tags.clone(),
            rating: item.rating,
            label: item.label,
            sha256: item.sha256.clone(),
            size: item.size,
            media_type: item.media_type.clone(),
            path,
            captioned_path,
            rendition_path: None,
            thumbnail,
            article,
            photo,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleArticle {
    pub byline: String,
    pub site: String,
    pub url: String,
    pub excerpt: String,
    /// Paragraphs separated by newlines.
    pub body_text: String,
    /// The sanitised display HTML Folio stored at import.
    pub body_html: String,
    pub figures: Vec<BundleFigure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleFigure {
    pub position: i64,
    pub caption: String,
    pub credit: String,
    #[serde(default)]
    pub image_ref: String,
    /// The uid of the photo item the figure shows, once linked.
    pub photo_uid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundlePhoto {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: String,
    pub credit: String,
    pub byline: String,
    pub copyright: String,
    pub keywords: Vec<String>,
    pub camera: String,
    pub gps: Option<Gps>,
    pub taken_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
}

/// A collection and the uids of its items, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleCollection {
    pub name: String,
    pub items: Vec<String>,
}

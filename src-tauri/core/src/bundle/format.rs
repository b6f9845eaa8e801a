//! `data/items.json`: everything another Folio needs to rebuild the bundle's items — ids that
//! survive (uids), every metadata field, captions, figure links by uid, tags and collections in
//! order — beside the originals it names by path and SHA-256.

use serde::{Deserialize, Serialize};

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
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    /// The original, byte for byte, relative to the bag (`data/photos/…`).
    pub path: String,
    /// A copy of a photo carrying its caption in XMP and IPTC, relative to the bag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captioned_path: Option<String>,
    /// A 256-pixel thumbnail, relative to the bag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<BundleArticle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<BundlePhoto>,
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

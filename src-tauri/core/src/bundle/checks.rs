//! What a bundle may bring in. Bundles travel between offices, so `items.json` is untrusted input
//! like any web page: every field passes the same checks and cleaning as the same field from any
//! other import — display HTML through the article sanitiser, web addresses limited to http(s),
//! dates and languages parsed, names and one-line texts without control characters. A field that
//! cannot be made safe is dropped; an item that cannot be identified is refused on its own,
//! without stopping the rest of the bundle.

use std::collections::BTreeMap;

use super::format::{BundleArticle, BundleCollection, BundleFigure, BundleItem, BundlePhoto, Gps};
use crate::article::html::sanitize;
use crate::blobs::is_sha256_hex;
use crate::file_names;
use crate::library::ratings::MAX_RATING;
use crate::photo::date::Taken;
use crate::photo::text::{clean_line, clean_multiline};
use crate::tables::{collections, tags};
use crate::text::dates::parse_date;

/// The longest uid accepted: Folio's are 36-character UUIDs.
const MAX_UID_CHARS: usize = 64;
/// Pixel sides beyond this are not a photo's.
const MAX_SIDE: u32 = 1_000_000;

/// Checks and cleans one item. `manifest` maps bag paths to their SHA-256; `size_of` gives the
/// size of a payload file on disk. The error says why the item is refused.
pub fn clean_item(
    item: BundleItem,
    manifest: &BTreeMap<String, String>,
    size_of: impl Fn(&str) -> Option<u64>,
) -> Result<BundleItem, String> {
    if !is_uid(&item.uid) {
        return Err("it has no valid uid".into());
    }
    let detail_matches = match item.kind.as_str() {
        "article" => item.article.is_some() && item.photo.is_none(),
        "photo" => item.photo.is_some() && item.article.is_none(),
        _ => return Err("its kind is neither article nor photo".into()),
    };
    if !detail_matches {
        return Err(format!("it lacks its {} fields", item.kind));
    }
    if !is_sha256_hex(&item.sha256) {
        return Err("it has no valid SHA-256".into());
    }
    let sha256 = item.sha256.to_ascii_lowercase();
    match manifest.get(&item.path) {
        Some(sum) if *sum == sha256 => {}
        Some(_) => return Err("its SHA-256 differs from the bag's manifest".into()),
        None => return Err(format!("it names {}, which is not in the bag", item.path)),
    }
    let size = size_of(&item.path).ok_or_else(|| format!("{} is missing", item.path))?;

    let (date, date_precision) = match item.kind.as_str() {
        "photo" => (photo_date(item.date.as_deref()), None),
        _ => article_date(item.date.as_deref()),
    };
    let date_precision = date_precision.or(date.as_ref().map(|_| "instant".to_string()));
    Ok(BundleItem {
        uid: item.uid.to_ascii_lowercase(),
        title: clean_line(&item.title),
        date,
        date_precision,
        language: item.language.as_deref().and_then(language),
        source_name: source_name(&item.source_name),
        source_path: clean_line(&item.source_path),
        notes: clean_multiline(&item.notes),
        tags: item
            .tags
            .iter()
            .filter_map(|tag| tags::normalise(tag).ok())
            .collect(),
        // A rating no Folio writes is no rating.
        rating: if item.rating <= MAX_RATING {
            item.rating
        } else {
            0
        },
        sha256,
        size,
        media_type: media_type(&item.media_type),
        captioned_path: None,
        rendition_path: None,
        thumbnail: None,
        article: item.article.map(clean_article),
        photo: item.photo.map(clean_photo),
        ..item
    })
}

/// A collection as it may be created: a usable name and only well-formed uids.
pub fn clean_collection(collection: BundleCollection) -> Option<BundleCollection> {
    let name = collections::normalise(&collection.name).ok()?;
    let items = collection
        .items
        .into_iter()
        .filter(|uid| is_uid(uid))
        .map(|uid| uid.to_ascii_lowercase())
        .collect();
    Some(BundleCollection { name, items })
}

fn clean_article(article: BundleArticle) -> BundleArticle {
    BundleArticle {
        byline: clean_line(&article.byline),
        site: clean_line(&article.site),
        url: web_address(&article.url),
        excerpt: clean_multiline(&article.excerpt),
        body_text: clean_multiline(&article.body_text),
        body_html: sanitize::sanitize_untrusted(&article.body_html),
        figures: article.figures.into_iter().map(clean_figure).collect(),
    }
}

fn clean_figure(figure: BundleFigure) -> BundleFigure {
    BundleFigure {
        position: figure.position.max(0),
        caption: clean_multiline(&figure.caption),
        credit: clean_line(&figure.credit),
        image_ref: clean_line(&figure.image_ref),
        photo_uid: figure
            .photo_uid
            .filter(|uid| is_uid(uid))
            .map(|uid| uid.to_ascii_lowercase()),
    }
}

fn clean_photo(photo: BundlePhoto) -> BundlePhoto {
    let side = |value: Option<u32>| value.filter(|v| (1..=MAX_SIDE).contains(v));
    BundlePhoto {
        width: side(photo.width),
        height: side(photo.height),
        caption: clean_multiline(&photo.caption),
        credit: clean_line(&photo.credit),
        byline: clean_line(&photo.byline),
        copyright: clean_line(&photo.copyright),
        keywords: photo
            .keywords
            .iter()
            .map(|k| clean_line(k))
            .filter(|k| !k.is_empty())
            .collect(),
        camera: clean_line(&photo.camera),
        gps: photo.gps.filter(|gps| is_on_earth(*gps)),
        taken_at: photo_date(photo.taken_at.as_deref()),
    }
}

/// Folio's uids are UUIDs; anything of letters, digits and `-` of a sane length is accepted, so
/// bundles from other tools with their own ids still import.
pub fn is_uid(uid: &str) -> bool {
    (1..=MAX_UID_CHARS).contains(&uid.len())
        && uid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// An article's date as the text importers read one; `None` for anything that is not a date.
fn article_date(date: Option<&str>) -> (Option<String>, Option<String>) {
    match date.and_then(parse_date) {
        Some(parsed) => (Some(parsed.value), Some(parsed.precision.as_str().into())),
        None => (None, None),
    }
}

/// A photo's date as its metadata readers write one (ISO 8601 of any precision).
fn photo_date(date: Option<&str>) -> Option<String> {
    date.and_then(Taken::from_iso).map(|taken| taken.format())
}

/// An ISO 639 code (`en`, `zh`, `rus`), lower case; anything else is no language.
fn language(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase();
    ((2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// Only web addresses are kept: `javascript:`, `data:`, `file:` and the rest are dropped.
pub fn web_address(url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let is_web = lower.starts_with("http://") || lower.starts_with("https://");
    if is_web && !url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        url.to_string()
    } else {
        String::new()
    }
}

/// A file name, never a path: the last part, in NFC, without control characters.
fn source_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    clean_line(&file_names::nfc(last))
}

/// `type/subtype` in lower case, or the type that claims nothing.
fn media_type(media_type: &str) -> String {
    let lower = media_type.trim().to_ascii_lowercase();
    let valid = lower.split_once('/').is_some_and(|(kind, sub)| {
        let token = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        };
        token(kind) && token(sub)
    });
    if valid {
        lower
    } else {
        "application/octet-stream".into()
    }
}

fn is_on_earth(gps: Gps) -> bool {
    gps.lat.is_finite()
        && gps.lon.is_finite()
        && (-90.0..=90.0).contains(&gps.lat)
        && (-180.0..=180.0).contains(&gps.lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "ab00000000000000000000000000000000000000000000000000000000000000";

    fn article(body_html: &str) -> BundleItem {
        BundleItem {
            uid: "0b6f3c0e-2d55-4f7e-9a43-6c1c0f2b1a77".into(),
            kind: "article".into(),
            title: "Title\u{0}".into(),
            date: Some("2018-11-02".into()),
            date_precision: Some("day".into()),
            language: Some("en".into()),
            source_name: "/home/someone/article.html".into(),
            source_path: String::new(),
            imported_at: String::new(),
            modified_at: String::new(),
            notes: String::new(),
            tags: vec!["  Events / Dialogue ".into(), "   ".into()],
            rating: 4,
            label: None,
            sha256: SHA.into(),
            size: 1,
            media_type: "text/html".into(),
            path: "data/articles/a.html".into(),
            captioned_path: None,
            rendition_path: None,
            thumbnail: None,
            article: Some(BundleArticle {
                byline: "A".into(),
                site: "S".into(),
                url: "https://example.org/a".into(),
                excerpt: String::new(),
                body_text: "Body".into(),
                body_html: body_html.into(),
                figures: vec![],
            }),
            photo: None,
        }
    }

    fn manifest() -> BTreeMap<String, String> {
        BTreeMap::from([("data/articles/a.html".to_string(), SHA.to_string())])
    }

    fn clean(item: BundleItem) -> Result<BundleItem, String> {
        clean_item(item, &manifest(), |_| Some(42))
    }

    #[test]
    fn display_html_from_a_bundle_is_sanitised_like_any_page() {
        let hostile = "<p onclick=\"x()\">Hi</p><script>alert(1)</script><iframe src=\"//e\"></iframe>\
                       <img src=\"x.jpg\" onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">l</a>";
        let item = clean(article(hostile)).unwrap();
        let html = item.article.unwrap().body_html;
        for bad in ["script", "onclick", "onerror", "iframe", "javascript"] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("Hi"));
    }

    #[test]
    fn fields_that_are_not_what_they_claim_are_dropped() {
        let mut item = article("<p>x</p>");
        item.language = Some("<script>".into());
        item.date = Some("not a date".into());
        item.date_precision = Some("fortnight".into());
        item.media_type = "text/html; <script>".into();
        item.rating = 9;
        if let Some(article) = item.article.as_mut() {
            article.url = "javascript:alert(1)".into();
        }
        let item = clean(item).unwrap();
        assert_eq!(item.language, None);
        assert_eq!((item.date, item.date_precision), (None, None));
        assert_eq!(item.media_type, "application/octet-stream");
        assert_eq!(item.rating, 0, "no Folio gives nine stars");
        assert_eq!(item.article.unwrap().url, "");
    }

    #[test]
    fn a_label_this_folio_does_not_know_is_left_out() {
        let mut record = serde_json::to_value(article("<p>x</p>")).unwrap();
        record["label"] = "Second".into();
        let item: BundleItem = serde_json::from_value(record.clone()).unwrap();
        assert_eq!(item.label, None);
        record["label"] = "Green".into();
        let item: BundleItem = serde_json::from_value(record).unwrap();
        assert_eq!(item.label, Some(crate::library::ratings::Label::Green));
    }

    #[test]
    fn good_fields_pass_cleaned() {
        let item = clean(article("<p>x</p>")).unwrap();
        assert_eq!(item.title, "Title");
        assert_eq!(item.date.as_deref(), Some("2018-11-02"));
        assert_eq!(item.date_precision.as_deref(), Some("day"));
        assert_eq!(item.source_name, "article.html");
        assert_eq!(item.tags, vec!["Events/Dialogue".to_string()]);
        assert_eq!(item.size, 42, "the size is the file's, not the claim");
        assert_eq!(item.rating, 4);
        assert_eq!(item.article.unwrap().url, "https://example.org/a");
    }

    #[test]
    fn an_item_that_cannot_be_identified_is_refused_on_its_own() {
        let mut item = article("");
        item.uid = "<script>".into();
        assert!(clean(item).is_err());
        let mut item = article("");
        item.path = "data/elsewhere.html".into();
        assert!(clean(item).unwrap_err().contains("not in the bag"));
        let mut item = article("");
        item.kind = "video".into();
        assert!(clean(item).is_err());
    }

    #[test]
    fn photo_coordinates_and_sides_outside_reality_are_dropped() {
        let photo = clean_photo(BundlePhoto {
            width: Some(0),
            height: Some(u32::MAX),
            caption: "C\u{7}".into(),
            credit: String::new(),
            byline: String::new(),
            copyright: String::new(),
            keywords: vec![" ".into(), "k".into()],
            camera: String::new(),
            gps: Some(Gps {
                lat: f64::NAN,
                lon: 0.0,
            }),
            taken_at: Some("2018-13-45".into()),
        });
        assert_eq!((photo.width, photo.height), (None, None));
        assert_eq!(photo.gps, None);
        assert_eq!(photo.taken_at, None);
        assert_eq!(photo.caption, "C");
        assert_eq!(photo.keywords, vec!["k".to_string()]);
    }
}

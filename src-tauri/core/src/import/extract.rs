//! The parallel stage of an import: read one unit's files, decide what they are, extract the
//! article or photo, and store the originals and thumbnails. Touches no database.

use std::fs;
use std::path::Path;

use crate::article::{self, ArticleDraft, ArticleFormat};
use crate::blobs::ObjectBatch;
use crate::file_names;
use crate::photo::{self, PhotoDraft, PhotoError};
use crate::text::human_size;

use super::plan::{Unit, has_extension};
use super::thumbnails;

/// The largest file Folio reads into an import.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// A photo ready to commit; its original (and thumbnails) are already stored.
#[derive(Debug)]
pub struct ReadyPhoto {
    pub sha256: String,
    pub size: u64,
    pub display: String,
    pub source_name: String,
    /// How the article refers to it (`page_files/a.jpg`), for photos that came with an article.
    pub reference: Option<String>,
    pub draft: PhotoDraft,
}

#[derive(Debug)]
pub struct ReadyArticle {
    pub sha256: String,
    pub size: u64,
    pub media_type: &'static str,
    pub draft: ArticleDraft,
    /// Images carried by the article: saved-page files, MHTML parts, DOCX media.
    pub images: Vec<ReadyPhoto>,
    /// Images that could not be read, with why; reported beside the article.
    pub image_failures: Vec<(String, String)>,
}

#[derive(Debug)]
pub enum Ready {
    Article(ReadyArticle),
    Photo(ReadyPhoto),
}

/// Why a unit produced no item.
#[derive(Debug, PartialEq, Eq)]
pub enum NotReady {
    Skipped(String),
    Failed(String),
}

pub fn extract_unit(unit: &Unit, store: &ObjectBatch, derived: &Path) -> Result<Ready, NotReady> {
    if unit.size > MAX_FILE_BYTES {
        return Err(NotReady::Failed(format!(
            "the file is too large ({}); Folio imports files up to {}",
            human_size(unit.size),
            human_size(MAX_FILE_BYTES)
        )));
    }
    let bytes = fs::read(&unit.path)
        .map_err(|e| NotReady::Failed(super::plan::describe_io(&e, "cannot read the file")))?;
    let source_name = file_names::name_of(&unit.path);
    if bytes.is_empty() {
        return Err(NotReady::Failed("the file is empty".into()));
    }
    if photo::sniff(&bytes).is_some() || has_extension(&unit.path, PHOTO_NAMES) {
        let mut draft = photo::extract(&bytes).map_err(photo_outcome)?;
        for sidecar in &unit.sidecars {
            apply_sidecar(&mut draft, sidecar);
        }
        let ready = store_photo(
            bytes,
            draft,
            store,
            derived,
            &unit.display,
            source_name,
            None,
        )?;
        return Ok(Ready::Photo(ready));
    }
    let Some((format, media_type)) = article_format(&unit.path, &bytes) else {
        let extension = unit
            .path
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        return Err(NotReady::Skipped(match extension {
            Some(ext) => format!("not an article or photo Folio can read (.{ext} file)"),
            None => "not an article or photo Folio can read".into(),
        }));
    };
    let draft = article::extract(&bytes, format, &source_name)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    let sha256 = store
        .put_bytes(&bytes)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    let mut ready = ReadyArticle {
        sha256,
        size: bytes.len() as u64,
        media_type,
        draft,
        images: Vec::new(),
        image_failures: Vec::new(),
    };
    drop(bytes);
    attach_images(&mut ready, unit, store, derived);
    Ok(Ready::Article(ready))
}

const PHOTO_NAMES: &[&str] = &[
    "jpg", "jpeg", "png", "tif", "tiff", "webp", "gif", "heic", "heif",
];

/// The article format of a file: by extension, then by content for unnamed HTML and PDF.
fn article_format(path: &Path, bytes: &[u8]) -> Option<(ArticleFormat, &'static str)> {
    let by_extension = [
        (
            &["html", "htm", "xhtml"][..],
            ArticleFormat::Html,
            "text/html",
        ),
        (
            &["mhtml", "mht"][..],
            ArticleFormat::Mhtml,
            "multipart/related",
        ),
        (&["txt", "text"][..], ArticleFormat::Text, "text/plain"),
        (
            &["md", "markdown"][..],
            ArticleFormat::Markdown,
            "text/markdown",
        ),
        (&["docx"][..], ArticleFormat::Docx, DOCX),
        (
            &["odt"][..],
            ArticleFormat::Odt,
            "application/vnd.oasis.opendocument.text",
        ),
        (&["pdf"][..], ArticleFormat::Pdf, "application/pdf"),
    ];
    for (extensions, format, media_type) in by_extension {
        if has_extension(path, extensions) {
            return Some((format, media_type));
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        Some((ArticleFormat::Pdf, "application/pdf"))
    } else if head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("<!doctype html")
        || head.contains("<html")
    {
        Some((ArticleFormat::Html, "text/html"))
    } else {
        None
    }
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn photo_outcome(error: PhotoError) -> NotReady {
    match error {
        PhotoError::Unsupported(_) => NotReady::Skipped(error.to_string()),
        other => NotReady::Failed(other.to_string()),
    }
}

fn apply_sidecar(draft: &mut PhotoDraft, sidecar: &Path) {
    let Ok(bytes) = fs::read(sidecar) else { return };
    if has_extension(sidecar, &["xmp"]) {
        if let Err(error) = photo::apply_xmp_sidecar(draft, &bytes) {
            tracing::warn!("ignoring sidecar {}: {error}", sidecar.display());
        }
    } else {
        photo::apply_text_sidecar(draft, &String::from_utf8_lossy(&bytes));
    }
}

fn store_photo(
    bytes: Vec<u8>,
    draft: PhotoDraft,
    store: &ObjectBatch,
    derived: &Path,
    display: &str,
    source_name: String,
    reference: Option<String>,
) -> Result<ReadyPhoto, NotReady> {
    let sha256 = store
        .put_bytes(&bytes)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    thumbnails::store(derived, &sha256, &draft.thumbnails)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    Ok(ReadyPhoto {
        sha256,
        size: bytes.len() as u64,
        display: display.to_string(),
        source_name,
        reference,
        draft,
    })
}

/// Extracts the images that came with an article. A bad image is reported, never fatal to the
/// article.
fn attach_images(ready: &mut ReadyArticle, unit: &Unit, store: &ObjectBatch, derived: &Path) {
    for image in &unit.page_images {
        let outcome = fs::read(&image.path)
            .map_err(|e| NotReady::Failed(super::plan::describe_io(&e, "cannot read the image")))
            .and_then(|bytes| {
                let draft = photo::extract(&bytes).map_err(photo_outcome)?;
                let name = file_names::name_of(&image.path);
                store_photo(
                    bytes,
                    draft,
                    store,
                    derived,
                    &image.display,
                    name,
                    Some(image.reference.clone()),
                )
            });
        match outcome {
            Ok(photo) => ready.images.push(photo),
            Err(NotReady::Failed(why) | NotReady::Skipped(why)) => {
                ready.image_failures.push((image.display.clone(), why))
            }
        }
    }
    for resource in std::mem::take(&mut ready.draft.embedded) {
        if !resource.media_type.starts_with("image/") && photo::sniff(&resource.bytes).is_none() {
            continue;
        }
        let display = format!("{}#{}", unit.display, resource.location);
        let name = resource
            .location
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let outcome = photo::extract(&resource.bytes)
            .map_err(photo_outcome)
            .and_then(|draft| {
                store_photo(
                    resource.bytes,
                    draft,
                    store,
                    derived,
                    &display,
                    name,
                    Some(resource.location),
                )
            });
        match outcome {
            Ok(photo) => ready.images.push(photo),
            // Icons, tracking pixels and decorations in a saved page are not worth a report line.
            Err(NotReady::Skipped(_)) => {}
            Err(NotReady::Failed(why)) => ready.image_failures.push((display, why)),
        }
    }
}

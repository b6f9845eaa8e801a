//! The parallel stage of an import: read one unit's files, decide what they are, extract the
//! article or photo, and store the originals and thumbnails. Touches no database.

use std::fs;
use std::path::Path;

use crate::article::{self, ArticleDraft, ArticleFormat};
use crate::blobs::ObjectBatch;
use crate::file_names;
use crate::photo::{self, PhotoDraft, PhotoError};
use crate::progress::CancelToken;
use crate::text::human_size;

use super::budget::{MemoryBudget, Refusal};
use super::plan::{Unit, has_extension};
use super::report::CANCELLED;
use crate::thumbnails;

/// The largest file Folio reads into an import: a main file, a saved page's image or a bundle's
/// original. (The memory budget may refuse a smaller one whose decoding would not fit.)
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// The largest sidecar (`photo.xmp`, `photo.txt`) read: real ones are a few kilobytes.
pub const MAX_SIDECAR_BYTES: u64 = 16 << 20;
/// An article's text, display copy, figures and language sample together take about this many
/// times the size of its file while it is extracted.
const ARTICLE_MEMORY_FACTOR: u64 = 8;

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
    /// Sidecars that were not applied, with why; reported beside the photo.
    pub ignored_sidecars: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct ReadyArticle {
    pub sha256: String,
    pub size: u64,
    pub media_type: &'static str,
    pub draft: ArticleDraft,
    /// The text's sketch for finding near-duplicates, made here in parallel rather than by the
    /// one writer.
    pub sketch: Vec<u32>,
    /// Images carried by the article: saved-page files, MHTML parts, DOCX media.
    pub images: Vec<ReadyPhoto>,
    /// Images that could not be read, with why; reported beside the article.
    pub image_failures: Vec<(String, String)>,
    /// Where and when the article was fetched, when it came from a link.
    pub web: Option<Captured>,
}

/// What the archive records of a page fetched from a link.
#[derive(Debug)]
pub struct Captured {
    /// The address after redirects; the article's `url`.
    pub url: String,
    /// When it was fetched: the item's import time.
    pub captured_at: String,
    /// The name of the file it was saved as (`forum-opens.html`).
    pub source_name: String,
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

/// Extracts one unit once its memory is reserved from `budget`; waits for it if other units hold
/// it, and gives up when the import is cancelled.
pub fn extract_unit(
    unit: &Unit,
    store: &ObjectBatch,
    derived: &Path,
    budget: &MemoryBudget,
    cancel: &CancelToken,
) -> Result<Ready, NotReady> {
    if unit.size > MAX_FILE_BYTES {
        return Err(too_large(unit.size));
    }
    let _memory = budget
        .reserve(memory_needed(unit, budget.total()), cancel)
        .map_err(|refusal| match refusal {
            Refusal::TooLarge(why) => NotReady::Failed(why),
            Refusal::Cancelled => NotReady::Skipped(CANCELLED.into()),
        })?;
    let bytes = read_capped(&unit.path, MAX_FILE_BYTES)
        .map_err(|e| NotReady::Failed(super::plan::describe_io(&e, "cannot read the file")))?;
    let source_name = file_names::name_of(&unit.path);
    if bytes.is_empty() {
        return Err(NotReady::Failed("the file is empty".into()));
    }
    if photo::sniff(&bytes).is_some() || has_extension(&unit.path, PHOTO_NAMES) {
        let mut draft = photo::extract(&bytes).map_err(photo_outcome)?;
        if draft.scanned_page {
            return scanned_page(bytes, &draft, store, &source_name).map(Ready::Article);
        }
        let mut ignored_sidecars = Vec::new();
        for sidecar in &unit.sidecars {
            if let Err(why) = apply_sidecar(&mut draft, sidecar) {
                let shown = format!(
                    "{}/{}",
                    parent_display(&unit.display),
                    file_names::name_of(sidecar)
                );
                ignored_sidecars.push((shown, why));
            }
        }
        let mut ready = store_photo(
            bytes,
            draft,
            store,
            derived,
            &unit.display,
            source_name,
            None,
        )?;
        ready.ignored_sidecars = ignored_sidecars;
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
    let web = unit.web.as_ref();
    let mut draft = match (format, web) {
        (ArticleFormat::Html, Some(web)) => {
            article::extract_page(&bytes, web.charset.as_deref(), &source_name)
        }
        _ => article::extract(&bytes, format, &source_name),
    }
    .map_err(|e| NotReady::Failed(e.to_string()))?;
    if let Some(web) = web {
        // A saved file was chosen by a person; a link may lead anywhere: a page with nothing
        // to read is not taken for an article.
        if format == ArticleFormat::Html && draft.body_text.trim().is_empty() {
            return Err(NotReady::Failed(NOT_AN_ARTICLE.into()));
        }
        draft.url = web.url.clone();
        if draft.published.is_none() {
            draft.published = crate::article::html::date_in_url(&web.url);
        }
    }
    let sha256 = store
        .put_bytes(&bytes)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    let mut ready = ReadyArticle {
        sha256,
        size: bytes.len() as u64,
        media_type,
        sketch: crate::similar::sketch::of_text(&draft.body_text),
        draft,
        images: Vec::new(),
        image_failures: web.map(|w| w.image_failures.clone()).unwrap_or_default(),
        web: web.map(|w| Captured {
            url: w.url.clone(),
            captured_at: w.captured_at.clone(),
            source_name: source_name.clone(),
        }),
    };
    drop(bytes);
    attach_images(&mut ready, unit, store, derived, budget.total());
    Ok(Ready::Article(ready))
}

/// A scanned page of text, as a picture, becomes an article named after its file (or the title
/// the picture carries) whose body OCR reads in the background; the picture is its original.
fn scanned_page(
    bytes: Vec<u8>,
    photo: &PhotoDraft,
    store: &ObjectBatch,
    source_name: &str,
) -> Result<ReadyArticle, NotReady> {
    let sha256 = store
        .put_bytes(&bytes)
        .map_err(|e| NotReady::Failed(e.to_string()))?;
    Ok(ReadyArticle {
        sha256,
        size: bytes.len() as u64,
        media_type: photo.media_type,
        draft: crate::article::draft::scanned_page(&photo.title, source_name),
        sketch: Vec::new(),
        images: Vec::new(),
        image_failures: Vec::new(),
        web: None,
    })
}

/// Why a fetched page without text is not imported.
const NOT_AN_ARTICLE: &str = "not an article: the page has no text to keep (a menu, a search page, \
     or a page that shows its content only in a browser?)";

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
    if error.is_skip() {
        NotReady::Skipped(error.to_string())
    } else {
        NotReady::Failed(error.to_string())
    }
}

/// Applies a sidecar to its photo; the error says why it was not.
fn apply_sidecar(draft: &mut PhotoDraft, sidecar: &Path) -> Result<(), String> {
    let bytes = read_capped(sidecar, MAX_SIDECAR_BYTES).map_err(|error| {
        if error.kind() == std::io::ErrorKind::FileTooLarge {
            format!(
                "sidecar not applied: it is larger than {}, which no caption needs",
                human_size(MAX_SIDECAR_BYTES)
            )
        } else {
            super::plan::describe_io(&error, "sidecar not applied: cannot read it")
        }
    })?;
    if has_extension(sidecar, &["xmp"]) {
        photo::apply_xmp_sidecar(draft, &bytes)
            .map_err(|error| format!("sidecar not applied: {error}"))
    } else {
        photo::apply_text_sidecar(draft, &String::from_utf8_lossy(&bytes));
        Ok(())
    }
}

/// The whole of `path`, or an error of kind `FileTooLarge` when it holds more than `cap` bytes
/// (checked as it is read: the size on disk may change or lie, as a device's does).
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len().min(cap)) as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than {}", human_size(cap)),
        ));
    }
    Ok(bytes)
}

fn too_large(size: u64) -> NotReady {
    NotReady::Failed(format!(
        "the file is too large ({}); Folio imports files up to {}",
        human_size(size),
        human_size(MAX_FILE_BYTES)
    ))
}

/// What extracting `unit` may hold in memory at once: its main file, decoded (a photo) or grown
/// into text (an article), plus the largest of its page images decoded — they are read one at a
/// time, and one that would not fit in `budget` on its own is refused without being read — and
/// its sidecars.
fn memory_needed(unit: &Unit, budget: u64) -> u64 {
    let main = match photo::decode_cost(&unit.path) {
        Some(decoded) => unit.size.saturating_add(decoded),
        None => unit.size.saturating_mul(ARTICLE_MEMORY_FACTOR),
    };
    let largest_image = unit
        .page_images
        .iter()
        .map(|image| image_memory(&image.path))
        .filter(|&needed| needed <= budget)
        .max()
        .unwrap_or(0);
    let sidecars = unit.sidecars.len() as u64 * MAX_SIDECAR_BYTES;
    main.saturating_add(largest_image).saturating_add(sidecars)
}

/// What reading and decoding an image file takes; more than any budget for a file over the cap.
fn image_memory(path: &Path) -> u64 {
    let size = fs::metadata(path).map_or(0, |m| m.len());
    if size > MAX_FILE_BYTES {
        return u64::MAX;
    }
    size.saturating_add(photo::decode_cost(path).unwrap_or(0))
}

/// The folder part of a display path (`drop/photos` of `drop/photos/a.jpg`).
fn parent_display(display: &str) -> &str {
    display
        .rsplit_once(['/', '\\'])
        .map_or("", |(parent, _)| parent)
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
        ignored_sidecars: Vec::new(),
    })
}

/// Extracts the images that came with an article. A bad image is reported, never fatal to the
/// article.
fn attach_images(
    ready: &mut ReadyArticle,
    unit: &Unit,
    store: &ObjectBatch,
    derived: &Path,
    budget: u64,
) {
    for image in &unit.page_images {
        let needed = image_memory(&image.path);
        if needed > budget {
            let size = fs::metadata(&image.path).map_or(0, |m| m.len());
            let why = if size > MAX_FILE_BYTES {
                format!(
                    "the image is too large ({}); Folio imports files up to {}",
                    human_size(size),
                    human_size(MAX_FILE_BYTES)
                )
            } else {
                super::budget::beyond_budget(needed, budget)
            };
            ready.image_failures.push((image.display.clone(), why));
            continue;
        }
        let outcome = read_capped(&image.path, MAX_FILE_BYTES)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::FileTooLarge => {
                    too_large(fs::metadata(&image.path).map_or(0, |m| m.len()))
                }
                _ => NotReady::Failed(super::plan::describe_io(&e, "cannot read the image")),
            })
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

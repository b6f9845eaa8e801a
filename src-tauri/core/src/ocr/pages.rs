//! The pages of an original, as images to read: an image file is one page; a scanned PDF is
//! almost always one image per page, taken out of the file with lopdf without rendering it (a
//! JPEG as it is stored, Flate-compressed samples inflated). A page in a form Folio does not
//! read (JBIG2, CCITT fax, JPEG 2000, a page drawn rather than scanned) is reported as such.

use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::image::{self, Gray};

/// Pages beyond this are not read (an article is shorter; a book is not an article).
pub const MAX_PAGES: usize = 300;
/// Decompressed content of the whole PDF.
const MAX_DECOMPRESSED: usize = 512 * 1024 * 1024;

/// One page's image, still encoded; decoding happens on the thread that reads the page.
#[derive(Debug)]
pub enum PageSource {
    /// An image file's bytes (JPEG, PNG, TIFF, WebP, GIF).
    Encoded(Vec<u8>),
    /// Raw samples from a PDF image.
    Samples {
        width: u32,
        height: u32,
        components: u32,
        bits: u32,
        data: Vec<u8>,
    },
    /// Why this page cannot be read.
    Unreadable(String),
}

impl PageSource {
    /// Reads the page with `engine`: an image file as Leptonica decodes it, samples as they are.
    pub fn read_with(self, engine: &mut super::engine::Engine) -> Result<String, String> {
        match self {
            PageSource::Encoded(bytes) => engine.read_file(&bytes),
            other => engine.read(&other.decode()?),
        }
    }

    pub fn decode(self) -> Result<Gray, String> {
        match self {
            PageSource::Encoded(bytes) => image::decode(&bytes),
            PageSource::Samples {
                width,
                height,
                components,
                bits,
                data,
            } => image::from_samples(width, height, components, bits, &data),
            PageSource::Unreadable(why) => Err(why),
        }
    }
}

/// The pages of an original of `media_type`; an error when the file as a whole cannot be read.
pub fn pages_of(bytes: Vec<u8>, media_type: &str) -> Result<Vec<PageSource>, String> {
    if media_type == "application/pdf" || bytes.starts_with(b"%PDF") {
        let read = std::panic::catch_unwind(|| pdf_pages(&bytes));
        read.unwrap_or_else(|_| Err("the PDF reader failed on it".into()))
    } else {
        Ok(vec![PageSource::Encoded(bytes)])
    }
}

fn pdf_pages(bytes: &[u8]) -> Result<Vec<PageSource>, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let document = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("the PDF is damaged: {e}"))?;
    if document.is_encrypted() {
        return Err("the PDF is encrypted".into());
    }
    let pages: Vec<ObjectId> = document
        .get_pages()
        .values()
        .copied()
        .take(MAX_PAGES)
        .collect();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    Ok(pages
        .into_iter()
        .map(|page| page_source(&document, page))
        .collect())
}

/// The page's largest image: the scan (a logo or stamp beside it is smaller).
fn page_source(document: &Document, page: ObjectId) -> PageSource {
    let images = match document.get_page_images(page) {
        Ok(images) => images,
        Err(e) => return PageSource::Unreadable(format!("the page is damaged: {e}")),
    };
    let Some(scan) = images
        .iter()
        .max_by_key(|i| i.width.max(0) * i.height.max(0))
    else {
        return PageSource::Unreadable("the page holds no scanned image".into());
    };
    let filters = scan.filters.clone().unwrap_or_default();
    let (Ok(width), Ok(height)) = (u32::try_from(scan.width), u32::try_from(scan.height)) else {
        return PageSource::Unreadable("the page image has an impossible size".into());
    };
    match filters.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["DCTDecode"] => PageSource::Encoded(scan.content.to_vec()),
        [] | ["FlateDecode"] => {
            let Some(components) = components(document, scan.origin_dict) else {
                return PageSource::Unreadable(
                    "the page image's colour space is not one Folio reads".into(),
                );
            };
            let data = match document.get_object(scan.id).and_then(Object::as_stream) {
                Ok(stream) if filters.is_empty() => stream.content.clone(),
                Ok(stream) => match stream.decompressed_content() {
                    Ok(data) => data,
                    Err(e) => {
                        return PageSource::Unreadable(format!("the page image is damaged: {e}"));
                    }
                },
                Err(e) => return PageSource::Unreadable(format!("the page is damaged: {e}")),
            };
            PageSource::Samples {
                width,
                height,
                components,
                bits: u32::try_from(scan.bits_per_component.unwrap_or(8)).unwrap_or(0),
                data,
            }
        }
        ref other => PageSource::Unreadable(format!(
            "the page image is compressed as {}, which Folio does not read",
            other.join(" + ")
        )),
    }
}

/// Colour components of an image's colour space: grey 1, RGB 3 (an ICC profile says its own).
fn components(document: &Document, dict: &lopdf::Dictionary) -> Option<u32> {
    let space = dict.get(b"ColorSpace").ok()?;
    let space = match space {
        Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    match space {
        Object::Name(name) => match name.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Some(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
            _ => None,
        },
        Object::Array(parts) => match parts.first()?.as_name().ok()? {
            b"ICCBased" => {
                let profile = document
                    .get_object(parts.get(1)?.as_reference().ok()?)
                    .ok()?;
                let n = profile
                    .as_stream()
                    .ok()?
                    .dict
                    .get(b"N")
                    .ok()?
                    .as_i64()
                    .ok()?;
                u32::try_from(n).ok().filter(|n| *n == 1 || *n == 3)
            }
            b"CalGray" => Some(1),
            b"CalRGB" => Some(3),
            _ => None,
        },
        _ => None,
    }
}

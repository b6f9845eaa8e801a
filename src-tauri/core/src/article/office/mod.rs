//! Word-processor files: DOCX (Office Open XML) and ODT (OpenDocument). Both are ZIP packages
//! of XML; we read them with `zip` and `quick-xml` directly — paragraphs in order (table cells
//! included), headings, captions next to images, the embedded pictures, and the title and
//! author from the package metadata.
//!
//! A package is untrusted: entry count, every entry's size and the total unpacked size are
//! capped, and entries are read through `take()`, so a zip bomb stops at the cap whatever its
//! headers claim.

mod docx;
mod odt;
mod xml;

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{ArticleError, ArticleFormat, EmbeddedResource};

pub(super) use docx::extract as extract_docx;
pub(super) use odt::extract as extract_odt;

/// More entries than this is not a document.
const MAX_ENTRIES: usize = 10_000;
/// One XML part or picture may unpack to this much.
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Everything read from one package together.
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// A package being read, with its unpacking budget.
pub(super) struct Package {
    zip: ZipArchive<Cursor<Vec<u8>>>,
    format: ArticleFormat,
    budget: u64,
}

impl Package {
    pub(super) fn open(bytes: &[u8], format: ArticleFormat) -> Result<Self, ArticleError> {
        let zip = ZipArchive::new(Cursor::new(bytes.to_vec())).map_err(|e| {
            ArticleError::damaged(format, format!("it is not a readable ZIP package ({e})"))
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(ArticleError::damaged(
                format,
                format!("it has {} entries", zip.len()),
            ));
        }
        Ok(Package {
            zip,
            format,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// The entry's bytes, or `None` when the package has no such entry.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ArticleError> {
        let format = self.format;
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(ArticleError::damaged(format, format!("{name}: {e}"))),
        };
        let limit = MAX_ENTRY_BYTES.min(self.budget);
        if file.size() > limit {
            return Err(ArticleError::TooLargeWhenUnpacked {
                format: format.label(),
                limit: MAX_TOTAL_BYTES,
            });
        }
        let mut out = Vec::with_capacity(file.size().min(limit) as usize);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| ArticleError::damaged(format, format!("{name}: {e}")))?;
        if out.len() as u64 > limit {
            return Err(ArticleError::TooLargeWhenUnpacked {
                format: format.label(),
                limit: MAX_TOTAL_BYTES,
            });
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }

    /// An entry that must be there.
    pub(super) fn require(&mut self, name: &str) -> Result<Vec<u8>, ArticleError> {
        self.read(name)?
            .ok_or_else(|| ArticleError::damaged(self.format, format!("{name} is missing")))
    }

    /// Pictures referenced by the document, as embedded resources named by their package path.
    pub(super) fn embedded(
        &mut self,
        paths: &[String],
    ) -> Result<Vec<EmbeddedResource>, ArticleError> {
        let mut out: Vec<EmbeddedResource> = Vec::new();
        for path in paths {
            if out.iter().any(|e| &e.location == path) {
                continue;
            }
            if let Some(bytes) = self.read(path)? {
                out.push(EmbeddedResource {
                    location: path.clone(),
                    media_type: media_type(path).to_string(),
                    bytes,
                });
            }
        }
        Ok(out)
    }
}

/// The media type of a picture by its extension.
pub(super) fn media_type(path: &str) -> &'static str {
    match path
        .rsplit('.')
        .next()
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("bmp") => "image/bmp",
        Some("tif" | "tiff") => "image/tiff",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("emf") => "image/emf",
        Some("wmf") => "image/wmf",
        _ => "application/octet-stream",
    }
}

/// A metadata title worth believing: not empty, not a template's or a file name.
pub(super) fn good_title(title: &str) -> bool {
    let t = title.trim();
    let lower = t.to_lowercase();
    const PLACEHOLDERS: &[&str] = &[
        "untitled",
        "document",
        "title",
        "无标题",
        "без названия",
        "документ",
    ];
    !t.is_empty()
        && !lower.starts_with("microsoft word")
        && !PLACEHOLDERS
            .iter()
            .any(|p| lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ') == *p)
        && ![".doc", ".docx", ".odt", ".rtf", ".txt", ".dot"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

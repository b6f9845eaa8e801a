//! Article extraction: the bytes of a web page, MHTML archive, text or Markdown file, DOCX, ODT
//! or PDF in; an [`ArticleDraft`] out — title, byline, date, site, language, body paragraphs,
//! sanitised HTML, figures with caption and credit, and the images the file carries inside it.
//!
//! No database and no files here: the import pipeline decides what to store. Every parser takes
//! untrusted input and answers with a draft or an [`ArticleError`] a person can read; none may
//! panic, hang or grow without bound on hostile input.

mod assemble;
mod decode;
pub(crate) mod draft;
pub(crate) mod html;
mod mhtml;
mod office;
mod pdf;
mod plain;

use crate::text::{PartialDate, human_size};

/// The formats an article can arrive in; the pipeline picks one from the sniffed file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleFormat {
    Html,
    Mhtml,
    Text,
    Markdown,
    Docx,
    Odt,
    Pdf,
}

impl ArticleFormat {
    /// The format a file name's extension suggests, if it is one of ours.
    pub fn from_file_name(file_name: &str) -> Option<Self> {
        let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => ArticleFormat::Html,
            "mhtml" | "mht" => ArticleFormat::Mhtml,
            "txt" | "text" => ArticleFormat::Text,
            "md" | "markdown" | "mdown" | "mkd" => ArticleFormat::Markdown,
            "docx" => ArticleFormat::Docx,
            "odt" => ArticleFormat::Odt,
            "pdf" => ArticleFormat::Pdf,
            _ => return None,
        })
    }

    /// The name people know the format by, for messages.
    pub fn label(self) -> &'static str {
        match self {
            ArticleFormat::Html => "HTML",
            ArticleFormat::Mhtml => "MHTML",
            ArticleFormat::Text => "text",
            ArticleFormat::Markdown => "Markdown",
            ArticleFormat::Docx => "DOCX",
            ArticleFormat::Odt => "ODT",
            ArticleFormat::Pdf => "PDF",
        }
    }
}

/// What an article file says about itself, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub byline: String,
    pub site: String,
    pub url: String,
    pub published: Option<PartialDate>,
    /// ISO 639-1, declared by the file or detected from its text.
    pub language: Option<String>,
    /// Paragraphs separated by `'\n'`; captions are in `figures`, not here.
    pub body_text: String,
    /// Sanitised HTML for display: no scripts, handlers, forms, frames, styles or remote URLs.
    pub body_html: String,
    pub excerpt: String,
    /// In document order.
    pub figures: Vec<FigureDraft>,
    /// Images carried inside the file (MHTML parts, DOCX/ODT media) for import as photos.
    pub embedded: Vec<EmbeddedResource>,
    /// A scan: a PDF without a text layer, whose body is left for OCR to read.
    pub needs_ocr: bool,
}

/// One captioned picture of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureDraft {
    pub caption: String,
    pub credit: String,
    /// The image reference as written: a relative path such as `page_files/a.jpg`, an MHTML
    /// Content-Location, a DOCX/ODT media path, or "" for a caption found in text.
    pub image_ref: String,
}

/// A file inside the article file: an MHTML part or a DOCX/ODT media entry.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct EmbeddedResource {
    /// MHTML Content-Location, or the path inside the DOCX/ODT package.
    pub location: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for EmbeddedResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedResource")
            .field("location", &self.location)
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Why a file could not be read as an article, in words for the person importing it.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is too large to read as an article ({}; the limit is {})",
        human_size(*size as u64),
        human_size(*limit as u64)
    )]
    TooLarge { size: usize, limit: usize },
    #[error("not valid UTF-8 text and no known encoding")]
    Undecodable,
    #[error("no article text was found in the {0} file")]
    NoContent(&'static str),
    #[error("the {format} file is damaged: {reason}")]
    Damaged {
        format: &'static str,
        reason: String,
    },
    #[error(
        "the {format} file would expand to more than {}; it was refused as a possible zip bomb",
        human_size(*limit)
    )]
    TooLargeWhenUnpacked { format: &'static str, limit: u64 },
    #[error("the PDF is encrypted; save an unprotected copy and import that")]
    PdfEncrypted,
}

impl ArticleError {
    fn damaged(format: ArticleFormat, reason: impl std::fmt::Display) -> Self {
        ArticleError::Damaged {
            format: format.label(),
            reason: reason.to_string(),
        }
    }
}

impl From<ArticleError> for crate::Error {
    fn from(err: ArticleError) -> Self {
        crate::Error::InvalidInput(err.to_string())
    }
}

/// No article format is read beyond this size: a bigger file is not an article.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Reads an article from `bytes` in `format`. `file_name` is a fallback for the title.
pub fn extract(
    bytes: &[u8],
    format: ArticleFormat,
    file_name: &str,
) -> Result<ArticleDraft, ArticleError> {
    check_size(bytes)?;
    // The extractors are large third-party parsers fed untrusted bytes: a panic in one of them
    // is this file's failure, never the batch's.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes, format)));
    let draft = read.map_err(|_| ArticleError::damaged(format, "the reader failed on it"))??;
    draft::finish(draft, format, file_name)
}

/// Reads a web page fetched from its address. `charset` is what the server's Content-Type
/// declared: it outranks the page's own `<meta charset>`, which outranks a guess.
pub fn extract_page(
    bytes: &[u8],
    charset: Option<&str>,
    file_name: &str,
) -> Result<ArticleDraft, ArticleError> {
    check_size(bytes)?;
    let declared = charset.and_then(decode::encoding_for_label);
    let format = ArticleFormat::Html;
    let read = std::panic::catch_unwind(|| html::extract(bytes, declared));
    let draft = read.map_err(|_| ArticleError::damaged(format, "the reader failed on it"))??;
    draft::finish(draft, format, file_name)
}

/// [`extract`] without its panic guard, for the fuzz targets and their regression tests: the
/// guard would turn the panic they look for into an ordinary error.
#[doc(hidden)]
pub fn extract_unguarded(
    bytes: &[u8],
    format: ArticleFormat,
    file_name: &str,
) -> Result<ArticleDraft, ArticleError> {
    check_size(bytes)?;
    draft::finish(read(bytes, format)?, format, file_name)
}

fn check_size(bytes: &[u8]) -> Result<(), ArticleError> {
    if bytes.is_empty() {
        return Err(ArticleError::Empty);
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ArticleError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

fn read(bytes: &[u8], format: ArticleFormat) -> Result<ArticleDraft, ArticleError> {
    match format {
        ArticleFormat::Text => plain::extract(bytes, plain::Flavour::Text),
        ArticleFormat::Markdown => plain::extract(bytes, plain::Flavour::Markdown),
        ArticleFormat::Html => html::extract(bytes, None),
        ArticleFormat::Mhtml => mhtml::extract(bytes),
        ArticleFormat::Docx => office::extract_docx(bytes),
        ArticleFormat::Odt => office::extract_odt(bytes),
        ArticleFormat::Pdf => pdf::extract(bytes),
    }
}

#[cfg(test)]
mod tests;

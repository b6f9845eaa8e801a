//! Photos: bytes in, a draft out — format, size after EXIF orientation, captions, credits, dates,
//! camera, GPS and two JPEG thumbnails — with no database and no files.
//!
//! The import pipeline sniffs a file, calls [`extract`] on its bytes (in parallel, one call per
//! file), then applies the sidecars it paired (`name.xmp`, `name.txt`) before storing the draft.
//! Metadata is best-effort: a damaged EXIF, IPTC or XMP block never stops a photo whose pixels
//! decode. The pixels are decoded once, at reduced scale where the format allows (JPEG DCT
//! scaling), and both thumbnails are made from that one decode.

mod blocks;
pub(crate) mod date;
pub(crate) mod decode;
mod exif;
pub mod fingerprint;
mod heif;
mod iptc;
mod merge;
mod page;
mod rendition;
mod sniff;
pub(crate) mod text;
mod thumbs;
pub(crate) mod xmp;

use std::fmt;

pub use rendition::{jpeg_rendition, needs_jpeg_rendition};
pub use sniff::sniff;

/// The reduced-scale decode, also used by the PDF dossier to place photos at print size.
pub(crate) use decode::{Pixels, decode};
/// A HEIC's upright size and colour profile, for the dossier.
pub(crate) use heif::header as heif_header;
pub(crate) use thumbs::fit;

/// What decoding the photo in a file costs in memory, from its header (see
/// [`decode::decode_cost`]).
pub fn decode_cost(file: &std::path::Path) -> Option<u64> {
    decode::decode_cost(file, THUMBNAIL_SIDES[1])
}

/// The long sides of the thumbnails every photo gets, smallest first.
pub const THUMBNAIL_SIDES: [u32; 2] = [256, 1024];

/// Photos larger than this many pixels are refused before anything is allocated.
pub const MAX_PIXELS: u64 = 200_000_000;

/// No decoder may allocate more than this for one photo.
pub const MAX_ALLOC: u64 = 1 << 30;

/// The image formats Folio recognises by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Tiff,
    Webp,
    Gif,
    Heic,
}

impl PhotoFormat {
    /// The IANA media type of files in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Tiff => "image/tiff",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
            Self::Heic => "image/heic",
        }
    }

    /// The format whose media type this is (`image/heif` too for HEIC).
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        Some(match media_type {
            "image/jpeg" => Self::Jpeg,
            "image/png" => Self::Png,
            "image/tiff" => Self::Tiff,
            "image/webp" => Self::Webp,
            "image/gif" => Self::Gif,
            "image/heic" | "image/heif" => Self::Heic,
            _ => return None,
        })
    }

    /// The name people know the format by, as used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Tiff => "TIFF",
            Self::Webp => "WebP",
            Self::Gif => "GIF",
            Self::Heic => "HEIC",
        }
    }
}

impl fmt::Display for PhotoFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything the import pipeline needs to store a photo, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoDraft {
    pub format: PhotoFormat,
    pub media_type: &'static str,
    /// Size in pixels as the photo is meant to be seen, after EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub caption: String,
    pub credit: String,
    pub byline: String,
    pub copyright: String,
    pub keywords: Vec<String>,
    /// When the photo was taken: `YYYY-MM-DDTHH:MM:SS`, with `±HH:MM` when the offset is known;
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` when only that much is known.
    pub taken: Option<String>,
    pub camera: String,
    /// Latitude and longitude in decimal degrees (WGS 84), north and east positive.
    pub gps: Option<(f64, f64)>,
    /// Stars from `xmp:Rating`, 0 to 5 (0: not rated).
    pub rating: u8,
    /// The colour label from `xmp:Label`.
    pub label: Option<crate::library::ratings::Label>,
    /// One thumbnail per entry of [`THUMBNAIL_SIDES`], smallest first, orientation applied.
    pub thumbnails: Vec<Thumbnail>,
    /// The perceptual fingerprint of the pixels, upright ([`fingerprint`]); `None` when the
    /// pixels were not decoded.
    pub fingerprint: Option<u64>,
    /// A scanned page of text rather than a photograph ([`page`]): no camera wrote it and its
    /// pixels are paper with lines of print. Imported as an article whose text OCR reads.
    pub scanned_page: bool,
}

/// A JPEG thumbnail whose long side is at most `max_side` (smaller only when the photo is).
#[derive(Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub max_side: u32,
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

impl fmt::Debug for Thumbnail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Thumbnail")
            .field("max_side", &self.max_side)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("jpeg_bytes", &self.jpeg.len())
            .finish()
    }
}

/// Why a photo could not be extracted, in words for the person who dropped the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// A format Folio recognises but cannot decode; the pipeline reports it as skipped.
    #[error("{0} photos are not supported by this build of Folio")]
    Unsupported(PhotoFormat),

    /// The system library that decodes the format is not installed; the pipeline reports the
    /// file as skipped, saying what to install.
    #[error("{0} photos need a library that is not installed: {1}")]
    LibraryMissing(PhotoFormat, String),

    /// The bytes are not a readable image; the reason says why ("the JPEG is truncated").
    #[error("{0}")]
    Corrupt(String),

    /// The declared size is beyond the decoding limits; refused before any pixel is allocated.
    #[error(
        "the photo is too large to import: {width}×{height} pixels \
         (the limit is {} megapixels)", MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u32, height: u32 },
}

impl PhotoError {
    /// True when the pipeline should report the file as skipped rather than failed.
    pub fn is_skip(&self) -> bool {
        matches!(self, Self::Unsupported(_) | Self::LibraryMissing(..))
    }
}

/// Reads a photo's metadata and makes its thumbnails.
///
/// Fails only when the pixels cannot be decoded (or the format is unsupported, or the photo is
/// too large); damaged metadata is skipped.
pub fn extract(bytes: &[u8]) -> Result<PhotoDraft, PhotoError> {
    let format = sniff::identify(bytes)?;
    // Metadata is best-effort: even a parser panic on hostile input only costs the metadata.
    let read = || merge::Metadata::read(blocks::find(format, bytes));
    let meta = std::panic::catch_unwind(read).unwrap_or_default();
    let decoded = decode::decode(format, bytes, THUMBNAIL_SIDES[1])?;
    let orientation = upright_by(format, meta.orientation);
    let made = thumbs::make(&decoded.pixels, orientation, &THUMBNAIL_SIDES, format)?;
    let (width, height) = if thumbs::swaps_sides(orientation) {
        (decoded.full_height, decoded.full_width)
    } else {
        (decoded.full_width, decoded.full_height)
    };
    let mut draft = PhotoDraft::without_metadata(format, width, height, made.thumbnails);
    draft.fingerprint = Some(made.fingerprint);
    meta.fill(&mut draft);
    // A camera's or a phone's picture stays a photo, whatever it shows; the pixels are looked at
    // only for pictures that no camera signed, in the formats scanners save (and OCR reads).
    let scanner_format = matches!(
        format,
        PhotoFormat::Jpeg | PhotoFormat::Png | PhotoFormat::Tiff
    );
    draft.scanned_page = scanner_format
        && draft.camera.is_empty()
        && draft.gps.is_none()
        && page::looks_like_a_page(&decoded.pixels);
    Ok(draft)
}

/// The orientation still to apply to decoded pixels. HEIF decodes upright (libheif applies the
/// container's rotation and mirroring), so the EXIF tag a phone writes beside them must not turn
/// them a second time.
fn upright_by(format: PhotoFormat, exif_orientation: Option<u16>) -> Option<u16> {
    match format {
        PhotoFormat::Heic => None,
        _ => exif_orientation,
    }
}

/// The metadata [`extract`] reads from `bytes`, without decoding pixels and without its panic
/// guard: for the fuzz targets of the container, EXIF, IPTC and XMP readers and their regression
/// tests, which must see a panic to report it. The draft has no size and no thumbnails.
#[doc(hidden)]
pub fn read_metadata(bytes: &[u8]) -> Result<PhotoDraft, PhotoError> {
    let format = sniff::identify(bytes)?;
    let meta = merge::Metadata::read(blocks::find(format, bytes));
    let mut draft = PhotoDraft::without_metadata(format, 0, 0, Vec::new());
    meta.fill(&mut draft);
    Ok(draft)
}

impl PhotoDraft {
    /// A photo of this format and size with no caption, credit or other metadata yet.
    pub fn without_metadata(
        format: PhotoFormat,
        width: u32,
        height: u32,
        thumbnails: Vec<Thumbnail>,
    ) -> Self {
        Self {
            format,
            media_type: format.media_type(),
            width,
            height,
            title: String::new(),
            caption: String::new(),
            credit: String::new(),
            byline: String::new(),
            copyright: String::new(),
            keywords: Vec::new(),
            taken: None,
            camera: String::new(),
            gps: None,
            rating: 0,
            label: None,
            thumbnails,
            fingerprint: None,
            scanned_page: false,
        }
    }
}

/// Applies an XMP sidecar (`name.xmp` beside the photo, as Lightroom, Bridge and Photo Mechanic
/// write them): every field the sidecar sets replaces the embedded one. A sidecar that is not
/// XML is an error and leaves the draft untouched.
pub fn apply_xmp_sidecar(draft: &mut PhotoDraft, xmp: &[u8]) -> Result<(), PhotoError> {
    let fields = xmp::parse(xmp)
        .map_err(|why| PhotoError::Corrupt(format!("the XMP sidecar is not valid XMP: {why}")))?;
    merge::Metadata::from_xmp(fields).overlay(draft);
    Ok(())
}

/// Applies a text sidecar (`name.txt` beside the photo): its text is the caption. An empty or
/// blank file changes nothing.
pub fn apply_text_sidecar(draft: &mut PhotoDraft, text: &str) {
    let caption = text::clean_multiline(text.trim_start_matches('\u{feff}'));
    if !caption.is_empty() {
        draft.caption = caption;
    }
}

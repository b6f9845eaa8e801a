//! HEIC/HEIF photos — what phones take by default — through the system's libheif: the primary
//! image's size, its EXIF and XMP blocks, and its pixels.
//!
//! libheif applies the container's own rotation and mirroring (`irot`, `imir`) and crop
//! (`clap`) while decoding, so the decoded image is already upright: its size is the size after
//! orientation, and the EXIF orientation tag a phone also writes describes the stored pixels
//! only — the caller must not apply it again (HEIF says the container's transformations rule).

use std::sync::OnceLock;

use libheif_rs::{
    ColorSpace, HeifContext, HeifError, HeifErrorCode, ImageHandle, ItemId, LibHeif, RgbChroma,
};

use super::blocks::Blocks;
use super::decode::{Decoded, Pixels};
use super::{MAX_PIXELS, PhotoError, PhotoFormat};

/// libheif is initialised once per process (its plugins are registered then) and never torn
/// down while the process runs.
fn library() -> &'static LibHeif {
    static LIBRARY: OnceLock<LibHeif> = OnceLock::new();
    LIBRARY.get_or_init(LibHeif::new)
}

/// The metadata blocks libheif finds attached to the primary image: EXIF as TIFF bytes, XMP
/// packets. Nothing when the container cannot be read.
pub fn blocks(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let _ = library();
    let Ok(context) = HeifContext::read_from_bytes(bytes) else {
        return found;
    };
    let Ok(handle) = context.primary_image_handle() else {
        return found;
    };
    found.exif = metadata_blocks(&handle, b"Exif")
        .into_iter()
        .find_map(|block| exif_tiff(&block).map(<[u8]>::to_vec));
    found.xmp = metadata_ids(&handle, b"mime")
        .into_iter()
        .filter(|&id| handle.metadata_content_type(id) == Some("application/rdf+xml"))
        .filter_map(|id| handle.metadata(id).ok())
        .collect();
    found
}

/// The TIFF structure inside a HEIF `Exif` item: it starts with a 4-byte big-endian offset from
/// the end of those 4 bytes to the TIFF header (usually past an `Exif\0\0` prefix).
fn exif_tiff(block: &[u8]) -> Option<&[u8]> {
    let offset = u32::from_be_bytes(block.get(..4)?.try_into().ok()?);
    let start = 4usize.checked_add(usize::try_from(offset).ok()?)?;
    let tiff = block.get(start..)?;
    (tiff.starts_with(b"II*\0") || tiff.starts_with(b"MM\0*")).then_some(tiff)
}

fn metadata_ids(handle: &ImageHandle, kind: &[u8; 4]) -> Vec<ItemId> {
    let count = usize::try_from(handle.number_of_metadata_blocks(kind)).unwrap_or(0);
    let mut ids = vec![0; count.min(64)];
    let found = handle.metadata_block_ids(&mut ids, kind);
    ids.truncate(found);
    ids
}

fn metadata_blocks(handle: &ImageHandle, kind: &[u8; 4]) -> Vec<Vec<u8>> {
    metadata_ids(handle, kind)
        .into_iter()
        .filter_map(|id| handle.metadata(id).ok())
        .collect()
}

/// What the primary image is, read without decoding pixels.
#[derive(Debug)]
pub struct Header {
    /// The size as it is seen, after the container's rotation.
    pub width: u32,
    pub height: u32,
    /// The ICC colour profile (phones write Display P3), when the file has one.
    pub icc: Option<Vec<u8>>,
}

/// The primary image's header; `None` when the container cannot be read.
pub fn header(bytes: &[u8]) -> Option<Header> {
    let _ = library();
    let context = HeifContext::read_from_bytes(bytes).ok()?;
    let handle = context.primary_image_handle().ok()?;
    Some(Header {
        width: handle.width(),
        height: handle.height(),
        icc: handle
            .color_profile_raw()
            .map(|profile| profile.data)
            .filter(|icc| !icc.is_empty()),
    })
}

/// Decodes the primary image, upright, as 8-bit RGB (an alpha channel laid over white, as the
/// JPEG thumbnails need). The size is checked against [`MAX_PIXELS`] before decoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, PhotoError> {
    let lib = library();
    let context = HeifContext::read_from_bytes(bytes).map_err(heif_error)?;
    let handle = context.primary_image_handle().map_err(heif_error)?;
    let (width, height) = (handle.width(), handle.height());
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt(format!(
            "the HEIC declares no pixels ({width}×{height})"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    let alpha = handle.has_alpha_channel();
    let chroma = if alpha {
        RgbChroma::Rgba
    } else {
        RgbChroma::Rgb
    };
    // No decoding options: libheif-rs 0.20 frees them before libheif reads them (its `decode`
    // takes the pointer out of an `Option` it then drops), so their fields would be garbage —
    // `ignore_transformations` among them. The defaults are what Folio wants: transformations
    // applied, and interleaved RGB(A) is 8 bits a sample.
    let image = lib
        .decode(&handle, ColorSpace::Rgb(chroma), None)
        .map_err(heif_error)?;
    let planes = image.planes();
    let plane = planes
        .interleaved
        .ok_or_else(|| PhotoError::Corrupt("the HEIC decoded to no pixels".into()))?;
    let (w, h) = (plane.width, plane.height);
    let channels: u8 = if alpha { 4 } else { 3 };
    if plane.storage_bits_per_pixel != channels * 8 {
        return Err(PhotoError::Corrupt(format!(
            "the HEIC's {}-bit pixels could not be read",
            plane.bits_per_pixel
        )));
    }
    let channels = usize::from(channels);
    let row = w as usize * channels;
    let mut data = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h as usize {
        let start = y * plane.stride;
        let line = plane
            .data
            .get(start..start + row)
            .ok_or_else(|| PhotoError::Corrupt("the HEIC decoded to too few pixels".into()))?;
        if alpha {
            for px in line.chunks_exact(4) {
                let a = u16::from(px[3]);
                for &c in &px[..3] {
                    let value = (u16::from(c) * a + 255 * (255 - a)) / 255;
                    data.push(u8::try_from(value).unwrap_or(u8::MAX));
                }
            }
        } else {
            data.extend_from_slice(line);
        }
    }
    Ok(Decoded {
        full_width: w,
        full_height: h,
        pixels: Pixels {
            width: w,
            height: h,
            gray: false,
            data,
        },
    })
}

/// libheif's errors in the words the import report uses.
fn heif_error(e: HeifError) -> PhotoError {
    let format = PhotoFormat::Heic;
    let detail = e.message.trim();
    PhotoError::Corrupt(match e.code {
        HeifErrorCode::InvalidInput if detail.to_lowercase().contains("end of") => {
            format!("the {format} is truncated")
        }
        HeifErrorCode::InvalidInput => format!("the {format} is damaged: {detail}"),
        HeifErrorCode::UnsupportedFileType | HeifErrorCode::UnsupportedFeature => {
            format!("the {format} uses a feature Folio cannot decode ({detail})")
        }
        HeifErrorCode::DecoderPluginError => {
            format!("the {format} could not be decoded: {detail} (damaged or truncated)")
        }
        _ => format!("the {format} could not be read: {detail}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exif_item_is_read_past_its_offset() {
        let mut block = vec![0, 0, 0, 6];
        block.extend_from_slice(b"Exif\0\0II*\0rest");
        assert_eq!(exif_tiff(&block).unwrap(), b"II*\0rest");
        assert_eq!(exif_tiff(b"\0\0\0\0MM\0*x").unwrap(), b"MM\0*x");
        assert_eq!(exif_tiff(b"\0\0\0\x40II*\0"), None);
        assert_eq!(exif_tiff(b"\0\0"), None);
    }

    #[test]
    fn bytes_that_are_not_heif_give_no_blocks_and_a_reason() {
        let junk = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic and then nothing";
        assert!(blocks(junk).exif.is_none());
        assert!(matches!(decode(junk), Err(PhotoError::Corrupt(_))));
    }
}

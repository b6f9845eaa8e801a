//! HEIC/HEIF photos — what phones take by default — through the system's libheif: the primary
//! image's size, its EXIF and XMP blocks, and its pixels.
//!
//! libheif applies the container's own rotation and mirroring (`irot`, `imir`) and crop
//! (`clap`) while decoding, so the decoded image is already upright: its size is the size after
//! orientation, and the EXIF orientation tag a phone also writes describes the stored pixels
//! only — the caller must not apply it again (HEIF says the container's transformations rule).

use folio_native::heif::{Context, Error, ErrorCode, Handle};

use super::blocks::Blocks;
use super::decode::{Decoded, Pixels};
use super::{MAX_PIXELS, PhotoError, PhotoFormat};

/// The metadata blocks libheif finds attached to the primary image: EXIF as TIFF bytes, XMP
/// packets. Nothing when the container cannot be read.
pub fn blocks(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let Ok(context) = Context::read(bytes) else {
        return found;
    };
    let Ok(handle) = context.primary() else {
        return found;
    };
    found.exif = metadata_blocks(&handle, c"Exif")
        .into_iter()
        .find_map(|block| exif_tiff(&block).map(<[u8]>::to_vec));
    found.xmp = handle
        .metadata_ids(c"mime")
        .into_iter()
        .filter(|&id| handle.metadata_content_type(id).as_deref() == Some("application/rdf+xml"))
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

fn metadata_blocks(handle: &Handle, kind: &std::ffi::CStr) -> Vec<Vec<u8>> {
    handle
        .metadata_ids(kind)
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
    let context = Context::read(bytes).ok()?;
    let handle = context.primary().ok()?;
    Some(Header {
        width: handle.width(),
        height: handle.height(),
        icc: handle.icc_profile().filter(|icc| !icc.is_empty()),
    })
}

/// Decodes the primary image, upright, as 8-bit RGB (an alpha channel laid over white, as the
/// JPEG thumbnails need). The size is checked against [`MAX_PIXELS`] before decoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, PhotoError> {
    let context = Context::read(bytes).map_err(heif_error)?;
    let handle = context.primary().map_err(heif_error)?;
    let (width, height) = (handle.width(), handle.height());
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt(format!(
            "the HEIC declares no pixels ({width}×{height})"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    let alpha = handle.has_alpha();
    // Default decoding options: the container's transformations applied, interleaved RGB(A) of
    // 8 bits a sample.
    let image = handle.decode_rgb(alpha).map_err(heif_error)?;
    let plane = image
        .interleaved()
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
fn heif_error(e: Error) -> PhotoError {
    let format = PhotoFormat::Heic;
    let (code, detail) = match e {
        Error::Missing(missing) => return PhotoError::LibraryMissing(format, missing.to_string()),
        Error::Refused { code, message } => (code, message),
    };
    let detail = detail.trim();
    PhotoError::Corrupt(match code {
        ErrorCode::InvalidInput if detail.to_lowercase().contains("end of") => {
            format!("the {format} is truncated")
        }
        ErrorCode::InvalidInput => format!("the {format} is damaged: {detail}"),
        ErrorCode::UnsupportedFileType | ErrorCode::UnsupportedFeature => {
            format!("the {format} uses a feature Folio cannot decode ({detail})")
        }
        ErrorCode::DecoderPluginError => {
            format!("the {format} could not be decoded: {detail} (damaged or truncated)")
        }
        ErrorCode::Other(_) => format!("the {format} could not be read: {detail}"),
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
    fn without_libheif_a_heic_is_skipped_saying_what_to_install() {
        let missing = folio_native::Missing {
            library: "libheif 1.14 or later (libheif.so.1)",
            detail: "libheif.so.1: cannot open shared object file".into(),
        };
        let error = heif_error(Error::Missing(missing));
        assert!(error.is_skip());
        assert_eq!(
            error.to_string(),
            "HEIC photos need a library that is not installed: libheif 1.14 or later \
             (libheif.so.1) could not be loaded (libheif.so.1: cannot open shared object file)"
        );
    }

    #[test]
    fn bytes_that_are_not_heif_give_no_blocks_and_a_reason() {
        let junk = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic and then nothing";
        assert!(blocks(junk).exif.is_none());
        assert!(matches!(decode(junk), Err(PhotoError::Corrupt(_))));
    }
}

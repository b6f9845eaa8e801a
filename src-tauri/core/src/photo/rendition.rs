//! JPEG renditions: an image any receiver can open, made from an original it may not (HEIC),
//! for copies handed out, dossiers and bundles. A rendition is the full picture, upright, at
//! full size, carrying the original's EXIF (its orientation set to upright, since the pixels
//! already are), its XMP and its ICC colour profile; the original itself is never changed.

use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder};

use super::blocks;
use super::decode::{self, Pixels};
use super::{PhotoError, PhotoFormat, sniff};

/// JPEG quality of renditions: visually lossless for a photo handed on.
const QUALITY: u8 = 92;
/// The largest payload of one JPEG marker segment.
const MAX_SEGMENT: usize = 65_533;
const EXIF_APP1: &[u8] = b"Exif\0\0";
const XMP_APP1: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// Whether a photo in `format` needs a JPEG rendition for a receiver to open it: HEIC does
/// (most software outside phones cannot show it); JPEG, PNG, TIFF, WebP and GIF open anywhere.
pub fn needs_jpeg_rendition(format: PhotoFormat) -> bool {
    format == PhotoFormat::Heic
}

/// A JPEG of the photo in `original`: the bytes themselves when they are a JPEG already,
/// otherwise the decoded picture, upright, encoded as JPEG with the original's EXIF, XMP and
/// colour profile. The error says why the original cannot be decoded.
pub fn jpeg_rendition(original: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let format = sniff::identify(original)?;
    if format == PhotoFormat::Jpeg {
        return Ok(original.to_vec());
    }
    let run = || render(format, original);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(PhotoError::Corrupt(format!(
            "the {format} is damaged: its decoder gave up"
        )))
    })
}

fn render(format: PhotoFormat, original: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let found = blocks::find(format, original);
    let orientation = match format {
        // libheif decodes upright; other formats carry their turn in EXIF.
        PhotoFormat::Heic => None,
        _ => found
            .exif
            .clone()
            .and_then(super::exif::parse)
            .and_then(|fields| fields.orientation),
    };
    let decoded = decode::decode(format, original, u32::MAX)?;
    let pixels = turn_upright(decoded.pixels, orientation)?;
    let icc = match format {
        PhotoFormat::Heic => super::heif::header(original).and_then(|h| h.icc),
        _ => None,
    };
    let failed = |why: &dyn std::fmt::Display| {
        PhotoError::Corrupt(format!("the {format} could not be made into a JPEG: {why}"))
    };
    let side = |v: u32| u16::try_from(v).map_err(|_| failed(&"it is wider than JPEG allows"));
    let (width, height) = (side(pixels.width)?, side(pixels.height)?);
    let mut jpeg = Vec::with_capacity(pixels.data.len() / 8);
    let mut encoder = Encoder::new(&mut jpeg, QUALITY);
    encoder.set_chroma_subsampling_method(ChromaSubsamplingMethod::Average);
    if let Some(tiff) = found.exif.map(|tiff| with_upright_orientation(&tiff)) {
        let segment = [EXIF_APP1, &tiff].concat();
        if segment.len() <= MAX_SEGMENT {
            encoder
                .add_app_segment(1, segment)
                .map_err(|e| failed(&e))?;
        }
    }
    for packet in found.xmp.iter().take(1) {
        let segment = [XMP_APP1, packet].concat();
        if segment.len() <= MAX_SEGMENT {
            encoder
                .add_app_segment(1, segment)
                .map_err(|e| failed(&e))?;
        }
    }
    if let Some(icc) = icc {
        encoder.add_icc_profile(&icc).map_err(|e| failed(&e))?;
    }
    let color = if pixels.gray {
        ColorType::Luma
    } else {
        ColorType::Rgb
    };
    encoder
        .encode(&pixels.data, width, height, color)
        .map_err(|e| failed(&e))?;
    Ok(jpeg)
}

fn turn_upright(pixels: Pixels, orientation: Option<u16>) -> Result<Pixels, PhotoError> {
    use image::metadata::Orientation;
    use image::{DynamicImage, GrayImage, RgbImage};
    let Some(turn) = orientation
        .and_then(|o| u8::try_from(o).ok())
        .and_then(Orientation::from_exif)
        .filter(|o| *o != Orientation::NoTransforms)
    else {
        return Ok(pixels);
    };
    let damaged = || PhotoError::Corrupt("the image could not be turned upright".into());
    let (width, height, gray) = (pixels.width, pixels.height, pixels.gray);
    let mut image = if gray {
        DynamicImage::ImageLuma8(
            GrayImage::from_raw(width, height, pixels.data).ok_or_else(damaged)?,
        )
    } else {
        DynamicImage::ImageRgb8(RgbImage::from_raw(width, height, pixels.data).ok_or_else(damaged)?)
    };
    image.apply_orientation(turn);
    Ok(Pixels {
        width: image.width(),
        height: image.height(),
        gray,
        data: if gray {
            image.into_luma8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        },
    })
}

/// The EXIF (a TIFF structure) with IFD0's orientation set to 1 (upright), so a viewer does not
/// turn the already upright pixels again. Anything unreadable is left as it is.
fn with_upright_orientation(tiff: &[u8]) -> Vec<u8> {
    let mut out = tiff.to_vec();
    let big_endian = match tiff.get(..2) {
        Some(b"MM") => true,
        Some(b"II") => false,
        _ => return out,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let Some(ifd) = u32_at(4).and_then(|o| usize::try_from(o).ok()) else {
        return out;
    };
    let count = u16_at(ifd).unwrap_or(0);
    for entry in 0..usize::from(count) {
        let at = ifd + 2 + entry * 12;
        // Tag 0x0112 (Orientation), type SHORT: its value sits in the entry's first two bytes.
        if u16_at(at) == Some(0x0112) && u16_at(at + 2) == Some(3) {
            let one = if big_endian { [0, 1] } else { [1, 0] };
            if let Some(value) = out.get_mut(at + 8..at + 10) {
                value.copy_from_slice(&one);
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF with one IFD0 entry: Orientation = `value`.
    fn tiff_with_orientation(value: u16) -> Vec<u8> {
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&1u16.to_le_bytes());
        tiff.extend_from_slice(&0x0112u16.to_le_bytes());
        tiff.extend_from_slice(&3u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        tiff
    }

    #[test]
    fn the_copied_exif_says_upright() {
        let upright = with_upright_orientation(&tiff_with_orientation(6));
        assert_eq!(upright, tiff_with_orientation(1));
        let fields = super::super::exif::parse(upright).unwrap();
        assert_eq!(fields.orientation, Some(1));
    }

    #[test]
    fn unreadable_exif_is_left_as_it_is() {
        assert_eq!(with_upright_orientation(b"junk"), b"junk");
        assert_eq!(
            with_upright_orientation(b"II*\0\xff\0\0\0"),
            b"II*\0\xff\0\0\0"
        );
    }

    #[test]
    fn a_jpeg_is_its_own_rendition_and_only_heic_needs_one() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
        assert_eq!(jpeg_rendition(&jpeg).unwrap(), jpeg);
        assert!(needs_jpeg_rendition(PhotoFormat::Heic));
        assert!(!needs_jpeg_rendition(PhotoFormat::Png));
    }
}

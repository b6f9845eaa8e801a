//! Photos reach the PDF after layout. typst decodes every image it lays out and keeps the pixels
//! until the PDF is written (a 12 MP photo is 36 MB of them), so it is given a tiny stand-in JPEG
//! for each photo instead, tagged with the photo's hash; the template sizes pictures from their
//! ratio, never from their pixels. Once the PDF is written, each stand-in's image stream is
//! replaced by the prepared JPEG, whose bytes go in as they are (DCTDecode). Memory then holds
//! compressed photos only, never their pixels.

use std::collections::HashMap;
use std::io::Write;

use image::metadata::Orientation;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::Error;

use super::images::{Channels, Prepared};

/// What the stand-in of a photo carries before its hash (an APP9 segment).
const TAG: &[u8] = b"FolioPicture\0";
const HASH_LEN: usize = 64;

/// A 8×8 grey JPEG that stands for the photo `sha256`, carrying `orientation` in EXIF so that
/// typst turns the real photo as it would have.
pub(super) fn stand_in(sha256: &str, orientation: Orientation) -> Result<Vec<u8>, String> {
    let failed = |e: jpeg_encoder::EncodingError| format!("its stand-in failed: {e}");
    let mut jpeg = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 50);
    encoder
        .add_app_segment(9, [TAG, sha256.as_bytes()].concat())
        .map_err(failed)?;
    if orientation != Orientation::NoTransforms {
        encoder
            .add_app_segment(1, exif_with_orientation(orientation.to_exif()))
            .map_err(failed)?;
    }
    encoder
        .encode(&[128; 64], 8, 8, jpeg_encoder::ColorType::Luma)
        .map_err(failed)?;
    Ok(jpeg)
}

/// An EXIF block holding nothing but the orientation tag (big-endian TIFF, one IFD entry).
fn exif_with_orientation(value: u8) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    exif.extend_from_slice(&1u16.to_be_bytes()); // one entry
    exif.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    exif.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    exif.extend_from_slice(&1u32.to_be_bytes()); // one value
    exif.extend_from_slice(&[0, value, 0, 0]);
    exif.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    exif
}

/// The photo hash a stand-in stream carries.
fn tag_of(content: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(content, TAG)? + TAG.len();
    let hash = content.get(at..at + HASH_LEN)?;
    hash.iter()
        .all(u8::is_ascii_hexdigit)
        .then(|| String::from_utf8_lossy(hash).into_owned())
}

/// Writes `pdf` to `output` with every stand-in replaced by its prepared image.
pub(super) fn replace_stand_ins(
    pdf: &[u8],
    mut images: HashMap<String, Prepared>,
    output: &mut impl Write,
) -> Result<(), Error> {
    let broken = |e: lopdf::Error| Error::Internal(format!("the dossier's PDF: {e}"));
    let mut document = Document::load_mem(pdf).map_err(broken)?;
    let mut by_photo: HashMap<String, Vec<ObjectId>> = HashMap::new();
    for (id, object) in &document.objects {
        if let Object::Stream(stream) = object
            && is_image(&stream.dict)
            && let Some(sha256) = tag_of(&stream.content)
        {
            by_photo.entry(sha256).or_default().push(*id);
        }
    }
    for (sha256, ids) in by_photo {
        let image = images.remove(&sha256).ok_or_else(|| {
            Error::Internal(format!("no prepared image for the stand-in of {sha256}"))
        })?;
        let colour_space = colour_space(&mut document, &image).map_err(broken)?;
        for id in ids {
            if let Ok(Object::Stream(stream)) = document.get_object_mut(id) {
                replace(stream, &image, colour_space.clone());
            }
        }
    }
    document
        .save_to(output)
        .map_err(|e| Error::Internal(format!("cannot write the PDF: {e}")))?;
    Ok(())
}

fn is_image(dict: &Dictionary) -> bool {
    matches!(dict.get(b"Subtype"), Ok(Object::Name(name)) if name == b"Image")
}

/// `DeviceGray`/`DeviceRGB`, or an ICC-based space whose profile is added to the document.
fn colour_space(document: &mut Document, image: &Prepared) -> Result<Object, lopdf::Error> {
    let (device, components): (&[u8], i64) = match image.channels {
        Channels::Gray => (b"DeviceGray", 1),
        Channels::Rgb => (b"DeviceRGB", 3),
    };
    let Some(icc) = &image.icc else {
        return Ok(Object::Name(device.to_vec()));
    };
    let mut dict = Dictionary::new();
    dict.set("N", components);
    dict.set("Alternate", Object::Name(device.to_vec()));
    let mut profile = Stream::new(dict, icc.clone());
    profile.compress()?;
    let id = document.try_add_object(profile)?;
    Ok(Object::Array(vec![
        Object::Name(b"ICCBased".to_vec()),
        Object::Reference(id),
    ]))
}

fn replace(stream: &mut Stream, image: &Prepared, colour_space: Object) {
    let dict = &mut stream.dict;
    dict.set("Width", i64::from(image.width));
    dict.set("Height", i64::from(image.height));
    dict.set("BitsPerComponent", 8);
    dict.set("ColorSpace", colour_space);
    dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
    for key in [&b"Decode"[..], b"DecodeParms", b"SMask", b"Length"] {
        dict.remove(key);
    }
    stream.allows_compression = false;
    stream.set_content(image.jpeg.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stand_in_names_its_photo_and_decodes_as_a_tiny_image() {
        let sha = "ab".repeat(32);
        let jpeg = stand_in(&sha, Orientation::NoTransforms).unwrap();
        assert_eq!(tag_of(&jpeg).as_deref(), Some(sha.as_str()));
        let image = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((image.width(), image.height()), (8, 8));
    }

    #[test]
    fn a_stand_in_carries_the_orientation_typst_must_apply() {
        let jpeg = stand_in(&"0".repeat(64), Orientation::Rotate90).unwrap();
        let mut decoder = image::ImageReader::new(std::io::Cursor::new(&jpeg))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        use image::ImageDecoder;
        assert_eq!(decoder.orientation().unwrap(), Orientation::Rotate90);
    }

    #[test]
    fn bytes_without_a_full_hash_are_no_stand_in() {
        assert_eq!(tag_of(b"FolioPicture\0abc"), None);
        assert_eq!(tag_of(b"plain JPEG bytes"), None);
    }
}

//! EXIF through kamadak-exif: description, artist, copyright, capture time and offset, camera,
//! GPS and orientation, plus the XMP (tag 700) and IPTC (tags 33723, 34377) blocks that TIFF
//! files keep among their tags.
//!
//! kamadak-exif hands text back as raw bytes; they are decoded here (UTF-8 when valid, else the
//! legacy Windows-1252). A damaged IFD yields the fields read before the damage.

use exif::{Context, Exif, In, Reader, Tag, Value};

use super::{iptc, text};

/// The EXIF fields Folio keeps.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExifFields {
    pub description: Option<String>,
    pub artist: Option<String>,
    pub copyright: Option<String>,
    /// `YYYY:MM:DD HH:MM:SS`, as written.
    pub date_time_original: Option<String>,
    /// `±HH:MM`, as written.
    pub offset_time_original: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub gps: Option<(f64, f64)>,
    pub orientation: Option<u16>,
    /// Windows Explorer's Title, Comments, Authors and Tags (XPTitle etc., UCS-2).
    pub xp_title: Option<String>,
    pub xp_comment: Option<String>,
    pub xp_author: Option<String>,
    pub xp_keywords: Vec<String>,
    /// EXIF UserComment, with its charset prefix honoured.
    pub user_comment: Option<String>,
    /// The star rating Windows Explorer and some cameras write (tag 0x4746, 0–5; -1 or more
    /// than 5 is no rating).
    pub rating: Option<u8>,
    /// An XMP packet from TIFF tag 700.
    pub xmp: Option<Vec<u8>>,
    /// IIM from TIFF tag 33723, or from the Photoshop resources in tag 34377.
    pub iim: Option<Vec<u8>>,
}

const TAG_XMP: Tag = Tag(Context::Tiff, 700);
const TAG_RATING: Tag = Tag(Context::Tiff, 0x4746);
const TAG_IPTC: Tag = Tag(Context::Tiff, 33723);
const TAG_PHOTOSHOP: Tag = Tag(Context::Tiff, 34377);
const TAG_XP_TITLE: Tag = Tag(Context::Tiff, 0x9C9B);
const TAG_XP_COMMENT: Tag = Tag(Context::Tiff, 0x9C9C);
const TAG_XP_AUTHOR: Tag = Tag(Context::Tiff, 0x9C9D);
const TAG_XP_KEYWORDS: Tag = Tag(Context::Tiff, 0x9C9E);

/// Reads EXIF from a TIFF structure. `None` when not even its header is readable.
pub fn parse(tiff: Vec<u8>) -> Option<ExifFields> {
    let exif = match Reader::new().continue_on_error(true).read_raw(tiff) {
        Ok(exif) => exif,
        Err(e) => e.distill_partial_result(|_| {}).ok()?,
    };
    let line = |tag| {
        text_of(&exif, tag)
            .map(|t| text::clean_line(&t))
            .filter(|t| !t.is_empty())
    };
    // Make and model are one value each; some cameras leave junk after a NUL.
    let name = |tag| line(tag).and_then(|t| t.split("; ").next().map(str::to_owned));
    let (make, model) = (name(Tag::Make), name(Tag::Model));
    let description = text_of(&exif, Tag::ImageDescription)
        .map(|t| text::clean_multiline(&t))
        .filter(|t| !t.is_empty() && !is_camera_boilerplate(t))
        .filter(|t| Some(t) != make.as_ref() && Some(t) != model.as_ref());
    Some(ExifFields {
        description,
        artist: line(Tag::Artist),
        copyright: line(Tag::Copyright),
        // DateTime (IFD0) is when the file was last changed, not when the photo was taken.
        date_time_original: line(Tag::DateTimeOriginal).or_else(|| line(Tag::DateTimeDigitized)),
        offset_time_original: line(Tag::OffsetTimeOriginal),
        make,
        model,
        gps: gps(&exif),
        orientation: exif
            .get_field(Tag::Orientation, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| u16::try_from(v).ok())
            .filter(|v| (1..=8).contains(v)),
        xp_title: xp_text(&exif, TAG_XP_TITLE).map(|t| text::clean_line(&t)),
        xp_comment: xp_text(&exif, TAG_XP_COMMENT).map(|t| text::clean_multiline(&t)),
        xp_author: xp_text(&exif, TAG_XP_AUTHOR).map(|t| text::clean_line(&t)),
        xp_keywords: xp_text(&exif, TAG_XP_KEYWORDS)
            .map(|t| {
                t.split(';')
                    .map(text::clean_line)
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        user_comment: user_comment(&exif)
            .map(|t| text::clean_multiline(&t))
            .filter(|t| !t.is_empty() && !is_camera_boilerplate(t)),
        rating: exif
            .get_field(TAG_RATING, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| u8::try_from(v).ok())
            .filter(|v| *v <= 5),
        xmp: raw_bytes(&exif, TAG_XMP),
        iim: raw_bytes(&exif, TAG_IPTC)
            .filter(|b| b.first() == Some(&0x1C))
            .or_else(|| {
                let irb = raw_bytes(&exif, TAG_PHOTOSHOP)?;
                iptc::iim_from_irb(&irb).map(<[u8]>::to_vec)
            }),
    })
}

/// A text field of the primary image, its parts (EXIF allows several, NUL-separated) joined.
fn text_of(exif: &Exif, tag: Tag) -> Option<String> {
    let field = exif.get_field(tag, In::PRIMARY)?;
    let parts: Vec<String> = match &field.value {
        Value::Ascii(parts) => parts
            .iter()
            .map(|p| text::decode_guess(trim_nul(p)))
            .collect(),
        Value::Byte(bytes) | Value::Undefined(bytes, _) => {
            vec![text::decode_guess(trim_nul(bytes))]
        }
        _ => return None,
    };
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn trim_nul(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    &bytes[..end]
}

/// The bytes of a binary tag, whatever type the writer declared. LONG arrays (common for IPTC)
/// are turned back into bytes in the file's byte order.
fn raw_bytes(exif: &Exif, tag: Tag) -> Option<Vec<u8>> {
    let field = exif.get_field(tag, In::PRIMARY)?;
    let bytes = match &field.value {
        Value::Byte(b) | Value::Undefined(b, _) => b.clone(),
        Value::Ascii(parts) => parts.concat(),
        Value::Long(longs) => longs
            .iter()
            .flat_map(|l| {
                if exif.little_endian() {
                    l.to_le_bytes()
                } else {
                    l.to_be_bytes()
                }
            })
            .collect(),
        _ => return None,
    };
    (!bytes.is_empty()).then_some(bytes)
}

/// Windows XP* tags: UCS-2 little-endian whatever the file's byte order, NUL-terminated.
fn xp_text(exif: &Exif, tag: Tag) -> Option<String> {
    let bytes = raw_bytes(exif, tag)?;
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    let text: String = char::decode_utf16(units.take_while(|&u| u != 0))
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect();
    (!text.trim().is_empty()).then_some(text)
}

/// UserComment: an 8-byte charset prefix (`ASCII`, `UNICODE` = UCS-2 in the file's byte
/// order, `JIS`, or zeros for undefined), then the text.
fn user_comment(exif: &Exif) -> Option<String> {
    let field = exif.get_field(Tag::UserComment, In::PRIMARY)?;
    let Value::Undefined(bytes, _) = &field.value else {
        return None;
    };
    let (prefix, body) = (bytes.get(..8)?, bytes.get(8..)?);
    let text = if prefix.starts_with(b"UNICODE") {
        let le = exif.little_endian();
        let units = body.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect()
    } else if prefix.starts_with(b"ASCII") || prefix == [0; 8] {
        text::decode_guess(trim_nul(body))
    } else {
        return None;
    };
    let text = text
        .trim_matches(|c: char| c == '\0' || c.is_whitespace())
        .to_owned();
    (!text.is_empty()).then_some(text)
}

fn gps(exif: &Exif) -> Option<(f64, f64)> {
    let lat = coordinate(exif, Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S')?;
    let lon = coordinate(exif, Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W')?;
    let valid = lat.abs() <= 90.0 && lon.abs() <= 180.0;
    // 0,0 is what receivers without a fix write.
    (valid && (lat, lon) != (0.0, 0.0)).then_some((lat, lon))
}

fn coordinate(exif: &Exif, tag: Tag, ref_tag: Tag, negative: u8) -> Option<f64> {
    let Value::Rational(parts) = &exif.get_field(tag, In::PRIMARY)?.value else {
        return None;
    };
    let mut degrees = 0.0;
    for (part, scale) in parts.iter().zip([1.0, 60.0, 3600.0]) {
        if part.denom == 0 {
            return None;
        }
        degrees += part.to_f64() / scale;
    }
    let sign = match &exif.get_field(ref_tag, In::PRIMARY).map(|f| &f.value) {
        Some(Value::Ascii(r)) if r.first().and_then(|r| r.first()) == Some(&negative) => -1.0,
        _ => 1.0,
    };
    (degrees.is_finite() && !parts.is_empty()).then_some(sign * degrees)
}

/// Descriptions cameras fill in by themselves, which are not captions.
fn is_camera_boilerplate(description: &str) -> bool {
    let upper = description.to_uppercase();
    const BOILERPLATE: [&str; 7] = [
        "DIGITAL CAMERA",
        "DIGITAL STILL CAMERA",
        "SONY DSC",
        "EXIF_JPEG_PICTURE",
        "DCIM",
        "DEFAULT",
        "IMAGE",
    ];
    let short = upper.split_whitespace().count() <= 4;
    BOILERPLATE
        .iter()
        .any(|b| upper == *b || (short && upper.ends_with(&format!(" {b}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_boilerplate_is_not_a_caption() {
        for junk in [
            "OLYMPUS DIGITAL CAMERA",
            "SONY DSC",
            "KODAK Digital Still Camera",
            "Image",
        ] {
            assert!(is_camera_boilerplate(junk), "{junk}");
        }
        assert!(!is_camera_boilerplate(
            "Minister opens the new digital camera factory"
        ));
    }

    #[test]
    fn trailing_nuls_are_trimmed_but_inner_bytes_kept() {
        assert_eq!(trim_nul(b"abc\0\0"), b"abc");
        assert_eq!(trim_nul(b"\0\0"), b"");
    }

    #[test]
    fn garbage_is_not_exif() {
        assert_eq!(parse(b"not a tiff at all".to_vec()), None);
        assert_eq!(parse(Vec::new()), None);
    }
}

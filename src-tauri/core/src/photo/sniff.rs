//! Recognises image formats by their magic bytes (never by file name), and explains in words what
//! a file that is not an image is instead.

use super::{PhotoError, PhotoFormat};

/// The format of `bytes`, judged by their first bytes; `None` when it is none Folio knows.
pub fn sniff(bytes: &[u8]) -> Option<PhotoFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(PhotoFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(PhotoFormat::Png)
    } else if bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"II+\0")
        || bytes.starts_with(b"MM\0+")
    {
        Some(PhotoFormat::Tiff)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(PhotoFormat::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(PhotoFormat::Gif)
    } else if is_heif(bytes) {
        Some(PhotoFormat::Heic)
    } else {
        None
    }
}

/// The format of `bytes`, or an error that says what the file is when it is not an image.
pub(super) fn identify(bytes: &[u8]) -> Result<PhotoFormat, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Corrupt("the file is empty".into()));
    }
    sniff(bytes).ok_or_else(|| {
        let reason = if looks_like_text(bytes) {
            "not an image: the file is text"
        } else {
            "not an image Folio can read: the content is not JPEG, PNG, TIFF, WebP, GIF or HEIC"
        };
        PhotoError::Corrupt(reason.into())
    })
}

/// Brands of an ISO-BMFF `ftyp` box that mean a HEVC-coded HEIF image (not AVIF).
const HEIF_BRANDS: [&[u8; 4]; 8] = [
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
];

fn is_heif(bytes: &[u8]) -> bool {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    let declared = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let ftyp = &bytes[..declared.clamp(16, 256).min(bytes.len())];
    let brands = std::iter::once(&ftyp[8..12]).chain(ftyp[16..].chunks_exact(4));
    let mut generic = false;
    for brand in brands {
        if HEIF_BRANDS.iter().any(|b| &b[..] == brand) {
            return true;
        }
        if brand == b"avif" || brand == b"avis" {
            return false;
        }
        generic |= brand == b"mif1" || brand == b"msf1";
    }
    generic
}

/// Whether the start of a file reads as text: UTF-8 (or UTF-16 with a byte-order mark) without
/// control characters other than whitespace.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        // A character cut by the 8 KiB window is still text.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_magic_bytes() {
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Some(PhotoFormat::Jpeg)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(PhotoFormat::Png)
        );
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Some(PhotoFormat::Tiff));
        assert_eq!(sniff(b"MM\0*\0\0\0\x08"), Some(PhotoFormat::Tiff));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(PhotoFormat::Webp));
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Some(PhotoFormat::Gif));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Some(PhotoFormat::Heic)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1miaf"),
            Some(PhotoFormat::Heic)
        );
    }

    #[test]
    fn avif_riff_audio_and_text_are_not_photos() {
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), None);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn text_files_named_like_photos_are_reported_as_text() {
        let err = identify("Пресс-релиз 新闻稿\nPress release\n".as_bytes()).unwrap_err();
        assert_eq!(
            err,
            PhotoError::Corrupt("not an image: the file is text".into())
        );
    }

    #[test]
    fn empty_files_are_reported_as_empty() {
        assert_eq!(
            identify(b"").unwrap_err(),
            PhotoError::Corrupt("the file is empty".into())
        );
    }

    #[test]
    fn binary_junk_is_not_called_text() {
        let err = identify(&[0u8, 1, 2, 3, 200, 201]).unwrap_err();
        assert!(
            err.to_string().starts_with("not an image Folio can read"),
            "{err}"
        );
    }
}

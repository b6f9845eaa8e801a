//! Finds the raw metadata blocks in a photo's container without decoding pixels: EXIF (as TIFF
//! bytes), XMP packets and IPTC IIM, from JPEG APP1/APP13 segments, PNG eXIf/iTXt/zTXt/tEXt
//! chunks, WebP `EXIF`/`XMP ` chunks, GIF application extensions and HEIF metadata items
//! (through libheif, `heif.rs`). TIFF files are their own EXIF block; their XMP and IPTC tags
//! are read with the EXIF (see `exif.rs`).
//!
//! Anything damaged is skipped: a block that cannot be found is simply absent.

use img_parts::jpeg::Jpeg;
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

use super::{PhotoFormat, iptc};

/// Metadata blocks as found, not yet parsed.
#[derive(Debug, Default)]
pub struct Blocks {
    /// EXIF as a TIFF structure (for TIFF files: the whole file).
    pub exif: Option<Vec<u8>>,
    pub xmp: Vec<Vec<u8>>,
    pub iim: Option<Vec<u8>>,
}

const XMP_APP1: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXIF_APP1: &[u8] = b"Exif\0";
const PHOTOSHOP_APP13: &[u8] = b"Photoshop 3.0\0";
const JPEG_APP1: u8 = 0xE1;
const JPEG_APP13: u8 = 0xED;
/// No text chunk of a PNG may inflate to more than this.
const MAX_INFLATED: usize = 16 << 20;

pub fn find(format: PhotoFormat, bytes: &[u8]) -> Blocks {
    match format {
        PhotoFormat::Jpeg => jpeg(bytes),
        PhotoFormat::Png => png(bytes),
        PhotoFormat::Webp => webp(bytes),
        PhotoFormat::Tiff => Blocks {
            exif: Some(bytes.to_vec()),
            ..Blocks::default()
        },
        PhotoFormat::Gif => Blocks {
            xmp: scan_xmp_packet(bytes).into_iter().collect(),
            ..Blocks::default()
        },
        PhotoFormat::Heic => super::heif::blocks(bytes),
    }
}

fn jpeg(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    // img-parts stops at the first scan, so this copies the file but reads only its headers.
    let Ok(jpeg) = Jpeg::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return found;
    };
    let mut irb = Vec::new();
    for segment in jpeg.segments() {
        let contents = segment.contents();
        match segment.marker() {
            JPEG_APP1 if contents.starts_with(EXIF_APP1) && found.exif.is_none() => {
                // "Exif\0\0" normally; some writers put 0xFF as the pad byte.
                found.exif = contents.get(EXIF_APP1.len() + 1..).map(<[u8]>::to_vec);
            }
            JPEG_APP1 if contents.starts_with(XMP_APP1) => {
                found.xmp.push(contents[XMP_APP1.len()..].to_vec());
            }
            JPEG_APP13 if contents.starts_with(PHOTOSHOP_APP13) => {
                // A resource block too large for one segment continues in the next.
                irb.extend_from_slice(&contents[PHOTOSHOP_APP13.len()..]);
            }
            _ => {}
        }
    }
    found.iim = iptc::iim_from_irb(&irb).map(<[u8]>::to_vec);
    found
}

fn png(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let Ok(png) = Png::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return found;
    };
    found.exif = png.exif().map(|b| b.to_vec());
    for chunk in png.chunks() {
        let Some((keyword, text)) = png_text(chunk.kind(), chunk.contents()) else {
            continue;
        };
        match keyword.as_slice() {
            b"XML:com.adobe.xmp" => found.xmp.push(text),
            // ImageMagick and exiftool store other blocks as hex "raw profiles".
            b"Raw profile type xmp" => found.xmp.extend(raw_profile(&text)),
            b"Raw profile type iptc" => {
                if let Some(profile) = raw_profile(&text) {
                    found.iim = match iptc::iim_from_irb(&profile) {
                        Some(iim) => Some(iim.to_vec()),
                        None => profile.starts_with(&[0x1C]).then_some(profile),
                    };
                }
            }
            b"Raw profile type exif" | b"Raw profile type APP1" if found.exif.is_none() => {
                found.exif = raw_profile(&text).map(|p| match p.strip_prefix(b"Exif\0\0") {
                    Some(tiff) => tiff.to_vec(),
                    None => p,
                });
            }
            _ => {}
        }
    }
    found
}

/// The keyword and (inflated) text of a PNG `tEXt`, `zTXt` or `iTXt` chunk.
fn png_text(kind: [u8; 4], data: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let nul = data.iter().position(|&b| b == 0)?;
    let (keyword, rest) = (data[..nul].to_vec(), &data[nul + 1..]);
    let text = match &kind {
        b"tEXt" => rest.to_vec(),
        b"zTXt" => inflate(rest.get(1..)?)?,
        b"iTXt" => {
            let (&compressed, rest) = rest.split_first()?;
            let rest = rest.get(1..)?; // compression method
            let lang_end = rest.iter().position(|&b| b == 0)?;
            let rest = &rest[lang_end + 1..];
            let translated_end = rest.iter().position(|&b| b == 0)?;
            let text = &rest[translated_end + 1..];
            if compressed == 1 {
                inflate(text)?
            } else {
                text.to_vec()
            }
        }
        _ => return None,
    };
    Some((keyword, text))
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MAX_INFLATED).ok()
}

/// Decodes an ImageMagick raw profile: `\n<name>\n<length>\n<hex digits over many lines>`.
fn raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let (_name, rest) = text.trim_start_matches('\n').split_once('\n')?;
    let rest = rest.trim_start();
    let (len, hex) = rest.split_once(char::is_whitespace)?;
    let len: usize = len.parse().ok()?;
    let digits: Vec<u8> = hex
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .take(len.checked_mul(2)?)
        .collect();
    let value = |d: u8| {
        char::from(d)
            .to_digit(16)
            .and_then(|v| u8::try_from(v).ok())
    };
    digits
        .chunks_exact(2)
        .map(|pair| Some((value(pair[0])? << 4) | value(pair[1])?))
        .collect()
}

fn webp(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let Ok(webp) = WebP::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return found;
    };
    found.exif = webp.exif().map(|b| b.to_vec());
    if let Some(xmp) = webp
        .chunk_by_id(*b"XMP ")
        .and_then(|c| c.content().data().cloned())
    {
        found.xmp.push(xmp.to_vec());
    }
    found
}

/// An XMP packet anywhere in the bytes (GIF keeps it in an application extension whose data
/// sub-blocks are laid so that the packet reads as plain bytes).
fn scan_xmp_packet(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = find_bytes(bytes, b"<x:xmpmeta")?;
    const END: &[u8] = b"</x:xmpmeta>";
    let end = start + find_bytes(&bytes[start..], END)? + END.len();
    Some(bytes[start..end].to_vec())
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_profiles_decode_from_hex_lines() {
        let text = b"\nIPTC profile\n      9\n1c02050004\n54657374\n";
        assert_eq!(raw_profile(text).unwrap(), b"\x1c\x02\x05\x00\x04Test");
    }

    #[test]
    fn raw_profiles_with_bad_lengths_yield_nothing_or_less() {
        assert_eq!(raw_profile(b"\niptc\n  huge\n1c02"), None);
        assert_eq!(
            raw_profile(b"\niptc\n  99999999999\n1c02").unwrap(),
            b"\x1c\x02"
        );
    }

    #[test]
    fn png_itxt_chunks_yield_keyword_and_text() {
        let chunk = b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>";
        let (keyword, text) = png_text(*b"iTXt", chunk).unwrap();
        assert_eq!(keyword, b"XML:com.adobe.xmp");
        assert_eq!(text, b"<x:xmpmeta/>");
    }

    #[test]
    fn gif_xmp_is_found_by_its_packet() {
        let gif = b"GIF89a....!\xffXMP DataXMP<?xpacket?><x:xmpmeta a='1'>x</x:xmpmeta>\x01\xff";
        assert_eq!(
            scan_xmp_packet(gif).unwrap(),
            b"<x:xmpmeta a='1'>x</x:xmpmeta>"
        );
    }
}

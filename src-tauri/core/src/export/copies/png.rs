//! PNG copies: chunk by chunk, streamed. The XMP packet goes into an `iTXt` chunk keyed
//! `XML:com.adobe.xmp` (merged with the original's when that comes before the image data), the
//! IPTC into a compressed "raw profile" text chunk as ImageMagick and exiftool write it, and an
//! `eXIf` chunk gets its text tags. Image data chunks are copied byte for byte.

use std::io::{Read, Write};

use super::fields::Embedded;
use super::ifd::{self, Edit};
use super::{Carried, Damaged};

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
const XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";
const IPTC_KEYWORD: &[u8] = b"Raw profile type iptc";
const REPLACED_KEYWORDS: [&[u8]; 3] = [XMP_KEYWORD, IPTC_KEYWORD, b"Raw profile type xmp"];
/// Text and EXIF chunks larger than this are copied without being looked into.
const MAX_INSPECTED: u32 = 16 << 20;
/// The PNG specification's largest chunk.
const MAX_CHUNK: u32 = 0x7FFF_FFFF;

pub(super) fn write(
    source: &mut impl Read,
    out: &mut impl Write,
    embedded: &Embedded,
) -> Result<Carried, Damaged> {
    let mut signature = [0u8; 8];
    read_exact(source, &mut signature)?;
    if &signature != SIGNATURE {
        return Err(Damaged::new("it does not start like a PNG"));
    }
    out.write_all(SIGNATURE)?;
    let mut carried = Carried::default();
    let mut old_xmp: Option<Vec<u8>> = None;
    let mut placed = false;
    loop {
        let mut header = [0u8; 8];
        read_exact(source, &mut header)?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let kind: [u8; 4] = [header[4], header[5], header[6], header[7]];
        if length > MAX_CHUNK {
            return Err(Damaged::new(&format!(
                "a chunk declares an impossible length ({length})"
            )));
        }
        if (kind == *b"IDAT" || kind == *b"IEND") && !placed {
            let xmp = embedded.xmp_packet(old_xmp.as_deref());
            write_chunk(out, b"iTXt", &[XMP_KEYWORD, b"\0\0\0\0\0", &xmp])?;
            let profile = raw_profile("iptc", &embedded.image_resources(&[]));
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(profile.as_bytes(), 6);
            write_chunk(out, b"zTXt", &[IPTC_KEYWORD, b"\0\0", &compressed])?;
            carried.xmp = true;
            carried.iptc = true;
            placed = true;
        }
        let inspect =
            matches!(&kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf") && length <= MAX_INSPECTED;
        if inspect {
            let mut data = vec![0u8; length as usize + 4];
            read_exact(source, &mut data)?;
            data.truncate(length as usize);
            if kind == *b"eXIf" {
                match ifd::edit_in_memory(&data, &exif_edits(embedded)) {
                    Ok(edited) => {
                        write_chunk(out, b"eXIf", &[&edited])?;
                        carried.exif = true;
                    }
                    Err(_) => write_chunk(out, b"eXIf", &[&data])?,
                }
                continue;
            }
            let keyword = data.split(|&b| b == 0).next().unwrap_or_default();
            if REPLACED_KEYWORDS.contains(&keyword) {
                if keyword == XMP_KEYWORD && kind == *b"iTXt" && !placed && old_xmp.is_none() {
                    old_xmp = itxt_text(&data[keyword.len()..]);
                }
                continue;
            }
            write_chunk(out, &kind, &[&data])?;
            continue;
        }
        out.write_all(&header)?;
        let expected = u64::from(length) + 4;
        let copied = std::io::copy(&mut source.by_ref().take(expected), out)?;
        if copied != expected {
            return Err(Damaged::new(
                "it is truncated: the file ends inside a chunk",
            ));
        }
        if kind == *b"IEND" {
            return Ok(carried);
        }
    }
}

fn exif_edits(embedded: &Embedded) -> Vec<Edit> {
    embedded.exif_edits()
}

/// The text of an uncompressed `iTXt` chunk, after its keyword.
fn itxt_text(rest: &[u8]) -> Option<Vec<u8>> {
    let rest = rest.strip_prefix(b"\0")?;
    let (&compressed, rest) = rest.split_first()?;
    let rest = rest.get(1..)?;
    let lang_end = rest.iter().position(|&b| b == 0)?;
    let rest = &rest[lang_end + 1..];
    let translated_end = rest.iter().position(|&b| b == 0)?;
    let text = &rest[translated_end + 1..];
    if compressed == 1 {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(text, MAX_INSPECTED as usize).ok()
    } else {
        Some(text.to_vec())
    }
}

/// ImageMagick's hex "raw profile": `\n<name>\n<length>\n<hex, 36 bytes a line>\n`.
fn raw_profile(name: &str, data: &[u8]) -> String {
    let mut text = format!("\n{name}\n{:8}\n", data.len());
    for line in data.chunks(36) {
        for byte in line {
            text.push_str(&format!("{byte:02x}"));
        }
        text.push('\n');
    }
    text
}

fn write_chunk(out: &mut impl Write, kind: &[u8; 4], parts: &[&[u8]]) -> std::io::Result<()> {
    let length: usize = parts.iter().map(|p| p.len()).sum();
    let length = u32::try_from(length)
        .ok()
        .filter(|&l| l <= MAX_CHUNK)
        .ok_or_else(|| std::io::Error::other("a chunk is too large"))?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    out.write_all(&length.to_be_bytes())?;
    out.write_all(kind)?;
    for part in parts {
        crc.update(part);
        out.write_all(part)?;
    }
    out.write_all(&crc.finalize().to_be_bytes())
}

fn read_exact(source: &mut impl Read, buffer: &mut [u8]) -> Result<(), Damaged> {
    source.read_exact(buffer).map_err(|e| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            Damaged::new("it is truncated: the file ends before its last chunk")
        } else {
            Damaged::Io(e)
        }
    })
}

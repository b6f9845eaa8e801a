//! JPEG copies: the marker segments before the first scan are read (each at most 64 KB), the
//! XMP and Photoshop/IPTC segments are replaced by merged ones, the EXIF block gets its text
//! tags, and the scans are then streamed through unchanged — the compressed pixel data is
//! copied byte for byte, never decoded. A file whose segments run past its end, or whose image
//! data stops before the end-of-image marker, is refused.

use std::io::{Read, Write};

use super::fields::Embedded;
use super::ifd::{self, Edit};
use super::{Carried, Damaged};

const XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXTENSION_SIGNATURE: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";
const EXIF_SIGNATURE: &[u8] = b"Exif\0\0";
const PHOTOSHOP_SIGNATURE: &[u8] = b"Photoshop 3.0\0";
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP13: u8 = 0xED;
const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;
/// The largest payload of one marker segment.
const MAX_SEGMENT: usize = 65_533;
/// Headers larger than this (many ICC or preview segments) are refused as hostile.
const MAX_HEADER: usize = 32 << 20;

struct Segment {
    marker: u8,
    contents: Vec<u8>,
}

impl Segment {
    fn is(&self, marker: u8, signature: &[u8]) -> bool {
        self.marker == marker && self.contents.starts_with(signature)
    }
}

/// Writes the copy of the JPEG read from `source` to `out`.
pub(super) fn write(
    source: &mut impl Read,
    out: &mut impl Write,
    embedded: &Embedded,
) -> Result<Carried, Damaged> {
    let mut soi = [0u8; 2];
    read_exact(source, &mut soi, "its first bytes")?;
    if soi != [0xFF, 0xD8] {
        return Err(Damaged::new("it does not start like a JPEG"));
    }
    let (segments, sos) = read_header(source)?;

    let mut carried = Carried::default();
    let mut exif = None;
    let mut old_xmp = None;
    let mut old_resources = Vec::new();
    let mut kept = Vec::new();
    for segment in segments {
        if segment.is(APP1, EXIF_SIGNATURE) && exif.is_none() {
            exif = Some(segment);
        } else if segment.is(APP1, XMP_SIGNATURE) {
            old_xmp.get_or_insert(segment.contents[XMP_SIGNATURE.len()..].to_vec());
        } else if segment.is(APP1, XMP_EXTENSION_SIGNATURE) {
            // The rest of an over-long packet; the new packet replaces it all.
        } else if segment.is(APP13, PHOTOSHOP_SIGNATURE) {
            old_resources.extend_from_slice(&segment.contents[PHOTOSHOP_SIGNATURE.len()..]);
        } else {
            kept.push(segment);
        }
    }

    let exif = edited_exif(exif, embedded, &mut carried);
    let xmp = xmp_segment(embedded, old_xmp.as_deref(), &mut carried);
    let resources = embedded.image_resources(&old_resources);
    carried.iptc = true;

    // New blocks go after the leading JFIF/EXIF segments, where readers look first.
    let lead = kept
        .iter()
        .position(|s| s.marker != APP0)
        .unwrap_or(kept.len());
    out.write_all(&soi)?;
    for segment in &kept[..lead] {
        write_segment(out, segment.marker, &[&segment.contents])?;
    }
    if let Some(exif) = &exif {
        write_segment(out, APP1, &[EXIF_SIGNATURE, exif])?;
    }
    if let Some(xmp) = &xmp {
        write_segment(out, APP1, &[XMP_SIGNATURE, xmp])?;
    }
    for part in resources.chunks(MAX_SEGMENT - PHOTOSHOP_SIGNATURE.len()) {
        write_segment(out, APP13, &[PHOTOSHOP_SIGNATURE, part])?;
    }
    for segment in &kept[lead..] {
        write_segment(out, segment.marker, &[&segment.contents])?;
    }
    write_segment(out, SOS, &[&sos])?;
    copy_scans(source, out)?;
    Ok(carried)
}

/// The marker segments up to the first scan, and the scan header.
fn read_header(source: &mut impl Read) -> Result<(Vec<Segment>, Vec<u8>), Damaged> {
    let mut segments = Vec::new();
    let mut total = 0usize;
    loop {
        let mut byte = [0u8; 1];
        read_exact(source, &mut byte, "its headers")?;
        if byte[0] != 0xFF {
            return Err(Damaged::new(
                "a header segment does not start with a marker",
            ));
        }
        let mut marker = 0xFF;
        while marker == 0xFF {
            read_exact(source, &mut byte, "its headers")?;
            marker = byte[0];
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue; // markers without a length
        }
        if marker == EOI || marker == 0xD8 || marker == 0x00 {
            return Err(Damaged::new("it has no image data"));
        }
        let mut length = [0u8; 2];
        read_exact(source, &mut length, "a header segment")?;
        let length = usize::from(u16::from_be_bytes(length));
        if length < 2 {
            return Err(Damaged::new(&format!(
                "a header segment declares an impossible length ({length})"
            )));
        }
        total += length;
        if total > MAX_HEADER {
            return Err(Damaged::new("its headers are implausibly large"));
        }
        let mut contents = vec![0u8; length - 2];
        read_exact(source, &mut contents, "a header segment")?;
        if marker == SOS {
            return Ok((segments, contents));
        }
        segments.push(Segment { marker, contents });
    }
}

/// The EXIF block with the text tags set; a new block when the original had none and there is
/// ASCII text to carry. A block this cannot edit is kept as it was.
fn edited_exif(
    original: Option<Segment>,
    embedded: &Embedded,
    carried: &mut Carried,
) -> Option<Vec<u8>> {
    let edits: Vec<Edit> = embedded.exif_edits();
    let tiff = match &original {
        Some(segment) => segment.contents[EXIF_SIGNATURE.len()..].to_vec(),
        None if edits.iter().any(|e| e.value.is_some()) => empty_tiff(),
        None => return None,
    };
    match ifd::edit_in_memory(&tiff, &edits) {
        Ok(edited) if edited.len() + EXIF_SIGNATURE.len() <= MAX_SEGMENT => {
            carried.exif = true;
            Some(edited)
        }
        _ => original.map(|s| s.contents[EXIF_SIGNATURE.len()..].to_vec()),
    }
}

/// A big-endian TIFF header with an empty IFD0.
fn empty_tiff() -> Vec<u8> {
    let mut tiff = b"MM\0*".to_vec();
    tiff.extend_from_slice(&8u32.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    tiff
}

/// The XMP packet, merged with the original's when that fits one segment, else fresh; `None`
/// when even a fresh packet is too large (IPTC still carries the fields).
fn xmp_segment(
    embedded: &Embedded,
    original: Option<&[u8]>,
    carried: &mut Carried,
) -> Option<Vec<u8>> {
    let fits = |p: &Vec<u8>| p.len() + XMP_SIGNATURE.len() <= MAX_SEGMENT;
    let packet = Some(embedded.xmp_packet(original))
        .filter(fits)
        .or_else(|| Some(embedded.xmp_packet(None)).filter(fits));
    carried.xmp = packet.is_some();
    packet
}

fn write_segment(out: &mut impl Write, marker: u8, parts: &[&[u8]]) -> std::io::Result<()> {
    let length: usize = parts.iter().map(|p| p.len()).sum::<usize>() + 2;
    let length = u16::try_from(length)
        .map_err(|_| std::io::Error::other("a marker segment is too large"))?;
    out.write_all(&[0xFF, marker])?;
    out.write_all(&length.to_be_bytes())?;
    for part in parts {
        out.write_all(part)?;
    }
    Ok(())
}

/// Streams the scans and whatever follows them, checking that the image data reaches its
/// end-of-image marker (a marker byte pair that cannot occur inside entropy-coded data).
fn copy_scans(source: &mut impl Read, out: &mut impl Write) -> Result<(), Damaged> {
    let mut buffer = vec![0u8; 1 << 20];
    let mut after_ff = false;
    let mut ended = false;
    loop {
        let n = match source.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        let chunk = &buffer[..n];
        if !ended {
            for &byte in chunk {
                if after_ff && byte == EOI {
                    ended = true;
                    break;
                }
                after_ff = byte == 0xFF;
            }
        }
        out.write_all(chunk)?;
    }
    if ended {
        Ok(())
    } else {
        Err(Damaged::new(
            "it is truncated: its image data stops before the end of the image",
        ))
    }
}

fn read_exact(source: &mut impl Read, buffer: &mut [u8], what: &str) -> Result<(), Damaged> {
    source.read_exact(buffer).map_err(|e| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            Damaged::new(&format!("it is truncated: the file ends inside {what}"))
        } else {
            Damaged::Io(e)
        }
    })
}

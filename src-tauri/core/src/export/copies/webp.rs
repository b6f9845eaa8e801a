//! WebP copies: the RIFF chunks are streamed through, an `XMP ` chunk (merged with the
//! original's) is added at the end where the format puts it, and the extended header (`VP8X`)
//! says so — made from the image's own header when a simple WebP had none. WebP has no place for
//! IPTC IIM; its EXIF chunk is kept as it was.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

use super::fields::Embedded;
use super::{Carried, Damaged};

const XMP_FLAG: u8 = 0x04;
const ALPHA_FLAG: u8 = 0x10;
/// An XMP chunk larger than this in the original is replaced rather than merged.
const MAX_XMP: u32 = 16 << 20;

pub(super) fn write(
    source: &mut impl Read,
    out: &File,
    embedded: &Embedded,
) -> Result<Carried, Damaged> {
    let mut riff = [0u8; 12];
    read_exact(source, &mut riff)?;
    if &riff[..4] != b"RIFF" || &riff[8..] != b"WEBP" {
        return Err(Damaged::new("it does not start like a WebP"));
    }
    let declared = u64::from(u32::from_le_bytes([riff[4], riff[5], riff[6], riff[7]]));
    let mut remaining = declared
        .checked_sub(4)
        .ok_or_else(|| Damaged::new("its RIFF header declares an impossible size"))?;
    let mut writer = BufWriter::with_capacity(1 << 20, out);
    writer.write_all(b"RIFF\0\0\0\0WEBP")?;
    let mut written = 4u64;
    let mut old_xmp = None;
    let mut first = true;
    while remaining > 0 {
        let mut header = [0u8; 8];
        read_exact(source, &mut header)?;
        let kind: [u8; 4] = [header[0], header[1], header[2], header[3]];
        let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        let padded = u64::from(size) + u64::from(size % 2);
        remaining = remaining
            .checked_sub(8 + padded)
            .ok_or_else(|| Damaged::new("a chunk runs past the end the file declares"))?;
        if first {
            first = false;
            match &kind {
                b"VP8X" if size >= 10 => {
                    let mut data = vec![0u8; padded as usize];
                    read_exact(source, &mut data)?;
                    data[0] |= XMP_FLAG;
                    writer.write_all(&header)?;
                    writer.write_all(&data)?;
                    written += 8 + padded;
                    continue;
                }
                b"VP8 " | b"VP8L" if size >= 10 => {
                    let mut start = [0u8; 10];
                    read_exact(source, &mut start)?;
                    let (width, height, alpha) = canvas(&kind, &start)?;
                    let mut vp8x = [0u8; 18];
                    vp8x[..4].copy_from_slice(b"VP8X");
                    vp8x[4..8].copy_from_slice(&10u32.to_le_bytes());
                    vp8x[8] = XMP_FLAG | if alpha { ALPHA_FLAG } else { 0 };
                    vp8x[12..15].copy_from_slice(&(width - 1).to_le_bytes()[..3]);
                    vp8x[15..18].copy_from_slice(&(height - 1).to_le_bytes()[..3]);
                    writer.write_all(&vp8x)?;
                    writer.write_all(&header)?;
                    writer.write_all(&start)?;
                    copy_exact(source, &mut writer, padded - 10)?;
                    written += 18 + 8 + padded;
                    continue;
                }
                _ => return Err(Damaged::new("its first chunk is not an image header")),
            }
        }
        if kind == *b"XMP " {
            if size <= MAX_XMP && old_xmp.is_none() {
                let mut data = vec![0u8; padded as usize];
                read_exact(source, &mut data)?;
                data.truncate(size as usize);
                old_xmp = Some(data);
            } else {
                copy_exact(source, &mut std::io::sink(), padded)?;
            }
            continue;
        }
        writer.write_all(&header)?;
        copy_exact(source, &mut writer, padded)?;
        written += 8 + padded;
    }
    let xmp = embedded.xmp_packet(old_xmp.as_deref());
    let size = u32::try_from(xmp.len()).map_err(|_| Damaged::new("the XMP is too large"))?;
    writer.write_all(b"XMP ")?;
    writer.write_all(&size.to_le_bytes())?;
    writer.write_all(&xmp)?;
    if xmp.len() % 2 == 1 {
        writer.write_all(&[0])?;
    }
    written += 8 + u64::from(size) + u64::from(size % 2);
    let riff_size = u32::try_from(written)
        .map_err(|_| Damaged::new("the copy would be too large for a WebP file"))?;
    writer.flush()?;
    drop(writer);
    let mut patch = out;
    patch.seek(SeekFrom::Start(4))?;
    patch.write_all(&riff_size.to_le_bytes())?;
    patch.seek(SeekFrom::End(0))?;
    Ok(Carried {
        xmp: true,
        ..Carried::default()
    })
}

/// Width, height and whether there is alpha, from the first bytes of a `VP8 ` or `VP8L` chunk.
fn canvas(kind: &[u8; 4], start: &[u8; 10]) -> Result<(u32, u32, bool), Damaged> {
    if kind == b"VP8 " {
        if start[3..6] != [0x9D, 0x01, 0x2A] {
            return Err(Damaged::new("its VP8 image header is damaged"));
        }
        let width = u32::from(u16::from_le_bytes([start[6], start[7]]) & 0x3FFF);
        let height = u32::from(u16::from_le_bytes([start[8], start[9]]) & 0x3FFF);
        if width == 0 || height == 0 {
            return Err(Damaged::new("its VP8 image header is damaged"));
        }
        Ok((width, height, false))
    } else {
        if start[0] != 0x2F {
            return Err(Damaged::new("its lossless image header is damaged"));
        }
        let bits = u32::from_le_bytes([start[1], start[2], start[3], start[4]]);
        Ok((
            (bits & 0x3FFF) + 1,
            ((bits >> 14) & 0x3FFF) + 1,
            (bits >> 28) & 1 == 1,
        ))
    }
}

fn copy_exact(source: &mut impl Read, out: &mut impl Write, len: u64) -> Result<(), Damaged> {
    let copied = std::io::copy(&mut source.take(len), out)?;
    if copied == len {
        Ok(())
    } else {
        Err(Damaged::new(
            "it is truncated: the file ends inside a chunk",
        ))
    }
}

fn read_exact(source: &mut impl Read, buffer: &mut [u8]) -> Result<(), Damaged> {
    source.read_exact(buffer).map_err(|e| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            Damaged::new("it is truncated: the file ends inside a chunk")
        } else {
            Damaged::Io(e)
        }
    })
}

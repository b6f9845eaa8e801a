//! TIFF copies: the whole file is streamed through unchanged, then an edited first image
//! directory is appended — XMP (tag 700), IPTC IIM (tag 33723; and the Photoshop resources of
//! tag 34377 when the original has them) and the EXIF text tags — and the header is pointed at
//! it. Strips and tiles are never read into memory. BigTIFF files are copied as they are.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::fields::Embedded;
use super::ifd::{self, Edit, Value};
use super::{Carried, Damaged};

const XMP_TAG: u16 = 700;
const IPTC_TAG: u16 = 33723;
const PHOTOSHOP_TAG: u16 = 34377;
const TYPE_BYTE: u16 = 1;
const TYPE_UNDEFINED: u16 = 7;
/// Metadata blocks larger than this in the original are not merged but replaced.
const MAX_BLOCK: usize = 16 << 20;

pub(super) fn write(
    source: &mut File,
    out: &File,
    embedded: &Embedded,
) -> Result<Carried, Damaged> {
    let len = source.metadata()?.len();
    let mut header = [0u8; 4];
    source
        .read_exact(&mut header)
        .map_err(|_| Damaged::new("it is truncated: it has no TIFF header"))?;
    source.rewind()?;
    let big = matches!(&header, b"II+\0" | b"MM\0+");
    if big {
        stream(source, out, len)?;
        return Ok(Carried::default());
    }

    let mut read_at = |offset: u64, size: usize| -> std::io::Result<Vec<u8>> {
        let mut buffer = vec![0u8; size];
        source.seek(SeekFrom::Start(offset))?;
        source.read_exact(&mut buffer)?;
        Ok(buffer)
    };
    let old_xmp = ifd::tag_data(&mut read_at, len, XMP_TAG, MAX_BLOCK);
    let old_iim = ifd::tag_data(&mut read_at, len, IPTC_TAG, MAX_BLOCK);
    let old_resources = ifd::tag_data(&mut read_at, len, PHOTOSHOP_TAG, MAX_BLOCK);

    let mut edits: Vec<Edit> = embedded.exif_edits();
    edits.push(Edit {
        tag: XMP_TAG,
        value: Some(Value::Bytes {
            kind: TYPE_BYTE,
            data: embedded.xmp_packet(old_xmp.as_deref()),
        }),
    });
    let mut iim_in_longs = embedded.iim(old_iim.as_deref());
    iim_in_longs.resize(iim_in_longs.len().next_multiple_of(4), 0);
    edits.push(Edit {
        tag: IPTC_TAG,
        value: Some(Value::Bytes {
            kind: ifd::TYPE_LONG,
            data: iim_in_longs,
        }),
    });
    if let Some(resources) = old_resources {
        edits.push(Edit {
            tag: PHOTOSHOP_TAG,
            value: Some(Value::Bytes {
                kind: TYPE_UNDEFINED,
                data: embedded.image_resources(&resources),
            }),
        });
    }
    let appendix = ifd::append_edited_ifd0(&mut read_at, len, &edits)
        .map_err(|why| Damaged::Format(why.to_string()))?;

    source.rewind()?;
    stream(source, out, len)?;
    let mut writer = BufWriter::new(out);
    if appendix.at > len {
        writer.write_all(&[0])?;
    }
    writer.write_all(&appendix.bytes)?;
    writer.flush()?;
    drop(writer);
    let mut patch = out;
    patch.seek(SeekFrom::Start(4))?;
    patch.write_all(&appendix.header_offset)?;
    patch.seek(SeekFrom::End(0))?;
    Ok(Carried {
        xmp: true,
        iptc: true,
        exif: true,
    })
}

/// Copies the whole source, failing if it is not as long as it said it was.
fn stream(source: &mut File, out: &File, len: u64) -> Result<(), Damaged> {
    let mut reader = BufReader::with_capacity(1 << 20, source);
    let mut writer = BufWriter::with_capacity(1 << 20, out);
    let copied = std::io::copy(&mut reader, &mut writer)?;
    writer.flush()?;
    if copied != len {
        return Err(Damaged::new("the file changed while it was being copied"));
    }
    Ok(())
}

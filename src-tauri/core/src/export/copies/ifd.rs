//! Edits the first image directory (IFD0) of a TIFF structure — a TIFF file, or the EXIF block of
//! a JPEG or PNG — without moving anything: the edited directory and its new values are appended
//! after the existing bytes and the header is pointed at it. Every offset elsewhere (the EXIF
//! sub-directory, maker notes, strips, the thumbnail) stays valid, so the camera's EXIF,
//! orientation included, is kept as it was.

/// One tag of IFD0 to set (or, with `None`, to remove).
pub(super) struct Edit {
    pub tag: u16,
    pub value: Option<Value>,
}

pub(super) enum Value {
    /// Text, written as TIFF ASCII with its terminating NUL.
    Ascii(String),
    /// One 16-bit number, as TIFF SHORT in the structure's byte order.
    Short(u16),
    /// Bytes, as TIFF type BYTE (XMP), UNDEFINED (Photoshop resources) or LONG (IPTC; the
    /// data a multiple of four bytes long).
    Bytes { kind: u16, data: Vec<u8> },
}

/// What to append to the structure and where; the header's IFD0 offset (bytes 4..8) must then
/// be set to `header_offset`.
pub(super) struct Appendix {
    /// Where the appendix starts: the structure's length, rounded up to an even offset.
    pub at: u64,
    pub bytes: Vec<u8>,
    pub header_offset: [u8; 4],
}

const TYPE_ASCII: u16 = 2;
const TYPE_SHORT: u16 = 3;
pub(super) const TYPE_LONG: u16 = 4;
const ENTRY: usize = 12;

/// The appendix that gives IFD0 these edits. `read_at(offset, len)` reads the structure, which
/// is `len` bytes long. Errors say what is wrong with the structure.
pub(super) fn append_edited_ifd0(
    read_at: &mut dyn FnMut(u64, usize) -> std::io::Result<Vec<u8>>,
    len: u64,
    edits: &[Edit],
) -> Result<Appendix, String> {
    let header = read_at(0, 8).map_err(|_| "its TIFF header is cut short".to_string())?;
    let little = match &header[..4] {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return Err("it is not a classic TIFF structure".into()),
    };
    let u16_of = |b: &[u8]| {
        let pair = [b[0], b[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    };
    let u32_of = |b: &[u8]| {
        let quad = [b[0], b[1], b[2], b[3]];
        if little {
            u32::from_le_bytes(quad)
        } else {
            u32::from_be_bytes(quad)
        }
    };
    let put16 = |v: u16| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let put32 = |v: u32| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };

    let ifd0 = u64::from(u32_of(&header[4..8]));
    let damaged = || format!("its first image directory (at byte {ifd0}) is damaged");
    if ifd0 < 8 || ifd0 + 2 > len {
        return Err(damaged());
    }
    let count = usize::from(u16_of(&read_at(ifd0, 2).map_err(|_| damaged())?));
    let table_len = count * ENTRY + 4;
    if ifd0 + 2 + table_len as u64 > len {
        return Err(damaged());
    }
    let table = read_at(ifd0 + 2, table_len).map_err(|_| damaged())?;
    let next_ifd = &table[count * ENTRY..];

    let mut entries: Vec<[u8; ENTRY]> = table[..count * ENTRY]
        .chunks_exact(ENTRY)
        .filter_map(|e| <[u8; ENTRY]>::try_from(e).ok())
        .filter(|e| !edits.iter().any(|edit| edit.tag == u16_of(&e[..2])))
        .collect();

    let at = len.next_multiple_of(2);
    let mut values = Vec::new();
    // Values longer than four bytes go first in the appendix; the directory follows them.
    let mut new_entries = Vec::new();
    for edit in edits {
        let Some(value) = &edit.value else { continue };
        let (kind, data) = match value {
            Value::Ascii(text) => {
                let mut data = text.as_bytes().to_vec();
                data.push(0);
                (TYPE_ASCII, data)
            }
            Value::Short(number) => (TYPE_SHORT, put16(*number).to_vec()),
            Value::Bytes { kind, data } => (*kind, data.clone()),
        };
        // LONG values (IPTC, as Photoshop and exiftool store it) are counted in 4-byte units,
        // SHORT values in 2-byte units.
        let unit = match kind {
            TYPE_LONG => 4,
            TYPE_SHORT => 2,
            _ => 1,
        };
        let count =
            u32::try_from(data.len() / unit).map_err(|_| "a value is too large".to_string())?;
        let mut entry = [0u8; ENTRY];
        entry[..2].copy_from_slice(&put16(edit.tag));
        entry[2..4].copy_from_slice(&put16(kind));
        entry[4..8].copy_from_slice(&put32(count));
        if data.len() <= 4 {
            entry[8..8 + data.len()].copy_from_slice(&data);
        } else {
            let offset = u32::try_from(at + values.len() as u64)
                .map_err(|_| "the file is too large for TIFF offsets".to_string())?;
            entry[8..12].copy_from_slice(&put32(offset));
            values.extend_from_slice(&data);
            if values.len() % 2 == 1 {
                values.push(0);
            }
        }
        new_entries.push(entry);
    }
    entries.extend(new_entries);
    entries.sort_by_key(|e| u16_of(&e[..2]));

    let directory_at = u32::try_from(at + values.len() as u64)
        .map_err(|_| "the file is too large for TIFF offsets".to_string())?;
    let count = u16::try_from(entries.len()).map_err(|_| damaged())?;
    let mut bytes = values;
    bytes.extend_from_slice(&put16(count));
    for entry in &entries {
        bytes.extend_from_slice(entry);
    }
    bytes.extend_from_slice(next_ifd);
    // The whole structure must stay addressable with 32-bit offsets.
    u32::try_from(at + bytes.len() as u64)
        .map_err(|_| "the file is too large for TIFF offsets".to_string())?;
    Ok(Appendix {
        at,
        bytes,
        header_offset: put32(directory_at),
    })
}

/// The bytes of one IFD0 tag whose value is stored away from its entry (XMP, IPTC, Photoshop
/// resources); `None` when absent, inline, damaged or larger than `limit`.
pub(super) fn tag_data(
    read_at: &mut dyn FnMut(u64, usize) -> std::io::Result<Vec<u8>>,
    len: u64,
    tag: u16,
    limit: usize,
) -> Option<Vec<u8>> {
    let header = read_at(0, 8).ok()?;
    let little = header.starts_with(b"II");
    let u16_of = |b: &[u8]| {
        if little {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        }
    };
    let u32_of = |b: &[u8]| {
        let quad = [b[0], b[1], b[2], b[3]];
        if little {
            u32::from_le_bytes(quad)
        } else {
            u32::from_be_bytes(quad)
        }
    };
    let ifd0 = u64::from(u32_of(&header[4..8]));
    if ifd0 + 2 > len {
        return None;
    }
    let count = usize::from(u16_of(&read_at(ifd0, 2).ok()?));
    let table = read_at(ifd0 + 2, count * ENTRY).ok()?;
    let entry = table.chunks_exact(ENTRY).find(|e| u16_of(&e[..2]) == tag)?;
    let unit = match u16_of(&entry[2..4]) {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 => 4,
        _ => return None,
    };
    let size = usize::try_from(u32_of(&entry[4..8]))
        .ok()?
        .checked_mul(unit)?;
    if size <= 4 || size > limit {
        return None;
    }
    let offset = u64::from(u32_of(&entry[8..12]));
    if offset + size as u64 > len {
        return None;
    }
    read_at(offset, size).ok()
}

/// An in-memory TIFF structure (an EXIF block) with IFD0 edited.
pub(super) fn edit_in_memory(tiff: &[u8], edits: &[Edit]) -> Result<Vec<u8>, String> {
    let mut read_at = |offset: u64, len: usize| {
        usize::try_from(offset)
            .ok()
            .and_then(|start| tiff.get(start..start.checked_add(len)?))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))
    };
    let appendix = append_edited_ifd0(&mut read_at, tiff.len() as u64, edits)?;
    let mut out = tiff.to_vec();
    out.resize(usize::try_from(appendix.at).map_err(|e| e.to_string())?, 0);
    out.extend_from_slice(&appendix.bytes);
    out[4..8].copy_from_slice(&appendix.header_offset);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF header and an IFD0 with Orientation (inline) and ImageDescription.
    fn exif() -> Vec<u8> {
        let mut t = b"II*\0".to_vec();
        t.extend_from_slice(&8u32.to_le_bytes());
        t.extend_from_slice(&2u16.to_le_bytes());
        // 0x010E ImageDescription, ASCII, 9 bytes at offset 38
        t.extend_from_slice(&270u16.to_le_bytes());
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&9u32.to_le_bytes());
        t.extend_from_slice(&38u32.to_le_bytes());
        // 0x0112 Orientation, SHORT, 6
        t.extend_from_slice(&274u16.to_le_bytes());
        t.extend_from_slice(&3u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&6u32.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(t.len(), 38);
        t.extend_from_slice(b"Old text\0");
        t
    }

    #[test]
    fn an_edited_directory_keeps_other_tags_and_replaces_or_removes_the_edited_ones() {
        let edits = [
            Edit {
                tag: 270,
                value: None,
            },
            Edit {
                tag: 315,
                value: Some(Value::Ascii("Anna Smirnova".into())),
            },
        ];
        let edited = edit_in_memory(&exif(), &edits).unwrap();
        let fields = exif::Reader::new()
            .read_raw(edited.clone())
            .expect("readable EXIF");
        let tags: Vec<u16> = fields.fields().map(|f| f.tag.number()).collect();
        assert!(tags.contains(&274), "orientation kept: {tags:?}");
        assert!(tags.contains(&315));
        assert!(!tags.contains(&270), "the stale description is gone");
        let artist = fields
            .get_field(exif::Tag::Artist, exif::In::PRIMARY)
            .unwrap();
        assert_eq!(artist.display_value().to_string(), "\"Anna Smirnova\"");
    }

    #[test]
    fn a_directory_pointing_past_the_end_is_an_error() {
        let mut t = exif();
        t[4..8].copy_from_slice(&4000u32.to_le_bytes());
        assert!(edit_in_memory(&t, &[]).is_err());
        t.truncate(20);
        assert!(edit_in_memory(&exif()[..20], &[]).is_err());
    }
}

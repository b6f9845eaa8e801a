//! HEIC photos as phones take them, made from the sample JPEGs by libheif's own `heif-enc`
//! (which carries the JPEG's EXIF and XMP over); for a photo turned by its container, as a phone
//! held upright stores it, an `irot` rotation is then written into the file, since `heif-enc`
//! 1.15 cannot.

// Test fixtures: a failure to build one is a failed test, so unwrap is the right response.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::photos;

/// Encodes a JPEG as HEIC with `heif-enc`; its EXIF and XMP go along. Panics, saying what to
/// install, when `heif-enc` is missing: a test that needs HEIC must not pass without one.
pub fn heic_from_jpeg(jpeg: &[u8]) -> Vec<u8> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "folio-heic-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output): (PathBuf, PathBuf) = (dir.join("in.jpg"), dir.join("out.heic"));
    std::fs::write(&input, jpeg).unwrap();
    let ran = Command::new("heif-enc")
        .arg("-q")
        .arg("85")
        .arg("-o")
        .arg(&output)
        .arg(&input)
        .output();
    let ran = match ran {
        Ok(ran) => ran,
        Err(e) => panic!(
            "heif-enc (libheif's encoder) is needed to make HEIC test photos but could not be \
             run ({e}): run scripts/setup.sh --test"
        ),
    };
    assert!(
        ran.status.success(),
        "heif-enc failed: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let heic = std::fs::read(&output).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    heic
}

/// A phone photo's EXIF and XMP on a `width`×`height` sample JPEG: caption, byline, date and
/// GPS in EXIF, caption and credit in XMP.
pub fn phone_jpeg(width: u32, height: u32, caption: &str, credit: &str) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let dms = |d, m, s| {
        Value::Rational(vec![
            Rational { num: d, denom: 1 },
            Rational { num: m, denom: 1 },
            Rational { num: s, denom: 1 },
        ])
    };
    let fields = [
        photos::ascii(Tag::ImageDescription, caption),
        photos::ascii(Tag::Artist, "Li Wei"),
        photos::ascii(Tag::Make, "Apple"),
        photos::ascii(Tag::Model, "iPhone 15"),
        photos::ascii(Tag::DateTimeOriginal, "2024:05:06 07:08:09"),
        photos::ascii(Tag::OffsetTimeOriginal, "+08:00"),
        photos::ascii(Tag::GPSLatitudeRef, "N"),
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: dms(39, 54, 0),
        },
        photos::ascii(Tag::GPSLongitudeRef, "E"),
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: dms(116, 24, 0),
        },
    ];
    let xmp = photos::xmp_packet(&format!(
        r#"<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
        <photoshop:Credit>{credit}</photoshop:Credit>"#
    ));
    photos::with_segments(
        &photos::jpeg(width, height),
        &[
            photos::app1_exif(&photos::exif_tiff(&fields)),
            photos::app1_xmp(&xmp),
        ],
    )
}

/// A HEIC as a phone held upright stores it: the sample's `width`×`height` pixels (red left,
/// blue right) kept as they are, turned a quarter clockwise by the container (an `irot`
/// property, written here because `heif-enc` 1.15 cannot), and an EXIF orientation 6 that says
/// the same (which a reader must not apply a second time). Seen upright it is
/// `height`×`width`, red on top.
pub fn heic_turned_by_container(width: u32, height: u32) -> Vec<u8> {
    use exif::Tag;
    let exif = photos::exif_tiff(&[
        photos::short(Tag::Orientation, 6),
        photos::ascii(Tag::ImageDescription, "Turned by its container"),
    ]);
    let jpeg = photos::with_segments(&photos::jpeg(width, height), &[photos::app1_exif(&exif)]);
    // irot turns anti-clockwise in quarters: three of them are a quarter clockwise.
    with_irot(&heic_from_jpeg(&jpeg), 3)
}

/// A box: where it starts, where its children or payload start, and where it ends.
#[derive(Debug, Clone, Copy)]
struct BoxAt {
    kind: [u8; 4],
    start: usize,
    body: usize,
    end: usize,
}

fn be(bytes: &[u8], at: usize, size: usize) -> u64 {
    bytes[at..at + size]
        .iter()
        .fold(0, |value, &b| (value << 8) | u64::from(b))
}

fn put_be(bytes: &mut [u8], at: usize, size: usize, value: u64) {
    for i in 0..size {
        bytes[at + i] = (value >> (8 * (size - 1 - i))) as u8;
    }
}

/// The boxes directly inside `bytes[from..to]` (32-bit sizes, as libheif writes them).
fn boxes(bytes: &[u8], from: usize, to: usize) -> Vec<BoxAt> {
    let mut found = Vec::new();
    let mut at = from;
    while at + 8 <= to {
        let size = be(bytes, at, 4) as usize;
        let kind: [u8; 4] = bytes[at + 4..at + 8].try_into().unwrap();
        let full = matches!(&kind, b"meta" | b"iloc" | b"ipma");
        found.push(BoxAt {
            kind,
            start: at,
            body: at + 8 + if full { 4 } else { 0 },
            end: at + size,
        });
        at += size;
    }
    found
}

fn child(bytes: &[u8], parent: BoxAt, kind: &[u8; 4]) -> BoxAt {
    *boxes(bytes, parent.body, parent.end)
        .iter()
        .find(|b| &b.kind == kind)
        .unwrap_or_else(|| panic!("no {} box", String::from_utf8_lossy(kind)))
}

/// The HEIF with an `irot` property of `quarters` anti-clockwise quarter turns given to its
/// primary image: the property appended to `ipco`, associated in `ipma`, the enclosing boxes
/// grown and the item locations (`iloc`, offsets into `mdat` after `meta`) moved along.
fn with_irot(heif: &[u8], quarters: u8) -> Vec<u8> {
    let top = boxes(heif, 0, heif.len());
    let meta = *top.iter().find(|b| &b.kind == b"meta").unwrap();
    let iprp = child(heif, meta, b"iprp");
    let ipco = child(heif, iprp, b"ipco");
    let ipma = child(heif, iprp, b"ipma");
    let iloc = child(heif, meta, b"iloc");
    let primary = be(heif, child(heif, meta, b"pitm").body + 4, 2);
    let property_index = boxes(heif, ipco.body, ipco.end).len() as u64 + 1;

    // ipma: find the primary item's entry and the end of its associations.
    let (version, flags) = (heif[ipma.start + 8], heif[ipma.start + 11]);
    let id_size = if version < 1 { 2 } else { 4 };
    let association_size = if flags & 1 == 1 { 2 } else { 1 };
    let mut at = ipma.body + 4;
    let (count_at, insert_at) = loop {
        let item = be(heif, at, id_size);
        let count = heif[at + id_size] as usize;
        let next = at + id_size + 1 + count * association_size;
        if item == primary {
            break (at + id_size, next);
        }
        at = next;
    };
    let essential = 0x80u64 << (8 * (association_size - 1));
    let mut association = vec![0; association_size];
    put_be(
        &mut association,
        0,
        association_size,
        essential | property_index,
    );
    let irot = [&9u32.to_be_bytes()[..], b"irot", &[quarters & 3]].concat();

    let mut out = Vec::with_capacity(heif.len() + 16);
    out.extend_from_slice(&heif[..ipco.end]);
    out.extend_from_slice(&irot);
    out.extend_from_slice(&heif[ipco.end..insert_at]);
    out.extend_from_slice(&association);
    out.extend_from_slice(&heif[insert_at..]);
    out[count_at + irot.len()] += 1;
    let grown = (irot.len() + association.len()) as u64;
    for (b, by) in [(meta, grown), (iprp, grown), (ipco, irot.len() as u64)] {
        let size = be(&out, b.start, 4);
        put_be(&mut out, b.start, 4, size + by);
    }
    let ipma_start = ipma.start + irot.len();
    let size = be(&out, ipma_start, 4);
    put_be(&mut out, ipma_start, 4, size + association.len() as u64);
    shift_iloc(&mut out, iloc, grown);
    out
}

/// Moves every item location in `iloc` (which precedes the insertions, so it has not moved)
/// by `by` bytes.
fn shift_iloc(bytes: &mut [u8], iloc: BoxAt, by: u64) {
    let version = bytes[iloc.start + 8];
    let mut at = iloc.body;
    let (offset_size, length_size) = ((bytes[at] >> 4) as usize, (bytes[at] & 15) as usize);
    let (base_size, index_size) = ((bytes[at + 1] >> 4) as usize, (bytes[at + 1] & 15) as usize);
    at += 2;
    let count_size = if version < 2 { 2 } else { 4 };
    let items = be(bytes, at, count_size);
    at += count_size;
    for _ in 0..items {
        at += count_size; // item id
        let mut method = 0;
        if version == 1 || version == 2 {
            method = be(bytes, at, 2) & 15;
            at += 2;
        }
        at += 2; // data reference index
        let in_file = method == 0;
        if base_size > 0 && in_file {
            let base = be(bytes, at, base_size);
            if base > 0 {
                put_be(bytes, at, base_size, base + by);
            }
        }
        let base = if base_size > 0 {
            be(bytes, at, base_size)
        } else {
            0
        };
        at += base_size;
        let extents = be(bytes, at, 2);
        at += 2;
        for _ in 0..extents {
            if (version == 1 || version == 2) && index_size > 0 {
                at += index_size;
            }
            if offset_size > 0 && in_file && base == 0 {
                let offset = be(bytes, at, offset_size);
                put_be(bytes, at, offset_size, offset + by);
            }
            at += offset_size + length_size;
        }
    }
}

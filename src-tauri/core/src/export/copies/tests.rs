//! Copies of real sample files read back with Folio's own photo reader: the edited fields come
//! back in three scripts, pixels and the camera's EXIF are untouched, damaged files are refused.

use std::io::{Seek, Write};

use exif::{Field, In, Tag, Value};
use folio_samples::photos;

use super::*;

fn embedded() -> Embedded {
    Embedded {
        title: "Диалог".into(),
        caption: "中俄创新对话在斯科尔科沃举行 — Диалог в Сколково".into(),
        credit: "ТАСС".into(),
        byline: "Анна Смирнова".into(),
        copyright: "(c) SAFEA".into(),
        keywords: vec!["Moscow".into(), "创新".into(), "Сколково".into()],
        date: Some("2018-10-16".into()),
        rating: 5,
        label: Some(crate::library::ratings::Label::Purple),
    }
}

/// The copy of `original` as `copy_one` writes it, through a real file.
fn copy_of(original: &[u8], format: PhotoFormat) -> std::result::Result<Vec<u8>, Damaged> {
    let dir = tempfile::tempdir().unwrap();
    let source_path = dir.path().join("original");
    std::fs::write(&source_path, original).unwrap();
    let mut source = File::open(&source_path).unwrap();
    let mut out = tempfile::tempfile_in(dir.path()).unwrap();
    write_photo(&mut source, &out, format, &embedded())?;
    out.flush().unwrap();
    out.rewind().unwrap();
    let mut bytes = Vec::new();
    out.read_to_end(&mut bytes).unwrap();
    Ok(bytes)
}

fn assert_carries_the_edited_fields(copy: &[u8]) {
    let draft = crate::photo::read_metadata(copy).unwrap();
    let expected = embedded();
    assert_eq!(draft.caption, expected.caption);
    assert_eq!(draft.credit, expected.credit);
    assert_eq!(draft.byline, expected.byline);
    assert_eq!(draft.copyright, expected.copyright);
    assert_eq!(draft.keywords, expected.keywords);
    assert_eq!(draft.title, expected.title);
    assert_eq!(draft.taken.as_deref(), Some("2018-10-16"));
    assert_eq!(
        (draft.rating, draft.label),
        (expected.rating, expected.label)
    );
}

/// The bytes from the first scan header to the end: the compressed pixels.
fn scans(jpeg: &[u8]) -> &[u8] {
    let at = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    &jpeg[at..]
}

fn camera_exif() -> Vec<u8> {
    photos::exif_tiff(&[
        photos::ascii(Tag::Make, "Canon"),
        photos::ascii(Tag::ImageDescription, "the camera's first words"),
        photos::short(Tag::Orientation, 6),
    ])
}

#[test]
fn a_jpeg_copy_carries_the_edited_fields_and_the_same_compressed_pixels() {
    let original = photos::with_segments(
        &photos::jpeg(64, 48),
        &[
            photos::app1_exif(&camera_exif()),
            photos::app1_xmp(&photos::xmp_description("old caption")),
            photos::app13_iptc(&photos::iim_utf8(
                "old caption",
                "old",
                "old credit",
                &["old"],
            )),
        ],
    );
    let copy = copy_of(&original, PhotoFormat::Jpeg).unwrap();
    assert_carries_the_edited_fields(&copy);
    assert_eq!(
        scans(&copy),
        scans(&original),
        "pixels copied byte for byte"
    );

    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&copy))
        .unwrap();
    let orientation = exif.get_field(Tag::Orientation, In::PRIMARY).unwrap();
    assert_eq!(orientation.value.get_uint(0), Some(6), "orientation kept");
    assert!(
        exif.get_field(Tag::Make, In::PRIMARY).is_some(),
        "camera kept"
    );
    assert!(
        exif.get_field(Tag::ImageDescription, In::PRIMARY).is_none(),
        "a caption that is not ASCII is not left stale in EXIF"
    );
    let copyright = exif.get_field(Tag::Copyright, In::PRIMARY).unwrap();
    assert_eq!(copyright.display_value().to_string(), "\"(c) SAFEA\"");
    let rating = exif
        .get_field(Tag(exif::Context::Tiff, 0x4746), In::PRIMARY)
        .expect("the EXIF rating");
    assert_eq!(rating.value.get_uint(0), Some(5), "the EXIF rating");
    let text = String::from_utf8_lossy(&copy);
    assert!(
        !text.contains("old caption"),
        "no stale caption in XMP or IPTC"
    );
}

#[test]
fn a_png_copy_carries_the_edited_fields_and_the_same_image_data() {
    let original = photos::png_with(
        &photos::png(32, 24),
        &[photos::png_itxt_xmp(&photos::xmp_description(
            "old caption",
        ))],
        None,
    );
    let copy = copy_of(&original, PhotoFormat::Png).unwrap();
    assert_carries_the_edited_fields(&copy);
    let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgb8().into_raw();
    assert_eq!(decode(&copy), decode(&original));
    assert!(!String::from_utf8_lossy(&copy).contains("old caption"));
}

#[test]
fn a_webp_copy_carries_the_xmp_and_decodes_to_the_same_pixels() {
    let original = photos::webp(32, 24);
    let copy = copy_of(&original, PhotoFormat::Webp).unwrap();
    let draft = crate::photo::read_metadata(&copy).unwrap();
    assert_eq!(draft.caption, embedded().caption);
    assert_eq!(draft.keywords, embedded().keywords);
    let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgb8().into_raw();
    assert_eq!(decode(&copy), decode(&original));
}

#[test]
fn a_tiff_copy_carries_the_edited_fields_and_the_same_strips() {
    let xmp = photos::xmp_description("old caption");
    let original = photos::tiff(
        16,
        8,
        &[
            Field {
                tag: Tag(exif::Context::Tiff, 700),
                ifd_num: In::PRIMARY,
                value: Value::Byte(xmp.into_bytes()),
            },
            photos::short(Tag::Orientation, 8),
        ],
    );
    let copy = copy_of(&original, PhotoFormat::Tiff).unwrap();
    assert_carries_the_edited_fields(&copy);
    assert_eq!(&copy[8..original.len()], &original[8..], "nothing moved");
    let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgb8().into_raw();
    assert_eq!(decode(&copy), decode(&original));
}

#[test]
fn damaged_jpegs_are_refused_with_a_reason() {
    let original = photos::jpeg(64, 48);
    let truncated = &original[..original.len() - 200];
    let Err(Damaged::Format(why)) = copy_of(truncated, PhotoFormat::Jpeg) else {
        panic!("a truncated JPEG is refused");
    };
    assert!(why.contains("truncated"), "{why}");

    let mut bogus = photos::with_segments(&original, &[(0xE2, vec![0; 10])]);
    bogus[4..6].copy_from_slice(&1u16.to_be_bytes());
    let Err(Damaged::Format(why)) = copy_of(&bogus, PhotoFormat::Jpeg) else {
        panic!("a bogus segment length is refused");
    };
    assert!(why.contains("impossible length"), "{why}");

    let mut runs_past = photos::with_segments(&original[..600], &[(0xE2, vec![0; 10])]);
    runs_past[4..6].copy_from_slice(&60_000u16.to_be_bytes());
    assert!(matches!(
        copy_of(&runs_past, PhotoFormat::Jpeg),
        Err(Damaged::Format(_))
    ));
}

#[test]
fn clashing_names_get_a_number_and_nothing_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"someone's").unwrap();
    let mut paths = Vec::new();
    for _ in 0..2 {
        let temp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
        paths.push(persist_free_name(temp, dir.path(), "photo.jpg").unwrap());
    }
    assert_eq!(paths[0], dir.path().join("photo (2).jpg"));
    assert_eq!(paths[1], dir.path().join("photo (3).jpg"));
    assert_eq!(
        std::fs::read(dir.path().join("photo.jpg")).unwrap(),
        b"someone's"
    );
}

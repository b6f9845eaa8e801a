//! `photo::extract` on damaged and hostile input: every file gets an outcome a person
//! understands, fast, without panics or huge allocations; damaged metadata never costs the photo.

use crate::photo_support;

use std::time::{Duration, Instant};

use crate::photo_support::*;
use folio_core::photo::{self, PhotoError};
use img_parts::Bytes;
use img_parts::png::{Png, PngChunk};

#[test]
fn a_truncated_jpeg_fails_as_truncated() {
    let whole = jpeg(640, 480);
    let cut = &whole[..whole.len() / 2];
    assert_eq!(
        photo::extract(cut).unwrap_err(),
        PhotoError::Corrupt("the JPEG is truncated".into())
    );
}

#[test]
fn a_jpeg_cut_inside_its_headers_fails_without_panicking() {
    let whole = with_segments(&jpeg(64, 64), &[app1_xmp(&xmp_description("x"))]);
    for len in [3, 4, 10, 30, 200] {
        assert!(
            matches!(photo::extract(&whole[..len]), Err(PhotoError::Corrupt(_))),
            "{len}"
        );
    }
}

#[test]
fn an_empty_file_fails_as_empty() {
    assert_eq!(
        photo::extract(b"").unwrap_err(),
        PhotoError::Corrupt("the file is empty".into())
    );
}

#[test]
fn a_text_file_named_jpg_is_not_an_image() {
    let text = "Press release / 新闻稿 / Пресс-релиз\nUpdated: 2018-11-02\n";
    let err = photo::extract(text.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        PhotoError::Corrupt("not an image: the file is text".into())
    );
}

#[test]
fn a_png_declaring_60000_by_60000_pixels_fails_fast_as_too_large() {
    let mut png = Png::from_bytes(Bytes::from(png(4, 4))).unwrap();
    let ihdr = png
        .chunks_mut()
        .iter_mut()
        .find(|c| c.kind() == *b"IHDR")
        .unwrap();
    let mut header = ihdr.contents().to_vec();
    header[..8].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
    *ihdr = PngChunk::new(*b"IHDR", Bytes::from(header));
    let bytes = png.encoder().bytes();

    let start = Instant::now();
    let err = photo::extract(&bytes).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(
        err,
        PhotoError::TooLarge {
            width: 60_000,
            height: 60_000
        }
    );
    assert!(err.to_string().contains("60000×60000"), "{err}");
}

#[test]
fn a_jpeg_declaring_65000_by_65000_pixels_fails_fast_as_too_large() {
    let mut bytes = jpeg(8, 8);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xFD, 0xE8, 0xFD, 0xE8]);
    let start = Instant::now();
    assert_eq!(
        photo::extract(&bytes).unwrap_err(),
        PhotoError::TooLarge {
            width: 65_000,
            height: 65_000
        }
    );
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn a_corrupt_exif_block_still_imports_the_image() {
    let mut tiff = exif_tiff(&[photo_support::ascii(exif::Tag::Artist, "Li Wei")]);
    // Point the first IFD past the end and break the entry count.
    tiff[4..8].copy_from_slice(&[0x7F, 0xFF, 0xFF, 0xFF]);
    for exif in [tiff, b"MM\0*garbage".to_vec(), vec![0xFF; 40], Vec::new()] {
        let bytes = with_segments(
            &jpeg(50, 40),
            &[app1_exif(&exif), app1_xmp(&xmp_description(CAPTION_ZH))],
        );
        let draft = photo::extract(&bytes).unwrap();
        assert_eq!((draft.width, draft.height), (50, 40));
        assert_eq!(draft.caption, CAPTION_ZH, "other metadata is still read");
    }
}

#[test]
fn garbage_iptc_lengths_still_import_the_image() {
    let mut iim = dataset(2, 5, "Заголовок".as_bytes());
    iim.extend_from_slice(&[0x1C, 2, 120, 0xFF, 0xFF, 1, 2, 3]); // extended length of 32767 bytes
    let mut lying_irb = b"8BIM\x04\x04\0\0\xff\xff\xff\xf0".to_vec();
    lying_irb.extend_from_slice(&iim);
    for segment in [
        app13_iptc(&iim),
        (0xED, [b"Photoshop 3.0\0".as_slice(), &lying_irb].concat()),
    ] {
        let bytes = with_segments(&jpeg(20, 20), &[segment]);
        let draft = photo::extract(&bytes).unwrap();
        assert_eq!((draft.width, draft.height), (20, 20));
        assert!(draft.caption.is_empty());
    }
}

#[test]
fn xmp_entity_tricks_are_not_expanded() {
    let lol = (2..=9)
        .map(|n| {
            format!(
                "<!ENTITY lol{n} \"{}\">",
                format!("&lol{};", n - 1).repeat(10)
            )
        })
        .collect::<String>();
    let packet = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\
         <!ENTITY lol1 \"lol\">{lol}]>{}",
        xmp_description("Safe&xxe;&lol9; caption")
    );
    let start = Instant::now();
    let draft = photo::extract(&with_segments(&jpeg(16, 16), &[app1_xmp(&packet)])).unwrap();
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(draft.caption, "Safe caption");
}

#[test]
fn a_heic_with_no_image_fails_with_a_reason_and_is_not_skipped() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x08free";
    let err = photo::extract(heic).unwrap_err();
    assert!(
        matches!(&err, PhotoError::Corrupt(reason) if reason.contains("HEIC")),
        "{err}"
    );
    assert!(!err.is_skip());
}

#[test]
fn truncated_png_webp_gif_and_tiff_fail_with_a_reason() {
    for (name, whole) in [
        ("PNG", png(64, 64)),
        ("WebP", webp(64, 64)),
        ("GIF", gif(64, 64)),
        ("TIFF", tiff(64, 64, &[])),
    ] {
        let cut = &whole[..whole.len() * 2 / 3];
        match photo::extract(cut) {
            Err(PhotoError::Corrupt(reason)) => assert!(reason.contains(name), "{name}: {reason}"),
            other => panic!("{name}: expected a Corrupt error, got {other:?}"),
        }
    }
}

#[test]
fn random_bytes_after_a_jpeg_signature_never_panic() {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = with_segments(
        &jpeg(48, 32),
        &[app13_iptc(&iim_utf8("c", "b", "cr", &["k"]))],
    );
    for _ in 0..200 {
        let mut bytes = base.clone();
        for _ in 0..8 {
            let at = usize::try_from(next()).unwrap() % bytes.len();
            bytes[at] = u8::try_from(next() & 0xFF).unwrap();
        }
        let _ = photo::extract(&bytes);
    }
}

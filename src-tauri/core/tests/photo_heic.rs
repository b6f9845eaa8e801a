//! HEIC photos (made by libheif's `heif-enc` from sample JPEGs, and one turned by its container)
//! through `photo::extract` and `photo::jpeg_rendition`: metadata, upright size, thumbnails,
//! fingerprint, a truncated file, and the JPEG rendition a receiver can open.

use folio_core::photo::{self, PhotoError, PhotoFormat};
use folio_samples::heic::{heic_from_jpeg, heic_turned_by_container, phone_jpeg};

use crate::photo_support::{CAPTION_ZH, decode_rgb, red_left_blue_right};

/// Whether a picture's top half is red and bottom half blue (the sample turned a quarter
/// clockwise).
fn red_top_blue_bottom(jpeg: &[u8]) -> bool {
    let image = decode_rgb(jpeg);
    let (w, h) = image.dimensions();
    let top = image.get_pixel(w / 2, h / 8);
    let bottom = image.get_pixel(w / 2, h - 1 - h / 8);
    top[0] > 150 && top[2] < 100 && bottom[2] > 150 && bottom[0] < 100
}

#[test]
fn a_phone_heic_gives_caption_credit_date_gps_size_and_thumbnails() {
    let heic = heic_from_jpeg(&phone_jpeg(640, 480, CAPTION_ZH, "新华社"));
    assert_eq!(photo::sniff(&heic), Some(PhotoFormat::Heic));
    let draft = photo::extract(&heic).unwrap();
    assert_eq!(
        (draft.format, draft.media_type),
        (PhotoFormat::Heic, "image/heic")
    );
    assert_eq!((draft.width, draft.height), (640, 480));
    assert_eq!(draft.caption, CAPTION_ZH);
    assert_eq!(draft.credit, "新华社");
    assert_eq!(draft.byline, "Li Wei");
    assert_eq!(draft.camera, "Apple iPhone 15");
    assert_eq!(draft.taken.as_deref(), Some("2024-05-06T07:08:09+08:00"));
    let (lat, lon) = draft.gps.unwrap();
    assert!(
        (lat - 39.9).abs() < 1e-6 && (lon - 116.4).abs() < 1e-6,
        "{lat},{lon}"
    );
    let sizes: Vec<_> = draft
        .thumbnails
        .iter()
        .map(|t| (t.max_side, t.width, t.height))
        .collect();
    assert_eq!(sizes, [(256, 256, 192), (1024, 640, 480)]);
    assert!(red_left_blue_right(&draft.thumbnails[0].jpeg));
    assert!(draft.fingerprint.is_some());
}

#[test]
fn a_heic_turned_by_its_container_is_upright_once_not_twice() {
    // 400×200 pixels, a quarter turn clockwise in `irot`, and EXIF orientation 6 saying the
    // same: upright it is 200×400 with red on top; applying the EXIF tag as well would lay it
    // on its side again.
    let heic = heic_turned_by_container(400, 200);
    let draft = photo::extract(&heic).unwrap();
    assert_eq!((draft.width, draft.height), (200, 400));
    assert_eq!(draft.caption, "Turned by its container");
    let large = &draft.thumbnails[1];
    assert_eq!((large.width, large.height), (200, 400));
    assert!(
        red_top_blue_bottom(&large.jpeg),
        "the thumbnail is not upright"
    );
}

#[test]
fn the_same_picture_as_heic_and_as_jpeg_has_a_close_fingerprint() {
    let jpeg = phone_jpeg(640, 480, "x", "y");
    let from_jpeg = photo::extract(&jpeg).unwrap().fingerprint.unwrap();
    let from_heic = photo::extract(&heic_from_jpeg(&jpeg))
        .unwrap()
        .fingerprint
        .unwrap();
    assert!((from_jpeg ^ from_heic).count_ones() <= 4);
}

#[test]
fn a_truncated_heic_is_refused_with_a_reason() {
    let heic = heic_from_jpeg(&phone_jpeg(640, 480, "x", "y"));
    for cut in [heic.len() / 2, heic.len() - 200, 40] {
        match photo::extract(&heic[..cut]) {
            Err(PhotoError::Corrupt(reason)) => {
                assert!(reason.contains("HEIC"), "{reason}");
            }
            other => panic!("a HEIC cut at {cut} bytes gave {other:?}"),
        }
    }
}

#[test]
fn the_jpeg_rendition_of_a_heic_is_upright_and_carries_its_metadata() {
    let heic = heic_from_jpeg(&phone_jpeg(640, 480, CAPTION_ZH, "新华社"));
    let rendition = photo::jpeg_rendition(&heic).unwrap();
    let draft = photo::extract(&rendition).unwrap();
    assert_eq!(draft.format, PhotoFormat::Jpeg);
    assert_eq!((draft.width, draft.height), (640, 480));
    assert_eq!(
        (draft.caption.as_str(), draft.credit.as_str()),
        (CAPTION_ZH, "新华社")
    );
    assert_eq!(draft.taken.as_deref(), Some("2024-05-06T07:08:09+08:00"));
    assert!(draft.gps.is_some());

    // Made again and again in one process: each decode must apply the container's turn (a
    // decode once read freed options, and whether it turned the picture depended on the heap).
    let heic = heic_turned_by_container(400, 200);
    for _ in 0..4 {
        assert_eq!(photo::extract(&heic).unwrap().thumbnails[1].height, 400);
        let turned = photo::jpeg_rendition(&heic).unwrap();
        assert_eq!(
            decode_rgb(&turned).dimensions(),
            (200, 400),
            "upright pixels"
        );
        assert!(red_top_blue_bottom(&turned));
        let draft = photo::extract(&turned).unwrap();
        assert_eq!(
            (draft.width, draft.height),
            (200, 400),
            "the copied EXIF must say upright, or viewers turn the picture again"
        );
    }
}

#[test]
fn a_jpeg_is_its_own_rendition() {
    let jpeg = phone_jpeg(64, 48, "x", "y");
    assert_eq!(photo::jpeg_rendition(&jpeg).unwrap(), jpeg);
    assert!(photo::needs_jpeg_rendition(PhotoFormat::Heic));
    assert!(!photo::needs_jpeg_rendition(PhotoFormat::Jpeg));
}

//! `photo::extract` on photos built in the test: metadata in English, Chinese and Russian from
//! IPTC, XMP and EXIF in every container, preference between them, orientation, thumbnails and
//! sidecars. Damaged and hostile input is in `photo_robustness.rs`.

use crate::photo_support::*;
use exif::Tag;
use folio_core::photo::{self, PhotoFormat};

#[test]
fn jpeg_captions_in_english_chinese_and_russian_come_through_intact() {
    for (caption, byline, keyword) in [
        (CAPTION_EN, "Li Wei", "innovation"),
        (CAPTION_ZH, "李伟", "创新"),
        (CAPTION_RU, "Анна Петрова", "инновации"),
    ] {
        let iim = iim_utf8(caption, byline, "新华社 / ТАСС", &[keyword, "Beijing"]);
        let bytes = with_segments(
            &jpeg(64, 48),
            &[app1_xmp(&xmp_description(caption)), app13_iptc(&iim)],
        );
        let draft = photo::extract(&bytes).unwrap();
        assert_eq!(draft.caption, caption);
        assert_eq!(draft.byline, byline);
        assert_eq!(draft.credit, "新华社 / ТАСС");
        assert_eq!(draft.copyright, "© 2018 Xinhua");
        assert_eq!(draft.keywords, [keyword, "Beijing"]);
        assert_eq!(
            (draft.format, draft.media_type),
            (PhotoFormat::Jpeg, "image/jpeg")
        );
    }
}

#[test]
fn iptc_caption_is_preferred_over_xmp_and_exif_description() {
    let tiff = exif_tiff(&[ascii(Tag::ImageDescription, "EXIF caption")]);
    let iim = iim_utf8(CAPTION_RU, "Иванов", "ТАСС", &[]);
    let bytes = with_segments(
        &jpeg(32, 32),
        &[
            app1_exif(&tiff),
            app1_xmp(&xmp_description(CAPTION_ZH)),
            app13_iptc(&iim),
        ],
    );
    assert_eq!(photo::extract(&bytes).unwrap().caption, CAPTION_RU);
}

#[test]
fn xmp_caption_title_creator_and_subjects_are_used_without_iptc() {
    let packet = xmp_packet(&format!(
        r#"<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{CAPTION_ZH}</rdf:li></rdf:Alt></dc:description>
        <dc:title><rdf:Alt><rdf:li xml:lang="x-default">创新对话</rdf:li></rdf:Alt></dc:title>
        <dc:creator><rdf:Seq><rdf:li>王芳</rdf:li></rdf:Seq></dc:creator>
        <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 新华社</rdf:li></rdf:Alt></dc:rights>
        <dc:subject><rdf:Bag><rdf:li>创新</rdf:li><rdf:li>对话</rdf:li></rdf:Bag></dc:subject>
        <photoshop:Credit>新华社</photoshop:Credit>
        <photoshop:DateCreated>2018-11-02T09:15:00+08:00</photoshop:DateCreated>"#
    ));
    let tiff = exif_tiff(&[
        ascii(Tag::ImageDescription, "EXIF caption"),
        ascii(Tag::Artist, "EXIF artist"),
    ]);
    let bytes = with_segments(&jpeg(32, 32), &[app1_exif(&tiff), app1_xmp(&packet)]);
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!(draft.caption, CAPTION_ZH);
    assert_eq!(draft.title, "创新对话");
    assert_eq!(draft.byline, "王芳");
    assert_eq!(draft.copyright, "© 新华社");
    assert_eq!(draft.credit, "新华社");
    assert_eq!(draft.keywords, ["创新", "对话"]);
    assert_eq!(draft.taken.as_deref(), Some("2018-11-02T09:15:00+08:00"));
}

#[test]
fn exif_alone_gives_caption_byline_copyright_date_camera_and_gps() {
    use exif::{Field, In, Rational, Value};
    let dms = |d, m, s_hundredths| {
        Value::Rational(vec![
            Rational { num: d, denom: 1 },
            Rational { num: m, denom: 1 },
            Rational {
                num: s_hundredths,
                denom: 100,
            },
        ])
    };
    let fields = [
        ascii(Tag::ImageDescription, CAPTION_RU),
        ascii(Tag::Artist, "Анна Петрова"),
        ascii(Tag::Copyright, "ТАСС"),
        ascii(Tag::Make, "Canon"),
        ascii(Tag::Model, "Canon EOS 5D Mark IV"),
        ascii(Tag::DateTimeOriginal, "2018:11:02 10:30:15"),
        ascii(Tag::OffsetTimeOriginal, "+03:00"),
        ascii(Tag::GPSLatitudeRef, "N"),
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: dms(55, 45, 2100),
        },
        ascii(Tag::GPSLongitudeRef, "E"),
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: dms(37, 37, 3600),
        },
    ];
    let bytes = with_segments(&jpeg(40, 30), &[app1_exif(&exif_tiff(&fields))]);
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!(
        draft.caption, CAPTION_RU,
        "EXIF text is UTF-8 bytes, decoded as such"
    );
    assert_eq!(draft.byline, "Анна Петрова");
    assert_eq!(draft.copyright, "ТАСС");
    assert_eq!(draft.camera, "Canon EOS 5D Mark IV");
    assert_eq!(draft.taken.as_deref(), Some("2018-11-02T10:30:15+03:00"));
    let (lat, lon) = draft.gps.unwrap();
    assert!(
        (lat - 55.755_833).abs() < 1e-5 && (lon - 37.626_667).abs() < 1e-5,
        "{lat},{lon}"
    );
}

#[test]
fn legacy_iptc_without_a_charset_is_read_as_latin_1() {
    let mut iim = dataset(2, 120, b"Caf\xe9 in Z\xfcrich");
    iim.extend(dataset(2, 25, b"M\xfcnchen"));
    let bytes = with_segments(&jpeg(16, 16), &[app13_iptc(&iim)]);
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!(draft.caption, "Café in Zürich");
    assert_eq!(draft.keywords, ["München"]);
}

#[test]
fn png_xmp_in_itxt_and_exif_in_exif_chunk_are_read() {
    let tiff = exif_tiff(&[ascii(Tag::Artist, "Иванов"), ascii(Tag::Make, "Sony")]);
    let bytes = png_with(
        &png(30, 20),
        &[png_itxt_xmp(&xmp_description(CAPTION_RU))],
        Some(tiff),
    );
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!(
        (draft.format, draft.width, draft.height),
        (PhotoFormat::Png, 30, 20)
    );
    assert_eq!(draft.caption, CAPTION_RU);
    assert_eq!(draft.byline, "Иванов");
    assert_eq!(draft.camera, "Sony");
}

#[test]
fn png_iptc_raw_profile_as_written_by_exiftool_is_read() {
    let iim = iim_utf8(CAPTION_ZH, "李伟", "新华社", &["创新"]);
    let profile = irb(0x0404, &iim);
    let hex: String = profile.iter().map(|b| format!("{b:02x}")).collect();
    let text = format!("\nIPTC profile\n{:8}\n{hex}\n", profile.len());
    let chunk = (
        *b"tEXt",
        [b"Raw profile type iptc\0".as_slice(), text.as_bytes()].concat(),
    );
    let draft = photo::extract(&png_with(&png(8, 8), &[chunk], None)).unwrap();
    assert_eq!(draft.caption, CAPTION_ZH);
    assert_eq!(draft.keywords, ["创新"]);
}

#[test]
fn webp_xmp_and_exif_chunks_are_read() {
    let tiff = exif_tiff(&[ascii(Tag::Copyright, "© Reuters")]);
    let bytes = webp_with(
        &webp(24, 12),
        Some(tiff),
        Some(&xmp_description(CAPTION_EN)),
    );
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!(
        (draft.format, draft.width, draft.height),
        (PhotoFormat::Webp, 24, 12)
    );
    assert_eq!(draft.caption, CAPTION_EN);
    assert_eq!(draft.copyright, "© Reuters");
}

#[test]
fn tiff_xmp_and_iptc_tags_are_read() {
    use exif::{Context, Field, In, Value};
    let iim = iim_utf8(CAPTION_RU, "Петров", "ТАСС", &["Москва"]);
    let xmp = xmp_packet(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Заголовок</rdf:li></rdf:Alt></dc:title>",
    );
    let extra = [
        Field {
            tag: Tag(Context::Tiff, 700),
            ifd_num: In::PRIMARY,
            value: Value::Byte(xmp.into_bytes()),
        },
        Field {
            tag: Tag(Context::Tiff, 33723),
            ifd_num: In::PRIMARY,
            value: Value::Undefined(iim, 0),
        },
    ];
    let draft = photo::extract(&tiff(20, 10, &extra)).unwrap();
    assert_eq!(
        (draft.format, draft.width, draft.height),
        (PhotoFormat::Tiff, 20, 10)
    );
    assert_eq!(draft.caption, CAPTION_RU);
    assert_eq!(draft.title, "Заголовок");
    assert_eq!(draft.keywords, ["Москва"]);
}

#[test]
fn gif_first_frame_gives_size_and_thumbnails() {
    let draft = photo::extract(&gif(40, 20)).unwrap();
    assert_eq!(
        (draft.format, draft.width, draft.height),
        (PhotoFormat::Gif, 40, 20)
    );
    assert_eq!(draft.thumbnails.len(), 2);
}

#[test]
fn thumbnails_are_256_and_1024_px_jpegs_from_a_large_photo() {
    let draft = photo::extract(&jpeg(2400, 1600)).unwrap();
    assert_eq!((draft.width, draft.height), (2400, 1600));
    let sizes: Vec<_> = draft
        .thumbnails
        .iter()
        .map(|t| (t.max_side, t.width, t.height))
        .collect();
    assert_eq!(sizes, [(256, 256, 171), (1024, 1024, 683)]);
    for thumb in &draft.thumbnails {
        let decoded = decode_rgb(&thumb.jpeg);
        assert_eq!(
            (decoded.width(), decoded.height()),
            (thumb.width, thumb.height)
        );
        assert!(red_left_blue_right(&thumb.jpeg));
    }
}

#[test]
fn small_photos_are_not_enlarged_for_thumbnails() {
    let draft = photo::extract(&jpeg(300, 200)).unwrap();
    let sizes: Vec<_> = draft
        .thumbnails
        .iter()
        .map(|t| (t.max_side, t.width, t.height))
        .collect();
    assert_eq!(sizes, [(256, 256, 171), (1024, 300, 200)]);
}

#[test]
fn exif_orientation_6_swaps_the_reported_size_and_turns_the_thumbnails() {
    let tiff = exif_tiff(&[short(Tag::Orientation, 6)]);
    let bytes = with_segments(&jpeg(400, 200), &[app1_exif(&tiff)]);
    let draft = photo::extract(&bytes).unwrap();
    assert_eq!((draft.width, draft.height), (200, 400));
    let thumb = &draft.thumbnails[0];
    assert_eq!((thumb.width, thumb.height), (128, 256));
    // Turned 90° clockwise: the red left half is now on top.
    let image = decode_rgb(&thumb.jpeg);
    let (top, bottom) = (image.get_pixel(64, 32), image.get_pixel(64, 224));
    assert!(
        top[0] > 150 && bottom[2] > 150,
        "top {top:?} bottom {bottom:?}"
    );
}

#[test]
fn xmp_sidecar_fields_replace_the_embedded_ones() {
    let iim = iim_utf8(CAPTION_EN, "Li Wei", "Xinhua", &["old"]);
    let mut draft = photo::extract(&with_segments(&jpeg(16, 16), &[app13_iptc(&iim)])).unwrap();
    let sidecar = xmp_packet(&format!(
        r#"<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{CAPTION_RU}</rdf:li></rdf:Alt></dc:description>
        <dc:subject><rdf:Bag><rdf:li>новое</rdf:li></rdf:Bag></dc:subject>"#
    ));
    photo::apply_xmp_sidecar(&mut draft, sidecar.as_bytes()).unwrap();
    assert_eq!(draft.caption, CAPTION_RU);
    assert_eq!(draft.keywords, ["новое"]);
    assert_eq!(
        draft.byline, "Li Wei",
        "fields the sidecar does not set are kept"
    );
}

#[test]
fn a_malformed_xmp_sidecar_is_an_error_and_changes_nothing() {
    let mut draft = photo::extract(&jpeg(16, 16)).unwrap();
    let before = draft.clone();
    let err = photo::apply_xmp_sidecar(&mut draft, b"<x:xmpmeta><dc:title>").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the XMP sidecar is not valid XMP"),
        "{err}"
    );
    assert_eq!(draft, before);
}

#[test]
fn a_text_sidecar_becomes_the_caption_and_a_blank_one_changes_nothing() {
    let iim = iim_utf8(CAPTION_EN, "Li Wei", "Xinhua", &[]);
    let mut draft = photo::extract(&with_segments(&jpeg(16, 16), &[app13_iptc(&iim)])).unwrap();
    photo::apply_text_sidecar(&mut draft, " \n\t ");
    assert_eq!(draft.caption, CAPTION_EN);
    photo::apply_text_sidecar(
        &mut draft,
        &format!("\u{feff}{CAPTION_ZH}\r\n{CAPTION_RU}\r\n"),
    );
    assert_eq!(draft.caption, format!("{CAPTION_ZH}\n{CAPTION_RU}"));
}

#[test]
fn windows_explorer_xp_tags_and_user_comment_fill_in_when_nothing_else_does() {
    use exif::{Context, Field, In, Value};
    let ucs2 = |s: &str| -> Vec<u8> {
        s.encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect()
    };
    let xp = |tag, s: &str| Field {
        tag: Tag(Context::Tiff, tag),
        ifd_num: In::PRIMARY,
        value: Value::Byte(ucs2(s)),
    };
    let fields = [
        xp(0x9C9B, "Заголовок 标题"),
        xp(0x9C9C, CAPTION_ZH),
        xp(0x9C9D, "Анна Петрова"),
        xp(0x9C9E, "外交;дипломатия; press"),
    ];
    let draft = photo::extract(&with_segments(
        &jpeg(16, 16),
        &[app1_exif(&exif_tiff(&fields))],
    ))
    .unwrap();
    assert_eq!(draft.title, "Заголовок 标题");
    assert_eq!(draft.caption, CAPTION_ZH);
    assert_eq!(draft.byline, "Анна Петрова");
    assert_eq!(draft.keywords, ["外交", "дипломатия", "press"]);

    // UserComment in UCS-2, in the file's (here big-endian) byte order.
    let mut comment = b"UNICODE\0".to_vec();
    comment.extend(CAPTION_RU.encode_utf16().flat_map(u16::to_be_bytes));
    let field = Field {
        tag: Tag::UserComment,
        ifd_num: In::PRIMARY,
        value: Value::Undefined(comment, 0),
    };
    let draft = photo::extract(&with_segments(
        &jpeg(16, 16),
        &[app1_exif(&exif_tiff(&[field]))],
    ))
    .unwrap();
    assert_eq!(draft.caption, CAPTION_RU);
}

#[test]
fn grayscale_and_cmyk_jpegs_give_sensible_thumbnails() {
    let encode = |data: &[u8], color| {
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(data, 64, 32, color)
            .unwrap();
        out
    };
    let gray = encode(&[90u8; 64 * 32], jpeg_encoder::ColorType::Luma);
    let draft = photo::extract(&gray).unwrap();
    let px = *decode_rgb(&draft.thumbnails[0].jpeg).get_pixel(10, 10);
    assert!(px.0.iter().all(|&v| v.abs_diff(90) < 6), "{px:?}");

    // Pure magenta + yellow ink, no black: red.
    let cmyk: Vec<u8> = std::iter::repeat_n([0u8, 255, 255, 0], 64 * 32)
        .flatten()
        .collect();
    let draft = photo::extract(&encode(&cmyk, jpeg_encoder::ColorType::Cmyk)).unwrap();
    let px = *decode_rgb(&draft.thumbnails[0].jpeg).get_pixel(10, 10);
    assert!(px[0] > 200 && px[1] < 60 && px[2] < 60, "{px:?}");
}

#[test]
fn windows_explorers_exif_rating_comes_in_when_xmp_has_none() {
    use exif::{Context, Field, In, Value};
    let rating = |stars: u16| Field {
        tag: Tag(Context::Tiff, 0x4746),
        ifd_num: In::PRIMARY,
        value: Value::Short(vec![stars]),
    };
    let exif_only = with_segments(&jpeg(16, 16), &[app1_exif(&exif_tiff(&[rating(3)]))]);
    assert_eq!(photo::extract(&exif_only).unwrap().rating, 3);

    let packet =
        xmp_packet(r#"<xmp:Rating xmlns:xmp="http://ns.adobe.com/xap/1.0/">5</xmp:Rating>"#);
    let both = with_segments(
        &jpeg(16, 16),
        &[app1_exif(&exif_tiff(&[rating(3)])), app1_xmp(&packet)],
    );
    assert_eq!(
        photo::extract(&both).unwrap().rating,
        5,
        "XMP's rating first"
    );

    let out_of_range = with_segments(&jpeg(16, 16), &[app1_exif(&exif_tiff(&[rating(99)]))]);
    assert_eq!(photo::extract(&out_of_range).unwrap().rating, 0);
}

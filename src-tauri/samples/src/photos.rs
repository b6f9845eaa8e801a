//! Builds test photos in memory: pixels from the `image` encoders, metadata as hand-made EXIF
//! (kamadak-exif's writer), IPTC IIM datasets, Photoshop resource blocks and XMP packets,
//! placed into JPEG segments, PNG chunks, WebP chunks and TIFF tags.

// Test fixtures: a failure to build one is a failed test, so unwrap is the right response.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use exif::{Field, In, Tag, Value};
use image::{ExtendedColorType, ImageEncoder, RgbImage};
use img_parts::png::{Png, PngChunk};
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

pub const CAPTION_EN: &str = "Delegates at the Innovation Dialogue in Beijing";
pub const CAPTION_ZH: &str = "中外代表在北京参加创新对话";
pub const CAPTION_RU: &str = "Делегаты диалога об инновациях в Пекине";

/// A picture whose left half is red and right half is blue, so orientation can be checked.
pub fn pixels(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    })
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = (
        u16::try_from(width).unwrap(),
        u16::try_from(height).unwrap(),
    );
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(
            pixels(width, height).as_raw(),
            w,
            h,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

/// Decodes a JPEG (a thumbnail) to RGB.
pub fn decode_rgb(jpeg: &[u8]) -> RgbImage {
    let mut decoder = jpeg_decoder::Decoder::new(jpeg);
    let data = decoder.decode().unwrap();
    let info = decoder.info().unwrap();
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => RgbImage::from_raw(w, h, data).unwrap(),
        jpeg_decoder::PixelFormat::L8 => {
            RgbImage::from_raw(w, h, data.iter().flat_map(|&v| [v, v, v]).collect()).unwrap()
        }
        other => panic!("unexpected thumbnail pixel format {other:?}"),
    }
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            pixels(width, height).as_raw(),
            width,
            height,
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

pub fn webp(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(
            pixels(width, height).as_raw(),
            width,
            height,
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

pub fn gif(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let frame = image::DynamicImage::ImageRgb8(pixels(width, height)).to_rgba8();
    image::codecs::gif::GifEncoder::new(&mut out)
        .encode(frame.as_raw(), width, height, ExtendedColorType::Rgba8)
        .unwrap();
    out
}

/// JPEG segments inserted right after SOI, each `(marker, contents)`.
pub fn with_segments(jpeg: &[u8], segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, contents) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(&u16::try_from(contents.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(contents);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

pub fn app1_exif(tiff: &[u8]) -> (u8, Vec<u8>) {
    (0xE1, [b"Exif\0\0".as_slice(), tiff].concat())
}

pub fn app1_xmp(packet: &str) -> (u8, Vec<u8>) {
    (
        0xE1,
        [
            b"http://ns.adobe.com/xap/1.0/\0".as_slice(),
            packet.as_bytes(),
        ]
        .concat(),
    )
}

pub fn app13_iptc(iim: &[u8]) -> (u8, Vec<u8>) {
    (
        0xED,
        [b"Photoshop 3.0\0".as_slice(), &irb(0x0404, iim)].concat(),
    )
}

/// A Photoshop image resource.
pub fn irb(id: u16, data: &[u8]) -> Vec<u8> {
    let mut out = b"8BIM".to_vec();
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// One IIM dataset.
pub fn dataset(record: u8, number: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1C, record, number];
    out.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
    out.extend_from_slice(value);
    out
}

/// IIM declared UTF-8, with caption, by-line, credit, copyright and keywords.
pub fn iim_utf8(caption: &str, byline: &str, credit: &str, keywords: &[&str]) -> Vec<u8> {
    let mut iim = dataset(1, 90, b"\x1b%G");
    iim.extend(dataset(2, 120, caption.as_bytes()));
    iim.extend(dataset(2, 80, byline.as_bytes()));
    iim.extend(dataset(2, 110, credit.as_bytes()));
    iim.extend(dataset(2, 116, "© 2018 Xinhua".as_bytes()));
    for keyword in keywords {
        iim.extend(dataset(2, 25, keyword.as_bytes()));
    }
    iim
}

/// An XMP packet whose `rdf:Description` holds `body` (elements).
pub fn xmp_packet(body: &str) -> String {
    format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"
 xmlns:exif="http://ns.adobe.com/exif/1.0/">{body}</rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
    )
}

pub fn xmp_description(caption: &str) -> String {
    xmp_packet(&format!(
        r#"<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>"#
    ))
}

pub fn ascii(tag: Tag, text: &str) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    }
}

pub fn short(tag: Tag, value: u16) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Short(vec![value]),
    }
}

/// EXIF as a TIFF structure (no pixels).
pub fn exif_tiff(fields: &[Field]) -> Vec<u8> {
    let mut writer = exif::experimental::Writer::new();
    for field in fields {
        writer.push_field(field);
    }
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, false).unwrap();
    out.into_inner()
}

/// An uncompressed RGB TIFF with the given extra fields (XMP, IPTC, EXIF text, orientation).
pub fn tiff(width: u32, height: u32, extra: &[Field]) -> Vec<u8> {
    let image = pixels(width, height).into_raw();
    let strips = [image.as_slice()];
    let base = [
        Field {
            tag: Tag::ImageWidth,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![width]),
        },
        Field {
            tag: Tag::ImageLength,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![height]),
        },
        Field {
            tag: Tag::BitsPerSample,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![8, 8, 8]),
        },
        short(Tag::Compression, 1),
        short(Tag::PhotometricInterpretation, 2),
        short(Tag::SamplesPerPixel, 3),
        Field {
            tag: Tag::RowsPerStrip,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![height]),
        },
        short(Tag::PlanarConfiguration, 1),
    ];
    let mut writer = exif::experimental::Writer::new();
    for field in base.iter().chain(extra) {
        writer.push_field(field);
    }
    writer.set_strips(&strips, In::PRIMARY);
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, true).unwrap();
    out.into_inner()
}

/// PNG with text chunks (`(kind, contents)`) before IEND and optionally an eXIf chunk.
pub fn png_with(png: &[u8], chunks: &[([u8; 4], Vec<u8>)], exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut image = Png::from_bytes(Bytes::copy_from_slice(png)).unwrap();
    for (kind, contents) in chunks {
        let at = image.chunks().len() - 1;
        image
            .chunks_mut()
            .insert(at, PngChunk::new(*kind, Bytes::copy_from_slice(contents)));
    }
    image.set_exif(exif.map(Bytes::from));
    image.encoder().bytes().to_vec()
}

pub fn png_itxt_xmp(packet: &str) -> ([u8; 4], Vec<u8>) {
    (
        *b"iTXt",
        [b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), packet.as_bytes()].concat(),
    )
}

/// WebP with EXIF and an `XMP ` chunk.
pub fn webp_with(webp: &[u8], exif: Option<Vec<u8>>, xmp: Option<&str>) -> Vec<u8> {
    let mut image = WebP::from_bytes(Bytes::copy_from_slice(webp)).unwrap();
    image.set_exif(exif.map(Bytes::from));
    if let Some(xmp) = xmp {
        let chunk = RiffContent::Data(Bytes::copy_from_slice(xmp.as_bytes()));
        image.chunks_mut().push(RiffChunk::new(*b"XMP ", chunk));
    }
    image.encoder().bytes().to_vec()
}

/// Decodes a thumbnail and says whether its left half is red and right half blue.
pub fn red_left_blue_right(jpeg: &[u8]) -> bool {
    let image = decode_rgb(jpeg);
    let (w, h) = image.dimensions();
    let left = image.get_pixel(w / 8, h / 2);
    let right = image.get_pixel(w - 1 - w / 8, h / 2);
    left[0] > 150 && left[2] < 100 && right[2] > 150 && right[0] < 100
}

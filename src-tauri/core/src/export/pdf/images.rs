//! Images as the dossier embeds them. A JPEG original goes in byte for byte (typst writes it as
//! a DCT stream and honours its EXIF orientation); other formats, and JPEGs larger than the
//! requested maximum, are decoded, turned upright, downscaled and encoded as JPEG.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// An image ready for the dossier, with its upright size in pixels.
pub(super) struct Prepared {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Quality of re-encoded images: visually lossless on paper.
const QUALITY: u8 = 90;
/// Decoding refuses images that would need more memory than this.
const MAX_DECODE_BYTES: u64 = 1 << 30;

/// Prepares an original; the error says why it cannot be shown.
pub(super) fn prepare(bytes: Vec<u8>, max_px: Option<u32>) -> Result<Prepared, String> {
    let run = || prepare_unguarded(bytes, max_px);
    // A decoder panic on a hostile file costs that image only.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err("the image is damaged".into()))
}

fn prepare_unguarded(bytes: Vec<u8>, max_px: Option<u32>) -> Result<Prepared, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes.as_slice()))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader.format();
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| "its format cannot be shown in a PDF".to_string())?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (upright_width, upright_height) = if swaps_sides(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    let too_large = max_px.is_some_and(|max| width.max(height) > max);
    if format == Some(ImageFormat::Jpeg) && !too_large {
        drop(decoder);
        return Ok(Prepared {
            jpeg: bytes,
            width: upright_width,
            height: upright_height,
        });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    drop(bytes);
    image.apply_orientation(orientation);
    if let Some(max) = max_px.filter(|_| too_large) {
        image = image.resize(max, max, image::imageops::FilterType::CatmullRom);
    }
    let rgb = on_white(image);
    let (width, height) = rgb.dimensions();
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, QUALITY)
        .encode(
            rgb.as_raw(),
            u16::try_from(width).map_err(|_| "the image is too wide")?,
            u16::try_from(height).map_err(|_| "the image is too tall")?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| e.to_string())?;
    Ok(Prepared {
        jpeg,
        width,
        height,
    })
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// RGB pixels, with any transparency composed over white paper.
fn on_white(image: DynamicImage) -> image::RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let mut rgba = image.into_rgba8();
    for pixel in rgba.pixels_mut() {
        let alpha = u16::from(pixel[3]);
        for channel in &mut pixel.0[..3] {
            let blended = (u16::from(*channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            *channel = u8::try_from(blended).unwrap_or(u8::MAX);
        }
        pixel[3] = 255;
    }
    DynamicImage::ImageRgba8(rgba).into_rgb8()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let pixels = vec![128u8; usize::from(width) * usize::from(height) * 3];
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 80)
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn a_jpeg_within_the_limit_is_embedded_byte_for_byte() {
        let original = jpeg(64, 48);
        let prepared = prepare(original.clone(), Some(100)).unwrap();
        assert_eq!(prepared.jpeg, original);
        assert_eq!((prepared.width, prepared.height), (64, 48));
    }

    #[test]
    fn a_jpeg_over_the_limit_is_downscaled_keeping_its_shape() {
        let prepared = prepare(jpeg(400, 200), Some(100)).unwrap();
        assert_eq!((prepared.width, prepared.height), (100, 50));
        assert!(prepared.jpeg.starts_with(&[0xFF, 0xD8]));
    }

    #[test]
    fn a_png_with_transparency_becomes_a_jpeg_on_white() {
        let mut png = Vec::new();
        let image = image::RgbaImage::from_pixel(10, 20, image::Rgba([0, 0, 0, 0]));
        image
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let prepared = prepare(png, None).unwrap();
        assert_eq!((prepared.width, prepared.height), (10, 20));
        let back = image::load_from_memory(&prepared.jpeg).unwrap().into_rgb8();
        assert!(back.pixels().all(|p| p.0.iter().all(|&c| c > 245)), "white");
    }

    #[test]
    fn bytes_that_are_no_image_say_so() {
        assert!(prepare(b"not an image".to_vec(), None).is_err());
    }
}

//! Thumbnails from one decode: resized with fast_image_resize (largest first, each smaller one
//! from the previous), turned upright by the EXIF orientation, encoded as JPEG by jpeg-encoder.
//! The smallest one's pixels also give the photo's perceptual fingerprint.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, RgbImage};
use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder};

use super::decode::Pixels;
use super::{PhotoError, PhotoFormat, Thumbnail, fingerprint};

/// JPEG quality of thumbnails: small files, no visible blocking at screen size.
const QUALITY: u8 = 80;

/// Whether an EXIF orientation turns the photo a quarter (so width and height trade places).
pub fn swaps_sides(orientation: Option<u16>) -> bool {
    matches!(orientation, Some(5..=8))
}

/// Thumbnails, one per long side in `sides` in the order given, and the photo's fingerprint.
#[derive(Debug)]
pub struct Made {
    pub thumbnails: Vec<Thumbnail>,
    pub fingerprint: u64,
}

/// One thumbnail per long side in `sides`, returned in the order given, and the fingerprint of
/// the smallest (the pixels are already reduced, so it costs a few microseconds).
pub fn make(
    pixels: &Pixels,
    orientation: Option<u16>,
    sides: &[u32],
    format: PhotoFormat,
) -> Result<Made, PhotoError> {
    let failed =
        |why: String| PhotoError::Corrupt(format!("the {format} could not be resized: {why}"));
    let pixel_type = if pixels.gray {
        PixelType::U8
    } else {
        PixelType::U8x3
    };
    let mut order: Vec<u32> = sides.to_vec();
    order.sort_unstable_by(|a, b| b.cmp(a));
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    // Each thumbnail is resized from the previous, larger one: cheaper, and as sharp.
    let mut source: Option<Image<'static>> = None;
    let mut made = Vec::with_capacity(order.len());
    for &side in &order {
        let (sw, sh, data) = match &source {
            Some(img) => (img.width(), img.height(), img.buffer()),
            None => (pixels.width, pixels.height, pixels.data.as_slice()),
        };
        let (w, h) = fit(sw, sh, side);
        let resized = if (w, h) == (sw, sh) {
            Image::from_vec_u8(w, h, data.to_vec(), pixel_type)
                .map_err(|e| failed(e.to_string()))?
        } else {
            let src = ImageRef::new(sw, sh, data, pixel_type).map_err(|e| failed(e.to_string()))?;
            let mut dst = Image::new(w, h, pixel_type);
            resizer
                .resize(&src, &mut dst, &options)
                .map_err(|e| failed(e.to_string()))?;
            dst
        };
        made.push((
            side,
            encode(&resized, pixels.gray, orientation, side, format)?,
        ));
        source = Some(resized);
    }
    let fingerprint = match &source {
        Some(smallest) => fingerprint::of_pixels(
            smallest.width(),
            smallest.height(),
            pixels.gray,
            smallest.buffer(),
            orientation,
        ),
        None => fingerprint::of_pixels(
            pixels.width,
            pixels.height,
            pixels.gray,
            &pixels.data,
            orientation,
        ),
    };
    made.sort_by_key(|(side, _)| sides.iter().position(|s| s == side));
    Ok(Made {
        thumbnails: made.into_iter().map(|(_, thumbnail)| thumbnail).collect(),
        fingerprint,
    })
}

/// The size that fits `width`×`height` into a square of `side`, never enlarged.
pub(crate) fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= side {
        return (width, height);
    }
    let scale = |v: u32| {
        let scaled = (u64::from(v) * u64::from(side) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(side).max(1)
    };
    (scale(width), scale(height))
}

fn encode(
    image: &Image<'_>,
    gray: bool,
    orientation: Option<u16>,
    max_side: u32,
    format: PhotoFormat,
) -> Result<Thumbnail, PhotoError> {
    let failed = || PhotoError::Corrupt(format!("the {format} thumbnail could not be made"));
    let (w, h, buffer) = (image.width(), image.height(), image.buffer().to_vec());
    let mut upright = if gray {
        DynamicImage::ImageLuma8(GrayImage::from_raw(w, h, buffer).ok_or_else(failed)?)
    } else {
        DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, buffer).ok_or_else(failed)?)
    };
    let exif_value = orientation.and_then(|o| u8::try_from(o).ok());
    if let Some(orientation) = exif_value.and_then(Orientation::from_exif) {
        upright.apply_orientation(orientation);
    }
    let (w, h) = (upright.width(), upright.height());
    let (data, color) = match &upright {
        DynamicImage::ImageLuma8(gray) => (gray.as_raw(), ColorType::Luma),
        DynamicImage::ImageRgb8(rgb) => (rgb.as_raw(), ColorType::Rgb),
        _ => return Err(failed()),
    };
    let mut jpeg = Vec::new();
    let mut encoder = Encoder::new(&mut jpeg, QUALITY);
    // Averaged chroma keeps thin coloured lines (captions burnt into photos) from fringing.
    encoder.set_chroma_subsampling_method(ChromaSubsamplingMethod::Average);
    let side = |v: u32| u16::try_from(v).map_err(|_| failed());
    encoder
        .encode(data, side(w)?, side(h)?, color)
        .map_err(|_| failed())?;
    Ok(Thumbnail {
        max_side,
        width: w,
        height: h,
        jpeg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_keeps_the_aspect_ratio_and_never_enlarges() {
        assert_eq!(fit(4000, 3000, 1024), (1024, 768));
        assert_eq!(fit(3000, 4000, 256), (192, 256));
        assert_eq!(fit(100, 50, 256), (100, 50));
        assert_eq!(fit(60_000, 1, 256), (256, 1));
    }

    #[test]
    fn quarter_turns_swap_sides_and_flips_do_not() {
        assert!(swaps_sides(Some(6)) && swaps_sides(Some(8)) && swaps_sides(Some(5)));
        assert!(!swaps_sides(Some(1)) && !swaps_sides(Some(3)) && !swaps_sides(None));
    }

    #[test]
    fn thumbnails_come_in_the_order_asked_and_are_upright() {
        let pixels = Pixels {
            width: 2000,
            height: 1000,
            gray: false,
            data: vec![128; 2000 * 1000 * 3],
        };
        let thumbs = make(&pixels, Some(6), &[256, 1024], PhotoFormat::Jpeg)
            .unwrap()
            .thumbnails;
        let sizes: Vec<_> = thumbs
            .iter()
            .map(|t| (t.max_side, t.width, t.height))
            .collect();
        assert_eq!(sizes, [(256, 128, 256), (1024, 512, 1024)]);
        assert!(thumbs.iter().all(|t| t.jpeg.starts_with(&[0xFF, 0xD8])));
    }
}

//! Images as the dossier embeds them, one at a time. A JPEG no larger than it needs to be goes in
//! byte for byte (the PDF reader honours its EXIF orientation); a larger one is decoded at reduced
//! scale (DCT scaling, the import's own decoder in `photo::decode`), resized to the pixels it
//! needs, turned upright and encoded again; other formats (HEIC through libheif, upright as it
//! decodes) are decoded the same way and always encoded as JPEG. An embedded ICC profile is kept
//! either way.

use std::io::Cursor;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, Limits, RgbImage};

use crate::photo::{self, PhotoFormat, Pixels};

/// Quality of re-encoded images: visually lossless on paper.
const QUALITY: u8 = 90;
/// Reading a header may not allocate more than this.
const MAX_HEADER_BYTES: u64 = 64 << 20;

/// What an original is, read from its header without decoding any pixel.
#[derive(Debug)]
pub(super) struct Header {
    pub format: PhotoFormat,
    /// The size as stored, before EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
    pub icc: Option<Vec<u8>>,
    /// A JPEG a PDF shows as it is: 8-bit grey or colour (not CMYK, not lossless 16-bit).
    pub plain_jpeg: Option<Channels>,
}

/// The colour channels of an embedded JPEG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channels {
    Gray,
    Rgb,
}

impl Header {
    /// Width ÷ height as the photo is seen, upright.
    pub(super) fn ratio(&self) -> f64 {
        let (width, height) = if swaps_sides(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        };
        f64::from(width.max(1)) / f64::from(height.max(1))
    }
}

/// A JPEG ready for the PDF.
#[derive(Debug)]
pub(super) struct Prepared {
    pub jpeg: Vec<u8>,
    /// The size of `jpeg` as stored (before `orientation`).
    pub width: u32,
    pub height: u32,
    pub channels: Channels,
    /// The EXIF orientation still to apply: an original placed byte for byte keeps its own.
    pub orientation: Orientation,
    /// An ICC profile for `channels`, if the original had one.
    pub icc: Option<Vec<u8>>,
}

/// Reads what [`prepare`] needs to know from the header alone; the error says why the image
/// cannot be shown.
pub(super) fn read_header(bytes: &[u8]) -> Result<Header, String> {
    let run = || read_header_unguarded(bytes);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err("the image is damaged".into()))
}

fn read_header_unguarded(bytes: &[u8]) -> Result<Header, String> {
    let format = photo::sniff(bytes).ok_or("its format cannot be shown in a PDF")?;
    if format == PhotoFormat::Heic {
        return heif_header(bytes);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_HEADER_BYTES);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| "its format cannot be shown in a PDF".to_string())?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let plain_jpeg = if format == PhotoFormat::Jpeg {
        jpeg_channels(bytes)
    } else {
        None
    };
    Ok(Header {
        format,
        width,
        height,
        orientation,
        icc,
        plain_jpeg,
    })
}

/// A HEIC's header: its size already upright (libheif applies the container's rotation when it
/// decodes, and the EXIF orientation beside it must not turn it again), and its colour profile.
fn heif_header(bytes: &[u8]) -> Result<Header, String> {
    let header = photo::heif_header(bytes).ok_or("the HEIC is damaged")?;
    if header.width == 0 || header.height == 0 {
        return Err("the image has no pixels".into());
    }
    Ok(Header {
        format: PhotoFormat::Heic,
        width: header.width,
        height: header.height,
        orientation: Orientation::NoTransforms,
        icc: header.icc,
        plain_jpeg: None,
    })
}

/// The channels of an 8-bit grey or colour JPEG; `None` for CMYK and 16-bit ones.
fn jpeg_channels(bytes: &[u8]) -> Option<Channels> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().ok()?;
    match decoder.info()?.pixel_format {
        jpeg_decoder::PixelFormat::L8 => Some(Channels::Gray),
        jpeg_decoder::PixelFormat::RGB24 => Some(Channels::Rgb),
        jpeg_decoder::PixelFormat::CMYK32 | jpeg_decoder::PixelFormat::L16 => None,
    }
}

/// Prepares an original whose header is `header` so that its long side is at most `max_px`;
/// the error says why it cannot be shown.
pub(super) fn prepare(bytes: Vec<u8>, header: &Header, max_px: u32) -> Result<Prepared, String> {
    let run = || prepare_unguarded(bytes, header, max_px);
    // A decoder panic on a hostile file costs that image only.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err("the image is damaged".into()))
}

fn prepare_unguarded(bytes: Vec<u8>, header: &Header, max_px: u32) -> Result<Prepared, String> {
    let max_px = max_px.max(1);
    if let Some(channels) = header.plain_jpeg
        && header.width.max(header.height) <= max_px
    {
        return Ok(Prepared {
            jpeg: bytes,
            width: header.width,
            height: header.height,
            channels,
            orientation: header.orientation,
            icc: icc_for(header.icc.as_deref(), channels),
        });
    }
    // Decoded at the smallest DCT scale that still gives `max_px` (other formats: full size).
    let decoded = photo::decode(header.format, &bytes, max_px).map_err(|e| e.to_string())?;
    drop(bytes);
    let pixels = shrink(decoded.pixels, max_px)?;
    let channels = if pixels.gray {
        Channels::Gray
    } else {
        Channels::Rgb
    };
    let upright = upright(pixels, header.orientation)?;
    let icc = icc_for(header.icc.as_deref(), channels);
    let (jpeg, width, height) = encode(&upright, icc.as_deref())?;
    Ok(Prepared {
        jpeg,
        width,
        height,
        channels,
        orientation: Orientation::NoTransforms,
        icc,
    })
}

/// The pixels resized so the long side is at most `max_px`, never enlarged.
fn shrink(pixels: Pixels, max_px: u32) -> Result<Pixels, String> {
    let (width, height) = photo::fit(pixels.width, pixels.height, max_px);
    if (width, height) == (pixels.width, pixels.height) {
        return Ok(pixels);
    }
    let pixel_type = if pixels.gray {
        PixelType::U8
    } else {
        PixelType::U8x3
    };
    let failed = |e: &dyn std::fmt::Display| format!("the image could not be resized: {e}");
    let source = ImageRef::new(pixels.width, pixels.height, &pixels.data, pixel_type)
        .map_err(|e| failed(&e))?;
    let mut resized = Image::new(width, height, pixel_type);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(&source, &mut resized, &options)
        .map_err(|e| failed(&e))?;
    Ok(Pixels {
        width,
        height,
        gray: pixels.gray,
        data: resized.into_vec(),
    })
}

fn upright(pixels: Pixels, orientation: Orientation) -> Result<DynamicImage, String> {
    let damaged = || "the image could not be turned upright".to_string();
    let mut image = if pixels.gray {
        DynamicImage::ImageLuma8(
            GrayImage::from_raw(pixels.width, pixels.height, pixels.data).ok_or_else(damaged)?,
        )
    } else {
        DynamicImage::ImageRgb8(
            RgbImage::from_raw(pixels.width, pixels.height, pixels.data).ok_or_else(damaged)?,
        )
    };
    image.apply_orientation(orientation);
    Ok(image)
}

fn encode(image: &DynamicImage, icc: Option<&[u8]>) -> Result<(Vec<u8>, u32, u32), String> {
    let (data, color) = match image {
        DynamicImage::ImageLuma8(gray) => (gray.as_raw(), jpeg_encoder::ColorType::Luma),
        DynamicImage::ImageRgb8(rgb) => (rgb.as_raw(), jpeg_encoder::ColorType::Rgb),
        _ => return Err("the image has an unexpected colour type".into()),
    };
    let (width, height) = (image.width(), image.height());
    let mut jpeg = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, QUALITY);
    if let Some(icc) = icc {
        encoder.add_icc_profile(icc).map_err(|e| e.to_string())?;
    }
    encoder
        .encode(
            data,
            u16::try_from(width).map_err(|_| "the image is too wide")?,
            u16::try_from(height).map_err(|_| "the image is too tall")?,
            color,
        )
        .map_err(|e| e.to_string())?;
    Ok((jpeg, width, height))
}

/// The ICC profile when it describes `channels` (a grey profile on colour pixels is dropped).
fn icc_for(icc: Option<&[u8]>, channels: Channels) -> Option<Vec<u8>> {
    let icc = icc?;
    let space = icc.get(16..20)?;
    let fits = match channels {
        Channels::Gray => space == b"GRAY",
        Channels::Rgb => space == b"RGB ",
    };
    fits.then(|| icc.to_vec())
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

#[cfg(test)]
mod tests {
    use image::ImageFormat;

    use super::*;

    /// A JPEG with detail (a gradient), so it is not trivially small.
    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut pixels = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
        for y in 0..height {
            for x in 0..width {
                pixels.extend_from_slice(&[(x % 256) as u8, (y % 256) as u8, 128]);
            }
        }
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 80)
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    fn prepared(bytes: Vec<u8>, max_px: u32) -> Prepared {
        let header = read_header(&bytes).unwrap();
        prepare(bytes, &header, max_px).unwrap()
    }

    #[test]
    fn a_jpeg_within_the_limit_is_embedded_byte_for_byte() {
        let original = jpeg(640, 480);
        let prepared = prepared(original.clone(), 640);
        assert_eq!(prepared.jpeg, original);
        assert_eq!((prepared.width, prepared.height), (640, 480));
        assert_eq!(prepared.channels, Channels::Rgb);
    }

    #[test]
    fn a_large_jpeg_is_embedded_downscaled_to_the_limit_keeping_its_shape() {
        let prepared = prepared(jpeg(4000, 3000), 1961);
        assert_eq!((prepared.width, prepared.height), (1961, 1471));
        let back = image::load_from_memory(&prepared.jpeg).unwrap();
        assert_eq!(
            (back.width(), back.height()),
            (1961, 1471),
            "the JPEG itself"
        );
        assert_eq!(prepared.orientation, Orientation::NoTransforms);
    }

    #[test]
    fn a_large_jpeg_is_decoded_at_reduced_scale_before_resizing() {
        // At 1/4 scale a 4000 px side is 1000 px, still above 900: the decode stops there.
        let decoded = photo::decode(PhotoFormat::Jpeg, &jpeg(4000, 3000), 900).unwrap();
        assert_eq!((decoded.pixels.width, decoded.pixels.height), (1000, 750));
    }

    #[test]
    fn a_png_with_transparency_becomes_a_jpeg_on_white() {
        let mut png = Vec::new();
        let image = image::RgbaImage::from_pixel(10, 20, image::Rgba([0, 0, 0, 0]));
        image
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let prepared = prepared(png, 4000);
        assert_eq!((prepared.width, prepared.height), (10, 20));
        let back = image::load_from_memory(&prepared.jpeg).unwrap().into_rgb8();
        assert!(back.pixels().all(|p| p.0.iter().all(|&c| c > 245)), "white");
    }

    #[test]
    fn a_downscaled_photo_is_turned_upright_and_carries_no_orientation() {
        let mut pixels = Pixels {
            width: 40,
            height: 20,
            gray: true,
            data: vec![200; 800],
        };
        pixels = shrink(pixels, 10).unwrap();
        assert_eq!((pixels.width, pixels.height), (10, 5));
        let image = upright(pixels, Orientation::Rotate90).unwrap();
        assert_eq!((image.width(), image.height()), (5, 10));
    }

    #[test]
    fn a_profile_is_kept_only_for_pixels_of_its_kind() {
        let mut rgb_profile = vec![0u8; 128];
        rgb_profile[16..20].copy_from_slice(b"RGB ");
        assert!(icc_for(Some(&rgb_profile), Channels::Rgb).is_some());
        assert!(icc_for(Some(&rgb_profile), Channels::Gray).is_none());
        assert!(icc_for(Some(b"short"), Channels::Rgb).is_none());
    }

    #[test]
    fn bytes_that_are_no_image_say_so() {
        assert!(read_header(b"not an image").is_err());
    }
}

//! Decodes a photo's pixels once, as small as the thumbnails allow: JPEG with DCT scaling
//! (jpeg-decoder: 1/8, 1/4 or 1/2 of the size, whichever still gives the largest thumbnail its
//! full long side), the other formats with `image` under allocation limits.
//!
//! The declared size is checked against [`MAX_PIXELS`] before any pixel buffer exists, and a
//! decoder that panics on hostile input is turned into a `Corrupt` error.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::{MAX_ALLOC, MAX_PIXELS, PhotoError, PhotoFormat};

/// 8-bit pixels, grey (1 byte) or RGB (3 bytes), rows top to bottom without padding.
#[derive(Debug)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub gray: bool,
    pub data: Vec<u8>,
}

/// The decoded (possibly reduced) pixels and the full stored size, before orientation.
#[derive(Debug)]
pub struct Decoded {
    pub full_width: u32,
    pub full_height: u32,
    pub pixels: Pixels,
}

/// Decodes `bytes` so that the long side is at least `min_long_side` where the photo is that
/// large (JPEG is reduced by DCT scaling; other formats are decoded at full size; HEIC comes
/// out upright).
pub fn decode(
    format: PhotoFormat,
    bytes: &[u8],
    min_long_side: u32,
) -> Result<Decoded, PhotoError> {
    let run = || match format {
        PhotoFormat::Jpeg => jpeg(bytes, min_long_side),
        PhotoFormat::Png => with_image(format, ImageFormat::Png, bytes),
        PhotoFormat::Tiff => with_image(format, ImageFormat::Tiff, bytes),
        PhotoFormat::Webp => with_image(format, ImageFormat::WebP, bytes),
        PhotoFormat::Gif => with_image(format, ImageFormat::Gif, bytes),
        PhotoFormat::Heic => super::heif::decode(bytes),
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(PhotoError::Corrupt(format!(
            "the {format} is damaged: its decoder gave up"
        )))
    })
}

/// About how many bytes decoding the image in `file` takes — its pixels as they are decoded (a
/// JPEG at its reduced DCT scale), their 8-bit RGB copy and the thumbnails — read from its
/// header alone, or `None` when the file is not an image Folio decodes. An import reserves this
/// much of its memory budget before it reads the file.
pub fn decode_cost(file: &std::path::Path, min_long_side: u32) -> Option<u64> {
    use std::io::{Read, Seek};
    let thumbnails = 2 * u64::from(min_long_side).pow(2) * 3;
    // The header is read once: most files an import meets that are no image (articles) end
    // here, after one open and one read.
    let mut opened = std::fs::File::open(file).ok()?;
    let mut head = Vec::with_capacity(64);
    opened.by_ref().take(64).read_to_end(&mut head).ok()?;
    if super::sniff(&head) == Some(PhotoFormat::Heic) {
        return heif_cost(file).map(|cost| cost.saturating_add(thumbnails));
    }
    let format = image::guess_format(&head).ok()?;
    opened.rewind().ok()?;
    let decoder = ImageReader::with_format(std::io::BufReader::new(opened), format)
        .into_decoder()
        .ok()?;
    let (width, height) = decoder.dimensions();
    let bytes_per_pixel = u64::from(decoder.color_type().bytes_per_pixel());
    let (width, height) = (u64::from(width), u64::from(height));
    let pixels = if format == ImageFormat::Jpeg {
        // jpeg-decoder picks the smallest of 1/8, 1/4, 1/2 and 1 that keeps the long side.
        let long = width.max(height);
        let scale = [8, 4, 2]
            .into_iter()
            .find(|s| long.div_ceil(*s) >= u64::from(min_long_side))
            .unwrap_or(1);
        width.div_ceil(scale) * height.div_ceil(scale)
    } else {
        width * height
    };
    Some(pixels.saturating_mul(bytes_per_pixel + 3) + thumbnails)
}

/// What decoding a HEIC costs: libheif's YCbCr planes, its RGB(A) image and our RGB copy, about
/// nine bytes a pixel. Its header is read from the whole file (libheif finds the boxes it needs
/// wherever they are); phone photos are a few megabytes.
fn heif_cost(file: &std::path::Path) -> Option<u64> {
    let bytes = std::fs::read(file).ok()?;
    let header = super::heif::header(&bytes)?;
    Some((u64::from(header.width) * u64::from(header.height)).saturating_mul(9))
}

/// Refuses sizes beyond the limits, and images with no pixels.
fn check_size(format: PhotoFormat, width: u32, height: u32) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt(format!(
            "the {format} declares no pixels ({width}×{height})"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    Ok(())
}

fn jpeg(bytes: &[u8], min_long_side: u32) -> Result<Decoded, PhotoError> {
    use jpeg_decoder::PixelFormat;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_ALLOC).unwrap_or(usize::MAX));
    decoder.read_info().map_err(jpeg_error)?;
    let info = decoder
        .info()
        .ok_or_else(|| jpeg_error(jpeg_decoder::Error::Format("no frame".into())))?;
    let (full_width, full_height) = (u32::from(info.width), u32::from(info.height));
    check_size(PhotoFormat::Jpeg, full_width, full_height)?;
    let request = u16::try_from(min_long_side).unwrap_or(u16::MAX);
    let (width, height) = decoder.scale(request, request).map_err(jpeg_error)?;
    let raw = decoder.decode().map_err(jpeg_error)?;
    let (width, height) = (u32::from(width), u32::from(height));
    let pixels = match info.pixel_format {
        PixelFormat::L8 => Pixels {
            width,
            height,
            gray: true,
            data: raw,
        },
        PixelFormat::RGB24 => Pixels {
            width,
            height,
            gray: false,
            data: raw,
        },
        PixelFormat::CMYK32 => Pixels {
            width,
            height,
            gray: false,
            data: cmyk_to_rgb(&raw),
        },
        PixelFormat::L16 => Pixels {
            width,
            height,
            gray: true,
            data: l16_to_l8(&raw),
        },
    };
    let expected = width as usize * height as usize * if pixels.gray { 1 } else { 3 };
    if pixels.data.len() < expected {
        return Err(PhotoError::Corrupt("the JPEG is truncated".into()));
    }
    Ok(Decoded {
        full_width,
        full_height,
        pixels,
    })
}

fn jpeg_error(e: jpeg_decoder::Error) -> PhotoError {
    use jpeg_decoder::Error;
    PhotoError::Corrupt(match e {
        Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the JPEG is truncated".into()
        }
        Error::Unsupported(feature) => {
            format!("the JPEG uses a feature Folio cannot decode ({feature:?})")
        }
        Error::Format(why) => format!("the JPEG is damaged: {why}"),
        other => format!("the JPEG could not be decoded: {other}"),
    })
}

/// jpeg-decoder has already undone Adobe's inversion: these are C, M, Y, K ink amounts.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for px in cmyk.chunks_exact(4) {
        let white = 255 - u16::from(px[3]);
        for &ink in &px[..3] {
            let value = (255 - u16::from(ink)) * white / 255;
            rgb.push(u8::try_from(value).unwrap_or(u8::MAX));
        }
    }
    rgb
}

/// Lossless JPEG with 9–16 bit samples: scaled so that the brightest sample is white.
fn l16_to_l8(raw: &[u8]) -> Vec<u8> {
    let samples: Vec<u16> = raw
        .chunks_exact(2)
        .map(|p| u16::from_ne_bytes([p[0], p[1]]))
        .collect();
    let max = u32::from(samples.iter().copied().max().unwrap_or(1).max(1));
    samples
        .iter()
        .map(|&s| u8::try_from(u32::from(s) * 255 / max).unwrap_or(u8::MAX))
        .collect()
}

fn with_image(
    format: PhotoFormat,
    image_format: ImageFormat,
    bytes: &[u8],
) -> Result<Decoded, PhotoError> {
    if let Some((width, height)) = header_size(format, bytes) {
        check_size(format, width, height)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader
        .into_decoder()
        .map_err(|e| image_error(format, e, None))?;
    let (full_width, full_height) = decoder.dimensions();
    check_size(format, full_width, full_height)?;
    let image = DynamicImage::from_decoder(decoder)
        .map_err(|e| image_error(format, e, Some((full_width, full_height))))?;
    Ok(Decoded {
        full_width,
        full_height,
        pixels: flatten(image),
    })
}

/// The size a PNG or GIF header declares, read before any decoder is made.
fn header_size(format: PhotoFormat, bytes: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le16 = |at: usize| {
        Some(u32::from(u16::from_le_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    match format {
        PhotoFormat::Png if bytes.get(12..16) == Some(b"IHDR") => Some((be(16)?, be(20)?)),
        PhotoFormat::Gif => Some((le16(6)?, le16(8)?)),
        _ => None,
    }
}

fn image_error(format: PhotoFormat, e: ImageError, size: Option<(u32, u32)>) -> PhotoError {
    let reason = match e {
        ImageError::Limits(_) => {
            let (width, height) = size.unwrap_or((0, 0));
            return PhotoError::TooLarge { width, height };
        }
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("the {format} is truncated")
        }
        ImageError::Unsupported(why) => {
            format!("the {format} uses a feature Folio cannot decode ({why})")
        }
        ImageError::Decoding(why) => {
            let why = why.to_string();
            if why.to_lowercase().contains("eof") || why.to_lowercase().contains("end of file") {
                format!("the {format} is truncated")
            } else {
                format!("the {format} is damaged: {why}")
            }
        }
        other => format!("the {format} could not be decoded: {other}"),
    };
    PhotoError::Corrupt(reason)
}

/// Grey stays grey; colour becomes RGB; transparency is laid over white (thumbnails are JPEG).
fn flatten(image: DynamicImage) -> Pixels {
    let (width, height) = (image.width(), image.height());
    match image {
        DynamicImage::ImageLuma8(gray) => Pixels {
            width,
            height,
            gray: true,
            data: gray.into_raw(),
        },
        DynamicImage::ImageLuma16(_) => Pixels {
            width,
            height,
            gray: true,
            data: image.to_luma8().into_raw(),
        },
        image if image.color().has_alpha() => {
            let rgba = image.to_rgba8().into_raw();
            let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
            for px in rgba.chunks_exact(4) {
                let alpha = u16::from(px[3]);
                for &c in &px[..3] {
                    let value = (u16::from(c) * alpha + 255 * (255 - alpha)) / 255;
                    rgb.push(u8::try_from(value).unwrap_or(u8::MAX));
                }
            }
            Pixels {
                width,
                height,
                gray: false,
                data: rgb,
            }
        }
        image => Pixels {
            width,
            height,
            gray: false,
            data: image.to_rgb8().into_raw(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sizes_beyond_200_megapixels_are_refused() {
        assert_eq!(
            check_size(PhotoFormat::Png, 60_000, 60_000),
            Err(PhotoError::TooLarge {
                width: 60_000,
                height: 60_000
            })
        );
        assert!(check_size(PhotoFormat::Jpeg, 16_000, 12_000).is_ok());
        assert!(matches!(
            check_size(PhotoFormat::Gif, 0, 10),
            Err(PhotoError::Corrupt(_))
        ));
    }

    #[test]
    fn cmyk_ink_becomes_rgb() {
        assert_eq!(
            cmyk_to_rgb(&[0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255]),
            [255, 255, 255, 0, 255, 255, 0, 0, 0]
        );
    }

    #[test]
    fn transparent_pixels_are_laid_over_white() {
        let rgba = image::RgbaImage::from_raw(2, 1, vec![255, 0, 0, 255, 0, 0, 0, 0]).unwrap();
        let pixels = flatten(DynamicImage::ImageRgba8(rgba));
        assert_eq!(pixels.data, [255, 0, 0, 255, 255, 255]);
    }
}

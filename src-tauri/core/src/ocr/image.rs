//! Page images as Tesseract takes them: 8-bit grey, decoded from a JPEG, PNG, TIFF, WebP or GIF
//! (the photo decoder, at full size) or from the raw samples of a PDF image.

use crate::photo::decode::Pixels;

/// 8-bit grey pixels, rows top to bottom without padding.
#[derive(Debug, Clone)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// A page this small holds no text worth reading (and Tesseract refuses some).
const MIN_SIDE: u32 = 16;

/// Decodes an image file at full size.
pub fn decode(bytes: &[u8]) -> Result<Gray, String> {
    let format = crate::photo::sniff(bytes)
        .ok_or_else(|| "the page image is not in a format Folio reads".to_string())?;
    let decoded =
        crate::photo::decode::decode(format, bytes, u32::MAX).map_err(|e| e.to_string())?;
    checked(to_gray(decoded.pixels))
}

/// Refuses an image whose header declares more pixels than Folio decodes, before any decoder
/// allocates them; an image whose size cannot be read is left to the decoder to refuse.
pub fn check_size(bytes: &[u8]) -> Result<(), String> {
    let size = if crate::photo::sniff(bytes) == Some(crate::photo::PhotoFormat::Jpeg) {
        let mut decoder = jpeg_decoder::Decoder::new(bytes);
        decoder
            .read_info()
            .ok()
            .and_then(|()| decoder.info())
            .map(|info| (u32::from(info.width), u32::from(info.height)))
    } else {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .ok()
            .and_then(|reader| reader.into_dimensions().ok())
    };
    match size {
        Some((width, height))
            if u64::from(width) * u64::from(height) > crate::photo::MAX_PIXELS =>
        {
            Err(format!(
                "the page image is too large to read ({width}×{height} pixels)"
            ))
        }
        _ => Ok(()),
    }
}

/// Raw PDF samples: 8 bits per component, 1 (grey) or 3 (RGB) components, or 1-bit bilevel.
pub fn from_samples(
    width: u32,
    height: u32,
    components: u32,
    bits: u32,
    data: &[u8],
) -> Result<Gray, String> {
    let (w, h) = (width as usize, height as usize);
    let pixels = match (components, bits) {
        (1, 8) => data.get(..w * h).map(<[u8]>::to_vec),
        (3, 8) => data.get(..w * h * 3).map(|rgb| {
            rgb.chunks_exact(3)
                .map(|p| luma(p[0], p[1], p[2]))
                .collect()
        }),
        (1, 1) => {
            // Rows are padded to whole bytes; 1 is white in DeviceGray.
            let stride = w.div_ceil(8);
            data.get(..stride * h).map(|packed| {
                (0..h)
                    .flat_map(|y| {
                        (0..w).map(move |x| {
                            let byte = packed[y * stride + x / 8];
                            if byte & (0x80 >> (x % 8)) != 0 {
                                255
                            } else {
                                0
                            }
                        })
                    })
                    .collect()
            })
        }
        _ => {
            return Err(format!(
                "the page image has {components} colour components of {bits} bits, \
                 which Folio does not read"
            ));
        }
    };
    let pixels = pixels.ok_or_else(|| "the page image is truncated".to_string())?;
    checked(Gray {
        width,
        height,
        pixels,
    })
}

fn to_gray(pixels: Pixels) -> Gray {
    let data = if pixels.gray {
        pixels.data
    } else {
        pixels
            .data
            .chunks_exact(3)
            .map(|p| luma(p[0], p[1], p[2]))
            .collect()
    };
    Gray {
        width: pixels.width,
        height: pixels.height,
        pixels: data,
    }
}

fn luma(r: u8, g: u8, b: u8) -> u8 {
    let value = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
    u8::try_from(value).unwrap_or(u8::MAX)
}

fn checked(gray: Gray) -> Result<Gray, String> {
    if gray.width < MIN_SIDE || gray.height < MIN_SIDE {
        return Err(format!(
            "the page image is too small to read ({}×{} pixels)",
            gray.width, gray.height
        ));
    }
    Ok(gray)
}

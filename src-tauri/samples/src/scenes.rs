//! Distinct pictures made from a seed, and the copies a press office ends up with: resized,
//! recompressed at low quality, lightly cropped, converted to PNG or WebP, with metadata or
//! without. For the near-duplicate tests and their benchmark.

// Test fixtures: a failure to build one is a failed test, so unwrap is the right response.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use image::imageops::{self, FilterType};
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};

/// A small seeded random source (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0.0..1.0.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn colour(&mut self) -> [f32; 3] {
        [
            self.unit() * 255.0,
            self.unit() * 255.0,
            self.unit() * 255.0,
        ]
    }
}

/// A picture that looks like nothing else made from another seed: a coloured gradient, a dozen
/// discs and blocks, a soft texture and a little grain — structure at every scale, as a photo has.
pub fn scene(seed: u64, width: u32, height: u32) -> RgbImage {
    let mut random = Random(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
    let (top, bottom) = (random.colour(), random.colour());
    let angle = random.unit() * std::f32::consts::TAU;
    let (dx, dy) = (angle.cos(), angle.sin());
    let shapes: Vec<(bool, [f32; 4], [f32; 3])> = (0..12)
        .map(|_| {
            let round = random.unit() < 0.5;
            let place = [
                random.unit(),
                random.unit(),
                0.05 + random.unit() * 0.25,
                0.05 + random.unit() * 0.25,
            ];
            (round, place, random.colour())
        })
        .collect();
    let (waves, phase) = (2.0 + random.unit() * 6.0, random.unit() * 6.0);
    let grain_seed = random.next();
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let t = ((fx - 0.5) * dx + (fy - 0.5) * dy + 0.5).clamp(0.0, 1.0);
        let mut colour = [0.0; 3];
        for (c, value) in colour.iter_mut().enumerate() {
            *value = top[c] * (1.0 - t) + bottom[c] * t;
        }
        for (round, [cx, cy, rx, ry], fill) in &shapes {
            let inside = if *round {
                ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2) < 1.0
            } else {
                (fx - cx).abs() < *rx && (fy - cy).abs() < *ry * 0.6
            };
            if inside {
                colour = *fill;
            }
        }
        let texture = 12.0 * ((fx * waves + phase).sin() * (fy * waves * 1.3 + phase).cos());
        let mut grain = Random(grain_seed ^ (u64::from(y) << 32 | u64::from(x)));
        let noise = (grain.unit() - 0.5) * 10.0;
        Rgb(colour.map(|v| (v + texture + noise).clamp(0.0, 255.0) as u8))
    })
}

/// The picture as a JPEG of this quality (1–100).
pub fn to_jpeg(picture: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            picture.as_raw(),
            u16::try_from(picture.width()).unwrap(),
            u16::try_from(picture.height()).unwrap(),
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

pub fn to_png(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// The picture as a (lossless) WebP: the only WebP encoder without C libraries.
pub fn to_webp(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// The picture scaled so its long side is `side`.
pub fn resized(picture: &RgbImage, side: u32) -> RgbImage {
    let long = picture.width().max(picture.height());
    let scale = |v: u32| (u64::from(v) * u64::from(side) / u64::from(long)).max(1) as u32;
    imageops::resize(
        picture,
        scale(picture.width()),
        scale(picture.height()),
        FilterType::Triangle,
    )
}

/// The picture with `percent` of its width and height cut away, split between the two sides.
pub fn cropped(picture: &RgbImage, percent: u32) -> RgbImage {
    let (w, h) = (picture.width(), picture.height());
    let (cut_w, cut_h) = (w * percent / 100, h * percent / 100);
    imageops::crop_imm(picture, cut_w / 2, cut_h / 2, w - cut_w, h - cut_h).to_image()
}

/// The picture as an agency sends it: a JPEG with its caption in XMP.
pub fn original(picture: &RgbImage) -> Vec<u8> {
    crate::photos::with_segments(
        &to_jpeg(picture, 92),
        &[crate::photos::app1_xmp(&crate::photos::xmp_description(
            crate::photos::CAPTION_EN,
        ))],
    )
}

/// The copies of one picture the near-duplicate finder must recognise, by how each was made.
pub fn derived_copies(picture: &RgbImage) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "resized to half",
            to_jpeg(
                &resized(picture, picture.width().max(picture.height()) / 2),
                85,
            ),
        ),
        ("recompressed at quality 30", to_jpeg(picture, 30)),
        ("cropped by 5 %", to_jpeg(&cropped(picture, 5), 85)),
        ("converted to PNG", to_png(picture)),
        ("converted to WebP", to_webp(picture)),
        ("metadata stripped", to_jpeg(picture, 92)),
    ]
}

//! A photo's perceptual fingerprint: a 64-bit DCT hash (the pHash construction) of its pixels,
//! upright. Copies of one photo — resized, recompressed, lightly cropped, converted to another
//! format, with or without metadata — get fingerprints a few bits apart; different photos differ
//! in about half of their bits. Two fingerprints are compared by the number of bits that differ
//! ([`distance`]).
//!
//! It is made from the smallest thumbnail's pixels, which import has already decoded and resized,
//! so it costs one 32×32 reduction and a partial DCT: microseconds.

/// The side of the grey grid the DCT runs on.
const GRID: usize = 32;
/// The low frequencies kept: an 8×8 block, leaving out the first row and column (the overall
/// brightness and the plain left-right and top-bottom gradients, which carry little of a photo).
const KEPT: usize = 8;

/// The number of bits in which two fingerprints differ: 0 for copies of one photo, about 32 for
/// unrelated photos.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The fingerprint of 8-bit pixels (grey, or RGB when `gray` is false; rows without padding),
/// turned upright by the EXIF `orientation` first.
pub fn of_pixels(
    width: u32,
    height: u32,
    gray: bool,
    data: &[u8],
    orientation: Option<u16>,
) -> u64 {
    let grid = upright(&reduce(width, height, gray, data), orientation);
    hash(&grid)
}

/// The picture's brightness averaged into a 32×32 grid (each cell the mean of the pixels it
/// covers; a picture narrower than the grid repeats its pixels).
fn reduce(width: u32, height: u32, gray: bool, data: &[u8]) -> Vec<f32> {
    let (width, height) = (width.max(1) as usize, height.max(1) as usize);
    let channels = if gray { 1 } else { 3 };
    let luma = |x: usize, y: usize| -> f32 {
        let at = (y * width + x) * channels;
        match data.get(at..at + channels) {
            Some([v]) => f32::from(*v),
            Some([r, g, b]) => {
                0.299 * f32::from(*r) + 0.587 * f32::from(*g) + 0.114 * f32::from(*b)
            }
            _ => 0.0,
        }
    };
    let span = |cell: usize, size: usize| {
        let start = cell * size / GRID;
        let end = ((cell + 1) * size / GRID).max(start + 1).min(size);
        (start.min(size - 1), end)
    };
    let mut grid = vec![0.0; GRID * GRID];
    for gy in 0..GRID {
        let (y0, y1) = span(gy, height);
        for gx in 0..GRID {
            let (x0, x1) = span(gx, width);
            let mut sum = 0.0;
            for y in y0..y1 {
                for x in x0..x1 {
                    sum += luma(x, y);
                }
            }
            grid[gy * GRID + gx] = sum / ((y1 - y0) * (x1 - x0)) as f32;
        }
    }
    grid
}

/// The grid as the photo is meant to be seen (EXIF orientations 2–8: flips and quarter turns).
fn upright(grid: &[f32], orientation: Option<u16>) -> Vec<f32> {
    let last = GRID - 1;
    let source = |x: usize, y: usize| -> (usize, usize) {
        match orientation {
            Some(2) => (last - x, y),
            Some(3) => (last - x, last - y),
            Some(4) => (x, last - y),
            Some(5) => (y, x),
            Some(6) => (y, last - x),
            Some(7) => (last - y, last - x),
            Some(8) => (last - y, x),
            _ => (x, y),
        }
    };
    let mut turned = vec![0.0; GRID * GRID];
    for y in 0..GRID {
        for x in 0..GRID {
            let (sx, sy) = source(x, y);
            turned[y * GRID + x] = grid[sy * GRID + sx];
        }
    }
    turned
}

/// One bit per kept DCT coefficient: set when it is above the median of the kept ones.
fn hash(grid: &[f32]) -> u64 {
    let basis = cosines();
    // Rows first: each row's frequencies 1..=KEPT.
    let mut rows = vec![0.0f32; GRID * KEPT];
    for y in 0..GRID {
        for u in 0..KEPT {
            let row = &grid[y * GRID..(y + 1) * GRID];
            rows[y * KEPT + u] = row.iter().zip(&basis[u + 1]).map(|(p, c)| p * c).sum();
        }
    }
    // Then columns: frequencies 1..=KEPT down each column of row frequencies.
    let mut kept = [0.0f32; KEPT * KEPT];
    for v in 0..KEPT {
        for u in 0..KEPT {
            kept[v * KEPT + u] = (0..GRID)
                .map(|y| rows[y * KEPT + u] * basis[v + 1][y])
                .sum();
        }
    }
    let mut sorted = kept;
    sorted.sort_by(f32::total_cmp);
    let median = (sorted[KEPT * KEPT / 2 - 1] + sorted[KEPT * KEPT / 2]) / 2.0;
    kept.iter()
        .enumerate()
        .filter(|(_, value)| **value > median)
        .fold(0u64, |bits, (index, _)| bits | (1 << index))
}

/// The DCT-II basis for frequencies 0..=KEPT over GRID samples (scale does not matter: only
/// comparisons with the median are kept).
fn cosines() -> Vec<[f32; GRID]> {
    (0..=KEPT)
        .map(|k| {
            let mut row = [0.0; GRID];
            for (n, value) in row.iter_mut().enumerate() {
                let angle =
                    std::f32::consts::PI * (2 * n + 1) as f32 * k as f32 / (2 * GRID) as f32;
                *value = angle.cos();
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture with structure in both directions: a bright disc off-centre on a gradient.
    fn scene(width: u32, height: u32) -> Vec<u8> {
        let mut data = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
                let disc = ((fx - 0.3).powi(2) + (fy - 0.35).powi(2)) < 0.04;
                let value = if disc { 240.0 } else { 40.0 + 120.0 * fx * fy };
                data.extend([value as u8, (value * 0.8) as u8, 255 - value as u8]);
            }
        }
        data
    }

    #[test]
    fn a_resized_copy_is_within_a_few_bits_and_another_picture_is_far() {
        let big = of_pixels(640, 480, false, &scene(640, 480), None);
        let small = of_pixels(160, 120, false, &scene(160, 120), None);
        assert!(distance(big, small) <= 6, "{}", distance(big, small));
        let flipped = of_pixels(640, 480, false, &scene(640, 480), Some(3));
        assert!(distance(big, flipped) >= 16, "{}", distance(big, flipped));
    }

    #[test]
    fn orientation_is_applied_before_hashing() {
        // The stored pixels turned a quarter, with orientation 6 saying so, hash like the
        // upright picture.
        let (w, h) = (64usize, 48usize);
        let upright_pixels = scene(w as u32, h as u32);
        // Stored = upright turned a quarter anticlockwise (what a camera held sideways stores).
        let mut stored = vec![0u8; w * h * 3];
        for y in 0..h {
            for x in 0..w {
                let (sx, sy) = (y, w - 1 - x);
                let to = (sy * h + sx) * 3;
                stored[to..to + 3].copy_from_slice(&upright_pixels[(y * w + x) * 3..][..3]);
            }
        }
        let expected = of_pixels(w as u32, h as u32, false, &upright_pixels, None);
        let turned = of_pixels(h as u32, w as u32, false, &stored, Some(6));
        assert!(
            distance(expected, turned) <= 2,
            "{}",
            distance(expected, turned)
        );
    }

    #[test]
    fn tiny_and_flat_pictures_hash_without_panicking() {
        assert_eq!(
            of_pixels(1, 1, true, &[7], None),
            of_pixels(1, 1, true, &[7], Some(6))
        );
        let _ = of_pixels(300, 1, true, &[9; 300], None);
    }
}

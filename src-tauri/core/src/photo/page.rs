//! Whether a picture is a page of a document — a scanned letter, press release or newspaper
//! clipping — rather than a photograph: mostly plain paper, almost no colour, and lines of
//! text, seen as rows thick with small strokes of ink between rows of bare paper.
//!
//! A photograph of a white wall with rows of windows, or a portrait on a white backdrop, has the
//! paper but not the text: its dark rows hold a few wide shapes, not many narrow strokes.

use super::decode::Pixels;

/// A scan is at least this large on its long side (an A5 page at 150 dpi is 1,240 pixels); smaller
/// pictures are a web page's, and stay photos.
const MIN_LONG_SIDE: usize = 1000;
/// The pixels looked at along the long side; larger pictures are sampled.
const LOOKED_AT: usize = 1200;
/// A page's paper (pixels within reach of its brightest common tone) covers at least this share.
const PAPER_SHARE: f64 = 0.5;
/// A scan of printed text has hardly any coloured pixels.
const COLOUR_SHARE: f64 = 0.06;
/// A pixel this far from grey (largest minus smallest channel) is coloured.
const COLOURED: u8 = 60;
/// Paper is at least this bright (after a scanner's own correction, nearly always 200 or more).
const PAPER_MIN: u8 = 150;
/// Ink is this much darker than the paper.
const INK_BELOW_PAPER: u8 = 90;
/// The page is read in this many vertical bands, so that columns of text whose lines do not
/// line up, and a page turned a few degrees, still show their lines.
const BANDS: usize = 6;
/// A page shows at least this many lines of text in one band…
const MIN_LINES: usize = 5;
/// …from the first to the last over at least this share of its height.
const TEXT_EXTENT: f64 = 0.15;

/// True when `pixels` look like a page of printed text, upright or on its side.
pub fn looks_like_a_page(pixels: &Pixels) -> bool {
    let Some(luma) = Luma::of(pixels) else {
        return false;
    };
    luma.has_lines_of_text(false) || luma.has_lines_of_text(true)
}

/// The picture's brightness, sampled, with its paper and ink levels.
struct Luma {
    width: usize,
    height: usize,
    values: Vec<u8>,
    ink_below: u8,
}

impl Luma {
    /// None when the picture is too small, coloured, or without enough plain paper.
    fn of(pixels: &Pixels) -> Option<Self> {
        let (width, height) = (pixels.width as usize, pixels.height as usize);
        let channels = if pixels.gray { 1 } else { 3 };
        if width.max(height) < MIN_LONG_SIDE
            || width.min(height) < 200
            || pixels.data.len() < width * height * channels
        {
            return None;
        }
        let step = width.max(height).div_ceil(LOOKED_AT);
        let (sampled_width, sampled_height) = (width.div_ceil(step), height.div_ceil(step));
        let mut values = Vec::with_capacity(sampled_width * sampled_height);
        let mut histogram = [0usize; 256];
        let mut coloured = 0usize;
        // Most photographs are told apart by their colour within their first rows.
        let too_colourful = (COLOUR_SHARE * (sampled_width * sampled_height) as f64) as usize;
        for y in (0..height).step_by(step) {
            if coloured > too_colourful {
                return None;
            }
            let row = &pixels.data[y * width * channels..(y + 1) * width * channels];
            for pixel in row.chunks_exact(channels).step_by(step) {
                let value = if let [red, green, blue] = *pixel {
                    let (high, low) = (red.max(green).max(blue), red.min(green).min(blue));
                    if high - low > COLOURED {
                        coloured += 1;
                    }
                    ((77 * u32::from(red) + 150 * u32::from(green) + 29 * u32::from(blue)) >> 8)
                        as u8
                } else {
                    pixel[0]
                };
                histogram[usize::from(value)] += 1;
                values.push(value);
            }
        }
        let total = values.len();
        if coloured as f64 > COLOUR_SHARE * total as f64 {
            return None;
        }
        // The paper: the tone that the brightest tenth of the picture begins at.
        let mut brighter = 0;
        let paper = (0..=255u8)
            .rev()
            .find(|&tone| {
                brighter += histogram[usize::from(tone)];
                brighter as f64 >= 0.1 * total as f64
            })
            .unwrap_or(0);
        let paper_floor = usize::from(paper.saturating_sub(40));
        let on_paper: usize = histogram[paper_floor..].iter().sum();
        if paper < PAPER_MIN || (on_paper as f64) < PAPER_SHARE * total as f64 {
            return None;
        }
        Some(Luma {
            width: sampled_width,
            height: sampled_height,
            values,
            ink_below: paper - INK_BELOW_PAPER,
        })
    }

    fn at(&self, x: usize, y: usize) -> u8 {
        self.values[y * self.width + x]
    }

    /// Whether half the bands or more show a page's lines of text, reading rows (or,
    /// `sideways`, columns): enough of them, over a good part of the page. A poster's title and
    /// credits or a drawing's labels are a few lines in a corner or down one side.
    fn has_lines_of_text(&self, sideways: bool) -> bool {
        let (across, along) = if sideways {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        };
        let band_width = across / BANDS;
        if band_width < 20 {
            return false;
        }
        let with_lines = (0..BANDS).filter(|&band| {
            let start = band * band_width;
            let rows = (0..along).map(|line| {
                let ink = (start..start + band_width).map(|across| {
                    let (x, y) = if sideways {
                        (line, across)
                    } else {
                        (across, line)
                    };
                    self.at(x, y) < self.ink_below
                });
                Row::of(ink, band_width)
            });
            let (lines, extent) = count_lines(rows);
            lines >= MIN_LINES && extent as f64 >= TEXT_EXTENT * along as f64
        });
        with_lines.count() >= BANDS / 2
    }
}

/// What one row of a band holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    /// Bare paper (a speck or two at most).
    Blank,
    /// A little ink: the tops of tall letters, the tails of low ones, a dot.
    Sparse,
    /// Ink in many narrow strokes: the middle of a line of letters.
    Text,
    /// Ink in a few wide shapes: a picture, a rule, the edge of something.
    Other,
}

impl Row {
    fn of(ink: impl Iterator<Item = bool>, width: usize) -> Row {
        let (mut inked, mut strokes, mut previous) = (0usize, 0usize, false);
        for is_ink in ink {
            if is_ink {
                inked += 1;
                if !previous {
                    strokes += 1;
                }
            }
            previous = is_ink;
        }
        let share = inked as f64 / width as f64;
        // Letters: at least three strokes per hundred pixels, each only a few pixels wide.
        let letters = strokes * 100 >= 3 * width && inked <= 12 * strokes;
        if share < 0.005 {
            Row::Blank
        } else if letters {
            Row::Text
        } else if share < 0.02 {
            Row::Sparse
        } else {
            Row::Other
        }
    }
}

/// Lines of text: runs of inked rows (a single bare row inside one does not end it) between
/// bare rows, at least two of them rows of letters and no fewer than rows of wide shapes.
/// Answers how many, and the rows from the first one's start to the last one's end.
fn count_lines(rows: impl Iterator<Item = Row>) -> (usize, usize) {
    // The edge of the picture counts as bare paper.
    let (mut lines, mut blank_run, mut letters, mut shapes) = (0, 2usize, 0usize, 0usize);
    let (mut start, mut first, mut last) = (0usize, None, 0usize);
    for (at, row) in rows.enumerate() {
        if row == Row::Blank {
            blank_run += 1;
            if blank_run == 2 {
                if letters >= 2 && letters >= shapes {
                    lines += 1;
                    first.get_or_insert(start);
                    last = at;
                }
                (letters, shapes) = (0, 0);
            }
            continue;
        }
        if blank_run >= 2 {
            start = at;
        }
        blank_run = 0;
        match row {
            Row::Text => letters += 1,
            Row::Other => shapes += 1,
            Row::Blank | Row::Sparse => {}
        }
    }
    (lines, first.map_or(0, |first| last - first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(width: u32, height: u32, paint: impl Fn(u32, u32) -> u8) -> Pixels {
        let mut data = Vec::with_capacity((width * height) as usize);
        for y in 0..height {
            for x in 0..width {
                data.push(paint(x, y));
            }
        }
        Pixels {
            width,
            height,
            gray: true,
            data,
        }
    }

    /// Lines of "letters" (2 px strokes every 6 px) 14 px high, every 40 px, with margins.
    fn page(x: u32, y: u32) -> u8 {
        let in_text = (80..1100).contains(&x) && (100..1600).contains(&y);
        let in_line = y.saturating_sub(100) % 40 < 14;
        let stroke = x % 6 < 2 && (x / 90) % 7 != 6;
        if in_text && in_line && stroke {
            20
        } else {
            245
        }
    }

    #[test]
    fn a_page_of_text_is_a_page_upright_and_on_its_side() {
        assert!(looks_like_a_page(&gray(1240, 1754, page)));
        assert!(looks_like_a_page(&gray(1754, 1240, |x, y| page(y, x))));
    }

    #[test]
    fn paper_without_text_or_with_wide_shapes_is_not() {
        assert!(!looks_like_a_page(&gray(1240, 1754, |_, _| 250)));
        // Rows of dark windows on a white wall: wide shapes, not strokes.
        let wall = |x: u32, y: u32| {
            if y % 60 < 25 && x % 120 < 50 { 40 } else { 235 }
        };
        assert!(!looks_like_a_page(&gray(1600, 1200, wall)));
        // A dark figure on a white backdrop.
        let portrait = |x: u32, y: u32| {
            let (dx, dy) = (x as i64 - 500, y as i64 - 600);
            if dx * dx + dy * dy / 2 < 200 * 200 {
                30
            } else {
                240
            }
        };
        assert!(!looks_like_a_page(&gray(1000, 1200, portrait)));
    }

    #[test]
    fn a_dark_or_coloured_picture_is_not() {
        assert!(!looks_like_a_page(&gray(1240, 1754, |x, y| page(x, y) / 3)));
        let mut coloured = Vec::new();
        for y in 0..1754 {
            for x in 0..1240 {
                let tone = page(x, y);
                // Text over a red field in the upper half.
                let red = if y < 900 { [230, 40, 40] } else { [tone; 3] };
                coloured.extend_from_slice(&red);
            }
        }
        let coloured = Pixels {
            width: 1240,
            height: 1754,
            gray: false,
            data: coloured,
        };
        assert!(!looks_like_a_page(&coloured));
    }

    #[test]
    fn lines_are_inked_rows_between_bare_ones() {
        use Row::{Blank, Other, Sparse, Text};
        let rows = [
            Blank, Sparse, Text, Text, Sparse, Blank, Blank, Text, Blank, Text, Text, Blank, Blank,
        ];
        assert_eq!(
            count_lines(rows.into_iter()),
            (2, 11),
            "a single bare row is inside a line"
        );
        let picture = [Blank, Blank, Other, Other, Text, Text, Other, Blank, Blank];
        assert_eq!(count_lines(picture.into_iter()).0, 0, "mostly wide shapes");
        let unfinished = [Blank, Blank, Text, Text, Text];
        assert_eq!(count_lines(unfinished.into_iter()).0, 0);
    }
}

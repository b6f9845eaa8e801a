//! Text utilities shared by every importer: caption/credit splitting, language detection and
//! partial dates, for English, Chinese and Russian material.

pub mod credit;
pub mod dates;
pub mod language;

pub use credit::{CaptionCredit, looks_like_caption_line, split_credit};
pub use dates::{DatePrecision, PartialDate, parse_date, parse_timestamp};
pub use language::detect_language;

use regex::Regex;

/// Compiles one of the module's constant patterns. The patterns are literals exercised by the
/// tests, so a failure here is a programming error, not an input-dependent one.
#[allow(clippy::expect_used)]
pub(crate) fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("constant regex pattern compiles")
}

/// A size for people: `512 bytes`, `1.5 KB`, `256 MB`, `4 GB` (units of 1024).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    // One decimal only where it says something: 1.5 KB, but 256 MB rather than 256.0 MB.
    if unit == 0 || value >= 9.95 || (value * 10.0).round() % 10.0 == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Collapses runs of whitespace (including non-breaking and ideographic spaces) to one space
/// and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whole words are copied at once: this runs over every text node of every page.
    let words = text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
        .filter(|word| !word.is_empty());
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(2047), "2 KB");
        assert_eq!(human_size(256 << 20), "256 MB");
        assert_eq!(human_size(4 << 30), "4 GB");
        assert_eq!(human_size((9 << 30) + (999 << 20)), "10 GB");
        assert_eq!(human_size(3 << 40), "3 TB");
    }
}

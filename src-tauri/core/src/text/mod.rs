//! Text utilities shared by every importer: caption/credit splitting, language detection and
//! partial dates, for English, Chinese and Russian material.

pub mod credit;
pub mod dates;
pub mod language;

pub use credit::{CaptionCredit, looks_like_caption_line, split_credit};
pub use dates::{DatePrecision, PartialDate, parse_date};
pub use language::detect_language;

use regex::Regex;

/// Compiles one of the module's constant patterns. The patterns are literals exercised by the
/// tests, so a failure here is a programming error, not an input-dependent one.
#[allow(clippy::expect_used)]
pub(crate) fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("constant regex pattern compiles")
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

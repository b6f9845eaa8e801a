//! Character error rate: how far text read by OCR is from the text known to be on the page —
//! the edit distance between the two (insertions, deletions, substitutions of characters)
//! divided by the length of the known text. Whitespace is left out of both, so that line breaks
//! and the spaces Tesseract puts or leaves out between Chinese characters do not count.

/// The character error rate of `read` against `truth` (0.0 is exact).
pub fn character_error_rate(truth: &str, read: &str) -> f64 {
    let truth: Vec<char> = truth.chars().filter(|c| !c.is_whitespace()).collect();
    let read: Vec<char> = read.chars().filter(|c| !c.is_whitespace()).collect();
    if truth.is_empty() {
        return if read.is_empty() { 0.0 } else { 1.0 };
    }
    edit_distance(&truth, &read) as f64 / truth.len() as f64
}

/// Levenshtein distance with one row of memory.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_text_has_no_errors_whatever_its_spacing() {
        assert_eq!(character_error_rate("开幕 式", "开 幕式\n"), 0.0);
    }

    #[test]
    fn one_wrong_character_in_ten_is_ten_percent() {
        let rate = character_error_rate("abcdefghij", "abcdefghiX");
        assert!((rate - 0.1).abs() < 1e-9, "{rate}");
        let rate = character_error_rate("Москва", "Москв");
        assert!((rate - 1.0 / 6.0).abs() < 1e-9, "{rate}");
    }
}

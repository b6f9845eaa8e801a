//! Text from metadata blocks: byte decoding (UTF-8, legacy Windows-1252/Latin-1) and the clean-up
//! every caption, credit and keyword gets before it reaches the archive.

/// Decodes bytes whose charset is not declared: UTF-8 when they are valid UTF-8 (as most modern
/// writers produce), otherwise the legacy Windows-1252 superset of Latin-1.
pub fn decode_guess(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => decode_legacy(bytes),
    }
}

/// Decodes Windows-1252, which agrees with Latin-1 except that 0x80–0x9F are printable
/// characters (curly quotes, dashes, €) instead of control codes.
pub fn decode_legacy(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252(b)).collect()
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// One-line text (credit, byline, keyword, title): control characters become spaces, runs of
/// whitespace one space, ends trimmed.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Multi-line text (captions): line breaks kept as `\n` (at most one blank line in a row),
/// other control characters dropped, each line trimmed.
pub fn clean_multiline(s: &str) -> String {
    let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normalised.len());
    let mut blank_run = 0;
    for line in normalised.split('\n') {
        let line: String = line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let line = line.trim();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_utf8_is_decoded_as_utf8() {
        assert_eq!(decode_guess("Москва 北京".as_bytes()), "Москва 北京");
    }

    #[test]
    fn legacy_bytes_are_decoded_as_windows_1252() {
        assert_eq!(
            decode_guess(b"Caf\xe9 \x93Zurich\x94 \x80"),
            "Café “Zurich” €"
        );
    }

    #[test]
    fn lines_lose_control_characters_and_extra_spaces() {
        assert_eq!(clean_line("  AP /\tReuters\0 \n"), "AP / Reuters");
    }

    #[test]
    fn captions_keep_paragraphs_but_not_runs_of_blank_lines() {
        let text = "  Первая строка \r\nsecond\r\n\r\n\r\n\t第三段\u{7}  \n";
        assert_eq!(clean_multiline(text), "Первая строка\nsecond\n\n第三段");
    }
}

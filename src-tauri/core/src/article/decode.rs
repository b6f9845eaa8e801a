//! Bytes to text for files that do not say their encoding reliably: BOMs, UTF-16, a declared
//! charset when there is one, and otherwise a byte-pattern guess between UTF-8, GBK/GB18030
//! (Chinese), windows-1251 and KOI8-R (Russian) and windows-1252 (Western).

use encoding_rs::{
    Encoding, GB18030, KOI8_R, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1251, WINDOWS_1252,
};

use super::ArticleError;

/// Decodes `bytes`, honouring a BOM first, then `declared` (from `<meta charset>` or a MIME
/// header), then guessing. Fails only on binary data that is no text in any of them.
pub(super) fn decode_text(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<String, ArticleError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Some(utf16) = utf16_without_bom(bytes) {
        let (text, _) = utf16.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(ArticleError::Undecodable);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    // A declared encoding is believed unless it is UTF-8 and the bytes say otherwise.
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        let (text, _, _) = encoding.decode(bytes);
        return Ok(text.into_owned());
    }
    let guess = guess_legacy(bytes);
    let (text, _, _) = guess.decode(bytes);
    Ok(text.into_owned())
}

/// The encoding a charset label names (`gb2312`, `windows-1251`, `utf-8`, …), per WHATWG.
pub(super) fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())
}

/// The charset a page declares in its first bytes: `<meta charset>`, `<meta http-equiv
/// content-type>` or an XML declaration. A declared UTF-16 in an ASCII-compatible page is a
/// lie (WHATWG): it is read as UTF-8.
pub(super) fn sniff_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static CHARSET: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        // A constant pattern the tests exercise: it cannot fail on any input.
        #[allow(clippy::expect_used)]
        regex::bytes::Regex::new(
            r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-z0-9_.:-]{2,40})"#,
        )
        .expect("constant regex pattern compiles")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let caps = CHARSET.captures(head)?;
    let label = caps.get(1).or_else(|| caps.get(2))?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding
    })
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII-range text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nul * 10 > pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control bytes other than tab, newline, form feed and carriage return mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 100 > sample.len().max(1) || sample.contains(&0)
}

/// Chooses a legacy encoding from byte patterns. Runs of bytes ≥ 0x80 between ASCII are
/// always of even length in GBK Chinese (two bytes a character), of any length in Cyrillic
/// words, and mostly single in Western text with a few accented letters. Mostly valid UTF-8
/// with a few damaged bytes stays UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(256 * 1024)];
    let (valid_multibyte, invalid) = utf8_quality(sample);
    if valid_multibyte > 0 && invalid * 20 < valid_multibyte {
        return UTF_8;
    }
    let mut runs = 0usize;
    let mut odd_runs = 0usize;
    let mut run_bytes = 0usize;
    let mut high_lower_1251 = 0usize; // 0xE0..=0xFF: lowercase Cyrillic in windows-1251
    let mut high_lower_koi8 = 0usize; // 0xC0..=0xDF: lowercase Cyrillic in KOI8-R
    let mut current = 0usize;
    for &b in sample.iter().chain(std::iter::once(&b' ')) {
        if b >= 0x80 {
            current += 1;
            match b {
                0xE0..=0xFF => high_lower_1251 += 1,
                0xC0..=0xDF => high_lower_koi8 += 1,
                _ => {}
            }
        } else if current > 0 {
            runs += 1;
            run_bytes += current;
            odd_runs += current % 2;
            current = 0;
        }
    }
    if runs == 0 {
        return WINDOWS_1252;
    }
    if odd_runs * 20 < runs {
        return GB18030;
    }
    if run_bytes < runs * 2 {
        return WINDOWS_1252;
    }
    if high_lower_koi8 > high_lower_1251 {
        KOI8_R
    } else {
        WINDOWS_1251
    }
}

/// (multi-byte characters that decode, bytes that do not) under UTF-8.
fn utf8_quality(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_decodes() {
        assert_eq!(
            decode_text("Привет, 世界".as_bytes(), None).unwrap(),
            "Привет, 世界"
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Title".as_bytes());
        assert_eq!(decode_text(&bom, None).unwrap(), "Title");
    }

    #[test]
    fn utf16_with_bom_or_ascii_pattern_decodes() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Диалог in Moscow".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&le, None).unwrap(), "Диалог in Moscow");
        let mut be = vec![0xFE, 0xFF];
        be.extend("中俄创新对话".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be, None).unwrap(), "中俄创新对话");
        let bare: Vec<u8> = "Innovation dialogue held"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_text(&bare, None).unwrap(),
            "Innovation dialogue held"
        );
    }

    #[test]
    fn gbk_chinese_is_recognised_without_a_label() {
        let text =
            "第二届中俄创新对话在莫斯科举行。\n双方签署了联合宣言, 确定了2019-2024年工作计划。";
        assert_eq!(decode_text(&encode(GB18030, text), None).unwrap(), text);
    }

    #[test]
    fn windows_1251_and_koi8_russian_are_recognised_without_a_label() {
        let text = "Второй российско-китайский диалог по инновациям прошёл в Москве 16 октября.";
        assert_eq!(
            decode_text(&encode(WINDOWS_1251, text), None).unwrap(),
            text
        );
        assert_eq!(decode_text(&encode(KOI8_R, text), None).unwrap(), text);
    }

    #[test]
    fn western_accents_decode_as_windows_1252() {
        let text = "Café société — the naïve résumé";
        assert_eq!(
            decode_text(&encode(WINDOWS_1252, text), None).unwrap(),
            text
        );
    }

    #[test]
    fn a_declared_encoding_wins_over_guessing() {
        let text = "Диалог";
        let bytes = encode(WINDOWS_1251, text);
        assert_eq!(
            decode_text(&bytes, encoding_for_label("windows-1251")).unwrap(),
            text
        );
        assert_eq!(encoding_for_label("gb2312").map(|e| e.name()), Some("GBK"));
    }

    #[test]
    fn utf8_with_a_few_damaged_bytes_stays_utf8() {
        let mut bytes = "Привет мир, это длинный русский текст в UTF-8. "
            .repeat(10)
            .into_bytes();
        bytes.push(0xFF);
        let text = decode_text(&bytes, None).unwrap();
        assert!(text.starts_with("Привет мир"));
    }

    #[test]
    fn html_charset_declarations_are_found() {
        let name = |b: &[u8]| sniff_html_charset(b).map(|e| e.name());
        assert_eq!(name(br#"<html><head><meta charset="gb2312">"#), Some("GBK"));
        assert_eq!(
            name(br#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#),
            Some("windows-1251")
        );
        assert_eq!(
            name(br#"<?xml version="1.0" encoding="koi8-r"?><html>"#),
            Some("KOI8-R")
        );
        assert_eq!(name(br#"<meta charset="utf-16">"#), Some("UTF-8"));
        assert_eq!(name(b"<html><body>no charset</body></html>"), None);
        assert_eq!(name(br#"<meta charset="no-such-charset">"#), None);
    }

    #[test]
    fn binary_garbage_is_refused() {
        let garbage: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(matches!(
            decode_text(&garbage, None),
            Err(ArticleError::Undecodable)
        ));
        assert!(matches!(
            decode_text(b"\x00\x01\x02\x03text", None),
            Err(ArticleError::Undecodable)
        ));
    }
}

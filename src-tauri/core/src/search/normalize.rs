//! Unicode NFKC and case folding for the search analyzer, one original character cluster at a
//! time, so every normalized character still knows which bytes of the original text it came from.
//!
//! Whole-string normalization would lose that link: NFKC turns `ﬁ` into two characters and
//! full-width `Ｓ` (3 bytes) into `s` (1 byte), and snippets must be cut from the original text.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// One normalized character and the byte range of the original text it came from. Several
/// normalized characters may share a range (`ﬁ` → `f`, `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormChar {
    pub ch: char,
    pub start: usize,
    pub end: usize,
}

/// Yields the NFKC + case-folded characters of a text with their original byte ranges.
pub struct Normalized<'a> {
    text: &'a str,
    position: usize,
    /// Characters of the current cluster not yet yielded, in reverse order.
    pending: Vec<NormChar>,
}

impl<'a> Normalized<'a> {
    pub fn new(text: &'a str) -> Self {
        Normalized {
            text,
            position: 0,
            pending: Vec::new(),
        }
    }
}

impl Iterator for Normalized<'_> {
    type Item = NormChar;

    fn next(&mut self) -> Option<NormChar> {
        if let Some(pending) = self.pending.pop() {
            return Some(pending);
        }
        let rest = self.text.get(self.position..)?;
        let bytes = rest.as_bytes();
        let first = *bytes.first()?;
        let start = self.position;
        // Fast path: an ASCII character not followed by a combining mark is its own cluster.
        if first.is_ascii() && bytes.get(1).is_none_or(u8::is_ascii) {
            self.position += 1;
            return Some(NormChar {
                ch: char::from(first.to_ascii_lowercase()),
                start,
                end: start + 1,
            });
        }
        // Fast path: a character NFKC keeps and that folds to one character, when the next one
        // cannot combine with it (most Cyrillic and Han text).
        let mut chars = rest.chars();
        if let Some(c) = chars.next()
            && let Some(folded) = simple_fold(c)
            && chars.next().is_none_or(never_combines)
        {
            self.position += c.len_utf8();
            return Some(NormChar {
                ch: folded,
                start,
                end: self.position,
            });
        }
        let end = start + cluster_len(rest);
        self.position = end;
        let cluster = &self.text[start..end];
        let pending = &mut self.pending;
        let mut emit = |ch| pending.push(NormChar { ch, start, end });
        let mut chars = cluster.chars();
        match (chars.next(), chars.next()) {
            // Most non-ASCII characters (Cyrillic, Han) are already NFKC: skip the normalizer.
            (Some(c), None) if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes => {
                fold(c, &mut emit);
            }
            _ => cluster.nfkc().for_each(|c| fold(c, &mut emit)),
        }
        self.pending.reverse();
        self.next()
    }
}

/// Length in bytes of the cluster at the start of `text`: one starter and the characters that
/// NFKC may combine with it (combining marks, and Hangul vowel/final jamo after a leading one).
fn cluster_len(text: &str) -> usize {
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let mut end = first.len_utf8();
    for (offset, c) in chars {
        if !combines_with_previous(c) {
            break;
        }
        end = offset + c.len_utf8();
    }
    end
}

fn combines_with_previous(c: char) -> bool {
    canonical_combining_class(c) != 0 || ('\u{1161}'..='\u{11C2}').contains(&c)
}

/// The folded form of characters that NFKC leaves alone and that fold to one character, for
/// the common scripts; `None` for anything that needs the general path.
fn simple_fold(c: char) -> Option<char> {
    let code = u32::from(c);
    let folded = match code {
        0x0401 | 0x0451 => 'е', // Ё ё
        0x0410..=0x042F => char::from_u32(code + 0x20)?,
        0x0400..=0x040F => char::from_u32(code + 0x50)?,
        0x0430..=0x045F => c,
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => c,
        _ => return None,
    };
    Some(folded)
}

/// Characters that are certainly starters no later character composes into (Hangul
/// syllables can take a trailing jamo, but those are not in this set).
fn never_combines(c: char) -> bool {
    c.is_ascii()
        || matches!(
            u32::from(c),
            0x0400..=0x045F
                | 0x2000..=0x206F // General punctuation
                | 0x3000..=0x3029 // CJK punctuation, before the tone marks
                | 0x3041..=0x3096
                | 0x30A1..=0x30FA
                | 0x4E00..=0x9FFF
                | 0xAC00..=0xD7A3
                | 0xFF01..=0xFF5E // Full-width forms
        )
}

/// Case folding, close to Unicode full case folding for the scripts Folio's users write, plus
/// the search folds a Russian reader expects: `ё` is written as `е` in most texts.
fn fold(c: char, emit: &mut impl FnMut(char)) {
    match c {
        'ё' | 'Ё' => emit('е'),
        'ß' | 'ẞ' => {
            emit('s');
            emit('s');
        }
        'ς' => emit('σ'),
        // Turkish dotted capital I: a plain `i` rather than `i` plus a combining dot.
        'İ' => emit('i'),
        // Typographic apostrophes, so `Russia’s` and `Russia's` analyze alike.
        '\u{2019}' | '\u{02BC}' => emit('\''),
        c if c.is_lowercase() || !c.is_alphabetic() => emit(c),
        c => c.to_lowercase().for_each(emit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        Normalized::new(text).map(|n| n.ch).collect()
    }

    #[test]
    fn full_width_latin_folds_to_ascii_lower_case() {
        assert_eq!(normalized("ＳＫＯＬＫＯＶＯ"), "skolkovo");
    }

    #[test]
    fn russian_yo_folds_to_ye_in_any_case_and_decomposed_form() {
        assert_eq!(normalized("Ёлка ёж"), "елка еж");
        assert_eq!(normalized("е\u{308}ж"), "еж");
    }

    #[test]
    fn ligatures_expand_and_keep_the_original_range() {
        let chars: Vec<NormChar> = Normalized::new("ﬁx").collect();
        assert_eq!(
            chars.iter().map(|n| n.ch).collect::<String>(),
            "fix",
            "ﬁ expands to f, i"
        );
        assert_eq!((chars[0].start, chars[0].end), (0, 3));
        assert_eq!((chars[1].start, chars[1].end), (0, 3));
        assert_eq!((chars[2].start, chars[2].end), (3, 4));
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_one() {
        for c in [
            '\u{400}', 'Ѐ', 'Я', 'я', 'ё', 'Ё', 'џ', 'ぁ', 'ア', '中', '가', '힣',
        ] {
            let mut general = Vec::new();
            std::iter::once(c)
                .nfkc()
                .for_each(|n| fold(n, &mut |f| general.push(f)));
            assert_eq!(simple_fold(c).map(|f| vec![f]), Some(general), "{c}");
        }
    }

    #[test]
    fn a_combining_mark_after_cyrillic_takes_the_general_path() {
        assert_eq!(normalized("И\u{306}"), "й");
    }

    #[test]
    fn every_range_points_into_the_original_text() {
        let text = "Ａb ё\u{301} 中国 ﬀ";
        for n in Normalized::new(text) {
            assert!(text.get(n.start..n.end).is_some(), "{n:?}");
        }
    }
}

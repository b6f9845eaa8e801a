//! An article's text sketch: the 64 smallest hashes of its shingles (a bottom-k MinHash). Two
//! sketches estimate how much of their text two articles share (the Jaccard similarity of their
//! shingle sets), so one press release saved as DOCX, PDF and a web page, or saved twice with
//! small edits, is recognised without comparing whole texts.
//!
//! Shingles are three consecutive words after NFKC and lower-casing; Chinese and Japanese, written
//! without spaces, count each character as a word (character trigrams). The hash is our own
//! (FNV-1a and a SplitMix finaliser), so a stored sketch means the same on every platform and in
//! every version.

use std::collections::BTreeSet;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::search::is_cjk;

/// How many hashes a sketch keeps: enough to tell 0.5 from 0.9 similarity (standard error ~0.06).
pub const SKETCH_SIZE: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Only the first words of a very long text are sketched: a press release fits many times over.
const MAX_WORDS: usize = 50_000;

/// The sketch of a text, smallest hash first; empty for a text without words.
pub fn of_text(text: &str) -> Vec<u32> {
    let words = Words::of(text);
    let mut smallest = Smallest::default();
    if words.spans.len() < SHINGLE {
        // A text of one or two words is one shingle of them all.
        if !words.spans.is_empty() {
            smallest.offer(shingle_hash(&words.text, &words.spans));
        }
    } else {
        rolling_shingle_hashes(&words, |hash| smallest.offer(hash));
    }
    smallest.hashes.into_iter().collect()
}

/// The [`SKETCH_SIZE`] smallest hashes offered.
struct Smallest {
    hashes: BTreeSet<u32>,
    /// Offers not below this are not kept: the largest kept once the set is full.
    bound: u32,
}

impl Default for Smallest {
    fn default() -> Self {
        Self {
            hashes: BTreeSet::new(),
            bound: u32::MAX,
        }
    }
}

impl Smallest {
    fn offer(&mut self, hash: u32) {
        if self.hashes.len() < SKETCH_SIZE {
            self.hashes.insert(hash);
            if self.hashes.len() == SKETCH_SIZE {
                self.bound = self.hashes.last().copied().unwrap_or(u32::MAX);
            }
        } else if hash < self.bound && self.hashes.insert(hash) {
            self.hashes.pop_last();
            self.bound = self.hashes.last().copied().unwrap_or(u32::MAX);
        }
    }
}

/// The estimated share of text two sketches' articles have in common, 0.0–1.0: of the smallest
/// hashes of both together, the fraction found in both.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut taken, mut shared) = (0, 0, 0usize, 0usize);
    while taken < SKETCH_SIZE && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                shared += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        taken += 1;
    }
    if taken == 0 {
        0.0
    } else {
        shared as f64 / taken as f64
    }
}

/// The sketch as stored: 4 bytes per hash, little-endian.
pub fn to_bytes(sketch: &[u32]) -> Vec<u8> {
    sketch.iter().flat_map(|hash| hash.to_le_bytes()).collect()
}

/// A stored sketch read back (trailing bytes that make no whole hash are ignored).
pub fn from_bytes(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
        .collect()
}

/// The text's words, normalised: runs of letters and digits, each CJK character a word of its
/// own. They are kept as spans of one normalised text: a sketch is made for every article an
/// import brings, and a string per word cost more than the hashing (and fragmented memory across
/// the import's threads).
struct Words {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl Words {
    fn of(text: &str) -> Self {
        let mut words = Words {
            text: String::new(),
            spans: Vec::new(),
        };
        // Most texts are NFKC already (all ASCII is), or nearly: normalising them character by
        // character through the general tables was the larger part of a sketch's cost. ASCII
        // needs no decoding; the characters of English, Russian and Chinese press texts are
        // their own NFKC, or one character of it (see [`nfkc_of_common`]).
        if text.is_ascii() {
            words.add_ascii(text);
        } else if text.chars().all(|c| nfkc_of_common(c).is_some()) {
            words.add(text.chars().filter_map(nfkc_of_common));
        } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            words.add(text.chars());
        } else {
            words.add(text.nfkc());
        }
        words
    }

    fn add(&mut self, chars: impl Iterator<Item = char>) {
        self.text.reserve(chars.size_hint().0);
        let mut start = None;
        for c in chars {
            // The characters met most often are lower-cased and classed without the general
            // tables: none of CJK has case, and Russian's letters are one block.
            let done = match c {
                _ if c.is_ascii() => {
                    let class = if c.is_ascii_alphanumeric() {
                        Class::Letter
                    } else {
                        Class::Break
                    };
                    self.step(c.to_ascii_lowercase(), class, &mut start)
                }
                _ if is_cjk(c) => self.step(c, Class::Cjk, &mut start),
                'а'..='я' | 'ё' => self.step(c, Class::Letter, &mut start),
                'А'..='Я' => {
                    let lower = char::from_u32(u32::from(c) + 0x20).unwrap_or(c);
                    self.step(lower, Class::Letter, &mut start)
                }
                'Ё' => self.step('ё', Class::Letter, &mut start),
                _ => c
                    .to_lowercase()
                    .all(|lower| self.step(lower, Class::of(lower), &mut start)),
            };
            if !done {
                return;
            }
        }
        // The last word is kept only within the limit (the words of a CJK run may pass it by
        // one: stored sketches depend on exactly this).
        if self.spans.len() < MAX_WORDS {
            self.end_word(&mut start);
        }
    }

    /// Takes one lower-case character of the given class; false once the text has
    /// [`MAX_WORDS`] words.
    fn step(&mut self, c: char, class: Class, start: &mut Option<usize>) -> bool {
        if self.spans.len() >= MAX_WORDS {
            return false;
        }
        match class {
            Class::Cjk => {
                self.end_word(start);
                let at = self.text.len();
                self.text.push(c);
                self.spans.push((at, self.text.len()));
            }
            Class::Letter => {
                start.get_or_insert(self.text.len());
                self.text.push(c);
            }
            Class::Break => self.end_word(start),
        }
        true
    }

    /// The same words as [`Words::add`] gives an ASCII text, read byte by byte: lower case and
    /// "letter or digit" are the ASCII ones, and no ASCII character is CJK.
    fn add_ascii(&mut self, text: &str) {
        self.text = text.to_ascii_lowercase();
        let bytes = self.text.as_bytes();
        let mut start = None;
        for (at, byte) in bytes.iter().enumerate() {
            if self.spans.len() >= MAX_WORDS {
                return;
            }
            if byte.is_ascii_alphanumeric() {
                start.get_or_insert(at);
            } else if let Some(from) = start.take() {
                self.spans.push((from, at));
            }
        }
        if let Some(from) = start
            && self.spans.len() < MAX_WORDS
        {
            self.spans.push((from, bytes.len()));
        }
    }

    /// Closes the word begun at `start`, if one was.
    fn end_word(&mut self, start: &mut Option<usize>) {
        if let Some(at) = start.take() {
            self.spans.push((at, self.text.len()));
        }
    }
}

/// What a (normalised, lower-case) character is to the words of a text.
#[derive(Clone, Copy)]
enum Class {
    /// A CJK character: a word of its own.
    Cjk,
    /// A letter or digit: part of a word.
    Letter,
    /// Anything else: ends a word.
    Break,
}

impl Class {
    fn of(c: char) -> Self {
        if is_cjk(c) {
            Class::Cjk
        } else if c.is_alphanumeric() {
            Class::Letter
        } else {
            Class::Break
        }
    }
}

/// The NFKC form of a character common in English, Russian and Chinese texts, which is one
/// character and the same wherever the character stands; `None` for any other character. None
/// of these is a combining mark and no two of them compose, so a text made only of them is
/// normalised character by character. (A test checks each against the Unicode tables.)
fn nfkc_of_common(c: char) -> Option<char> {
    match c {
        // ASCII; Latin-1 letters; Cyrillic; the CJK ideographs and their punctuation
        '\0'..='\x7f'
        | '\u{c0}'..='\u{ff}'
        | '\u{400}'..='\u{45f}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        // « · » and the dashes, quotes and bullet of typeset text
        | '\u{ab}'
        | '\u{b7}'
        | '\u{bb}'
        | '\u{2013}'..='\u{2014}'
        | '\u{2018}'..='\u{2019}'
        | '\u{201c}'..='\u{201e}'
        | '\u{2022}' => Some(c),
        // No-break and ideographic spaces are spaces.
        '\u{a0}' | '\u{3000}' => Some(' '),
        // Full-width forms of ASCII (，！？（）：；) are ASCII.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0),
        _ => None,
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Ends each word in a shingle's hash.
const WORD_END: u8 = 0x1f;

/// The hash of one shingle: FNV-1a over its words, each followed by [`WORD_END`], finalised.
fn shingle_hash(text: &str, words: &[(usize, usize)]) -> u32 {
    let mut hash = FNV_OFFSET;
    for &(start, end) in words {
        for &byte in text.as_bytes()[start..end].iter().chain(&[WORD_END]) {
            hash = fnv_step(hash, byte);
        }
    }
    finish(hash)
}

/// The hash of every shingle of three words, as [`shingle_hash`] gives it, with each word read
/// once: a word belongs to three shingles, and their three hashes are carried along together
/// (independent multiplications, which the processor overlaps, instead of one chain after the
/// other). Needs at least [`SHINGLE`] words.
fn rolling_shingle_hashes(words: &Words, mut emit: impl FnMut(u32)) {
    const _: () = assert!(SHINGLE == 3);
    let bytes = words.text.as_bytes();
    // `open[j % 3]` is the hash of the shingle that starts at word j.
    let mut open = [FNV_OFFSET; 3];
    for (j, &(start, end)) in words.spans.iter().enumerate() {
        open[j % 3] = FNV_OFFSET;
        let [mut a, mut b, mut c] = open;
        for &byte in bytes[start..end].iter().chain(&[WORD_END]) {
            a = fnv_step(a, byte);
            b = fnv_step(b, byte);
            c = fnv_step(c, byte);
        }
        open = [a, b, c];
        if j >= 2 {
            // The shingle that started two words ago ends with this word.
            emit(finish(open[(j - 2) % 3]));
        }
    }
}

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// SplitMix64's finaliser spreads FNV's weak low bits over the whole word; the high half is kept.
fn finish(mut hash: u64) -> u32 {
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: &str = "The Ministry of Science and Technology held the fourth China-Russia \
        Innovation Dialogue in Beijing on Friday. Delegates from both countries discussed joint \
        research centres, technology transfer and the training of young scientists. The two \
        sides signed agreements on artificial intelligence, new materials and energy, and agreed \
        to hold the next dialogue in Moscow. Officials said the number of joint projects had \
        doubled since the first dialogue, and that universities in both countries would exchange \
        more students next year.";

    /// The first version's sketch, word by word as strings: archives store sketches made by it,
    /// so the faster one must give exactly the same hashes.
    fn first_version(text: &str) -> Vec<u32> {
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        for c in text.nfkc().flat_map(char::to_lowercase) {
            if words.len() >= MAX_WORDS {
                break;
            }
            if is_cjk(c) {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                words.push(c.to_string());
            } else if c.is_alphanumeric() {
                current.push(c);
            } else if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() && words.len() < MAX_WORDS {
            words.push(current);
        }
        let window = SHINGLE.min(words.len());
        if window == 0 {
            return Vec::new();
        }
        let mut hashes: Vec<u32> = words
            .windows(window)
            .map(|shingle| {
                let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
                for word in shingle {
                    for byte in word.bytes().chain([0x1f]) {
                        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
                    }
                }
                hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                hash ^= hash >> 31;
                (hash >> 32) as u32
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes.truncate(SKETCH_SIZE);
        hashes
    }

    #[test]
    fn sketches_are_the_ones_archives_already_store() {
        let long_latin = "word ".repeat(MAX_WORDS + 10);
        let mut cjk_at_the_limit = "w ".repeat(MAX_WORDS - 1);
        cjk_at_the_limit.push_str("abc中文 tail");
        let texts = [
            RELEASE.to_owned(),
            "Переговоры в Москве завершились подписанием соглашения. Ёлка, ЁЛКА!".to_owned(),
            "第四届中俄创新对话在北京举行，双方签署了合作协议。".to_owned(),
            "ＦＵＬＬ ｗｉｄｔｈ ﬁnance ①② café cafe\u{301} Ǆ".to_owned(),
            "mixed English, русский и 中文 text 2026-12-05".to_owned(),
            "one two".to_owned(),
            "Plain ASCII: don't-split e-mail, 3.14 and CAPS; tabs\tand\nlines.".to_owned(),
            "…!?".to_owned(),
            long_latin,
            cjk_at_the_limit,
        ];
        for text in &texts {
            assert_eq!(
                of_text(text),
                first_version(text),
                "{}",
                &text[..text.len().min(60)]
            );
        }
        // Texts of words from every script met, in random orders and cases.
        let pieces = [
            "Москва",
            "ЁЖИК",
            "ёлка",
            "Ѣ",
            "İstanbul",
            "ΣΟΦΙΑ",
            "straße",
            "ǅ",
            "北京",
            "会谈",
            "カタカナ",
            "한국",
            "ＡＢＣ",
            "ﬁ",
            "x²",
            "Élysée",
            "2026",
            "—",
            "«",
            "»",
            ",",
            ".",
            "a",
            "I",
            "e\u{301}",
            "\u{1F600}",
            "中",
            "Я",
            "é",
            "，",
            "。",
            "（",
            "\u{3000}",
            "\u{a0}",
            "“",
            "”",
            "…",
            "Й",
            "ї",
            "·",
            "Ｘ",
            "\u{308}",
        ];
        let mut state: u64 = 7;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
                if state & 1 == 0 {
                    text.push(' ');
                }
            }
            assert_eq!(of_text(&text), first_version(&text), "{text}");
        }
    }

    /// Each character taken without the general tables is, on its own, what NFKC makes of it,
    /// and combines with nothing around it.
    #[test]
    fn common_characters_are_their_own_nfkc() {
        use unicode_normalization::char::canonical_combining_class;
        let mut checked = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let Some(normal) = nfkc_of_common(c) else {
                continue;
            };
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                normal.to_string(),
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
            assert_eq!(canonical_combining_class(normal), 0);
            checked += 1;
        }
        assert!(checked > 21_000, "{checked}");
        // Two starters compose only where the second is the second half of a canonical
        // decomposition: none of those is common (Hangul's jamo are not either).
        for composed in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(composed, |part| parts.push(part));
            if let [_, .., second] = parts[..]
                && canonical_combining_class(second) == 0
            {
                assert!(
                    nfkc_of_common(second).is_none(),
                    "U+{:04X}",
                    u32::from(second)
                );
            }
        }
        assert!(nfkc_of_common('\u{1161}').is_none());
    }

    #[test]
    fn the_same_text_with_small_edits_is_similar_and_another_text_is_not() {
        let original = of_text(RELEASE);
        let edited = of_text(
            &RELEASE
                .replace("Friday", "Thursday")
                .replace("doubled", "tripled")
                .to_uppercase(),
        );
        let other = of_text(
            "Heavy snow closed roads across the north of the country on Monday, and the weather \
             service warned drivers to stay at home until the storm passed on Wednesday night.",
        );
        assert_eq!(original.len(), SKETCH_SIZE);
        assert!(
            similarity(&original, &edited) > 0.7,
            "{}",
            similarity(&original, &edited)
        );
        assert!(
            similarity(&original, &other) < 0.1,
            "{}",
            similarity(&original, &other)
        );
        assert_eq!(similarity(&original, &original), 1.0);
    }

    #[test]
    fn chinese_is_shingled_by_characters() {
        let text = "科技部在北京举办第四届中俄创新对话，双方代表讨论了联合研究中心、技术转移和青年科学家培养等议题。";
        let edited = text.replace("第四届", "第五届");
        let sketch = of_text(text);
        assert!(!sketch.is_empty());
        assert!(similarity(&sketch, &of_text(&edited)) > 0.6);
    }

    #[test]
    fn stored_sketches_read_back_the_same_and_an_empty_text_has_none() {
        let sketch = of_text(RELEASE);
        assert_eq!(from_bytes(&to_bytes(&sketch)), sketch);
        assert!(of_text("  —  ").is_empty());
        assert_eq!(similarity(&[], &[]), 0.0);
        assert_eq!(of_text("one two").len(), 1);
    }
}

//! The one analyzer of Folio's search, used for indexing and for query text alike (DESIGN §5).
//!
//! Text is NFKC-normalized and case-folded (see `normalize`), then cut into:
//! - words of letters, stemmed with Snowball (Russian when the word has Cyrillic letters,
//!   English when it has Latin ones; other scripts are kept as written);
//! - runs of digits, kept as they are;
//! - Chinese, Japanese and Korean runs as overlapping character bigrams, one position per
//!   character, so a word of any length is a phrase of bigrams and matches wherever it occurs.
//!   For single-character queries the index also holds every CJK character on its own, at the
//!   position of the bigram it starts; a query emits a unigram only for a run of one character.
//!
//! Token offsets are byte ranges of the original text, never of the normalized one.

use std::ops::ControlFlow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::canonical_combining_class;

use super::normalize::{NormChar, Normalized};

/// Bumped whenever the tokens produced for a text change: an index made by another version is
/// rebuilt.
pub const ANALYZER_VERSION: u32 = 2;

/// Longer words (pasted URLs, base64, chemical names) are skipped; they keep their position.
const MAX_WORD_BYTES: usize = 120;

/// Stems computed so far, by word: indexing meets the same words over and over, and Snowball
/// costs far more than a lookup. Bounded; cleared when full.
#[derive(Debug, Default, Clone)]
pub(crate) struct StemCache {
    stems: FxHashMap<String, String>,
}

const STEM_CACHE_WORDS: usize = 100_000;

impl StemCache {
    fn stem<'a>(&'a mut self, stemmer: &Stemmer, word: &'a str) -> &'a str {
        if !self.stems.contains_key(word) {
            if self.stems.len() >= STEM_CACHE_WORDS {
                self.stems.clear();
            }
            let stem = stemmer.stem(word).into_owned();
            self.stems.insert(word.to_owned(), stem);
        }
        self.stems.get(word).map_or(word, String::as_str)
    }
}

/// How a scan treats words, beyond the analyzer's own rules.
#[derive(Default)]
pub(crate) struct ScanOptions<'a> {
    pub stem_cache: Option<&'a mut StemCache>,
    /// Stem only words starting with one of these characters; other words come out unstemmed.
    /// For callers looking for known terms: Snowball keeps a word's first character, so a word
    /// starting otherwise cannot stem to any of them.
    pub stem_only_starting_with: Option<&'a [char]>,
}

/// A token as the analyzer hands it out, borrowing its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    pub text: &'a str,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub position: usize,
}

/// An owned token, for query terms and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub position: usize,
}

pub struct Analyzer {
    /// Index every CJK character as a unigram too (index side); otherwise only lone ones.
    all_cjk_unigrams: bool,
    english: Stemmer,
    russian: Stemmer,
}

impl Clone for Analyzer {
    fn clone(&self) -> Self {
        Analyzer::new(self.all_cjk_unigrams)
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("all_cjk_unigrams", &self.all_cjk_unigrams)
            .finish()
    }
}

impl Analyzer {
    /// The analyzer the index is built with.
    pub fn for_index() -> Self {
        Analyzer::new(true)
    }

    /// The analyzer for query text: the same tokens, without the unigrams inside CJK words
    /// (the bigrams already pin those words down).
    pub fn for_query() -> Self {
        Analyzer::new(false)
    }

    /// `all_cjk_unigrams: false` indexes only lone CJK characters as unigrams: a smaller index
    /// where single-character queries find only characters standing alone.
    pub fn new(all_cjk_unigrams: bool) -> Self {
        Analyzer {
            all_cjk_unigrams,
            english: Stemmer::create(Algorithm::English),
            russian: Stemmer::create(Algorithm::Russian),
        }
    }

    pub fn indexes_all_cjk_unigrams(&self) -> bool {
        self.all_cjk_unigrams
    }

    /// Calls `sink` with every token of `text`, in order.
    pub fn analyze(&self, text: &str, sink: &mut dyn FnMut(TokenRef<'_>)) {
        self.scan(text, ScanOptions::default(), &mut |token| {
            sink(token);
            ControlFlow::Continue(())
        });
    }

    /// [`Analyzer::analyze`] with options, stopping early when `sink` breaks.
    pub(crate) fn scan(
        &self,
        text: &str,
        options: ScanOptions<'_>,
        sink: &mut dyn FnMut(TokenRef<'_>) -> ControlFlow<()>,
    ) {
        let mut scan = Scan {
            analyzer: self,
            options,
            sink,
            stopped: false,
            position: 0,
            word: String::new(),
            word_kind: WordKind::None,
            word_start: 0,
            word_end: 0,
            has_cyrillic: false,
            has_latin: false,
            apostrophe_pending: false,
            cjk_previous: None,
            cjk_run: 0,
            pair: String::new(),
        };
        for n in Normalized::new(text) {
            scan.push(n);
            if scan.stopped {
                return;
            }
        }
        scan.flush_word();
        scan.flush_cjk();
    }

    pub fn tokens(&self, text: &str) -> Vec<AnalyzedToken> {
        let mut tokens = Vec::new();
        self.analyze(text, &mut |t| {
            tokens.push(AnalyzedToken {
                text: t.text.to_owned(),
                start: t.start,
                end: t.end,
                position: t.position,
            });
        });
        tokens
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Letter,
    Digit,
    Apostrophe,
    Cjk,
    /// A combining mark NFKC could not compose (a Russian stress accent): ignored.
    Mark,
    Separator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    None,
    Letters,
    Digits,
}

struct Scan<'a, 's> {
    analyzer: &'a Analyzer,
    options: ScanOptions<'s>,
    sink: &'s mut dyn FnMut(TokenRef<'_>) -> ControlFlow<()>,
    /// The sink asked to stop.
    stopped: bool,
    position: usize,
    word: String,
    word_kind: WordKind,
    word_start: usize,
    word_end: usize,
    has_cyrillic: bool,
    has_latin: bool,
    /// An apostrophe after letters: kept only if another letter follows (`Russia's`).
    apostrophe_pending: bool,
    cjk_previous: Option<NormChar>,
    cjk_run: usize,
    pair: String,
}

impl Scan<'_, '_> {
    fn push(&mut self, n: NormChar) {
        let class = classify(n.ch);
        if class != CharClass::Cjk && class != CharClass::Mark {
            self.flush_cjk();
        }
        match class {
            CharClass::Letter => {
                if self.word_kind == WordKind::Digits {
                    self.flush_word();
                }
                if std::mem::take(&mut self.apostrophe_pending) {
                    self.word.push('\'');
                }
                self.extend_word(n, WordKind::Letters);
                if n.ch.is_ascii() || is_latin(n.ch) {
                    self.has_latin = true;
                } else if is_cyrillic(n.ch) {
                    self.has_cyrillic = true;
                }
            }
            CharClass::Digit => {
                if self.word_kind == WordKind::Letters {
                    self.flush_word();
                }
                self.extend_word(n, WordKind::Digits);
            }
            CharClass::Apostrophe => {
                if self.word_kind == WordKind::Letters && !self.apostrophe_pending {
                    self.apostrophe_pending = true;
                } else {
                    self.flush_word();
                }
            }
            CharClass::Cjk => {
                self.flush_word();
                self.push_cjk(n);
            }
            CharClass::Mark => {}
            CharClass::Separator => self.flush_word(),
        }
    }

    fn extend_word(&mut self, n: NormChar, kind: WordKind) {
        if self.word.is_empty() {
            self.word_start = n.start;
        }
        self.word.push(n.ch);
        self.word_end = n.end;
        self.word_kind = kind;
    }

    fn flush_word(&mut self) {
        self.apostrophe_pending = false;
        if self.word.is_empty() {
            return;
        }
        if self.word.len() <= MAX_WORD_BYTES {
            let stemmer = match self.word_kind {
                WordKind::Letters if self.has_cyrillic => Some(&self.analyzer.russian),
                WordKind::Letters if self.has_latin => Some(&self.analyzer.english),
                _ => None,
            };
            let stemmer = stemmer.filter(|_| {
                self.options.stem_only_starting_with.is_none_or(|firsts| {
                    self.word
                        .chars()
                        .next()
                        .is_some_and(|c| firsts.contains(&c))
                })
            });
            let stemmed;
            let text: &str = match (stemmer, self.options.stem_cache.as_deref_mut()) {
                (Some(stemmer), Some(cache)) => cache.stem(stemmer, &self.word),
                (Some(stemmer), None) => {
                    stemmed = stemmer.stem(&self.word);
                    &stemmed
                }
                (None, _) => &self.word,
            };
            let flow = if self.stopped {
                ControlFlow::Break(())
            } else {
                (self.sink)(TokenRef {
                    text,
                    start: self.word_start,
                    end: self.word_end,
                    position: self.position,
                })
            };
            self.stopped |= flow.is_break();
        }
        self.position += 1;
        self.word.clear();
        self.word_kind = WordKind::None;
        self.has_cyrillic = false;
        self.has_latin = false;
    }

    fn push_cjk(&mut self, n: NormChar) {
        if let Some(previous) = self.cjk_previous {
            if self.analyzer.all_cjk_unigrams {
                self.emit_cjk(&[previous]);
            }
            self.emit_cjk(&[previous, n]);
            self.position += 1;
        }
        self.cjk_previous = Some(n);
        self.cjk_run += 1;
    }

    fn flush_cjk(&mut self) {
        if let Some(last) = self.cjk_previous.take() {
            if self.analyzer.all_cjk_unigrams || self.cjk_run == 1 {
                self.emit_cjk(&[last]);
            }
            self.position += 1;
        }
        self.cjk_run = 0;
    }

    fn emit_cjk(&mut self, chars: &[NormChar]) {
        let (Some(first), Some(last)) = (chars.first(), chars.last()) else {
            return;
        };
        if self.stopped {
            return;
        }
        self.pair.clear();
        self.pair.extend(chars.iter().map(|c| c.ch));
        let flow = (self.sink)(TokenRef {
            text: &self.pair,
            start: first.start,
            end: last.end,
            position: self.position,
        });
        self.stopped |= flow.is_break();
    }
}

fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => CharClass::Letter,
            '0'..='9' => CharClass::Digit,
            '\'' => CharClass::Apostrophe,
            _ => CharClass::Separator,
        };
    }
    if is_cjk(c) {
        CharClass::Cjk
    } else if matches!(u32::from(c), 0x0400..=0x045F) {
        // The basic Cyrillic letters, the bulk of Russian text: no table lookups.
        CharClass::Letter
    } else if canonical_combining_class(c) != 0 {
        CharClass::Mark
    } else if c.is_alphabetic() {
        CharClass::Letter
    } else if c.is_numeric() {
        CharClass::Digit
    } else {
        CharClass::Separator
    }
}

/// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words (or, for
/// Hangul, whose words bigrams also serve well).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF         // Hangul Jamo
        | 0x2E80..=0x2FDF       // CJK and Kangxi radicals
        | 0x3005..=0x3007       // 々 〆 〇
        | 0x3021..=0x3029       // Hangzhou numerals
        | 0x3031..=0x3035       // kana repeat marks
        | 0x3041..=0x309F       // Hiragana
        | 0x30A1..=0x30FA       // Katakana
        | 0x30FC..=0x30FF       // Katakana prolonged sound mark and iteration marks
        | 0x3131..=0x318E       // Hangul compatibility jamo
        | 0x31F0..=0x31FF       // Katakana phonetic extensions
        | 0x3400..=0x4DBF       // CJK Extension A
        | 0x4E00..=0x9FFF       // CJK Unified Ideographs
        | 0xA960..=0xA97F       // Hangul Jamo Extended-A
        | 0xAC00..=0xD7FF       // Hangul syllables and Jamo Extended-B
        | 0xF900..=0xFAFF       // CJK compatibility ideographs
        | 0x1B000..=0x1B16F     // Kana supplement and extensions
        | 0x20000..=0x323AF     // CJK Extensions B–H
    )
}

fn is_latin(c: char) -> bool {
    matches!(u32::from(c), 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

fn is_cyrillic(c: char) -> bool {
    matches!(u32::from(c), 0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F)
}

#[cfg(test)]
#[path = "analyzer_tests.rs"]
mod tests;

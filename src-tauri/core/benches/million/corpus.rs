//! The texts of the million items: the sentences, titles and credits of a small corpus made by
//! the shared generator (`make_corpus.py`), recombined deterministically, so a million distinct
//! articles read like the generator's and searches find what they would find in them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The languages of the corpus, in the generator's proportions (60 / 20 / 20).
pub const LANGUAGES: [(&str, u64); 3] = [("en", 60), ("zh", 20), ("ru", 20)];

/// A small, fast, deterministic generator (SplitMix64): the same number gives the same text.
pub struct Dice(u64);

impl Dice {
    /// The dice for one thing (`what`) of item `n`.
    pub fn for_item(what: u64, n: u64) -> Self {
        Self(n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ what.wrapping_mul(0xd1b5_4a32_d192_ed03))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to them.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.next() % weights.iter().sum::<u64>();
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }
}

/// What one language of the corpus offers: its sentences and the credits of its captions.
#[derive(Default)]
pub struct Language {
    pub sentences: Vec<String>,
    pub credits: Vec<String>,
}

/// The corpus, by language code.
pub struct Sentences {
    pub languages: HashMap<String, Language>,
}

impl Sentences {
    /// Reads every `.txt` article of a generated corpus (title, `Updated:` line, caption line
    /// ending in `[credit]`, paragraphs) and splits its paragraphs into sentences.
    pub fn read(corpus: &Path) -> Result<Self, String> {
        let languages_of = manifest_languages(corpus)?;
        let mut languages: HashMap<String, Language> = HashMap::new();
        let mut paths = Vec::new();
        walk(&corpus.join("articles/txt"), &mut paths);
        paths.sort();
        for path in paths {
            let relative = path
                .strip_prefix(corpus)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .into_owned();
            let Some(code) = languages_of.get(&relative) else {
                continue;
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let language = languages.entry(code.clone()).or_default();
            let mut lines = text.lines().skip(2);
            if let Some(caption) = lines.next()
                && let Some(at) = caption.rfind(" [")
            {
                let credit = caption[at + 2..].trim_end_matches(']').to_owned();
                if !language.credits.contains(&credit) {
                    language.credits.push(credit);
                }
            }
            for paragraph in lines.filter(|l| !l.trim().is_empty()) {
                language.sentences.extend(split_sentences(paragraph));
            }
        }
        for (code, _) in LANGUAGES {
            let enough = languages.get(code).is_some_and(|l| l.sentences.len() > 100);
            if !enough {
                return Err(format!(
                    "the corpus in {} has too few {code} sentences: make it with more articles",
                    corpus.display()
                ));
            }
        }
        Ok(Self { languages })
    }

    pub fn language(&self, code: &str) -> &Language {
        &self.languages[code]
    }

    pub fn sentence_count(&self) -> usize {
        self.languages.values().map(|l| l.sentences.len()).sum()
    }
}

impl Language {
    /// `count` sentences, joined as the generator joins them (Chinese without spaces).
    pub fn sentences(&self, dice: &mut Dice, count: u64, chinese: bool) -> String {
        let separator = if chinese { "" } else { " " };
        (0..count)
            .map(|_| dice.pick(&self.sentences).as_str())
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// A headline: the first words of a sentence (the first characters, for Chinese), in title
    /// case for English.
    pub fn headline(&self, dice: &mut Dice, code: &str) -> String {
        let sentence = dice.pick(&self.sentences);
        let clean = |c: char| !matches!(c, '.' | '!' | '?' | ',' | '。' | '！' | '？' | '，');
        if code == "zh" {
            let length = dice.between(8, 20) as usize;
            return sentence
                .chars()
                .filter(|&c| clean(c))
                .take(length)
                .collect();
        }
        let words = dice.between(4, 9) as usize;
        let words: Vec<String> = sentence
            .split_whitespace()
            .take(words)
            .map(|w| w.chars().filter(|&c| clean(c)).collect::<String>())
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(|(i, w)| {
                if code == "en" || i == 0 {
                    capitalised(&w)
                } else {
                    w
                }
            })
            .collect();
        words.join(" ")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Sentences end at `.`, `!` or `?` before a space, or at a Chinese full stop, `！` or `？`.
fn split_sentences(paragraph: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => chars.peek().is_none_or(|&(_, next)| next == ' '),
            _ => false,
        };
        if end {
            let sentence = paragraph[start..at + c.len_utf8()].trim();
            if !sentence.is_empty() {
                sentences.push(sentence.to_owned());
            }
            start = at + c.len_utf8();
        }
    }
    sentences
}

fn manifest_languages(corpus: &Path) -> Result<HashMap<String, String>, String> {
    let path = corpus.join("manifest.jsonl");
    let manifest = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(manifest
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| {
            let path = record.get("path")?.as_str()?.to_owned();
            let lang = record.get("lang")?.as_str()?.to_owned();
            Some((path, lang))
        })
        .collect())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
}

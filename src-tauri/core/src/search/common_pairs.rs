//! Word pairs that start with a very common word (`the government`, `в россии`), indexed as terms
//! of their own so that a phrase with a common word reads the pair's short posting list instead
//! of checking positions in nearly every document (the "common grams" of search engines).
//!
//! The index tokenizer adds a pair token after every common word and the word that follows it;
//! the query side rewrites a phrase into those pairs and its remaining words. Both sides decide
//! with [`pairs_with`], on the analyzer's tokens, so they always agree. Only pairs that start
//! with the common word are indexed: pairs on both sides would double the index's build time,
//! and a phrase ending in a common word (`talks with`) is rare and still found, just slower.

use super::analyzer::{AnalyzedToken, is_cjk};

/// Joins the two words of a pair token. The analyzer never puts a space inside a token, so a
/// pair can never collide with a word.
const SEPARATOR: char = ' ';

/// The most frequent English and Russian words, as the analyzer emits them (stemmed). Short on
/// purpose: each occurrence adds a pair token to the index.
const COMMON: [&str; 43] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "not", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with", "а",
    "в", "для", "до", "за", "и", "из", "к", "на", "не", "о", "от", "по", "с", "у", "что",
];

/// [`COMMON`] as integers (see [`key`]): the tokenizer asks about every word it indexes, and
/// comparing integers is much cheaper than comparing strings.
static COMMON_KEYS: [u64; COMMON.len()] = {
    let mut keys = [0; COMMON.len()];
    let mut i = 0;
    while i < COMMON.len() {
        keys[i] = match key(COMMON[i]) {
            Some(key) => key,
            None => panic!("a common word is longer than 7 bytes"),
        };
        i += 1;
    }
    keys
};

/// A word of 1 to 7 bytes as one integer: its bytes, then its length in the last byte; none
/// for another length.
const fn key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 7 {
        return None;
    }
    let mut packed = [0u8; 8];
    let mut i = 0;
    while i < bytes.len() {
        packed[i] = bytes[i];
        i += 1;
    }
    packed[7] = bytes.len() as u8;
    Some(u64::from_le_bytes(packed))
}

pub(crate) fn is_common(word: &str) -> bool {
    key(word).is_some_and(|key| COMMON_KEYS.contains(&key))
}

/// Whether the adjacent tokens `left` and `right` (by position) make a pair token: both are
/// words (not CJK characters, whose bigrams already make phrases cheap) and the left is common.
pub(crate) fn pairs_with(left: &str, right: &str) -> bool {
    // A common word is never CJK.
    is_common(left) && right.chars().next().is_some_and(|c| !is_cjk(c))
}

/// Writes the pair token of `left` and `right` into `out`.
pub(crate) fn pair_text(left: &str, right: &str, out: &mut String) {
    out.clear();
    out.reserve(left.len() + right.len() + 1);
    out.push_str(left);
    out.push(SEPARATOR);
    out.push_str(right);
}

/// The terms that find the phrase `tokens`, with their positions relative to the first token:
/// a pair term wherever two adjacent words pair, and every word no pair covers. A pair stands
/// for both its words at their positions, so the rewritten phrase matches exactly where the
/// original does.
pub(crate) fn phrase_terms(tokens: &[AnalyzedToken]) -> Vec<(usize, String)> {
    let first = tokens.first().map_or(0, |t| t.position);
    let mut covered = vec![false; tokens.len()];
    let mut terms = Vec::with_capacity(tokens.len());
    for (index, window) in tokens.windows(2).enumerate() {
        let [left, right] = window else { continue };
        if right.position == left.position + 1 && pairs_with(&left.text, &right.text) {
            let mut text = String::new();
            pair_text(&left.text, &right.text, &mut text);
            terms.push((left.position - first, text));
            covered[index] = true;
            covered[index + 1] = true;
        }
    }
    for (token, covered) in tokens.iter().zip(covered) {
        if !covered {
            terms.push((token.position - first, token.text.clone()));
        }
    }
    terms.sort();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Analyzer;

    fn terms(phrase: &str) -> Vec<(usize, String)> {
        phrase_terms(&Analyzer::for_query().tokens(phrase))
    }

    fn term(position: usize, text: &str) -> (usize, String) {
        (position, text.to_owned())
    }

    #[test]
    fn common_words_and_only_they_are_common() {
        assert!(COMMON.iter().all(|word| is_common(word)));
        for word in [
            "government",
            "",
            "th",
            "thee",
            "them",
            "в\0",
            "ва",
            "andandan",
        ] {
            assert!(!is_common(word), "{word:?}");
        }
    }

    #[test]
    fn every_common_word_is_spelled_as_the_analyzer_emits_it() {
        let analyzer = Analyzer::for_query();
        for word in COMMON {
            let tokens: Vec<String> = analyzer.tokens(word).into_iter().map(|t| t.text).collect();
            assert_eq!(tokens, [word], "{word} is not its own stem");
        }
    }

    #[test]
    fn a_phrase_around_a_common_word_becomes_pairs() {
        assert_eq!(terms("the government"), [term(0, "the govern")]);
        assert_eq!(
            terms("Head of the State Council"),
            [
                term(0, "head"),
                term(1, "of the"),
                term(2, "the state"),
                term(4, "council")
            ]
        );
        assert_eq!(terms("в России"), [term(0, "в росс")]);
    }

    #[test]
    fn a_phrase_ending_in_a_common_word_keeps_that_word() {
        assert_eq!(terms("talks with"), [term(0, "talk"), term(1, "with")]);
    }

    #[test]
    fn a_phrase_without_common_words_keeps_its_words() {
        assert_eq!(
            terms("economic growth"),
            [term(0, "econom"), term(1, "growth")]
        );
        assert_eq!(
            terms("一带一路"),
            [term(0, "一带"), term(1, "带一"), term(2, "一路")]
        );
    }

    #[test]
    fn cjk_next_to_a_common_word_does_not_pair() {
        assert!(!pairs_with("the", "中国"));
        assert!(!pairs_with("中国", "in"));
        assert!(pairs_with("in", "2018"));
        assert!(!pairs_with("2018", "in"));
    }
}

//! The analyzer as a tantivy `Tokenizer`, registered on the index under [`TOKENIZER_NAME`] so
//! tantivy indexes text fields with exactly the tokens queries are built from, plus the pair
//! tokens after common words that phrase queries are rewritten into (see `common_pairs`).

use std::ops::ControlFlow;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::analyzer::{Analyzer, ScanOptions, StemCache};
use super::common_pairs::{pair_text, pairs_with};

pub const TOKENIZER_NAME: &str = "folio";

#[derive(Clone, Debug)]
pub struct FolioTokenizer {
    analyzer: Analyzer,
    /// Reused between texts: token strings keep their allocations.
    tokens: Vec<Token>,
    /// Each clone (one per indexing thread and field) keeps its own: no locking.
    stem_cache: StemCache,
    /// Reused for the text of pair tokens.
    pair: String,
}

impl FolioTokenizer {
    pub fn new(analyzer: Analyzer) -> Self {
        FolioTokenizer {
            analyzer,
            tokens: Vec::new(),
            stem_cache: StemCache::default(),
            pair: String::new(),
        }
    }
}

impl Tokenizer for FolioTokenizer {
    type TokenStream<'a> = FolioTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FolioTokenStream<'a> {
        let mut count = 0;
        // The analyzer's previous token, as (index in `tokens`): a pair needs two adjacent words.
        let mut previous: Option<usize> = None;
        let tokens = &mut self.tokens;
        let pair = &mut self.pair;
        let options = ScanOptions {
            stem_cache: Some(&mut self.stem_cache),
            ..ScanOptions::default()
        };
        self.analyzer.scan(text, options, &mut |t| {
            let current = count;
            set_token(tokens, &mut count, t.text, t.start, t.end, t.position);
            if let Some(previous) = previous.replace(current) {
                let left = &tokens[previous];
                if left.position + 1 == t.position && pairs_with(&left.text, t.text) {
                    let (position, start) = (left.position, left.offset_from);
                    pair_text(&left.text, t.text, pair);
                    set_token(tokens, &mut count, pair, start, t.end, position);
                }
            }
            ControlFlow::Continue(())
        });
        FolioTokenStream {
            tokens: &mut self.tokens[..count],
            next: 0,
        }
    }
}

/// Writes token number `count` into `tokens`, reusing its allocation, and counts it.
fn set_token(
    tokens: &mut Vec<Token>,
    count: &mut usize,
    text: &str,
    start: usize,
    end: usize,
    position: usize,
) {
    if *count == tokens.len() {
        tokens.push(Token::default());
    }
    let token = &mut tokens[*count];
    token.text.clear();
    token.text.push_str(text);
    token.offset_from = start;
    token.offset_to = end;
    token.position = position;
    token.position_length = 1;
    *count += 1;
}

pub struct FolioTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for FolioTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    // tantivy calls these only after `advance` returned true.
    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each token of `text` as (token, the original text it covers, position).
    fn stream_of(text: &str) -> Vec<(String, &str, usize)> {
        let mut tokenizer = FolioTokenizer::new(Analyzer::for_index());
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((
                token.text.clone(),
                &text[token.offset_from..token.offset_to],
                token.position,
            ));
        }
        seen
    }

    #[test]
    fn the_token_stream_yields_the_analyzer_tokens_with_original_offsets() {
        let text = "Ｍoscow 中俄";
        let seen = stream_of(text);
        assert_eq!(
            seen,
            [
                ("moscow".to_owned(), "Ｍoscow", 0),
                ("中".to_owned(), "中", 1),
                ("中俄".to_owned(), "中俄", 1),
                ("俄".to_owned(), "俄", 2),
            ]
        );
    }

    #[test]
    fn a_common_word_and_the_next_add_a_pair_token() {
        let text = "Talks with the government. 中国 in 2018";
        let seen = stream_of(text);
        let expected = [
            ("talk", "Talks", 0),
            ("with", "with", 1),
            ("the", "the", 2),
            ("with the", "with the", 1),
            ("govern", "government", 3),
            ("the govern", "the government", 2),
            ("中", "中", 4),
            ("中国", "中国", 4),
            ("国", "国", 5),
            ("in", "in", 6),
            ("2018", "2018", 7),
            ("in 2018", "in 2018", 6),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(token, original, position)| (token.to_owned(), original, position))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn cached_stems_give_the_analyzer_tokens() {
        let text = "Innovations of innovators, инновациям и инновации; 中俄 2018";
        let expected: Vec<String> = Analyzer::for_index()
            .tokens(text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let mut tokenizer = FolioTokenizer::new(Analyzer::for_index());
        for _ in 0..2 {
            let mut stream = tokenizer.token_stream(text);
            let mut seen = Vec::new();
            while let Some(token) = stream.next() {
                // Pair tokens (with a space) are the tokenizer's own, not the analyzer's.
                if !token.text.contains(' ') {
                    seen.push(token.text.clone());
                }
            }
            assert_eq!(seen, expected);
        }
    }

    #[test]
    fn a_reused_tokenizer_forgets_the_previous_text() {
        let mut tokenizer = FolioTokenizer::new(Analyzer::for_index());
        let _ = tokenizer.token_stream("one two three").next();
        let mut stream = tokenizer.token_stream("four");
        assert_eq!(
            stream.next().map(|t| t.text.clone()),
            Some("four".to_owned())
        );
        assert!(stream.next().is_none());
    }
}

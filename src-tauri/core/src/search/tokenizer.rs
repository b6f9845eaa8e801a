//! The analyzer as a tantivy `Tokenizer`, registered on the index under [`TOKENIZER_NAME`] so
//! tantivy indexes text fields with exactly the tokens queries are built from.

use std::ops::ControlFlow;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::analyzer::{Analyzer, ScanOptions, StemCache};

pub const TOKENIZER_NAME: &str = "folio";

#[derive(Clone, Debug)]
pub struct FolioTokenizer {
    analyzer: Analyzer,
    /// Reused between texts: token strings keep their allocations.
    tokens: Vec<Token>,
    /// Each clone (one per indexing thread and field) keeps its own: no locking.
    stem_cache: StemCache,
}

impl FolioTokenizer {
    pub fn new(analyzer: Analyzer) -> Self {
        FolioTokenizer {
            analyzer,
            tokens: Vec::new(),
            stem_cache: StemCache::default(),
        }
    }
}

impl Tokenizer for FolioTokenizer {
    type TokenStream<'a> = FolioTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FolioTokenStream<'a> {
        let mut count = 0;
        let tokens = &mut self.tokens;
        let options = ScanOptions {
            stem_cache: Some(&mut self.stem_cache),
            ..ScanOptions::default()
        };
        self.analyzer.scan(text, options, &mut |t| {
            if count == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[count];
            token.text.clear();
            token.text.push_str(t.text);
            token.offset_from = t.start;
            token.offset_to = t.end;
            token.position = t.position;
            token.position_length = 1;
            count += 1;
            ControlFlow::Continue(())
        });
        FolioTokenStream {
            tokens: &mut self.tokens[..count],
            next: 0,
        }
    }
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

    #[test]
    fn the_token_stream_yields_the_analyzer_tokens_with_original_offsets() {
        let mut tokenizer = FolioTokenizer::new(Analyzer::for_index());
        let text = "Ｍoscow 中俄";
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((
                token.text.clone(),
                &text[token.offset_from..token.offset_to],
                token.position,
            ));
        }
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
                seen.push(token.text.clone());
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

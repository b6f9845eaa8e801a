//! Text and Markdown files: decoding, title and byline detection, paragraphs and captions.
#![no_main]

use folio_core::article::{ArticleFormat, extract_unguarded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Both flavours on every input: they share the decoder and differ in what a line means,
    // and both are cheap.
    let _ = extract_unguarded(bytes, ArticleFormat::Text, "note.txt");
    let _ = extract_unguarded(bytes, ArticleFormat::Markdown, "note.md");
});

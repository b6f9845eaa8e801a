//! PDFs: lopdf's parser (cross-reference table, objects, streams, filters), then the text layer
//! read page by page.
#![no_main]

use folio_core::article::{ArticleFormat, extract_unguarded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = extract_unguarded(bytes, ArticleFormat::Pdf, "article.pdf");
});

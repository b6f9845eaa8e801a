//! Word-processor files: the ZIP package reader with its unpacking budget, then the DOCX and
//! ODT XML readers. Every input is read as both, since they share the package reader.
#![no_main]

use folio_core::article::{ArticleFormat, extract_unguarded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = extract_unguarded(bytes, ArticleFormat::Docx, "article.docx");
    let _ = extract_unguarded(bytes, ArticleFormat::Odt, "article.odt");
});

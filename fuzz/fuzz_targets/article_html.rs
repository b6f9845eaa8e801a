//! Web pages: charset sniffing, decoding, trafilatura, readability, page metadata and the
//! sanitiser, on any bytes.
#![no_main]

use folio_core::article::{ArticleFormat, extract_unguarded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = extract_unguarded(bytes, ArticleFormat::Html, "page.html");
});

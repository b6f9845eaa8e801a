//! MHTML archives (a browser's "save as single file"): MIME parts, transfer encodings and
//! charsets, then the HTML reader on the page part.
#![no_main]

use folio_core::article::{ArticleFormat, extract_unguarded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = extract_unguarded(bytes, ArticleFormat::Mhtml, "page.mhtml");
});

//! The bundle reader's texts: a bundle's payload manifest, `items.json` and `bag-info.txt`, as
//! a bundle from another office (or an attacker) may write them. The input holds the three,
//! separated by NUL bytes; each item of items.json is checked as an import checks it.
#![no_main]

use folio_core::bundle::read::read_bag_texts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.splitn(3, '\0');
    let manifest = parts.next().unwrap_or_default();
    let items = parts.next().unwrap_or_default();
    let bag_info = parts.next().unwrap_or_default();
    let _ = read_bag_texts(manifest, items, bag_info);
});

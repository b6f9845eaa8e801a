//! The XMP reader, fed as an XMP sidecar (`name.xmp`) is: the whole file is one packet.
#![no_main]

use folio_core::photo::{PhotoDraft, PhotoFormat, apply_xmp_sidecar};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut draft = PhotoDraft::without_metadata(PhotoFormat::Jpeg, 1, 1, Vec::new());
    let _ = apply_xmp_sidecar(&mut draft, bytes);
});

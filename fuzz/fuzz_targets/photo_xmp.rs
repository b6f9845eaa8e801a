//! The XMP reader, fed as an XMP sidecar (`name.xmp`) is: the whole file is one packet.
#![no_main]

use folio_core::photo::{PhotoDraft, PhotoFormat, apply_xmp_sidecar};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut draft = PhotoDraft {
        format: PhotoFormat::Jpeg,
        media_type: PhotoFormat::Jpeg.media_type(),
        width: 1,
        height: 1,
        title: String::new(),
        caption: String::new(),
        credit: String::new(),
        byline: String::new(),
        copyright: String::new(),
        keywords: Vec::new(),
        taken: None,
        camera: String::new(),
        gps: None,
        thumbnails: Vec::new(),
    };
    let _ = apply_xmp_sidecar(&mut draft, bytes);
});

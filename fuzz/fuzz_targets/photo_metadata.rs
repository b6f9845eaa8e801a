//! Photo metadata from a whole file: the JPEG, PNG, WebP and GIF containers, then the EXIF, IPTC
//! and XMP readers on the blocks found. A TIFF file is its own EXIF block, so TIFF seeds reach
//! the EXIF reader directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = folio_core::photo::read_metadata(bytes);
});

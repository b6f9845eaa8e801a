//! The IPTC IIM reader: the input is the datasets alone, wrapped here in the smallest JPEG that
//! carries them (an APP13 Photoshop resource 0x0404), so that no mutation is spent on framing.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// A JPEG segment's length field counts itself and is 16 bits.
const MAX_SEGMENT: usize = u16::MAX as usize - 2;
const APP13_HEADER: &[u8] = b"Photoshop 3.0\08BIM\x04\x04\0\0";

fuzz_target!(|iim: &[u8]| {
    let iim = &iim[..iim.len().min(MAX_SEGMENT - APP13_HEADER.len() - 4)];
    let resource_size = u32::try_from(iim.len()).unwrap_or(u32::MAX);
    let segment_len = u16::try_from(2 + APP13_HEADER.len() + 4 + iim.len()).unwrap_or(u16::MAX);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xED];
    jpeg.extend_from_slice(&segment_len.to_be_bytes());
    jpeg.extend_from_slice(APP13_HEADER);
    jpeg.extend_from_slice(&resource_size.to_be_bytes());
    jpeg.extend_from_slice(iim);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    let _ = folio_core::photo::read_metadata(&jpeg);
});

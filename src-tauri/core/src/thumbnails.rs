//! Thumbnails in `derived/thumbs/ab/<sha256>-<size>.jpg`: rebuildable, so written without fsync,
//! but still through a rename so a reader never sees half a file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::photo::Thumbnail;

pub const THUMBS_DIR: &str = "thumbs";

pub fn path(derived: &Path, sha256: &str, max_side: u32) -> PathBuf {
    let prefix = sha256.get(..2).unwrap_or("00");
    derived
        .join(THUMBS_DIR)
        .join(prefix)
        .join(format!("{sha256}-{max_side}.jpg"))
}

/// The thumbnail file a `folio-thumb` URL path names, or `None` for anything that is not exactly
/// `<sha256>/<size>` with a known size: the protocol can only ever serve files under `derived/`,
/// whatever the path holds (`..`, encoded slashes, absolute paths).
pub fn resolve_request(derived: &Path, url_path: &str) -> Option<PathBuf> {
    let (sha256, size) = parse_request(url_path)?;
    Some(path(derived, &sha256, size))
}

/// The original's hash and the thumbnail's size a `folio-thumb` URL path names, or `None` for
/// anything that is not exactly a known thumbnail.
pub fn parse_request(url_path: &str) -> Option<(String, u32)> {
    let decoded = percent_decode(url_path.trim_start_matches('/'))?;
    let (sha256, size) = decoded.split_once('/')?;
    let size: u32 = size.parse().ok()?;
    if !crate::blobs::is_sha256_hex(sha256) || !crate::photo::THUMBNAIL_SIDES.contains(&size) {
        return None;
    }
    Some((sha256.to_owned(), size))
}

/// `%2F` → `/`; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn store(derived: &Path, sha256: &str, thumbnails: &[Thumbnail]) -> Result<()> {
    for thumbnail in thumbnails {
        store_one(derived, sha256, thumbnail.max_side, &thumbnail.jpeg)?;
    }
    Ok(())
}

/// Stores one thumbnail unless it is already there.
pub fn store_one(derived: &Path, sha256: &str, max_side: u32, jpeg: &[u8]) -> Result<()> {
    let target = path(derived, sha256, max_side);
    if target.is_file() {
        return Ok(());
    }
    let parent = target.parent().unwrap_or(derived);
    fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    let temp = target.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
    fs::write(&temp, jpeg).map_err(Error::io("cannot write thumbnail", &temp))?;
    fs::rename(&temp, &target).map_err(Error::io("cannot store thumbnail", &target))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "89887cde74f68f66a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";

    #[test]
    fn a_hash_and_a_known_size_name_a_thumbnail_under_derived() {
        let derived = Path::new("/archive/derived");
        let expected = derived.join("thumbs/89").join(format!("{SHA}-256.jpg"));
        assert_eq!(
            resolve_request(derived, &format!("/{SHA}/256")),
            Some(expected.clone())
        );
        assert_eq!(
            resolve_request(derived, &format!("{SHA}%2F256")),
            Some(expected)
        );
    }

    #[test]
    fn anything_else_is_refused() {
        let derived = Path::new("/archive/derived");
        for hostile in [
            "../folio.sqlite".to_string(),
            "..%2F..%2Ffolio.sqlite".to_string(),
            "%2e%2e/%2e%2e/etc/passwd".to_string(),
            format!("{SHA}/256/../../folio.sqlite"),
            format!("{SHA}%2F..%2F..%2Ffolio.sqlite"),
            format!("/etc/{SHA}/256"),
            format!("{SHA}/512"),
            format!("{}/256", SHA.to_uppercase()),
            format!("{}/256", &SHA[..63]),
            format!("{SHA}/256%00"),
            format!("{SHA}/%"),
            "%ff%fe/256".to_string(),
            String::new(),
        ] {
            assert_eq!(resolve_request(derived, &hostile), None, "{hostile}");
        }
    }
}

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

pub fn store(derived: &Path, sha256: &str, thumbnails: &[Thumbnail]) -> Result<()> {
    for thumbnail in thumbnails {
        let target = path(derived, sha256, thumbnail.max_side);
        if target.is_file() {
            continue;
        }
        let parent = target.parent().unwrap_or(derived);
        fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
        let temp = target.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
        fs::write(&temp, &thumbnail.jpeg).map_err(Error::io("cannot write thumbnail", &temp))?;
        fs::rename(&temp, &target).map_err(Error::io("cannot store thumbnail", &target))?;
    }
    Ok(())
}

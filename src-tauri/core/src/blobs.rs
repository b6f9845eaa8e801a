//! The object store: originals named by their SHA-256, written once, never modified.
//!
//! A blob is written to a temporary file, fsynced, then renamed into place, so an object file
//! either is complete or does not exist. Callers store the blob **before** committing the row
//! that names it: a crash leaves at worst an orphan, never a row without its file.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const OBJECTS_DIR: &str = "objects";
const TEMP_DIR: &str = "tmp";

/// Where the originals live. A trait so that a shared archive can keep them in object storage
/// later (DESIGN §9) without touching the import or export code.
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256 (lower-case hex). Storing the same bytes twice
    /// is a no-op.
    fn put_bytes(&self, bytes: &[u8]) -> Result<String>;
    /// Opens a stored object for reading.
    fn open(&self, sha256: &str) -> Result<File>;
    fn contains(&self, sha256: &str) -> bool;
}

/// Objects in `<archive>/objects/ab/<sha256>`.
#[derive(Debug, Clone)]
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    pub fn new(archive_dir: &Path) -> Self {
        Self {
            root: archive_dir.join(OBJECTS_DIR),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path an object with this hash has (whether or not it exists).
    pub fn object_path(&self, sha256: &str) -> Result<PathBuf> {
        if !is_sha256_hex(sha256) {
            return Err(Error::InvalidInput(format!(
                "not a SHA-256 hash: {sha256:?}"
            )));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }

    fn temp_dir(&self) -> PathBuf {
        self.root.join(TEMP_DIR)
    }

    /// Writes `bytes` durably under `final_path` (temp → fsync → rename → fsync dir).
    fn write_durably(&self, bytes: &[u8], final_path: &Path) -> Result<()> {
        let temp_dir = self.temp_dir();
        fs::create_dir_all(&temp_dir).map_err(Error::io("cannot create", &temp_dir))?;
        let temp_path = temp_dir.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
        let result = (|| -> io::Result<()> {
            let mut file = File::create(&temp_path)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            Ok(())
        })();
        if let Err(source) = result {
            let _ = fs::remove_file(&temp_path);
            return Err(Error::io("cannot write object", &temp_path)(source));
        }
        let parent = final_path.parent().unwrap_or(&self.root);
        fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
        if let Err(source) = fs::rename(&temp_path, final_path) {
            let _ = fs::remove_file(&temp_path);
            return Err(Error::io("cannot store object", final_path)(source));
        }
        sync_dir(parent);
        Ok(())
    }
}

impl BlobStore for FsBlobStore {
    fn put_bytes(&self, bytes: &[u8]) -> Result<String> {
        let sha256 = sha256_hex(bytes);
        let path = self.object_path(&sha256)?;
        if !path.exists() {
            self.write_durably(bytes, &path)?;
        }
        Ok(sha256)
    }

    fn open(&self, sha256: &str) -> Result<File> {
        let path = self.object_path(sha256)?;
        File::open(&path).map_err(Error::io("cannot open object", &path))
    }

    fn contains(&self, sha256: &str) -> bool {
        self.object_path(sha256).is_ok_and(|p| p.is_file())
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::hex(&Sha256::digest(bytes))
}

/// SHA-256 of a reader's whole content, streamed.
pub fn sha256_of_reader(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(crate::hex(&hasher.finalize()))
}

pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Makes a rename durable on POSIX systems; a no-op where directories cannot be opened.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_bytes_are_named_by_their_sha256_and_read_back_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let sha = store.put_bytes(b"hello").unwrap();
        assert_eq!(
            sha,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        let path = store.object_path(&sha).unwrap();
        assert!(path.ends_with(format!("objects/2c/{sha}")));
        let mut back = Vec::new();
        store.open(&sha).unwrap().read_to_end(&mut back).unwrap();
        assert_eq!(back, b"hello");
    }

    #[test]
    fn storing_the_same_bytes_twice_keeps_one_object_and_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let a = store.put_bytes(b"same").unwrap();
        let b = store.put_bytes(b"same").unwrap();
        assert_eq!(a, b);
        let leftovers = fs::read_dir(store.temp_dir()).unwrap().count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn a_hash_that_is_not_hex_is_refused_as_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        assert!(store.object_path("../../etc/passwd").is_err());
        assert!(store.object_path(&"A".repeat(64)).is_err());
    }
}

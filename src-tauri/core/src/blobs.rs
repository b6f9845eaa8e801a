//! The object store: originals named by their SHA-256, written once, never modified.
//!
//! A blob is written to a temporary file, made durable, then renamed into place, so an object
//! file either is complete or does not exist. Callers store the blob **before** committing the
//! row that names it: a crash leaves at worst an orphan, never a row without its file. An import
//! stores a whole batch as an [`ObjectBatch`]: one flush of the file system for all its files
//! instead of two waits for the disk per file.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

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
        let temp_path = self.write_temporary(bytes, true)?;
        let parent = final_path.parent().unwrap_or(&self.root);
        fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
        if let Err(source) = fs::rename(&temp_path, final_path) {
            let _ = fs::remove_file(&temp_path);
            return Err(Error::io("cannot store object", final_path)(source));
        }
        sync_dir(parent);
        Ok(())
    }

    /// Writes `bytes` to a new temporary file in `objects/tmp`, fsynced if `sync`.
    fn write_temporary(&self, bytes: &[u8], sync: bool) -> Result<PathBuf> {
        let temp_dir = self.temp_dir();
        fs::create_dir_all(&temp_dir).map_err(Error::io("cannot create", &temp_dir))?;
        let temp_path = temp_dir.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
        let result = (|| -> io::Result<()> {
            let mut file = File::create(&temp_path)?;
            file.write_all(bytes)?;
            if sync {
                file.sync_all()?;
            }
            Ok(())
        })();
        if let Err(source) = result {
            let _ = fs::remove_file(&temp_path);
            return Err(Error::io("cannot write object", &temp_path)(source));
        }
        Ok(temp_path)
    }

    /// A batch of objects to store together (see [`ObjectBatch`]).
    pub fn batch(&self) -> ObjectBatch {
        ObjectBatch {
            store: self.clone(),
            written: Mutex::new(Pending::default()),
        }
    }

    /// Removes the temporary files an interrupted write left in `objects/tmp`; returns how
    /// many. Only for the holder of the writer lock: then no one else is writing one.
    pub fn remove_temporaries(&self) -> Result<usize> {
        let temp_dir = self.temp_dir();
        let entries = match fs::read_dir(&temp_dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(source) => return Err(Error::io("cannot read", &temp_dir)(source)),
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "part") && fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Objects written for one import batch without waiting for the disk after each. They are on
/// disk and in place only after [`ObjectBatch::settle`], which the writer calls before it
/// commits the rows that name them. Dropped unsettled (an error, a cancelled or crashed batch),
/// the batch removes its temporary files; a killed process leaves them to
/// [`FsBlobStore::remove_temporaries`].
pub struct ObjectBatch {
    store: FsBlobStore,
    written: Mutex<Pending>,
}

/// The objects a batch has written so far, not yet in place.
#[derive(Default)]
struct Pending {
    /// In the order they were written.
    files: Vec<Written>,
    /// Their SHA-256s: each put looks its object up here (a batch holds hundreds of them).
    objects: HashSet<String>,
}

struct Written {
    temporary: PathBuf,
    target: PathBuf,
}

/// Whether a temporary file is fsynced as it is written, or flushed with its batch by one
/// `syncfs`, which only Linux has.
const SYNC_EACH_FILE: bool = !cfg!(target_os = "linux");

impl ObjectBatch {
    /// Like [`BlobStore::put_bytes`], for many threads at once; the object is in place only
    /// after [`ObjectBatch::settle`].
    pub fn put_bytes(&self, bytes: &[u8]) -> Result<String> {
        let sha256 = sha256_hex(bytes);
        let target = self.store.object_path(&sha256)?;
        if target.exists() || self.written().objects.contains(&sha256) {
            return Ok(sha256);
        }
        let temporary = self.store.write_temporary(bytes, SYNC_EACH_FILE)?;
        let mut written = self.written();
        if written.objects.insert(sha256.clone()) {
            written.files.push(Written { temporary, target });
        } else {
            // Another thread stored the same bytes meanwhile.
            drop(written);
            let _ = fs::remove_file(&temporary);
        }
        Ok(sha256)
    }

    /// Makes every object of the batch durable and puts it in place: the files reach the disk,
    /// then are renamed, then the renames reach the disk.
    pub fn settle(self) -> Result<()> {
        let written = std::mem::take(&mut *self.written()).files;
        if written.is_empty() {
            return Ok(());
        }
        let root = &self.store.root;
        let result = (|| {
            if !SYNC_EACH_FILE {
                flush_file_system(root)?;
            }
            let mut parents = HashSet::new();
            for Written { temporary, target } in &written {
                let parent = target.parent().unwrap_or(root);
                if parents.insert(parent.to_path_buf()) {
                    fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
                }
                fs::rename(temporary, target).map_err(Error::io("cannot store object", target))?;
            }
            if SYNC_EACH_FILE {
                parents.iter().for_each(|parent| sync_dir(parent));
                Ok(())
            } else {
                flush_file_system(root)
            }
        })();
        if result.is_err() {
            for Written { temporary, .. } in &written {
                let _ = fs::remove_file(temporary);
            }
        }
        result
    }

    fn written(&self) -> std::sync::MutexGuard<'_, Pending> {
        // Holding the lock, a thread only inserts and pushes: a poisoned lock still holds whole
        // lists.
        self.written.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for ObjectBatch {
    fn drop(&mut self) {
        for Written { temporary, .. } in self.written().files.drain(..) {
            let _ = fs::remove_file(temporary);
        }
    }
}

/// Writes everything of the file system that holds `dir` to the disk (Linux `syncfs`): one wait
/// for a whole batch of files.
#[cfg(target_os = "linux")]
fn flush_file_system(dir: &Path) -> Result<()> {
    let handle = File::open(dir).map_err(Error::io("cannot open", dir))?;
    rustix::fs::syncfs(&handle)
        .map_err(|errno| Error::io("cannot write to the disk holding", dir)(errno.into()))
}

#[cfg(not(target_os = "linux"))]
fn flush_file_system(_dir: &Path) -> Result<()> {
    Ok(())
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

    fn temporaries(store: &FsBlobStore) -> usize {
        fs::read_dir(store.temp_dir()).map_or(0, |entries| entries.count())
    }

    #[test]
    fn a_batch_puts_its_objects_in_place_only_when_settled() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let batch = store.batch();
        let shas: Vec<String> = (0..20)
            .map(|i| batch.put_bytes(format!("object {i}").as_bytes()).unwrap())
            .collect();
        assert!(shas.iter().all(|sha| !store.contains(sha)));
        assert_eq!(temporaries(&store), 20);
        batch.settle().unwrap();
        for (i, sha) in shas.iter().enumerate() {
            let mut back = String::new();
            store.open(sha).unwrap().read_to_string(&mut back).unwrap();
            assert_eq!(back, format!("object {i}"));
        }
        assert_eq!(temporaries(&store), 0);
    }

    #[test]
    fn a_batch_writes_the_same_bytes_once_whatever_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let stored = store.put_bytes(b"already there").unwrap();
        let batch = store.batch();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    batch.put_bytes(b"twice").unwrap();
                    assert_eq!(batch.put_bytes(b"already there").unwrap(), stored);
                });
            }
        });
        assert_eq!(temporaries(&store), 1);
        batch.settle().unwrap();
        assert!(store.contains(&sha256_hex(b"twice")));
        assert_eq!(temporaries(&store), 0);
    }

    #[test]
    fn a_batch_dropped_unsettled_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let batch = store.batch();
        let sha = batch.put_bytes(b"abandoned").unwrap();
        drop(batch);
        assert!(!store.contains(&sha));
        assert_eq!(temporaries(&store), 0);
    }

    #[test]
    fn leftover_temporaries_are_removed_and_objects_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let sha = store.put_bytes(b"kept").unwrap();
        assert_eq!(store.remove_temporaries().unwrap(), 0);
        fs::write(store.temp_dir().join("0123.part"), b"half written").unwrap();
        fs::write(store.temp_dir().join("notes.txt"), b"not ours").unwrap();
        assert_eq!(store.remove_temporaries().unwrap(), 1);
        assert_eq!(temporaries(&store), 1);
        assert!(store.contains(&sha));
    }

    #[test]
    fn a_hash_that_is_not_hex_is_refused_as_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        assert!(store.object_path("../../etc/passwd").is_err());
        assert!(store.object_path(&"A".repeat(64)).is_err());
    }
}

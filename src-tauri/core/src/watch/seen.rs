//! What a watch folder has already handed to the import: each file's path (relative to the
//! folder), size and modification time. A file seen as it is now is never imported again — also
//! after a restart, as the set is kept in the archive (`watch/`, one file per folder, appended a
//! line per file and read back last line first). A file changed since it was seen is imported
//! again, and the archive's SHA-256 duplicate check catches the same bytes under a new name.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::settle::Look;
use crate::error::{Error, Result};

/// The archive's folder for what watch folders have seen.
pub const WATCH_DIR: &str = "watch";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    /// Nanoseconds since 1970; none where the system keeps no modification time.
    modified_ns: Option<i64>,
}

impl From<Look> for Stamp {
    fn from(look: Look) -> Self {
        Self {
            size: look.size,
            modified_ns: look.modified.and_then(nanos_since_epoch),
        }
    }
}

fn nanos_since_epoch(time: SystemTime) -> Option<i64> {
    let nanos = time.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    i64::try_from(nanos).ok()
}

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    path: String,
    #[serde(flatten)]
    stamp: Stamp,
}

/// The files one watch folder has seen.
#[derive(Debug)]
pub struct SeenSet {
    folder: PathBuf,
    file: PathBuf,
    seen: HashMap<String, Stamp>,
    /// The file's last line was cut short (a crash while appending): the next starts anew.
    needs_newline: bool,
}

impl SeenSet {
    /// Reads what `folder` has seen from the archive at `archive_dir` (nothing, the first time).
    pub fn load(archive_dir: &Path, folder: &Path) -> Result<Self> {
        let file = archive_dir.join(WATCH_DIR).join(file_name(folder));
        let mut seen = HashMap::new();
        let bytes = match fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(error) => return Err(Error::io("cannot read", &file)(error)),
        };
        for line in bytes.split(|&byte| byte == b'\n') {
            // A line cut short by a crash is the last one; its file is then seen anew.
            if let Ok(Line { path, stamp }) = serde_json::from_slice::<Line>(line) {
                seen.insert(path, stamp);
            }
        }
        Ok(Self {
            folder: folder.to_path_buf(),
            file,
            seen,
            needs_newline: !bytes.is_empty() && !bytes.ends_with(b"\n"),
        })
    }

    /// Whether `path` (inside the folder) was seen exactly as it is now.
    pub fn has_seen(&self, path: &Path, look: Look) -> bool {
        self.key(path)
            .and_then(|key| self.seen.get(&key))
            .is_some_and(|stamp| *stamp == Stamp::from(look))
    }

    /// Records files as seen, durably, before the next batch is looked for.
    pub fn record(&mut self, files: &[(PathBuf, Look)]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        if self.needs_newline {
            text.push('\n');
        }
        for (path, look) in files {
            let Some(key) = self.key(path) else { continue };
            let line = Line {
                path: key.clone(),
                stamp: Stamp::from(*look),
            };
            let json = serde_json::to_string(&line)
                .map_err(|e| Error::Internal(format!("cannot record a watched file: {e}")))?;
            text.push_str(&json);
            text.push('\n');
            self.seen.insert(key, line.stamp);
        }
        if let Some(parent) = self.file.parent() {
            fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
        }
        let mut out = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)
            .map_err(Error::io("cannot write", &self.file))?;
        out.write_all(text.as_bytes())
            .and_then(|()| out.sync_data())
            .map_err(Error::io("cannot write", &self.file))?;
        self.needs_newline = false;
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The path relative to the folder, with `/` between names on every system.
    fn key(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.folder).ok()?;
        let names: Vec<_> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect();
        Some(names.join("/"))
    }
}

/// One file per watched folder, named by a hash of the folder's path.
fn file_name(folder: &Path) -> String {
    let digest = Sha256::digest(folder.to_string_lossy().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("seen-{hex}.jsonl")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn look(size: u64, secs: u64) -> Look {
        Look {
            size,
            modified: Some(UNIX_EPOCH + Duration::from_secs(secs)),
        }
    }

    #[test]
    fn what_was_seen_is_remembered_across_a_reload() {
        let archive = tempfile::tempdir().unwrap();
        let folder = Path::new("/drop");
        let mut seen = SeenSet::load(archive.path(), folder).unwrap();
        assert!(seen.is_empty());
        seen.record(&[(folder.join("a/b.jpg"), look(10, 100))])
            .unwrap();
        let again = SeenSet::load(archive.path(), folder).unwrap();
        assert!(again.has_seen(&folder.join("a/b.jpg"), look(10, 100)));
        assert_eq!(again.len(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_seen_is_new_again() {
        let archive = tempfile::tempdir().unwrap();
        let folder = Path::new("/drop");
        let mut seen = SeenSet::load(archive.path(), folder).unwrap();
        seen.record(&[(folder.join("a.jpg"), look(10, 100))])
            .unwrap();
        assert!(!seen.has_seen(&folder.join("a.jpg"), look(11, 100)));
        assert!(!seen.has_seen(&folder.join("a.jpg"), look(10, 101)));
        seen.record(&[(folder.join("a.jpg"), look(11, 101))])
            .unwrap();
        let again = SeenSet::load(archive.path(), folder).unwrap();
        assert!(again.has_seen(&folder.join("a.jpg"), look(11, 101)));
        assert_eq!(again.len(), 1);
    }

    #[test]
    fn each_folder_keeps_its_own_set_and_a_cut_short_line_is_ignored() {
        let archive = tempfile::tempdir().unwrap();
        let mut first = SeenSet::load(archive.path(), Path::new("/one")).unwrap();
        first
            .record(&[(PathBuf::from("/one/a.jpg"), look(1, 1))])
            .unwrap();
        let second = SeenSet::load(archive.path(), Path::new("/two")).unwrap();
        assert!(second.is_empty());
        let mut file = OpenOptions::new().append(true).open(&first.file).unwrap();
        file.write_all(b"{\"path\":\"b.jp").unwrap();
        let mut again = SeenSet::load(archive.path(), Path::new("/one")).unwrap();
        assert_eq!(again.len(), 1);
        again
            .record(&[(PathBuf::from("/one/c.jpg"), look(3, 3))])
            .unwrap();
        let last = SeenSet::load(archive.path(), Path::new("/one")).unwrap();
        assert!(last.has_seen(Path::new("/one/c.jpg"), look(3, 3)));
        assert_eq!(last.len(), 2);
    }
}

//! The file an export writes: a temporary file beside the output, renamed into place only when
//! complete and flushed, and removed when the export fails or is cancelled.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(super) struct Pending {
    temp: tempfile::NamedTempFile,
    output: PathBuf,
    replace: bool,
}

impl Pending {
    /// A hidden temporary file in the output's folder, so the final rename stays on one file
    /// system and is atomic. Unless `replace`, a file already at the output is refused now and
    /// one that appears meanwhile is kept when the export ends.
    pub(super) fn beside(output: &Path, replace: bool) -> Result<Self> {
        let name = output
            .file_name()
            .ok_or_else(|| Error::InvalidInput(format!("{} is not a file name", output.display())))?
            .to_string_lossy()
            .into_owned();
        if output.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{} is a folder; give the name of the file to write",
                output.display()
            )));
        }
        if !replace && output.exists() {
            return Err(exists(output));
        }
        let folder = match output.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Renamed into place, it is the user's file: the umask's permissions, not owner-only.
        let temp = crate::user_files::builder(crate::user_files::Kind::File)
            .prefix(&format!(".{name}."))
            .suffix(".part")
            .tempfile_in(&folder)
            .map_err(Error::io("cannot write in", &folder))?;
        Ok(Self {
            temp,
            output: output.to_path_buf(),
            replace,
        })
    }

    pub(super) fn file(&self) -> &File {
        self.temp.as_file()
    }

    /// Flushes the file to disk and renames it to the output; returns its size.
    pub(super) fn commit(self) -> Result<u64> {
        let file = self.temp.as_file();
        file.sync_all()
            .map_err(Error::io("cannot write", self.temp.path()))?;
        let size = file
            .metadata()
            .map_err(Error::io("cannot write", self.temp.path()))?
            .len();
        let output = self.output;
        let persisted = if self.replace {
            self.temp.persist(&output)
        } else {
            self.temp.persist_noclobber(&output)
        };
        persisted.map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists if !self.replace => exists(&output),
            _ => Error::Io {
                action: "cannot write",
                path: output.clone(),
                source: e.error,
            },
        })?;
        Ok(size)
    }
}

fn exists(output: &Path) -> Error {
    Error::InvalidInput(format!(
        "{} already exists and was not chosen to be replaced; it is left as it is",
        output.display()
    ))
}

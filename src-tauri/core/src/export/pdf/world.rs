//! The typst world of one dossier, all in memory: the template, the dossier's data as JSON, the
//! prepared images under stable virtual paths (`/img/<sha256>.jpg`) and the bundled fonts.
//! Nothing is read from the file system, the network or the system's fonts.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts;

const TEMPLATE: &str = include_str!("dossier.typ");
pub(super) const TEMPLATE_PATH: &str = "/dossier.typ";
pub(super) const DATA_PATH: &str = "/dossier.json";

pub(super) struct DossierWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

/// The id of a virtual path; ids are interned for the life of the process, so the paths used
/// are stable (one per template, one per image hash).
pub(super) fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

impl DossierWorld {
    /// A world whose main file is the dossier template, reading `data` as `/dossier.json` and
    /// `files` at their virtual paths.
    pub(super) fn new(data: Vec<u8>, files: Vec<(String, Bytes)>) -> Option<Self> {
        let main = Source::new(file_id(TEMPLATE_PATH)?, TEMPLATE.to_string());
        let mut by_id = HashMap::with_capacity(files.len() + 1);
        by_id.insert(file_id(DATA_PATH)?, Bytes::new(data));
        for (path, bytes) in files {
            by_id.insert(file_id(&path)?, bytes);
        }
        Some(Self { main, files: by_id })
    }
}

impl World for DossierWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts::bundled().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts::bundled().fonts.get(index).cloned()
    }

    /// The dossier carries its own export date in its data; `datetime.today()` is not used.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

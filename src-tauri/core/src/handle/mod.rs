//! The seam between the archive and its front ends (DESIGN §9). A [`WriteHandle`] owns the
//! writer connection and lock, the search index and the index-queue protocol; a [`ReadHandle`]
//! owns read connections opened once and reused. Every change goes through a `WriteHandle`
//! method, which appends one journal action and applies it in one transaction, brings the index
//! up to date and returns its result with what it changed ([`Written`]). The front ends never
//! see a connection.
//!
//! A read handle has no write operations, so asking one to write does not compile:
//!
//! ```compile_fail
//! fn trash_through(reader: &folio_core::handle::ReadHandle) {
//!     let _ = reader.trash(&[1]);
//! }
//! ```
//!
//! while the same call on a write handle does:
//!
//! ```no_run
//! fn trash_through(writer: &mut folio_core::handle::WriteHandle) {
//!     let _ = writer.trash(&[1]);
//! }
//! ```

mod index;
mod ocr;
mod team;
mod write;

pub use team::ThumbnailShelf;
pub use write::WriteHandle;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};

use rusqlite::{Connection, TransactionBehavior};

use crate::archive::{Archive, INDEX_DIR};
use crate::changes::{Change, ChangeSet, Written};
use crate::db::{self, Access, DATABASE_FILE};
use crate::error::{Error, Result};
use crate::export::{ExportReport, ExportRequest};
use crate::facets::{FacetRequest, Facets};
use crate::fixity::VerifyReport;
use crate::import::{ImportOptions, ImportReport};
use crate::indexing;
use crate::items::{ItemSummary, ItemView, KindFilter};
use crate::journal::apply::{self, Effects};
use crate::journal::{self, Action, Entry};
use crate::library::collections::{self, CollectionSummary};
use crate::library::editing::{self, EditRequest, Undone};
use crate::library::history::{self, HistoryEntry, Recorder};
use crate::library::listing::{self, ItemPage, ListRequest};
use crate::library::orders::OrderCache;
use crate::library::ratings::{self, LabelRequest, RateRequest};
use crate::library::saved_searches::{self, SavedSearch};
use crate::library::tagging::{self, TagCount, TagRequest};
use crate::library::templates::{self, Template};
use crate::library::{self, trash};
use crate::originals::{CacheUsage, RemoteOriginals};
use crate::progress::{CancelToken, NoProgress, ProgressSink};
use crate::search::{Opened, SearchIndex, SearchPage, SearchRequest};
use crate::selection::ExportScope;
use crate::similar::{
    self, DuplicatesReport, MergeReport, MergeRequest, SimilarReport, Thresholds,
};
use crate::stats::{Folders, Stats};
use crate::tables::{self, items};

/// An import of at least this many items waits for the index to merge the segments it wrote, so
/// the index is as compact and fast as a rebuild leaves it (the next change reopens its writer).
const MERGE_AFTER_ITEMS: usize = 2000;

/// How many idle read connections a handle keeps; more are opened while many reads run at once
/// and closed when they finish.
const IDLE_READERS: usize = 4;

/// Reading an archive: listings, items, search, export, verify. Cheap to clone; clones share the
/// connections and the index.
#[derive(Clone)]
pub struct ReadHandle {
    shared: Arc<Shared>,
}

struct Shared {
    dir: PathBuf,
    /// Read connections opened once and reused, so a read never reopens the archive.
    idle: Mutex<Vec<Connection>>,
    /// The search index: opened by the writer ([`WriteHandle::open_index`]), or on first search
    /// by a reader of an archive another process writes.
    index: Mutex<IndexSlot>,
    /// Wakes the reads waiting for the writer to open the index.
    index_opened: Condvar,
    /// Set when a reader found no index and made an empty one: another process is rebuilding it.
    index_incomplete: AtomicBool,
    /// Every fingerprint and sketch, kept while the archive's similarity generation holds.
    similarity: similar::CorpusCache,
    /// The library's sort orders and views' members, kept while its listing generation holds.
    orders: OrderCache,
    /// What facet counts read of every item, kept while the listing generation holds.
    facet_columns: crate::facets::ColumnCache,
    /// Where originals this archive lacks are fetched from, once a front end registers it
    /// ([`ReadHandle::set_remote_originals`]).
    remote: RwLock<Option<Arc<dyn RemoteOriginals>>>,
}

enum IndexSlot {
    /// A reader without a writer in this process opens the index on first use.
    Unopened,
    /// The writer of this process is opening it (perhaps rebuilding it): reads wait.
    Pending,
    Ready(Arc<SearchIndex>),
    /// The writer could not open it; the message says why.
    Failed(String),
}

impl std::fmt::Debug for ReadHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadHandle")
            .field("dir", &self.shared.dir)
            .finish_non_exhaustive()
    }
}

impl ReadHandle {
    /// Opens an archive for reading (bringing its schema up to date first if no one writes it).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn open(dir: &Path) -> Result<Self> {
        let archive = Archive::open(dir, Access::Read)?;
        Ok(Self::around(
            dir,
            Some(archive.into_connection()),
            IndexSlot::Unopened,
        ))
    }

    fn around(dir: &Path, first: Option<Connection>, index: IndexSlot) -> Self {
        Self {
            shared: Arc::new(Shared {
                dir: dir.to_path_buf(),
                idle: Mutex::new(first.into_iter().collect()),
                index: Mutex::new(index),
                index_opened: Condvar::new(),
                index_incomplete: AtomicBool::new(false),
                similarity: similar::CorpusCache::default(),
                orders: OrderCache::default(),
                facet_columns: crate::facets::ColumnCache::default(),
                remote: RwLock::new(None),
            }),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.shared.dir
    }

    /// Registers where originals and thumbnails this archive lacks are fetched from (a team's
    /// object store); every clone of this handle, and its writer, then fetch on demand.
    pub fn set_remote_originals(&self, remote: Option<Arc<dyn RemoteOriginals>>) {
        if let Ok(mut slot) = self.shared.remote.write() {
            *slot = remote;
        }
    }

    fn remote_originals(&self) -> Option<Arc<dyn RemoteOriginals>> {
        self.shared.remote.read().ok().and_then(|slot| slot.clone())
    }

    /// A file holding an original — to open or show it — fetched from the team into the cache
    /// when only the team has it.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn original_file(&self, sha256: &str) -> Result<PathBuf> {
        self.with_archive(|archive| archive.original_file(sha256))
    }

    /// A thumbnail's file, fetched from the team when it is not here; `None` when there is none.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn thumbnail_file(&self, sha256: &str, max_side: u32) -> Result<Option<PathBuf>> {
        self.with_archive(|archive| crate::originals::thumbnail_file(archive, sha256, max_side))
    }

    /// Every original the archive's items name (for checking the team's store).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn named_originals(&self) -> Result<Vec<crate::originals::NamedOriginal>> {
        self.read(crate::originals::named)
    }

    /// How full the cache of originals fetched from the team is, and its limit.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn cache_usage(&self) -> Result<CacheUsage> {
        let limit = self.read(crate::originals::cache_limit)?;
        crate::originals::cache_usage(self.dir(), limit)
    }

    /// Runs `read` on a pooled read connection.
    fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.with_archive(|archive| read(archive.conn()))
    }

    /// Runs `read` on a reading [`Archive`] around a pooled connection.
    fn with_archive<T>(&self, read: impl FnOnce(&Archive) -> Result<T>) -> Result<T> {
        let pooled = self.shared.idle.lock().map_err(|_| poisoned())?.pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => db::open(&self.dir().join(DATABASE_FILE), Access::Read)?,
        };
        let archive = Archive::around_reader(self.dir(), conn, self.remote_originals());
        let result = read(&archive);
        let conn = archive.into_connection();
        if let Ok(mut idle) = self.shared.idle.lock()
            && idle.len() < IDLE_READERS
        {
            idle.push(conn);
        }
        result
    }

    /// The search index: waits while this process's writer opens it; a reader of an archive
    /// another process writes opens it on first use.
    fn index(&self) -> Result<Arc<SearchIndex>> {
        let mut slot = self.shared.index.lock().map_err(|_| poisoned())?;
        loop {
            match &*slot {
                IndexSlot::Ready(index) => return Ok(Arc::clone(index)),
                IndexSlot::Failed(why) => {
                    return Err(Error::Internal(format!(
                        "the search index cannot open: {why}"
                    )));
                }
                IndexSlot::Pending => {
                    slot = self
                        .shared
                        .index_opened
                        .wait(slot)
                        .map_err(|_| poisoned())?;
                }
                IndexSlot::Unopened => {
                    let (index, opened) = SearchIndex::open(&self.dir().join(INDEX_DIR))?;
                    if let Opened::Created { .. } = opened {
                        self.shared.index_incomplete.store(true, Ordering::Relaxed);
                    }
                    *slot = IndexSlot::Ready(Arc::new(index));
                }
            }
        }
    }

    /// The index if it is open, without waiting.
    fn open_index_now(&self) -> Option<Arc<SearchIndex>> {
        match &*self.shared.index.lock().ok()? {
            IndexSlot::Ready(index) => Some(Arc::clone(index)),
            _ => None,
        }
    }

    /// Whether search found no index and another process is building it: results may be
    /// incomplete until it is done.
    pub fn index_incomplete(&self) -> bool {
        self.shared.index_incomplete.load(Ordering::Relaxed)
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn stats(&self) -> Result<Stats> {
        self.with_archive(|archive| crate::stats::stats(archive, Folders::Skip))
    }

    /// [`Self::stats`] with the sizes of the thumbnails' and the index's folders.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn stats_with_folder_sizes(&self) -> Result<Stats> {
        self.with_archive(|archive| crate::stats::stats(archive, Folders::Measure))
    }

    /// One page of a library view, sorted.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn list_page(&self, request: &ListRequest) -> Result<ItemPage> {
        self.read(|conn| listing::page(conn, request, Some(&self.shared.orders)))
    }

    /// Items in the library, newest import first, up to `limit`.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn list(&self, kind: Option<KindFilter>, limit: usize) -> Result<Vec<ItemSummary>> {
        self.read(|conn| crate::items::list(conn, kind, limit))
    }

    /// The rows of these items, in the order given (items that are gone are left out).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<ItemSummary>> {
        self.read(|conn| listing::summaries(conn, ids))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn show(&self, id: i64) -> Result<ItemView> {
        self.read(|conn| crate::items::show(conn, id))
    }

    /// An item's history, oldest first.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        self.read(|conn| {
            crate::library::fields::kind_of(conn, id)?;
            history::of_item(conn, id)
        })
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        self.read(tagging::list_tags)
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn collections(&self) -> Result<Vec<CollectionSummary>> {
        self.read(collections::list)
    }

    /// The id of the collection called `name` (ignoring case and runs of spaces).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn find_collection(&self, name: &str) -> Result<i64> {
        self.read(|conn| collections::find(conn, name))
    }

    /// The items of a collection in its order (trash excluded).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn collection_members(&self, id: i64) -> Result<Vec<i64>> {
        self.read(|conn| collections::members(conn, id))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        self.read(saved_searches::list)
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn find_saved_search(&self, name: &str) -> Result<SavedSearch> {
        self.read(|conn| saved_searches::find(conn, name))
    }

    /// Every ingest template, by name.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn templates(&self) -> Result<Vec<Template>> {
        self.read(templates::list)
    }

    /// What importing `request` applies: its tags and collection, and the template it names
    /// (not found: an error naming it) in the mode it asks for, else the template's own.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn import_options(
        &self,
        request: &crate::import::ImportRequest,
    ) -> Result<crate::import::ImportOptions> {
        let mut options = request.options();
        if let Some(name) = request.template.as_deref().map(str::trim)
            && !name.is_empty()
        {
            let mut template = self.find_template(name)?;
            if let Some(mode) = request.template_mode {
                template.mode = mode;
            }
            options.template = Some(template);
        }
        Ok(options)
    }

    /// The ingest template called `name` (ignoring case).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn find_template(&self, name: &str) -> Result<Template> {
        self.read(|conn| templates::find(conn, name))
    }

    /// Runs a query: a page of hits with snippets.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn search(&self, request: &SearchRequest) -> Result<SearchPage> {
        let index = self.index()?;
        self.read(|conn| crate::search::search_page(conn, &index, request))
    }

    /// The facets and timeline of a view, or of a search within it.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn facets(&self, request: &FacetRequest) -> Result<Facets> {
        let index = if request.query.trim().is_empty() {
            None
        } else {
            Some(self.index()?)
        };
        self.read(|conn| {
            crate::facets::facets(conn, index.as_deref(), &self.shared.facet_columns, request)
        })
    }

    /// The ids of what an export applies to: items, a collection in order, or a query's items.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn resolve(&self, scope: &ExportScope) -> Result<Vec<i64>> {
        let index = self.index()?;
        self.read(|conn| crate::selection::resolve(conn, &index, scope))
    }

    /// The collections holding any of these items, each with those of them in its order.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn collections_of(&self, ids: &[i64]) -> Result<Vec<(String, Vec<i64>)>> {
        self.read(|conn| crate::export::collections_of(conn, ids))
    }

    /// Writes a PDF dossier or a ZIP bundle; the file appears only when complete.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn export(
        &self,
        request: &ExportRequest,
        output: &Path,
        progress: &dyn ProgressSink,
        cancel: &CancelToken,
    ) -> Result<ExportReport> {
        self.with_archive(|archive| {
            crate::export::export(archive, request, output, progress, cancel)
        })
    }

    /// Copies items into a folder: photos with their current captions written into the copy,
    /// articles as their original files. The originals are only read.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn copy_items(
        &self,
        item_ids: &[i64],
        destination: &Path,
    ) -> Result<crate::export::copies::CopyReport> {
        self.with_archive(|archive| {
            crate::export::copies::copy_items(archive, item_ids, destination)
        })
    }

    /// Checks every original and the database. Reads only.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn verify(
        &self,
        progress: &dyn ProgressSink,
        cancel: &CancelToken,
    ) -> Result<VerifyReport> {
        self.with_archive(|archive| crate::fixity::verify(archive, progress, cancel))
    }

    /// Copies the archive, consistently, to a new folder.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn backup(
        &self,
        destination: &Path,
        progress: &dyn ProgressSink,
    ) -> Result<crate::backup::BackupReport> {
        self.with_archive(|archive| crate::backup::backup(archive, destination, progress))
    }

    /// The items alike item `id` (photos by fingerprint, articles by text), most alike first.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn similar(&self, id: i64, thresholds: Thresholds) -> Result<SimilarReport> {
        let thresholds = thresholds.checked()?;
        self.read(|conn| {
            let corpus = self.shared.similarity.current(conn)?;
            similar::similar_to(conn, &corpus, id, thresholds)
        })
    }

    /// The originals of photos without a fingerprint yet (by SHA-256), for
    /// [`ReadHandle::fingerprint_photos`].
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn unfingerprinted_photos(&self) -> Result<Vec<String>> {
        self.read(similar::backfill::photos_without_fingerprint)
    }

    /// Decodes these originals and fingerprints those that decode; reads files only, so it runs
    /// beside the writer. Store the result with [`WriteHandle::store_fingerprints`].
    pub fn fingerprint_photos(&self, sha256s: &[String]) -> Vec<(String, u64)> {
        similar::backfill::make_fingerprints(&self.shared.dir, sha256s)
    }

    /// Every group of near-duplicate photos and articles in the library.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn duplicates(&self, thresholds: Thresholds) -> Result<DuplicatesReport> {
        let thresholds = thresholds.checked()?;
        self.read(|conn| {
            let corpus = self.shared.similarity.current(conn)?;
            similar::duplicates(conn, &corpus, thresholds)
        })
    }

    /// The journal's actions after `seq` (0 for all), oldest first.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn journal(&self, after: i64) -> Result<Vec<Entry>> {
        self.read(|conn| journal::entries(conn, after))
    }

    /// The archive's canonical dump (see [`journal::dump`]).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn dump(&self) -> Result<String> {
        self.read(|conn| {
            // One read transaction: every section from the same state.
            let snapshot = conn.unchecked_transaction()?;
            journal::dump::dump(&snapshot)
        })
    }
}

fn done<T>(value: T, effects: Effects) -> Written<T> {
    Written {
        value,
        changes: effects.changes,
    }
}

fn poisoned() -> Error {
    Error::Internal("a previous operation failed while holding the archive".into())
}

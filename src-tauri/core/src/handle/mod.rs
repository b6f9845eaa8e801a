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

mod ocr;
mod team;

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

/// Changing an archive: the one writer (holding the lock), its index, and every operation that
/// changes anything. Reads go through the [`ReadHandle`] it dereferences to.
#[derive(Debug)]
pub struct WriteHandle {
    archive: Archive,
    reader: ReadHandle,
    author: String,
}

impl Deref for WriteHandle {
    type Target = ReadHandle;

    fn deref(&self) -> &ReadHandle {
        &self.reader
    }
}

impl WriteHandle {
    /// Opens an existing archive for writing (taking the writer lock, migrating it) and brings
    /// its search index up to date, rebuilding it if it is missing.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn open(dir: &Path) -> Result<Self> {
        Self::with_index(Archive::open(dir, Access::Write)?)
    }

    /// Creates the archive if needed and opens it for writing, with its index.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn init(dir: &Path) -> Result<Self> {
        Self::with_index(Archive::init(dir)?)
    }

    /// Opens the archive, creating it on first use, with its index.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        Self::with_index(Archive::open_or_create(dir)?)
    }

    /// Opens the archive, creating it on first use, without opening the index: what the desktop
    /// does at start, so the window shows while [`WriteHandle::open_index`] (which may rebuild
    /// it) runs beside it. Searches wait for it.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn open_or_create_deferring_index(dir: &Path) -> Result<Self> {
        Ok(Self::around(Archive::open_or_create(dir)?))
    }

    fn with_index(archive: Archive) -> Result<Self> {
        let handle = Self::around(archive);
        handle.open_index(&NoProgress)?;
        Ok(handle)
    }

    fn around(archive: Archive) -> Self {
        let reader = ReadHandle::around(archive.dir(), None, IndexSlot::Pending);
        Self {
            archive,
            reader,
            author: journal::author(),
        }
    }

    /// Opens the search index (rebuilding it when it is missing or from another version, with
    /// progress) and applies what is queued; searches waiting for it go on.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn open_index(&self, progress: &dyn ProgressSink) -> Result<()> {
        if self.reader.open_index_now().is_some() {
            return Ok(());
        }
        let opened = indexing::open_for_writing(&self.archive, progress);
        let mut slot = self.reader.shared.index.lock().map_err(|_| poisoned())?;
        *slot = match &opened {
            Ok(_) => IndexSlot::Pending,
            Err(error) => IndexSlot::Failed(error.to_string()),
        };
        let result = opened.map(|index| *slot = IndexSlot::Ready(Arc::new(index)));
        drop(slot);
        self.reader.shared.index_opened.notify_all();
        result
    }

    /// A read handle sharing this writer's connections and index, for reading beside it.
    pub fn reader(&self) -> ReadHandle {
        self.reader.clone()
    }

    /// Who this writer's actions are by (`FOLIO_AUTHOR`, else the system's user name).
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Makes this writer's later actions be by `author` (a team member's name, say).
    pub fn set_author(&mut self, author: &str) {
        author.trim().clone_into(&mut self.author);
    }

    fn conn(&self) -> &Connection {
        self.archive.conn()
    }

    /// Appends `action` to the journal and applies it, in one transaction; then removes files
    /// no row names any more and brings the index up to date. An action that changes nothing is
    /// rolled back: the journal holds only real changes.
    fn perform(&mut self, action: Action) -> Result<Effects> {
        let uid = journal::new_uid();
        let at = crate::now_rfc3339();
        let author = self.author.clone();
        self.apply_as(&uid, &author, &at, &action, false)
    }

    /// Refuses a change made here when this archive is a reader of its team, before anything
    /// is written. Every change of the record passes here (actions through [`Self::apply_as`],
    /// imports at their start); the team's own actions, applied by `apply_pulled`, do not.
    fn refuse_if_reader(&self) -> Result<()> {
        match tables::team::reader_of(self.conn())? {
            Some(team) => Err(Error::TeamReader { team }),
            None => Ok(()),
        }
    }

    fn apply_as(
        &mut self,
        uid: &str,
        author: &str,
        at: &str,
        action: &Action,
        keep_unchanged: bool,
    ) -> Result<Effects> {
        self.refuse_if_reader()?;
        // Closing the span logs the write's duration (`FOLIO_LOG=debug`).
        let _span = tracing::debug_span!("write", kind = action.kind()).entered();
        let tx = self
            .archive
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = journal::append(&tx, uid, author, at, action)?;
        let recorder = Recorder { seq, at };
        // A team member's own change comes before the team has placed it: it is kept so that
        // receiving the team's actions can take it back and apply it again at its place.
        let ahead_of_team = !keep_unchanged && tables::team::is_member(&tx)?;
        let effects = if ahead_of_team {
            let (effects, undo) = journal::rebase::apply_recording(&tx, &recorder, action)?;
            journal::rebase::keep(&tx, seq, &undo, effects.changes.item_ids())?;
            effects
        } else {
            apply::apply(&tx, &recorder, action)?
        };
        if effects.changes.is_empty() && !keep_unchanged {
            drop(tx); // rolls back: nothing changed, nothing to record
            return Ok(effects);
        }
        tx.commit()?;
        // Originals an emptied trash no longer names are removed once the team has placed the
        // action (an earlier restore by someone else may keep them).
        self.after_write(if ahead_of_team {
            &[]
        } else {
            &effects.unreferenced
        });
        Ok(effects)
    }

    /// What follows every commit: files no row names are removed, the index catches up. A
    /// failure to index is logged; the queue keeps the changes for the next time.
    fn after_write(&mut self, unreferenced: &[String]) {
        trash::remove_files(&self.archive, unreferenced);
        // Lets the crash tests stop the process exactly between a commit and its indexing.
        if std::env::var_os("FOLIO_TEST_ABORT_BEFORE_INDEXING").is_some() {
            std::process::abort();
        }
        if let Some(index) = self.reader.open_index_now()
            && let Err(error) = indexing::apply_queue(self.archive.conn(), &index)
        {
            tracing::warn!("the search index will catch up later: {error}");
        }
    }

    fn uids(&self, ids: &[i64]) -> Result<Vec<String>> {
        ids.iter()
            .map(|&id| items::uid_of(self.conn(), id))
            .collect()
    }

    fn collection_uid(&self, id: i64) -> Result<String> {
        Ok(tables::collections::uid_and_name(self.conn(), id)?.0)
    }

    /// Imports files, folders, ZIPs and Folio bundles (see [`crate::import`]): each committed
    /// batch is one journal action.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn import(
        &mut self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &dyn ProgressSink,
        cancel: &CancelToken,
    ) -> Result<Written<ImportReport>> {
        self.refuse_if_reader()?;
        let report = crate::import::import(&mut self.archive, inputs, options, progress, cancel);
        self.after_write(&[]);
        let report = report?;
        if report.imported.len() >= MERGE_AFTER_ITEMS
            && let Some(index) = self.reader.open_index_now()
            && let Err(error) = index.wait_for_merges()
        {
            tracing::warn!("the search index's segments were not merged: {error}");
        }
        let mut changes = ChangeSet::default()
            .items(report.imported.iter().map(|item| item.id))
            .items(report.duplicates.iter().map(|duplicate| duplicate.id));
        if !report.imported.is_empty() {
            changes = changes
                .with(Change::Stats)
                .with(Change::Tags)
                .with(Change::Collections);
        }
        Ok(Written {
            value: report,
            changes,
        })
    }

    /// Adds and removes tags on many items at once.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn tag_items(&mut self, request: &TagRequest) -> Result<Written<()>> {
        let add = tagging::clean_names(&request.add)?;
        let remove = tagging::clean_names(&request.remove)?;
        let items = self.uids(&request.ids)?;
        let effects = self.perform(Action::Tag { items, add, remove })?;
        Ok(done((), effects))
    }

    /// Gives many items a number of stars (0 takes the rating away).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn rate_items(&mut self, request: &RateRequest) -> Result<Written<()>> {
        ratings::check_items(&request.ids, "rate")?;
        let rating = ratings::check_rating(i64::from(request.rating))?;
        let items = self.uids(&request.ids)?;
        let effects = self.perform(Action::Rate { items, rating })?;
        Ok(done((), effects))
    }

    /// Gives many items a colour label, or takes it away.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn label_items(&mut self, request: &LabelRequest) -> Result<Written<()>> {
        ratings::check_items(&request.ids, "label")?;
        let items = self.uids(&request.ids)?;
        let effects = self.perform(Action::Label {
            items,
            label: request.label,
        })?;
        Ok(done((), effects))
    }

    /// Renames a tag and the tags below it; onto an existing tag, merges the two.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn rename_tag(&mut self, from: &str, to: &str) -> Result<Written<()>> {
        let from = tables::tags::normalise(from)?;
        let to = tables::tags::normalise(to)?;
        let effects = self.perform(Action::RenameTag { from, to })?;
        Ok(done((), effects))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn create_collection(&mut self, name: &str) -> Result<Written<CollectionSummary>> {
        let collection = journal::new_uid();
        let name = tables::collections::normalise(name)?;
        collections::refuse_taken(self.conn(), &name)?;
        let effects = self.perform(Action::CreateCollection {
            collection: collection.clone(),
            name,
        })?;
        let id = tables::collections::find_by_uid(self.conn(), &collection)?
            .ok_or_else(|| Error::Internal("the new collection is missing".into()))?;
        let summary = collections::summary(self.conn(), id)?;
        Ok(done(summary, effects))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn rename_collection(&mut self, id: i64, name: &str) -> Result<Written<()>> {
        let collection = self.collection_uid(id)?;
        let name = tables::collections::normalise(name)?;
        let effects = self.perform(Action::RenameCollection { collection, name })?;
        Ok(done((), effects))
    }

    /// Deletes a collection; its items stay in the library.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn delete_collection(&mut self, id: i64) -> Result<Written<()>> {
        let collection = self.collection_uid(id)?;
        let effects = self.perform(Action::DeleteCollection { collection })?;
        Ok(done((), effects))
    }

    /// Appends items to a collection, in the order given.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn add_to_collection(&mut self, id: i64, item_ids: &[i64]) -> Result<Written<()>> {
        let collection = self.collection_uid(id)?;
        let items = self.uids(item_ids)?;
        let effects = self.perform(Action::AddToCollection { collection, items })?;
        Ok(done((), effects))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn remove_from_collection(&mut self, id: i64, item_ids: &[i64]) -> Result<Written<()>> {
        let collection = self.collection_uid(id)?;
        let items = self.uids(item_ids)?;
        let effects = self.perform(Action::RemoveFromCollection { collection, items })?;
        Ok(done((), effects))
    }

    /// Puts a collection in a new order: every item of it, once.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn reorder_collection(&mut self, id: i64, item_ids: &[i64]) -> Result<Written<()>> {
        let collection = self.collection_uid(id)?;
        let items = self.uids(item_ids)?;
        let effects = self.perform(Action::ReorderCollection { collection, items })?;
        Ok(done((), effects))
    }

    /// Saves a query under a name; an existing name (ignoring case) gets the new query.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<Written<SavedSearch>> {
        let (name, query) = saved_searches::clean(name, query)?;
        let search =
            saved_searches::uid_of_name(self.conn(), &name)?.unwrap_or_else(journal::new_uid);
        let effects = self.perform(Action::SaveSearch {
            search: search.clone(),
            name,
            query,
        })?;
        let saved = saved_searches::by_uid(self.conn(), &search)?;
        Ok(done(saved, effects))
    }

    /// Saves an ingest template, checked first (an unknown variable is refused by name); an
    /// existing name (ignoring case) gets the new template.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn save_template(&mut self, template: &Template) -> Result<Written<Template>> {
        let body = templates::clean(template)?;
        let template =
            templates::uid_of_name(self.conn(), &body.name)?.unwrap_or_else(journal::new_uid);
        let effects = self.perform(Action::SaveTemplate {
            template,
            body: body.clone(),
        })?;
        let saved = templates::find(self.conn(), &body.name)?;
        Ok(done(saved, effects))
    }

    /// Deletes the ingest template called `name`; answers the name as it was saved.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn delete_template(&mut self, name: &str) -> Result<Written<String>> {
        let found = templates::find(self.conn(), name)?;
        let template = templates::uid_of_name(self.conn(), &found.name)?
            .ok_or_else(|| crate::error::Error::NotFound(format!("template {name:?}")))?;
        let effects = self.perform(Action::DeleteTemplate { template })?;
        Ok(done(found.name, effects))
    }

    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn delete_saved_search(&mut self, id: i64) -> Result<Written<()>> {
        let search = saved_searches::uid_of(self.conn(), id)?;
        let effects = self.perform(Action::DeleteSearch { search })?;
        Ok(done((), effects))
    }

    /// Moves items to the trash.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn trash(&mut self, ids: &[i64]) -> Result<Written<()>> {
        let items = self.uids(ids)?;
        let effects = self.perform(Action::Trash { items })?;
        Ok(done((), effects))
    }

    /// Brings items back from the trash.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn restore(&mut self, ids: &[i64]) -> Result<Written<()>> {
        let items = self.uids(ids)?;
        let effects = self.perform(Action::Restore { items })?;
        Ok(done((), effects))
    }

    /// Removes everything in the trash for good; returns how many items.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn empty_trash(&mut self) -> Result<Written<usize>> {
        let ids = trash::in_trash(self.conn())?;
        if ids.is_empty() {
            return Ok(done(0, Effects::default()));
        }
        let items = self.uids(&ids)?;
        let effects = self.perform(Action::EmptyTrash { items })?;
        Ok(done(ids.len(), effects))
    }

    /// Sets one field of one item; the same value changes nothing.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn update_item(&mut self, request: &EditRequest) -> Result<Written<()>> {
        let value = editing::clean_value(request.field, &request.value)?;
        let item = items::uid_of(self.conn(), request.id)?;
        let effects = self.perform(Action::Edit {
            item,
            field: request.field,
            value,
        })?;
        Ok(done((), effects))
    }

    /// Links an article's figure to a photo, or unlinks it with `None`.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn link_figure(&mut self, figure_id: i64, photo_id: Option<i64>) -> Result<Written<()>> {
        let (article_id, position) = editing::figure_place(self.conn(), figure_id)?;
        let article = items::uid_of(self.conn(), article_id)?;
        let photo = match photo_id {
            Some(id) => {
                editing::check_photo(self.conn(), id)?;
                Some(items::uid_of(self.conn(), id)?)
            }
            None => None,
        };
        let effects = self.perform(Action::LinkFigure {
            article,
            position,
            photo,
        })?;
        Ok(done((), effects))
    }

    /// Sketches up to a chunk of the articles that have no text sketch (an archive from before
    /// sketches); 0 when none are left.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn sketch_articles(&mut self) -> Result<u64> {
        similar::backfill::sketch_articles(self.archive.conn_mut())
    }

    /// Stores fingerprints made by [`ReadHandle::fingerprint_photos`] (derived data, like
    /// thumbnails: no journal action). Answers with the items they belong to.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn store_fingerprints(&mut self, made: &[(String, u64)]) -> Result<Written<usize>> {
        let items = similar::backfill::store_fingerprints(self.archive.conn_mut(), made)?;
        Ok(Written {
            value: made.len(),
            changes: ChangeSet::default().items(items),
        })
    }

    /// Merges a group of near-duplicates into one item (the one asked for, else the best: most
    /// pixels, longest text): it takes the others' tags, collections, figure links and fullest
    /// caption, and the others go to the trash. One action, undone as one.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn merge(&mut self, request: &MergeRequest) -> Result<Written<MergeReport>> {
        if let Some(keep) = request.keep
            && library::fields::read(self.conn(), keep, library::fields::Field::Trash)?.is_some()
        {
            return Err(Error::InvalidInput(format!(
                "item {keep} is in the trash: restore it before merging into it"
            )));
        }
        // Items already in the trash take no part: the best is chosen among the others.
        let mut ids = Vec::new();
        for &id in request.ids.iter().chain(&request.keep) {
            if library::fields::read(self.conn(), id, library::fields::Field::Trash)?.is_none() {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            return Err(Error::InvalidInput(
                "a merge needs at least two items".into(),
            ));
        }
        let kinds = ids
            .iter()
            .map(|&id| library::fields::kind_of(self.conn(), id))
            .collect::<Result<Vec<_>>>()?;
        if kinds.iter().any(|kind| *kind != kinds[0]) {
            return Err(Error::InvalidInput(
                "only items of one kind merge: photos with photos, articles with articles".into(),
            ));
        }
        let kept = match request.keep {
            Some(id) => id,
            None if kinds[0] == "photo" => similar::best_photo(self.conn(), &ids)?,
            None => similar::best_article(self.conn(), &ids)?,
        };
        let others: Vec<i64> = ids.into_iter().filter(|&id| id != kept).collect();
        let effects = self.perform(Action::Merge {
            keep: items::uid_of(self.conn(), kept)?,
            others: self.uids(&others)?,
        })?;
        let trashed = others
            .into_iter()
            .filter(|id| effects.changes.item_ids().contains(id))
            .collect();
        Ok(done(MergeReport { kept, trashed }, effects))
    }

    /// Reverts the latest action not yet undone; `None` when there is nothing to undo.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn undo(&mut self) -> Result<Written<Option<Undone>>> {
        let Some(action) = history::last_undoable(self.conn())? else {
            return Ok(done(None, Effects::default()));
        };
        let mut effects = self.perform(Action::Undo { action })?;
        let undone = effects.undone.take();
        Ok(done(undone, effects))
    }

    /// Verifies every original and marks the items whose original is missing (or back); then
    /// makes the fingerprints and text sketches the archive lacks.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn repair(
        &mut self,
        progress: &dyn ProgressSink,
        cancel: &CancelToken,
    ) -> Result<Written<VerifyReport>> {
        let mut report = crate::fixity::repair(&mut self.archive, progress, cancel)?;
        if !report.cancelled {
            report.fingerprinted = crate::similar::backfill::fill(&mut self.archive, cancel)?;
        }
        self.after_write(&[]);
        let changes = ChangeSet::default().with(Change::Stats);
        Ok(Written {
            value: report,
            changes,
        })
    }

    /// Sets the size limit of the cache of originals fetched from the team, and trims the cache
    /// to it at once. Originals imported here are not in the cache and never removed.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn set_cache_limit(&mut self, bytes: u64) -> Result<CacheUsage> {
        crate::originals::set_cache_limit(self.conn(), bytes)?;
        crate::originals::evict(self.dir(), bytes, None)?;
        self.cache_usage()
    }

    /// Applies another archive's journal actions, in order, each with its own uid, author and
    /// time; an action this archive has already applied (same uid) is skipped, so replaying
    /// twice applies nothing twice. Actions from before the journal carry nothing to apply and
    /// are skipped. Returns what changed.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn replay(&mut self, entries: &[Entry]) -> Result<ChangeSet> {
        let mut changes = ChangeSet::default();
        for entry in entries {
            if matches!(entry.action, Action::Legacy) {
                continue;
            }
            let known: bool = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM journal WHERE uid = ?1)",
                [&entry.uid],
                |row| row.get(0),
            )?;
            if known {
                continue;
            }
            let effects =
                self.apply_as(&entry.uid, &entry.author, &entry.at, &entry.action, true)?;
            changes = changes.merge(effects.changes);
        }
        Ok(changes)
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

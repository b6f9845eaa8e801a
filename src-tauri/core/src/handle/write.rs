//! The writer side of the seam: the one [`WriteHandle`], holding the lock, that makes every
//! change through the journal and returns what it changed.

use super::*;

/// Changing an archive: the one writer (holding the lock), its index, and every operation that
/// changes anything. Reads go through the [`ReadHandle`] it dereferences to.
#[derive(Debug)]
pub struct WriteHandle {
    pub(super) archive: Archive,
    pub(super) reader: ReadHandle,
    author: String,
    /// The last index-queue row handed to the index's threads and not yet published (see
    /// [`WriteHandle::stage_index`]).
    pub(super) staged: Option<i64>,
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

    pub(super) fn around(archive: Archive) -> Self {
        let reader = ReadHandle::around(archive.dir(), None, IndexSlot::Pending);
        Self {
            archive,
            reader,
            author: journal::author(),
            staged: None,
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

    pub(super) fn conn(&self) -> &Connection {
        self.archive.conn()
    }

    /// Appends `action` to the journal and applies it, in one transaction; then removes files
    /// no row names any more and brings the index up to date. An action that changes nothing is
    /// rolled back: the journal holds only real changes.
    pub(super) fn perform(&mut self, action: Action) -> Result<Effects> {
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
    pub(super) fn after_write(&mut self, unreferenced: &[String]) {
        trash::remove_files(&self.archive, unreferenced);
        // Lets the crash tests stop the process exactly between a commit and its indexing.
        if std::env::var_os("FOLIO_TEST_ABORT_BEFORE_INDEXING").is_some() {
            std::process::abort();
        }
        self.index_queued();
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

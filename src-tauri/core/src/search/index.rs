//! The search index on disk: opening (and recreating when missing or incompatible), applying
//! changes in one commit, and searching with snippets.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::schema::Value;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score, Searcher,
    SegmentOrdinal, SegmentReader, TantivyDocument, TantivyError, Term,
};

use super::analyzer::Analyzer;
use super::compile::compile;
use super::query::Query;
use super::schema::{Fields, VERSION_FILE, build_schema, version_marker};
use super::snippet::SnippetMaker;
use super::tokenizer::{FolioTokenizer, TOKENIZER_NAME};
use super::{Change, IndexDoc, Opened, SearchHit, SearchResults};
use crate::error::{Error, Result};

/// The writer's memory budget, shared by its threads (tantivy needs at least 15 MB each).
const WRITER_MEMORY_BYTES: usize = 50_000_000;
const MAX_WRITER_THREADS: usize = 3;

/// The search index of one archive. `Send + Sync`: share it behind an `Arc`; searches run in
/// parallel, changes are serialized by the writer's lock.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Opened on the first change, so a read-only user never takes tantivy's writer lock.
    writer: Mutex<Option<IndexWriter>>,
    /// Snippets find matches with the index-side analyzer, so single CJK characters match too.
    snippet_analyzer: Analyzer,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder when missing. A missing, incompatible or
    /// unreadable index is replaced by an empty one and reported as [`Opened::Created`].
    #[tracing::instrument(skip_all, err, fields(dir = %dir.display()))]
    pub fn open(dir: &Path) -> Result<(SearchIndex, Opened)> {
        SearchIndex::open_with(dir, Analyzer::for_index())
    }

    /// [`SearchIndex::open`] with another index-side analyzer (benchmarks measure the size of
    /// the CJK unigrams with it).
    #[doc(hidden)]
    pub fn open_with(dir: &Path, analyzer: Analyzer) -> Result<(SearchIndex, Opened)> {
        fs::create_dir_all(dir).map_err(Error::io("creating the search index folder", dir))?;
        let marker = version_marker(analyzer.indexes_all_cjk_unigrams());
        let (index, opened) = match existing_index(dir, &marker) {
            Ok(index) => (index, Opened::Existing),
            Err(reason) => {
                tracing::info!(%reason, "creating a new search index");
                (create_index(dir, &marker)?, Opened::Created { reason })
            }
        };
        index
            .tokenizers()
            .register(TOKENIZER_NAME, FolioTokenizer::new(analyzer.clone()));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(internal)?;
        let fields = Fields::of(&index.schema())?;
        let search_index = SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            writer: Mutex::new(None),
            snippet_analyzer: analyzer,
        };
        Ok((search_index, opened))
    }

    /// Replaces the documents of `upserts` (by id), removes `deletes`, in one commit; the next
    /// search sees the result.
    #[tracing::instrument(skip_all, err, fields(upserts = upserts.len(), deletes = deletes.len()))]
    pub fn apply(&self, upserts: &[IndexDoc], deletes: &[i64]) -> Result<()> {
        let deletes = deletes.iter().map(|&id| Ok(Change::Delete(id)));
        let upserts = upserts.iter().map(|doc| Ok(Change::Upsert(doc)));
        self.apply_changes(deletes.chain(upserts))
    }

    /// Applies `changes` in order, in one commit. Each document is handed to the indexing
    /// threads as soon as it comes, so they work while the caller reads the next. An `Err`
    /// from `changes` drops the whole batch.
    pub fn apply_changes<D: Borrow<IndexDoc>>(
        &self,
        changes: impl IntoIterator<Item = Result<Change<D>>>,
    ) -> Result<()> {
        let mut changes = changes.into_iter().peekable();
        if changes.peek().is_none() {
            return Ok(());
        }
        self.stage_changes(changes)?;
        self.commit_staged()
    }

    /// Hands `changes` to the indexing threads, in order, without publishing them: the threads
    /// work while the caller goes on, and [`SearchIndex::commit_staged`] publishes everything
    /// staged at once. An `Err` from `changes` drops everything staged since the last commit.
    pub fn stage_changes<D: Borrow<IndexDoc>>(
        &self,
        changes: impl IntoIterator<Item = Result<Change<D>>>,
    ) -> Result<()> {
        let mut guard = self.writer()?;
        let Some(writer) = guard.as_mut() else {
            return Err(Error::Internal("search index writer missing".to_owned()));
        };
        for change in changes {
            let staged = change.and_then(|change| match change {
                Change::Delete(id) => {
                    writer.delete_term(Term::from_field_i64(self.fields.id, id));
                    Ok(())
                }
                Change::Upsert(item) => {
                    let item = item.borrow();
                    // Within a commit, a delete only removes documents added before it.
                    writer.delete_term(Term::from_field_i64(self.fields.id, item.id));
                    writer
                        .add_document(self.fields.document(item))
                        .map(|_| ())
                        .map_err(internal)
                }
            });
            if let Err(error) = staged {
                // Drop the half-staged batch so a later commit does not publish it.
                let _ = writer.rollback();
                return Err(error);
            }
        }
        Ok(())
    }

    /// Publishes what was staged: the next search sees it.
    pub fn commit_staged(&self) -> Result<()> {
        let mut guard = self.writer()?;
        let Some(writer) = guard.as_mut() else {
            return Err(Error::Internal("search index writer missing".to_owned()));
        };
        self.commit(writer)
    }

    /// Removes every document (before a rebuild).
    #[tracing::instrument(skip_all, err)]
    pub fn clear(&self) -> Result<()> {
        let mut guard = self.writer()?;
        let Some(writer) = guard.as_mut() else {
            return Err(Error::Internal("search index writer missing".to_owned()));
        };
        writer.delete_all_documents().map_err(internal)?;
        self.commit(writer)
    }

    /// Waits for the background merges of segments to finish, then lets searches use the merged
    /// segments. For after a rebuild: the index is then smaller and faster. The writer is
    /// reopened by the next change.
    #[tracing::instrument(skip_all, err)]
    pub fn wait_for_merges(&self) -> Result<()> {
        let writer = self.writer_lock().take();
        if let Some(writer) = writer {
            writer.wait_merging_threads().map_err(internal)?;
        }
        self.reader.reload().map_err(internal)
    }

    pub fn doc_count(&self) -> Result<u64> {
        Ok(self.reader.searcher().num_docs())
    }

    /// The matches of `query`, best first (newest first for a query of filters only), `limit`
    /// of them from `offset`, with snippets; `total` counts every match.
    pub fn search(&self, query: &Query, limit: usize, offset: usize) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let compiled = compile(query, &self.fields);
        let page = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (total, mut top): (usize, Vec<(f32, DocAddress)>) = if !query.has_text() {
            let (total, top) = searcher
                .search(
                    &compiled,
                    &(Count, page.order_by_fast_field::<i64>("date", Order::Desc)),
                )
                .map_err(internal)?;
            (total, top.into_iter().map(|(_, a)| (0.0, a)).collect())
        } else if query.is_union_of_terms() {
            // Counting without scores is cheap, and alone the top-k collector skips whole
            // blocks that cannot make the page (block-max WAND); together they could not.
            let total = compiled.count(&searcher).map_err(internal)?;
            let top = searcher
                .search(&compiled, &page.order_by_score())
                .map_err(internal)?;
            (total, top)
        } else {
            // Phrases and intersections visit every match anyway: count them in the same pass.
            searcher
                .search(&compiled, &(Count, page.order_by_score()))
                .map_err(internal)?
        };
        if limit == 0 {
            top.clear();
        }
        let terms = query.highlight_terms();
        let snippets = SnippetMaker::new(&self.snippet_analyzer, &terms);
        let mut ids = IdColumns::default();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let id = ids.id(&searcher, address)?;
            let doc: TantivyDocument = searcher.doc(address).map_err(internal)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
            let captions: Vec<&str> = doc
                .get_all(self.fields.captions)
                .filter_map(|v| v.as_str())
                .collect();
            let captions = captions.join(" · ");
            let snippet =
                snippets.make(&[text(self.fields.body), &captions, text(self.fields.title)]);
            hits.push(SearchHit {
                id,
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
            });
        }
        Ok(SearchResults {
            total: total as u64,
            hits,
        })
    }

    /// The ids of every item that matches `query`, unordered: for exports and selections by
    /// query, where ranking and snippets are not needed.
    pub fn matching_ids(&self, query: &Query) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let compiled = compile(query, &self.fields);
        searcher.search(&compiled, &IdCollector).map_err(internal)
    }

    fn writer_lock(&self) -> MutexGuard<'_, Option<IndexWriter>> {
        self.writer.lock().unwrap_or_else(|poisoned| {
            // A panic mid-batch left changes staged: drop them, the caller will apply again.
            let mut guard = poisoned.into_inner();
            if let Some(writer) = guard.as_mut() {
                let _ = writer.rollback();
            }
            self.writer.clear_poison();
            guard
        })
    }

    /// The writer, opened on first use.
    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = self.writer_lock();
        if guard.is_none() {
            let threads = std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, MAX_WRITER_THREADS);
            let writer = self
                .index
                .writer_with_num_threads(threads, WRITER_MEMORY_BYTES)
                .map_err(|e| match e {
                    // The index lives in `<archive>/index`: name the archive, as the archive lock does.
                    TantivyError::LockFailure(..) => {
                        Error::ArchiveInUse(self.dir.parent().unwrap_or(&self.dir).to_path_buf())
                    }
                    other => internal(other),
                })?;
            // A commit killed after writing its files but before replacing meta.json leaves them
            // behind, and the next commit at the same opstamp would find their names taken.
            // Collecting what no commit refers to makes the index writable again.
            writer.garbage_collect_files().wait().map_err(internal)?;
            *guard = Some(writer);
        }
        Ok(guard)
    }

    fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        if let Err(error) = writer.commit() {
            // Drop the half-applied batch so a later commit does not publish it.
            let _ = writer.rollback();
            return Err(internal(error));
        }
        self.reader.reload().map_err(internal)
    }
}

/// The `id` fast-field column of each segment, opened once per search.
#[derive(Default)]
struct IdColumns(HashMap<u32, Column<i64>>);

impl IdColumns {
    fn id(&mut self, searcher: &Searcher, address: DocAddress) -> Result<i64> {
        let column = match self.0.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => entry.insert(
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .i64("id")
                    .map_err(internal)?,
            ),
        };
        column
            .first(address.doc_id)
            .ok_or_else(|| Error::Internal("search index document without an id".to_owned()))
    }
}

/// Collects the ids of every match straight from the `id` fast field, without scoring and
/// without a set of document addresses: a query matching most of the archive is listed in a
/// few milliseconds, as facet counts need.
struct IdCollector;

struct SegmentIds {
    column: Column<i64>,
    ids: Vec<i64>,
}

impl Collector for IdCollector {
    type Fruit = Vec<i64>;
    type Child = SegmentIds;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentIds> {
        Ok(SegmentIds {
            column: reader.fast_fields().i64("id")?,
            ids: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<i64>>) -> tantivy::Result<Vec<i64>> {
        Ok(segments.concat())
    }
}

impl SegmentCollector for SegmentIds {
    type Fruit = Vec<i64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.ids.extend(self.column.first(doc));
    }

    fn harvest(self) -> Vec<i64> {
        self.ids
    }
}

/// The index in `dir` if it was built by this schema and analyzer; else why not.
fn existing_index(dir: &Path, marker: &str) -> std::result::Result<Index, String> {
    if !dir.join("meta.json").exists() {
        return Err("there was no search index yet".to_owned());
    }
    match fs::read_to_string(dir.join(VERSION_FILE)) {
        Ok(found) if found == marker => {}
        Ok(found) => {
            return Err(format!(
                "the search index was built by another version ({}; this Folio uses {})",
                found.trim(),
                marker.trim()
            ));
        }
        Err(_) => return Err("the search index has no version marker".to_owned()),
    }
    let index = Index::open_in_dir(dir)
        .map_err(|e| format!("the search index could not be opened: {e}"))?;
    if index.schema() != build_schema() {
        return Err("the search index has other fields than this Folio expects".to_owned());
    }
    Ok(index)
}

/// Replaces whatever is in `dir` with an empty index and writes the version marker last, so an
/// interrupted creation is detected at the next open.
fn create_index(dir: &Path, marker: &str) -> Result<Index> {
    clear_folder(dir)?;
    let index = Index::create_in_dir(dir, build_schema()).map_err(internal)?;
    let marker_path = dir.join(VERSION_FILE);
    let temporary = dir.join(format!("{VERSION_FILE}.tmp"));
    fs::write(&temporary, marker).map_err(Error::io("writing", &temporary))?;
    fs::rename(&temporary, &marker_path).map_err(Error::io("writing", &marker_path))?;
    Ok(index)
}

/// Empties the index folder, refusing when it holds something other than a search index (a
/// mistaken path must not cost the user their files).
fn clear_folder(dir: &Path) -> Result<()> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(Error::io("reading", dir))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(Error::io("reading", dir))?;
    if entries.is_empty() {
        return Ok(());
    }
    let looks_like_index = dir.join("meta.json").exists() || dir.join(VERSION_FILE).exists();
    if !looks_like_index {
        return Err(Error::InvalidInput(format!(
            "{} is not a search index and is not empty; Folio will not replace it",
            dir.display()
        )));
    }
    for path in entries {
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(Error::io("removing", &path))?;
    }
    Ok(())
}

fn internal(error: TantivyError) -> Error {
    Error::Internal(format!("search index: {error}"))
}

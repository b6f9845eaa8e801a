//! Keeps the search index in step with the database (DESIGN §5): the database is the truth, the
//! index is derived. Changes queue their items in `index_queue` inside their own transaction;
//! [`apply_queue`] indexes what is queued and only then deletes those rows, so a crash between
//! commit and indexing delays the index but never leaves it wrong. A missing or incompatible
//! index is rebuilt from the database, through the same queue, so a rebuild cut short goes on
//! at the next open.

use rusqlite::{Connection, OptionalExtension};

use crate::archive::{Archive, INDEX_DIR};
use crate::error::Result;
use crate::progress::{Progress, ProgressSink};
use crate::search::{Change, IndexDoc, Opened, SearchIndex};

/// How many queued changes or items are indexed per index commit.
const CHUNK: usize = 2000;
/// How much of an article's text is indexed: tantivy holds a document's postings in memory while
/// it indexes it, about 25 times the text, so a 50 MB text would take more than a gigabyte. Two
/// megabytes are some 300,000 words, more than any article; the rest stays in the archive.
pub const MAX_INDEXED_BODY_BYTES: usize = 2 << 20;

/// Opens the archive's index for writing, rebuilding it when it was missing or made by another
/// version, then applies whatever is still queued. Needs the archive's writer lock.
pub fn open_for_writing(archive: &Archive, progress: &dyn ProgressSink) -> Result<SearchIndex> {
    let (index, opened) = SearchIndex::open(&archive.dir().join(INDEX_DIR))?;
    if let Opened::Created { reason } = opened {
        tracing::info!("rebuilding the search index: {reason}");
        rebuild(archive.conn(), &index, progress)?;
    }
    apply_queue(archive.conn(), &index)?;
    Ok(index)
}

/// What search reads: an item with everything the index holds about it, or `None` for an item
/// that is gone or in the trash (which search does not show).
pub fn document(conn: &Connection, id: i64) -> Result<Option<IndexDoc>> {
    let mut statement = conn.prepare_cached(
        "SELECT i.kind, i.language, i.date, i.title, i.notes, i.deleted_at IS NOT NULL,
                coalesce(a.body_text, ''), coalesce(a.byline, ''),
                coalesce(p.caption, ''), coalesce(p.credit, ''), coalesce(p.byline, ''),
                coalesce(p.keywords, '[]'),
                (SELECT json_group_array(caption) FROM figures WHERE article_id = i.id),
                (SELECT json_group_array(credit) FROM figures WHERE article_id = i.id),
                (SELECT json_group_array(t.name) FROM item_tags it JOIN tags t ON t.id = it.tag_id
                 WHERE it.item_id = i.id),
                (SELECT json_group_array(c.name) FROM collection_items ci
                 JOIN collections c ON c.id = ci.collection_id WHERE ci.item_id = i.id),
                (SELECT coalesce(group_concat(text, char(10)), '') FROM
                 (SELECT text FROM ocr_pages WHERE item_id = i.id ORDER BY page)),
                i.rating, i.label
         FROM items i LEFT JOIN articles a ON a.item_id = i.id
         LEFT JOIN photos p ON p.item_id = i.id WHERE i.id = ?1",
    )?;
    let row = statement
        .query_row([id], |row| {
            let list = |index: usize| -> rusqlite::Result<Vec<String>> {
                let json: String = row.get(index)?;
                Ok(serde_json::from_str(&json).unwrap_or_default())
            };
            let deleted: bool = row.get(5)?;
            let rating: u8 = row.get(17)?;
            let label = row.get(18)?;
            let photo_text: [String; 3] = [row.get(8)?, row.get(9)?, row.get(10)?];
            let mut captions = list(12)?;
            let mut credits = list(13)?;
            let mut bylines = vec![row.get::<_, String>(7)?];
            let [caption, credit, photo_byline] = photo_text;
            captions.push(caption);
            // A photo's keywords describe it as its caption does.
            captions.extend(list(11)?);
            credits.push(credit);
            bylines.push(photo_byline);
            let keep = |v: Vec<String>| -> Vec<String> {
                v.into_iter().filter(|s| !s.trim().is_empty()).collect()
            };
            Ok((!deleted).then(|| IndexDoc {
                id,
                kind: row.get(0).unwrap_or_default(),
                language: row.get(1).unwrap_or_default(),
                date: row.get(2).unwrap_or_default(),
                title: row.get(3).unwrap_or_default(),
                notes: row.get(4).unwrap_or_default(),
                body: indexed_part(row.get(6).unwrap_or_default()),
                captions: keep(captions),
                credits: keep(credits),
                bylines: keep(bylines),
                tags: list(14).map(keep).unwrap_or_default(),
                collections: list(15).map(keep).unwrap_or_default(),
                ocr: indexed_part(row.get(16).unwrap_or_default()),
                rating,
                label,
            }))
        })
        .optional()?;
    Ok(row.flatten())
}

/// The first [`MAX_INDEXED_BODY_BYTES`] of `body`, cut at a character boundary.
fn indexed_part(mut body: String) -> String {
    if body.len() > MAX_INDEXED_BODY_BYTES {
        body.truncate(crate::text::credit::floor_char_boundary(
            &body,
            MAX_INDEXED_BODY_BYTES,
        ));
    }
    body
}

/// Indexes everything queued, a chunk per index commit, deleting each chunk's queue rows only
/// after the index has committed it. Returns how many queue rows were applied.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn apply_queue(conn: &Connection, index: &SearchIndex) -> Result<usize> {
    apply_queue_reporting(conn, index, &mut |_| {})
}

/// [`apply_queue`], calling `applied` with the number of queue rows done after each chunk.
fn apply_queue_reporting(
    conn: &Connection,
    index: &SearchIndex,
    applied: &mut dyn FnMut(usize),
) -> Result<usize> {
    let mut done = 0;
    // Each published chunk leaves the queue, so the next one is again at its start.
    while let Some((last_seq, rows)) = stage_chunk(conn, index, 0)? {
        commit_staged(conn, index, last_seq)?;
        done += rows;
        applied(done);
    }
    Ok(done)
}

/// Hands the queue's changes after queue row `after` to the index's threads without publishing
/// them (see [`SearchIndex::stage_changes`]); returns the last queue row handed over (`after`
/// when there was none). The rows stay queued until [`commit_staged`] publishes them, so a
/// stop in between loses nothing: the next time, the queue is applied again.
pub fn stage_queue(conn: &Connection, index: &SearchIndex, after: i64) -> Result<i64> {
    let mut last = after;
    while let Some((last_seq, _)) = stage_chunk(conn, index, last)? {
        last = last_seq;
    }
    Ok(last)
}

/// Hands up to [`CHUNK`] queue rows after `after` to the index's threads, each document as soon
/// as it is read; the last row's `seq` and how many rows, or `None` when none are left.
fn stage_chunk(conn: &Connection, index: &SearchIndex, after: i64) -> Result<Option<(i64, usize)>> {
    let mut statement = conn.prepare_cached(
        "SELECT seq, item_id FROM index_queue WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows: Vec<(i64, i64)> = statement
        .query_map([after, CHUNK as i64], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let Some(&(last_seq, _)) = rows.last() else {
        return Ok(None);
    };
    let mut ids: Vec<i64> = rows.iter().map(|&(_, id)| id).collect();
    ids.sort_unstable();
    ids.dedup();
    index.stage_changes(ids.iter().map(|&id| {
        Ok(match document(conn, id)? {
            Some(doc) => Change::Upsert(doc),
            None => Change::Delete(id),
        })
    }))?;
    Ok(Some((last_seq, rows.len())))
}

/// Publishes what [`stage_queue`] handed over, up to queue row `staged`, and takes those rows
/// off the queue.
pub fn commit_staged(conn: &Connection, index: &SearchIndex, staged: i64) -> Result<()> {
    index.commit_staged()?;
    conn.prepare_cached("DELETE FROM index_queue WHERE seq <= ?1")?
        .execute([staged])?;
    Ok(())
}

/// Indexes every item of the library afresh, reporting progress. Every item is queued first
/// (in place of what was queued), then the queue is applied: a rebuild cut short (a crash, a
/// kill) leaves the rest queued, and the next open finishes it.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn rebuild(conn: &Connection, index: &SearchIndex, progress: &dyn ProgressSink) -> Result<()> {
    // What was queued before is covered by the rebuild: replaced, in one transaction.
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM index_queue", [])?;
    let queued = tx.execute(
        "INSERT INTO index_queue (item_id, op) SELECT id, 'upsert' FROM items
         WHERE deleted_at IS NULL ORDER BY id",
        [],
    )?;
    tx.commit()?;
    // Cleared only once everything is queued: until then the old documents stay findable.
    index.clear()?;
    let mut report = Progress {
        job: crate::progress::JobKind::Index,
        files_total: queued as u64,
        ..Progress::default()
    };
    progress.report(&report);
    apply_queue_reporting(conn, index, &mut |done| {
        // Changes queued meanwhile are applied too; the count stops at the total.
        report.files_done = (done as u64).min(report.files_total);
        progress.report(&report);
    })?;
    index.wait_for_merges()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn only_the_first_two_megabytes_of_a_text_are_indexed() {
        // Two-byte letters, so the cut falls inside one unless it is made at a boundary.
        let body = format!("{} tail", "б".repeat(MAX_INDEXED_BODY_BYTES / 2 + 1));
        let part = indexed_part(body);
        assert!(part.len() <= MAX_INDEXED_BODY_BYTES);
        assert!(part.len() > MAX_INDEXED_BODY_BYTES - 2);
        assert!(!part.contains("tail"));
        assert_eq!(indexed_part("short".into()), "short");
    }
    use crate::tables::{blobs, items};

    /// Articles titled "report N", queued for the index as an import queues them, or not (as in
    /// an archive whose index was lost).
    fn add_articles(archive: &mut Archive, count: usize, queued: bool) {
        let tx = archive.conn_mut().transaction().unwrap();
        for n in 0..count {
            let sha256 = format!("{n:064x}");
            blobs::record(&tx, &sha256, 1, "text/plain").unwrap();
            let title = format!("report {n}");
            let item = items::NewItem {
                kind: "article",
                title: &title,
                sha256: &sha256,
                source_name: "report.txt",
                ..items::NewItem::default()
            };
            let id = items::insert(&tx, &item).unwrap();
            let article = items::NewArticle {
                body_text: "cooperation",
                ..items::NewArticle::default()
            };
            items::insert_article(&tx, id, &article).unwrap();
            if queued {
                crate::tables::index_queue::upsert(&tx, id).unwrap();
            }
        }
        tx.commit().unwrap();
    }

    fn total(archive: &Archive, index: &SearchIndex, query: &str) -> u64 {
        let request = crate::search::SearchRequest {
            query: query.to_owned(),
            offset: 0,
            limit: 1,
        };
        crate::search::search_page(archive.conn(), index, &request)
            .unwrap()
            .total
    }

    fn queue_rows(archive: &Archive) -> i64 {
        archive
            .conn()
            .query_row("SELECT count(*) FROM index_queue", [], |row| row.get(0))
            .unwrap()
    }

    /// Staged changes are found only once published, and stay queued until then: an index
    /// dropped in between (a process stopped) loses nothing, the queue is applied again.
    #[test]
    fn staged_changes_are_published_at_once_and_stay_queued_until_then() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::init(dir.path()).unwrap();
        let index_dir = archive.dir().join(INDEX_DIR);
        add_articles(&mut archive, CHUNK + 10, true);
        {
            let (index, _) = SearchIndex::open(&index_dir).unwrap();
            let staged = stage_queue(archive.conn(), &index, 0).unwrap();
            assert!(staged > 0);
            assert_eq!(stage_queue(archive.conn(), &index, staged).unwrap(), staged);
            assert_eq!(
                total(&archive, &index, "cooperation"),
                0,
                "not published yet"
            );
            assert_eq!(queue_rows(&archive), (CHUNK + 10) as i64);
            // Dropped unpublished, as by a process stopped here.
        }
        let (index, _) = SearchIndex::open(&index_dir).unwrap();
        assert_eq!(total(&archive, &index, "cooperation"), 0);
        let first = stage_queue(archive.conn(), &index, 0).unwrap();
        add_articles(&mut archive, 5, true);
        let second = stage_queue(archive.conn(), &index, first).unwrap();
        assert!(second > first, "only what was queued since is staged again");
        commit_staged(archive.conn(), &index, second).unwrap();
        assert_eq!(total(&archive, &index, "cooperation"), (CHUNK + 15) as u64);
        assert_eq!(queue_rows(&archive), 0);
    }

    /// Stops the rebuild, as a kill would, once its first chunk is indexed.
    struct StopAfterFirstChunk(AtomicUsize);

    impl ProgressSink for StopAfterFirstChunk {
        fn report(&self, progress: &Progress) {
            if progress.files_done > 0 && self.0.fetch_add(1, Ordering::SeqCst) == 0 {
                panic!("stopped after {} items", progress.files_done);
            }
        }
    }

    #[test]
    fn a_rebuild_cut_short_is_finished_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::init(dir.path()).unwrap();
        let count = CHUNK + 500;
        add_articles(&mut archive, count, false);
        let index_dir = archive.dir().join(INDEX_DIR);
        let (index, opened) = SearchIndex::open(&index_dir).unwrap();
        assert!(matches!(opened, Opened::Created { .. }));
        let stop = StopAfterFirstChunk(AtomicUsize::new(0));
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rebuild(archive.conn(), &index, &stop)
        }));
        assert!(stopped.is_err(), "the rebuild was not stopped");
        assert_eq!(total(&archive, &index, "cooperation"), CHUNK as u64);
        drop(index);

        let index = open_for_writing(&archive, &crate::progress::NoProgress).unwrap();
        assert_eq!(total(&archive, &index, "cooperation"), count as u64);
        assert_eq!(total(&archive, &index, "\"report 2100\""), 1);
        let queued: i64 = archive
            .conn()
            .query_row("SELECT count(*) FROM index_queue", [], |row| row.get(0))
            .unwrap();
        assert_eq!(queued, 0);
    }

    #[test]
    fn a_rebuild_indexes_queued_items_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::init(dir.path()).unwrap();
        let count = CHUNK + 1;
        add_articles(&mut archive, count, true);
        let (index, _) = SearchIndex::open(&archive.dir().join(INDEX_DIR)).unwrap();
        let reports = Mutex::new(Vec::new());
        let record = |progress: &Progress| reports.lock().unwrap().push(progress.files_done);
        rebuild(archive.conn(), &index, &record).unwrap();
        // Two chunks: the import's queue rows were replaced, not indexed before the rebuild's.
        assert_eq!(*reports.lock().unwrap(), [0, CHUNK as u64, count as u64]);
        assert_eq!(total(&archive, &index, "cooperation"), count as u64);
    }
}

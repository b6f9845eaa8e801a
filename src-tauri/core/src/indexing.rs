//! Keeps the search index in step with the database (DESIGN §5): the database is the truth, the
//! index is derived. Changes queue their items in `index_queue` inside their own transaction;
//! [`apply_queue`] indexes what is queued and only then deletes those rows, so a crash between
//! commit and indexing delays the index but never leaves it wrong. A missing or incompatible
//! index is rebuilt from the database.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::archive::{Archive, INDEX_DIR};
use crate::error::{Error, Result};
use crate::items::ItemSummary;
use crate::library::listing;
use crate::progress::{Progress, ProgressSink};
use crate::search::{IndexDoc, Opened, SearchIndex, parse_query};

/// How many queued changes or items are indexed per index commit.
const CHUNK: usize = 2000;

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
                 JOIN collections c ON c.id = ci.collection_id WHERE ci.item_id = i.id)
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
                body: row.get(6).unwrap_or_default(),
                captions: keep(captions),
                credits: keep(credits),
                bylines: keep(bylines),
                tags: list(14).map(keep).unwrap_or_default(),
                collections: list(15).map(keep).unwrap_or_default(),
            }))
        })
        .optional()?;
    Ok(row.flatten())
}

/// Indexes everything queued, a chunk per index commit, deleting each chunk's queue rows only
/// after the index has committed it. Returns how many queue rows were applied.
pub fn apply_queue(conn: &Connection, index: &SearchIndex) -> Result<usize> {
    let mut applied = 0;
    loop {
        let mut statement =
            conn.prepare_cached("SELECT seq, item_id FROM index_queue ORDER BY seq LIMIT ?1")?;
        let rows: Vec<(i64, i64)> = statement
            .query_map([CHUNK as i64], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last_seq, _)) = rows.last() else {
            return Ok(applied);
        };
        let mut ids: Vec<i64> = rows.iter().map(|&(_, id)| id).collect();
        ids.sort_unstable();
        ids.dedup();
        let (upserts, deletes) = documents(conn, &ids)?;
        index.apply(&upserts, &deletes)?;
        conn.execute("DELETE FROM index_queue WHERE seq <= ?1", [last_seq])?;
        applied += rows.len();
    }
}

/// The documents of `ids`, and the ids that must leave the index (gone or in the trash).
fn documents(conn: &Connection, ids: &[i64]) -> Result<(Vec<IndexDoc>, Vec<i64>)> {
    let mut upserts = Vec::with_capacity(ids.len());
    let mut deletes = Vec::new();
    for &id in ids {
        match document(conn, id)? {
            Some(doc) => upserts.push(doc),
            None => deletes.push(id),
        }
    }
    Ok((upserts, deletes))
}

/// Indexes every item of the library afresh, reporting progress. Queue rows written before the
/// rebuild started are covered by it and deleted.
pub fn rebuild(conn: &Connection, index: &SearchIndex, progress: &dyn ProgressSink) -> Result<()> {
    let queued_up_to: i64 =
        conn.query_row("SELECT coalesce(max(seq), 0) FROM index_queue", [], |row| {
            row.get(0)
        })?;
    let ids: Vec<i64> = {
        let mut statement =
            conn.prepare("SELECT id FROM items WHERE deleted_at IS NULL ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get(0))?;
        ids.collect::<rusqlite::Result<_>>()?
    };
    index.clear()?;
    let total = ids.len() as u64;
    let mut report = Progress {
        job: "index".into(),
        files_total: total,
        ..Progress::default()
    };
    progress.report(&report);
    for chunk in ids.chunks(CHUNK) {
        let (upserts, deletes) = documents(conn, chunk)?;
        index.apply(&upserts, &deletes)?;
        report.files_done += chunk.len() as u64;
        progress.report(&report);
    }
    index.wait_for_merges()?;
    conn.execute("DELETE FROM index_queue WHERE seq <= ?1", [queued_up_to])?;
    Ok(())
}

/// One search result with the item it found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchHitView {
    pub item: ItemSummary,
    pub score: f32,
    pub snippet: String,
    /// `[start, end)` in Unicode code points of `snippet`.
    pub highlights: Vec<[u32; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchPage {
    pub total: u64,
    pub hits: Vec<SearchHitView>,
}

/// What the search box and `folio search` send.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
pub struct SearchRequest {
    pub query: String,
    pub offset: u32,
    pub limit: u32,
}

/// Runs a query and joins its hits with the items they found.
pub fn search(
    conn: &Connection,
    index: &SearchIndex,
    request: &SearchRequest,
) -> Result<SearchPage> {
    if request.limit == 0 || request.limit > listing::MAX_PAGE {
        return Err(Error::InvalidInput(format!(
            "a page of results holds 1 to {} hits, not {}",
            listing::MAX_PAGE,
            request.limit
        )));
    }
    let query = parse_query(&request.query)?;
    let results = index.search(&query, request.limit as usize, request.offset as usize)?;
    let ids: Vec<i64> = results.hits.iter().map(|hit| hit.id).collect();
    let mut summaries: std::collections::HashMap<i64, ItemSummary> =
        listing::summaries(conn, &ids)?
            .into_iter()
            .map(|summary| (summary.id, summary))
            .collect();
    let hits = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            // An item removed since the index last caught up is simply left out.
            summaries.remove(&hit.id).map(|item| SearchHitView {
                item,
                score: hit.score,
                snippet: hit.snippet,
                highlights: hit.highlights,
            })
        })
        .collect();
    Ok(SearchPage {
        total: results.total,
        hits,
    })
}

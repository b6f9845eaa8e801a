//! What near-duplicates are found among — every fingerprint and sketch in the library — loaded
//! once and kept in memory while the archive's similarity generation stays the same. Loading a
//! million fingerprints from SQLite takes seconds; comparing them, a millisecond. The generation
//! is bumped by triggers (migration 9) whenever an item comes, goes, moves to or from the trash,
//! or gains a fingerprint or sketch, whichever process writes.

use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::scan::FingerprintSet;
use super::sketch;
use crate::error::{Error, Result};

/// Every fingerprint and sketch of the library (not the trash) at one generation.
#[derive(Debug)]
pub(crate) struct Corpus {
    generation: i64,
    pub photos: FingerprintSet,
    /// (article id, sketch), for articles with a non-empty sketch, by id.
    pub articles: Vec<(i64, Vec<u32>)>,
}

/// The corpus last loaded, shared by a handle's readers.
#[derive(Debug, Default)]
pub(crate) struct CorpusCache(Mutex<Option<Arc<Corpus>>>);

impl CorpusCache {
    /// The corpus as the archive holds it now: the one kept, or loaded afresh in one snapshot.
    pub(crate) fn current(&self, conn: &Connection) -> Result<Arc<Corpus>> {
        let mut kept = self
            .0
            .lock()
            .map_err(|_| Error::Internal("a previous search for near-duplicates failed".into()))?;
        let snapshot = conn.unchecked_transaction()?;
        let generation: i64 =
            snapshot.query_row("SELECT n FROM similarity_generation", [], |row| row.get(0))?;
        if let Some(corpus) = kept.as_ref().filter(|c| c.generation == generation) {
            return Ok(Arc::clone(corpus));
        }
        let corpus = Arc::new(Corpus {
            generation,
            photos: photo_fingerprints(&snapshot)?,
            articles: article_sketches(&snapshot)?,
        });
        *kept = Some(Arc::clone(&corpus));
        Ok(corpus)
    }
}

fn photo_fingerprints(conn: &Connection) -> Result<FingerprintSet> {
    let mut statement = conn.prepare(
        "SELECT i.id, b.phash FROM items i JOIN blobs b ON b.sha256 = i.sha256
         WHERE i.kind = 'photo' AND i.deleted_at IS NULL AND b.phash IS NOT NULL
         ORDER BY i.id",
    )?;
    let mut rows = statement.query([])?;
    let mut set = FingerprintSet::default();
    while let Some(row) = rows.next()? {
        let fingerprint: i64 = row.get(1)?;
        set.push(row.get(0)?, fingerprint as u64);
    }
    Ok(set)
}

fn article_sketches(conn: &Connection) -> Result<Vec<(i64, Vec<u32>)>> {
    let mut statement = conn.prepare(
        "SELECT i.id, a.sketch FROM items i JOIN articles a ON a.item_id = i.id
         WHERE i.deleted_at IS NULL AND length(a.sketch) > 0
         ORDER BY i.id",
    )?;
    let rows = statement.query_map([], |row| {
        let bytes: Vec<u8> = row.get(1)?;
        Ok((row.get(0)?, sketch::from_bytes(&bytes)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

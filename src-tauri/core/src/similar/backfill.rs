//! Making the fingerprints and sketches an archive lacks: photos imported before Folio made them
//! (or replayed from another archive's journal, which carries no pixels) and articles from before
//! sketches. Run by `repair`; a photo whose original is missing or does not decode stays without
//! one and is counted as pending.

use std::fs;

use rayon::prelude::*;
use rusqlite::{Connection, params};

use super::sketch;
use crate::archive::Archive;
use crate::error::Result;
use crate::photo;
use crate::progress::CancelToken;
use crate::tables::blobs;

/// Rows read and written per transaction: bounded memory on an archive of any size.
const CHUNK: usize = 256;

/// Fills missing sketches and fingerprints; returns how many items got one.
pub(crate) fn fill(archive: &mut Archive, cancel: &CancelToken) -> Result<u64> {
    let mut filled = 0;
    loop {
        let articles = articles_without_sketch(archive.conn())?;
        if articles.is_empty() || cancel.is_cancelled() {
            break;
        }
        let tx = archive.conn_mut().transaction()?;
        for (id, text) in &articles {
            let sketch = sketch::to_bytes(&sketch::of_text(text));
            tx.execute(
                "UPDATE articles SET sketch = ?2 WHERE item_id = ?1",
                params![id, sketch],
            )?;
        }
        tx.commit()?;
        filled += articles.len() as u64;
    }
    let photos = photos_without_fingerprint(archive.conn())?;
    for chunk in photos.chunks(CHUNK) {
        if cancel.is_cancelled() {
            break;
        }
        let store = archive.blobs();
        let made: Vec<(&String, u64)> = chunk
            .par_iter()
            .filter_map(|sha256| {
                let path = store.object_path(sha256).ok()?;
                let bytes = fs::read(path).ok()?;
                let fingerprint = photo::extract(&bytes).ok()?.fingerprint?;
                Some((sha256, fingerprint))
            })
            .collect();
        let tx = archive.conn_mut().transaction()?;
        for (sha256, fingerprint) in &made {
            blobs::set_fingerprint(&tx, sha256, *fingerprint)?;
        }
        tx.commit()?;
        filled += made.len() as u64;
    }
    Ok(filled)
}

fn articles_without_sketch(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut statement = conn.prepare(
        "SELECT item_id, body_text FROM articles WHERE sketch IS NULL ORDER BY item_id LIMIT ?1",
    )?;
    let rows = statement.query_map([CHUNK as i64], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn photos_without_fingerprint(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare(
        "SELECT sha256 FROM blobs b WHERE phash IS NULL
         AND EXISTS (SELECT 1 FROM items i WHERE i.sha256 = b.sha256 AND i.kind = 'photo')
         ORDER BY sha256",
    )?;
    let rows = statement.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! Making the fingerprints and sketches an archive lacks: photos imported before Folio made them
//! (or replayed from another archive's journal, which carries no pixels) and articles from before
//! sketches. `repair` runs it all at once; the desktop runs it in the background after opening,
//! decoding without the writer and holding it only to store each chunk. A photo whose original
//! is missing or does not decode stays without one and is counted as pending.

use std::fs;
use std::path::Path;

use rayon::prelude::*;
use rusqlite::{Connection, params};

use super::sketch;
use crate::archive::Archive;
use crate::error::Result;
use crate::photo;
use crate::progress::CancelToken;
use crate::tables::blobs;

/// Photos decoded, or articles sketched, per step: bounded memory and short writer holds.
pub const CHUNK: usize = 64;

/// The next articles without a sketch. The desktop asks at every start: the partial index holds
/// only those, so finding none reads nothing of the articles' texts.
const UNSKETCHED: &str = "SELECT item_id, body_text FROM articles INDEXED BY articles_unsketched
     WHERE sketch IS NULL ORDER BY item_id LIMIT ?1";

/// The originals of photos without a fingerprint, looked for among the photos' originals only.
const UNFINGERPRINTED: &str =
    "SELECT DISTINCT i.sha256 FROM items i INDEXED BY items_photo_originals
     JOIN blobs b ON b.sha256 = i.sha256
     WHERE i.kind = 'photo' AND b.phash IS NULL
     ORDER BY i.sha256";

/// Fills every missing sketch and fingerprint; returns how many items got one.
pub(crate) fn fill(archive: &mut Archive, cancel: &CancelToken) -> Result<u64> {
    let mut filled = 0;
    while !cancel.is_cancelled() {
        let sketched = sketch_articles(archive.conn_mut())?;
        if sketched == 0 {
            break;
        }
        filled += sketched;
    }
    let missing = photos_without_fingerprint(archive.conn())?;
    for chunk in missing.chunks(CHUNK) {
        if cancel.is_cancelled() {
            break;
        }
        let made = make_fingerprints(archive.dir(), chunk);
        filled += store_fingerprints(archive.conn_mut(), &made)?.len() as u64;
    }
    Ok(filled)
}

/// Sketches up to [`CHUNK`] articles that have no sketch; returns how many (0: none left).
pub(crate) fn sketch_articles(conn: &mut Connection) -> Result<u64> {
    let articles: Vec<(i64, String)> = {
        let mut statement = conn.prepare(UNSKETCHED)?;
        let rows = statement.query_map([CHUNK as i64], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let tx = conn.transaction()?;
    for (id, text) in &articles {
        // A text without words gets an empty sketch, not NULL: it is done.
        let sketch = sketch::to_bytes(&sketch::of_text(text));
        tx.execute(
            "UPDATE articles SET sketch = ?2 WHERE item_id = ?1",
            params![id, sketch],
        )?;
    }
    tx.commit()?;
    Ok(articles.len() as u64)
}

/// The originals of photos that have no fingerprint, by SHA-256.
pub(crate) fn photos_without_fingerprint(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare(UNFINGERPRINTED)?;
    let rows = statement.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Decodes these originals (in parallel, reading files only) and fingerprints those that decode.
/// A team member's original that is only in the team's store is not fetched for this: it is
/// fingerprinted once it has been fetched for another reason.
pub(crate) fn make_fingerprints(archive_dir: &Path, sha256s: &[String]) -> Vec<(String, u64)> {
    sha256s
        .par_iter()
        .filter_map(|sha256| {
            let file = crate::originals::local_file(archive_dir, sha256)?;
            let bytes = fs::read(file).ok()?;
            let fingerprint = photo::extract(&bytes).ok()?.fingerprint?;
            Some((sha256.clone(), fingerprint))
        })
        .collect()
}

/// Stores fingerprints made by [`make_fingerprints`]; returns the items they belong to.
pub(crate) fn store_fingerprints(
    conn: &mut Connection,
    made: &[(String, u64)],
) -> Result<Vec<i64>> {
    let tx = conn.transaction()?;
    let mut items = Vec::new();
    {
        let mut owners = tx.prepare("SELECT id FROM items WHERE sha256 = ?1")?;
        for (sha256, fingerprint) in made {
            blobs::set_fingerprint(&tx, sha256, *fingerprint)?;
            let ids = owners.query_map([sha256], |row| row.get(0))?;
            items.extend(ids.collect::<rusqlite::Result<Vec<i64>>>()?);
        }
    }
    tx.commit()?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::query_plan;
    use crate::migrations::{self, MIGRATIONS};

    #[test]
    fn the_catch_up_at_start_reads_its_partial_indexes_not_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("folio.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrations::apply(&mut conn, &path, MIGRATIONS).unwrap();
        let articles = query_plan(&conn, UNSKETCHED, [CHUNK as i64]).unwrap();
        assert!(
            articles.contains("SCAN articles USING INDEX articles_unsketched"),
            "{articles}"
        );
        assert!(!articles.contains("TEMP B-TREE"), "{articles}");
        let photos = query_plan(&conn, UNFINGERPRINTED, []).unwrap();
        assert!(
            photos.contains("SCAN i USING COVERING INDEX items_photo_originals"),
            "{photos}"
        );
        assert!(!photos.contains("SCAN b"), "{photos}");
        assert!(!photos.contains("TEMP B-TREE"), "{photos}");
    }
}

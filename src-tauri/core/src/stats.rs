//! `folio stats`: item counts and the size of each part of the archive.

use std::fs;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::archive::{Archive, DERIVED_DIR, INDEX_DIR};

use crate::error::Result;
use crate::library::view_counts;
use crate::migrations;

/// What an archive holds. Counts exclude items in the trash unless named so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Stats {
    pub archive_path: String,
    pub schema_version: i32,
    pub items: u64,
    pub articles: u64,
    pub photos: u64,
    pub figures: u64,
    pub in_trash: u64,
    pub tags: u64,
    pub collections: u64,
    pub saved_searches: u64,
    /// Distinct original files and their total size.
    pub objects: u64,
    pub objects_bytes: u64,
    pub database_bytes: u64,
    /// The thumbnails' and the search index's folders; measured only when asked
    /// ([`Folders::Measure`]).
    pub derived_bytes: Option<u64>,
    pub index_bytes: Option<u64>,
}

/// Whether [`stats`] also measures the thumbnails' and the index's folders: a walk of every
/// file in them, seconds for a large photo library. The window does not show them and waits for
/// the rest before its first screen, so it does not ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folders {
    Skip,
    Measure,
}

pub fn stats(archive: &Archive, folders: Folders) -> Result<Stats> {
    let conn = archive.conn();
    let count = |sql: &str| -> Result<u64> {
        let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let dir = archive.dir();
    let database_bytes = ["folio.sqlite", "folio.sqlite-wal"]
        .iter()
        .map(|name| fs::metadata(dir.join(name)).map_or(0, |m| m.len()))
        .sum();
    // Counted as the views count (`library/view_counts.rs`): whole tables less the Trash, not
    // every live item stepped over. The window waits for these before its first screen.
    let every = view_counts::every_item(conn)?;
    let in_trash = view_counts::in_trash(conn, None)?;
    let photos = view_counts::live_photos(conn)?;
    let (objects, objects_bytes): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(size), 0) FROM blobs",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(Stats {
        archive_path: dir.display().to_string(),
        schema_version: i32::try_from(migrations::schema_version(conn)?).unwrap_or(i32::MAX),
        items: unsigned(every - in_trash),
        articles: unsigned(every - in_trash - photos),
        photos: unsigned(photos),
        figures: count("SELECT count(*) FROM figures")?,
        in_trash: unsigned(in_trash),
        tags: count("SELECT count(*) FROM tags")?,
        collections: count("SELECT count(*) FROM collections")?,
        saved_searches: count("SELECT count(*) FROM saved_searches")?,
        objects: unsigned(objects),
        objects_bytes: unsigned(objects_bytes),
        database_bytes,
        derived_bytes: (folders == Folders::Measure).then(|| folder_size(&dir.join(DERIVED_DIR))),
        index_bytes: (folders == Folders::Measure).then(|| folder_size(&dir.join(INDEX_DIR))),
    })
}

/// Total size of the files under `dir`; missing or unreadable parts count as empty.
pub fn folder_size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => folder_size(&entry.path()),
            Ok(kind) if kind.is_file() => entry.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::BlobStore;

    #[test]
    fn a_new_archive_has_no_items_and_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::init(dir.path()).unwrap();
        let stats = stats(&archive, Folders::Measure).unwrap();
        assert_eq!(stats.items, 0);
        assert_eq!(stats.objects_bytes, 0);
        assert!(stats.derived_bytes.is_some() && stats.index_bytes.is_some());
        assert_eq!(i64::from(stats.schema_version), migrations::latest());
        assert!(stats.database_bytes > 0);
    }

    #[test]
    fn counts_follow_items_and_blobs() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::init(dir.path()).unwrap();
        let sha = archive.blobs().put_bytes(b"body").unwrap();
        let conn = archive.conn();
        conn.execute(
            "INSERT INTO blobs (sha256, size, media_type, stored_at) VALUES (?1, 4, 'text/plain', 'now')",
            [&sha],
        )
        .unwrap();
        for (uid, kind, deleted) in [
            ("a", "article", None),
            ("b", "photo", None),
            ("c", "photo", Some("then")),
            ("d", "article", Some("then")),
            ("e", "article", None),
        ] {
            conn.execute(
                "INSERT INTO items (uid, kind, sha256, imported_at, modified_at, deleted_at)
                 VALUES (?1, ?2, ?3, 'now', 'now', ?4)",
                rusqlite::params![uid, kind, sha, deleted],
            )
            .unwrap();
        }
        let stats = stats(&archive, Folders::Skip).unwrap();
        assert_eq!(
            (stats.items, stats.articles, stats.photos, stats.in_trash),
            (3, 2, 1, 2)
        );
        assert_eq!((stats.derived_bytes, stats.index_bytes), (None, None));
        assert_eq!((stats.objects, stats.objects_bytes), (1, 4));
    }
}

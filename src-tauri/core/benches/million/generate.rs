//! Making the archive, once, through the core's own write path. Each batch of generated items is
//! replayed as the journal `import` action an import of those files would have recorded
//! (`WriteHandle::replay`: the action is appended and applied in one transaction, which inserts
//! the rows, tags and collection places and queues the items for the index). A share of the
//! library is then moved to the Trash, and the search index is built by opening the archive for
//! writing: there is no index yet, so the core rebuilds it from the database through the queue.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use folio_core::handle::WriteHandle;
use folio_core::journal::{Action, CollectionAppend, Entry};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Sentences;
use crate::records::{self, COLLECTIONS, Layout};

/// Items per import action: one transaction, and one journal row, each.
const BATCH: u64 = 2000;
/// One item in this many is in the Trash (not a multiple of 5, so photos are among them).
const TRASHED_EVERY: usize = 49;
/// The imports are spread over this many days, ending when the archive is made.
const IMPORT_DAYS: i64 = 3 * 365;

/// How the archive was made, kept beside it so later runs report it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Made {
    pub articles: u64,
    pub photos: u64,
    pub trashed: u64,
    /// Seconds to replay the imports and the trash action.
    pub rows_seconds: f64,
    /// Seconds for the core to build the search index on the next open.
    pub index_seconds: f64,
    pub made_at: String,
}

/// Where the record of how an archive was made is kept: beside it, not in it.
pub fn made_file(archive: &Path) -> PathBuf {
    let mut name = archive.file_name().unwrap_or_default().to_os_string();
    name.push(".made.json");
    archive.with_file_name(name)
}

pub fn read_made(archive: &Path) -> Option<Made> {
    let text = std::fs::read_to_string(made_file(archive)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn make(archive: &Path, text: &Sentences, layout: Layout) -> Made {
    let started = Instant::now();
    // Without its index: the replayed imports only queue their items, as a crash before
    // indexing would leave them; the index is built at the end, in one go.
    let mut writer =
        WriteHandle::open_or_create_deferring_index(archive).expect("a new archive opens");
    let now = Utc::now();
    let total = layout.total();
    for first in (0..total).step_by(BATCH as usize) {
        let last = (first + BATCH).min(total);
        let at = imported_at(now, first, total);
        let items = (first..last)
            .into_par_iter()
            .map(|n| records::item(text, &layout, n, &at))
            .collect();
        let mut appends: Vec<CollectionAppend> = Vec::new();
        for n in first..last {
            for c in records::collections_of(&layout, n) {
                let uid = records::collection_uid(c);
                match appends.iter_mut().find(|a| a.collection == uid) {
                    Some(append) => append.items.push(records::uid(n)),
                    None => appends.push(CollectionAppend {
                        collection: uid,
                        name: COLLECTIONS[c].0.to_owned(),
                        items: vec![records::uid(n)],
                    }),
                }
            }
        }
        let entry = Entry {
            seq: 0,
            uid: records::uid(u64::MAX / 2 + first),
            author: "benchmark".to_owned(),
            at,
            action: Action::Import {
                items,
                collections: appends,
                captions: Vec::new(),
            },
        };
        writer
            .replay(std::slice::from_ref(&entry))
            .expect("an import action applies");
        if last.is_multiple_of(100_000) || last == total {
            eprintln!(
                "million bench: {last} items in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    // A fresh archive numbers its items from 1 in the order they were inserted.
    let trashed: Vec<i64> = (1..=total as i64).step_by(TRASHED_EVERY).collect();
    let found = writer.summaries(&[1, total as i64]).expect("summaries");
    assert_eq!(found.len(), 2, "items are numbered 1 to {total}");
    writer.trash(&trashed).expect("trash");
    drop(writer);
    let rows_seconds = started.elapsed().as_secs_f64();

    eprintln!("million bench: building the search index (the core rebuilds it on open)");
    let started = Instant::now();
    drop(WriteHandle::open(archive).expect("the archive opens and indexes"));
    let index_seconds = started.elapsed().as_secs_f64();

    let made = Made {
        articles: layout.articles,
        photos: layout.photos,
        trashed: trashed.len() as u64,
        rows_seconds,
        index_seconds,
        made_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
    };
    let json = serde_json::to_string_pretty(&made).expect("json");
    std::fs::write(made_file(archive), json).expect("the record of the archive is written");
    made
}

/// When the batch starting at item `n` was imported: evenly over [`IMPORT_DAYS`] up to `now`.
fn imported_at(now: DateTime<Utc>, n: u64, total: u64) -> String {
    let span_ms = IMPORT_DAYS * 24 * 3600 * 1000;
    let at = now - Duration::milliseconds(span_ms)
        + Duration::milliseconds((span_ms as f64 * n as f64 / total as f64) as i64);
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

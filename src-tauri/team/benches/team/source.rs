//! The source archive a team is created from: generated items replayed batch by batch as the
//! journal's `import` action (as the million-item benchmark makes its archive), then the files
//! a member sends with them. The originals are stand-ins — an article's HTML, a small JPEG for a
//! photo — under the hashes the records carry: nothing in a sync reads an original's bytes
//! beyond copying them, and the sizes of real originals are measured on real photos
//! (`scripts/bench-team.sh`). Every photo gets a grid thumbnail, which joining fetches.

use std::path::Path;
use std::time::Instant;

use chrono::{SecondsFormat, Utc};
use folio_core::bundle::format::BundleItem;
use folio_core::handle::WriteHandle;
use folio_core::journal::{Action, Entry};

use crate::corpus::Sentences;
use crate::records::{self, Layout};

/// Items per import action, as the million-item benchmark records them.
const BATCH: u64 = 2000;

pub fn make(archive: &Path, corpus: &Path, total: u64) {
    let started = Instant::now();
    let text = Sentences::read(corpus).expect("the corpus's articles read");
    let layout = Layout {
        articles: total - total / 5,
        photos: total / 5,
    };
    let photo_original = folio_samples::files::jpeg(64, 48, 1);
    let grid_thumbnail = folio_samples::files::jpeg(256, 171, 2);
    let grid_side = folio_core::photo::THUMBNAIL_SIDES[0];
    // The index is built once at the end, as a crash before indexing would leave it to be.
    let mut writer =
        WriteHandle::open_or_create_deferring_index(archive).expect("a new archive opens");
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    for first in (0..total).step_by(BATCH as usize) {
        let last = (first + BATCH).min(total);
        let items: Vec<BundleItem> = (first..last)
            .map(|n| records::item(&text, &layout, n, &at))
            .collect();
        for item in &items {
            let original = writer
                .original_path(&item.sha256)
                .expect("an original's path");
            std::fs::create_dir_all(original.parent().expect("in a folder"))
                .expect("the originals' folder");
            match &item.article {
                Some(article) => std::fs::write(&original, &article.body_html),
                None => std::fs::write(&original, &photo_original),
            }
            .expect("the stand-in original is written");
            if item.photo.is_some() {
                writer
                    .store_thumbnail(&item.sha256, grid_side, &grid_thumbnail)
                    .expect("the grid thumbnail is written");
            }
        }
        let entry = Entry {
            seq: 0,
            uid: records::uid(u64::MAX / 2 + first),
            author: "benchmark".to_owned(),
            at: at.clone(),
            action: Action::Import {
                items,
                collections: Vec::new(),
                captions: Vec::new(),
            },
        };
        writer
            .replay(std::slice::from_ref(&entry))
            .expect("an import action applies");
    }
    drop(writer);
    let rows = started.elapsed().as_secs_f64();
    let started = Instant::now();
    drop(WriteHandle::open(archive).expect("the archive opens and indexes"));
    eprintln!(
        "team bench: {total} items made in {rows:.0} s, indexed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

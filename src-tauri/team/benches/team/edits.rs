//! Caption edits made in a member archive, each its own journal action waiting to be sent: what
//! a person correcting captions leaves for the team, made through the same write seam as
//! `folio edit` (so a member records them as its own, ahead of the team) without a process per
//! edit. The search index is left to catch up on the next open, as after a crash: indexing each
//! edit on its own would make 100,000 of them take hours, and the benchmark measures the sync.

use std::path::Path;
use std::time::Instant;

use folio_core::handle::WriteHandle;
use folio_core::items::KindFilter;
use folio_core::library::editing::{EditField, EditRequest};

pub fn captions(archive: &Path, count: usize, label: &str) {
    let started = Instant::now();
    let mut writer =
        WriteHandle::open_or_create_deferring_index(archive).expect("the archive opens");
    let photos = writer
        .list(Some(KindFilter::Photo), usize::MAX)
        .expect("the photos are listed");
    assert!(!photos.is_empty(), "the archive holds photos to caption");
    for n in 0..count {
        writer
            .update_item(&EditRequest {
                id: photos[n % photos.len()].id,
                field: EditField::Caption,
                value: format!("Caption {n} by {label}"),
            })
            .expect("the caption is edited");
    }
    eprintln!(
        "team bench: {count} caption edits in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

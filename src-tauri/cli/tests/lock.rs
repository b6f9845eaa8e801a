//! The archive lock seen from outside: a second writing process gets a clear message. In its own
//! test binary because a sibling test forking a child while the lock is held would briefly share
//! the lock's file description and keep it alive past `drop`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

use util::Sandbox;

#[test]
fn a_second_writer_gets_a_clear_in_use_message_and_the_archive_stays_whole() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    // This test process is the first writer; the folio binary is a second process.
    let held = folio_core::Archive::open(&sandbox.archive(), folio_core::Access::Write).unwrap();
    let run = sandbox.folio(&["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is in use by another Folio process"),
        "unexpected message: {}",
        run.stderr
    );
    // Readers are not blocked by the writer.
    sandbox.folio(&["stats", "--json"]).success();
    drop(held);
    let check: String = rusqlite_integrity(&sandbox.archive());
    assert_eq!(check, "ok");
    sandbox.folio(&["init"]).success();
}

fn rusqlite_integrity(archive: &std::path::Path) -> String {
    let archive = folio_core::Archive::open(archive, folio_core::Access::Read).unwrap();
    archive
        .conn()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

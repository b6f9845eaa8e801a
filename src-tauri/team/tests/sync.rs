//! Creating, joining and syncing a team; conflicts between members; failures in words.

use std::path::{Path, PathBuf};

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::items::{ItemView, KindFilter};
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::tagging::TagRequest;
use folio_core::progress::{CancelToken, NoProgress};
use folio_team::address::DatabaseAddress;
use folio_team::log::TeamLog;
use folio_team::sync;
use tempfile::TempDir;

use crate::postgres;

/// A desktop: its own folder, an archive in it, and a folder of files to import.
pub struct Desk {
    _dir: TempDir,
    pub archive: PathBuf,
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        Desk { _dir: dir, archive }
    }

    pub fn files(&self) -> PathBuf {
        let files = self.archive.parent().unwrap().join("files");
        std::fs::create_dir_all(&files).unwrap();
        files
    }
}

pub fn import(handle: &mut WriteHandle, files: &[(&str, Vec<u8>)], into: &Path) {
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = into.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let report = handle
        .import(
            &paths,
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    assert_eq!(report.failed.len(), 0, "{report:?}");
}

pub fn id_of(handle: &WriteHandle, title: &str) -> i64 {
    handle
        .list(None::<KindFilter>, 1000)
        .unwrap()
        .into_iter()
        .find(|item| item.title == title)
        .unwrap_or_else(|| panic!("no item titled {title:?}"))
        .id
}

pub fn caption(handle: &WriteHandle, title: &str) -> String {
    match handle.show(id_of(handle, title)).unwrap() {
        ItemView::Photo(photo) => photo.caption,
        ItemView::Article(_) => panic!("{title} is an article"),
    }
}

/// A new team's places: an empty database and a shared folder for its originals (kept while
/// the returned guard lives).
pub fn new_team_places() -> (String, TempDir, String) {
    let shared = tempfile::tempdir().unwrap();
    let objects = shared.path().to_str().unwrap().to_owned();
    (postgres::new_database(), shared, objects)
}

pub fn photo(caption: &str, seed: u8) -> Vec<u8> {
    folio_samples::files::jpeg_with_iptc(64 + u32::from(seed), 48, caption, "Agency", &["press"])
}

#[test]
fn a_member_who_joins_gets_the_team_record_and_both_converge() {
    let (database, _shared, objects) = new_team_places();

    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    import(
        &mut a,
        &[
            ("harbour.jpg", photo("The harbour at dawn", 1)),
            (
                "report.txt",
                "Port report\n\nShips came in at dawn.\n".into(),
            ),
        ],
        &alice.files(),
    );
    let created = sync::create(&mut a, &database, &objects, "Press office").unwrap();
    assert_eq!(created.sent, 1, "{created:?}");
    assert_eq!(created.uploaded, 2, "{created:?}");

    let bob = Desk::new();
    let (mut b, joined) = sync::join(&bob.archive, &database, None).unwrap();
    assert_eq!(joined.received, 1, "{joined:?}");
    assert_eq!(joined.thumbnails, 1, "{joined:?}");
    let harbour = b.list(None, 10).unwrap();
    assert_eq!(harbour.len(), 2);
    for item in &harbour {
        // Originals stay in the team's store until needed (see the originals tests).
        assert!(
            !b.original_path(&item.sha256).unwrap().is_file(),
            "{item:?}"
        );
    }
    // Search works on what was received.
    let found = b
        .search(&folio_core::search::SearchRequest {
            query: "ships".into(),
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(found.total, 1);

    // Bob captions and tags; Alice files the article in a collection, at the same time.
    let photo_id = id_of(&b, "harbour");
    b.update_item(&EditRequest {
        id: photo_id,
        field: EditField::Caption,
        value: "The harbour at dawn, from the lighthouse".into(),
    })
    .unwrap();
    b.tag_items(&TagRequest {
        ids: vec![photo_id],
        add: vec!["Places/Harbour".into()],
        remove: vec![],
    })
    .unwrap();
    let collection = a.create_collection("Port dossier").unwrap().value;
    a.add_to_collection(collection.id, &[id_of(&a, "Port report")])
        .unwrap();
    assert_eq!(sync::status(&a).unwrap().unwrap().waiting_actions, 2);

    sync::sync(&mut b).unwrap();
    sync::sync(&mut a).unwrap();
    sync::sync(&mut b).unwrap();
    assert_eq!(
        caption(&a, "harbour"),
        "The harbour at dawn, from the lighthouse"
    );
    assert_eq!(sync::status(&a).unwrap().unwrap().waiting_actions, 0);
    assert_eq!(sync::status(&b).unwrap().unwrap().waiting_actions, 0);
    assert_dumps_equal(&a, &b);
}

#[test]
fn the_later_of_two_caption_edits_in_team_order_wins_on_every_member() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    import(
        &mut a,
        &[("square.jpg", photo("Square", 2))],
        &alice.files(),
    );
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let bob = Desk::new();
    let (mut b, _) = sync::join(&bob.archive, &database, None).unwrap();

    // Both edit offline; Alice sends first, so Bob's edit comes later in the team's order.
    let edit = |handle: &mut WriteHandle, value: &str| {
        let id = id_of(handle, "square");
        handle
            .update_item(&EditRequest {
                id,
                field: EditField::Caption,
                value: value.into(),
            })
            .unwrap();
    };
    edit(&mut a, "Alice's caption");
    edit(&mut b, "Bob's caption");
    sync::sync(&mut a).unwrap();
    sync::sync(&mut b).unwrap();
    sync::sync(&mut a).unwrap();
    assert_eq!(caption(&b, "square"), "Bob's caption");
    assert_eq!(caption(&a, "square"), "Bob's caption");
}

/// A member receives the log in pieces bounded by their size, and finds by search what it
/// received, old and new.
#[test]
fn a_log_comes_in_pieces_and_what_is_received_is_found_by_search() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    for (n, vessel) in ["lighthouse", "ferry", "trawler"].iter().enumerate() {
        let text = format!("Report {n}\n\nThe {vessel} came in at dawn.\n");
        import(
            &mut a,
            &[(&format!("report-{n}.txt"), text.into_bytes())],
            &alice.files(),
        );
    }
    sync::create(&mut a, &database, &objects, "Harbour desk").unwrap();

    let address = DatabaseAddress::parse(&database).unwrap();
    let mut log = TeamLog::connect(&address).unwrap();
    assert_eq!(log.after(0, 100, 1 << 20).unwrap().len(), 3);
    // However small the bound, the first action comes, and no more than fit after it.
    let first = log.after(0, 100, 1).unwrap();
    assert_eq!(first.len(), 1);
    let first_bytes = serde_json::to_string(&first[0].entry.action).unwrap().len() as i64;
    assert_eq!(log.after(0, 100, first_bytes).unwrap().len(), 1);
    assert_eq!(log.after(0, 100, first_bytes + 1).unwrap().len(), 2);
    let rest = log.after(first[0].team_seq, 100, 1 << 20).unwrap();
    assert_eq!(rest.len(), 2);
    assert!(
        rest.iter()
            .all(|pulled| pulled.team_seq > first[0].team_seq)
    );

    let bob = Desk::new();
    let (mut b, joined) = sync::join(&bob.archive, &database, None).unwrap();
    assert_eq!(joined.received, 3, "{joined:?}");
    a.update_item(&EditRequest {
        id: id_of(&a, "Report 2"),
        field: EditField::Title,
        value: "Report on the schooner".into(),
    })
    .unwrap();
    sync::sync(&mut a).unwrap();
    assert_eq!(sync::sync(&mut b).unwrap().received, 1);
    let found = |handle: &WriteHandle, query: &str| {
        handle
            .search(&folio_core::search::SearchRequest {
                query: query.into(),
                offset: 0,
                limit: 10,
            })
            .unwrap()
            .total
    };
    assert_eq!(found(&b, "trawler"), 1, "received when joining");
    assert_eq!(found(&b, "schooner"), 1, "received by a later sync");
    assert_dumps_equal(&a, &b);
}

#[test]
fn a_database_that_is_gone_is_reported_in_words_and_loses_nothing() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    import(&mut a, &[("pier.jpg", photo("Pier", 3))], &alice.files());

    postgres::drop_database(&database);
    let error = sync::sync(&mut a).unwrap_err().to_string();
    assert!(error.contains("cannot connect"), "{error}");
    assert!(error.contains("does not exist"), "{error}");
    let status = sync::status(&a).unwrap().unwrap();
    assert_eq!(
        status.waiting_actions, 1,
        "the import still waits to be sent"
    );
    assert_eq!(status.waiting_uploads, 1);
    assert!(status.last_error.unwrap().contains("cannot connect"));
    assert_eq!(a.list(None, 10).unwrap().len(), 1);
}

#[test]
fn a_team_database_newer_than_this_folio_is_refused() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let mut admin = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
    admin
        .execute(
            "INSERT INTO folio.schema_migrations (number, name) VALUES (99, 'future')",
            &[],
        )
        .unwrap();
    let bob = Desk::new();
    let error = sync::join(&bob.archive, &database, None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("newer Folio"), "{error}");
    assert!(
        !bob.archive.join("folio.sqlite").exists(),
        "no archive is left half-made"
    );
}

pub fn assert_dumps_equal(a: &WriteHandle, b: &WriteHandle) {
    let (a, b) = (a.dump().unwrap(), b.dump().unwrap());
    if a != b {
        let first = a
            .lines()
            .zip(b.lines())
            .find(|(x, y)| x != y)
            .map(|(x, y)| format!("A: {x}\nB: {y}"))
            .unwrap_or_else(|| "one dump is longer".into());
        panic!("the members' dumps differ; first difference:\n{first}");
    }
}

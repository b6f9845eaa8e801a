//! Originals on demand: joining brings records and grid thumbnails, not originals; exports and
//! copies fetch what they need into a size-limited cache; `verify` tells remote from missing;
//! `verify --team` finds what the team's store lacks or holds damaged; and an original always
//! reaches the store before the action that names it reaches the log.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use folio_core::blobs::sha256_hex;
use folio_core::export::{ExportFormat, ExportRequest, Paper};
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::originals;
use folio_core::progress::{CancelToken, NoProgress};
use folio_team::{originals as team_originals, sync};

use crate::sync::{Desk, id_of, import, new_team_places};

/// A photo large enough that its original weighs far more than its grid thumbnail.
fn big_photo(caption: &str, seed: u32) -> Vec<u8> {
    folio_samples::files::jpeg_with_iptc(1600 + seed, 1200, caption, "Agency", &["press"])
}

/// Where the shared folder keeps an original (`originals/ab/<sha256>`).
fn shared_original(shared: &Path, sha256: &str) -> PathBuf {
    shared.join("originals").join(&sha256[..2]).join(sha256)
}

fn shared_thumbnail(shared: &Path, sha256: &str, side: u32) -> PathBuf {
    shared
        .join("thumbnails")
        .join(&sha256[..2])
        .join(format!("{sha256}-{side}.jpg"))
}

fn sha_of(handle: &ReadHandle, title: &str) -> String {
    handle
        .list(None, 1000)
        .unwrap()
        .into_iter()
        .find(|item| item.title == title)
        .unwrap_or_else(|| panic!("no item titled {title:?}"))
        .sha256
}

fn verify(handle: &ReadHandle) -> folio_core::fixity::VerifyReport {
    handle.verify(&NoProgress, &CancelToken::new()).unwrap()
}

/// Alice's team with two photos and an article; Bob joined.
struct Team {
    _shared: tempfile::TempDir,
    shared: PathBuf,
    alice: Desk,
    a: WriteHandle,
    bob: Desk,
    b: WriteHandle,
    joined: sync::SyncReport,
    /// Title and bytes of each of Alice's originals.
    originals: Vec<(&'static str, Vec<u8>)>,
}

fn team() -> Team {
    let (database, shared_dir, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    let originals = vec![
        ("harbour", big_photo("The harbour at dawn", 1)),
        ("pier", big_photo("The pier at noon", 2)),
        (
            "Port report",
            b"Port report\n\nShips came in at dawn.\n".to_vec(),
        ),
    ];
    let files: Vec<(String, Vec<u8>)> = originals
        .iter()
        .map(|(title, bytes)| {
            let name = if title == &"Port report" {
                "report.txt".to_owned()
            } else {
                format!("{title}.jpg")
            };
            (name, bytes.clone())
        })
        .collect();
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    import(&mut a, &files, &alice.files());
    let created = sync::create(&mut a, &database, &objects, "Press office").unwrap();
    assert_eq!(created.uploaded, 3, "{created:?}");
    let bob = Desk::new();
    let (b, joined) = sync::join(&bob.archive, &database, None).unwrap();
    Team {
        shared: shared_dir.path().to_path_buf(),
        _shared: shared_dir,
        alice,
        a,
        bob,
        b,
        joined,
        originals,
    }
}

#[test]
fn joining_brings_the_records_and_grid_thumbnails_but_no_originals() {
    let team = team();
    let b = &team.b;
    assert_eq!(team.joined.received, 1, "{:?}", team.joined);
    assert_eq!(b.list(None, 10).unwrap().len(), 3);
    let original_bytes: usize = team.originals.iter().map(|(_, bytes)| bytes.len()).sum();
    assert!(
        team.joined.downloaded_bytes * 10 < original_bytes as u64,
        "joining fetched {} bytes, the originals weigh {original_bytes}",
        team.joined.downloaded_bytes
    );
    assert_eq!(team.joined.thumbnails, 2, "one grid thumbnail per photo");
    for (title, _) in &team.originals {
        let sha256 = sha_of(b, title);
        assert!(
            !originals::is_here(&team.bob.archive, &sha256),
            "{title}'s original stays in the team's store"
        );
    }
    let harbour = sha_of(b, "harbour");
    let thumbs: Vec<(u32, bool)> = b
        .thumbnail_paths(&harbour)
        .into_iter()
        .map(|(side, path)| (side, path.is_file()))
        .collect();
    assert_eq!(thumbs, vec![(256, true), (1024, false)]);
    // Search works on what was received.
    let found = b
        .search(&folio_core::search::SearchRequest {
            query: "ships".into(),
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(found.total, 1);
    // The larger thumbnail comes when shown.
    assert!(team_originals::attach(b).unwrap());
    let large = b.thumbnail_file(&harbour, 1024).unwrap().unwrap();
    let alice_large = &team.a.thumbnail_paths(&harbour)[1].1;
    assert_eq!(
        std::fs::read(large).unwrap(),
        std::fs::read(alice_large).unwrap()
    );
}

#[test]
fn exporting_and_copying_fetch_the_originals_they_need_byte_for_byte() {
    let team = team();
    let b = &team.b;
    let ids: Vec<i64> = team
        .originals
        .iter()
        .map(|(title, _)| id_of(b, title))
        .collect();

    // Without the team's store registered, a remote original cannot be read.
    let out = tempfile::tempdir().unwrap();
    let refused = b.copy_items(&ids[2..], &out.path().join("before"));
    assert!(
        refused.is_err() || refused.as_ref().unwrap().failed == 1,
        "{refused:?}"
    );

    team_originals::attach(b).unwrap();
    let zip_path = out.path().join("dossier.zip");
    b.export(
        &ExportRequest {
            item_ids: ids.clone(),
            title: "Port".into(),
            format: ExportFormat::Zip,
            paper: Paper::default(),
            max_image_px: None,
            collections: Vec::new(),
            with_source_paths: false,
            replace_existing: false,
        },
        &zip_path,
        &NoProgress,
        &CancelToken::new(),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut in_zip = Vec::new();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        in_zip.push(sha256_hex(&bytes));
    }
    for (title, bytes) in &team.originals {
        assert!(
            in_zip.contains(&sha256_hex(bytes)),
            "{title}'s original is in the bundle byte for byte"
        );
        assert!(originals::is_here(&team.bob.archive, &sha256_hex(bytes)));
    }

    // A copy of the article is its original file.
    let copies = b.copy_items(&ids[2..], &out.path().join("copies")).unwrap();
    assert_eq!(copies.failed, 0, "{copies:?}");
    let copied = copies.copies[0].path.clone().unwrap();
    assert_eq!(std::fs::read(copied).unwrap(), team.originals[2].1);

    // Fetched originals are checked like the archive's own; none is missing or an orphan.
    let report = verify(b);
    assert!(report.is_clean(), "{report:?}");
    assert_eq!((report.ok, report.remote), (3, 0), "{report:?}");
}

#[test]
fn the_cache_evicts_the_least_recently_used_fetched_originals_and_never_a_local_one() {
    let mut team = team();
    import(
        &mut team.b,
        &[("lighthouse.jpg", big_photo("Lighthouse", 3))],
        &team.bob.files(),
    );
    let local = sha_of(&team.b, "lighthouse");
    let b = &mut team.b;
    team_originals::attach(b).unwrap();
    let [harbour, pier, report] = ["harbour", "pier", "Port report"].map(|title| sha_of(b, title));
    let size = |title: &str| {
        team.originals
            .iter()
            .find(|(t, _)| *t == title)
            .unwrap()
            .1
            .len() as u64
    };
    // Room for the two photos, not for the article as well.
    b.set_cache_limit(size("harbour") + size("pier")).unwrap();
    let pause = || std::thread::sleep(Duration::from_millis(20));
    b.original_file(&harbour).unwrap();
    pause();
    b.original_file(&pier).unwrap();
    pause();
    b.original_file(&harbour).unwrap(); // used again: the pier is now the least recent
    pause();
    b.original_file(&report).unwrap();
    let here = |sha: &str| originals::is_here(&team.bob.archive, sha);
    assert!(here(&harbour) && here(&report), "the recent ones stay");
    assert!(!here(&pier), "the least recently used is evicted");
    let usage = b.cache_usage().unwrap();
    assert!(usage.bytes <= usage.limit, "{usage:?}");
    assert_eq!(usage.files, 2);

    // A limit of nothing empties the cache and keeps the photo imported here.
    let usage = b.set_cache_limit(0).unwrap();
    assert_eq!((usage.files, usage.bytes), (0, 0));
    assert!(b.original_path(&local).unwrap().is_file());
    assert!(!here(&harbour) && !here(&report));
    // An evicted original comes back when needed.
    let again = b.original_file(&pier).unwrap();
    assert_eq!(std::fs::read(again).unwrap(), team.originals[1].1);
    assert_eq!(sync::status(b).unwrap().unwrap().cache.limit, 0);
}

#[test]
fn local_verify_counts_originals_the_team_holds_as_remote_not_missing() {
    let mut team = team();
    let report = verify(&team.b);
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(
        (report.checked, report.ok, report.remote),
        (3, 0, 3),
        "{report:?}"
    );

    // An import not sent yet whose original is lost is missing: the team never had it.
    import(
        &mut team.b,
        &[("lighthouse.jpg", big_photo("Lighthouse", 3))],
        &team.bob.files(),
    );
    let lighthouse = sha_of(&team.b, "lighthouse");
    std::fs::remove_file(team.b.original_path(&lighthouse).unwrap()).unwrap();
    let report = verify(&team.b);
    assert_eq!(report.remote, 3, "{report:?}");
    assert_eq!(report.missing.len(), 1, "{report:?}");
    assert_eq!(report.missing[0].sha256, lighthouse);
}

#[test]
fn verify_team_finds_a_deleted_key_and_damaged_bytes() {
    let team = team();
    let b = &team.b;
    let clean = team_originals::verify(b, true).unwrap();
    assert!(clean.is_clean(), "{clean:?}");
    assert_eq!((clean.originals, clean.thumbnails), (3, 4), "{clean:?}");

    let [harbour, pier, report] = ["harbour", "pier", "Port report"].map(|title| sha_of(b, title));
    std::fs::remove_file(shared_original(&team.shared, &harbour)).unwrap();
    std::fs::remove_file(shared_thumbnail(&team.shared, &pier, 1024)).unwrap();
    // Same length, other bytes: only downloading and hashing tells.
    let mut damaged = team.originals[2].1.clone();
    damaged[0] ^= 0xFF;
    std::fs::write(shared_original(&team.shared, &report), &damaged).unwrap();

    let quick = team_originals::verify(b, false).unwrap();
    let mut missing: Vec<(&str, &str)> = quick
        .missing
        .iter()
        .map(|m| (m.object.as_str(), m.sha256.as_str()))
        .collect();
    missing.sort_unstable();
    assert_eq!(
        missing,
        vec![
            ("original", harbour.as_str()),
            ("thumbnail 1024", pier.as_str())
        ],
        "{quick:?}"
    );
    assert!(quick.corrupt.is_empty(), "{quick:?}");

    let deep = team_originals::verify(b, true).unwrap();
    assert_eq!(deep.missing.len(), 2, "{deep:?}");
    assert_eq!(deep.corrupt.len(), 1, "{deep:?}");
    assert_eq!(deep.corrupt[0].sha256, report);
    assert!(deep.corrupt[0].problem.contains("hash to"), "{deep:?}");

    // Bytes of another length are caught without downloading.
    std::fs::write(shared_original(&team.shared, &report), b"short").unwrap();
    let quick = team_originals::verify(b, false).unwrap();
    assert_eq!(quick.corrupt.len(), 1, "{quick:?}");
    assert!(quick.corrupt[0].problem.contains("expected"), "{quick:?}");

    // Fetching a damaged original is refused, in words.
    team_originals::attach(b).unwrap();
    let refused = b.original_file(&report).unwrap_err().to_string();
    assert!(refused.contains("damaged"), "{refused}");
}

#[test]
fn an_original_reaches_the_store_before_the_action_that_names_it_reaches_the_log() {
    let team = team();
    let mut a = team.a;
    // The store refuses new originals: where they would go is a file, not a folder.
    let photo = big_photo("Quay", 4);
    let sha256 = sha256_hex(&photo);
    let spread = team.shared.join("originals").join(&sha256[..2]);
    if spread.exists() {
        std::fs::remove_dir_all(&spread).unwrap();
    }
    std::fs::write(&spread, b"in the way").unwrap();
    import(&mut a, &[("quay.jpg", photo.clone())], &team.alice.files());
    let failed = sync::sync(&mut a).unwrap_err().to_string();
    assert!(failed.contains("cannot upload"), "{failed}");
    assert_eq!(sync::status(&a).unwrap().unwrap().waiting_actions, 1);
    // So the team's log does not name it yet: Bob receives nothing.
    let mut b = team.b;
    let received = sync::sync(&mut b).unwrap();
    assert_eq!(received.received, 0, "{received:?}");

    std::fs::remove_file(&spread).unwrap();
    let sent = sync::sync(&mut a).unwrap();
    assert_eq!((sent.sent, sent.uploaded), (1, 1), "{sent:?}");
    let received = sync::sync(&mut b).unwrap();
    assert_eq!(received.received, 1, "{received:?}");
    team_originals::attach(&b).unwrap();
    let fetched = b.original_file(&sha256).unwrap();
    assert_eq!(std::fs::read(fetched).unwrap(), photo);
}

/// Thumbnails fetched several at a time come back each in its place, and one the store does not
/// have as none.
#[test]
fn thumbnails_fetched_side_by_side_each_come_back_in_its_place() {
    let shared = tempfile::tempdir().unwrap();
    let store = folio_team::objects::Objects::create(shared.path().to_str().unwrap()).unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut wanted = Vec::new();
    for n in 0..40 {
        let sha256 = sha256_hex(format!("original {n}").as_bytes());
        let file = files.path().join(format!("{n}.jpg"));
        std::fs::write(&file, format!("thumbnail {n}")).unwrap();
        assert!(store.upload_thumbnail(&sha256, 256, &file).unwrap());
        wanted.push((sha256, Some(format!("thumbnail {n}").into_bytes())));
    }
    wanted.insert(17, (sha256_hex(b"never sent"), None));
    let asked: Vec<&str> = wanted.iter().map(|(sha256, _)| sha256.as_str()).collect();
    let got = store.download_thumbnails(&asked, 256).unwrap();
    let expected: Vec<Option<Vec<u8>>> = wanted.into_iter().map(|(_, bytes)| bytes).collect();
    assert_eq!(got, expected);
}

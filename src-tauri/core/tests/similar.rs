//! Near-duplicates in a real archive: fingerprints made at import and kept by a bundle's import,
//! a merge that moves an article's figure onto the photo kept (and back on undo), and the
//! background catch-up the desktop runs for photos without a fingerprint.

use std::path::{Path, PathBuf};

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::items::ItemView;
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::similar::{MergeRequest, Thresholds};
use folio_samples::scenes;

/// Imports `files` (name, bytes) into `archive`; returns the ids by file name.
fn import(
    archive: &mut WriteHandle,
    folder: &Path,
    files: &[(&str, Vec<u8>)],
) -> Vec<(String, i64)> {
    std::fs::create_dir_all(folder).unwrap();
    for (name, bytes) in files {
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    let report = archive
        .import(
            &[folder.to_path_buf()],
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    assert!(report.failed.is_empty(), "{report:?}");
    report
        .imported
        .iter()
        .map(|item| {
            let name = Path::new(&item.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, item.id)
        })
        .collect()
}

fn id(ids: &[(String, i64)], name: &str) -> i64 {
    ids.iter().find(|(n, _)| n == name).unwrap().1
}

fn copies() -> Vec<(&'static str, Vec<u8>)> {
    let picture = scenes::scene(21, 640, 480);
    vec![
        ("large.jpg", scenes::original(&picture)),
        (
            "small.jpg",
            scenes::to_jpeg(&scenes::resized(&picture, 320), 40),
        ),
        ("other.png", scenes::to_png(&scenes::scene(22, 640, 480))),
    ]
}

#[test]
fn a_bundle_import_keeps_the_fingerprints_of_its_photos() {
    let temp = tempfile::tempdir().unwrap();
    let mut first = WriteHandle::init(&temp.path().join("first")).unwrap();
    let ids = import(&mut first, &temp.path().join("in"), &copies());
    let bundle = temp.path().join("bundle.zip");
    let request = folio_core::export::ExportRequest {
        collections: Vec::new(),
        item_ids: ids.iter().map(|(_, id)| *id).collect(),
        title: "Copies".into(),
        format: folio_core::export::ExportFormat::Zip,
        paper: folio_core::export::Paper::A4,
        max_image_px: None,
        with_source_paths: false,
        replace_existing: true,
    };
    first
        .export(&request, &bundle, &NoProgress, &CancelToken::new())
        .unwrap();

    let mut second = WriteHandle::init(&temp.path().join("second")).unwrap();
    second
        .import(
            &[bundle],
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap();
    let report = second.duplicates(Thresholds::default()).unwrap();
    assert_eq!(
        report.pending, 0,
        "every photo of the bundle has its fingerprint"
    );
    assert_eq!(report.groups.len(), 1, "{report:?}");
    assert_eq!(report.groups[0].items.len(), 2);
}

#[test]
fn a_merge_moves_figures_onto_the_photo_kept_and_undo_moves_them_back() {
    let temp = tempfile::tempdir().unwrap();
    let mut archive = WriteHandle::init(&temp.path().join("archive")).unwrap();
    let mut files = copies();
    files.push((
        "dialogue.txt",
        b"Innovation dialogue held\n\nDelegates meet at the Skolkovo centre. [photo/Xinhua]\n\n\
          The second dialogue was held at Skolkovo.\n"
            .to_vec(),
    ));
    let ids = import(&mut archive, &temp.path().join("in"), &files);
    let (large, small, article) = (
        id(&ids, "large.jpg"),
        id(&ids, "small.jpg"),
        id(&ids, "dialogue.txt"),
    );
    let figure_photo = |archive: &WriteHandle| {
        let ItemView::Article(view) = archive.show(article).unwrap() else {
            panic!("an article");
        };
        (view.figures[0].id, view.figures[0].photo_id)
    };
    let (figure, _) = figure_photo(&archive);
    archive.link_figure(figure, Some(small)).unwrap();
    let groups = |archive: &WriteHandle| {
        archive
            .duplicates(Thresholds::default())
            .unwrap()
            .groups
            .len()
    };
    assert_eq!(groups(&archive), 1);

    let merged = archive
        .merge(&MergeRequest {
            ids: vec![small, large],
            keep: None,
        })
        .unwrap();
    assert_eq!(merged.value.kept, large, "the one with the most pixels");
    assert_eq!(merged.value.trashed, [small]);
    assert!(
        merged.changes.item_ids().contains(&article),
        "{:?}",
        merged.changes
    );
    assert_eq!(figure_photo(&archive).1, Some(large));
    assert_eq!(
        groups(&archive),
        0,
        "the fingerprints kept in memory follow the trash"
    );

    archive.undo().unwrap();
    assert_eq!(groups(&archive), 1);
    assert_eq!(figure_photo(&archive).1, Some(small));
    let ItemView::Photo(view) = archive.show(small).unwrap() else {
        panic!("a photo");
    };
    assert!(
        !view.deleted,
        "undo brings the merged photo back from the trash"
    );
}

#[test]
fn photos_without_a_fingerprint_get_one_beside_the_writer() {
    let temp = tempfile::tempdir().unwrap();
    let root: PathBuf = temp.path().join("archive");
    let mut archive = WriteHandle::init(&root).unwrap();
    let mut files = copies();
    files.push((
        "note.txt",
        b"A note\n\nThe text of a short note.\n".to_vec(),
    ));
    let ids = import(&mut archive, &temp.path().join("in"), &files);
    let sql = rusqlite::Connection::open(root.join("folio.sqlite")).unwrap();
    sql.execute("UPDATE blobs SET phash = NULL", []).unwrap();
    sql.execute("UPDATE articles SET sketch = NULL", [])
        .unwrap();
    assert_eq!(
        archive.duplicates(Thresholds::default()).unwrap().pending,
        4
    );

    assert_eq!(archive.sketch_articles().unwrap(), 1);
    assert_eq!(archive.sketch_articles().unwrap(), 0, "none left");

    let missing = archive.unfingerprinted_photos().unwrap();
    assert_eq!(missing.len(), 3);
    let made = archive.reader().fingerprint_photos(&missing);
    let written = archive.store_fingerprints(&made).unwrap();
    assert_eq!(written.value, 3);
    let mut changed = written.changes.item_ids().to_vec();
    changed.sort_unstable();
    let mut all: Vec<i64> = ids
        .iter()
        .filter(|(name, _)| name != "note.txt")
        .map(|(_, id)| *id)
        .collect();
    all.sort_unstable();
    assert_eq!(
        changed, all,
        "the window hears of every photo that gained one"
    );
    assert!(archive.unfingerprinted_photos().unwrap().is_empty());
    let report = archive.duplicates(Thresholds::default()).unwrap();
    assert_eq!((report.pending, report.groups.len()), (0, 1));
}

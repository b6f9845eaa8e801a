//! `folio import` against inputs made to take the machine's memory or disk, or to hide from the
//! report: ZIP bombs of many small entries, entries of one name, oversized sidecars and page
//! images, images whose decoding would not fit in the import's memory budget.

use std::fs;

use super::{import_json, integrity_ok, paths_of, samples};
use crate::util::Sandbox;

#[test]
fn many_small_entries_of_zeros_are_a_zip_bomb_too() {
    let sandbox = Sandbox::new();
    let bomb = sandbox.path().join("small-bombs.zip");
    let zeros = vec![0u8; 1 << 20];
    let names: Vec<String> = (0..100).map(|i| format!("zeros-{i:03}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &zeros[..])).collect();
    fs::write(&bomb, samples::zip(&entries)).unwrap();
    let (code, report) = import_json(&sandbox, &[bomb.to_str().unwrap()]);
    assert_eq!(code, 1, "{report}");
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("ZIP bomb"), "{error}");
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
    assert!(report["imported"].as_array().unwrap().is_empty());
}

#[test]
fn two_entries_of_one_name_in_a_zip_are_both_accounted_for() {
    let sandbox = Sandbox::new();
    let zip = sandbox.path().join("twins.zip");
    fs::write(
        &zip,
        samples::raw_name_zip(&[
            (b"note.txt", b"The first note\n\nWritten on Monday.\n"),
            (b"note.txt", b"The second note\n\nWritten on Tuesday.\n"),
        ]),
    )
    .unwrap();
    let (code, report) = import_json(&sandbox, &[zip.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report}");
    assert!(
        skipped[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("twins.zip/note.txt")
    );
    assert!(skipped[0]["reason"].as_str().unwrap().contains("same name"));
}

#[test]
fn folders_unpacked_from_zips_are_removed_when_the_import_ends() {
    let sandbox = Sandbox::new();
    let zip = sandbox.path().join("notes.zip");
    fs::write(
        &zip,
        samples::zip(&[("a.txt", b"Note A\n\nThe first of two notes.\n")]),
    )
    .unwrap();
    let (code, _) = import_json(&sandbox, &[zip.to_str().unwrap()]);
    assert_eq!(code, 0);
    let scratch = sandbox.archive().join("tmp");
    let left = fs::read_dir(&scratch).map_or(0, |entries| entries.count());
    assert_eq!(left, 0, "nothing is left in {}", scratch.display());
}

#[test]
fn oversized_sidecars_and_page_images_are_refused_without_reading_them() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("drop");
    fs::create_dir_all(dir.join("page_files")).unwrap();
    fs::write(dir.join("photo.jpg"), samples::jpeg(64, 48, 3)).unwrap();
    // Sparse files: their size is real, their bytes cost nothing.
    let sidecar = fs::File::create(dir.join("photo.xmp")).unwrap();
    sidecar.set_len(17 << 20).unwrap();
    fs::write(
        dir.join("page.html"),
        samples::saved_page("A page with a huge image", "A caption."),
    )
    .unwrap();
    let image = fs::File::create(dir.join("page_files/photo.jpg")).unwrap();
    image.set_len(3 << 29).unwrap();
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{report}");
    let imported = paths_of(&report, "imported");
    assert_eq!(imported.len(), 2, "the photo and the page: {report}");
    let skipped = report["skipped"].as_array().unwrap();
    let sidecar_line = skipped
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with("photo.xmp"))
        .unwrap_or_else(|| panic!("the sidecar has a line: {report}"));
    assert!(
        sidecar_line["reason"]
            .as_str()
            .unwrap()
            .contains("larger than 16 MB")
    );
    let failed = &report["failed"][0];
    assert!(
        failed["path"]
            .as_str()
            .unwrap()
            .ends_with("page_files/photo.jpg")
    );
    assert!(
        failed["error"].as_str().unwrap().contains("too large"),
        "{failed}"
    );
    integrity_ok(&sandbox);
}

#[test]
fn an_image_whose_decoding_would_not_fit_in_memory_is_refused_with_the_figures() {
    let sandbox = Sandbox::new();
    let png = sandbox.path().join("poster.png");
    fs::write(&png, samples::png_header_only(14_000, 14_000)).unwrap();
    let (code, report) = import_json(&sandbox, &[png.to_str().unwrap()]);
    assert_eq!(code, 1, "{report}");
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("of memory"), "{error}");
    integrity_ok(&sandbox);
}

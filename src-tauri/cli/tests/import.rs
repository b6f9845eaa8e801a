//! `folio import` end to end through the binary: outcomes, JSON report, exit codes, and an
//! archive that stays whole whatever the input.

use crate::samples;

/// Inputs made to take the machine's memory or disk, or to hide from the report.
#[path = "import/limits.rs"]
mod limits;

use std::fs;
use std::path::Path;

use crate::util::Sandbox;
use serde_json::Value;

fn import_json(sandbox: &Sandbox, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["import", "--json"];
    all.extend_from_slice(args);
    let run = sandbox.folio(&all);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    (run.code, run.json())
}

fn paths_of(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect()
}

fn show(sandbox: &Sandbox, id: &Value) -> Value {
    sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json()
}

fn integrity_ok(sandbox: &Sandbox) {
    let archive = folio_core::Archive::open(&sandbox.archive(), folio_core::Access::Read).unwrap();
    let check: String = archive
        .conn()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let dangling: i64 = archive
        .conn()
        .query_row("SELECT count(*) FROM items i LEFT JOIN blobs b ON b.sha256 = i.sha256 WHERE b.sha256 IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dangling, 0, "every item names a recorded blob");
    let mut statement = archive.conn().prepare("SELECT sha256 FROM blobs").unwrap();
    let hashes: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for sha in hashes {
        let path = sandbox.archive().join("objects").join(&sha[..2]).join(&sha);
        let bytes = fs::read(&path).unwrap_or_else(|_| panic!("object {sha} missing"));
        assert_eq!(
            folio_core::blobs::sha256_hex(&bytes),
            sha,
            "object {sha} corrupt"
        );
    }
}

fn seed_article(dir: &Path) -> std::path::PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed/000_89887cde74f68f66.txt");
    let target = dir.join("000_89887cde74f68f66.txt");
    fs::copy(source, &target).unwrap();
    target
}

#[test]
fn the_typical_article_imports_with_its_structure() {
    let sandbox = Sandbox::new();
    let file = seed_article(sandbox.path());
    let (code, report) = import_json(&sandbox, &[file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    let imported = &report["imported"][0];
    assert_eq!(imported["kind"], "article");
    assert_eq!(imported["path"], file.to_str().unwrap());

    let article = show(&sandbox, &imported["id"]);
    assert_eq!(
        article["title"],
        "2nd China-Russia Innovation Dialogue held in Moscow"
    );
    assert_eq!(article["published"], "2018-11-02");
    assert_eq!(article["language"], "en");
    let figures = article["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0]["credit"], "safea.gov.cn");
    assert!(
        figures[0]["caption"]
            .as_str()
            .unwrap()
            .starts_with("The \"Second China-Russia")
    );
    let body = article["body_text"].as_str().unwrap();
    assert_eq!(body.lines().count(), 9, "nine paragraphs:\n{body}");
    assert!(!body.contains("[photo/"), "the caption is not body text");
    assert!(
        !body.starts_with("2nd China-Russia"),
        "the repeated title is dropped"
    );
    assert_eq!(article["source_name"], "000_89887cde74f68f66.txt");
    assert_eq!(article["sha256"].as_str().unwrap().len(), 64);
    integrity_ok(&sandbox);
}

#[test]
fn reimport_of_same_bytes_is_a_duplicate_and_adds_nothing() {
    let sandbox = Sandbox::new();
    let file = seed_article(sandbox.path());
    let (_, first) = import_json(&sandbox, &[file.to_str().unwrap()]);
    let copy = sandbox.path().join("renamed copy.txt");
    fs::copy(&file, &copy).unwrap();
    let (code, second) = import_json(&sandbox, &[file.to_str().unwrap(), copy.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        second["imported"].as_array().unwrap().is_empty(),
        "{second}"
    );
    let duplicates = second["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 2);
    assert!(
        duplicates
            .iter()
            .all(|d| d["id"] == first["imported"][0]["id"])
    );
    let stats = sandbox.folio(&["stats", "--json"]).success().json();
    assert_eq!(
        (stats["items"].as_i64(), stats["objects"].as_i64()),
        (Some(1), Some(1))
    );
}

#[test]
fn photos_bring_their_iptc_caption_credit_and_keywords() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("drop");
    fs::create_dir(&dir).unwrap();
    let caption = "Делегаты форума в Сколково — 中俄创新对话";
    fs::write(
        dir.join("forum.jpg"),
        samples::jpeg_with_iptc(320, 200, caption, "Xinhua", &["Skolkovo", "创新"]),
    )
    .unwrap();
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    let photo = show(&sandbox, &report["imported"][0]["id"]);
    assert_eq!(photo["kind"], "photo");
    assert_eq!(photo["caption"], caption);
    assert_eq!(photo["credit"], "Xinhua");
    assert_eq!(photo["keywords"], serde_json::json!(["Skolkovo", "创新"]));
    assert_eq!(
        (photo["width"].as_i64(), photo["height"].as_i64()),
        (Some(320), Some(200))
    );
    let sha = photo["sha256"].as_str().unwrap();
    for size in [256, 1024] {
        let thumb = sandbox
            .archive()
            .join(format!("derived/thumbs/{}/{sha}-{size}.jpg", &sha[..2]));
        assert!(thumb.is_file(), "thumbnail {size} missing");
    }
}

#[test]
fn sidecars_apply_to_their_photo_and_are_not_items() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("agency");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("IMG_0001.jpg"), samples::jpeg(64, 48, 1)).unwrap();
    fs::write(
        dir.join("IMG_0001.txt"),
        "Ministers at the opening session. [photo/safea.gov.cn]\n",
    )
    .unwrap();
    let (_, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    assert!(report["skipped"].as_array().unwrap().is_empty(), "{report}");
    let photo = show(&sandbox, &report["imported"][0]["id"]);
    assert_eq!(photo["caption"], "Ministers at the opening session.");
    assert_eq!(photo["credit"], "safea.gov.cn");
}

#[test]
fn a_saved_web_page_links_its_images_to_the_figures() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("saved");
    fs::create_dir_all(dir.join("page_files")).unwrap();
    let caption = "Delegates at the forum in Moscow. (Photo: Ivan Petrov)";
    fs::write(
        dir.join("page.html"),
        samples::saved_page("Forum opens in Moscow", caption),
    )
    .unwrap();
    fs::write(dir.join("page_files/photo.jpg"), samples::jpeg(120, 80, 2)).unwrap();
    fs::write(dir.join("page_files/style.css"), "body{}").unwrap();
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2, "{report}");
    let article = imported.iter().find(|i| i["kind"] == "article").unwrap();
    let photo = imported.iter().find(|i| i["kind"] == "photo").unwrap();
    let shown = show(&sandbox, &article["id"]);
    assert_eq!(shown["title"], "Forum opens in Moscow");
    let figure = &shown["figures"][0];
    assert_eq!(figure["photo_id"], photo["id"]);
    assert_eq!(figure["credit"], "Ivan Petrov");
    let shown_photo = show(&sandbox, &photo["id"]);
    assert_eq!(shown_photo["caption"], "Delegates at the forum in Moscow.");
    assert_eq!(shown_photo["credit"], "Ivan Petrov");
    assert!(
        paths_of(&report, "skipped")
            .iter()
            .any(|p| p.ends_with("style.css"))
    );
}

#[test]
fn tags_and_collection_apply_to_everything_imported() {
    let sandbox = Sandbox::new();
    let file = seed_article(sandbox.path());
    let photo = sandbox.path().join("p.jpg");
    fs::write(&photo, samples::jpeg(32, 32, 3)).unwrap();
    let (_, report) = import_json(
        &sandbox,
        &[
            "--tag",
            "Events/Innovation Dialogue",
            "--tag",
            "Russia",
            "--collection",
            "Moscow 2018",
            file.to_str().unwrap(),
            photo.to_str().unwrap(),
        ],
    );
    for item in report["imported"].as_array().unwrap() {
        let shown = show(&sandbox, &item["id"]);
        assert_eq!(
            shown["tags"],
            serde_json::json!(["Events/Innovation Dialogue", "Russia"])
        );
        assert_eq!(shown["collections"], serde_json::json!(["Moscow 2018"]));
    }
}

/// Import cleaned a collection's name one way (trim only) and `folio collection` another
/// (collapse runs of spaces), so a collection made by `import --collection "Press  Kit"` could not
/// be found by `collection add "Press  Kit"`.
#[test]
fn a_collection_named_with_two_spaces_at_import_is_found_by_the_collection_command() {
    let sandbox = Sandbox::new();
    let file = seed_article(sandbox.path());
    let photo = sandbox.path().join("p.jpg");
    fs::write(&photo, samples::jpeg(32, 32, 3)).unwrap();
    let (_, report) = import_json(
        &sandbox,
        &["--collection", "Press  Kit", file.to_str().unwrap()],
    );
    let (_, photo_report) = import_json(&sandbox, &[photo.to_str().unwrap()]);
    let photo_id = photo_report["imported"][0]["id"].to_string();
    sandbox
        .folio(&["collection", "add", "Press  Kit", &photo_id])
        .success();
    let listed = sandbox
        .folio(&["collection", "list", "--json"])
        .success()
        .json();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Press Kit"], "one collection: {listed}");
    let article = show(&sandbox, &report["imported"][0]["id"]);
    assert_eq!(article["collections"], serde_json::json!(["Press Kit"]));
    assert_eq!(
        show(&sandbox, &photo_report["imported"][0]["id"])["collections"],
        serde_json::json!(["Press Kit"])
    );
}

#[test]
fn zip_entries_import_and_hostile_names_never_escape() {
    let sandbox = Sandbox::new();
    let bundle = sandbox.path().join("office.zip");
    let article = fs::read(seed_article(sandbox.path())).unwrap();
    fs::write(
        &bundle,
        samples::zip(&[
            ("news/article.txt", &article),
            ("photos/a.jpg", &samples::jpeg(40, 30, 4)),
            (
                "../../escaped.txt",
                b"Escaped\n\nThis must never be written outside.",
            ),
            (
                "/abs/evil.txt",
                b"Absolute\n\nThis must never be written at the root.",
            ),
        ]),
    )
    .unwrap();
    let (code, report) = import_json(&sandbox, &[bundle.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    let imported = paths_of(&report, "imported");
    assert!(
        imported.contains(&format!("{}/news/article.txt", bundle.display())),
        "{report}"
    );
    assert!(
        imported.contains(&format!("{}/photos/a.jpg", bundle.display())),
        "{report}"
    );
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(
            |s| s["path"].as_str().unwrap().ends_with("../../escaped.txt")
                && s["reason"].as_str().unwrap().contains("unsafe name")
        ),
        "{report}"
    );
    assert!(
        !sandbox
            .path()
            .parent()
            .unwrap()
            .join("escaped.txt")
            .exists()
    );
    assert!(!Path::new("/abs/evil.txt").exists());
}

#[test]
fn a_zip_bomb_is_refused_with_a_clear_message() {
    let sandbox = Sandbox::new();
    let bomb = sandbox.path().join("bomb.zip");
    let zeros = vec![0u8; 300 << 20];
    fs::write(&bomb, samples::zip(&[("zeros.txt", &zeros)])).unwrap();
    drop(zeros);
    let (code, report) = import_json(&sandbox, &[bomb.to_str().unwrap()]);
    assert_eq!(code, 1);
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("ZIP bomb"), "{error}");
    integrity_ok(&sandbox);
}

#[test]
fn bad_images_fail_cleanly_and_good_ones_still_import() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("mixed");
    fs::create_dir(&dir).unwrap();
    let good = samples::jpeg(64, 64, 5);
    fs::write(dir.join("good.jpg"), &good).unwrap();
    fs::write(dir.join("truncated.jpg"), &good[..good.len() / 3]).unwrap();
    fs::write(dir.join("empty.jpg"), b"").unwrap();
    fs::write(
        dir.join("text.jpg"),
        "This is not a picture at all, only words.\n",
    )
    .unwrap();
    fs::write(
        dir.join("huge.png"),
        samples::png_header_only(60_000, 60_000),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "some files failed: {report}");
    assert_eq!(
        paths_of(&report, "imported"),
        vec![format!("{}/good.jpg", dir.display())]
    );
    let failed = report["failed"].as_array().unwrap();
    for name in ["truncated.jpg", "empty.jpg", "text.jpg", "huge.png"] {
        let entry = failed
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} should fail: {report}"));
        assert!(!entry["error"].as_str().unwrap().is_empty());
    }
    assert!(
        started.elapsed().as_secs() < 60,
        "a 60000×60000 header must fail fast"
    );
    integrity_ok(&sandbox);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_non_utf8_names_do_not_stop_an_import() {
    use std::os::unix::ffi::OsStrExt;
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("odd");
    fs::create_dir_all(dir.join("inner")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("inner/loop")).unwrap();
    let odd_name = std::ffi::OsStr::from_bytes(b"caf\xe9 notes.txt");
    fs::write(
        dir.join(odd_name),
        "Cafe notes\n\nA paragraph about the meeting at the cafe.\n",
    )
    .unwrap();
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    assert!(
        report["imported"][0]["path"]
            .as_str()
            .unwrap()
            .contains("caf\u{fffd} notes.txt")
    );
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["reason"].as_str().unwrap().contains("loop")),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_dangling_links_in_a_folder_are_skipped_without_hanging() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("odd");
    fs::create_dir_all(&dir).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zeros.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.jpg"), dir.join("photo.jpg")).unwrap();
    fs::write(dir.join("note.txt"), "A note\n\nThe text of the note.\n").unwrap();

    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    let reason_for = |name: &str| {
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} should be skipped: {report}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason_for("pipe.txt").contains("not a regular file"));
    assert!(reason_for("zeros.txt").contains("not a regular file"));
    assert!(reason_for("photo.jpg").contains("no longer exists"));
    integrity_ok(&sandbox);
}

#[test]
fn a_50_mb_article_imports() {
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("long.txt");
    let paragraph = "The committee met again to discuss the innovation programme and its budget. ";
    let mut text = String::from("A very long report\n\n");
    while text.len() < 50 << 20 {
        text.push_str(&paragraph.repeat(20));
        text.push_str("\n\n");
    }
    fs::write(&file, &text).unwrap();
    let (code, report) = import_json(&sandbox, &[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{}", report["failed"]);
    let article = show(&sandbox, &report["imported"][0]["id"]);
    assert_eq!(article["title"], "A very long report");
    assert!(article["body_text"].as_str().unwrap().len() > 49 << 20);
}

#[test]
fn ten_thousand_files_in_one_drop_each_get_an_outcome() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("many");
    fs::create_dir(&dir).unwrap();
    for i in 0..10_000 {
        fs::write(
            dir.join(format!("note-{i:05}.txt")),
            format!("Note number {i}\n\nMeeting minutes, item {i}, agreed by everyone present.\n"),
        )
        .unwrap();
    }
    let (code, report) = import_json(&sandbox, &[dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(report["imported"].as_array().unwrap().len(), 10_000);
    let stats = sandbox.folio(&["stats", "--json"]).success().json();
    assert_eq!(stats["articles"], 10_000);
}

#[test]
fn unknown_files_are_skipped_with_a_reason() {
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("setup.exe");
    fs::write(&file, b"MZ\x90\x00binary").unwrap();
    let (code, report) = import_json(&sandbox, &[file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        report["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains(".exe"),
        "{report}"
    );
}

#[test]
fn a_missing_path_fails_and_the_rest_import() {
    let sandbox = Sandbox::new();
    let file = seed_article(sandbox.path());
    let missing = sandbox.path().join("gone.txt");
    let (code, report) = import_json(
        &sandbox,
        &[missing.to_str().unwrap(), file.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert_eq!(report["imported"].as_array().unwrap().len(), 1);
    assert!(
        report["failed"][0]["error"]
            .as_str()
            .unwrap()
            .contains("does not exist"),
        "{report}"
    );
}

#[test]
fn the_exif_samples_corpus_imports_without_crashing() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/exif-samples");
    if !corpus.is_dir() {
        eprintln!("notice: exif-samples corpus not found; skipping");
        return;
    }
    let sandbox = Sandbox::new();
    let (_, report) = import_json(&sandbox, &[corpus.to_str().unwrap()]);
    let photos = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "photo")
        .count();
    assert!(photos > 50, "most real camera files import: {photos}");
    for failed in report["failed"].as_array().unwrap() {
        assert!(!failed["error"].as_str().unwrap().is_empty());
    }
    let invalid_imported = paths_of(&report, "imported")
        .iter()
        .filter(|p| p.contains("/invalid/"))
        .count();
    let invalid_total = walk_count(&corpus.join("jpg/invalid"));
    assert!(
        invalid_imported < invalid_total.max(1),
        "invalid files must not all pass"
    );
    integrity_ok(&sandbox);
}

fn walk_count(dir: &Path) -> usize {
    fs::read_dir(dir)
        .map(|entries| entries.count())
        .unwrap_or(0)
}

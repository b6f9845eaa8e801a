//! `folio verify` and `folio backup` through the binary: damaged, deleted and stray object files
//! are reported (and repaired), and a backup made while another process writes opens clean.

use crate::util;

use std::fs;
use std::path::PathBuf;

use crate::util::Sandbox;
use serde_json::Value;

/// An archive with three text articles; returns the sandbox and the object path of each item.
fn library() -> (Sandbox, Vec<(i64, PathBuf)>) {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir(&inputs).unwrap();
    for (name, title) in [("a.txt", "Alpha"), ("b.txt", "Bravo"), ("c.txt", "Charlie")] {
        fs::write(
            inputs.join(name),
            format!("{title} report\n\nThe {title} paragraph.\n"),
        )
        .unwrap();
    }
    let report = sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success()
        .json();
    let objects = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let id = item["id"].as_i64().unwrap();
            let shown = sandbox
                .folio(&["show", "--json", &id.to_string()])
                .success()
                .json();
            let sha = shown["sha256"].as_str().unwrap().to_string();
            (
                id,
                sandbox.archive().join("objects").join(&sha[..2]).join(&sha),
            )
        })
        .collect();
    (sandbox, objects)
}

fn verify(sandbox: &Sandbox, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["verify", "--json"];
    all.extend_from_slice(args);
    let run = sandbox.folio(&all);
    (run.code, run.json())
}

#[test]
fn a_whole_archive_verifies_clean() {
    let (sandbox, _) = library();
    let (code, report) = verify(&sandbox, &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["checked"], 3);
    assert_eq!(report["ok"], 3);
    for key in ["missing", "corrupt", "orphans"] {
        assert_eq!(report[key].as_array().unwrap().len(), 0, "{key}: {report}");
    }
}

#[test]
fn missing_corrupt_and_orphaned_objects_are_reported_and_repaired() {
    let (sandbox, objects) = library();
    let (missing_id, missing_path) = &objects[0];
    let (_, corrupt_path) = &objects[1];
    fs::remove_file(missing_path).unwrap();
    let mut bytes = fs::read(corrupt_path).unwrap();
    bytes[0] ^= 0xff;
    fs::write(corrupt_path, bytes).unwrap();
    let stray = sandbox.archive().join("objects/ab/not-a-hash");
    fs::create_dir_all(stray.parent().unwrap()).unwrap();
    fs::write(&stray, b"left over").unwrap();
    let interrupted = sandbox.archive().join("objects/tmp/1234.part");
    fs::create_dir_all(interrupted.parent().unwrap()).unwrap();
    fs::write(&interrupted, b"half a file").unwrap();

    let (code, report) = verify(&sandbox, &[]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["checked"], 3);
    assert_eq!(report["ok"], 1);
    let missing = report["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{report}");
    assert_eq!(missing[0]["item_ids"][0].as_i64(), Some(*missing_id));
    let corrupt = report["corrupt"].as_array().unwrap();
    assert_eq!(corrupt.len(), 1, "{report}");
    assert!(
        corrupt[0]["path"]
            .as_str()
            .unwrap()
            .ends_with(corrupt_path.file_name().unwrap().to_str().unwrap())
    );
    let orphans: Vec<&str> = report["orphans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert_eq!(orphans.len(), 2, "{report}");
    assert!(stray.exists(), "verify alone changes nothing");

    let (_, repaired) = verify(&sandbox, &["--repair"]);
    assert_eq!(repaired["repaired"], true);
    assert!(!stray.exists() && !interrupted.exists(), "orphans removed");
    assert!(corrupt_path.exists(), "a corrupt original is never deleted");
    let marked: i64 = rusqlite::Connection::open(sandbox.archive().join("folio.sqlite"))
        .unwrap()
        .query_row(
            "SELECT object_missing FROM items WHERE id = ?1",
            [missing_id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(marked, 1);
    let (_, after) = verify(&sandbox, &[]);
    assert_eq!(after["orphans"].as_array().unwrap().len(), 0);
}

#[test]
fn a_backup_made_while_another_process_writes_opens_and_verifies_clean() {
    let (sandbox, _) = library();
    // This test process holds the writer, as the desktop app would.
    let held = folio_core::Archive::open(&sandbox.archive(), folio_core::Access::Write).unwrap();
    let destination = sandbox.path().join("backups/monday");
    let run = sandbox
        .folio(&["backup", "--json", destination.to_str().unwrap()])
        .success()
        .json();
    assert_eq!(run["items"], 3);
    assert_eq!(run["objects"], 3);
    drop(held);

    let copy = destination.to_str().unwrap();
    let restored = util::folio()
        .args(["--archive", copy, "verify", "--json"])
        .output()
        .unwrap();
    assert_eq!(restored.status.code(), Some(0));
    let listed = util::folio()
        .args(["--archive", copy, "list", "--json"])
        .output()
        .unwrap();
    let items: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 3);
    // Restoring is opening the copy: search works (its index is rebuilt on first use).
    let found = util::folio()
        .args(["--archive", copy, "search", "--json", "bravo"])
        .output()
        .unwrap();
    let found: Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(found["total"], 1, "{found}");

    let again = sandbox.folio(&["backup", destination.to_str().unwrap()]);
    assert_eq!(again.code, 2, "an existing backup is never overwritten");
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
}

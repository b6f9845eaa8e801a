//! Crash safety: `folio import` killed with SIGKILL at 20 random moments of a large import.
//! After each kill the database passes `integrity_check`, every committed item's original is
//! present and intact, and a final run completes the set with no duplicates.

use crate::samples;
use crate::util;

use std::collections::hash_map::RandomState;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::util::Sandbox;
use serde_json::Value;

const ARTICLES: usize = 240;
const PHOTOS: usize = 60;
const KILLS: usize = 20;

fn make_inputs(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..ARTICLES {
        let text = format!(
            "Report number {i} on regional cooperation\n\nUpdated: 2019-03-{:02}\n\n\
             Paragraph one of report {i}, with enough words to be an article body.\n\n\
             Paragraph two of report {i} closes the matter.\n",
            i % 28 + 1
        );
        fs::write(dir.join(format!("report-{i:03}.txt")), text).unwrap();
    }
    for i in 0..PHOTOS {
        let width = 64 + u32::try_from(i).unwrap();
        let seed = u8::try_from(i % 251).unwrap();
        fs::write(
            dir.join(format!("photo-{i:03}.jpg")),
            samples::jpeg(width, 48, seed),
        )
        .unwrap();
    }
}

fn random_below(limit: u64) -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(limit);
    hasher.finish() % limit.max(1)
}

fn check_whole(archive: &Path, round: usize) {
    let conn = rusqlite::Connection::open(archive.join("folio.sqlite")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "round {round}");
    drop(conn);
    let run = util::folio()
        .arg("--archive")
        .arg(archive)
        .args(["verify", "--json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        report["missing"].as_array().unwrap().len(),
        0,
        "round {round}: {report}"
    );
    assert_eq!(
        report["corrupt"].as_array().unwrap().len(),
        0,
        "round {round}: {report}"
    );
    assert_eq!(report["checked"], report["ok"], "round {round}: {report}");
}

#[test]
fn an_import_killed_at_twenty_random_moments_leaves_a_whole_archive_and_completes_after() {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    make_inputs(&inputs);
    sandbox.folio(&["init"]).success();

    // How long an uninterrupted import takes here, to spread the kills across it.
    let probe = Sandbox::new();
    let started = std::time::Instant::now();
    probe
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success();
    let full = started.elapsed().as_millis().max(50) as u64;

    for round in 0..KILLS {
        let mut child = util::folio()
            .arg("--archive")
            .arg(sandbox.archive())
            .args(["import", "--json"])
            .arg(&inputs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(random_below(full)));
        // SIGKILL on Unix, TerminateProcess on Windows: no chance to clean up.
        let _ = child.kill();
        let _ = child.wait();
        check_whole(&sandbox.archive(), round);
    }

    let finished = sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success()
        .json();
    let imported = finished["imported"].as_array().unwrap().len();
    let duplicates = finished["duplicates"].as_array().unwrap().len();
    assert_eq!(imported + duplicates, ARTICLES + PHOTOS, "{finished}");
    let conn = rusqlite::Connection::open(sandbox.archive().join("folio.sqlite")).unwrap();
    let (items, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT sha256) FROM items",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(items, (ARTICLES + PHOTOS) as i64, "every file once");
    assert_eq!(items, distinct, "no duplicates");
    drop(conn);
    check_whole(&sandbox.archive(), KILLS);
    let found = sandbox
        .folio(&["search", "--json", "cooperation"])
        .success()
        .json();
    assert_eq!(
        found["total"], ARTICLES as u64,
        "the index caught up: {found}"
    );
}

//! The real Folio window, driven through WebDriver: it opens the archive it is given and shows
//! that archive's stats as the core computes them.

use std::fs::OpenOptions;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use folio_e2e::{Driver, Result, app_binary, cli_binary};

const PATIENCE: Duration = Duration::from_secs(60);

fn folio_stats(archive: &Path) -> serde_json::Value {
    let output = Command::new(cli_binary())
        .arg("--archive")
        .arg(archive)
        .args(["stats", "--json"])
        .output()
        .expect("run folio stats");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stats JSON")
}

#[test]
fn window_creates_the_archive_on_first_run_and_shows_its_stats() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("new archive");
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;

    let path_shown = session.text_of("[data-testid=archive-path]", PATIENCE)?;
    assert_eq!(path_shown.trim(), archive.display().to_string());
    assert!(
        archive.join("folio.sqlite").is_file(),
        "the app must create the archive"
    );
    assert!(session.title()?.contains("Folio"));

    let items = session.text_of("[data-testid=stat-items]", PATIENCE)?;
    let empty = session.text_of("[data-testid=empty-state]", PATIENCE)?;
    assert!(
        empty.to_lowercase().contains("drop"),
        "empty state should invite a drop: {empty}"
    );
    drop(session);
    drop(driver);

    // The window showed what the core reports for the same archive.
    let stats = folio_stats(&archive);
    assert_eq!(items.trim(), stats["items"].to_string());
    Ok(())
}

#[test]
fn window_explains_an_archive_held_by_another_process() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("busy");
    let init = Command::new(cli_binary())
        .arg("--archive")
        .arg(&archive)
        .arg("init")
        .status();
    assert!(init.map_err(|e| e.to_string())?.success());
    // This test process holds the writer lock, as another Folio would.
    let lock = OpenOptions::new()
        .write(true)
        .open(archive.join("folio.lock"))
        .map_err(|e| e.to_string())?;
    lock.try_lock().map_err(|e| e.to_string())?;

    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;
    let banner = session.text_of("[data-testid=error-banner]", PATIENCE)?;
    assert!(
        banner.to_lowercase().contains("another"),
        "banner should explain the lock: {banner}"
    );
    Ok(())
}

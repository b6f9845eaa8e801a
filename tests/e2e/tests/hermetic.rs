//! Test launches never touch the home of whoever runs them. Regression: with the real `HOME`, a
//! switch to the grid view in someone's own Folio made `importing_the_typical_article_lists_it_in_
//! _the_window` fail (no list rows), and every run left `~/.local/share/org.folio.desktop` behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use folio_e2e::{Driver, Result, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);

/// Every file and folder under `root` with its size and modification time; empty when absent.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut seen = BTreeMap::new();
    let mut waiting = vec![root.to_path_buf()];
    while let Some(path) = waiting.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir()
            && let Ok(entries) = std::fs::read_dir(&path)
        {
            waiting.extend(entries.flatten().map(|entry| entry.path()));
        }
        seen.insert(path, (meta.len(), meta.modified().ok()));
    }
    seen
}

#[test]
fn a_launch_leaves_the_real_home_untouched() -> Result<()> {
    let home = PathBuf::from(std::env::var_os("HOME").ok_or("no HOME")?);
    let watched = [
        home.join(".local/share/org.folio.desktop"),
        home.join(".cache/org.folio.desktop"),
        home.join(".config/org.folio.desktop"),
        home.join(".local/share/folio"),
        home.join(".config/folio"),
    ];
    let before: Vec<_> = watched.iter().map(|path| snapshot(path)).collect();

    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &temp.path().join("archive"))])?;
    let own_home = driver.home().to_path_buf();
    {
        let session = driver.session(&app_binary())?;
        session.text_of("[data-drop-ready=true]", PATIENCE)?;
        // Something the web view saves: the view chosen, in its local storage.
        session.execute(
            "const grid = document.querySelector('[data-testid=view-mode-grid]'); if (grid) grid.click(); return true;",
            json!([]),
        )?;
        std::thread::sleep(Duration::from_secs(1));
        assert!(
            own_home.join(".local/share/org.folio.desktop").is_dir(),
            "the web view keeps its data in the launch's own home"
        );
        // The log a user can send with a bug report, in the platform's log folder.
        let logs = own_home.join(".local/share/org.folio.desktop/logs");
        let written = std::fs::read_dir(&logs)
            .map_err(|e| format!("no log folder {}: {e}", logs.display()))?
            .flatten()
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.starts_with("folio.") && name.ends_with(".log")
            })
            .any(|entry| entry.metadata().is_ok_and(|m| m.len() > 0));
        assert!(written, "a log file in {}", logs.display());
    }
    drop(driver);

    for (path, earlier) in watched.iter().zip(&before) {
        assert_eq!(
            &snapshot(path),
            earlier,
            "a test launch changed {}",
            path.display()
        );
    }
    assert!(!own_home.exists(), "the launch's home is removed");
    Ok(())
}

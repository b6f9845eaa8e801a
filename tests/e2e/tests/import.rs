//! Import in the real app: the article picked in the import picker (answered by `FOLIO_E2E_PICK`,
//! as WebDriver cannot drive the system's picker) comes in through the command the UI calls, the
//! report comes back, and the window lists it with updated stats.

use std::path::Path;
use std::time::Duration;

use folio_e2e::{Driver, Result, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);

#[test]
fn importing_the_typical_article_lists_it_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let article = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/seed/000_89887cde74f68f66.txt")
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive), ("FOLIO_E2E_PICK", &article)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;

    let picked = session.invoke("pick_import_paths", json!({"folders": false}), PATIENCE)?;
    assert_eq!(picked, json!([article.display().to_string()]));
    let request = json!({"request": {"paths": picked, "tags": ["Events"], "collection": null}});
    let report = session.invoke("import_paths", request.clone(), PATIENCE)?;
    let imported = report["value"]["imported"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(imported.len(), 1, "report: {report}");
    assert_eq!(
        imported[0]["title"],
        "2nd China-Russia Innovation Dialogue held in Moscow"
    );

    session.wait_for_text(
        "[data-testid=item-row]",
        "China-Russia Innovation Dialogue",
        PATIENCE,
    )?;
    session.wait_for_text("[data-testid=stat-items]", "1", PATIENCE)?;

    // The same bytes again: a duplicate, nothing added.
    let again = session.invoke("import_paths", request, PATIENCE)?;
    assert_eq!(
        again["value"]["duplicates"].as_array().map(Vec::len),
        Some(1),
        "report: {again}"
    );
    assert_eq!(again["value"]["imported"].as_array().map(Vec::len), Some(0));
    Ok(())
}

//! OCR in the real app: a scanned PDF (an image of a printed page, no text layer) is imported,
//! the app's background worker reads it, and the search box then finds it by a word only its
//! image holds.

use std::path::Path;
use std::time::{Duration, Instant};

use folio_e2e::{Driver, Result, TYPE_INTO, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);
/// Reading a page takes a few seconds; on a loaded machine, more.
const READING: Duration = Duration::from_secs(240);
/// On the scanned page only ("a heliograph that follows the sun", in Russian).
const ONLY_IN_THE_IMAGE: &str = "гелиограф";

#[test]
fn a_scanned_pdf_is_found_by_a_word_only_its_image_holds() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let inputs = temp.path().join("in");
    std::fs::create_dir(&inputs).map_err(|e| e.to_string())?;
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/scans/press-release-scan.pdf"),
        inputs.join("press-release-scan.pdf"),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        inputs.join("forum.txt"),
        "Energy forum opens in Beijing\n\nMinisters discussed power grids and storage.\n",
    )
    .map_err(|e| e.to_string())?;

    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive), ("FOLIO_E2E_PICK", &inputs)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;

    let picked = session.invoke("pick_import_paths", json!({"folders": true}), PATIENCE)?;
    let report = session.invoke(
        "import_paths",
        json!({"request": {"paths": picked, "tags": [], "collection": null}}),
        PATIENCE,
    )?;
    let imported = report["value"]["imported"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        imported.len(),
        2,
        "the scan is imported, not set aside: {report}"
    );

    // The word is in no text Folio had at import: only the worker's reading can bring it.
    let search = json!({"request": {"query": ONLY_IN_THE_IMAGE, "offset": 0, "limit": 20}});
    let started = Instant::now();
    loop {
        let found = session.invoke("search_items", search.clone(), PATIENCE)?;
        if found["total"] == 1 {
            break;
        }
        if started.elapsed() > READING {
            return Err(format!("the scan was not read within {READING:?}: {found}"));
        }
        std::thread::sleep(Duration::from_millis(500));
    }

    // Found as a person finds it: typed into the search box, the scan's row with the word
    // highlighted in its snippet, and nothing else.
    session.execute(
        TYPE_INTO,
        json!(["[data-testid=search-input]", ONLY_IN_THE_IMAGE]),
    )?;
    session.wait_for_text(
        "[data-testid=item-snippet] mark",
        ONLY_IN_THE_IMAGE,
        PATIENCE,
    )?;
    let rows = session.execute(
        "return [...document.querySelectorAll('[data-testid=item-row]')].map(r => r.textContent);",
        json!([]),
    )?;
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "rows: {rows:?}");
    assert!(
        rows[0]
            .as_str()
            .unwrap_or("")
            .contains("press-release-scan"),
        "rows: {rows:?}"
    );
    Ok(())
}

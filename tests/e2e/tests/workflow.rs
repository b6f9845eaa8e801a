//! The day's workflow in the real app: import a picked folder, search in the search box with
//! highlighted snippets, tag, add to a collection, export the collection as a PDF dossier to the
//! file chosen in the save picker — each change seen in the window as the core made it. (The
//! pickers answer from `FOLIO_E2E_PICK` and `FOLIO_E2E_SAVE_AS`: WebDriver cannot drive them.)

use std::path::Path;
use std::time::Duration;

use folio_e2e::{Driver, Result, TYPE_INTO, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);

#[test]
fn import_search_tag_collect_and_export_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let inputs = temp.path().join("in");
    std::fs::create_dir(&inputs).map_err(|e| e.to_string())?;
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed/000_89887cde74f68f66.txt"),
        inputs.join("dialogue.txt"),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        inputs.join("forum.txt"),
        "Energy forum opens in Beijing\n\nMinisters discussed power grids and storage.\n",
    )
    .map_err(|e| e.to_string())?;

    let dossier = temp.path().join("out").join("Board briefing.pdf");
    std::fs::create_dir(dossier.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
    let driver = Driver::start(&[
        ("FOLIO_ARCHIVE", &archive),
        ("FOLIO_E2E_PICK", &inputs),
        ("FOLIO_E2E_SAVE_AS", &dossier),
    ])?;
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
    assert_eq!(imported.len(), 2, "report: {report}");
    session.wait_for_text("[data-testid=stat-items]", "2", PATIENCE)?;

    // Search as a person types: only the matching article stays, its snippet highlighted.
    session.execute(TYPE_INTO, json!(["[data-testid=search-input]", "skolkovo"]))?;
    session.wait_for_text("[data-testid=item-snippet] mark", "Skolkovo", PATIENCE)?;
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
            .contains("Innovation Dialogue"),
        "rows: {rows:?}"
    );

    // Tag it and put it in a collection: the sidebar shows both.
    let dialogue = imported
        .iter()
        .find(|i| i["path"].as_str().unwrap_or("").ends_with("dialogue.txt"))
        .and_then(|i| i["id"].as_i64())
        .ok_or("dialogue not imported")?;
    let tagged = session.invoke(
        "tag_items",
        json!({"request": {"ids": [dialogue], "add": ["Events/Innovation Dialogue"], "remove": []}}),
        PATIENCE,
    )?;
    // The host answers with what the change changed, as the core decided it.
    assert_eq!(
        tagged["changes"]["changes"],
        json!([{"kind": "items", "ids": [dialogue]}, {"kind": "tags"}]),
        "{tagged}"
    );
    session.wait_for_text("[data-testid=tags-section]", "Events", PATIENCE)?;
    let collection = session.invoke(
        "create_collection",
        json!({"name": "Board briefing"}),
        PATIENCE,
    )?;
    let collection_id = collection["value"]["id"]
        .as_i64()
        .ok_or("no collection id")?;
    session.invoke(
        "add_to_collection",
        json!({"id": collection_id, "itemIds": [dialogue]}),
        PATIENCE,
    )?;
    session.wait_for_text(
        "[data-testid=collections-section]",
        "Board briefing",
        PATIENCE,
    )?;

    // The search index followed the tag and the collection.
    let found = session.invoke(
        "search_items",
        json!({"request": {"query": "tag:events in:\"board briefing\"", "offset": 0, "limit": 20}}),
        PATIENCE,
    )?;
    assert_eq!(found["total"], 1, "{found}");

    // Hand the collection over as a PDF dossier: through the commands the export dialog calls,
    // to the file its save picker answers.
    let chosen = session.invoke(
        "pick_export_path",
        json!({"defaultName": "Board briefing.pdf", "format": "pdf"}),
        PATIENCE,
    )?;
    assert_eq!(chosen, json!(dossier.display().to_string()));
    let exported = session.invoke(
        "export_items",
        json!({"request": {
            "scope": {"kind": "collection", "id": collection_id},
            "format": "pdf",
            "output": chosen,
            "title": "Board briefing",
            "paper": "a4",
        }}),
        PATIENCE,
    )?;
    assert_eq!(exported["items"], 1, "{exported}");
    assert_eq!(exported["cancelled"], false, "{exported}");
    let pdf = std::fs::read(&dossier).map_err(|e| format!("no dossier on disk: {e}"))?;
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert!(
        pdf.len() as u64 == exported["bytes"].as_u64().unwrap_or(0),
        "size differs from the report"
    );
    Ok(())
}

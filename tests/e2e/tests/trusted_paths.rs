//! Audit finding 11 in the real app: the web view can import only what the user gave Folio and can
//! write only to the file chosen in the save picker. Here a script in the page asks for more, as
//! an injected one would, and is refused with nothing imported and nothing overwritten.

use std::time::Duration;

use folio_e2e::{Driver, Result, Session, app_binary};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(60);

fn items(session: &Session<'_>) -> Result<Value> {
    Ok(session.invoke("archive_stats", json!({}), PATIENCE)?["items"].clone())
}

fn import(session: &Session<'_>, path: &str) -> Result<std::result::Result<Value, Value>> {
    session.invoke_answer(
        "import_paths",
        json!({"request": {"paths": [path], "tags": [], "collection": null}}),
        PATIENCE,
    )
}

#[test]
fn importing_a_path_never_dropped_or_picked_is_refused_and_imports_nothing() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let picked = temp.path().join("picked");
    std::fs::create_dir(&picked).map_err(|e| e.to_string())?;
    std::fs::write(picked.join("note.txt"), "Picked note\n\nIt may come in.\n")
        .map_err(|e| e.to_string())?;
    std::fs::write(
        temp.path().join("beside.txt"),
        "Not given\n\nIt must stay out.\n",
    )
    .map_err(|e| e.to_string())?;
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive), ("FOLIO_E2E_PICK", &picked)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;

    // Before anything is picked nothing is trusted; then only the picked folder and what is in it.
    let refused = import(&session, "/etc")?.expect_err("/etc was never given");
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap_or("")
            .contains("was not dropped on Folio"),
        "{refused}"
    );
    session.invoke("pick_import_paths", json!({"folders": true}), PATIENCE)?;
    let escape = picked.join("../beside.txt").display().to_string();
    for path in ["/etc", "/etc/hostname", escape.as_str()] {
        let answer = import(&session, path)?;
        assert!(answer.is_err(), "{path} was accepted: {answer:?}");
    }
    // The page cannot fake a drop either: it may not emit events.
    let fake_drop = session.invoke_answer(
        "plugin:event|emit",
        json!({"event": "tauri://drag-drop", "payload": {"paths": ["/etc"], "position": {"x": 1, "y": 1}}}),
        PATIENCE,
    )?;
    assert!(fake_drop.is_err(), "the page emitted a drop: {fake_drop:?}");
    assert!(import(&session, "/etc")?.is_err());
    assert_eq!(items(&session)?, json!(0), "nothing was imported");

    let report = import(&session, &picked.join("note.txt").display().to_string())?
        .map_err(|e| format!("the picked file was refused: {e}"))?;
    assert_eq!(
        report["value"]["imported"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(items(&session)?, json!(1));
    Ok(())
}

#[test]
fn exporting_over_a_file_never_chosen_in_the_save_picker_leaves_it_unchanged() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let note = temp.path().join("note.txt");
    std::fs::write(&note, "Minutes\n\nThe board met.\n").map_err(|e| e.to_string())?;
    let precious = temp.path().join("precious.pdf");
    std::fs::write(&precious, "someone's own file").map_err(|e| e.to_string())?;
    let chosen = temp.path().join("chosen.pdf");
    let driver = Driver::start(&[
        ("FOLIO_ARCHIVE", &archive),
        ("FOLIO_E2E_PICK", &note),
        ("FOLIO_E2E_SAVE_AS", &chosen),
    ])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;
    let picked = session.invoke("pick_import_paths", json!({"folders": false}), PATIENCE)?;
    let report = session.invoke(
        "import_paths",
        json!({"request": {"paths": picked, "tags": [], "collection": null}}),
        PATIENCE,
    )?;
    let id = report["value"]["imported"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("not imported: {report}"))?;
    let export = |output: &str| {
        session.invoke_answer(
            "export_items",
            json!({"request": {
                "scope": {"kind": "items", "ids": [id]},
                "format": "pdf",
                "output": output,
                "title": "Minutes",
                "paper": "a4",
            }}),
            PATIENCE,
        )
    };
    let unchanged = |path: &std::path::Path, bytes: &str| -> Result<()> {
        let now = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        assert_eq!(now, bytes, "{} was changed", path.display());
        Ok(())
    };

    let refused = export(&precious.display().to_string())?.expect_err("never chosen");
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    unchanged(&precious, "someone's own file")?;

    // Chosen while it did not exist; a file that appears there before the export is kept.
    let answer = session.invoke(
        "pick_export_path",
        json!({"defaultName": "Minutes.pdf", "format": "pdf"}),
        PATIENCE,
    )?;
    assert_eq!(answer, json!(chosen.display().to_string()));
    std::fs::write(&chosen, "arrived after the choice").map_err(|e| e.to_string())?;
    let refused = export(&chosen.display().to_string())?.expect_err("not chosen to replace");
    assert!(
        refused["message"]
            .as_str()
            .unwrap_or("")
            .contains("already exists"),
        "{refused}"
    );
    unchanged(&chosen, "arrived after the choice")?;

    // Chosen again, now existing (the save picker asked about replacing it): written, once.
    session.invoke(
        "pick_export_path",
        json!({"defaultName": "Minutes.pdf", "format": "pdf"}),
        PATIENCE,
    )?;
    let written = export(&chosen.display().to_string())?.map_err(|e| e.to_string())?;
    assert_eq!(written["cancelled"], false, "{written}");
    let pdf = std::fs::read(&chosen).map_err(|e| e.to_string())?;
    assert!(
        pdf.starts_with(b"%PDF-"),
        "the chosen file holds the dossier"
    );
    assert!(
        export(&chosen.display().to_string())?.is_err(),
        "one choice, one export"
    );
    Ok(())
}

//! Ingest templates through the binary: `folio template save|list|delete`, checked when saved,
//! and applied by `folio import --template NAME` in both modes, with their variables.

use std::fs;

use serde_json::Value;

use crate::samples;
use crate::util::Sandbox;

fn import(sandbox: &Sandbox, template: &str, path: &std::path::Path) -> Value {
    sandbox
        .folio(&[
            "import",
            "--json",
            "--template",
            template,
            path.to_str().unwrap(),
        ])
        .success()
        .json()
}

fn show(sandbox: &Sandbox, id: &Value) -> Value {
    sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json()
}

#[test]
fn a_template_with_an_unknown_variable_is_refused_by_name() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let run = sandbox.folio(&[
        "template",
        "save",
        "Desk",
        "--credit",
        "Photo: {photographer}",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("{photographer}"), "{}", run.stderr);
    let listed = sandbox.folio(&["template", "list", "--json"]).success();
    assert_eq!(listed.json(), serde_json::json!([]));
}

#[test]
fn import_with_a_template_replaces_or_fills_fields_and_tags_everything() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    sandbox
        .folio(&[
            "template",
            "save",
            "Agency",
            "--caption",
            "{caption} ({date}, {filename}, #{seq})",
            "--credit",
            "Photo: Agency",
            "--keyword",
            "news",
            "--tag",
            "Agency",
            "--mode",
            "replace",
        ])
        .success();
    sandbox
        .folio(&[
            "template",
            "save",
            "Desk",
            "--caption",
            "Desk photo {filename}",
            "--credit",
            "Desk",
            "--copyright",
            "© Folio Daily",
        ])
        .success();
    let listed = sandbox
        .folio(&["template", "list", "--json"])
        .success()
        .json();
    let names: Vec<_> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Agency", "Desk"]);
    assert_eq!(listed[0]["mode"], "replace");
    assert_eq!(listed[1]["mode"], "fill_empty");

    let drop = sandbox.path().join("drop");
    fs::create_dir(&drop).unwrap();
    let own = drop.join("own.jpg");
    fs::write(
        &own,
        samples::jpeg_with_iptc(40, 30, "Own caption", "Own credit", &["own"]),
    )
    .unwrap();
    let report = import(&sandbox, "Agency", &own);
    let photo = show(&sandbox, &report["imported"][0]["id"]);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    // The photo has no date of its own: {date} is the day of the import.
    assert_eq!(
        photo["caption"],
        format!("Own caption ({today}, own.jpg, #1)")
    );
    assert_eq!(photo["credit"], "Photo: Agency");
    assert_eq!(photo["keywords"], serde_json::json!(["news"]));
    let tagged = sandbox
        .folio(&["list", "--json", "--tag", "Agency"])
        .success()
        .json();
    assert_eq!(tagged.as_array().unwrap().len(), 1, "the template's tag");

    // Fill-empty: what the file says stays; only empty fields are filled.
    let second = drop.join("second");
    fs::create_dir(&second).unwrap();
    fs::write(
        second.join("captioned.jpg"),
        samples::jpeg_with_iptc(40, 30, "Kept caption", "Kept credit", &[]),
    )
    .unwrap();
    fs::write(second.join("bare.jpg"), samples::jpeg(40, 30, 7)).unwrap();
    let report = import(&sandbox, "Desk", &second);
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2, "{report}");
    for item in imported {
        let photo = show(&sandbox, &item["id"]);
        assert_eq!(photo["copyright"], "© Folio Daily", "{photo}");
        if item["path"].as_str().unwrap().ends_with("captioned.jpg") {
            assert_eq!(photo["caption"], "Kept caption");
            assert_eq!(photo["credit"], "Kept credit");
        } else {
            assert_eq!(photo["caption"], "Desk photo bare.jpg");
            assert_eq!(photo["credit"], "Desk");
        }
    }

    sandbox.folio(&["template", "delete", "Agency"]).success();
    let missing = sandbox.folio(&["import", "--template", "Agency", own.to_str().unwrap()]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("Agency"), "{}", missing.stderr);
}

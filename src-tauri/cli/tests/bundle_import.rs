//! ZIP bundles from `folio export` imported back: into a fresh archive they rebuild the same
//! items (uids, metadata, tags, captions, links, collection order), a second time they add
//! nothing, and a bundle whose payload was changed after export is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
mod library;
mod samples;
mod util;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use library::{export, library, tool};
use serde_json::Value;
use util::Sandbox;

fn show(sandbox: &Sandbox, id: i64) -> Value {
    sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json()
}

/// Everything of an item that must survive a round trip, with ids replaced by uids.
fn portable(sandbox: &Sandbox, id: i64) -> Value {
    let mut item = show(sandbox, id);
    let object = item.as_object_mut().unwrap();
    object.remove("id");
    if let Some(figures) = object.get_mut("figures") {
        for figure in figures.as_array_mut().unwrap() {
            let photo = figure["photo_id"]
                .as_i64()
                .map(|p| show(sandbox, p)["uid"].clone());
            figure["photo_id"] = photo.unwrap_or(Value::Null);
        }
    }
    item
}

fn uids_and_items(sandbox: &Sandbox) -> BTreeMap<String, Value> {
    let list = sandbox.folio(&["list", "--json"]).success().json();
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let item = portable(sandbox, entry["id"].as_i64().unwrap());
            (item["uid"].as_str().unwrap().to_string(), item)
        })
        .collect()
}

fn collection_order(archive: &Path, name: &str) -> Vec<String> {
    let archive = folio_core::Archive::open(archive, folio_core::Access::Read).unwrap();
    let mut statement = archive
        .conn()
        .prepare(
            "SELECT i.uid FROM collection_items ci JOIN items i ON i.id = ci.item_id
             WHERE ci.collection_id = (SELECT id FROM collections WHERE name = ?1)
             ORDER BY ci.position",
        )
        .unwrap();
    statement
        .query_map([name], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_bundle_imported_into_a_fresh_archive_rebuilds_the_same_items_and_again_adds_nothing() {
    let library = library();
    let zip_path = library.sandbox.path().join("dialogue.zip");
    // The whole collection, in its order, including the page's photo.
    library
        .sandbox
        .folio(&[
            "export",
            "--format",
            "zip",
            "--output",
            zip_path.to_str().unwrap(),
            "--collection",
            "Dialogue",
        ])
        .success();
    let before = uids_and_items(&library.sandbox);
    assert_eq!(before.len(), 8);
    let page = &before[show(&library.sandbox, library.ids["page"])["uid"]
        .as_str()
        .unwrap()];
    assert!(
        !page["figures"][0]["photo_id"].is_null(),
        "the page's figure is linked"
    );

    let fresh = Sandbox::new();
    let report = fresh
        .folio(&["import", "--json", zip_path.to_str().unwrap()])
        .success()
        .json();
    assert_eq!(report["imported"].as_array().unwrap().len(), 8, "{report}");
    assert_eq!(
        uids_and_items(&fresh),
        before,
        "same uids, metadata, tags, captions, links"
    );
    assert_eq!(
        collection_order(&fresh.archive(), "Dialogue"),
        collection_order(&library.sandbox.archive(), "Dialogue")
    );

    let again = fresh
        .folio(&["import", "--json", zip_path.to_str().unwrap()])
        .success()
        .json();
    assert!(again["imported"].as_array().unwrap().is_empty(), "{again}");
    assert_eq!(again["duplicates"].as_array().unwrap().len(), 8);
    assert_eq!(uids_and_items(&fresh), before);

    // The unzipped folder imports the same way.
    let unzipped = library.sandbox.path().join("unzipped");
    tool(
        "unzip",
        &[
            "-q",
            zip_path.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ],
    );
    let from_folder = Sandbox::new();
    from_folder
        .folio(&[
            "import",
            "--json",
            unzipped.join("dialogue").to_str().unwrap(),
        ])
        .success();
    assert_eq!(uids_and_items(&from_folder), before);
}

#[test]
fn a_bundle_whose_payload_no_longer_matches_its_manifest_is_refused_naming_the_file() {
    let library = library();
    let zip_path = library.sandbox.path().join("bundle.zip");
    export(&library, "zip", &zip_path, &[]);
    let unzipped = library.sandbox.path().join("unzipped");
    tool(
        "unzip",
        &[
            "-q",
            zip_path.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ],
    );
    let bag = unzipped.join("bundle");
    let tampered = bag.join("data/articles/ru.txt");
    let mut bytes = fs::read(&tampered).unwrap();
    bytes.extend_from_slice(b"\nAn added line.\n");
    fs::write(&tampered, bytes).unwrap();

    let fresh = Sandbox::new();
    let run = fresh.folio(&["import", "--json", bag.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("data/articles/ru.txt"), "{error}");
    let list = fresh.folio(&["list", "--json"]).success().json();
    assert!(
        list.as_array().unwrap().is_empty(),
        "nothing of it was imported"
    );
}

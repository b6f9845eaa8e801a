//! `folio rate` and `folio label`: ratings and colour labels set on many items, shown, searched,
//! sorted by and undone; read from a JPEG exiftool rated and labelled, and written into copies
//! and bundles, read back with exiftool.

use std::fs;
use std::path::Path;

use folio_samples::photos;
use serde_json::{Value, json};

use crate::library::{tool, unzip};
use crate::util::Sandbox;

/// What exiftool reads from a file, by group and tag (`XMP-xmp:Rating`).
fn exiftool(path: &Path) -> Value {
    let json = tool("exiftool", &["-j", "-G1", "-n", path.to_str().unwrap()]);
    serde_json::from_str::<Value>(&json).unwrap()[0].clone()
}

/// A sandbox holding three photos: `picked.jpg`, which exiftool gave 4 stars and the label
/// "Red", and two plain ones; their ids in that order.
fn three_photos() -> (Sandbox, [String; 3]) {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let picked = inputs.join("picked.jpg");
    fs::write(&picked, photos::jpeg(64, 48)).unwrap();
    tool(
        "exiftool",
        &[
            "-q",
            "-overwrite_original",
            "-XMP-xmp:Rating=4",
            "-XMP-xmp:Label=Red",
            picked.to_str().unwrap(),
        ],
    );
    fs::write(inputs.join("second.jpg"), photos::jpeg(65, 48)).unwrap();
    fs::write(inputs.join("third.jpg"), photos::jpeg(66, 48)).unwrap();
    let report = sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success()
        .json();
    let id = |name: &str| {
        report["imported"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name}: {report}"))["id"]
            .to_string()
    };
    let ids = [id("picked.jpg"), id("second.jpg"), id("third.jpg")];
    (sandbox, ids)
}

fn show(sandbox: &Sandbox, id: &str) -> Value {
    sandbox.folio(&["show", "--json", id]).success().json()
}

fn found(sandbox: &Sandbox, query: &str) -> Vec<String> {
    let hits = sandbox.folio(&["search", "--json", query]).success().json();
    let mut ids: Vec<String> = hits["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("{hits}"))
        .iter()
        .map(|hit| hit["id"].to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_jpeg_rated_and_labelled_by_exiftool_imports_with_its_stars_and_colour() {
    let (sandbox, [picked, second, _]) = three_photos();
    let shown = show(&sandbox, &picked);
    assert_eq!(shown["rating"], 4, "{shown}");
    assert_eq!(shown["label"], "red", "{shown}");
    let plain = show(&sandbox, &second);
    assert_eq!(
        (&plain["rating"], &plain["label"]),
        (&json!(0), &Value::Null)
    );
    let text = sandbox.folio(&["show", &picked]).success().stdout;
    assert!(text.contains("Rating    ★★★★☆"), "{text}");
    assert!(text.contains("Label     red"), "{text}");
    let listed = sandbox.folio(&["list", "--json"]).success().json();
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"].as_i64() == picked.parse().ok())
        .unwrap();
    assert_eq!((&row["rating"], &row["label"]), (&json!(4), &json!("red")));
}

#[test]
fn rate_and_label_change_many_items_and_undo_takes_each_back() {
    let (sandbox, [picked, second, third]) = three_photos();
    let rated = sandbox
        .folio(&["rate", "--json", "5", &second, &third])
        .success()
        .json();
    assert_eq!(
        rated,
        json!([
            {"id": second.parse::<i64>().unwrap(), "rating": 5, "label": null},
            {"id": third.parse::<i64>().unwrap(), "rating": 5, "label": null},
        ])
    );
    let text = sandbox
        .folio(&["label", "Green", &picked, &third])
        .success()
        .stdout;
    assert!(text.contains("★★★★☆  green"), "{text}");
    assert_eq!(show(&sandbox, &picked)["label"], "green");

    let undone = sandbox.folio(&["undo", "--json"]).success().json();
    assert_eq!(undone["description"], "label of 2 items", "{undone}");
    assert_eq!(show(&sandbox, &picked)["label"], "red");
    assert_eq!(show(&sandbox, &third)["label"], Value::Null);
    sandbox.folio(&["undo"]).success();
    assert_eq!(show(&sandbox, &second)["rating"], 0);

    sandbox.folio(&["label", "none", &picked]).success();
    assert_eq!(show(&sandbox, &picked)["label"], Value::Null);
    sandbox.folio(&["rate", "0", &picked]).success();
    assert_eq!(show(&sandbox, &picked)["rating"], 0);
}

#[test]
fn bad_stars_and_colours_are_refused_in_words() {
    let (sandbox, [picked, ..]) = three_photos();
    let run = sandbox.folio(&["rate", "9", &picked]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("9 is not a rating"), "{}", run.stderr);
    let run = sandbox.folio(&["label", "pink", &picked]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("\"pink\" is not a colour label; choose red, yellow, green, blue, purple"),
        "{}",
        run.stderr
    );
    let run = sandbox.folio(&["search", "rating:9"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("a rating is 0 to 5 stars"),
        "{}",
        run.stderr
    );
    let run = sandbox.folio(&["search", "label:pink"]);
    assert!(
        run.stderr.contains("a label is red, yellow"),
        "{}",
        run.stderr
    );
    assert_eq!(show(&sandbox, &picked)["rating"], 4, "nothing changed");
}

#[test]
fn search_and_list_by_rating_and_label() {
    let (sandbox, [picked, second, third]) = three_photos();
    sandbox.folio(&["rate", "2", &third]).success();
    sandbox.folio(&["label", "red", &third]).success();
    assert_eq!(found(&sandbox, "rating:>=4"), [picked.as_str()]);
    assert_eq!(found(&sandbox, "rating:0"), [second.as_str()]);
    assert_eq!(found(&sandbox, "rating:<3"), {
        let mut ids = vec![second.clone(), third.clone()];
        ids.sort();
        ids
    });
    assert_eq!(found(&sandbox, "label:red rating:2"), [third.as_str()]);
    assert_eq!(found(&sandbox, "kind:photo -label:red"), [second.as_str()]);

    let listed = sandbox
        .folio(&["list", "--json", "--sort", "rating"])
        .success()
        .json();
    let order: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].to_string())
        .collect();
    assert_eq!(order, [picked.clone(), third.clone(), second.clone()]);
    let listed = sandbox
        .folio(&["list", "--json", "--sort", "rating", "--desc"])
        .success()
        .json();
    assert_eq!(listed[0]["id"].to_string(), second, "--desc: fewest first");
}

#[test]
fn copies_and_bundles_carry_the_rating_and_label_for_other_tools() {
    let (sandbox, [picked, second, third]) = three_photos();
    sandbox.folio(&["rate", "5", &second]).success();
    sandbox.folio(&["label", "purple", &second]).success();
    // Picked loses its label in Folio: its copy must not keep the original's.
    sandbox.folio(&["label", "none", &picked]).success();

    let out = sandbox.path().join("out");
    sandbox
        .folio(&[
            "copy",
            "--json",
            "--to",
            out.to_str().unwrap(),
            &picked,
            &second,
            &third,
        ])
        .success();
    let tags = exiftool(&out.join("second.jpg"));
    assert_eq!(tags["XMP-xmp:Rating"], 5, "{tags:#}");
    assert_eq!(tags["XMP-xmp:Label"], "Purple", "{tags:#}");
    assert_eq!(tags["IFD0:Rating"], 5, "{tags:#}");
    let tags = exiftool(&out.join("picked.jpg"));
    assert_eq!(tags["XMP-xmp:Rating"], 4, "{tags:#}");
    assert!(tags.get("XMP-xmp:Label").is_none(), "{tags:#}");
    let tags = exiftool(&out.join("third.jpg"));
    assert!(tags.get("XMP-xmp:Rating").is_none(), "{tags:#}");
    assert!(tags.get("IFD0:Rating").is_none(), "{tags:#}");

    let zip = sandbox.path().join("picks.zip");
    sandbox
        .folio(&[
            "export",
            "--format",
            "zip",
            "--output",
            zip.to_str().unwrap(),
            &second,
            &third,
        ])
        .success();
    let unzipped = sandbox.path().join("unzipped");
    unzip(&zip, &unzipped);
    let bag = unzipped.join("picks");
    let tags = exiftool(&bag.join("data/captioned/second.jpg"));
    assert_eq!(tags["XMP-xmp:Rating"], 5, "{tags:#}");
    assert_eq!(tags["XMP-xmp:Label"], "Purple", "{tags:#}");
    assert!(
        !bag.join("data/captioned/third.jpg").exists(),
        "nothing to carry for a photo without caption, rating or label"
    );
    // The bundle brings them back into another archive.
    let other = Sandbox::new();
    let report = other
        .folio(&["import", "--json", zip.to_str().unwrap()])
        .success()
        .json();
    let second_there = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["path"].as_str().unwrap().contains("second"))
        .unwrap_or_else(|| panic!("{report}"))["id"]
        .to_string();
    let shown = show(&other, &second_there);
    assert_eq!(
        (&shown["rating"], &shown["label"]),
        (&json!(5), &json!("purple"))
    );
}

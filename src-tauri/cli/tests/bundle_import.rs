//! ZIP bundles from `folio export` imported back: into a fresh archive they rebuild the same
//! items (uids, metadata, tags, captions, links, collection order), a second time they add
//! nothing, and a bundle whose payload was changed after export is refused.

use crate::library;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::library::{export, library, tool, unzip};
use crate::util::Sandbox;
use serde_json::Value;

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
    unzip(&zip_path, &unzipped);
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
    unzip(&zip_path, &unzipped);
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

/// An exported bundle of the whole library, unzipped: the bag folder, for tests to tamper with.
fn unzipped_bag(library: &library::Library) -> std::path::PathBuf {
    let zip_path = library.sandbox.path().join("bundle.zip");
    export(library, "zip", &zip_path, &[]);
    let unzipped = library.sandbox.path().join("unzipped");
    unzip(&zip_path, &unzipped);
    unzipped.join("bundle")
}

/// Rewrites items.json with `change` and seals the bag again as an attacker would: a fresh
/// payload manifest of every file under data/ plus `extra_manifest_lines`, and no tag manifest
/// or bag-info.txt (both optional) to give it away.
fn reseal(bag: &Path, change: impl FnOnce(&mut Value), extra_manifest_lines: &[String]) {
    let items_path = bag.join("data/items.json");
    let mut items: Value = serde_json::from_slice(&fs::read(&items_path).unwrap()).unwrap();
    change(&mut items);
    fs::write(&items_path, serde_json::to_vec_pretty(&items).unwrap()).unwrap();
    let mut manifest = String::new();
    for file in files_under(&bag.join("data")) {
        let relative = file
            .strip_prefix(bag)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let sha = folio_core::blobs::sha256_hex(&fs::read(&file).unwrap());
        manifest.push_str(&format!("{sha}  {relative}\n"));
    }
    for line in extra_manifest_lines {
        manifest.push_str(line);
        manifest.push('\n');
    }
    fs::write(bag.join("manifest-sha256.txt"), manifest).unwrap();
    for optional in [
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
        "bag-info.txt",
    ] {
        let _ = fs::remove_file(bag.join(optional));
    }
}

/// The plain files under `dir`, links not followed.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            files.extend(files_under(&entry.path()));
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    files
}

fn item_at<'a>(items: &'a mut Value, kind: &str) -> &'a mut Value {
    items["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|item| item["kind"] == kind)
        .unwrap()
}

#[test]
fn a_manifest_naming_files_outside_the_bag_is_refused_and_nothing_outside_is_read() {
    let library = library();
    let bag = unzipped_bag(&library);
    let secret = library.sandbox.path().join("secret.txt");
    fs::write(
        &secret,
        "Secret minutes\n\nNot for export: the password is swordfish.\n",
    )
    .unwrap();
    let secret_sha = folio_core::blobs::sha256_hex(&fs::read(&secret).unwrap());
    let absolute = secret.to_str().unwrap().to_string();
    for (named, label) in [
        ("../../secret.txt", "relative"),
        (absolute.as_str(), "absolute"),
    ] {
        let named = named.to_string();
        reseal(
            &bag,
            |items| {
                let article = item_at(items, "article");
                article["path"] = Value::from(named.clone());
                article["sha256"] = Value::from(secret_sha.clone());
            },
            &[format!("{secret_sha}  {named}")],
        );
        let fresh = Sandbox::new();
        let run = fresh.folio(&["import", "--json", bag.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{label}: {}", run.stdout);
        let error = run.json()["failed"][0]["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(error.contains("outside the bag"), "{label}: {error}");
        assert!(!run.stdout.contains("swordfish") && !run.stderr.contains("swordfish"));
        let list = fresh.folio(&["list", "--json"]).success().json();
        assert!(list.as_array().unwrap().is_empty(), "{label}: {list}");
    }
}

#[cfg(unix)]
#[test]
fn links_and_devices_in_a_bag_are_refused_without_hanging() {
    let library = library();
    let bag = unzipped_bag(&library);
    std::os::unix::fs::symlink("/dev/zero", bag.join("data/zero.bin")).unwrap();
    // The manifest line for a device is refused by its path before anything is opened; the link
    // inside the bag, by what it is.
    let zero_sha = "0".repeat(64);
    reseal(&bag, |_| {}, &[format!("{zero_sha}  /dev/zero")]);
    let started = std::time::Instant::now();
    let fresh = Sandbox::new();
    let run = fresh.folio(&["import", "--json", bag.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.json()["failed"][0]["error"]
            .as_str()
            .unwrap()
            .contains("outside the bag")
    );
    reseal(&bag, |_| {}, &[]);
    let run = fresh.folio(&["import", "--json", bag.to_str().unwrap()]);
    let error = run.json()["failed"][0]["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(error.contains("link or special file"), "{error}");
    assert!(started.elapsed().as_secs() < 30, "it did not hang");
    fresh.folio(&["verify"]).success();
}

#[test]
fn one_bad_item_in_a_bundle_fails_alone_and_the_rest_and_later_inputs_go_in() {
    let library = library();
    let bag = unzipped_bag(&library);
    reseal(
        &bag,
        |items| {
            let article = item_at(items, "article");
            article["uid"] = Value::from("<script>alert(1)</script>");
            let photo = item_at(items, "photo");
            photo["date_precision"] = Value::from("fortnight");
        },
        &[],
    );
    let later = library.sandbox.path().join("later.txt");
    fs::write(
        &later,
        "A later note\n\nIt comes after the bundle on the command line.\n",
    )
    .unwrap();
    let fresh = Sandbox::new();
    let run = fresh.folio(&[
        "import",
        "--json",
        bag.to_str().unwrap(),
        later.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["failed"].as_array().unwrap().len(), 1, "{report}");
    assert!(
        report["failed"][0]["error"]
            .as_str()
            .unwrap()
            .contains("uid"),
        "{report}"
    );
    assert_eq!(report["imported"].as_array().unwrap().len(), 8, "{report}");
    fresh.folio(&["verify"]).success();
}

#[test]
fn bundle_fields_pass_the_same_checks_as_any_import() {
    let library = library();
    let bag = unzipped_bag(&library);
    let uid = std::cell::RefCell::new(String::new());
    reseal(
        &bag,
        |items| {
            let article = item_at(items, "article");
            *uid.borrow_mut() = article["uid"].as_str().unwrap().to_string();
            article["language"] = Value::from("<script>");
            article["date"] = Value::from("not a date");
            article["source_name"] = Value::from("/home/alice/Secret Project/a.txt");
            let detail = &mut article["article"];
            detail["url"] = Value::from("javascript:alert(document.cookie)");
            detail["body_html"] = Value::from(
                "<p onclick=\"steal()\">Text</p><script>alert(1)</script>\
                 <iframe src=\"https://evil.example\"></iframe><img src=\"x.jpg\" onerror=\"alert(2)\">",
            );
        },
        &[],
    );
    let fresh = Sandbox::new();
    fresh
        .folio(&["import", "--json", bag.to_str().unwrap()])
        .success();
    let archive = folio_core::Archive::open(&fresh.archive(), folio_core::Access::Read).unwrap();
    let (language, date, source_name, url, html): (
        Option<String>,
        Option<String>,
        String,
        String,
        String,
    ) = archive
        .conn()
        .query_row(
            "SELECT i.language, i.date, i.source_name, a.url, a.body_html
             FROM items i JOIN articles a ON a.item_id = i.id WHERE i.uid = ?1",
            [uid.borrow().as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((language, date), (None, None));
    assert_eq!(source_name, "a.txt");
    assert_eq!(url, "");
    for bad in ["script", "onclick", "onerror", "iframe", "evil.example"] {
        assert!(!html.contains(bad), "{bad} survived in {html}");
    }
    assert!(html.contains("Text"));
}

#[test]
fn bundles_carry_file_names_not_the_exporters_folders_unless_asked() {
    let library = library();
    let folder = library.inputs.to_string_lossy().into_owned();
    for (extra, paths_expected) in [(&[][..], false), (&["--with-source-paths"][..], true)] {
        let zip_path = library.sandbox.path().join("paths.zip");
        export(&library, "zip", &zip_path, extra);
        let items = tool(
            "unzip",
            &["-p", zip_path.to_str().unwrap(), "*/data/items.json"],
        );
        let csv = tool(
            "unzip",
            &["-p", zip_path.to_str().unwrap(), "*/data/items.csv"],
        );
        assert_eq!(items.contains(&folder), paths_expected, "{extra:?}");
        assert!(!csv.contains(&folder));
        let index: Value = serde_json::from_str(&items).unwrap();
        for item in index["items"].as_array().unwrap() {
            let path = item["source_path"].as_str().unwrap();
            assert_eq!(path.contains('/'), paths_expected, "{path}");
        }
    }
}

#[test]
fn spreadsheet_formulas_hidden_behind_spaces_are_defused_in_items_csv() {
    let sandbox = Sandbox::new();
    // A file name is kept as it is, leading no-break space and all.
    let name = "\u{a0}=HYPERLINK(\"evil.example\").txt";
    let file = sandbox.path().join(name);
    fs::write(&file, "Minutes\n\nThe board met on Monday.\n").unwrap();
    sandbox
        .folio(&["import", "--json", file.to_str().unwrap()])
        .success();
    let zip_path = sandbox.path().join("csv.zip");
    sandbox
        .folio(&[
            "export",
            "--format",
            "zip",
            "--output",
            zip_path.to_str().unwrap(),
            "1",
        ])
        .success();
    let csv = tool(
        "unzip",
        &["-p", zip_path.to_str().unwrap(), "*/data/items.csv"],
    );
    assert!(
        csv.contains("\"'\u{a0}=HYPERLINK"),
        "the cell is prefixed with an apostrophe: {csv}"
    );
}

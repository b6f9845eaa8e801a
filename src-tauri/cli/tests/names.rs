//! File names across platforms through the real binary: names macOS stores decomposed (NFD)
//! import under their composed form and are found whichever form a query uses; ZIP entries with
//! Windows paths, reserved device names, names that differ only in case, and names in the DOS
//! code pages of Chinese and Russian Windows.

use crate::samples;
use crate::util;

use std::fs;

use crate::util::Sandbox;
use serde_json::Value;

/// `Йошкар-Ола`, `Café` and `Ёлка` as macOS writes them: base letters plus combining marks.
const YOSHKAR_NFD: &str = "\u{418}\u{306}\u{43e}\u{448}\u{43a}\u{430}\u{440}-\u{41e}\u{43b}\u{430}";
const CAFE_NFD: &str = "Cafe\u{301}";
const YOLKA_NFD: &str = "\u{415}\u{308}\u{43b}\u{43a}\u{430}";

fn import(sandbox: &Sandbox, path: &std::path::Path) -> Value {
    let run = sandbox.folio(&["import", "--json", path.to_str().unwrap()]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

fn show(sandbox: &Sandbox, id: &Value) -> Value {
    sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json()
}

fn search_ids(sandbox: &Sandbox, query: &str) -> Vec<i64> {
    let found = sandbox.folio(&["search", "--json", query]).success().json();
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn decomposed_file_names_import_composed_and_match_either_form() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("from a Mac");
    fs::create_dir(&folder).unwrap();
    fs::write(
        folder.join(format!("{YOSHKAR_NFD}.jpg")),
        samples::jpeg(48, 32, 11),
    )
    .unwrap();
    fs::write(folder.join("Сколково.jpg"), samples::jpeg(48, 32, 12)).unwrap();
    fs::write(
        folder.join("创新.txt"),
        "创新对话\n\n中俄青年创新对话在斯科尔科沃举行。",
    )
    .unwrap();
    fs::write(
        folder.join(format!("{CAFE_NFD}.txt")),
        format!("{YOLKA_NFD} у входа\n\nНовогодняя {YOLKA_NFD} стоит у входа в кафе."),
    )
    .unwrap();

    let report = import(&sandbox, &folder);
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 4, "{report}");

    let photo = imported
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with(".jpg") && i["title"] != "Сколково")
        .unwrap();
    let shown = show(&sandbox, &photo["id"]);
    assert_eq!(shown["source_name"], "Йошкар-Ола.jpg", "stored composed");
    assert_eq!(shown["title"], "Йошкар-Ола");

    let photo_id = photo["id"].as_i64().unwrap();
    assert_eq!(search_ids(&sandbox, "Йошкар-Ола"), vec![photo_id]);
    assert_eq!(search_ids(&sandbox, YOSHKAR_NFD), vec![photo_id]);

    let article = imported
        .iter()
        .find(|i| i["path"].as_str().unwrap().contains("Cafe"))
        .unwrap();
    let article_id = article["id"].as_i64().unwrap();
    assert_eq!(show(&sandbox, &article["id"])["source_name"], "Café.txt");
    assert_eq!(search_ids(&sandbox, "Ёлка"), vec![article_id]);
    assert_eq!(search_ids(&sandbox, YOLKA_NFD), vec![article_id]);
    assert_eq!(search_ids(&sandbox, "创新").len(), 1);
    assert_eq!(search_ids(&sandbox, "Сколково").len(), 1);

    // The same photo again under the other form of its name is the same photo.
    let again = sandbox.path().join("again");
    fs::create_dir(&again).unwrap();
    fs::copy(
        folder.join(format!("{YOSHKAR_NFD}.jpg")),
        again.join("Йошкар-Ола.jpg"),
    )
    .unwrap();
    let report = import(&sandbox, &again);
    assert_eq!(report["duplicates"][0]["id"], photo["id"], "{report}");
}

#[test]
fn zip_entries_with_windows_paths_reserved_names_and_case_twins_import_safely() {
    let sandbox = Sandbox::new();
    let bundle = sandbox.path().join("from Windows.zip");
    let story =
        |title: &str| format!("{title}\n\nThe body of {title}, long enough to be an article.");
    fs::write(
        &bundle,
        samples::zip(&[
            ("Photos\\Kazan.jpg", &samples::jpeg(40, 30, 1)),
            ("CON.txt", story("Console").as_bytes()),
            ("aux.tar.txt", story("Auxiliary").as_bytes()),
            ("Report.txt", story("Upper report").as_bytes()),
            ("report.TXT", story("Lower report").as_bytes()),
            ("C:\\Windows\\drive.txt", story("Drive").as_bytes()),
            ("C:relative.txt", story("Drive relative").as_bytes()),
            ("..\\..\\escape.txt", story("Escape").as_bytes()),
            ("\\\\server\\share\\unc.txt", story("Unc").as_bytes()),
        ]),
    )
    .unwrap();
    let report = import(&sandbox, &bundle);
    let titles: Vec<&str> = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    for expected in [
        "Kazan",
        "Console",
        "Auxiliary",
        "Upper report",
        "Lower report",
    ] {
        assert!(titles.contains(&expected), "{expected} missing: {report}");
    }
    assert_eq!(titles.len(), 5, "{report}");
    let skipped: Vec<&str> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["reason"].as_str().unwrap().contains("unsafe name"))
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 4, "{report}");
    for hostile in ["drive.txt", "relative.txt", "escape.txt", "unc.txt"] {
        assert!(
            skipped.iter().any(|s| s.ends_with(hostile)),
            "{hostile}: {report}"
        );
    }
    let names: Vec<String> = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            show(&sandbox, &i["id"])["source_name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(names.contains(&"CON_.txt".to_string()), "{names:?}");
    assert!(names.contains(&"aux.tar_.txt".to_string()), "{names:?}");
    assert!(names.contains(&"Report.txt".to_string()), "{names:?}");
    assert!(names.contains(&"report (2).TXT".to_string()), "{names:?}");
}

#[test]
fn zip_entry_names_in_chinese_and_russian_dos_code_pages_are_read() {
    let sandbox = Sandbox::new();
    let bundle = sandbox.path().join("legacy.zip");
    // 新闻稿.txt in GBK and Новости.txt in CP866, without the ZIP's UTF-8 flag.
    let gbk: &[u8] = b"\xd0\xc2\xce\xc5\xb8\xe5.txt";
    let cp866: &[u8] = b"\x8d\xae\xa2\xae\xe1\xe2\xa8.txt";
    fs::write(
        &bundle,
        samples::raw_name_zip(&[
            (
                gbk,
                "新闻稿\n\n中俄青年创新对话在斯科尔科沃举行。".as_bytes(),
            ),
            (
                cp866,
                "Новости\n\nМолодёжный диалог прошёл в Сколкове.".as_bytes(),
            ),
        ]),
    )
    .unwrap();
    let report = import(&sandbox, &bundle);
    let paths: Vec<&str> = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{report}");
    assert!(
        paths.iter().any(|p| p.ends_with("/新闻稿.txt")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.ends_with("/Новости.txt")),
        "{paths:?}"
    );
    for item in report["imported"].as_array().unwrap() {
        let name = show(&sandbox, &item["id"])["source_name"].clone();
        assert!(name == "新闻稿.txt" || name == "Новости.txt", "{name}");
    }
}

#[test]
fn location_reports_the_archive_and_why_it_was_chosen() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let run = sandbox.folio(&["location", "--json"]);
    let report = run.json();
    assert_eq!(
        report["path"].as_str().unwrap(),
        sandbox.archive().to_str().unwrap()
    );
    assert_eq!(report["chosen_by"], "option");
    assert_eq!(report["exists"], true);
    assert_eq!(report["writable"], true);
    assert!(report["free_bytes"].as_u64().unwrap() > 0);
    let codes: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().all(|c| *c == "low_space"),
        "a temp folder has no other warnings: {codes:?}"
    );
    assert_eq!(run.code, i32::from(!codes.is_empty()));

    let missing = util::folio()
        .args(["--archive"])
        .arg(sandbox.path().join("unplugged"))
        .args(["location", "--json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&missing.stdout).unwrap();
    assert_eq!(report["warnings"][0]["code"], "missing");
}

#[test]
fn the_archive_chosen_in_the_app_is_the_one_the_command_uses() {
    let sandbox = Sandbox::new();
    let chosen = sandbox.path().join("Chosen archive");
    fs::create_dir(&chosen).unwrap();
    let config = sandbox.path().join("config");
    fs::create_dir_all(config.join("folio")).unwrap();
    fs::write(
        config.join("folio").join("settings.json"),
        serde_json::json!({ "archive": chosen }).to_string(),
    )
    .unwrap();
    let located = |config: &std::path::Path| {
        let output = util::folio()
            .env("XDG_CONFIG_HOME", config)
            .env("HOME", sandbox.path())
            .env_remove("XDG_DATA_HOME")
            .args(["location", "--json"])
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let report = located(&config);
    assert_eq!(report["chosen_by"], "remembered", "{report}");
    assert_eq!(report["path"], chosen.to_str().unwrap());

    // A remembered archive that is gone falls back to the default.
    fs::remove_dir(&chosen).unwrap();
    let report = located(&config);
    assert_eq!(report["chosen_by"], "default", "{report}");
    assert!(
        report["path"]
            .as_str()
            .unwrap()
            .ends_with(".local/share/folio/Archive"),
        "{report}"
    );
}

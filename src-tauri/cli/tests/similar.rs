//! `folio similar`, `folio duplicates` and `folio duplicates merge` through the binary: copies of
//! one photo found whatever was done to them, one text found across formats (Word, PDF, web
//! page, edited), a merge that keeps one item and gathers the rest into it, undone as one, and
//! fingerprints made by repair for an archive that lacks them.

use std::fs;
use std::path::Path;

use crate::util::Sandbox;
use folio_samples::scenes;
use serde_json::Value;

/// Imports files (name, bytes) with extra arguments; returns the ids by file name.
fn import(
    sandbox: &Sandbox,
    folder: &str,
    files: &[(String, Vec<u8>)],
    extra: &[&str],
) -> Vec<(String, i64)> {
    let inputs = sandbox.path().join(folder);
    fs::create_dir_all(&inputs).unwrap();
    for (name, bytes) in files {
        fs::write(inputs.join(name), bytes).unwrap();
    }
    let mut args = vec!["import", "--json"];
    args.extend_from_slice(extra);
    args.push(inputs.to_str().unwrap());
    let report = sandbox.folio(&args).success().json();
    assert_eq!(report["failed"], Value::Array(Vec::new()), "{report}");
    report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let path = item["path"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, item["id"].as_i64().unwrap())
        })
        .collect()
}

fn id(ids: &[(String, i64)], name: &str) -> i64 {
    ids.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in {ids:?}"))
        .1
}

fn group_ids(group: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = group["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

/// One picture's original and every kind of copy, and two other pictures.
fn photo_set() -> Vec<(String, Vec<u8>)> {
    let picture = scenes::scene(1, 800, 600);
    let mut files = vec![("original.jpg".to_string(), scenes::original(&picture))];
    for (index, (_, bytes)) in scenes::derived_copies(&picture).into_iter().enumerate() {
        let extension = match &bytes[..4] {
            [0x89, b'P', ..] => "png",
            [b'R', b'I', ..] => "webp",
            _ => "jpg",
        };
        files.push((format!("copy{index}.{extension}"), bytes));
    }
    for seed in [2, 3] {
        files.push((
            format!("other{seed}.jpg"),
            scenes::original(&scenes::scene(seed, 800, 600)),
        ));
    }
    files
}

#[test]
fn copies_of_a_photo_are_one_group_and_other_photos_stay_apart() {
    let sandbox = Sandbox::new();
    let ids = import(&sandbox, "in", &photo_set(), &[]);
    let report = sandbox.folio(&["duplicates", "--json"]).success().json();
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{report}");
    let mut expected: Vec<i64> = ids
        .iter()
        .filter(|(name, _)| !name.starts_with("other"))
        .map(|(_, id)| *id)
        .collect();
    expected.sort_unstable();
    assert_eq!(
        group_ids(&groups[0]),
        expected,
        "every copy, and nothing else"
    );
    assert_eq!(groups[0]["kind"], "photo");
    assert_eq!(report["pending"], 0);
    // The kept one is listed first and has the most pixels of the group.
    let items = groups[0]["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], groups[0]["keep"]);
    let pixels = |item: &Value| item["width"].as_i64().unwrap() * item["height"].as_i64().unwrap();
    assert!(items.iter().all(|item| pixels(item) <= pixels(&items[0])));

    let similar = sandbox
        .folio(&["similar", "--json", &id(&ids, "original.jpg").to_string()])
        .success()
        .json();
    assert_eq!(similar["fingerprinted"], true);
    let found: Vec<i64> = similar["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert_eq!(found.len(), expected.len() - 1, "{similar}");
    assert!(!found.contains(&id(&ids, "other2.jpg")));
    assert!(similar["similar"][0]["distance"].as_u64().unwrap() <= 10);

    // At threshold 0 only exact fingerprint matches remain; at 32 unrelated photos start to join.
    let strict = sandbox
        .folio(&["duplicates", "--json", "--threshold", "0"])
        .success()
        .json();
    assert!(
        strict["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| group_ids(g).len() < expected.len())
    );
}

#[test]
fn a_threshold_out_of_range_is_a_usage_error() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let run = sandbox.folio(&["duplicates", "--threshold", "40"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("at most 32"), "{}", run.stderr);
    let run = sandbox.folio(&["similar", "--text-threshold", "0", "1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn one_press_release_as_word_pdf_web_page_and_edited_text_is_one_group() {
    let body = "The Ministry of Science and Technology held the fourth China-Russia Innovation \
        Dialogue in Beijing on Friday. Delegates from both countries discussed joint research \
        centres, technology transfer and the training of young scientists. The two sides signed \
        agreements on artificial intelligence, new materials and energy, and agreed to hold the \
        next dialogue in Moscow. Officials said the number of joint projects had doubled since \
        the first dialogue, and that universities in both countries would exchange more students \
        next year.";
    let edited = body
        .replace("Friday", "Thursday")
        .replace("doubled", "tripled");
    // As a word processor prints it: a title, then the text in lines of about 70 characters.
    let mut pdf_lines = vec!["Innovation dialogue held".to_string(), String::new()];
    let mut line = String::new();
    for word in body.split_whitespace() {
        if line.len() + word.len() > 70 {
            pdf_lines.push(std::mem::take(&mut line));
        }
        line = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
    }
    pdf_lines.push(line);
    let pdf_lines: Vec<&str> = pdf_lines.iter().map(String::as_str).collect();
    let files = vec![
        (
            "release.docx".to_string(),
            folio_samples::files::docx(&["Innovation dialogue held", body]),
        ),
        ("release.pdf".to_string(), folio_samples::files::text_pdf(&pdf_lines)),
        ("release-edited.md".to_string(), format!("# Innovation dialogue held\n\n{edited}\n").into_bytes()),
        (
            "release.html".to_string(),
            format!(
                "<html><head><title>Innovation dialogue held</title></head><body><nav>Home | News</nav>\
                 <article><h1>Innovation dialogue held</h1><p>{body}</p></article></body></html>"
            )
            .into_bytes(),
        ),
        (
            "snow.txt".to_string(),
            b"Snow closes roads\n\nHeavy snow closed roads across the north of the country on \
              Monday, and the weather service warned drivers to stay at home until the storm \
              passed on Wednesday night. Schools in three provinces were closed.\n"
                .to_vec(),
        ),
        (
            "chinese.txt".to_string(),
            "中俄创新对话在北京举行\n\n科技部在北京举办第四届中俄创新对话，双方代表讨论了联合研究中心、技术转移和青年科学家培养等议题，并签署了人工智能、新材料和能源领域的合作协议。\n".as_bytes().to_vec(),
        ),
        (
            "chinese-edited.txt".to_string(),
            "中俄创新对话在北京举行\n\n科技部在北京举办第五届中俄创新对话，双方代表讨论了联合研究中心、技术转移和青年科学家培养等议题，并签署了人工智能、新材料和能源领域的合作协议。\n".as_bytes().to_vec(),
        ),
    ];
    let sandbox = Sandbox::new();
    let ids = import(&sandbox, "in", &files, &[]);
    let report = sandbox.folio(&["duplicates", "--json"]).success().json();
    let mut groups: Vec<Vec<i64>> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(group_ids)
        .collect();
    groups.sort();
    let mut english = vec![
        id(&ids, "release.docx"),
        id(&ids, "release.pdf"),
        id(&ids, "release-edited.md"),
        id(&ids, "release.html"),
    ];
    english.sort_unstable();
    let mut chinese = vec![id(&ids, "chinese.txt"), id(&ids, "chinese-edited.txt")];
    chinese.sort_unstable();
    let mut expected = vec![english, chinese];
    expected.sort();
    assert_eq!(groups, expected, "{report}");
    assert!(
        report["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["kind"] == "article")
    );
}

#[test]
fn merging_keeps_the_largest_gathers_tags_collections_and_caption_and_undo_reverts_it() {
    let sandbox = Sandbox::new();
    let picture = scenes::scene(7, 800, 600);
    let large = import(
        &sandbox,
        "large",
        &[("large.jpg".into(), scenes::to_jpeg(&picture, 90))],
        &["--tag", "Events"],
    );
    let small = import(
        &sandbox,
        "small",
        &[(
            "small.jpg".into(),
            scenes::original(&scenes::resized(&picture, 400)),
        )],
        &["--tag", "Press", "--collection", "Kit"],
    );
    let (large, small) = (id(&large, "large.jpg"), id(&small, "small.jpg"));

    let merged = sandbox
        .folio(&[
            "duplicates",
            "merge",
            "--json",
            &small.to_string(),
            &large.to_string(),
        ])
        .success()
        .json();
    assert_eq!(
        merged["kept"], large,
        "the one with the most pixels is kept"
    );
    assert_eq!(merged["trashed"], serde_json::json!([small]));

    let kept = sandbox
        .folio(&["show", "--json", &large.to_string()])
        .success()
        .json();
    assert_eq!(kept["tags"], serde_json::json!(["Events", "Press"]));
    assert_eq!(kept["collections"], serde_json::json!(["Kit"]));
    assert_eq!(
        kept["caption"],
        folio_samples::photos::CAPTION_EN,
        "the fullest caption"
    );
    let trash = sandbox
        .folio(&["list", "--json", "--trash"])
        .success()
        .json();
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["id"], small);
    let groups = sandbox.folio(&["duplicates", "--json"]).success().json();
    assert_eq!(
        groups["groups"],
        Value::Array(Vec::new()),
        "the trash is not compared"
    );

    let undone = sandbox.folio(&["undo"]).success();
    assert!(
        undone.stdout.contains("Undid the merge of 2 items"),
        "{}",
        undone.stdout
    );
    let kept = sandbox
        .folio(&["show", "--json", &large.to_string()])
        .success()
        .json();
    assert_eq!(kept["tags"], serde_json::json!(["Events"]));
    assert_eq!(kept["collections"], Value::Array(Vec::new()));
    assert_eq!(kept["caption"], "");
    let trash = sandbox
        .folio(&["list", "--json", "--trash"])
        .success()
        .json();
    assert_eq!(trash, Value::Array(Vec::new()));

    // The person may keep the smaller one instead.
    let merged = sandbox
        .folio(&[
            "duplicates",
            "merge",
            "--json",
            "--keep",
            &small.to_string(),
            &large.to_string(),
        ])
        .success()
        .json();
    assert_eq!(merged["kept"], small);
    let kept = sandbox
        .folio(&["show", "--json", &small.to_string()])
        .success()
        .json();
    assert_eq!(kept["tags"], serde_json::json!(["Events", "Press"]));

    // Nothing merges into an item in the trash.
    let run = sandbox.folio(&[
        "duplicates",
        "merge",
        "--keep",
        &large.to_string(),
        &small.to_string(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("in the trash"), "{}", run.stderr);
}

#[test]
fn a_photo_and_an_article_do_not_merge() {
    let sandbox = Sandbox::new();
    let ids = import(
        &sandbox,
        "in",
        &[
            (
                "a.jpg".into(),
                scenes::original(&scenes::scene(4, 300, 200)),
            ),
            (
                "notes.txt".into(),
                b"Title\n\nSome text of an article.\n".to_vec(),
            ),
        ],
        &[],
    );
    let run = sandbox.folio(&[
        "duplicates",
        "merge",
        &id(&ids, "a.jpg").to_string(),
        &id(&ids, "notes.txt").to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("one kind"), "{}", run.stderr);
}

#[test]
fn repair_fingerprints_photos_and_articles_of_an_archive_without_them() {
    let sandbox = Sandbox::new();
    let ids = import(&sandbox, "in", &photo_set(), &[]);
    // As an archive from before fingerprints (or replayed from a journal) has them.
    let db = rusqlite::Connection::open(sandbox.archive().join("folio.sqlite")).unwrap();
    db.execute("UPDATE blobs SET phash = NULL", []).unwrap();
    drop(db);
    let original = id(&ids, "original.jpg").to_string();
    let before = sandbox
        .folio(&["similar", "--json", &original])
        .success()
        .json();
    assert_eq!(before["fingerprinted"], false);
    let pending = sandbox.folio(&["duplicates", "--json"]).success().json();
    assert_eq!(pending["pending"], ids.len());

    let repaired = sandbox
        .folio(&["verify", "--repair", "--json"])
        .success()
        .json();
    assert_eq!(repaired["fingerprinted"], ids.len());
    let after = sandbox
        .folio(&["similar", "--json", &original])
        .success()
        .json();
    assert_eq!(after["fingerprinted"], true);
    assert_eq!(after["similar"].as_array().unwrap().len(), 6, "{after}");
}

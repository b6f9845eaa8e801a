//! `folio search` and the organising commands through the binary: three-language search, field
//! filters, the index following every change, and an index that recovers from a crash.

use crate::util;

use std::fs;

use crate::util::Sandbox;
use serde_json::Value;

const ARTICLES: &[(&str, &str)] = &[
    (
        "dialogue.txt",
        "China-Russia innovation dialogue held in Moscow\n\nUpdated: 2018-11-02\n\n\
         Delegates met at the Skolkovo Innovation Center. [photo/safea.gov.cn]\n\n\
         The dialogue covered technology finance and small and medium-sized enterprises.\n",
    ),
    (
        "forum.txt",
        "Energy forum opens\n\nPublished: 2019-05-20\n\n\
         Ministers discussed innovations in power grids and storage across the region.\n",
    ),
    (
        "russian.txt",
        "Инновационный диалог в Москве\n\nОбновлено: 2018-11-03\n\n\
         Делегаты обсудили поддержку инновациям и малым предприятиям в Сколково.\n",
    ),
    (
        "chinese.txt",
        "中俄创新对话在莫斯科举行\n\n更新时间：2018-11-04\n\n\
         双方就中小企业合作与科技金融进行了深入交流，推动中俄创新合作。\n",
    ),
];

/// An archive with the four articles imported; returns the sandbox and ids by file name.
fn library() -> (Sandbox, Vec<(String, i64)>) {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir(&inputs).unwrap();
    for (name, text) in ARTICLES {
        fs::write(inputs.join(name), text).unwrap();
    }
    let report = sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success()
        .json();
    let ids = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let path = item["path"].as_str().unwrap();
            let name = path.rsplit(['/', '\\']).next().unwrap().to_string();
            (name, item["id"].as_i64().unwrap())
        })
        .collect();
    (sandbox, ids)
}

fn id(ids: &[(String, i64)], name: &str) -> i64 {
    ids.iter().find(|(n, _)| n == name).unwrap().1
}

fn search(sandbox: &Sandbox, query: &str) -> Value {
    sandbox.folio(&["search", "--json", query]).success().json()
}

fn hit_ids(result: &Value) -> Vec<i64> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn words_in_three_languages_find_their_articles_with_snippets() {
    let (sandbox, ids) = library();
    let english = search(&sandbox, "innovation");
    let found = hit_ids(&english);
    assert!(found.contains(&id(&ids, "dialogue.txt")), "{english}");
    assert!(
        found.contains(&id(&ids, "forum.txt")),
        "stems: innovation finds innovations: {english}"
    );
    // The title match ranks above the body-only match.
    assert_eq!(found[0], id(&ids, "dialogue.txt"), "{english}");
    let hit = &english["hits"][0];
    for key in ["id", "kind", "title", "snippet", "score"] {
        assert!(!hit[key].is_null(), "hit lacks {key}: {hit}");
    }
    assert_eq!(english["total"], 2);

    let russian = search(&sandbox, "инновация");
    assert_eq!(
        hit_ids(&russian),
        vec![id(&ids, "russian.txt")],
        "{russian}"
    );
    let chinese = search(&sandbox, "创新");
    assert_eq!(
        hit_ids(&chinese),
        vec![id(&ids, "chinese.txt")],
        "{chinese}"
    );
    let longer = search(&sandbox, "中小企业");
    assert_eq!(hit_ids(&longer), vec![id(&ids, "chinese.txt")], "{longer}");
    let full_width = search(&sandbox, "ＳＫＯＬＫＯＶＯ");
    assert!(
        hit_ids(&full_width).contains(&id(&ids, "dialogue.txt")),
        "{full_width}"
    );
    let phrase = search(&sandbox, "\"technology finance\"");
    assert_eq!(hit_ids(&phrase), vec![id(&ids, "dialogue.txt")], "{phrase}");
    let excluded = search(&sandbox, "innovation -moscow");
    assert_eq!(
        hit_ids(&excluded),
        vec![id(&ids, "forum.txt")],
        "{excluded}"
    );
    let either = search(&sandbox, "grids OR skolkovo");
    // Сколково in Cyrillic is another word: the Russian article is not among them.
    assert_eq!(hit_ids(&either).len(), 2, "{either}");
    let language = search(&sandbox, "lang:ru");
    assert_eq!(
        hit_ids(&language),
        vec![id(&ids, "russian.txt")],
        "{language}"
    );
    let dated = search(&sandbox, "date:2018-11 kind:article");
    assert_eq!(hit_ids(&dated).len(), 3, "{dated}");
    let before = search(&sandbox, "before:2019");
    assert_eq!(hit_ids(&before).len(), 3, "{before}");
}

#[test]
fn a_malformed_query_gets_a_clear_message_and_exit_code_2() {
    let (sandbox, _) = library();
    for query in ["\"unclosed", "colour:red", "date:2018-13", "kind:video"] {
        let run = sandbox.folio(&["search", query]);
        assert_eq!(run.code, 2, "{query}: {}", run.stdout);
        assert!(!run.stderr.contains("SQL"), "{query}: {}", run.stderr);
        assert!(run.stderr.starts_with("folio: "), "{query}: {}", run.stderr);
    }
}

#[test]
fn the_index_follows_tags_collections_edits_trash_and_undo() {
    let (sandbox, ids) = library();
    let dialogue = id(&ids, "dialogue.txt").to_string();
    let forum = id(&ids, "forum.txt").to_string();

    sandbox
        .folio(&["tag", &dialogue, &forum, "--add", "Events/Dialogue"])
        .success();
    assert_eq!(hit_ids(&search(&sandbox, "tag:events")).len(), 2);
    assert_eq!(
        hit_ids(&search(&sandbox, "tag:\"Events/Dialogue\"")).len(),
        2
    );
    sandbox
        .folio(&["tag", &forum, "--remove", "events/dialogue"])
        .success();
    assert_eq!(hit_ids(&search(&sandbox, "tag:events")).len(), 1);

    sandbox
        .folio(&["collection", "create", "Board briefing"])
        .success();
    sandbox
        .folio(&["collection", "add", "Board briefing", &forum, &dialogue])
        .success();
    let shown = sandbox
        .folio(&["collection", "show", "--json", "Board briefing"])
        .success()
        .json();
    let order: Vec<i64> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        order,
        vec![forum.parse::<i64>().unwrap(), dialogue.parse().unwrap()]
    );
    assert_eq!(hit_ids(&search(&sandbox, "in:\"board briefing\"")).len(), 2);

    sandbox
        .folio(&["edit", &forum, "title", "Grid storage summit"])
        .success();
    assert_eq!(
        hit_ids(&search(&sandbox, "summit")),
        vec![forum.parse::<i64>().unwrap()]
    );
    sandbox.folio(&["undo"]).success();
    assert!(hit_ids(&search(&sandbox, "summit")).is_empty());

    sandbox.folio(&["delete", &dialogue]).success();
    assert!(hit_ids(&search(&sandbox, "skolkovo -lang:ru")).is_empty());
    sandbox.folio(&["restore", &dialogue]).success();
    assert_eq!(hit_ids(&search(&sandbox, "skolkovo -lang:ru")).len(), 1);

    sandbox
        .folio(&[
            "saved",
            "save",
            "Briefing innovation",
            "innovation in:\"Board briefing\"",
        ])
        .success();
    let saved = sandbox.folio(&["saved", "list", "--json"]).success().json();
    assert_eq!(saved[0]["name"], "Briefing innovation");
    let bad = sandbox.folio(&["saved", "save", "Broken", "date:nope"]);
    assert_eq!(bad.code, 2);

    let history = sandbox
        .folio(&["history", "--json", &forum])
        .success()
        .json();
    let fields: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["tags", "tags", "title"]);
}

#[test]
fn an_index_killed_before_it_caught_up_is_right_after_reopening() {
    let (sandbox, ids) = library();
    let forum = id(&ids, "forum.txt");
    // Killed right after the edit committed, before the index saw it.
    let mut command = util::folio();
    command
        .env("FOLIO_TEST_ABORT_BEFORE_INDEXING", "1")
        .arg("--archive")
        .arg(sandbox.archive())
        .args(["edit", &forum.to_string(), "title", "Hydrogen summit"]);
    let killed = util::Run::of(command);
    assert_ne!(
        killed.code, 0,
        "the process was meant to die: {}",
        killed.stdout
    );
    let queued: i64 = rusqlite::Connection::open(sandbox.archive().join("folio.sqlite"))
        .unwrap()
        .query_row("SELECT count(*) FROM index_queue", [], |row| row.get(0))
        .unwrap();
    assert!(queued > 0, "the change waits in the queue");
    assert_eq!(hit_ids(&search(&sandbox, "hydrogen")), vec![forum]);

    // A deleted index folder is rebuilt from the database.
    fs::remove_dir_all(sandbox.archive().join("index")).unwrap();
    assert_eq!(hit_ids(&search(&sandbox, "hydrogen")), vec![forum]);
    assert_eq!(search(&sandbox, "innovation")["total"], 2);
}

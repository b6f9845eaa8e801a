//! `folio facets` through the binary: counts of a three-language library by kind, language,
//! year, byline and tag, each with the term that narrows the query to it, the month timeline,
//! and counts within a query and a collection.

use std::fs;

use crate::util::Sandbox;
use serde_json::Value;

const ARTICLES: &[(&str, &str)] = &[
    (
        "dialogue.txt",
        "China-Russia innovation dialogue held in Moscow\n\nUpdated: 2018-11-02\n\n\
         Delegates met at the Skolkovo Innovation Center to discuss energy.\n",
    ),
    (
        "forum.txt",
        "Energy forum opens\n\nPublished: 2019-05-20\n\n\
         Ministers discussed energy, power grids and storage across the region.\n",
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

fn library() -> Sandbox {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir(&inputs).unwrap();
    for (name, text) in ARTICLES {
        fs::write(inputs.join(name), text).unwrap();
    }
    sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success();
    sandbox
}

/// A facet's values as `value=count` strings, in the order given.
fn values(facets: &Value, facet: &str) -> Vec<String> {
    facets[facet]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{}={}", v["value"].as_str().unwrap(), v["count"]))
        .collect()
}

fn term(facets: &Value, facet: &str, value: &str) -> String {
    facets[facet]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == value)
        .unwrap_or_else(|| panic!("{value} not in {facet}: {facets}"))["term"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn facets_count_the_library_and_each_term_narrows_to_its_count() {
    let sandbox = library();
    let ids: Vec<String> = ["dialogue", "Инновационный", "中俄"]
        .iter()
        .map(|q| {
            let found = sandbox.folio(&["search", "--json", q]).success().json();
            found["hits"][0]["id"].to_string()
        })
        .collect();
    let mut tag = vec![
        "tag",
        "--add",
        "Events/Innovation Dialogue",
        "--add",
        "Диалог",
    ];
    tag.extend(ids.iter().map(String::as_str));
    sandbox.folio(&tag).success();

    let facets = sandbox.folio(&["facets", "--json"]).success().json();
    assert_eq!(facets["total"], 4);
    assert_eq!(values(&facets, "kinds"), ["article=4"]);
    assert_eq!(values(&facets, "languages"), ["en=2", "ru=1", "zh=1"]);
    assert_eq!(values(&facets, "years"), ["2018=3", "2019=1"]);
    assert_eq!(
        values(&facets, "tags"),
        ["Events=3", "Events/Innovation Dialogue=3", "Диалог=3"]
    );
    let months: Vec<String> = facets["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}={}", m["month"].as_str().unwrap(), m["count"]))
        .collect();
    assert_eq!(months.len(), 7, "2018-11 to 2019-05: {months:?}");
    assert_eq!(months[0], "2018-11=3");
    assert_eq!(months[6], "2019-05=1");

    let tag_term = term(&facets, "tags", "Events/Innovation Dialogue");
    assert_eq!(tag_term, "tag:\"Events/Innovation Dialogue\"");
    for (facet, value, count) in [
        ("tags", "Events/Innovation Dialogue", 3),
        ("tags", "Диалог", 3),
        ("languages", "zh", 1),
        ("years", "2019", 1),
    ] {
        let term = term(&facets, facet, value);
        let narrowed = sandbox.folio(&["facets", "--json", &term]).success().json();
        assert_eq!(narrowed["total"], count, "{term}");
        let found = sandbox.folio(&["search", "--json", &term]).success().json();
        assert_eq!(found["total"], count, "{term}");
    }

    // Within a query: only what it finds is counted.
    let energy = sandbox
        .folio(&["facets", "--json", "energy"])
        .success()
        .json();
    assert_eq!(energy["total"], 2);
    assert_eq!(values(&energy, "years"), ["2018=1", "2019=1"]);
    let range = sandbox
        .folio(&["facets", "--json", "date:2018-11..2018-12"])
        .success()
        .json();
    assert_eq!(range["total"], 3);
}

#[test]
fn facets_print_counts_terms_and_a_timeline() {
    let sandbox = library();
    sandbox
        .folio(&["collection", "create", "Пресс-кит 2018"])
        .success();
    let found = sandbox
        .folio(&["search", "--json", "date:2018"])
        .success()
        .json();
    let ids: Vec<String> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].to_string())
        .collect();
    let mut add = vec!["collection", "add", "Пресс-кит 2018"];
    add.extend(ids.iter().map(String::as_str));
    sandbox.folio(&add).success();

    let run = sandbox
        .folio(&["facets", "--collection", "Пресс-кит 2018", "--top", "1"])
        .success();
    assert!(run.stdout.starts_with("3 items\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2018-11        3  ####"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(lang:en)"), "{}", run.stdout);
    assert!(run.stdout.contains("and 2 more"), "{}", run.stdout);
    let bad = sandbox.folio(&["facets", "date:2019..2018"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("not a date or range"), "{}", bad.stderr);
}

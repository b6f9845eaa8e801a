//! An imported web page is dated by the calendar day it states in its own time zone, through
//! the binary: a saved page whose only publication date lies on the other side of midnight in
//! UTC keeps its own day, whatever time zone the importing machine is in.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::util::{Run, Sandbox};

/// A page saved from a browser whose only date is `published` in `<meta>`.
fn saved_page(title: &str, published: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<!-- saved from url=(0037)https://news.example.com/world/story -->
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
</head><body>
<header class="site-header"><nav><a href="/">Home</a></nav></header>
<article><h1>{title}</h1>
<p>The council met late into the evening and passed the budget after a long debate about
roads, schools and the harbour. Members said the vote settled a question that had divided
the town for a year.</p>
<p>The mayor thanked the members and said work on the harbour would begin in the spring,
once the contracts are signed and the money is in place.</p>
</article></body></html>"#
    )
}

/// `folio` run with the machine's time zone set to `zone`.
fn folio_in_zone(sandbox: &Sandbox, zone: &str, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .env_remove("FOLIO_ARCHIVE")
        .env("TZ", zone)
        .arg("--archive")
        .arg(sandbox.archive())
        .args(args);
    Run::of(command)
}

fn import_one(sandbox: &Sandbox, zone: &str, name: &str, html: &str) -> Value {
    let path = sandbox.path().join(name);
    fs::write(&path, html).unwrap();
    let report = folio_in_zone(sandbox, zone, &["import", "--json", path.to_str().unwrap()])
        .success()
        .json();
    let id = report["imported"][0]["id"].clone();
    assert!(id.is_i64(), "{report}");
    folio_in_zone(sandbox, zone, &["show", "--json", &id.to_string()])
        .success()
        .json()
}

fn found_by(sandbox: &Sandbox, query: &str) -> Vec<i64> {
    let result = sandbox.folio(&["search", "--json", query]).success().json();
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_saved_page_published_late_in_new_york_keeps_its_own_day() {
    let sandbox = Sandbox::new();
    // 23:30 in New York on 1 March is 04:30 on 2 March in UTC.
    let evening = import_one(
        &sandbox,
        "Asia/Tokyo",
        "council.html",
        &saved_page("Council passes the budget", "2024-03-01T23:30:00-05:00"),
    );
    assert_eq!(evening["published"], "2024-03-01", "{evening}");
    // 01:00 in Beijing on 2 March is 17:00 on 1 March in UTC.
    let morning = import_one(
        &sandbox,
        "America/Los_Angeles",
        "harbour.html",
        &saved_page("Harbour works begin", "2024-03-02T01:00:00+08:00"),
    );
    assert_eq!(morning["published"], "2024-03-02", "{morning}");

    let (evening, morning) = (evening["id"].as_i64(), morning["id"].as_i64());
    assert_eq!(
        found_by(&sandbox, "date:2024-03-01"),
        vec![evening.unwrap()]
    );
    assert_eq!(
        found_by(&sandbox, "date:2024-03-02"),
        vec![morning.unwrap()]
    );
}

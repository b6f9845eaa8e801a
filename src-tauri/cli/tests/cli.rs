//! The `folio` binary driven as automation drives it: exit codes, JSON and messages.

use crate::util::{Run, Sandbox, folio};

#[test]
fn init_creates_the_archive_folder_and_stats_reports_it_empty() {
    let sandbox = Sandbox::new();
    let init = sandbox.folio(&["init"]).success();
    assert!(init.stdout.contains("archive ready"), "{}", init.stdout);
    for part in ["folio.sqlite", "objects", "derived", "index", "folio.lock"] {
        assert!(
            sandbox.archive().join(part).exists(),
            "{part} missing after init"
        );
    }
    let stats = sandbox.folio(&["stats", "--json"]).success().json();
    assert_eq!(stats["items"], 0);
    assert_eq!(stats["articles"], 0);
    assert_eq!(stats["photos"], 0);
    assert_eq!(stats["schema_version"], folio_core::migrations::latest());
    assert_eq!(
        stats["archive_path"],
        sandbox.archive().display().to_string()
    );
}

#[test]
fn folio_log_debug_shows_each_archive_operation_with_its_duration() {
    let sandbox = Sandbox::new();
    let note = sandbox.path().join("note.txt");
    std::fs::write(&note, "A note\n\nThe minutes of the meeting.\n").unwrap();
    let mut command = folio();
    command
        .env("FOLIO_LOG", "debug")
        .arg("--archive")
        .arg(sandbox.archive())
        .args(["import", "--json"])
        .arg(&note);
    let run = Run::of(command).success();
    let closed = |operation: &str| {
        run.stderr.lines().any(|line| {
            line.contains(operation) && line.contains("close") && line.contains("time.busy")
        })
    };
    assert!(closed("import"), "{}", run.stderr);
    assert!(closed("apply_queue"), "{}", run.stderr);
    let quiet = sandbox.folio(&["list", "--json"]).success();
    assert!(
        quiet.stderr.is_empty(),
        "quiet without FOLIO_LOG: {}",
        quiet.stderr
    );
}

#[test]
fn init_twice_keeps_the_archive() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    sandbox.folio(&["init"]).success();
    sandbox.folio(&["stats", "--json"]).success();
}

#[test]
fn stats_as_text_names_each_part() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let text = sandbox.folio(&["stats"]).success().stdout;
    for label in ["Items", "Originals", "Database", "Search index"] {
        assert!(text.contains(label), "{label} missing from:\n{text}");
    }
}

#[test]
fn stats_on_a_folder_without_an_archive_is_an_archive_error() {
    let sandbox = Sandbox::new();
    let run = sandbox.folio(&["stats", "--json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no Folio archive"), "{}", run.stderr);
    assert!(
        !sandbox.archive().exists(),
        "a read command must not create the archive"
    );
}

#[test]
fn folio_archive_variable_selects_the_archive_and_the_flag_overrides_it() {
    let sandbox = Sandbox::new();
    let from_env = sandbox.path().join("from-env");
    let from_flag = sandbox.path().join("from-flag");
    let mut command = folio();
    command.env("FOLIO_ARCHIVE", &from_env).arg("init");
    Run::of(command).success();
    assert!(from_env.join("folio.sqlite").is_file());

    let mut command = folio();
    command
        .env("FOLIO_ARCHIVE", &from_env)
        .arg("--archive")
        .arg(&from_flag)
        .arg("init");
    Run::of(command).success();
    assert!(from_flag.join("folio.sqlite").is_file());
}

#[test]
fn unknown_command_is_a_usage_error() {
    let run = folio().arg("frobnicate").output().unwrap();
    assert_eq!(run.status.code(), Some(2));
}

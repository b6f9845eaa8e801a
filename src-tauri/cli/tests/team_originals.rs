//! `folio team cache` and `folio verify --team` through the binary, outside a team: the cache's
//! limit is an archive setting, and checking the team's store asks for a team in words. (The
//! team's side, against PostgreSQL and a shared folder, is in the folio-team crate's tests.)

use crate::util::Sandbox;

#[test]
fn the_cache_limit_is_kept_in_the_archive_and_read_in_decimal_units() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let shown = sandbox.folio(&["team", "cache", "--json"]).success().json();
    assert_eq!(
        shown["limit"], 10_000_000_000_u64,
        "10 GB unless set: {shown}"
    );
    assert_eq!(
        (shown["files"].as_u64(), shown["bytes"].as_u64()),
        (Some(0), Some(0))
    );

    let set = sandbox
        .folio(&["team", "cache", "--limit", "5GB", "--json"])
        .success()
        .json();
    assert_eq!(set["limit"], 5_000_000_000_u64, "{set}");
    let text = sandbox.folio(&["team", "cache"]).success().stdout;
    assert!(text.contains("of 5.0 GB"), "{text}");

    let refused = sandbox.folio(&["team", "cache", "--limit", "lots"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("not a size"), "{}", refused.stderr);
}

#[test]
fn verify_team_outside_a_team_says_so_and_deep_needs_team() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let refused = sandbox.folio(&["verify", "--team"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("not in a team"),
        "{}",
        refused.stderr
    );

    let usage = sandbox.folio(&["verify", "--deep"]);
    assert_eq!(usage.code, 2);
    assert!(usage.stderr.contains("--team"), "{}", usage.stderr);
}

#[test]
fn local_verify_reports_no_remote_originals_outside_a_team() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let report = sandbox.folio(&["verify", "--json"]).success().json();
    assert_eq!(report["remote"], 0, "{report}");
}

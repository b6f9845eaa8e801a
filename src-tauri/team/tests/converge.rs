//! Convergence: members of one team make random changes of every kind (the journal replay
//! test's generator) and sync or stay offline at random, round after round, against one
//! PostgreSQL and one shared folder. After everyone has synced (twice, so that the first to
//! sync also receives what the last sent), every member's canonical dump is the same, and every
//! action made anywhere is held once by every member and by the team's log. Runs a few cases
//! with a fixed seed; set `FOLIO_PROPTEST_CASES` (and `FOLIO_PROPTEST_SEED`) to run more.

use std::collections::{BTreeMap, BTreeSet};

use folio_core::handle::WriteHandle;
use folio_team::sync;

use crate::postgres;
use crate::random_changes::{Random, World, bundle_from_elsewhere, env_number};

const MEMBERS: usize = 3;

/// One case: `rounds` rounds of a few changes per member, each member then syncing or not.
/// Returns the kinds of action the case made.
fn converge_case(seed: u64, rounds: usize) -> BTreeSet<String> {
    let temp = tempfile::tempdir().unwrap();
    let database = postgres::new_database();
    let objects = temp.path().join("shared");
    let objects = objects.to_str().unwrap();
    let bundle = bundle_from_elsewhere(temp.path());
    let mut random = Random(seed);

    let mut first = World {
        archive: WriteHandle::init(&temp.path().join("member-0")).unwrap(),
        inputs: temp.path().join("in-0"),
        files: 0,
        bundle: Some(bundle.clone()),
    };
    first.import(&mut random);
    sync::create(&mut first.archive, &database, objects, "Desk").unwrap();
    let mut members = vec![first];
    for n in 1..MEMBERS {
        let (archive, _) =
            sync::join(&temp.path().join(format!("member-{n}")), &database, None).unwrap();
        members.push(World {
            archive,
            inputs: temp.path().join(format!("in-{n}")),
            files: 0,
            bundle: Some(bundle.clone()),
        });
    }

    for round in 0..rounds {
        for member in &mut members {
            for _ in 0..=random.below(4) {
                member.change(&mut random);
            }
        }
        for (n, member) in members.iter_mut().enumerate() {
            if random.chance(50) {
                sync::sync(&mut member.archive).unwrap_or_else(|error| {
                    panic!("seed {seed}, round {round}: member {n} cannot sync: {error}")
                });
            }
        }
    }
    // Everything every member made, by action uid.
    let mut made: BTreeMap<String, String> = BTreeMap::new();
    for member in &members {
        for entry in member.archive.journal(0).unwrap() {
            made.insert(entry.uid, entry.action.kind().to_owned());
        }
    }
    for _ in 0..2 {
        for member in &mut members {
            sync::sync(&mut member.archive).unwrap();
        }
    }

    let dumps: Vec<String> = members.iter().map(|m| m.archive.dump().unwrap()).collect();
    for (n, dump) in dumps.iter().enumerate().skip(1) {
        if *dump != dumps[0] {
            let first = dumps[0]
                .lines()
                .zip(dump.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("member 0: {a}\nmember {n}: {b}"))
                .unwrap_or_else(|| "one dump is longer".into());
            panic!("seed {seed}: the members' dumps differ\n{first}");
        }
    }
    for (n, member) in members.iter().enumerate() {
        let journal = member.archive.journal(0).unwrap();
        let held: BTreeSet<&str> = journal.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(
            held.len(),
            journal.len(),
            "seed {seed}: member {n} holds an action twice"
        );
        let lost: Vec<&String> = made
            .keys()
            .filter(|uid| !held.contains(uid.as_str()))
            .collect();
        assert!(lost.is_empty(), "seed {seed}: member {n} lacks {lost:?}");
        assert_eq!(
            journal.len(),
            made.len(),
            "seed {seed}: member {n} holds actions nobody made"
        );
        let status = sync::status(&member.archive).unwrap().unwrap();
        assert_eq!(status.waiting_actions, 0, "seed {seed}: member {n}");
    }
    let mut log = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
    let in_log: i64 = log
        .query_one("SELECT count(DISTINCT uid) FROM folio.log", &[])
        .unwrap()
        .get(0);
    assert_eq!(in_log as usize, made.len(), "seed {seed}: the team's log");
    made.into_values().collect()
}

#[test]
fn members_changing_at_random_and_syncing_at_random_converge() {
    let cases = env_number("FOLIO_PROPTEST_CASES", 2);
    let seed = env_number("FOLIO_PROPTEST_SEED", 0x7EA3_5EED);
    let mut kinds = BTreeSet::new();
    for case in 0..cases {
        kinds.extend(converge_case(seed.wrapping_add(case), 8));
    }
    for kind in [
        "import",
        "edit",
        "tag",
        "trash",
        "undo",
        "create_collection",
    ] {
        assert!(
            kinds.contains(kind),
            "no case made a {kind} action: {kinds:?}"
        );
    }
}

//! A team member's `folio sync` killed (SIGKILL) at twenty random moments, two Folio processes
//! on one member's archive at once, and a team's shared folder that is full: no action lost or
//! doubled, a status that says what happened, and a next sync that completes. The moments are
//! random; the seed is printed, and `FOLIO_TEST_SEED` replays a run.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::import::ImportOptions;
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::progress::{CancelToken, NoProgress};
use serde_json::Value;

use crate::postgres;
use crate::util::{Sandbox, folio};

/// A small random source (xorshift); enough for choosing moments.
struct Moments(u64);

impl Moments {
    fn seeded() -> Moments {
        let seed = std::env::var("FOLIO_TEST_SEED")
            .ok()
            .and_then(|seed| seed.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("random moments: FOLIO_TEST_SEED={seed}");
        Moments(seed)
    }

    /// A duration from zero to `up_to`.
    fn within(&mut self, up_to: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        up_to.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// A team of two: Alice made it with a photo, Bob joined; the shared folder lives as long as
/// the returned sandbox.
struct Team {
    database: String,
    shared: Sandbox,
    alice: Sandbox,
    bob: Sandbox,
}

fn team() -> Team {
    let database = postgres::new_database();
    let shared = Sandbox::new();
    let (alice, bob) = (Sandbox::new(), Sandbox::new());
    let objects = shared.path().to_str().unwrap();
    let files = alice.path().join("first");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("quay.jpg"), photo("Quay", 0)).unwrap();
    alice.folio(&["import", files.to_str().unwrap()]).success();
    alice
        .folio(&["team", "create", "--db", &database, "--objects", objects])
        .success();
    bob.folio(&["team", "join", "--db", &database]).success();
    Team {
        database,
        shared,
        alice,
        bob,
    }
}

/// A small photo; the caption makes each one a file of its own.
fn photo(caption: &str, seed: u32) -> Vec<u8> {
    folio_samples::files::jpeg_with_iptc(96 + seed % 64, 64, caption, "Agency", &["press"])
}

/// Work done on a member's desktop between syncs: a few photos imported and many captions
/// changed, through the core in this process.
fn work(archive: &Path, round: u32, photos: u32, edits: u32) {
    let mut handle = WriteHandle::open(archive).unwrap();
    if photos > 0 {
        let dir = archive.parent().unwrap().join(format!("round-{round}"));
        std::fs::create_dir_all(&dir).unwrap();
        let paths: Vec<_> = (0..photos)
            .map(|n| {
                let path = dir.join(format!("photo-{n}.jpg"));
                std::fs::write(
                    &path,
                    photo(&format!("Round {round} photo {n}"), round * 100 + n),
                )
                .unwrap();
                path
            })
            .collect();
        let report = handle
            .import(
                &paths,
                &ImportOptions::default(),
                &NoProgress,
                &CancelToken::new(),
            )
            .unwrap()
            .value;
        assert!(report.failed.is_empty(), "{report:?}");
    }
    let ids: Vec<i64> = handle
        .list(None, 50)
        .unwrap()
        .into_iter()
        .map(|item| item.id)
        .collect();
    for n in 0..edits {
        handle
            .update_item(&EditRequest {
                id: ids[n as usize % ids.len()],
                field: EditField::Caption,
                value: format!("{} round {round} caption {n}", archive.display()),
            })
            .unwrap();
    }
}

fn start_sync(archive: &Path) -> Child {
    folio()
        .arg("--archive")
        .arg(archive)
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn status(member: &Sandbox) -> Value {
    serde_json::from_str(&member.folio(&["team", "status", "--json"]).success().stdout).unwrap()
}

/// Syncs the members in turn until none has anything left to send or receive.
fn settle(members: &[&Sandbox]) {
    for _ in 0..3 {
        for member in members {
            member.folio(&["sync"]).success();
        }
    }
    for member in members {
        let status = status(member);
        assert_eq!(status["waiting_actions"], 0, "{status}");
        assert_eq!(status["last_error"], Value::Null, "{status}");
    }
}

/// The members hold the same record, and each holds every action of the team's log once.
fn assert_converged(database: &str, members: &[&Sandbox]) {
    let mut client = ::postgres::Client::connect(database, ::postgres::NoTls).unwrap();
    let in_log: Vec<String> = client
        .query("SELECT uid FROM folio.log ORDER BY uid", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut distinct = in_log.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        in_log.len(),
        "an action is twice in the log"
    );
    let mut dumps = Vec::new();
    for member in members {
        let reader = ReadHandle::open(&member.archive()).unwrap();
        let mut journal: Vec<String> = reader
            .journal(0)
            .unwrap()
            .into_iter()
            .map(|entry| entry.uid)
            .collect();
        journal.sort();
        assert_eq!(journal, in_log, "a member's journal is not the team's log");
        dumps.push(reader.dump().unwrap());
    }
    assert!(
        dumps.windows(2).all(|pair| pair[0] == pair[1]),
        "the members' records differ"
    );
}

#[test]
fn folio_killed_at_twenty_random_moments_of_a_sync_loses_and_doubles_nothing() {
    let team = team();
    let mut moments = Moments::seeded();
    let members = [&team.alice, &team.bob];
    // How long a whole sync took for each member lately: the kills land within it.
    let mut lasted = [Duration::from_millis(400); 2];
    let (mut kills, mut said_unfinished) = (0, 0);
    let mut round = 0;
    while kills < 20 {
        round += 1;
        assert!(
            round <= 80,
            "only {kills} of 80 syncs were killed before they ended"
        );
        work(&team.alice.archive(), round, 3, 30);
        work(&team.bob.archive(), round, 1, 30);
        for (member, lasted) in members.iter().zip(lasted.iter_mut()) {
            let started = Instant::now();
            let mut child = start_sync(&member.archive());
            std::thread::sleep(moments.within(lasted.mul_f64(1.2)));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap();
                child.wait().unwrap();
                kills += 1;
                let status = status(member);
                if let Some(said) = status["last_error"].as_str() {
                    assert!(said.contains("has not finished"), "{status}");
                    said_unfinished += 1;
                }
            } else {
                let output = child.wait_with_output().unwrap();
                assert!(
                    output.status.success(),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                *lasted = started.elapsed();
            }
        }
    }
    assert!(
        said_unfinished > 0,
        "a sync killed part way says so in the status"
    );
    settle(&members);
    assert_converged(&team.database, &members);
    drop(team.shared);
}

#[test]
fn two_folio_processes_on_one_members_archive_lose_and_double_nothing() {
    let team = team();
    // Bob's archive open for writing in another process (as the window keeps it): a sync is
    // refused in words and changes nothing.
    work(&team.alice.archive(), 0, 1, 5);
    team.alice.folio(&["sync"]).success();
    let before = ReadHandle::open(&team.bob.archive())
        .unwrap()
        .dump()
        .unwrap();
    let window = WriteHandle::open(&team.bob.archive()).unwrap();
    let refused = team.bob.folio(&["sync"]);
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains("in use by another Folio process"),
        "{}",
        refused.stderr
    );
    drop(window);
    assert_eq!(
        ReadHandle::open(&team.bob.archive())
            .unwrap()
            .dump()
            .unwrap(),
        before
    );

    // Two processes at once at random: a watching one, and commands beside it.
    let mut watcher = folio()
        .arg("--archive")
        .arg(team.bob.archive())
        .args(["sync", "--watch", "--poll", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let (mut synced, mut refused) = (0, 0);
    for round in 1..=12 {
        work(&team.alice.archive(), round, 1, 60);
        team.alice.folio(&["sync"]).success();
        // While Bob's watching process syncs on its own, a second process syncs and edits.
        let run = team.bob.folio(&["sync"]);
        if run.code == 0 {
            synced += 1;
        } else {
            assert!(
                run.stderr.contains("in use by another Folio process"),
                "{}",
                run.stderr
            );
            refused += 1;
        }
        let edit = team
            .bob
            .folio(&["edit", "1", "caption", &format!("Bob's caption {round}")]);
        assert!(
            edit.code == 0 || edit.stderr.contains("in use by another Folio process"),
            "{}",
            edit.stderr
        );
    }
    eprintln!("second process: {synced} syncs ran, {refused} found the archive in use");
    // The watcher passes Alice's work on by itself.
    let alice_made = ReadHandle::open(&team.alice.archive())
        .unwrap()
        .journal(0)
        .unwrap()
        .len();
    while ReadHandle::open(&team.bob.archive())
        .unwrap()
        .journal(0)
        .unwrap()
        .len()
        < alice_made
    {
        assert!(
            Instant::now() < deadline,
            "the watching process fell behind"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    settle(&[&team.alice, &team.bob]);
    assert_converged(&team.database, &[&team.alice, &team.bob]);
}

#[test]
fn a_full_shared_folder_is_said_in_words_and_the_next_sync_sends_everything() {
    let team = team();
    let files = team.alice.path().join("big");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("harbour.jpg"), photo("Harbour", 7)).unwrap();
    team.alice
        .folio(&["import", files.to_str().unwrap()])
        .success();

    // The share, full: a small file system mounted in its place and filled to the brim, in a
    // mount namespace of the sync's own.
    let script = r#"
        mount -t tmpfs -o size=64k tmpfs "$SHARED"
        cat /dev/zero > "$SHARED/filler" 2>/dev/null || true
        "$FOLIO" --archive "$ARCHIVE" sync
    "#;
    let probe = Command::new("unshare").args(["-rm", "true"]).output();
    if !probe.is_ok_and(|output| output.status.success()) {
        eprintln!("notice: user/mount namespaces unavailable; skipping the full-share test");
        return;
    }
    let full = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("FOLIO", env!("CARGO_BIN_EXE_folio"))
        .env("SHARED", team.shared.path())
        .env("ARCHIVE", team.alice.archive())
        .env_remove("FOLIO_ARCHIVE")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&full.stderr);
    assert!(!full.status.success(), "the sync failed: {said}");
    assert!(said.contains("is full"), "{said}");
    let status = status(&team.alice);
    assert_eq!(status["waiting_actions"], 1, "{status}");
    assert!(
        status["last_error"].as_str().unwrap().contains("is full"),
        "{status}"
    );

    // Room again (the share as it was): everything goes.
    team.alice.folio(&["sync"]).success();
    settle(&[&team.alice, &team.bob]);
    assert_converged(&team.database, &[&team.alice, &team.bob]);
}

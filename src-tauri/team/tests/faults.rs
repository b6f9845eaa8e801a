//! Faults in the middle of a sync lose nothing: PostgreSQL stopped while a member sends and
//! while a member receives, and the team's shared folder gone (a share not mounted). Each ends
//! with no action lost or doubled, a status that says what happened, and a next sync that
//! completes. (The network cut mid-upload is in `s3.rs`; Folio killed mid-sync, two processes
//! of one member and a full shared folder are the command line's tests.)

use std::time::{Duration, Instant};

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::library::editing::{EditField, EditRequest};
use folio_team::address::DatabaseAddress;
use folio_team::log::TeamLog;
use folio_team::objects::Objects;
use folio_team::sync;

use crate::postgres::Cluster;
use crate::sync::{Desk, assert_dumps_equal, caption, id_of, import, photo};

/// The advisory lock the team's appends take (see `log.rs`): held by the test, it holds every
/// append back.
const APPEND_LOCK: i64 = 0x46_6f_6c_69_6f;

/// More than two of the rounds' batches, so that a fault can land between them.
const EDITS: usize = 1200;

/// Bob receives in batches of this many actions — a dozen batches, more than the one his sync
/// fetches ahead — so that his pull can be stopped between two.
const PULL_BATCH: i64 = 100;

fn edit_many(handle: &mut WriteHandle, title: &str, count: usize, tag: &str) {
    let id = id_of(handle, title);
    for n in 0..count {
        handle
            .update_item(&EditRequest {
                id,
                field: EditField::Caption,
                value: format!("{tag} caption {n}"),
            })
            .unwrap();
    }
}

/// The team's log: how many actions, and how many distinct ones.
fn log_counts(client: &mut ::postgres::Client) -> (i64, i64) {
    let row = client
        .query_one("SELECT count(*), count(DISTINCT uid) FROM folio.log", &[])
        .unwrap();
    (row.get(0), row.get(1))
}

fn max_seq(client: &mut ::postgres::Client) -> i64 {
    client
        .query_one("SELECT coalesce(max(seq), 0) FROM folio.log", &[])
        .unwrap()
        .get(0)
}

fn pulled(dir: &std::path::Path) -> i64 {
    ReadHandle::open(dir)
        .unwrap()
        .membership()
        .unwrap()
        .unwrap()
        .pulled
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < deadline, "waited two minutes for {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn postgresql_stopped_mid_push_and_mid_pull_loses_and_doubles_nothing() {
    let cluster = Cluster::start_with(&["-i", "-A trust"]);
    let database = cluster.new_database();
    let shared = tempfile::tempdir().unwrap();
    let objects = shared.path().to_str().unwrap().to_owned();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    import(&mut a, &[("quay.jpg", photo("Quay", 4))], &alice.files());
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let bob = Desk::new();
    let (mut b, _) = sync::join(&bob.archive, &database, None).unwrap();
    edit_many(&mut a, "quay", EDITS, "Alice's");

    // Mid-push: once the first batch is in the log, the test holds the log's append lock, so
    // the next batch waits inside the database; then PostgreSQL is stopped.
    let pushed = std::thread::scope(|scope| {
        let pushing = scope.spawn(|| sync::sync(&mut a));
        let mut admin = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
        wait_until("the first batch in the log", || {
            max_seq(&mut admin) >= sync::SEND_BATCH
        });
        admin
            .execute("SELECT pg_advisory_lock($1)", &[&APPEND_LOCK])
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(!pushing.is_finished(), "the push waits for the next batch");
        cluster.stop_server();
        pushing.join().unwrap()
    });
    let error = pushed.unwrap_err().to_string();
    assert!(error.contains("nothing is lost"), "{error}");
    let status = sync::status(&a).unwrap().unwrap();
    assert!(
        status
            .last_error
            .as_deref()
            .unwrap()
            .contains("nothing is lost"),
        "{status:?}"
    );
    let waiting = status.waiting_actions as usize;
    assert!(
        waiting > 0 && waiting < EDITS,
        "part was sent, part waits: {waiting} of {EDITS} wait"
    );

    cluster.start_server();
    let mut admin = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
    let (in_log, _) = log_counts(&mut admin);
    assert_eq!(
        in_log as usize + waiting,
        1 + EDITS,
        "what the log holds and what waits here make up every action"
    );
    let report = sync::sync(&mut a).unwrap();
    assert_eq!(report.sent, waiting, "{report:?}");
    assert_eq!(log_counts(&mut admin), (1 + EDITS as i64, 1 + EDITS as i64));
    assert_eq!(sync::status(&a).unwrap().unwrap().last_error, None);

    // Mid-pull: once Bob has applied the first batch, the test locks the log against reading,
    // so Bob's next read waits inside the database; then PostgreSQL is stopped.
    let received = std::thread::scope(|scope| {
        let receiving = scope.spawn(|| {
            let address = DatabaseAddress::parse(&database).unwrap();
            let mut log = TeamLog::connect(&address)
                .unwrap()
                .receiving_at_most(PULL_BATCH);
            let store = Objects::open(&objects).unwrap();
            sync::sync_over(&mut b, &mut log, &store)
        });
        wait_until("Bob's first batch applied", || {
            pulled(&bob.archive) >= PULL_BATCH
        });
        let mut locker = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
        let mut lock = locker.transaction().unwrap();
        lock.batch_execute("LOCK TABLE folio.log IN ACCESS EXCLUSIVE MODE")
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            !receiving.is_finished(),
            "the pull waits for its next batch"
        );
        cluster.stop_server();
        drop(lock);
        receiving.join().unwrap()
    });
    let error = received.unwrap_err().to_string();
    assert!(error.contains("nothing is lost"), "{error}");
    let cursor = pulled(&bob.archive);
    assert!(
        cursor >= PULL_BATCH && cursor < 1 + EDITS as i64,
        "Bob stopped part way: at {cursor}"
    );
    assert!(
        sync::status(&b)
            .unwrap()
            .unwrap()
            .last_error
            .unwrap()
            .contains("nothing is lost")
    );

    cluster.start_server();
    let report = sync::sync(&mut b).unwrap();
    assert_eq!(
        report.received as i64,
        1 + EDITS as i64 - cursor,
        "{report:?}"
    );
    assert_eq!(
        caption(&b, "quay"),
        format!("Alice's caption {}", EDITS - 1)
    );
    assert_dumps_equal(&a, &b);
    let mut admin = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
    assert_each_action_once(&mut admin, &[&*a, &*b]);
}

/// Every member's journal holds each of the log's actions exactly once, and nothing else.
pub fn assert_each_action_once(client: &mut ::postgres::Client, members: &[&ReadHandle]) {
    let mut in_log: Vec<String> = client
        .query("SELECT uid FROM folio.log ORDER BY uid", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    let before = in_log.len();
    in_log.dedup();
    assert_eq!(in_log.len(), before, "an action is twice in the team's log");
    for member in members {
        let mut journal: Vec<String> = member
            .journal(0)
            .unwrap()
            .into_iter()
            .map(|entry| entry.uid)
            .collect();
        journal.sort();
        assert_eq!(journal, in_log, "a member's journal differs from the log");
    }
}

#[test]
fn a_shared_folder_that_is_not_there_is_said_in_words_and_sends_nothing_until_it_is_back() {
    let (database, shared, objects) = crate::sync::new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    import(&mut a, &[("pier.jpg", photo("Pier", 5))], &alice.files());

    // The share is not mounted: its mount point is an empty place on the local disk.
    let away = shared.path().with_extension("unmounted");
    std::fs::rename(shared.path(), &away).unwrap();
    let error = sync::sync(&mut a).unwrap_err().to_string();
    assert!(error.contains("is not there"), "{error}");
    assert!(error.contains("mounted"), "{error}");
    assert!(
        !shared.path().exists(),
        "Folio made no folder in the share's place"
    );
    let status = sync::status(&a).unwrap().unwrap();
    assert_eq!((status.waiting_actions, status.waiting_uploads), (1, 1));
    let mut admin = ::postgres::Client::connect(&database, ::postgres::NoTls).unwrap();
    assert_eq!(log_counts(&mut admin), (0, 0), "nothing was sent");

    std::fs::rename(&away, shared.path()).unwrap();
    let report = sync::sync(&mut a).unwrap();
    assert_eq!((report.sent, report.uploaded), (1, 1), "{report:?}");
    assert_eq!(log_counts(&mut admin), (1, 1));
    let bob = Desk::new();
    let (b, _) = sync::join(&bob.archive, &database, None).unwrap();
    assert_eq!(caption(&b, "pier"), "Pier");
    assert_dumps_equal(&a, &b);
}

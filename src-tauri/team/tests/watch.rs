//! A member that watches its team: woken by PostgreSQL's notifications, it applies another
//! member's change within moments, with no polling to wait for.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::items::ItemView;
use folio_core::library::editing::{EditField, EditRequest};
use folio_team::sync;

use crate::sync::{Desk, id_of, import, new_team_places, photo};

fn caption_in(dir: &std::path::Path) -> String {
    let reader = ReadHandle::open(dir).unwrap();
    let id = reader.list(None, 10).unwrap()[0].id;
    match reader.show(id).unwrap() {
        ItemView::Photo(photo) => photo.caption,
        ItemView::Article(_) => panic!("a photo"),
    }
}

#[test]
fn a_watching_member_shows_another_members_edit_within_two_seconds() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    import(&mut a, &[("quay.jpg", photo("Quay", 6))], &alice.files());
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let bob = Desk::new();
    drop(sync::join(&bob.archive, &database, None).unwrap());

    // Bob watches; polling alone would take a minute.
    let stop = Arc::new(AtomicBool::new(false));
    let rounds = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let watcher = {
        let (stop, rounds, dir, database) = (
            stop.clone(),
            rounds.clone(),
            bob.archive.clone(),
            database.clone(),
        );
        std::thread::spawn(move || {
            sync::watch(
                &database,
                Duration::from_secs(60),
                &stop,
                || {
                    let mut handle = WriteHandle::open(&dir)?;
                    sync::sync(&mut handle)?;
                    rounds.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                },
                |error| panic!("Bob's watch failed: {error}"),
            )
        })
    };
    let started = Instant::now();
    while rounds.load(Ordering::SeqCst) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no first round"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let id = id_of(&a, "quay");
    a.update_item(&EditRequest {
        id,
        field: EditField::Caption,
        value: "The quay at noon".into(),
    })
    .unwrap();
    sync::sync(&mut a).unwrap();
    let sent = Instant::now();
    while caption_in(&bob.archive) != "The quay at noon" {
        assert!(
            sent.elapsed() < Duration::from_secs(2),
            "Bob did not show Alice's edit within 2 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap().unwrap();
}

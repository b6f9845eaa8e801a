//! Who may do what is PostgreSQL's to say: the team schema's reader, editor and admin roles, a
//! reader's archive that receives the team and changes nothing, the role that pushed each action.

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::tagging::TagRequest;
use folio_core::progress::{CancelToken, NoProgress};
use folio_team::sync;

use crate::postgres::{self, as_role, unique};
use crate::sync::{Desk, caption, id_of, import, new_team_places, photo};

/// Login roles, one granted each group role, and one granted none.
struct Logins {
    reader: String,
    editor: String,
    nobody: String,
}

fn make_logins(database: &str) -> Logins {
    let mut admin = ::postgres::Client::connect(database, ::postgres::NoTls).unwrap();
    let logins = Logins {
        reader: unique("reader"),
        editor: unique("editor"),
        nobody: unique("nobody"),
    };
    admin
        .batch_execute(&format!(
            "CREATE ROLE {reader} LOGIN; GRANT folio_reader TO {reader};
             CREATE ROLE {editor} LOGIN; GRANT folio_editor TO {editor};
             CREATE ROLE {nobody} LOGIN;",
            reader = logins.reader,
            editor = logins.editor,
            nobody = logins.nobody,
        ))
        .unwrap();
    logins
}

fn connect(url: &str) -> Result<::postgres::Client, ::postgres::Error> {
    ::postgres::Client::connect(url, ::postgres::NoTls)
}

#[test]
fn the_team_schema_gives_readers_reading_editors_pushing_and_other_logins_nothing() {
    let (database, _shared, objects) = new_team_places();
    let desk = Desk::new();
    let mut a = WriteHandle::open_or_create(&desk.archive).unwrap();
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    assert!(
        !a.membership().unwrap().unwrap().read_only,
        "the team's creator owns its log"
    );
    let logins = make_logins(&database);

    // A login without a Folio role cannot even connect to the team's database.
    let Err(refused) = connect(&as_role(&database, &logins.nobody)) else {
        panic!("a login without a Folio role connected");
    };
    let refused = refused.as_db_error().map(|e| e.message().to_owned());
    assert!(
        refused
            .as_deref()
            .is_some_and(|m| m.contains("permission denied")),
        "{refused:?}"
    );

    let mut reader = connect(&as_role(&database, &logins.reader)).unwrap();
    let row = reader
        .query_one("SELECT name FROM folio.team", &[])
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "Desk");
    let insert = "INSERT INTO folio.log (seq, uid, kind, author, at, payload, pushed_by)
                  VALUES ($1, $2, 'legacy', 'someone', '2026-01-01T00:00:00Z', '\"Legacy\"', 'someone')";
    let error = reader.execute(insert, &[&1000_i64, &"r"]).unwrap_err();
    assert_eq!(
        error.code(),
        Some(&::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{error}"
    );
    let error = reader
        .execute("UPDATE folio.team SET name = 'Mine'", &[])
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{error}"
    );

    // An editor adds to the log, and the log records the login that did, whatever it claims.
    let mut editor = connect(&as_role(&database, &logins.editor)).unwrap();
    editor.execute(insert, &[&1000_i64, &"e"]).unwrap();
    let pushed_by: String = editor
        .query_one("SELECT pushed_by FROM folio.log WHERE uid = 'e'", &[])
        .unwrap()
        .get(0);
    assert_eq!(pushed_by, logins.editor);
    let error = editor
        .execute("DELETE FROM folio.log WHERE uid = 'e'", &[])
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{error}"
    );

    // The roles belong to the whole server: a second team on it installs beside the first.
    let second = postgres::new_database();
    let other = Desk::new();
    let mut b = WriteHandle::open_or_create(&other.archive).unwrap();
    sync::create(&mut b, &second, &objects, "Sports desk").unwrap();
}

#[test]
fn a_reader_receives_the_team_with_who_pushed_each_change_and_changes_nothing() {
    let (database, _shared, objects) = new_team_places();
    let alice = Desk::new();
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    import(
        &mut a,
        &[("harbour.jpg", photo("The harbour at dawn", 1))],
        &alice.files(),
    );
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let logins = make_logins(&database);

    // Carol is an editor: her caption goes to the team under her role.
    let carol = Desk::new();
    let (mut c, _) = sync::join(&carol.archive, &as_role(&database, &logins.editor), None).unwrap();
    assert!(!c.membership().unwrap().unwrap().read_only);
    let photo_id = id_of(&c, "harbour");
    c.update_item(&EditRequest {
        id: photo_id,
        field: EditField::Caption,
        value: "The harbour, seen by Carol".into(),
    })
    .unwrap();
    assert_eq!(sync::sync(&mut c).unwrap().sent, 1);

    // Bob is a reader: he receives everything, with the role that pushed each change.
    let bob = Desk::new();
    let (mut b, joined) =
        sync::join(&bob.archive, &as_role(&database, &logins.reader), None).unwrap();
    assert_eq!(joined.received, 2, "{joined:?}");
    let team = b.membership().unwrap().unwrap();
    assert!(team.read_only, "{team:?}");
    assert!(sync::status(&b.reader()).unwrap().unwrap().reader);
    assert_eq!(caption(&b, "harbour"), "The harbour, seen by Carol");
    let history = b.history(id_of(&b, "harbour")).unwrap();
    let edit = history
        .iter()
        .find(|entry| entry.field == "caption")
        .unwrap_or_else(|| panic!("{history:?}"));
    assert_eq!(edit.pushed_by.as_deref(), Some(logins.editor.as_str()));

    // Whatever Bob tries is refused before anything changes, in words.
    let before = b.dump().unwrap();
    let id = id_of(&b, "harbour");
    let refusals = [
        b.update_item(&EditRequest {
            id,
            field: EditField::Caption,
            value: "Bob's caption".into(),
        })
        .map(|_| ())
        .unwrap_err(),
        b.tag_items(&TagRequest {
            ids: vec![id],
            add: vec!["Bob".into()],
            remove: vec![],
        })
        .map(|_| ())
        .unwrap_err(),
        {
            let path = bob.files().join("new.jpg");
            std::fs::write(&path, photo("Bob's photo", 9)).unwrap();
            b.import(
                &[path],
                &ImportOptions::default(),
                &NoProgress,
                &CancelToken::new(),
            )
            .map(|_| ())
            .unwrap_err()
        },
    ];
    for refusal in refusals {
        assert_eq!(
            refusal.to_string(),
            "this archive is a reader of the team \"Desk\": ask the team's admin to make you an editor"
        );
    }
    assert_eq!(
        b.dump().unwrap(),
        before,
        "a reader's archive stays as it was"
    );
    assert_eq!(b.waiting_count().unwrap(), 0);

    // Carol's next change still reaches Bob.
    c.update_item(&EditRequest {
        id: photo_id,
        field: EditField::Caption,
        value: "The harbour at noon".into(),
    })
    .unwrap();
    sync::sync(&mut c).unwrap();
    assert_eq!(sync::sync(&mut b).unwrap().received, 1);
    assert_eq!(caption(&b, "harbour"), "The harbour at noon");

    // A reader's archive tampered into making a change: the database refuses to take it, in words.
    b.set_team_access(false).unwrap();
    b.update_item(&EditRequest {
        id,
        field: EditField::Caption,
        value: "Bob's caption".into(),
    })
    .unwrap();
    let error = sync::sync(&mut b).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "the team's database refused this archive's changes: the role \"{}\" may read the team but not change it (a reader); ask the team's admin to make it an editor",
            logins.reader
        )
    );
    assert!(
        b.membership().unwrap().unwrap().read_only,
        "the round learnt the role's rights again"
    );
    let mut log = connect(&database).unwrap();
    let count: i64 = log
        .query_one("SELECT count(*) FROM folio.log", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, 3, "nothing of Bob's reached the log");
}

//! `folio team …` against a PostgreSQL cluster that asks for passwords (SCRAM): passwords given
//! on standard input, in the address or in PGPASSWORD, kept in the keychain (the kernel's
//! keyutils here: no D-Bus) and in no file of the archive; a refused password in words and
//! `folio team password`; a reader whose changes the CLI refuses, its archive unchanged.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use folio_samples::photos;

use crate::postgres::{Cluster, as_role, unique};
use crate::util::{Run, Sandbox, folio};

fn cluster() -> &'static Cluster {
    static CLUSTER: OnceLock<Cluster> = OnceLock::new();
    CLUSTER.get_or_init(|| Cluster::start_with(&["-i", "-A scram-sha-256"]))
}

/// `folio --archive ARCHIVE ARGS…` with `stdin` on its standard input, the keychain the kernel's
/// and no password in its environment unless `env` gives one.
fn run(archive: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut command: Command = folio();
    command
        .arg("--archive")
        .arg(archive)
        .args(args)
        .env_remove("PGPASSWORD")
        .env_remove("FOLIO_TEAM_PASSWORD")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("folio starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The superuser's address of a new database, without its password, and that password.
fn new_database() -> (String, String) {
    let cluster = cluster();
    let url = cluster.new_database();
    (
        as_role(&url, cluster.superuser()),
        cluster.password().to_owned(),
    )
}

fn create_login(database_with_password: &str, group: &str, password: &str) -> String {
    let role = unique("desk");
    let mut admin = ::postgres::Client::connect(database_with_password, ::postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT {group} TO {role};"
        ))
        .unwrap();
    role
}

/// The address with its superuser's password in it.
fn with_password(database: &str, password: &str) -> String {
    let user = cluster().superuser();
    database.replacen(&format!("://{user}@"), &format!("://{user}:{password}@"), 1)
}

/// Every file under `dir` (the archive's database, its journal files, originals, thumbnails)
/// read whole: none holds `secret`.
fn assert_nowhere_in(dir: &Path, secret: &str) {
    let mut files = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files += 1;
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    !bytes
                        .windows(secret.len())
                        .any(|window| window == secret.as_bytes()),
                    "the password is in {}",
                    path.display()
                );
            }
        }
    }
    assert!(files > 3, "the archive was looked through ({files} files)");
}

#[test]
fn passwords_are_kept_in_the_keychain_never_in_the_archive_and_a_refused_one_is_said_in_words() {
    let (database, superuser_password) = new_database();
    let alice = Sandbox::new();
    let shared = Sandbox::new();
    let objects = shared.path().to_str().unwrap();

    // Without a password the server refuses, in words.
    let refused = run(
        &alice.archive(),
        &[
            "team",
            "create",
            "--db",
            &database,
            "--objects",
            objects,
            "--name",
            "Desk",
        ],
        "",
        &[],
    );
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains(&format!(
            "PostgreSQL asks for a password for role {} on localhost",
            cluster().superuser()
        )),
        "{}",
        refused.stderr
    );

    let created = run(
        &alice.archive(),
        &[
            "team",
            "create",
            "--db",
            &database,
            "--objects",
            objects,
            "--name",
            "Desk",
            "--password-stdin",
        ],
        &format!("{superuser_password}\n"),
        &[],
    );
    assert_eq!(created.code, 0, "{}", created.stderr);
    // Each later connection finds the password in the keychain.
    run(&alice.archive(), &["sync"], "", &[]).success();
    let status = run(&alice.archive(), &["team", "status", "--json"], "", &[])
        .success()
        .json();
    assert_eq!(status["database"].as_str(), Some(database.as_str()));
    assert_nowhere_in(&alice.archive(), &superuser_password);

    // Bob's password comes from PGPASSWORD; the server changes it later.
    let bob_role = create_login(
        &with_password(&database, &superuser_password),
        "folio_editor",
        "first-Secret",
    );
    let bob = Sandbox::new();
    let bob_database = as_role(&database, &bob_role);
    run(
        &bob.archive(),
        &["team", "join", "--db", &bob_database],
        "",
        &[("PGPASSWORD", "first-Secret")],
    )
    .success();
    run(&bob.archive(), &["sync"], "", &[]).success();
    assert_nowhere_in(&bob.archive(), "first-Secret");

    let mut admin = ::postgres::Client::connect(
        &with_password(&database, &superuser_password),
        ::postgres::NoTls,
    )
    .unwrap();
    admin
        .batch_execute(&format!("ALTER ROLE {bob_role} PASSWORD 'second-Secret'"))
        .unwrap();
    let failed = run(&bob.archive(), &["sync"], "", &[]);
    assert_ne!(failed.code, 0);
    assert!(
        failed.stderr.contains(&format!(
            "PostgreSQL refused the password for role {bob_role} on localhost; run `folio team password` to store the right one"
        )),
        "{}",
        failed.stderr
    );
    // A wrong one is not kept.
    let wrong = run(
        &bob.archive(),
        &["team", "password", "--password-stdin"],
        "not-it\n",
        &[],
    );
    assert_ne!(wrong.code, 0);
    assert!(
        wrong.stderr.contains("refused the password"),
        "{}",
        wrong.stderr
    );
    run(
        &bob.archive(),
        &["team", "password", "--password-stdin"],
        "second-Secret\n",
        &[],
    )
    .success();
    run(&bob.archive(), &["sync"], "", &[]).success();
    assert_nowhere_in(&bob.archive(), "second-Secret");
}

#[test]
fn a_readers_changes_are_refused_by_the_cli_before_anything_changes() {
    let (database, superuser_password) = new_database();
    let alice = Sandbox::new();
    let shared = Sandbox::new();
    let inputs = alice.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("harbour.jpg"), photos::jpeg(64, 48)).unwrap();
    let imported = alice
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success()
        .json();
    let alice_id = imported["imported"][0]["id"].to_string();
    run(
        &alice.archive(),
        &[
            "team",
            "create",
            "--db",
            &database,
            "--objects",
            shared.path().to_str().unwrap(),
            "--name",
            "Desk",
            "--password-stdin",
        ],
        &format!("{superuser_password}\n"),
        &[],
    )
    .success();
    alice
        .folio(&["edit", &alice_id, "caption", "The harbour at dawn"])
        .success();
    run(&alice.archive(), &["sync"], "", &[]).success();

    // The reader's password is in the address: taken out of it, and the user told so.
    let reader = create_login(
        &with_password(&database, &superuser_password),
        "folio_reader",
        "reader-Secret",
    );
    let bob = Sandbox::new();
    let address = as_role(&database, &reader).replacen(
        &format!("://{reader}@"),
        &format!("://{reader}:reader-Secret@"),
        1,
    );
    let joined = run(&bob.archive(), &["team", "join", "--db", &address], "", &[]).success();
    assert!(
        joined
            .stderr
            .contains("The password is taken out of the address"),
        "{}",
        joined.stderr
    );
    assert_nowhere_in(&bob.archive(), "reader-Secret");
    let status = run(&bob.archive(), &["team", "status"], "", &[]).success();
    assert!(
        status.stdout.contains("Access:      reader"),
        "{}",
        status.stdout
    );

    let list = bob.folio(&["list", "--json"]).success().json();
    let id = list[0]["id"].to_string();
    let show = bob.folio(&["show", "--json", &id]).success().json();
    assert_eq!(
        show["caption"].as_str(),
        Some("The harbour at dawn"),
        "{show}"
    );
    let history = bob.folio(&["history", &id]).success();
    assert!(
        history
            .stdout
            .contains(&format!("(sent to the team as {})", cluster().superuser())),
        "{}",
        history.stdout
    );

    let new_photo = inputs.join("new.jpg");
    std::fs::write(&new_photo, photos::jpeg(65, 48)).unwrap();
    let message =
        "this archive is a reader of the team \"Desk\": ask the team's admin to make you an editor";
    for attempt in [
        vec!["edit", id.as_str(), "caption", "Bob's caption"],
        vec!["tag", "--add", "Bob", id.as_str()],
        vec!["import", new_photo.to_str().unwrap()],
    ] {
        let refused = bob.folio(&attempt);
        assert_ne!(refused.code, 0, "{attempt:?}");
        assert!(
            refused.stderr.contains(message),
            "{attempt:?}: {}",
            refused.stderr
        );
    }
    assert_eq!(bob.folio(&["list", "--json"]).success().json(), list);
    assert_eq!(bob.folio(&["show", "--json", &id]).success().json(), show);
    let status = run(&bob.archive(), &["team", "status", "--json"], "", &[])
        .success()
        .json();
    assert_eq!(status["waiting_actions"], 0, "{status}");
}

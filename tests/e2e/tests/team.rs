//! A team in two real app windows at once: two archives, members of one team whose log is in a
//! throwaway PostgreSQL cluster (Debian's `pg_virtualenv`, as the team crate's tests start it)
//! and whose originals are in a shared folder. A caption edited in one member's window appears
//! in the other's open inspector within seconds, with no reload, and both sync indicators then
//! read "Up to date" — and "Offline since …" once the database has gone. The team is set up with the `folio` CLI (create from the first archive,
//! join in a new second one); everything after that happens in the windows. A second test
//! creates a team and joins it from the windows themselves, through the commands the Team dialog
//! calls (the dialog's forms are the browser tests'), the join's folder picker answered by the
//! debug build's stand-in.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use folio_e2e::{Driver, Result, Session, app_binary, cli_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);
/// How soon another member's edit must show: a notification, one round, one refresh.
const SOON: Duration = Duration::from_secs(10);
const CAPTION: &str = "The harbour at dawn, seen from the ferry";

/// A PostgreSQL cluster for this test, with an empty database `desk`, in a temporary folder of its
/// own (`-t`, so runs at once do not collide); pg_virtualenv removes it when it is dropped (or when this test's process ends, whichever comes first).
struct Cluster {
    child: Child,
    stop: std::path::PathBuf,
    url: String,
}

impl Cluster {
    fn start(dir: &Path) -> Result<Self> {
        let env_file = dir.join("env");
        let stop = dir.join("stop");
        // Inside the cluster's life: make the database, write the connection settings, then live
        // until told to stop or this test's process ends.
        let script = format!(
            "createdb desk && env > '{0}.part' && mv '{0}.part' '{0}'; \
             while kill -0 {1} 2>/dev/null && [ ! -e '{2}' ]; do sleep 0.2; done",
            env_file.display(),
            std::process::id(),
            stop.display()
        );
        let child = Command::new("pg_virtualenv")
            .args(["-t", "-i", "-A trust", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("pg_virtualenv (scripts/setup.sh --test installs it): {e}"))?;
        let mut cluster = Cluster {
            child,
            stop,
            url: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        let env = loop {
            if let Ok(text) = std::fs::read_to_string(&env_file) {
                break text;
            }
            if Instant::now() > deadline {
                return Err("the PostgreSQL cluster did not start within 2 minutes".into());
            }
            sleep(Duration::from_millis(100));
        };
        let get = |name: &str| {
            env.lines()
                .find_map(|line| line.strip_prefix(&format!("{name}=")))
                .map(str::to_owned)
                .ok_or(format!("pg_virtualenv set no {name}"))
        };
        let host = get("PGHOST")?;
        // A socket folder cannot go in a URL; the cluster also listens on localhost.
        let host = if host.starts_with('/') {
            "localhost".to_owned()
        } else {
            host
        };
        cluster.url = format!(
            "postgres://{}@{host}:{}/desk",
            get("PGUSER")?,
            get("PGPORT")?
        );
        Ok(cluster)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // The waiting shell ends, and pg_virtualenv removes the cluster behind it.
        let _ = std::fs::write(&self.stop, "");
        let _ = self.child.wait();
    }
}

fn run(program: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} {args:?} failed: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn folio(archive: &Path, args: &[&str]) -> Result<String> {
    let mut all = vec!["--archive", archive.to_str().ok_or("archive path")?];
    all.extend_from_slice(args);
    run(&cli_binary(), &all)
}

/// Selects the list's first item, so the inspector shows it.
fn open_first_item(session: &Session<'_>) -> Result<()> {
    session.text_of("[data-testid=item-row]", PATIENCE)?;
    session.execute(
        "document.querySelector('[data-testid=item-row]').click(); return true;",
        json!([]),
    )?;
    session.text_of("[data-testid=field-caption]", PATIENCE)?;
    Ok(())
}

/// The caption the inspector shows.
fn shown_caption(session: &Session<'_>) -> Result<String> {
    Ok(session
        .execute(
            "const field = document.querySelector('[data-testid=field-caption]');
             return field ? field.value : null;",
            json!([]),
        )?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Edits the caption in the inspector as a person does: types it, then leaves the field.
fn edit_caption(session: &Session<'_>, caption: &str) -> Result<()> {
    session.execute(
        "const [text] = arguments;
         const field = document.querySelector('[data-testid=field-caption]');
         const prototype = field instanceof HTMLTextAreaElement
             ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
         field.focus();
         Object.getOwnPropertyDescriptor(prototype, 'value').set.call(field, text);
         field.dispatchEvent(new Event('input', { bubbles: true }));
         field.blur();
         return true;",
        json!([caption]),
    )?;
    Ok(())
}

#[test]
fn a_caption_edited_in_one_members_window_appears_in_the_others() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let cluster = Cluster::start(temp.path())?;
    let shared = temp.path().join("shared originals");
    let (alice, bob) = (temp.path().join("alice"), temp.path().join("bob"));

    // Alice's archive holds a photo; she makes it a team; Bob joins in a new archive.
    let photo = temp.path().join("harbour.jpg");
    let made = Command::new("convert")
        .args(["-size", "800x600", "gradient:navy-orange"])
        .arg(&photo)
        .status()
        .map_err(|e| format!("ImageMagick's convert: {e}"))?;
    assert!(made.success(), "convert failed");
    folio(&alice, &["import", photo.to_str().ok_or("photo path")?])?;
    let objects = shared.to_str().ok_or("shared path")?;
    folio(
        &alice,
        &[
            "team",
            "create",
            "--db",
            &cluster.url,
            "--objects",
            objects,
            "--name",
            "Desk",
        ],
    )?;
    folio(&bob, &["team", "join", "--db", &cluster.url])?;

    // Both windows open at once, each on its own archive with its own home.
    let alice_driver = Driver::start(&[("FOLIO_ARCHIVE", &alice)])?;
    let bob_driver = Driver::start(&[("FOLIO_ARCHIVE", &bob)])?;
    let alice_window = alice_driver.session(&app_binary())?;
    let bob_window = bob_driver.session(&app_binary())?;
    for window in [&alice_window, &bob_window] {
        window.text_of("[data-ready=true]", PATIENCE)?;
        window.wait_for_text("[data-testid=team-indicator]", "Up to date", PATIENCE)?;
        open_first_item(window)?;
    }
    assert_ne!(shown_caption(&bob_window)?, CAPTION);

    edit_caption(&alice_window, CAPTION)?;
    let edited = Instant::now();
    while shown_caption(&bob_window)? != CAPTION {
        if edited.elapsed() > SOON {
            return Err(format!(
                "Bob's inspector still shows {:?} {SOON:?} after Alice's edit",
                shown_caption(&bob_window)?
            ));
        }
        sleep(Duration::from_millis(100));
    }
    eprintln!(
        "Alice's caption reached Bob's window in {:?}",
        edited.elapsed()
    );

    // Everything is sent and received: both indicators say so.
    for window in [&alice_window, &bob_window] {
        window.wait_for_text("[data-testid=team-indicator]", "Up to date", SOON)?;
    }

    // The team's database goes away: both windows say they are offline, and since when.
    drop(cluster);
    for window in [&alice_window, &bob_window] {
        window.wait_for_text("[data-testid=team-indicator]", "Offline since", PATIENCE)?;
    }
    Ok(())
}

#[test]
fn a_team_is_created_in_one_window_and_joined_from_another() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let cluster = Cluster::start(temp.path())?;
    let shared = temp.path().join("shared originals");
    let (alice, bob) = (temp.path().join("alice"), temp.path().join("bob"));
    let joined = temp.path().join("Bob's team archive");
    let photo = temp.path().join("pier.jpg");
    let made = Command::new("convert")
        .args(["-size", "640x480", "gradient:teal-white"])
        .arg(&photo)
        .status()
        .map_err(|e| format!("ImageMagick's convert: {e}"))?;
    assert!(made.success(), "convert failed");
    folio(&alice, &["import", photo.to_str().ok_or("photo path")?])?;

    // Alice makes her archive a team from her window.
    let alice_driver = Driver::start(&[("FOLIO_ARCHIVE", &alice)])?;
    let alice_window = alice_driver.session(&app_binary())?;
    alice_window.text_of("[data-ready=true]", PATIENCE)?;
    let team = alice_window.invoke(
        "create_team",
        json!({"database": cluster.url, "objects": shared, "name": "Desk", "password": null}),
        PATIENCE,
    )?;
    assert_eq!(team["team"], "Desk", "{team}");
    assert_eq!(team["reader"], false, "{team}");
    alice_window.wait_for_text("[data-testid=team-indicator]", "Up to date", PATIENCE)?;
    assert!(
        shared.join("originals").is_dir(),
        "the original went to the team's folder"
    );

    // Bob joins from his window: the new archive goes in the folder the picker answers, and the
    // app restarts on it (which ends this WebDriver session: the answer may never come).
    let bob_driver = Driver::start(&[("FOLIO_ARCHIVE", &bob), ("FOLIO_E2E_TEAM_FOLDER", &joined)])?;
    let bob_window = bob_driver.session(&app_binary())?;
    bob_window.text_of("[data-ready=true]", PATIENCE)?;
    let _ = bob_window.invoke_answer(
        "join_team",
        json!({"database": cluster.url, "objects": null, "password": null}),
        PATIENCE,
    );
    let deadline = Instant::now() + PATIENCE;
    loop {
        // Nothing is asked of the folder before the app has made the archive there (a command
        // that made one first would leave it not empty).
        let made = joined.join("folio.sqlite").is_file();
        let status = if made {
            folio(&joined, &["team", "status", "--json"]).unwrap_or_default()
        } else {
            String::new()
        };
        let listed = if status.contains("\"Desk\"") {
            folio(&joined, &["list"]).unwrap_or_default()
        } else {
            String::new()
        };
        if listed.contains("pier") {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the joined archive in {} does not hold the team: {status} {listed}",
                joined.display()
            ));
        }
        sleep(Duration::from_millis(200));
    }
    Ok(())
}

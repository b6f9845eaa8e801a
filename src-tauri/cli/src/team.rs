//! `folio team …` and `folio sync`: making the archive a member of a team, one sync round, the
//! team's status, and leaving it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_team::address::DatabaseAddress;
use folio_team::sync::{self, SyncReport};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Make this archive the first member of a new team.
    Create {
        /// The team's PostgreSQL database: postgres://USER@HOST[:PORT]/DATABASE.
        #[arg(long = "db", value_name = "URL")]
        database: String,
        /// Where the team shares originals: a folder every member mounts, or s3://BUCKET[/FOLDER].
        #[arg(long, value_name = "URL")]
        objects: String,
        /// The team's name.
        #[arg(long, default_value = "Press office")]
        name: String,
        /// Read the database password from standard input (else it is asked for on a terminal,
        /// or taken from PGPASSWORD). It is kept in this computer's keychain, never in the archive.
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// Make a new archive (at the archive location) holding a team's record.
    Join {
        #[arg(long = "db", value_name = "URL")]
        database: String,
        /// Where this computer finds the team's originals, if not where the team says.
        #[arg(long, value_name = "URL")]
        objects: Option<String>,
        /// Read the database password from standard input (else it is asked for on a terminal,
        /// or taken from PGPASSWORD). It is kept in this computer's keychain, never in the archive.
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// Check a new password for the team's database and keep it in this computer's keychain.
    Password {
        /// Read the password from standard input instead of asking for it.
        #[arg(long)]
        password_stdin: bool,
    },
    /// The team, the last sync, what waits to be sent, the last error.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Stop syncing; the archive stays as it is.
    Leave,
    /// The cache of originals fetched from the team (they come when shown, exported or
    /// copied): how full it is, or set its size limit (default 10GB).
    Cache {
        /// The new limit, like 5GB or 500MB; the least recently used originals beyond it are
        /// removed (never one imported here).
        #[arg(long, value_name = "SIZE")]
        limit: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn team(dir: &Path, action: TeamAction) -> anyhow::Result<ExitCode> {
    match action {
        TeamAction::Create {
            database,
            objects,
            name,
            password_stdin,
            json,
        } => {
            let database = with_password(&database, password_stdin)?;
            let mut handle = WriteHandle::open_or_create(dir)?;
            let report = sync::create(&mut handle, &database, &objects, &name)?;
            print_report(
                &report,
                json,
                &format!("Created the team \"{}\".", name.trim()),
            )
        }
        TeamAction::Join {
            database,
            objects,
            password_stdin,
            json,
        } => {
            let database = with_password(&database, password_stdin)?;
            let dir: PathBuf = dir.to_path_buf();
            let (handle, report) = sync::join(&dir, &database, objects.as_deref())?;
            let team = handle.membership()?.map(|t| t.name).unwrap_or_default();
            print_report(
                &report,
                json,
                &format!("Joined the team \"{team}\" in {}.", dir.display()),
            )
        }
        TeamAction::Status { json } => status(dir, json),
        TeamAction::Cache { limit, json } => crate::originals::cache(dir, limit.as_deref(), json),
        TeamAction::Password { password_stdin } => {
            let reader = ReadHandle::open(dir)?;
            let team = reader.membership()?.ok_or_else(|| {
                anyhow::anyhow!(
                    "this archive is not in a team (folio team create or folio team join)"
                )
            })?;
            let address = DatabaseAddress::parse(&team.database)?;
            let password = if password_stdin {
                Some(read_stdin_password()?)
            } else {
                ask_password(&address)?
            };
            let Some(password) = password else {
                anyhow::bail!("give the password on a terminal or with --password-stdin");
            };
            sync::change_password(&reader, &password)?;
            println!(
                "PostgreSQL took the password for role {} on {}; it is kept in this computer's keychain.",
                address.role(),
                address.host()
            );
            Ok(ExitCode::SUCCESS)
        }
        TeamAction::Leave => {
            let mut handle = WriteHandle::open(dir)?;
            sync::leave(&mut handle)?;
            println!("Left the team; this archive keeps everything and is no longer synced.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The database address to create or join with, the password in it when one is given: in the
/// address itself, on standard input, in PGPASSWORD (or FOLIO_TEAM_PASSWORD), or typed at a
/// prompt on a terminal. The team code keeps it in the keychain and the address without it.
fn with_password(database: &str, from_stdin: bool) -> anyhow::Result<String> {
    let address = DatabaseAddress::parse(database)?;
    let password = if from_stdin {
        Some(read_stdin_password()?)
    } else if address.password.is_some() {
        eprintln!(
            "The password is taken out of the address: the archive keeps the address without it, \
             and this computer's keychain keeps the password."
        );
        return Ok(database.to_owned());
    } else if let Some(password) = ["FOLIO_TEAM_PASSWORD", "PGPASSWORD"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|p| !p.is_empty()))
    {
        Some(password)
    } else {
        ask_password(&address)?
    };
    Ok(match password {
        Some(password) => DatabaseAddress::with_password(database, &password)?,
        None => database.to_owned(),
    })
}

/// The first line of standard input, without its line end.
fn read_stdin_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(!password.is_empty(), "no password on standard input");
    Ok(password)
}

/// Asks for the password on a terminal, without showing it; `None` when there is no terminal
/// or nothing is typed (a server that trusts this computer asks for none).
fn ask_password(address: &DatabaseAddress) -> anyhow::Result<Option<String>> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let password = rpassword::prompt_password(format!(
        "Password for role {} on {} (Enter for none): ",
        address.role(),
        address.host()
    ))?;
    Ok(Some(password).filter(|p| !p.is_empty()))
}

/// `folio sync`: one round.
pub fn sync_once(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut handle = WriteHandle::open(dir)?;
    let report = sync::sync(&mut handle)?;
    print_report(&report, json, "Synced.")
}

/// `folio sync --watch`: a round now, then one whenever another member sends (or every
/// `poll_seconds`), until the process is stopped. The archive is opened for each round only,
/// so other commands can use it in between.
pub fn sync_watching(dir: &Path, json: bool, poll_seconds: u64) -> anyhow::Result<ExitCode> {
    let database = ReadHandle::open(dir)?
        .membership()?
        .map(|team| team.database)
        .ok_or_else(|| {
            anyhow::anyhow!("this archive is not in a team (folio team create or folio team join)")
        })?;
    let stop = std::sync::atomic::AtomicBool::new(false);
    sync::watch(
        &database,
        std::time::Duration::from_secs(poll_seconds.max(1)),
        &stop,
        || {
            let mut handle = WriteHandle::open(dir)?;
            let report = sync::sync(&mut handle)?;
            if json {
                // One JSON object a line, one line a round.
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
            } else if report.sent + report.received > 0 {
                println!("Sent {}; received {}.", report.sent, report.received);
            }
            Ok(())
        },
        |error| eprintln!("folio sync: {error} (trying again)"),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn status(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let reader = ReadHandle::open(dir)?;
    let status = sync::status(&reader)?;
    if json {
        output::json(&status)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(status) = status else {
        println!("This archive is not in a team.");
        return Ok(ExitCode::SUCCESS);
    };
    println!("Team:        {}", status.team);
    println!("Database:    {}", status.database);
    println!("Originals:   {}", status.objects);
    if status.reader {
        println!("Access:      reader (receives the team's changes, makes none)");
    }
    println!(
        "Last sync:   {}",
        status.last_sync.as_deref().unwrap_or("never")
    );
    println!(
        "Waiting:     {} actions to send, {} originals to upload",
        status.waiting_actions, status.waiting_uploads
    );
    println!("Cache:       {}", crate::originals::describe(&status.cache));
    if let Some(error) = &status.last_error {
        println!("Last error:  {error}");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &SyncReport, json: bool, headline: &str) -> anyhow::Result<ExitCode> {
    if json {
        output::json(report)?;
    } else {
        println!("{headline}");
        println!(
            "Sent {} actions ({} originals uploaded); received {} ({} thumbnails fetched, {}; \
             originals come when needed).",
            report.sent,
            report.uploaded,
            report.received,
            report.thumbnails,
            output::human_bytes(report.downloaded_bytes)
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! The Team dialog's work (Archive → Team…): the team as the window shows it, making the open
//! archive the first member of a new team, joining a team in a new archive (then opening it), and
//! leaving. Syncing itself is `team_sync`'s thread; these only tell it when membership changed.

use std::path::Path;

use folio_core::team_view::TeamView;
use folio_core::{Error, ErrorCode, WireError};
use folio_team::sync;
use tauri::{AppHandle, Manager};

use crate::pickers;
use crate::state::AppState;
use crate::team_sync::TeamSync;

/// The team as the window shows it; none when the archive is in no team.
pub fn status(app: &AppHandle) -> Result<Option<TeamView>, WireError> {
    let reader = app.state::<AppState>().reader()?.clone();
    app.state::<TeamSync>()
        .view(&reader)
        .map_err(|e| to_wire(&e))
}

/// Makes the open archive the first member of a new team, sending it whole (with the writer
/// held: the first round sends every action and original).
pub fn create(
    app: &AppHandle,
    database: &str,
    objects: &str,
    name: &str,
    password: Option<&str>,
) -> Result<TeamView, WireError> {
    let database = with_password(database, password)?;
    on_plain_thread(|| {
        let state = app.state::<AppState>();
        let mut writer = state.writer()?;
        sync::create(&mut writer, &database, objects, name).map_err(|e| to_wire(&e))
    })??;
    attach_originals(app);
    app.state::<TeamSync>().sync_now();
    status(app)?.ok_or_else(|| Error::Internal("the team was not recorded".into()).to_wire())
}

/// Asks for an empty folder, makes a new archive there holding the team's record, remembers it
/// as the archive to open and restarts on it; none when the picker was cancelled. Joining makes a
/// new archive because a member's archive is the team's record: the open archive's own items
/// would not be the team's.
pub fn join(
    app: &AppHandle,
    database: &str,
    objects: Option<&str>,
    password: Option<&str>,
) -> Result<Option<String>, WireError> {
    let database = with_password(database, password)?;
    if app.state::<AppState>().is_busy() {
        return Err(invalid(
            "An import or export is running; wait for it to finish or cancel it, then join the team.",
        ));
    }
    let Some(folder) = pickers::pick_team_folder(app) else {
        return Ok(None);
    };
    check_empty(&folder)?;
    let objects = objects.map(str::trim).filter(|o| !o.is_empty());
    let joined = on_plain_thread(|| sync::join(&folder, &database, objects).map(drop))?;
    if let Err(error) = joined {
        // A join that stopped part way (the network, say) has made a member archive holding
        // what it received: opened, it receives the rest. Anything earlier made no member.
        if !is_member(&folder) {
            return Err(to_wire(&error));
        }
        tracing::warn!("joining stopped part way; the new archive receives the rest: {error}");
    }
    folio_core::location::remember_archive(&folder).map_err(|e| e.to_wire())?;
    app.request_restart();
    Ok(Some(folder.to_string_lossy().into_owned()))
}

/// Stops syncing; the archive keeps everything.
pub fn leave(app: &AppHandle) -> Result<(), WireError> {
    {
        let state = app.state::<AppState>();
        let mut writer = state.writer()?;
        sync::leave(&mut writer).map_err(|e| to_wire(&e))?;
    }
    app.state::<TeamSync>().nudge();
    Ok(())
}

/// The database address with the password typed in the dialog, if one was: the team's code keeps
/// the password in the keychain and the address without it.
fn with_password(database: &str, password: Option<&str>) -> Result<String, WireError> {
    match password.filter(|p| !p.is_empty()) {
        Some(password) => folio_team::address::DatabaseAddress::with_password(database, password)
            .map_err(|e| to_wire(&e)),
        None => Ok(database.to_owned()),
    }
}

/// Whether `folder` holds an archive that is a member of a team.
fn is_member(folder: &Path) -> bool {
    folio_core::handle::ReadHandle::open(folder)
        .and_then(|reader| reader.membership())
        .is_ok_and(|team| team.is_some())
}

/// A new archive goes in an empty folder (or one not made yet), never among someone's files.
fn check_empty(folder: &Path) -> Result<(), WireError> {
    let holds_something =
        std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some());
    if holds_something {
        return Err(invalid(&format!(
            "{} is not empty. Joining a team makes a new archive: choose an empty folder.",
            folio_core::file_names::display_path(folder)
        )));
    }
    Ok(())
}

/// folio-team drives its own asynchronous runtimes, which must not start on one of Tauri's
/// threads: its work runs on a plain thread of its own.
fn on_plain_thread<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, WireError> {
    std::thread::scope(|scope| scope.spawn(work).join())
        .map_err(|_| Error::Internal("the team's work stopped unexpectedly".into()).to_wire())
}

/// A team error as it crosses IPC, its words kept: they say what to change.
fn to_wire(error: &folio_team::Error) -> WireError {
    let code = match error {
        folio_team::Error::Archive(inner) => return inner.to_wire(),
        folio_team::Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
        folio_team::Error::Team(_) => ErrorCode::InvalidInput,
        folio_team::Error::Database(_) | folio_team::Error::Objects(_) => ErrorCode::Io,
    };
    WireError {
        code,
        message: error.to_string(),
    }
}

fn invalid(message: &str) -> WireError {
    Error::InvalidInput(message.to_owned()).to_wire()
}

/// Lets the open archive fetch from its team's store what only the team holds (originals and
/// thumbnails, when shown, exported or copied); nothing for an archive in no team.
pub fn attach_originals(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Ok(reader) = state.reader() else {
        return;
    };
    if let Err(error) = folio_team::originals::attach(reader) {
        tracing::warn!("the team's originals cannot be reached: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::check_empty;

    #[test]
    fn a_team_is_joined_in_an_empty_or_new_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_empty(dir.path()).is_ok());
        assert!(check_empty(&dir.path().join("not made yet")).is_ok());
        std::fs::write(dir.path().join("notes.txt"), "someone's documents").unwrap();
        let refused = check_empty(dir.path()).unwrap_err();
        assert!(refused.message.contains("not empty"), "{}", refused.message);
    }
}

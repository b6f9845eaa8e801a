//! A team member's own actions ahead of the team's order. An action made here applies at once,
//! but its place in the team's one order is only known when the team's log gives it one, after
//! actions of others this archive has not received yet. So while a member is in a team, each of
//! its actions is applied under a SQLite session that records its changes, and their inverse is
//! kept in `team_pending` until the team has placed it. Receiving the team's actions then takes
//! the pending ones back (newest first), applies the team's actions in the log's order — this
//! archive's own among them, at their places — and applies the rest of its own again after them.
//! Every member therefore holds exactly the record the log gives in its order.

use rusqlite::Connection;
use rusqlite::session::{ConflictAction, ConflictType, Session, invert_strm};

use super::action::Action;
use super::apply::{self, Effects};
use crate::error::{Error, Result};
use crate::library::history::Recorder;

/// The tables an action's changes are taken back in: the record, not the journal's bookkeeping
/// (the journal, the membership, the pending changes themselves) nor the index queue, which a
/// rebase fills again for every item it touched.
fn recorded(table: &str) -> bool {
    !matches!(
        table,
        "journal" | "team" | "team_pending" | "index_queue" | "schema_migrations"
    )
}

/// Changes of an action being applied, recorded so they can be taken back.
pub(crate) struct Recording<'conn> {
    session: Session<'conn>,
}

impl<'conn> Recording<'conn> {
    pub(crate) fn start(conn: &'conn Connection) -> Result<Self> {
        let mut session = Session::new(conn)?;
        session.table_filter(Some(recorded));
        session.attach::<&str>(None)?;
        Ok(Self { session })
    }

    /// The changes that take back everything recorded since the start.
    pub(crate) fn undo(mut self) -> Result<Vec<u8>> {
        let mut changes = Vec::new();
        self.session.changeset_strm(&mut changes)?;
        let mut undo = Vec::new();
        invert_strm(&mut changes.as_slice(), &mut undo)?;
        Ok(undo)
    }
}

/// Applies `action`, recording how to take it back.
pub(crate) fn apply_recording(
    conn: &Connection,
    recorder: &Recorder<'_>,
    action: &Action,
) -> Result<(Effects, Vec<u8>)> {
    let recording = Recording::start(conn)?;
    let effects = apply::apply(conn, recorder, action)?;
    Ok((effects, recording.undo()?))
}

/// Keeps how to take back this archive's action `seq` until the team's log places it.
pub(crate) fn keep(conn: &Connection, seq: i64, undo: &[u8], items: &[i64]) -> Result<()> {
    let items = serde_json::to_string(items).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT OR REPLACE INTO team_pending (seq, undo, items) VALUES (?1, ?2, ?3)",
        rusqlite::params![seq, undo, items],
    )?;
    Ok(())
}

/// One of this archive's actions applied ahead of the team's order.
pub(crate) struct Pending {
    pub seq: i64,
    pub undo: Vec<u8>,
    pub items: Vec<i64>,
}

/// This archive's actions the team's log has not placed yet, oldest first.
pub(crate) fn pending(conn: &Connection) -> Result<Vec<Pending>> {
    let mut statement = conn.prepare("SELECT seq, undo, items FROM team_pending ORDER BY seq")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut pending = Vec::new();
    for row in rows {
        let (seq, undo, items) = row?;
        pending.push(Pending {
            seq,
            undo,
            items: serde_json::from_str(&items).map_err(|e| {
                Error::Internal(format!("the pending team action {seq} cannot be read: {e}"))
            })?,
        });
    }
    Ok(pending)
}

/// Takes back these actions, newest first, and forgets every pending action (those not given
/// here are the ones the team has just placed where they already were). Each undo is the exact inverse of
/// what its action changed, applied to the state that action left (everything after it taken
/// back already); a row a trigger has already set to its old value is simply set again.
pub(crate) fn take_back(conn: &Connection, pending: &[Pending]) -> Result<()> {
    for action in pending.iter().rev() {
        conn.apply_strm(
            &mut action.undo.as_slice(),
            None::<fn(&str) -> bool>,
            |conflict, _| match conflict {
                ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
                    ConflictAction::SQLITE_CHANGESET_REPLACE
                }
                _ => ConflictAction::SQLITE_CHANGESET_OMIT,
            },
        )?;
    }
    conn.execute("DELETE FROM team_pending", [])?;
    Ok(())
}

/// Forgets how to take back action `seq`: the team's log has placed it where it already was.
pub(crate) fn placed(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM team_pending WHERE seq = ?1")?
        .execute([seq])?;
    Ok(())
}

/// Runs `apply` in a savepoint: an action that cannot apply where the team's order puts it (an
/// edit of an item another member removed for good first) changes nothing, on every member
/// alike, instead of stopping the sync.
pub(crate) fn or_nothing<T>(
    conn: &Connection,
    what: &str,
    apply: impl FnOnce() -> Result<T>,
) -> Result<Option<T>> {
    conn.execute_batch("SAVEPOINT team_action")?;
    match apply() {
        Ok(value) => {
            conn.execute_batch("RELEASE team_action")?;
            Ok(Some(value))
        }
        Err(error) => {
            conn.execute_batch("ROLLBACK TO team_action; RELEASE team_action")?;
            if refused_alike_everywhere(&error) {
                tracing::info!(
                    "action {what} changes nothing where the team's order puts it: {error}"
                );
                Ok(None)
            } else {
                Err(error)
            }
        }
    }
}

/// Whether an action fails the same way on every member holding the same record: what it names
/// is gone, or the record refuses it. (A full disk or a damaged file is this computer's trouble,
/// and stops the sync instead.)
fn refused_alike_everywhere(error: &Error) -> bool {
    match error {
        Error::NotFound(_) | Error::InvalidInput(_) => true,
        Error::Database(error) => {
            error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
        }
        _ => false,
    }
}

//! The write handle's side of team sync (`folio-team` drives it): the membership, the actions
//! waiting to be sent (the journal is the outbox), the files an action names, and applying the
//! actions pulled from the team's log in its order.

use std::path::PathBuf;

use std::collections::HashSet;

use rusqlite::TransactionBehavior;

use super::{ReadHandle, WriteHandle};
use crate::changes::ChangeSet;
use crate::error::{Error, Result};
use crate::journal::{self, Action, Entry, rebase};
use crate::library::history::Recorder;
use crate::tables;
use crate::tables::team::{Membership, Pulled};

impl ReadHandle {
    /// The team this archive is a member of, if any.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn membership(&self) -> Result<Option<Membership>> {
        self.read(tables::team::membership)
    }

    /// Up to `limit` actions made here that the team's log does not hold yet, oldest first.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn waiting_actions(&self, limit: i64) -> Result<Vec<Entry>> {
        self.read(|conn| journal::waiting(conn, limit))
    }

    /// How many actions wait to be sent to the team.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn waiting_count(&self) -> Result<i64> {
        self.read(tables::team::waiting)
    }

    /// Where this archive keeps the original with this hash (whether or not it is there).
    pub fn original_path(&self, sha256: &str) -> Result<PathBuf> {
        crate::blobs::FsBlobStore::new(self.dir()).object_path(sha256)
    }

    /// Where this archive keeps the thumbnails of an original, one per size (whether or not
    /// they are there).
    pub fn thumbnail_paths(&self, sha256: &str) -> Vec<(u32, PathBuf)> {
        let derived = self.dir().join(crate::archive::DERIVED_DIR);
        crate::photo::THUMBNAIL_SIDES
            .iter()
            .map(|&side| (side, crate::thumbnails::path(&derived, sha256, side)))
            .collect()
    }
}

/// The thumbnails of an archive's originals, kept from any thread: they are files beside the
/// database, made again from the originals when lost, so storing one waits for no writer.
#[derive(Debug, Clone)]
pub struct ThumbnailShelf {
    archive: PathBuf,
}

impl ThumbnailShelf {
    /// Whether the thumbnail of this size is here.
    pub fn has(&self, sha256: &str, max_side: u32) -> bool {
        let derived = self.archive.join(crate::archive::DERIVED_DIR);
        crate::thumbnails::path(&derived, sha256, max_side).is_file()
    }

    /// Stores a thumbnail fetched from elsewhere (no hash to check: it is made again if wrong).
    pub fn store(&self, sha256: &str, max_side: u32, jpeg: &[u8]) -> Result<()> {
        if !crate::photo::THUMBNAIL_SIDES.contains(&max_side) {
            return Err(Error::InvalidInput(format!(
                "no thumbnails of {max_side} pixels are kept"
            )));
        }
        // Refuses a name that is not a hash before it becomes a path.
        crate::blobs::FsBlobStore::new(&self.archive).object_path(sha256)?;
        let derived = self.archive.join(crate::archive::DERIVED_DIR);
        crate::thumbnails::store_one(&derived, sha256, max_side, jpeg)
    }
}

impl WriteHandle {
    /// Makes this archive a member of a team. Its journal's actions are then waiting to be sent.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn join_team(&mut self, team: &Membership) -> Result<()> {
        let tx = self.archive.conn_mut().transaction()?;
        if let Some(existing) = tables::team::membership(&tx)? {
            return Err(Error::InvalidInput(format!(
                "this archive is already a member of the team \"{}\"; leave it first (folio team leave)",
                existing.name
            )));
        }
        tables::team::insert(&tx, team)?;
        tx.commit()?;
        Ok(())
    }

    /// Stops being a member of the team: the archive and its journal stay, and nothing is sent
    /// or received any more.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn leave_team(&mut self) -> Result<()> {
        let tx = self.archive.conn_mut().transaction()?;
        tables::team::remove(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Records that the team's log holds these actions of this archive, at these sequence
    /// numbers.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn mark_sent(&mut self, sent: &[(String, i64)]) -> Result<()> {
        let tx = self.archive.conn_mut().transaction()?;
        for (uid, team_seq) in sent {
            tables::team::set_team_seq(&tx, uid, *team_seq)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records what this archive's database role may do in the team: a reader (`read_only`)
    /// receives the team's changes and makes none of its own.
    pub fn set_team_access(&mut self, read_only: bool) -> Result<()> {
        tables::team::set_read_only(self.conn(), read_only)
    }

    /// Records the end of a sync round: its time when it completed, or the error that stopped it.
    pub fn record_sync(&mut self, error: Option<&str>) -> Result<()> {
        tables::team::record_sync(self.conn(), &crate::now_rfc3339(), error)
    }

    /// Stores a thumbnail fetched from elsewhere (thumbnails are rebuildable: no hash to check).
    pub fn store_thumbnail(&mut self, sha256: &str, max_side: u32, jpeg: &[u8]) -> Result<()> {
        self.thumbnail_shelf().store(sha256, max_side, jpeg)
    }

    /// Where thumbnails fetched from the team are kept, for another thread to store them while
    /// this one applies what the team sent.
    pub fn thumbnail_shelf(&self) -> ThumbnailShelf {
        ThumbnailShelf {
            archive: self.archive.dir().to_path_buf(),
        }
    }

    /// Applies actions pulled from the team's log, in the log's order, each with its own uid,
    /// author and time, and moves this archive's cursor past them — so that this archive then
    /// holds exactly what the log gives in its order, like every other member. When others'
    /// actions come before this archive's own that the team had not placed yet, those are taken
    /// back first; each is applied again at its place when it comes back in the log, and the
    /// rest after the team's (see [`journal::rebase`]). So a remote edit never overwrites a field this archive has edited
    /// since: the local edit comes later in the team's order and applies after it, here and
    /// everywhere. An action that cannot apply at its place (what it names was removed for good
    /// first) changes nothing, on every member alike.
    ///
    /// The search index is not brought up to date here: a member receiving thousands of
    /// actions in many batches stages what each changed ([`WriteHandle::stage_index`]) and
    /// publishes it once, with [`WriteHandle::index_queued`], rather than once a batch.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn apply_pulled(&mut self, pulled: &[Pulled]) -> Result<ChangeSet> {
        let tx = self
            .archive
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let all_pending = rebase::pending(&tx)?;
        // This archive's own actions that come back first, in the order it made them, are in
        // place already: nothing the team placed before them was missing here. They stay as
        // they are; only the rest is taken back. (A member sending many actions gets them back
        // batch after batch: taking them all back each time would cost the square of them.)
        let mut in_place = 0;
        for (pulled, own) in pulled.iter().zip(&all_pending) {
            if journal::seq_of(&tx, &pulled.entry.uid)? != Some(own.seq) {
                break;
            }
            in_place += 1;
        }
        if in_place == pulled.len() {
            // Nothing of others' comes before the rest of what waits here: it stays applied,
            // still waiting, with its way back as it was. (A member that sent thousands of
            // actions in one round receives them back this way, batch after batch.)
            for (placed, own) in pulled.iter().zip(&all_pending) {
                rebase::placed(&tx, own.seq)?;
                record_place(&tx, placed)?;
            }
            tx.commit()?;
            return Ok(ChangeSet::default());
        }
        let pending = &all_pending[in_place..];
        rebase::take_back(&tx, pending)?;
        let mut touched: Vec<i64> = pending.iter().flat_map(|p| p.items.clone()).collect();
        let mut placed_here: HashSet<i64> = HashSet::new();
        let mut changes = ChangeSet::default();
        let mut unreferenced = Vec::new();
        for placed in pulled {
            let entry = &placed.entry;
            let seq = match journal::seq_of(&tx, &entry.uid)? {
                // One of this archive's own, back from the team: it applies at its place.
                Some(seq) if pending.iter().any(|p| p.seq == seq) => Some(seq),
                // Applied at its place already (received before a crash, say).
                Some(_) => None,
                None if matches!(entry.action, Action::Legacy) => {
                    journal::append(&tx, &entry.uid, &entry.author, &entry.at, &entry.action)?;
                    None
                }
                None => Some(journal::append(
                    &tx,
                    &entry.uid,
                    &entry.author,
                    &entry.at,
                    &entry.action,
                )?),
            };
            if let Some(seq) = seq {
                placed_here.insert(seq);
                let recorder = Recorder { seq, at: &entry.at };
                if let Some(effects) = rebase::or_nothing(&tx, &entry.uid, || {
                    journal::apply::apply(&tx, &recorder, &entry.action)
                })? {
                    unreferenced.extend(effects.unreferenced);
                    changes = changes.merge(effects.changes);
                }
            }
            record_place(&tx, placed)?;
        }
        // The rest of this archive's own actions come after everything the team has placed.
        for own in pending.iter().filter(|p| !placed_here.contains(&p.seq)) {
            let entry = journal::entry(&tx, own.seq)?;
            let recorder = Recorder {
                seq: own.seq,
                at: &entry.at,
            };
            let applied = rebase::or_nothing(&tx, &entry.uid, || {
                rebase::apply_recording(&tx, &recorder, &entry.action)
            })?;
            let (items, undo) = match applied {
                Some((effects, undo)) => {
                    let items = effects.changes.item_ids().to_vec();
                    changes = changes.merge(effects.changes);
                    (items, undo)
                }
                None => (Vec::new(), Vec::new()),
            };
            rebase::keep(&tx, own.seq, &undo, &items)?;
        }
        // What was taken back is indexed again as it now is.
        touched.sort_unstable();
        touched.dedup();
        for &id in &touched {
            tables::index_queue::upsert(&tx, id)?;
        }
        if !touched.is_empty() {
            changes = changes.merge(ChangeSet::everything().items(touched));
        }
        // Originals no row names any more once the team's order is applied.
        let mut gone = Vec::new();
        for sha256 in unreferenced {
            if !tables::blobs::exists(&tx, &sha256)? {
                gone.push(sha256);
            }
        }
        tx.commit()?;
        crate::library::trash::remove_files(&self.archive, &gone);
        Ok(changes)
    }
}

/// Records where the team's log placed an action, who pushed it, and that this archive has
/// received the log up to it.
fn record_place(conn: &rusqlite::Connection, placed: &Pulled) -> Result<()> {
    tables::team::set_team_seq(conn, &placed.entry.uid, placed.team_seq)?;
    tables::team::set_pushed_by(conn, &placed.entry.uid, &placed.pushed_by)?;
    tables::team::set_pulled(conn, placed.team_seq)
}

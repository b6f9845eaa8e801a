//! The write handle's side of team sync (`folio-team` drives it): the membership, the actions
//! waiting to be sent (the journal is the outbox), the files an action names, and applying the
//! actions pulled from the team's log in its order.

use std::path::PathBuf;

use super::{ReadHandle, WriteHandle};
use crate::changes::ChangeSet;
use crate::error::{Error, Result};
use crate::journal::{self, Action, Entry};
use crate::tables;
use crate::tables::team::Membership;

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

    /// Records the end of a sync round: its time when it completed, or the error that stopped it.
    pub fn record_sync(&mut self, error: Option<&str>) -> Result<()> {
        tables::team::record_sync(self.conn(), &crate::now_rfc3339(), error)
    }

    /// Stores an original fetched from elsewhere (the team's objects) after checking that its
    /// bytes have the hash it was fetched by.
    pub fn store_original(&mut self, sha256: &str, bytes: &[u8]) -> Result<()> {
        let got = crate::blobs::sha256_hex(bytes);
        if got != sha256 {
            return Err(Error::InvalidInput(format!(
                "the team's copy of original {sha256} is damaged (its bytes hash to {got})"
            )));
        }
        let batch = self.archive.blobs().batch();
        batch.put_bytes(bytes)?;
        batch.settle()
    }

    /// Stores a thumbnail fetched from elsewhere (thumbnails are rebuildable: no hash to check).
    pub fn store_thumbnail(&mut self, sha256: &str, max_side: u32, jpeg: &[u8]) -> Result<()> {
        if !crate::photo::THUMBNAIL_SIDES.contains(&max_side) {
            return Err(Error::InvalidInput(format!(
                "no thumbnails of {max_side} pixels are kept"
            )));
        }
        let derived = self.archive.dir().join(crate::archive::DERIVED_DIR);
        crate::blobs::FsBlobStore::new(self.archive.dir()).object_path(sha256)?;
        crate::thumbnails::store_one(&derived, sha256, max_side, jpeg)
    }

    /// Applies actions pulled from the team's log, in the log's order, each with its own uid,
    /// author and time, and moves this archive's cursor past them. An action this archive
    /// already has (one of its own, or one applied before a crash) is only marked as held by the
    /// log. A remote edit of a field this archive has edited since — waiting to be sent, or sent
    /// and placed later in the log — is recorded but not applied: the local edit comes later in
    /// the team's order and wins everywhere.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn apply_pulled(&mut self, pulled: &[(i64, Entry)]) -> Result<ChangeSet> {
        let mut changes = ChangeSet::default();
        for (team_seq, entry) in pulled {
            let known = self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM journal WHERE uid = ?1)",
                [&entry.uid],
                |row| row.get::<_, bool>(0),
            )?;
            let superseded = match &entry.action {
                Action::Edit { item, field, .. } => tables::team::later_edit(
                    self.conn(),
                    item,
                    &serde_json::to_value(field)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    *team_seq,
                )?,
                _ => false,
            };
            if !known && !matches!(entry.action, Action::Legacy) {
                if superseded {
                    journal::append(
                        self.conn(),
                        &entry.uid,
                        &entry.author,
                        &entry.at,
                        &entry.action,
                    )?;
                } else {
                    let effects =
                        self.apply_as(&entry.uid, &entry.author, &entry.at, &entry.action, true)?;
                    changes = changes.merge(effects.changes);
                }
            }
            let tx = self.archive.conn_mut().transaction()?;
            tables::team::set_team_seq(&tx, &entry.uid, *team_seq)?;
            tables::team::set_pulled(&tx, *team_seq)?;
            tx.commit()?;
        }
        Ok(changes)
    }
}

//! An import batch's journal: the batch's time and destination rows, what it committed as it
//! commits, and the one journal action that records it (with, for a team member, how to take it
//! back).

use std::collections::HashMap;

use rusqlite::Connection;

use crate::bundle::format::BundleItem;
use crate::error::Result;
use crate::journal::{self, Action, CaptionFill, CollectionAppend};
use crate::tables::{collections, index_queue, items, tags};

use super::commit::Destination;
use super::report::ImportReport;

/// What one batch did, gathered as it commits, for its journal action.
#[derive(Debug, Default)]
pub(super) struct Journaled {
    /// Items inserted, in order.
    pub(super) inserted: Vec<i64>,
    /// (collection, item) appends, in order.
    pub(super) appended: Vec<(i64, i64)>,
    /// Photos given a figure's caption and credit.
    pub(super) captions: Vec<(i64, String, String)>,
}

/// A batch's time and its destination's rows, created inside the batch's transaction.
pub(super) struct Batch<'a> {
    pub(super) at: String,
    tag_ids: Vec<i64>,
    collection: Option<i64>,
    pub(super) journal: Journaled,
    destination: &'a Destination,
    /// Whether the archive reads photos with OCR, looked up once per batch.
    ocr_photos: Option<bool>,
}

impl<'a> Batch<'a> {
    pub(super) fn new(destination: &'a Destination) -> Self {
        Self {
            at: crate::now_rfc3339(),
            tag_ids: Vec::new(),
            collection: None,
            journal: Journaled::default(),
            destination,
            ocr_photos: None,
        }
    }

    /// Queues an item for OCR; the worker reads it after the import.
    pub(super) fn queue_ocr(
        &self,
        conn: &Connection,
        id: i64,
        report: &mut ImportReport,
    ) -> Result<()> {
        crate::tables::ocr::enqueue(conn, id, &self.at)?;
        report.ocr_queued += 1;
        Ok(())
    }

    pub(super) fn ocr_photos(&mut self, conn: &Connection) -> Result<bool> {
        match self.ocr_photos {
            Some(enabled) => Ok(enabled),
            None => Ok(*self
                .ocr_photos
                .insert(crate::tables::ocr::photos_enabled(conn)?)),
        }
    }

    /// Gives a newly inserted item the destination's tags and collection, and queues it.
    pub(super) fn finish_item(&mut self, conn: &Connection, id: i64) -> Result<()> {
        if self.tag_ids.len() != self.destination.tags.len() {
            self.tag_ids = self
                .destination
                .tags
                .iter()
                .map(|name| tags::ensure(conn, name))
                .collect::<Result<_>>()?;
        }
        for tag_id in &self.tag_ids {
            tags::add_to_item(conn, id, *tag_id)?;
        }
        if let Some(name) = &self.destination.collection {
            let collection = match self.collection {
                Some(collection) => collection,
                None => *self
                    .collection
                    .insert(collections::ensure(conn, name, &self.at)?),
            };
            self.append(conn, collection, id)?;
        }
        self.journal.inserted.push(id);
        index_queue::upsert(conn, id)
    }

    pub(super) fn append(&mut self, conn: &Connection, collection: i64, id: i64) -> Result<()> {
        collections::append(conn, collection, id)?;
        self.journal.appended.push((collection, id));
        Ok(())
    }

    /// Appends the batch's action to the journal, if it committed anything; returns its `seq`
    /// and the items it touched.
    fn record(self, conn: &Connection) -> Result<Option<(i64, Vec<i64>)>> {
        let Journaled {
            inserted,
            appended,
            captions,
        } = self.journal;
        if inserted.is_empty() && appended.is_empty() && captions.is_empty() {
            return Ok(None);
        }
        let touched: Vec<i64> = inserted
            .iter()
            .copied()
            .chain(appended.iter().map(|&(_, id)| id))
            .chain(captions.iter().map(|(id, _, _)| *id))
            .collect();
        let items = crate::records::load(conn, &inserted)?
            .iter()
            .map(|item| BundleItem::from_record(item, String::new(), None, None))
            .collect();
        let mut collections: Vec<CollectionAppend> = Vec::new();
        let mut position: HashMap<i64, usize> = HashMap::new();
        for (collection, id) in appended {
            let index = match position.get(&collection) {
                Some(&index) => index,
                None => {
                    let (uid, name) = collections::uid_and_name(conn, collection)?;
                    collections.push(CollectionAppend {
                        collection: uid,
                        name,
                        items: Vec::new(),
                    });
                    position.insert(collection, collections.len() - 1);
                    collections.len() - 1
                }
            };
            collections[index].items.push(items::uid_of(conn, id)?);
        }
        let captions = captions
            .into_iter()
            .map(|(photo, caption, credit)| {
                Ok(CaptionFill {
                    photo: items::uid_of(conn, photo)?,
                    caption,
                    credit,
                })
            })
            .collect::<Result<_>>()?;
        let action = Action::Import {
            items,
            collections,
            captions,
        };
        let seq = journal::append(
            conn,
            &journal::new_uid(),
            &journal::author(),
            &self.at,
            &action,
        )?;
        Ok(Some((seq, touched)))
    }
}

/// A team member's import is recorded so that it can be taken back and applied again at its
/// place in the team's order (see `journal::rebase`).
pub(super) fn start_recording(tx: &Connection) -> Result<Option<journal::rebase::Recording<'_>>> {
    if crate::tables::team::is_member(tx)? {
        Ok(Some(journal::rebase::Recording::start(tx)?))
    } else {
        Ok(None)
    }
}

/// Appends the batch's action to the journal and, for a team member, keeps how to take it back.
pub(super) fn record(
    tx: &Connection,
    batch: Batch<'_>,
    recording: Option<journal::rebase::Recording<'_>>,
) -> Result<()> {
    let recorded = batch.record(tx)?;
    if let (Some(recording), Some((seq, touched))) = (recording, recorded) {
        journal::rebase::keep(tx, seq, &recording.undo()?, &touched)?;
    }
    Ok(())
}

//! Applying one journal action to the database, inside the transaction that appends it: how
//! every change is made, whether a person makes it now or the journal is replayed elsewhere.

use std::collections::HashMap;

use rusqlite::Connection;

use super::action::{Action, CollectionAppend};
use crate::bundle::format::BundleItem;
use crate::changes::{Change, ChangeSet};
use crate::error::{Error, Result};
use crate::import::commit::insert_bundle_item;
use crate::library::editing::{self, Undone};
use crate::library::history::Recorder;
use crate::library::{collections, ratings, saved_searches, tagging, templates, trash};
use crate::tables::{self, figures, index_queue, items};

/// What applying an action did.
#[derive(Debug, Default)]
pub struct Effects {
    pub changes: ChangeSet,
    /// Originals no row names any more: their files are removed after the commit.
    pub unreferenced: Vec<String>,
    /// What an undo reverted.
    pub undone: Option<Undone>,
}

impl Effects {
    fn of(changes: ChangeSet) -> Self {
        Self {
            changes,
            ..Self::default()
        }
    }
}

/// Applies `action`, recording its history under `recorder` (its journal `seq` and time).
pub fn apply(conn: &Connection, recorder: &Recorder<'_>, action: &Action) -> Result<Effects> {
    let at = recorder.at;
    let item_set = |ids: Vec<i64>| ChangeSet::default().items(ids);
    Ok(match action {
        Action::Import {
            items: records,
            collections: appends,
            captions,
        } => {
            let mut touched = import_items(conn, recorder, records)?;
            touched.extend(append_to_collections(conn, appends, at)?);
            for fill in captions {
                // A photo removed for good since (in a team, by someone placed earlier) is left
                // out; the import's own items still come in.
                let Some(photo) = items::find_by_uid(conn, &fill.photo)? else {
                    continue;
                };
                items::fill_photo_caption(conn, photo, &fill.caption, &fill.credit)?;
                touched.push(photo);
            }
            for &id in &touched {
                index_queue::upsert(conn, id)?;
            }
            let mut changes = item_set(touched).with(Change::Stats);
            if records.iter().any(|item| !item.tags.is_empty()) {
                changes = changes.with(Change::Tags);
            }
            if !appends.is_empty() {
                changes = changes.with(Change::Collections);
            }
            Effects::of(changes)
        }
        Action::Edit { item, field, value } => {
            let id = items::id_of(conn, item)?;
            let changed = editing::apply_edit(conn, recorder, id, *field, value.as_deref())?;
            Effects::of(item_set(if changed { vec![id] } else { Vec::new() }))
        }
        Action::LinkFigure {
            article,
            position,
            photo,
        } => {
            let article = items::id_of(conn, article)?;
            let photo = photo
                .as_deref()
                .map(|uid| items::id_of(conn, uid))
                .transpose()?;
            let changed = editing::apply_link(conn, recorder, article, *position, photo)?;
            Effects::of(item_set(changed))
        }
        Action::Tag {
            items: uids,
            add,
            remove,
        } => {
            let ids = ids_of(conn, uids)?;
            let changed = tagging::apply_tags(conn, recorder, &ids, add, remove)?;
            Effects::of(tags_changed(changed))
        }
        Action::Rate {
            items: uids,
            rating,
        } => {
            let ids = ids_of(conn, uids)?;
            Effects::of(item_set(ratings::apply_rating(
                conn, recorder, &ids, *rating,
            )?))
        }
        Action::Label { items: uids, label } => {
            let ids = ids_of(conn, uids)?;
            Effects::of(item_set(ratings::apply_label(
                conn, recorder, &ids, *label,
            )?))
        }
        Action::RenameTag { from, to } => {
            let changed = tagging::apply_rename(conn, recorder, from, to)?;
            Effects::of(tags_changed(changed).with(Change::Tags))
        }
        Action::CreateCollection { collection, name } => {
            collections::apply_create(conn, collection, name, at)?;
            Effects::of(ChangeSet::default().with(Change::Collections))
        }
        Action::RenameCollection { collection, name } => {
            let id = collection_id(conn, collection)?;
            collections::apply_rename(conn, id, name)?;
            let members = collections::members(conn, id)?;
            Effects::of(item_set(members).with(Change::Collections))
        }
        Action::DeleteCollection { collection } => {
            let id = collection_id(conn, collection)?;
            let members = collections::members(conn, id)?;
            collections::apply_delete(conn, id)?;
            Effects::of(item_set(members).with(Change::Collections))
        }
        Action::AddToCollection {
            collection,
            items: uids,
        } => {
            let id = collection_id(conn, collection)?;
            let ids = ids_of(conn, uids)?;
            collections::apply_add(conn, id, &ids)?;
            Effects::of(item_set(ids).with(Change::Collections))
        }
        Action::RemoveFromCollection {
            collection,
            items: uids,
        } => {
            let id = collection_id(conn, collection)?;
            let ids = ids_of(conn, uids)?;
            collections::apply_remove(conn, id, &ids)?;
            Effects::of(item_set(ids).with(Change::Collections))
        }
        Action::ReorderCollection {
            collection,
            items: uids,
        } => {
            let id = collection_id(conn, collection)?;
            let ids = ids_of(conn, uids)?;
            collections::apply_reorder(conn, id, &ids)?;
            Effects::of(item_set(ids).with(Change::Collections))
        }
        Action::SaveSearch {
            search,
            name,
            query,
        } => {
            saved_searches::apply_save(conn, search, name, query, at)?;
            Effects::of(ChangeSet::default().with(Change::SavedSearches))
        }
        Action::DeleteSearch { search } => {
            saved_searches::apply_delete(conn, search)?;
            Effects::of(ChangeSet::default().with(Change::SavedSearches))
        }
        Action::SaveTemplate { template, body } => {
            templates::apply_save(conn, template, body, at)?;
            Effects::of(ChangeSet::default().with(Change::Templates))
        }
        Action::DeleteTemplate { template } => {
            templates::apply_delete(conn, template)?;
            Effects::of(ChangeSet::default().with(Change::Templates))
        }
        Action::Trash { items: uids } | Action::Restore { items: uids } => {
            let deleted_at = matches!(action, Action::Trash { .. }).then_some(at);
            let ids = ids_of(conn, uids)?;
            let moved = trash::apply_set_trashed(conn, recorder, &ids, deleted_at)?;
            Effects::of(counts_changed(moved))
        }
        Action::EmptyTrash { items: uids } => {
            // An item restored or already removed since the action was made is left alone.
            let ids: Vec<i64> = uids
                .iter()
                .filter_map(|uid| items::find_by_uid(conn, uid).transpose())
                .collect::<Result<_>>()?;
            let unreferenced = trash::apply_empty(conn, &ids)?;
            Effects {
                changes: counts_changed(ids),
                unreferenced,
                undone: None,
            }
        }
        Action::Merge { keep, others } => {
            let keep = items::id_of(conn, keep)?;
            let others = ids_of(conn, others)?;
            let changed = crate::similar::merge::apply_merge(conn, recorder, keep, &others)?;
            Effects::of(counts_changed(changed))
        }
        Action::Ocr { item, pages } => match items::find_by_uid(conn, item)? {
            // Removed for good since it was read: nothing to record.
            None => Effects::default(),
            Some(id) => {
                crate::ocr::apply(conn, id, pages)?;
                index_queue::upsert(conn, id)?;
                Effects::of(item_set(vec![id]))
            }
        },
        Action::Undo { action: target } => match editing::apply_undo(conn, recorder, target)? {
            Some(reverted) => {
                let mut changes = item_set(reverted.items);
                for field in &reverted.fields {
                    changes = match field.as_str() {
                        "tags" => changes.with(Change::Tags),
                        "collections" => changes.with(Change::Collections),
                        "trash" => changes
                            .with(Change::Tags)
                            .with(Change::Collections)
                            .with(Change::Stats),
                        _ => changes,
                    };
                }
                Effects {
                    changes,
                    unreferenced: Vec::new(),
                    undone: Some(reverted.undone),
                }
            }
            None => Effects::default(),
        },
        Action::Legacy => {
            return Err(Error::Internal(
                "an action from before the journal cannot be applied again".into(),
            ));
        }
    })
}

/// Items whose tags changed: the rows, the tag list and its counts.
fn tags_changed(items: Vec<i64>) -> ChangeSet {
    if items.is_empty() {
        return ChangeSet::default();
    }
    ChangeSet::default().items(items).with(Change::Tags)
}

/// Items that came or went: the rows and everything that counts them.
fn counts_changed(items: Vec<i64>) -> ChangeSet {
    if items.is_empty() {
        return ChangeSet::default();
    }
    ChangeSet::default()
        .items(items)
        .with(Change::Tags)
        .with(Change::Collections)
        .with(Change::Stats)
}

/// The items these uids name that are still in the archive (in the library or the trash). An
/// item removed for good since the action was made — by another member of a team, whose action
/// came first in the team's order — is left out, as an undo leaves it out.
fn ids_of(conn: &Connection, uids: &[String]) -> Result<Vec<i64>> {
    uids.iter()
        .filter_map(|uid| items::find_by_uid(conn, uid).transpose())
        .collect()
}

fn collection_id(conn: &Connection, uid: &str) -> Result<i64> {
    tables::collections::find_by_uid(conn, uid)?
        .ok_or_else(|| Error::NotFound(format!("collection {uid}")))
}

/// Inserts the records of an import (an item already there, by uid, is left as it is), then
/// their figures, linked to photos by uid. Returns the items inserted, and those already there
/// that an alias joined.
///
/// An original the archive already holds under another uid — the same file imported by two
/// members of a team — stays one item: the record's uid becomes an alias of it, and the item
/// takes the record's tags and the photos its figures show where it shows none.
fn import_items(
    conn: &Connection,
    recorder: &Recorder<'_>,
    records: &[BundleItem],
) -> Result<Vec<i64>> {
    let mut inserted: HashMap<&str, i64> = HashMap::new();
    let mut joined: Vec<(&BundleItem, i64)> = Vec::new();
    for record in records {
        if items::find_by_uid(conn, &record.uid)?.is_some() {
            continue;
        }
        match items::find_by_sha256(conn, &record.sha256)? {
            Some(existing) => {
                let target = items::uid_of(conn, existing)?;
                tables::aliases::insert(conn, tables::aliases::ITEM, &record.uid, &target)?;
                if !record.tags.is_empty() {
                    tagging::apply_tags(conn, recorder, &[existing], &record.tags, &[])?;
                }
                joined.push((record, existing));
            }
            None => {
                inserted.insert(&record.uid, insert_bundle_item(conn, record, true)?);
            }
        }
    }
    for (record, article) in &joined {
        for figure in record.article.iter().flat_map(|a| &a.figures) {
            let Some(photo) = figure.photo_uid.as_deref() else {
                continue;
            };
            if let Some(photo) = items::find_by_uid(conn, photo)? {
                conn.execute(
                    "UPDATE figures SET photo_id = ?3
                     WHERE article_id = ?1 AND position = ?2 AND photo_id IS NULL",
                    rusqlite::params![article, figure.position, photo],
                )?;
            }
        }
    }
    for record in records {
        let (Some(article), Some(&id)) = (&record.article, inserted.get(record.uid.as_str()))
        else {
            continue;
        };
        for figure in &article.figures {
            let photo = match &figure.photo_uid {
                Some(uid) => items::find_by_uid(conn, uid)?,
                None => None,
            };
            figures::insert(
                conn,
                id,
                usize::try_from(figure.position).unwrap_or(usize::MAX),
                &figure.caption,
                &figure.credit,
                &figure.image_ref,
                photo,
            )?;
        }
    }
    Ok(records
        .iter()
        .filter_map(|record| inserted.get(record.uid.as_str()).copied())
        .chain(joined.iter().map(|&(_, id)| id))
        .collect())
}

/// Appends items to collections, creating a collection (with the action's uid) if needed.
fn append_to_collections(
    conn: &Connection,
    appends: &[CollectionAppend],
    at: &str,
) -> Result<Vec<i64>> {
    let mut touched = Vec::new();
    for append in appends {
        let collection =
            tables::collections::ensure_with_uid(conn, &append.collection, &append.name, at)?;
        for id in ids_of(conn, &append.items)? {
            tables::collections::append(conn, collection, id)?;
            touched.push(id);
        }
    }
    Ok(touched)
}

//! The members of a tag (with the tags below it) or of a collection, as a view and its count
//! read them: found once per page, then gathered (looping over the tag's or collection's rows
//! and looking each item up, at a cost that follows the size of the tag) or tested item by item
//! (as a sort's index is walked, at a cost that follows the depth of the page).

use rusqlite::Connection;
use rusqlite::types::Value;

use super::listing::Scope;
use crate::error::{Error, Result};

/// A tag's or a collection's members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Members {
    Collection(i64),
    /// A tag and every tag below it, by id, as a JSON array (one parameter however many).
    Tags {
        ids: String,
        count: usize,
    },
}

impl Members {
    /// The members of `scope`, when it is a tag or a collection.
    pub(super) fn of(conn: &Connection, scope: &Scope) -> Result<Option<Members>> {
        Ok(match scope {
            Scope::Collection { id } => Some(Members::Collection(*id)),
            Scope::Tag { name } => {
                let ids = tag_and_below(conn, name)?;
                Some(Members::Tags {
                    count: ids.len(),
                    ids: serde_json::to_string(&ids).map_err(|e| Error::Internal(e.to_string()))?,
                })
            }
            _ => None,
        })
    }

    /// A FROM clause that loops over the members and looks each up as `i`. `CROSS JOIN` keeps
    /// SQLite to that order, rather than walking the whole library and testing each item.
    pub(super) fn gathered(&self) -> (String, Vec<Value>) {
        match self {
            Members::Collection(id) => (
                "(SELECT c.item_id FROM collection_items c WHERE c.collection_id = ?) m
                 CROSS JOIN items i ON i.id = m.item_id"
                    .into(),
                vec![Value::Integer(*id)],
            ),
            Members::Tags { ids, count } => {
                // An item may carry several of the tags: it is gathered once.
                let distinct = if *count > 1 { "DISTINCT " } else { "" };
                (
                    format!(
                        "(SELECT {distinct}it.item_id FROM item_tags it
                          WHERE it.tag_id IN (SELECT value FROM json_each(?))) m
                         CROSS JOIN items i ON i.id = m.item_id"
                    ),
                    vec![Value::Text(ids.clone())],
                )
            }
        }
    }

    /// The condition that item `i` is a member.
    pub(super) fn test(&self) -> (&'static str, Vec<Value>) {
        match self {
            Members::Collection(id) => (
                "EXISTS (SELECT 1 FROM collection_items c
                         WHERE c.collection_id = ? AND c.item_id = i.id)",
                vec![Value::Integer(*id)],
            ),
            Members::Tags { ids, .. } => (
                "EXISTS (SELECT 1 FROM item_tags it
                         WHERE it.item_id = i.id AND it.tag_id IN (SELECT value FROM json_each(?)))",
                vec![Value::Text(ids.clone())],
            ),
        }
    }

    /// A statement counting the members, in the Trash or not, from their rows' index alone.
    pub(super) fn count(&self) -> (&'static str, Vec<Value>) {
        match self {
            Members::Collection(id) => (
                "SELECT count(*) FROM collection_items WHERE collection_id = ?",
                vec![Value::Integer(*id)],
            ),
            // One tag has one row per item; an item may carry several of many.
            Members::Tags { ids, count: 1 } => (
                "SELECT count(*) FROM item_tags WHERE tag_id IN (SELECT value FROM json_each(?))",
                vec![Value::Text(ids.clone())],
            ),
            Members::Tags { ids, .. } => (
                "SELECT count(DISTINCT item_id) FROM item_tags
                 WHERE tag_id IN (SELECT value FROM json_each(?))",
                vec![Value::Text(ids.clone())],
            ),
        }
    }
}

/// The ids of the tag called `name` (ignoring case) and of every tag below it.
fn tag_and_below(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT id FROM tags WHERE name = ?1 OR lower(name) LIKE lower(?2) || '/%' ESCAPE '\\'",
    )?;
    let ids = statement.query_map([name, &super::tagging::escape_like(name)], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

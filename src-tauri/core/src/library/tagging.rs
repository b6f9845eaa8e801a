//! Tags on many items at once, renaming and merging tags, and the tag list with counts. Each
//! change is applied from a journal action; every change of an item's tag set is recorded in the
//! history under it, so it can be undone.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, Field};
use super::history::Recorder;
use crate::error::{Error, Result};
use crate::tables::tags;

/// Add and remove tags on many items in one action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagRequest {
    pub ids: Vec<i64>,
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

/// A tag and how many items in the library carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    pub name: String,
    pub count: i64,
}

/// Cleans tag names as typed (see [`tags::normalise`]).
pub(crate) fn clean_names(names: &[String]) -> Result<Vec<String>> {
    names.iter().map(|name| tags::normalise(name)).collect()
}

/// Adds and removes tags (already cleaned) on every listed item; removing matches names ignoring
/// case. Returns the items whose tag set changed.
pub(crate) fn apply_tags(
    conn: &Connection,
    recorder: &Recorder<'_>,
    ids: &[i64],
    add: &[String],
    remove: &[String],
) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Err(Error::InvalidInput("no items to tag".into()));
    }
    let mut changed = Vec::new();
    for &id in ids {
        let before = tags::of_item(conn, id)?;
        let mut after: Vec<String> = before
            .iter()
            .filter(|name| {
                !remove
                    .iter()
                    .any(|r| r.to_lowercase() == name.to_lowercase())
            })
            .cloned()
            .collect();
        for name in add {
            if !after
                .iter()
                .any(|t| t.to_lowercase() == name.to_lowercase())
            {
                after.push(name.clone());
            }
        }
        if set_tags(conn, recorder, id, &before, after)? {
            changed.push(id);
        }
    }
    if !changed.is_empty() {
        tags::delete_unused(conn)?;
    }
    Ok(changed)
}

/// Replaces an item's tag set when it changed, recording the old and new sets.
fn set_tags(
    conn: &Connection,
    recorder: &Recorder<'_>,
    id: i64,
    before: &[String],
    mut after: Vec<String>,
) -> Result<bool> {
    fields::kind_of(conn, id)?;
    after.sort_by_key(|name| name.to_lowercase());
    let same = before.len() == after.len() && before.iter().zip(&after).all(|(a, b)| a == b);
    if same {
        return Ok(false);
    }
    let encode =
        |names: &[String]| serde_json::to_string(names).map_err(|e| Error::Internal(e.to_string()));
    let (old, new) = (encode(before)?, encode(&after)?);
    fields::write(conn, id, Field::Tags, Some(&new), recorder.at)?;
    recorder.record(conn, Some(id), "tags", Some(&old), Some(&new))?;
    Ok(true)
}

/// Every tag in use with the number of items in the library (not the trash) that carry it.
pub fn list_tags(conn: &Connection) -> Result<Vec<TagCount>> {
    let mut statement = conn.prepare(
        // Each tag's rows counted in their index, less those of items in the Trash (few):
        // looking every tagged item up to see whether it is in the Trash took 0.7 s at a
        // million items.
        "WITH trashed AS (
             SELECT it.tag_id, count(*) AS n FROM items i CROSS JOIN item_tags it
             ON it.item_id = i.id WHERE i.deleted_at IS NOT NULL GROUP BY it.tag_id)
         SELECT t.name, (SELECT count(*) FROM item_tags it WHERE it.tag_id = t.id)
                        - coalesce(tr.n, 0) AS live
         FROM tags t LEFT JOIN trashed tr ON tr.tag_id = t.id
         WHERE live > 0 ORDER BY t.name COLLATE NOCASE",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(TagCount {
            name: row.get(0)?,
            count: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Renames `from` (and every tag below it) to `to`, both already cleaned. When `to` exists
/// already the two merge: its items keep one tag. Each affected item's tag set is recorded in the
/// history. Returns the items whose tags changed.
pub(crate) fn apply_rename(
    conn: &Connection,
    recorder: &Recorder<'_>,
    from: &str,
    to: &str,
) -> Result<Vec<i64>> {
    let (from, to) = (from.to_string(), to.to_string());
    let tx = conn;
    let exists: Option<String> = tx
        .query_row("SELECT name FROM tags WHERE name = ?1", [&from], |row| {
            row.get(0)
        })
        .optional()?;
    let has_children: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM tags WHERE lower(name) LIKE lower(?1) || '/%' ESCAPE '\\')",
        [escape_like(&from)],
        |row| row.get(0),
    )?;
    if exists.is_none() && !has_children {
        return Err(Error::NotFound(format!("tag {from:?}")));
    }
    if to
        .to_lowercase()
        .starts_with(&format!("{}/", from.to_lowercase()))
    {
        return Err(Error::InvalidInput(format!(
            "cannot move tag {from:?} inside itself ({to:?})"
        )));
    }
    let mut statement = tx.prepare(
        "SELECT DISTINCT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
         WHERE t.name = ?1 OR lower(t.name) LIKE lower(?2) || '/%' ESCAPE '\\'",
    )?;
    let items: Vec<i64> = statement
        .query_map(params![from, escape_like(&from)], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(statement);
    let from_lower = from.to_lowercase();
    let mut changed = Vec::new();
    for id in items {
        let before = tags::of_item(tx, id)?;
        let mut after: Vec<String> = Vec::new();
        for name in &before {
            let lower = name.to_lowercase();
            let renamed = if lower == from_lower {
                to.clone()
            } else if let Some(rest) = lower
                .strip_prefix(&from_lower)
                .and_then(|rest| rest.strip_prefix('/'))
            {
                // Keep the child's own spelling: only the renamed prefix changes.
                format!("{to}/{}", &name[name.len() - rest.len()..])
            } else {
                name.clone()
            };
            if !after
                .iter()
                .any(|t| t.to_lowercase() == renamed.to_lowercase())
            {
                after.push(renamed);
            }
        }
        if set_tags(tx, recorder, id, &before, after)? {
            changed.push(id);
        }
    }
    // A case-only rename ("events" → "Events") keeps the row: update its spelling.
    tx.execute(
        "UPDATE tags SET name = ?2 WHERE name = ?1 AND lower(?1) = lower(?2)",
        params![from, to],
    )?;
    tags::delete_unused(tx)?;
    Ok(changed)
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

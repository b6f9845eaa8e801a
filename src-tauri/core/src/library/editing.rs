//! Correcting items: title, date, caption, credit, byline and notes; linking an article's figure
//! to a photo; and undoing an action. Each is applied from a journal action and recorded in the
//! history under it.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, Field};
use super::history::{self, Recorder};
use crate::error::{Error, Result};
use crate::tables::tags;
use crate::text::dates::parse_date;

/// A field a person may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditField {
    Title,
    Date,
    Caption,
    Credit,
    Byline,
    Notes,
}

impl EditField {
    fn field(self) -> Field {
        match self {
            EditField::Title => Field::Title,
            EditField::Date => Field::Date,
            EditField::Caption => Field::Caption,
            EditField::Credit => Field::Credit,
            EditField::Byline => Field::Byline,
            EditField::Notes => Field::Notes,
        }
    }

    /// Parses a field name as the CLI takes it.
    pub fn parse(name: &str) -> Result<Self> {
        Ok(match name {
            "title" => EditField::Title,
            "date" => EditField::Date,
            "caption" => EditField::Caption,
            "credit" => EditField::Credit,
            "byline" => EditField::Byline,
            "notes" => EditField::Notes,
            other => {
                return Err(Error::InvalidInput(format!(
                    "{other:?} cannot be edited; choose title, date, caption, credit, byline or notes"
                )));
            }
        })
    }
}

/// One edit: set `field` of item `id` to `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditRequest {
    pub id: i64,
    pub field: EditField,
    pub value: String,
}

/// What an undo reverted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Undone {
    pub item_id: Option<i64>,
    pub description: String,
}

/// Sets one field to a value already cleaned by [`clean_value`], recording the change; a value
/// equal to the current one records nothing. Returns whether the item changed.
pub(crate) fn apply_edit(
    conn: &Connection,
    recorder: &Recorder<'_>,
    id: i64,
    field: EditField,
    value: Option<&str>,
) -> Result<bool> {
    let field = field.field();
    let old = fields::read(conn, id, field)?;
    if old.as_deref().unwrap_or("") == value.unwrap_or("") {
        return Ok(false);
    }
    fields::write(conn, id, field, value, recorder.at)?;
    recorder.record(conn, Some(id), &field.name(), old.as_deref(), value)?;
    Ok(true)
}

/// Trims the value and checks it for its field; `None` clears a date.
pub(crate) fn clean_value(field: EditField, value: &str) -> Result<Option<String>> {
    let value = value.trim();
    if field != EditField::Date {
        // Notes keep their line breaks; other fields are one line.
        return Ok(Some(if field == EditField::Notes {
            value.to_string()
        } else {
            value.split_whitespace().collect::<Vec<_>>().join(" ")
        }));
    }
    if value.is_empty() {
        return Ok(None);
    }
    match parse_date(value) {
        Some(date) => Ok(Some(date.value)),
        None => Err(Error::InvalidInput(format!(
            "{value:?} is not a date; write it as 2018-11-02, 2018-11 or 2018"
        ))),
    }
}

/// The article a figure belongs to and its position there.
pub(crate) fn figure_place(conn: &Connection, figure_id: i64) -> Result<(i64, i64)> {
    conn.query_row(
        "SELECT article_id, position FROM figures WHERE id = ?1",
        [figure_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("figure {figure_id}")))
}

/// Refuses anything but a photo as what a figure shows.
pub(crate) fn check_photo(conn: &Connection, photo_id: i64) -> Result<()> {
    if fields::kind_of(conn, photo_id)? != "photo" {
        return Err(Error::InvalidInput(format!(
            "item {photo_id} is an article; a figure shows a photo"
        )));
    }
    Ok(())
}

/// Links the figure at `position` of `article_id` to `photo_id`, or unlinks it with `None`. A
/// photo without a caption takes the figure's caption and credit, as an import of a saved page
/// does. Returns the items changed.
pub(crate) fn apply_link(
    conn: &Connection,
    recorder: &Recorder<'_>,
    article_id: i64,
    position: i64,
    photo_id: Option<i64>,
) -> Result<Vec<i64>> {
    let (figure_id, caption, credit): (i64, String, String) = conn
        .query_row(
            "SELECT id, caption, credit FROM figures WHERE article_id = ?1 AND position = ?2",
            params![article_id, position],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("figure {position} of item {article_id}")))?;
    if let Some(photo) = photo_id {
        check_photo(conn, photo)?;
    }
    let field = Field::FigurePhoto(figure_id);
    let old = fields::read(conn, article_id, field)?;
    let new = photo_id.map(|id| id.to_string());
    if old == new {
        return Ok(Vec::new());
    }
    let mut changed = vec![article_id];
    fields::write(conn, article_id, field, new.as_deref(), recorder.at)?;
    recorder.record(
        conn,
        Some(article_id),
        &field.name(),
        old.as_deref(),
        new.as_deref(),
    )?;
    if let Some(old) = old.and_then(|id| id.parse().ok()) {
        changed.push(old);
    }
    if let Some(photo) = photo_id {
        changed.push(photo);
        for (field, text) in [(Field::Caption, &caption), (Field::Credit, &credit)] {
            let current = fields::read(conn, photo, field)?.unwrap_or_default();
            if current.is_empty() && !text.is_empty() {
                fields::write(conn, photo, field, Some(text), recorder.at)?;
                recorder.record(conn, Some(photo), &field.name(), Some(""), Some(text))?;
            }
        }
    }
    Ok(changed)
}

/// What an undo did: its description, the items it reverted and the fields it touched.
pub(crate) struct Reverted {
    pub undone: Undone,
    pub items: Vec<i64>,
    pub fields: Vec<String>,
}

/// Reverts the changes of journal action `target` not yet undone; `None` when there are none.
pub(crate) fn apply_undo(
    conn: &Connection,
    recorder: &Recorder<'_>,
    target: &str,
) -> Result<Option<Reverted>> {
    let changes = history::changes_of(conn, target)?;
    if changes.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::new();
    for change in &changes {
        if let Some(item_id) = change.item_id {
            // An item removed for good since (emptied trash) has nothing left to revert.
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)",
                params![item_id],
                |row| row.get(0),
            )?;
            if exists {
                fields::write(
                    conn,
                    item_id,
                    Field::parse(&change.field)?,
                    change.old.as_deref(),
                    recorder.at,
                )?;
                items.push(item_id);
            }
        }
        history::mark_undone(conn, change.id)?;
    }
    if changes.iter().any(|c| c.field == Field::Tags.name()) {
        tags::delete_unused(conn)?;
    }
    let undone = if action_kind(conn, target)?.as_deref() == Some("merge") {
        // A merge touches several fields of several items: it is named as the one change it was.
        let merged = changes
            .iter()
            .filter(|c| c.field == Field::Trash.name())
            .count();
        Undone {
            item_id: None,
            description: format!("merge of {} items", merged + 1),
        }
    } else {
        describe(conn, &changes)?
    };
    let mut fields: Vec<String> = changes.iter().map(|c| c.field.clone()).collect();
    fields.sort_unstable();
    fields.dedup();
    Ok(Some(Reverted {
        undone,
        items,
        fields,
    }))
}

/// The kind of the journal action with this uid.
fn action_kind(conn: &Connection, uid: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT kind FROM journal WHERE uid = ?1", [uid], |row| {
            row.get(0)
        })
        .optional()?)
}

/// A sentence for what an undo reverted: "title of “Moscow dialogue”", "tags of 3 items".
fn describe(conn: &Connection, changes: &[history::Change]) -> Result<Undone> {
    // The action's first change names it (linking a figure may also fill the photo's caption).
    let field = changes.last().map(|c| c.field.as_str()).unwrap_or("");
    let mut items: Vec<i64> = changes
        .iter()
        .filter(|c| c.field == field)
        .filter_map(|c| c.item_id)
        .collect();
    items.sort_unstable();
    items.dedup();
    let what = match field {
        "trash" => "move to or from the trash".to_string(),
        f if f.starts_with("figure:") => "figure link".to_string(),
        f => f.to_string(),
    };
    let description = if let [only] = items.as_slice() {
        let title: Option<String> = conn
            .query_row("SELECT title FROM items WHERE id = ?1", [only], |row| {
                row.get(0)
            })
            .optional()?;
        match title.filter(|t| !t.is_empty()) {
            Some(title) => format!("{what} of “{title}”"),
            None => format!("{what} of item {only}"),
        }
    } else {
        format!("{what} of {} items", items.len())
    };
    Ok(Undone {
        item_id: (items.len() == 1).then(|| items[0]),
        description,
    })
}

//! Correcting items: title, date, caption, credit, byline and notes; linking an article's figure
//! to a photo; and undoing the last action. Every change is recorded in the history.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, Field};
use super::history::{self, Action};
use crate::error::{Error, Result};
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

/// Applies one edit and records it. Editing a field to the value it has records nothing.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn update_item(conn: &mut Connection, request: &EditRequest) -> Result<()> {
    let value = clean_value(request.field, &request.value)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let field = request.field.field();
    let old = fields::read(&tx, request.id, field)?;
    let unchanged = old.as_deref().unwrap_or("") == value.as_deref().unwrap_or("");
    if !unchanged {
        let action = Action::begin(&tx)?;
        fields::write(&tx, request.id, field, value.as_deref())?;
        action.record(
            &tx,
            Some(request.id),
            &field.name(),
            old.as_deref(),
            value.as_deref(),
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Trims the value and checks it for its field; `None` clears a date.
fn clean_value(field: EditField, value: &str) -> Result<Option<String>> {
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

/// Links figure `figure_id` to `photo_id`, or unlinks it with `None`. A photo without a caption
/// takes the figure's caption and credit, as an import of a saved page does.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn link_figure(conn: &mut Connection, figure_id: i64, photo_id: Option<i64>) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (article_id, caption, credit): (i64, String, String) = tx
        .query_row(
            "SELECT article_id, caption, credit FROM figures WHERE id = ?1",
            [figure_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("figure {figure_id}")))?;
    if let Some(photo) = photo_id {
        let kind = fields::kind_of(&tx, photo)?;
        if kind != "photo" {
            return Err(Error::InvalidInput(format!(
                "item {photo} is an article; a figure shows a photo"
            )));
        }
    }
    let field = Field::FigurePhoto(figure_id);
    let old = fields::read(&tx, article_id, field)?;
    let new = photo_id.map(|id| id.to_string());
    if old != new {
        let action = Action::begin(&tx)?;
        fields::write(&tx, article_id, field, new.as_deref())?;
        action.record(
            &tx,
            Some(article_id),
            &field.name(),
            old.as_deref(),
            new.as_deref(),
        )?;
        if let Some(photo) = photo_id {
            for (field, text) in [(Field::Caption, &caption), (Field::Credit, &credit)] {
                let current = fields::read(&tx, photo, field)?.unwrap_or_default();
                if current.is_empty() && !text.is_empty() {
                    fields::write(&tx, photo, field, Some(text))?;
                    action.record(&tx, Some(photo), &field.name(), Some(""), Some(text))?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Reverts the latest action not yet undone; `None` when there is nothing to undo.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn undo(conn: &mut Connection) -> Result<Option<Undone>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let changes = history::last_action(&tx)?;
    if changes.is_empty() {
        return Ok(None);
    }
    for change in &changes {
        if let Some(item_id) = change.item_id {
            // An item removed for good since (emptied trash) has nothing left to revert.
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)",
                params![item_id],
                |row| row.get(0),
            )?;
            if exists {
                fields::write(
                    &tx,
                    item_id,
                    Field::parse(&change.field)?,
                    change.old.as_deref(),
                )?;
            }
        }
        history::mark_undone(&tx, change.id)?;
    }
    let undone = describe(&tx, &changes)?;
    tx.commit()?;
    Ok(Some(undone))
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

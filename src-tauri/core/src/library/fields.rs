//! Reading and writing one recorded field of an item — the single place that knows where each
//! field the history names is stored, so an edit and its undo can never disagree.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::tables::{collections, index_queue, tags};
use crate::text::dates::parse_date;

/// A field of an item as the history names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Date,
    Caption,
    Credit,
    Byline,
    Notes,
    /// The item's whole tag set, as a JSON array of names.
    Tags,
    /// When the item went to the trash (`None`: in the library).
    Trash,
    /// The collections the item is in, as a sorted JSON array of collection uids. Setting it
    /// appends the item to the collections it joins and leaves it in place in the others.
    Collections,
    /// The photo linked to one of an article's figures (the figure's id).
    FigurePhoto(i64),
    /// Stars, `0` to `5` (`0`: not rated).
    Rating,
    /// The colour label's name (`None`: no label).
    Label,
}

impl Field {
    pub fn name(self) -> String {
        match self {
            Field::Title => "title".into(),
            Field::Date => "date".into(),
            Field::Caption => "caption".into(),
            Field::Credit => "credit".into(),
            Field::Byline => "byline".into(),
            Field::Notes => "notes".into(),
            Field::Tags => "tags".into(),
            Field::Trash => "trash".into(),
            Field::Collections => "collections".into(),
            Field::FigurePhoto(figure) => format!("figure:{figure}"),
            Field::Rating => "rating".into(),
            Field::Label => "label".into(),
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        Ok(match name {
            "title" => Field::Title,
            "date" => Field::Date,
            "caption" => Field::Caption,
            "credit" => Field::Credit,
            "byline" => Field::Byline,
            "notes" => Field::Notes,
            "tags" => Field::Tags,
            "trash" => Field::Trash,
            "collections" => Field::Collections,
            "rating" => Field::Rating,
            "label" => Field::Label,
            other => match other.strip_prefix("figure:").map(str::parse) {
                Some(Ok(figure)) => Field::FigurePhoto(figure),
                _ => return Err(Error::Internal(format!("unknown history field {other:?}"))),
            },
        })
    }
}

/// The item's kind, or `NotFound`.
pub fn kind_of(conn: &Connection, item_id: i64) -> Result<String> {
    conn.query_row("SELECT kind FROM items WHERE id = ?1", [item_id], |row| {
        row.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("item {item_id}")))
}

/// Where a text field of this kind of item lives: (table, column, key column).
fn text_column(field: Field, kind: &str) -> Result<(&'static str, &'static str, &'static str)> {
    let photo = kind == "photo";
    Ok(match field {
        Field::Title => ("items", "title", "id"),
        Field::Notes => ("items", "notes", "id"),
        Field::Byline if photo => ("photos", "byline", "item_id"),
        Field::Byline => ("articles", "byline", "item_id"),
        Field::Caption if photo => ("photos", "caption", "item_id"),
        Field::Credit if photo => ("photos", "credit", "item_id"),
        Field::Caption | Field::Credit => {
            return Err(Error::InvalidInput(format!(
                "an article has no {} of its own: its captions and credits belong to its figures",
                field.name()
            )));
        }
        Field::Date
        | Field::Tags
        | Field::Trash
        | Field::Collections
        | Field::FigurePhoto(_)
        | Field::Rating
        | Field::Label => {
            return Err(Error::Internal(format!(
                "{} is not a text field",
                field.name()
            )));
        }
    })
}

/// The field's current value as the history stores it.
pub fn read(conn: &Connection, item_id: i64, field: Field) -> Result<Option<String>> {
    let kind = kind_of(conn, item_id)?;
    match field {
        Field::Date => Ok(conn.query_row(
            "SELECT date FROM items WHERE id = ?1",
            [item_id],
            |r| r.get(0),
        )?),
        Field::Trash => Ok(conn.query_row(
            "SELECT deleted_at FROM items WHERE id = ?1",
            [item_id],
            |r| r.get(0),
        )?),
        Field::Rating => Ok(Some(
            conn.query_row("SELECT rating FROM items WHERE id = ?1", [item_id], |r| {
                r.get::<_, i64>(0)
            })?
            .to_string(),
        )),
        Field::Label => Ok(conn.query_row(
            "SELECT label FROM items WHERE id = ?1",
            [item_id],
            |r| r.get(0),
        )?),
        Field::Tags => Ok(Some(
            serde_json::to_string(&tags::of_item(conn, item_id)?)
                .map_err(|e| Error::Internal(e.to_string()))?,
        )),
        Field::Collections => Ok(Some(
            serde_json::to_string(&collections::uids_of_item(conn, item_id)?)
                .map_err(|e| Error::Internal(e.to_string()))?,
        )),
        Field::FigurePhoto(figure) => {
            let photo: Option<i64> = conn
                .query_row(
                    "SELECT photo_id FROM figures WHERE id = ?1 AND article_id = ?2",
                    params![figure, item_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("figure {figure} of item {item_id}")))?;
            Ok(photo.map(|id| id.to_string()))
        }
        _ => {
            let (table, column, key) = text_column(field, &kind)?;
            Ok(conn.query_row(
                &format!("SELECT {column} FROM {table} WHERE {key} = ?1"),
                [item_id],
                |r| r.get(0),
            )?)
        }
    }
}

/// Sets the field to `value` (already validated), marks the item modified at `at` (the time of
/// the journal action making the change) and queues it for the search index — all on `conn`,
/// inside the caller's transaction. After setting tags, the caller removes the tags no item
/// carries any more ([`tags::delete_unused`]) once for the whole action.
pub fn write(
    conn: &Connection,
    item_id: i64,
    field: Field,
    value: Option<&str>,
    at: &str,
) -> Result<()> {
    let kind = kind_of(conn, item_id)?;
    match field {
        Field::Date => {
            let precision = match value {
                Some(text) => Some(
                    parse_date(text)
                        .map(|d| d.precision.as_str())
                        .ok_or_else(|| Error::InvalidInput(format!("{text:?} is not a date")))?,
                ),
                None => None,
            };
            conn.execute(
                "UPDATE items SET date = ?2, date_precision = ?3 WHERE id = ?1",
                params![item_id, value, precision],
            )?;
        }
        Field::Trash => {
            conn.execute(
                "UPDATE items SET deleted_at = ?2 WHERE id = ?1",
                params![item_id, value],
            )?;
        }
        Field::Rating => {
            let stars: i64 = value
                .unwrap_or("0")
                .parse()
                .map_err(|_| Error::Internal(format!("rating {value:?} is not a number")))?;
            conn.execute(
                "UPDATE items SET rating = ?2 WHERE id = ?1",
                params![item_id, stars],
            )?;
        }
        Field::Label => {
            conn.execute(
                "UPDATE items SET label = ?2 WHERE id = ?1",
                params![item_id, value],
            )?;
        }
        Field::Tags => {
            let names: Vec<String> = serde_json::from_str(value.unwrap_or("[]"))
                .map_err(|e| Error::Internal(format!("tag set in history: {e}")))?;
            conn.execute("DELETE FROM item_tags WHERE item_id = ?1", [item_id])?;
            for name in names {
                let tag = tags::ensure(conn, &name)?;
                tags::add_to_item(conn, item_id, tag)?;
            }
            // Tags left on no item are swept once per action by its caller: sweeping here,
            // per item, read every tag for every item (20 s for 10,000 items of a million).
        }
        Field::Collections => {
            let wanted: Vec<String> = serde_json::from_str(value.unwrap_or("[]"))
                .map_err(|e| Error::Internal(format!("collection set in history: {e}")))?;
            for uid in collections::uids_of_item(conn, item_id)? {
                if !wanted.contains(&uid) {
                    conn.execute(
                        "DELETE FROM collection_items WHERE item_id = ?1
                         AND collection_id = (SELECT id FROM collections WHERE uid = ?2)",
                        params![item_id, uid],
                    )?;
                }
            }
            // A collection deleted since has nothing to join.
            for uid in &wanted {
                if let Some(collection) = collections::find_by_uid(conn, uid)? {
                    collections::append(conn, collection, item_id)?;
                }
            }
        }
        Field::FigurePhoto(figure) => {
            let photo: Option<i64> = value
                .map(str::parse)
                .transpose()
                .map_err(|_| Error::Internal("figure link in history is not an id".into()))?;
            conn.execute(
                "UPDATE figures SET photo_id = ?3 WHERE id = ?1 AND article_id = ?2",
                params![figure, item_id, photo],
            )?;
            if let Some(photo) = photo {
                index_queue::upsert(conn, photo)?;
            }
        }
        _ => {
            let (table, column, key) = text_column(field, &kind)?;
            conn.execute(
                &format!("UPDATE {table} SET {column} = ?2 WHERE {key} = ?1"),
                params![item_id, value.unwrap_or("")],
            )?;
        }
    }
    conn.execute(
        "UPDATE items SET modified_at = ?2 WHERE id = ?1",
        params![item_id, at],
    )?;
    index_queue::upsert(conn, item_id)
}

//! Merging a group of near-duplicates into the one kept: it takes the others' tags, collections
//! and figure links (photos) and the fullest caption and credit, and the others go to the trash.
//! Applied from one journal action; every change is recorded in the history under it, so one
//! undo reverts the whole merge.

use rusqlite::{Connection, params};

use crate::error::{Error, Result};
use crate::library::fields::{self, Field};
use crate::library::history::Recorder;
use crate::library::trash;

/// Merges `others` into `keep`; returns every item it changed. Items already in the trash are
/// left out; a merge of one item changes nothing.
pub(crate) fn apply_merge(
    conn: &Connection,
    recorder: &Recorder<'_>,
    keep: i64,
    others: &[i64],
) -> Result<Vec<i64>> {
    let kind = fields::kind_of(conn, keep)?;
    let mut merged = Vec::new();
    for &other in others {
        if other == keep || merged.contains(&other) {
            continue;
        }
        if fields::kind_of(conn, other)? != kind {
            return Err(Error::InvalidInput(format!(
                "item {other} is not a {kind}: only items of one kind merge"
            )));
        }
        if fields::read(conn, other, Field::Trash)?.is_none() {
            merged.push(other);
        }
    }
    if merged.is_empty() {
        return Ok(Vec::new());
    }
    let mut touched = vec![keep];
    union_set(conn, recorder, keep, &merged, Field::Tags)?;
    union_set(conn, recorder, keep, &merged, Field::Collections)?;
    if kind == "photo" {
        for field in [Field::Caption, Field::Credit] {
            fullest(conn, recorder, keep, &merged, field)?;
        }
        touched.extend(relink_figures(conn, recorder, keep, &merged)?);
    }
    touched.extend(trash::apply_set_trashed(
        conn,
        recorder,
        &merged,
        Some(recorder.at),
    )?);
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

/// Gives `keep` every member of a set field (tags, collections) the others have.
fn union_set(
    conn: &Connection,
    recorder: &Recorder<'_>,
    keep: i64,
    others: &[i64],
    field: Field,
) -> Result<()> {
    let read = |id: i64| -> Result<Vec<String>> {
        let json = fields::read(conn, id, field)?.unwrap_or_else(|| "[]".into());
        serde_json::from_str(&json).map_err(|e| Error::Internal(format!("{}: {e}", field.name())))
    };
    let old = read(keep)?;
    let mut union = old.clone();
    for &other in others {
        for member in read(other)? {
            // Tags are one tag whatever their case.
            if !union
                .iter()
                .any(|have| have.to_lowercase() == member.to_lowercase())
            {
                union.push(member);
            }
        }
    }
    if union.len() == old.len() {
        return Ok(());
    }
    union.sort();
    let encode = |set: &[String]| {
        serde_json::to_string(set).map_err(|e| Error::Internal(format!("{}: {e}", field.name())))
    };
    let (old, new) = (encode(&old)?, encode(&union)?);
    fields::write(conn, keep, field, Some(&new), recorder.at)?;
    recorder.record(conn, Some(keep), &field.name(), Some(&old), Some(&new))
}

/// Gives `keep` the longest value of a text field among the group, if it is longer than its own.
fn fullest(
    conn: &Connection,
    recorder: &Recorder<'_>,
    keep: i64,
    others: &[i64],
    field: Field,
) -> Result<()> {
    let own = fields::read(conn, keep, field)?.unwrap_or_default();
    let mut best = own.clone();
    for &other in others {
        let theirs = fields::read(conn, other, field)?.unwrap_or_default();
        if theirs.trim().chars().count() > best.trim().chars().count() {
            best = theirs;
        }
    }
    if best == own {
        return Ok(());
    }
    fields::write(conn, keep, field, Some(&best), recorder.at)?;
    recorder.record(conn, Some(keep), &field.name(), Some(&own), Some(&best))
}

/// Points every figure that shows one of the others at `keep`; returns the articles changed.
fn relink_figures(
    conn: &Connection,
    recorder: &Recorder<'_>,
    keep: i64,
    others: &[i64],
) -> Result<Vec<i64>> {
    let mut statement =
        conn.prepare("SELECT id, article_id FROM figures WHERE photo_id = ?1 ORDER BY id")?;
    let mut figures: Vec<(i64, i64)> = Vec::new();
    for &other in others {
        let rows = statement.query_map(params![other], |row| Ok((row.get(0)?, row.get(1)?)))?;
        figures.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    let keep_text = keep.to_string();
    let mut articles = Vec::new();
    for (figure, article) in figures {
        let field = Field::FigurePhoto(figure);
        let old = fields::read(conn, article, field)?;
        fields::write(conn, article, field, Some(&keep_text), recorder.at)?;
        recorder.record(
            conn,
            Some(article),
            &field.name(),
            old.as_deref(),
            Some(&keep_text),
        )?;
        articles.push(article);
    }
    Ok(articles)
}

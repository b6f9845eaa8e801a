//! What facet counts read of each item, kept in memory as compact columns: its kind, language,
//! year and month, and the dictionary numbers of its credits, bylines and tag paths. Built once
//! per listing generation (migration 10, widened by migration 15 to bylines, figure credits and
//! tag names), so counting the items of a query is a walk over small arrays instead of a
//! GROUP BY per facet.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::error::Result;
use crate::search::{Period, language_key, tag_key};

/// No value: an unknown language, an undated item, a month not known.
pub(crate) const NONE: u32 = u32::MAX;

/// Distinct values of one facet, numbered in the order first met.
#[derive(Default)]
pub(crate) struct Dictionary {
    /// What the user sees and the filter is made from.
    pub labels: Vec<String>,
    by_key: HashMap<String, u32>,
}

impl Dictionary {
    /// The number of `label`, found by `key` (values that differ only as the filter ignores,
    /// such as a tag's case, are one value).
    fn number(&mut self, key: String, label: &str) -> u32 {
        let next = u32::try_from(self.labels.len()).unwrap_or(NONE);
        *self.by_key.entry(key).or_insert_with(|| {
            self.labels.push(label.to_owned());
            next
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// The number of the value with this key, if any item has it.
    pub fn find(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }
}

/// Several values per item: item `row`'s are `values[offsets[row]..offsets[row + 1]]`, each
/// once.
#[derive(Default)]
pub(crate) struct MultiColumn {
    offsets: Vec<u32>,
    values: Vec<u32>,
}

impl MultiColumn {
    fn from_lists(lists: Vec<Vec<u32>>) -> MultiColumn {
        let mut column = MultiColumn {
            offsets: Vec::with_capacity(lists.len() + 1),
            values: Vec::new(),
        };
        column.offsets.push(0);
        for mut list in lists {
            list.sort_unstable();
            list.dedup();
            column.values.extend(list);
            column
                .offsets
                .push(u32::try_from(column.values.len()).unwrap_or(NONE));
        }
        column
    }

    pub fn of(&self, row: usize) -> &[u32] {
        let (start, end) = (self.offsets[row] as usize, self.offsets[row + 1] as usize);
        &self.values[start..end]
    }
}

/// Every item not in the Trash, one row each.
#[derive(Default)]
pub(crate) struct Columns {
    pub generation: i64,
    /// The row of each item id (`NONE` for ids not listed), indexed by id.
    row_of: Vec<u32>,
    pub ids: Vec<i64>,
    pub photo: Vec<bool>,
    pub lang: Vec<u32>,
    pub langs: Dictionary,
    /// The year, or 0 when undated.
    pub year: Vec<u16>,
    /// `year * 12 + month - 1`, or `NONE` when the month is not known.
    pub month: Vec<u32>,
    pub credit: MultiColumn,
    pub credits: Dictionary,
    pub byline: MultiColumn,
    pub bylines: Dictionary,
    /// A tag and each tag above it (`Events/Summit` counts for `Events` as well), as `tag:`
    /// matches.
    pub tag: MultiColumn,
    pub tags: Dictionary,
}

impl Columns {
    pub fn row(&self, id: i64) -> Option<usize> {
        let row = *self.row_of.get(usize::try_from(id).ok()?)?;
        (row != NONE).then_some(row as usize)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    fn read(conn: &Connection, generation: i64) -> Result<Columns> {
        let mut columns = Columns {
            generation,
            ..Columns::default()
        };
        let mut credits: Vec<Vec<u32>> = Vec::new();
        let mut bylines: Vec<Vec<u32>> = Vec::new();
        let mut statement = conn.prepare(
            "SELECT i.id, i.kind = 'photo', i.language, i.date, coalesce(p.credit, ''),
                    coalesce(p.byline, a.byline, '')
             FROM items i LEFT JOIN photos p ON p.item_id = i.id
             LEFT JOIN articles a ON a.item_id = i.id
             WHERE i.deleted_at IS NULL ORDER BY i.id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let number = u32::try_from(columns.ids.len()).unwrap_or(NONE);
            if let Ok(slot) = usize::try_from(id) {
                if slot >= columns.row_of.len() {
                    columns.row_of.resize(slot + 1, NONE);
                }
                columns.row_of[slot] = number;
            }
            columns.ids.push(id);
            columns.photo.push(row.get(1)?);
            let language: Option<String> = row.get(2)?;
            let lang = language
                .as_deref()
                .and_then(language_key)
                .map_or(NONE, |key| columns.langs.number(key.clone(), &key));
            columns.lang.push(lang);
            let date: Option<String> = row.get(3)?;
            let (year, month) = date
                .as_deref()
                .and_then(Period::of_item_date)
                .map_or((0, NONE), year_and_month);
            columns.year.push(year);
            columns.month.push(month);
            let credit: String = row.get(4)?;
            credits.push(
                name_number(&mut columns.credits, &credit)
                    .into_iter()
                    .collect(),
            );
            let byline: String = row.get(5)?;
            bylines.push(
                name_number(&mut columns.bylines, &byline)
                    .into_iter()
                    .collect(),
            );
        }
        // An article's figures carry credits too, and `credit:` finds them.
        let mut statement = conn.prepare(
            "SELECT f.article_id, f.credit FROM figures f
             JOIN items i ON i.id = f.article_id
             WHERE i.deleted_at IS NULL AND f.credit != ''",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(at) = columns.row(row.get(0)?) {
                let credit: String = row.get(1)?;
                credits[at].extend(name_number(&mut columns.credits, &credit));
            }
        }
        let mut tags: Vec<Vec<u32>> = vec![Vec::new(); columns.len()];
        let mut statement = conn.prepare(
            "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(at) = columns.row(row.get(0)?) {
                let name: String = row.get(1)?;
                tags[at].extend(tag_paths(&mut columns.tags, &name));
            }
        }
        columns.credit = MultiColumn::from_lists(credits);
        columns.byline = MultiColumn::from_lists(bylines);
        columns.tag = MultiColumn::from_lists(tags);
        Ok(columns)
    }
}

/// A credit or byline's number: values are trimmed, and an empty one is no value.
fn name_number(dictionary: &mut Dictionary, name: &str) -> Option<u32> {
    let name = name.trim();
    (!name.is_empty()).then(|| dictionary.number(name.to_owned(), name))
}

/// The numbers of a tag and each tag above it, labelled as the tag's name writes them.
fn tag_paths(dictionary: &mut Dictionary, name: &str) -> Vec<u32> {
    let key = tag_key(name);
    if key.is_empty() {
        return Vec::new();
    }
    let segments: Vec<&str> = name
        .split('/')
        .map(str::trim)
        .filter(|segment| !segment.is_empty())
        .collect();
    (1..=segments.len())
        .map(|depth| {
            let label = segments[..depth].join("/");
            dictionary.number(tag_key(&label), &label)
        })
        .collect()
}

fn year_and_month(period: Period) -> (u16, u32) {
    let year = period.first / 10_000;
    let month = period.first / 100 % 100;
    let year_number = u16::try_from(year).unwrap_or(0);
    let month_number = if (1..=12).contains(&month) {
        u32::try_from(year * 12 + month - 1).unwrap_or(NONE)
    } else {
        NONE
    };
    (year_number, month_number)
}

/// The columns of the current listing generation, shared by every read of a handle.
#[derive(Default)]
pub(crate) struct ColumnCache(Mutex<Option<Arc<Columns>>>);

impl ColumnCache {
    /// The columns of the archive as it is now, read again when its generation moved on.
    pub fn current(&self, conn: &Connection) -> Result<Arc<Columns>> {
        let generation: i64 =
            conn.query_row("SELECT n FROM listing_generation", [], |row| row.get(0))?;
        if let Ok(cached) = self.0.lock()
            && let Some(columns) = cached.as_ref()
            && columns.generation == generation
        {
            return Ok(Arc::clone(columns));
        }
        // Read in one transaction, so the generation read is the one the columns show.
        let snapshot = conn.unchecked_transaction()?;
        let generation: i64 =
            snapshot.query_row("SELECT n FROM listing_generation", [], |row| row.get(0))?;
        let columns = Arc::new(Columns::read(&snapshot, generation)?);
        drop(snapshot);
        if let Ok(mut cached) = self.0.lock() {
            *cached = Some(Arc::clone(&columns));
        }
        Ok(columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_counts_for_each_tag_above_it_whatever_its_case() {
        let mut dictionary = Dictionary::default();
        let first = tag_paths(&mut dictionary, "Events/Summit");
        let second = tag_paths(&mut dictionary, "events / Forum");
        assert_eq!(first, [0, 1]);
        assert_eq!(second, [0, 2]);
        assert_eq!(
            dictionary.labels,
            ["Events", "Events/Summit", "events/Forum"]
        );
    }

    #[test]
    fn months_are_known_only_for_dates_with_a_month() {
        let of = |text: &str| year_and_month(Period::of_item_date(text).unwrap());
        assert_eq!(of("2018-11-05T10:00:00Z"), (2018, 2018 * 12 + 10));
        assert_eq!(of("2018-11"), (2018, 2018 * 12 + 10));
        assert_eq!(of("2018"), (2018, NONE));
    }
}

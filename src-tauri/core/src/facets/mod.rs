//! Facets and a timeline beside a view or a search: how many of the items it shows are of each
//! kind, language, year, credit, byline and tag (the most frequent of each, with how many
//! distinct values there are), and how many fall in each month, each value with the query term
//! that filters by it. The items are those the search finds (or the whole view, without a
//! query), counted over columns kept in memory ([`columns`]), so any query is counted in
//! milliseconds at hundreds of thousands of items.

mod columns;

use std::cmp::Reverse;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) use columns::ColumnCache;
use columns::{Columns, Dictionary, MultiColumn, NONE};

use crate::error::{Error, Result};
use crate::library::listing::{Scope, recent_since};
use crate::search::{FieldName, SearchIndex, field_term, parse_query};

/// How many values of each facet are returned when the request does not say.
pub const DEFAULT_TOP: u32 = 10;

/// What the facets panel and `folio facets` ask for: a view, and a query within it (empty: the
/// whole view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacetRequest {
    pub scope: Scope,
    pub query: String,
    /// The most values of each facet to return (1 to 1000).
    pub top: u32,
}

/// The counts of the items a view or search shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    /// How many items were counted.
    pub total: u32,
    pub kinds: Facet,
    pub languages: Facet,
    pub years: Facet,
    pub credits: Facet,
    pub bylines: Facet,
    pub tags: Facet,
    /// Items per month from the first month with any to the last, empty months included.
    pub months: Vec<MonthCount>,
    /// Items without a date.
    pub undated: u32,
    /// Items dated to a year only, in no month.
    pub month_unknown: u32,
}

/// The most frequent values of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facet {
    /// Most items first; ties by value.
    pub values: Vec<FacetValue>,
    /// How many distinct values the items have (more than `values` holds when cut to the top).
    pub distinct: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacetValue {
    pub value: String,
    pub count: u32,
    /// The query term that keeps only the items with this value (`kind:photo`,
    /// `credit:"Li Wei"`), ready to add to the query.
    pub term: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthCount {
    /// `YYYY-MM`: `date:YYYY-MM` finds these items.
    pub month: String,
    pub count: u32,
}

/// Counts the items of `request` (see [`Facets`]). The Trash has no facets.
pub(crate) fn facets(
    conn: &Connection,
    index: Option<&SearchIndex>,
    cache: &ColumnCache,
    request: &FacetRequest,
) -> Result<Facets> {
    if request.top == 0 || request.top > 1000 {
        return Err(Error::InvalidInput(format!(
            "facets list 1 to 1000 values each, not {}",
            request.top
        )));
    }
    let columns = cache.current(conn)?;
    let in_scope = scope_rows(conn, &columns, &request.scope)?;
    let top = request.top as usize;
    if request.query.trim().is_empty() {
        return Ok(match in_scope {
            None => count(&columns, 0..columns.len(), top),
            Some(keep) => count(&columns, (0..columns.len()).filter(|&row| keep[row]), top),
        });
    }
    let rows: Vec<usize> = {
        let query = parse_query(&request.query)?;
        let index = index.ok_or_else(|| Error::Internal("the search index is not open".into()))?;
        let mut rows: Vec<usize> = index
            .matching_ids(&query)?
            .into_iter()
            // Items the index has not caught up with (removed, trashed) are left out.
            .filter_map(|id| columns.row(id))
            .filter(|&row| in_scope.as_ref().is_none_or(|keep| keep[row]))
            .collect();
        // In row order, the columns are read front to back.
        rows.sort_unstable();
        rows.dedup();
        rows
    };
    Ok(count(&columns, rows.into_iter(), top))
}

/// Which rows a view shows; `None` for all of them.
fn scope_rows(conn: &Connection, columns: &Columns, scope: &Scope) -> Result<Option<Vec<bool>>> {
    let keep_where = |test: &dyn Fn(usize) -> bool| -> Option<Vec<bool>> {
        Some((0..columns.len()).map(test).collect())
    };
    let keep_ids = |ids: Vec<i64>| -> Option<Vec<bool>> {
        let mut keep = vec![false; columns.len()];
        for row in ids.into_iter().filter_map(|id| columns.row(id)) {
            keep[row] = true;
        }
        Some(keep)
    };
    Ok(match scope {
        Scope::All => None,
        Scope::Articles => keep_where(&|row| !columns.photo[row]),
        Scope::Photos => keep_where(&|row| columns.photo[row]),
        Scope::Untagged => keep_where(&|row| columns.tag.of(row).is_empty()),
        Scope::Tag { name } => {
            let key = crate::search::tag_key(name);
            let number = columns.tags.find(&key);
            keep_where(&|row| number.is_some_and(|n| columns.tag.of(row).contains(&n)))
        }
        Scope::Collection { id } => keep_ids(ids_of(
            conn,
            "SELECT item_id FROM collection_items WHERE collection_id = ?1",
            rusqlite::types::Value::Integer(*id),
        )?),
        Scope::Recent => keep_ids(ids_of(
            conn,
            "SELECT id FROM items WHERE deleted_at IS NULL AND imported_at >= ?1",
            recent_since(),
        )?),
        Scope::Trash => {
            return Err(Error::InvalidInput(
                "the Trash has no facets; choose another view".into(),
            ));
        }
    })
}

fn ids_of(conn: &Connection, sql: &str, value: rusqlite::types::Value) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(sql)?;
    let ids = statement.query_map([value], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The facets of `rows` (each once).
fn count(columns: &Columns, rows: impl Iterator<Item = usize>, top: usize) -> Facets {
    let mut total = 0u32;
    let mut photos = 0u32;
    let mut langs = vec![0u32; columns.langs.len()];
    let mut months = Vec::new();
    let mut first_month = NONE;
    let mut undated = 0u32;
    let mut month_unknown = 0u32;
    let mut credits = vec![0u32; columns.credits.len()];
    let mut bylines = vec![0u32; columns.bylines.len()];
    let mut tags = vec![0u32; columns.tags.len()];
    let mut year_counts = Vec::new();
    let mut first_year = 0u32;
    for row in rows {
        total += 1;
        photos += u32::from(columns.photo[row]);
        let lang = columns.lang[row];
        if lang != NONE {
            langs[lang as usize] += 1;
        }
        let year = columns.year[row];
        if year == 0 {
            undated += 1;
        } else {
            bump_from(&mut year_counts, &mut first_year, u32::from(year));
        }
        let month = columns.month[row];
        if month == NONE {
            month_unknown += u32::from(year != 0);
        } else {
            bump_from(&mut months, &mut first_month, month);
        }
        for values in [
            (&columns.credit, &mut credits),
            (&columns.byline, &mut bylines),
            (&columns.tag, &mut tags),
        ] {
            add_all(values.0, row, values.1);
        }
    }
    let kinds = [("article", total - photos), ("photo", photos)]
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| FacetValue {
            value: kind.to_owned(),
            count,
            term: field_term(FieldName::Kind, kind),
        });
    let years = year_counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(offset, &count)| {
            let year = (first_year as usize + offset).to_string();
            FacetValue {
                term: field_term(FieldName::Date, &year),
                value: year,
                count,
            }
        });
    Facets {
        total,
        kinds: top_of(kinds.collect(), top),
        languages: top_of(values(&columns.langs, &langs, FieldName::Lang), top),
        years: top_of(years.collect(), top),
        credits: top_of(values(&columns.credits, &credits, FieldName::Credit), top),
        bylines: top_of(values(&columns.bylines, &bylines, FieldName::Byline), top),
        tags: top_of(values(&columns.tags, &tags, FieldName::Tag), top),
        months: months
            .iter()
            .enumerate()
            .map(|(offset, &count)| {
                let month = first_month as usize + offset;
                MonthCount {
                    month: format!("{:04}-{:02}", month / 12, month % 12 + 1),
                    count,
                }
            })
            .collect(),
        undated,
        month_unknown,
    }
}

/// Counts `value` in `counts`, which holds the counts from `first` on: grown (at either end) to
/// hold it, so the counts run without gaps from the smallest value seen to the largest.
fn bump_from(counts: &mut Vec<u32>, first: &mut u32, value: u32) {
    if counts.is_empty() {
        *first = value;
        counts.push(1);
        return;
    }
    if value < *first {
        let missing = (*first - value) as usize;
        counts.splice(0..0, std::iter::repeat_n(0, missing));
        *first = value;
        counts[0] += 1;
        return;
    }
    let at = (value - *first) as usize;
    if at >= counts.len() {
        counts.resize(at + 1, 0);
    }
    counts[at] += 1;
}

fn add_all(column: &MultiColumn, row: usize, counts: &mut [u32]) {
    for &value in column.of(row) {
        counts[value as usize] += 1;
    }
}

fn values(dictionary: &Dictionary, counts: &[u32], field: FieldName) -> Vec<FacetValue> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(number, &count)| {
            let value = &dictionary.labels[number];
            FacetValue {
                value: value.clone(),
                count,
                term: field_term(field, value),
            }
        })
        .collect()
}

/// The `top` most frequent values, ties by value.
fn top_of(mut values: Vec<FacetValue>, top: usize) -> Facet {
    let distinct = values.len() as u32;
    let order = |v: &FacetValue| (Reverse(v.count), v.value.to_lowercase());
    if values.len() > top {
        values.select_nth_unstable_by_key(top - 1, order);
        values.truncate(top);
    }
    values.sort_by_key(order);
    Facet { values, distinct }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_grow_at_either_end_without_gaps() {
        let mut counts = Vec::new();
        let mut first = 0u32;
        for value in [10u32, 12, 8, 12] {
            bump_from(&mut counts, &mut first, value);
        }
        assert_eq!(first, 8);
        assert_eq!(counts, [1, 0, 1, 0, 2]);
    }

    #[test]
    fn the_top_values_are_the_most_frequent_ties_by_value() {
        let value = |name: &str, count| FacetValue {
            value: name.to_owned(),
            count,
            term: String::new(),
        };
        let facet = top_of(
            vec![value("b", 2), value("a", 2), value("c", 5), value("d", 1)],
            3,
        );
        assert_eq!(facet.distinct, 4);
        let names: Vec<&str> = facet.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(names, ["c", "a", "b"]);
    }
}

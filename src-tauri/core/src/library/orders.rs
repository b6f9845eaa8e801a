//! The library in each sort's order, kept in memory between pages. A page deep into a large
//! filtered view (the untagged items, a tag with the tags below it, a large collection) is found
//! by offset: SQLite can only step over every item before it in the sort's index, testing each
//! against the view (a second at a million items). Here the order is read from the index once,
//! and a view's members once, as a set of ids; a page is then a walk over ids in memory, a few
//! milliseconds at any depth. Both are dropped when the archive's listing generation (a counter
//! kept by triggers on what a listing shows, migration 10) moves on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::listing::{Scope, SortKey};
use super::members::Members;
use crate::error::Result;

/// Orders and member sets of one listing generation, shared by every read of a handle.
#[derive(Default)]
pub(crate) struct OrderCache(Mutex<Cached>);

#[derive(Default)]
struct Cached {
    generation: i64,
    /// By the query that reads the order from its index.
    orders: HashMap<&'static str, Arc<Order>>,
    members: HashMap<MembersKey, Arc<IdSet>>,
    /// The size of each view counted in this generation (a tag with the tags below it takes
    /// 100 ms to count at a million items, on every page otherwise).
    totals: HashMap<String, u32>,
}

/// Which members a set holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum MembersKey {
    Tagged,
    Tags(String),
    Collection(i64),
}

/// Every item not in the Trash, in the order of one sort's index read forwards (ascending, ties
/// by id), with which of them are photos.
pub(crate) struct Order {
    ids: Vec<i64>,
    /// How many items at the start have no value to sort by (an undated item, an unknown
    /// language): ascending, they go last.
    missing_first: usize,
    photos: IdSet,
}

/// A set of item ids.
#[derive(Default)]
pub(crate) struct IdSet(Vec<u64>);

impl IdSet {
    fn insert(&mut self, id: i64) {
        let Ok(id) = usize::try_from(id) else { return };
        let word = id / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (id % 64);
    }

    fn contains(&self, id: i64) -> bool {
        let Ok(id) = usize::try_from(id) else {
            return false;
        };
        self.0
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }
}

/// What a page of a view keeps of the library's order.
pub(crate) enum Filter {
    Everything,
    Articles,
    Photos,
    Members(Arc<IdSet>),
    NotIn(Arc<IdSet>),
}

impl OrderCache {
    /// The order of `sort`, read from its index when this generation has not read it yet.
    /// `None` for sorts without a library-wide index (a collection's own order, the Trash's).
    pub(crate) fn order(&self, conn: &Connection, sort: SortKey) -> Result<Option<Arc<Order>>> {
        let Some(index) = index_of(sort) else {
            return Ok(None);
        };
        let generation = generation(conn)?;
        if let Some(order) = self.current(generation, |cached| cached.orders.get(index).cloned()) {
            return Ok(Some(order));
        }
        let order = Arc::new(read_order(conn, index)?);
        self.keep(generation, |cached| {
            cached.orders.insert(index, Arc::clone(&order));
        });
        Ok(Some(order))
    }

    /// What a page of `scope` keeps; `None` for views this cache does not serve.
    pub(crate) fn filter(
        &self,
        conn: &Connection,
        scope: &Scope,
        members: Option<&Members>,
    ) -> Result<Option<Filter>> {
        let key = match (scope, members) {
            (Scope::All, _) => return Ok(Some(Filter::Everything)),
            (Scope::Articles, _) => return Ok(Some(Filter::Articles)),
            (Scope::Photos, _) => return Ok(Some(Filter::Photos)),
            (Scope::Untagged, _) => MembersKey::Tagged,
            (_, Some(Members::Collection(id))) => MembersKey::Collection(*id),
            (_, Some(Members::Tags { ids, .. })) => MembersKey::Tags(ids.clone()),
            _ => return Ok(None),
        };
        let generation = generation(conn)?;
        let set = match self.current(generation, |cached| cached.members.get(&key).cloned()) {
            Some(set) => set,
            None => {
                let set = Arc::new(read_members(conn, &key)?);
                self.keep(generation, |cached| {
                    cached.members.insert(key.clone(), Arc::clone(&set));
                });
                set
            }
        };
        Ok(Some(match key {
            MembersKey::Tagged => Filter::NotIn(set),
            _ => Filter::Members(set),
        }))
    }

    /// The size of a view: counted by `count` once per generation.
    pub(crate) fn total(
        &self,
        conn: &Connection,
        scope: &Scope,
        members: Option<&Members>,
        count: impl FnOnce() -> Result<u32>,
    ) -> Result<u32> {
        // Recent depends on the time as well; the others only on the archive.
        if *scope == Scope::Recent {
            return count();
        }
        let key = format!("{scope:?} {members:?}");
        let generation = generation(conn)?;
        if let Some(total) = self.current(generation, |cached| cached.totals.get(&key).copied()) {
            return Ok(total);
        }
        let total = count()?;
        self.keep(generation, |cached| {
            cached.totals.insert(key, total);
        });
        Ok(total)
    }

    /// Reads from the cache if it holds `generation`.
    fn current<T>(&self, generation: i64, read: impl FnOnce(&Cached) -> Option<T>) -> Option<T> {
        let cached = self.0.lock().ok()?;
        (cached.generation == generation)
            .then(|| read(&cached))
            .flatten()
    }

    /// Adds to the cache, first emptying it if it holds another generation.
    fn keep(&self, generation: i64, add: impl FnOnce(&mut Cached)) {
        let Ok(mut cached) = self.0.lock() else {
            return;
        };
        if cached.generation != generation {
            *cached = Cached {
                generation,
                ..Cached::default()
            };
        }
        add(&mut cached);
    }
}

impl Order {
    /// The ids of one page: the `offset`-th to the `offset + limit`-th item the filter keeps,
    /// in the order asked for.
    pub(crate) fn page(
        &self,
        sort: SortKey,
        descending: bool,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Vec<i64> {
        let keeps = |id: &i64| match filter {
            Filter::Everything => true,
            Filter::Articles => !self.photos.contains(*id),
            Filter::Photos => self.photos.contains(*id),
            Filter::Members(set) => set.contains(*id),
            Filter::NotIn(set) => !set.contains(*id),
        };
        let take = |ids: &mut dyn Iterator<Item = &i64>| -> Vec<i64> {
            ids.filter(|id| keeps(id))
                .skip(offset)
                .take(limit)
                .copied()
                .collect()
        };
        let missing_last = matches!(sort, SortKey::Date | SortKey::Language) && !descending;
        if descending {
            take(&mut self.ids.iter().rev())
        } else if missing_last {
            let (missing, valued) = self.ids.split_at(self.missing_first);
            take(&mut valued.iter().chain(missing))
        } else {
            take(&mut self.ids.iter())
        }
    }
}

/// The index a sort reads the library from, and the query that reads it in order (ascending,
/// ties by id): ids, whether a photo, whether the sort key is missing.
fn index_of(sort: SortKey) -> Option<&'static str> {
    Some(match sort {
        SortKey::Title => {
            "SELECT id, kind = 'photo', 0 FROM items INDEXED BY items_live_title
             WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id"
        }
        SortKey::Date => {
            "SELECT id, kind = 'photo', date IS NULL FROM items INDEXED BY items_live_date
             WHERE deleted_at IS NULL ORDER BY date, id"
        }
        SortKey::Language => {
            "SELECT id, kind = 'photo', language IS NULL FROM items INDEXED BY items_live_language
             WHERE deleted_at IS NULL ORDER BY language, id"
        }
        SortKey::Credit => {
            "SELECT id, kind = 'photo', 0 FROM items INDEXED BY items_live_credit
             WHERE deleted_at IS NULL ORDER BY sort_credit COLLATE NOCASE, id"
        }
        SortKey::Rating => {
            "SELECT id, kind = 'photo', 0 FROM items INDEXED BY items_live_rating
             WHERE deleted_at IS NULL ORDER BY rating, id"
        }
        SortKey::Kind => {
            "SELECT id, kind = 'photo', 0 FROM items INDEXED BY items_live_kind
             WHERE deleted_at IS NULL ORDER BY kind, id"
        }
        // Outside the Trash and a collection, these fall back to import order.
        SortKey::Imported | SortKey::Deleted | SortKey::Position => {
            "SELECT id, kind = 'photo', 0 FROM items INDEXED BY items_live_imported
             WHERE deleted_at IS NULL ORDER BY imported_at, id"
        }
    })
}

fn read_order(conn: &Connection, sql: &str) -> Result<Order> {
    let mut order = Order {
        ids: Vec::new(),
        missing_first: 0,
        photos: IdSet::default(),
    };
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if row.get::<_, bool>(1)? {
            order.photos.insert(id);
        }
        if row.get::<_, bool>(2)? {
            order.missing_first += 1;
        }
        order.ids.push(id);
    }
    Ok(order)
}

fn read_members(conn: &Connection, key: &MembersKey) -> Result<IdSet> {
    let (sql, values) = match key {
        MembersKey::Tagged => ("SELECT item_id FROM item_tags", vec![]),
        MembersKey::Tags(ids) => (
            "SELECT item_id FROM item_tags WHERE tag_id IN (SELECT value FROM json_each(?))",
            vec![Value::Text(ids.clone())],
        ),
        MembersKey::Collection(id) => (
            "SELECT item_id FROM collection_items WHERE collection_id = ?",
            vec![Value::Integer(*id)],
        ),
    };
    let mut set = IdSet::default();
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query(params_from_iter(values.iter()))?;
    while let Some(row) = rows.next()? {
        set.insert(row.get(0)?);
    }
    Ok(set)
}

/// The archive's listing generation: it moves on with every change to what a listing shows.
fn generation(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT n FROM listing_generation", [], |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_set_holds_what_was_inserted_and_nothing_else() {
        let mut set = IdSet::default();
        for id in [1, 63, 64, 1_000_003] {
            set.insert(id);
        }
        for id in [1, 63, 64, 1_000_003] {
            assert!(set.contains(id), "{id}");
        }
        for id in [0, 2, 62, 65, 1_000_002, 5_000_000, -1] {
            assert!(!set.contains(id), "{id}");
        }
    }
}

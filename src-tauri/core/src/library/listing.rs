//! The library's views as sorted pages: all items, articles, photos, untagged, recently imported,
//! the trash, a collection (in its order) or a tag with the tags below it. Pages are fetched by
//! offset, so a library of any size is listed a screen at a time.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::members::Members;
use super::orders::OrderCache;
use crate::error::{Error, Result};
use crate::items::{ItemKind, ItemSummary};

/// Which items a listing shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    All,
    Articles,
    Photos,
    Untagged,
    /// Imported within the last [`RECENT_DAYS`] days.
    Recent,
    Trash,
    Collection {
        id: i64,
    },
    /// Items with this tag or a tag below it.
    Tag {
        name: String,
    },
}

/// How long an import counts as recent.
pub const RECENT_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Title,
    Date,
    Kind,
    Language,
    Credit,
    Imported,
    /// Stars (the desktop lists the highest first); unrated items count as 0.
    Rating,
    /// When the item was moved to the Trash (items not in it fall back to import order).
    Deleted,
    /// A collection's own order (other scopes fall back to import order).
    Position,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListRequest {
    pub scope: Scope,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One page of a listing and the size of the whole view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemPage {
    pub total: u32,
    pub items: Vec<ItemSummary>,
}

/// The most rows one page may ask for.
pub const MAX_PAGE: u32 = 1000;

/// The columns of a summary, with `i` = items, `p` = photos, `a` = articles.
const SUMMARY_COLUMNS: &str = "i.id, i.kind, i.title, i.date, i.language, i.source_name,
    coalesce(p.credit, nullif(a.site, ''), a.byline, ''), i.sha256, i.imported_at,
    (SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id
     WHERE it.item_id = i.id), i.rating, i.label";
const SUMMARY_JOINS: &str =
    "items i LEFT JOIN photos p ON p.item_id = i.id LEFT JOIN articles a ON a.item_id = i.id";

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ItemSummary> {
    let kind: ItemKind = row.get(1)?;
    let tags: Option<String> = row.get(9)?;
    let mut tags: Vec<String> = tags
        .map(|joined| joined.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default();
    tags.sort_by_key(|t| t.to_lowercase());
    Ok(ItemSummary {
        id: row.get(0)?,
        has_thumbnail: kind == ItemKind::Photo,
        kind,
        title: row.get(2)?,
        date: row.get(3)?,
        language: row.get(4)?,
        source_name: row.get(5)?,
        credit: row.get(6)?,
        sha256: row.get(7)?,
        imported_at: row.get(8)?,
        tags,
        rating: row.get(10)?,
        label: row.get(11)?,
    })
}

/// How a page finds a scope's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drive {
    /// Walk the sort's index in order, testing each item, and stop after the page: cheap when
    /// the scope holds much of the library.
    SortIndex,
    /// Gather the scope's items from its tag or collection rows, then sort them: cheap when the
    /// scope is a small part of the library (a page of a 40-item tag sorted by title: 6 s by
    /// walking a million titles, under a millisecond this way).
    Members,
}

/// Items imported since this time are recent.
pub(crate) fn recent_since() -> Value {
    let since = chrono::Utc::now() - chrono::Duration::days(RECENT_DAYS);
    Value::Text(since.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// The condition (and its parameters) that selects a page's items.
///
/// "Not in the Trash" is the first column of every sort's index, so it is one range of it; "of
/// this kind" is written `+i.kind`, which keeps SQLite from choosing the index on kind (and
/// sorting its matches), and is read from the sort's index, which ends with the kind. A page at
/// any depth then reads index entries only, never rows. Sorted by kind, a kind's items are one
/// range of the index on kind (after "not in the Trash").
fn page_filter(
    request: &ListRequest,
    members: Option<&Members>,
    drive: Drive,
) -> (String, Vec<Value>) {
    let live = "i.deleted_at IS NULL";
    let kind = if request.sort == SortKey::Kind {
        ""
    } else {
        "+"
    };
    match (&request.scope, members) {
        (Scope::Articles, _) => (format!("{live} AND {kind}i.kind = 'article'"), vec![]),
        (Scope::Photos, _) => (format!("{live} AND {kind}i.kind = 'photo'"), vec![]),
        (Scope::Untagged, _) => (
            format!("{live} AND NOT EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = i.id)"),
            vec![],
        ),
        (Scope::Recent, _) => (
            format!("{live} AND i.imported_at >= ?"),
            vec![recent_since()],
        ),
        (Scope::Trash, _) => ("i.deleted_at IS NOT NULL".into(), vec![]),
        // Gathered, the members are the FROM clause ([`Members::gathered`]).
        (_, Some(members)) if drive == Drive::SortIndex => {
            let (test, values) = members.test();
            (format!("{live} AND {test}"), values)
        }
        _ => (live.into(), vec![]),
    }
}

/// Whether a page of a tag or collection holding `total` items is found faster by gathering
/// them than by walking the sort's index: gathering costs about the size of the scope, walking
/// about the rows up to the page's end times how sparse the scope is in the library.
fn drive(request: &ListRequest, members: Option<&Members>, total: u32, library: u64) -> Drive {
    if members.is_none() {
        return Drive::SortIndex;
    }
    // A collection's order is not in any index: the scope is sorted anyway. (Elsewhere the
    // position is import order, which is.)
    if request.sort == SortKey::Position && matches!(request.scope, Scope::Collection { .. }) {
        return Drive::Members;
    }
    let reach = u64::from(request.offset) + u64::from(request.limit);
    if gathering_is_cheaper(u64::from(total), reach, library) {
        Drive::Members
    } else {
        Drive::SortIndex
    }
}

/// The highest item id: how many entries a walk over the library's sort index may step over.
fn library_span(conn: &Connection) -> Result<u64> {
    let highest: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM items", [], |row| {
        row.get(0)
    })?;
    Ok(highest.max(0) as u64)
}

/// Gathering a scope of `total` items costs about `total` lookups and their sort; walking the
/// sort's index to the end of a page (`reach` items into the scope) steps over `reach` times
/// `library / total` entries, testing each. A lookup costs about two steps.
fn gathering_is_cheaper(total: u64, reach: u64, library: u64) -> bool {
    u128::from(total) * u128::from(total) <= u128::from(reach) * u128::from(library) / 2
}

/// The ORDER BY of a sort; ties break by id, so pages never overlap. Each sort with an index
/// orders as the index holds its entries, so a page is read from it in order. Undated items and
/// those in no known language go last both ways: descending, the index read backwards puts them
/// last (NULL sorts first); ascending has its own index that puts them last.
fn order_by(request: &ListRequest) -> String {
    let dir = if request.descending { "DESC" } else { "ASC" };
    let by = match (request.sort, &request.scope) {
        (SortKey::Title, _) => format!("i.title COLLATE NOCASE {dir}"),
        (SortKey::Date, _) if request.descending => "i.date DESC".into(),
        (SortKey::Date, _) => "i.date IS NULL, i.date ASC".into(),
        (SortKey::Kind, _) => format!("i.kind {dir}"),
        (SortKey::Language, _) if request.descending => "i.language DESC".into(),
        (SortKey::Language, _) => "i.language IS NULL, i.language ASC".into(),
        (SortKey::Credit, _) => format!("i.sort_credit COLLATE NOCASE {dir}"),
        (SortKey::Rating, _) => format!("i.rating {dir}"),
        (SortKey::Position, Scope::Collection { id }) => format!(
            "(SELECT c.position FROM collection_items c
              WHERE c.item_id = i.id AND c.collection_id = {id}) {dir}"
        ),
        (SortKey::Deleted, Scope::Trash) => format!("i.deleted_at {dir}"),
        (SortKey::Imported | SortKey::Position | SortKey::Deleted, _) => {
            format!("i.imported_at {dir}")
        }
    };
    format!("{by}, i.id {dir}")
}

/// One page of a view: its size, then the ids of the page (read from the indexes alone where
/// the sort has one), then their rows — all from one snapshot of the archive.
pub fn list_page(conn: &Connection, request: &ListRequest) -> Result<ItemPage> {
    page(conn, request, None)
}

/// [`list_page`], with the library's orders kept in memory between pages for deep pages of
/// large filtered views.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub(crate) fn page(
    conn: &Connection,
    request: &ListRequest,
    orders: Option<&OrderCache>,
) -> Result<ItemPage> {
    if request.limit == 0 || request.limit > MAX_PAGE {
        return Err(Error::InvalidInput(format!(
            "a page holds 1 to {MAX_PAGE} items, not {}",
            request.limit
        )));
    }
    let snapshot = conn.unchecked_transaction()?;
    if let Scope::Collection { id } = request.scope {
        crate::tables::collections::uid_and_name(&snapshot, id)?;
    }
    let members = Members::of(&snapshot, &request.scope)?;
    let count = || super::view_counts::count(&snapshot, &request.scope, members.as_ref());
    let total = match orders {
        Some(orders) => orders.total(&snapshot, &request.scope, members.as_ref(), count)?,
        None => count()?,
    };
    let library = library_span(&snapshot)?;
    let drive = drive(request, members.as_ref(), total, library);
    let remembered = match orders {
        Some(orders) if is_costly(request, members.as_ref(), total, library) => {
            page_from_memory(&snapshot, orders, request, members.as_ref())?
        }
        _ => None,
    };
    let ids = match remembered {
        Some(ids) => ids,
        None => {
            let (sql, values) = page_query(request, members.as_ref(), drive);
            snapshot
                .prepare(&sql)?
                .query_map(params_from_iter(values.iter()), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?
        }
    };
    let items = summaries(&snapshot, &ids)?;
    Ok(ItemPage { total, items })
}

/// A page that costs SQLite more than this many steps — walking the sort's index to it and
/// testing each entry against the view, or gathering a tag's or collection's members and sorting
/// them — is found in memory instead. A step costs about 2 µs; the first such page of a sort
/// reads the library's order once (about as long as one deep walk), the next ones take
/// milliseconds.
const COSTLY_STEPS: u64 = 50_000;

/// Whether a page of a filtered view costs more than [`COSTLY_STEPS`] either way. The whole
/// library and the recent items are walked without a test per entry, and the Trash is small:
/// those never are.
fn is_costly(request: &ListRequest, members: Option<&Members>, total: u32, library: u64) -> bool {
    if matches!(request.scope, Scope::All | Scope::Recent | Scope::Trash) {
        return false;
    }
    let reach = u64::from(request.offset) + u64::from(request.limit);
    let walk = u128::from(reach) * u128::from(library) / u128::from(total.max(1));
    // A member is looked up and sorted: about two steps.
    let gather = match members {
        Some(_) => 2 * u128::from(total),
        None => u128::MAX,
    };
    walk.min(gather) > u128::from(COSTLY_STEPS)
}

/// The ids of a page, from the library's order and the view's members kept in memory; `None`
/// when the view or the sort is not kept there.
fn page_from_memory(
    conn: &Connection,
    orders: &OrderCache,
    request: &ListRequest,
    members: Option<&Members>,
) -> Result<Option<Vec<i64>>> {
    if matches!(
        (&request.scope, request.sort),
        (Scope::Collection { .. }, SortKey::Position)
    ) {
        return Ok(None);
    }
    let Some(filter) = orders.filter(conn, &request.scope, members)? else {
        return Ok(None);
    };
    let Some(order) = orders.order(conn, request.sort)? else {
        return Ok(None);
    };
    Ok(Some(order.page(
        request.sort,
        request.descending,
        &filter,
        request.offset as usize,
        request.limit as usize,
    )))
}

/// The statement that reads the ids of one page of a view, and its parameters.
fn page_query(
    request: &ListRequest,
    members: Option<&Members>,
    drive: Drive,
) -> (String, Vec<Value>) {
    let (from, mut values) = match (members, drive, &request.scope) {
        (Some(members), Drive::Members, _) => members.gathered(),
        // The Trash is small: its items are read from their index and sorted, never found by
        // walking a sort's index over the whole library.
        (_, _, Scope::Trash) => ("items i INDEXED BY items_trashed".into(), vec![]),
        _ => ("items i".into(), vec![]),
    };
    let (filter, filter_values) = page_filter(request, members, drive);
    values.extend(filter_values);
    let sql = format!(
        "SELECT i.id FROM {from} WHERE {filter} ORDER BY {} LIMIT ? OFFSET ?",
        order_by(request)
    );
    values.push(Value::Integer(request.limit.into()));
    values.push(Value::Integer(request.offset.into()));
    (sql, values)
}

/// Summaries of the given items, in the order given; ids that do not exist are left out.
pub fn summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<ItemSummary>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_JOINS} WHERE i.id = ?1"
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let mut rows = statement.query_map([id], summary_from_row)?;
        if let Some(summary) = rows.next() {
            out.push(summary?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::{self, MIGRATIONS};

    /// SQLite's plan for a page of `scope` sorted by `sort`, as its EXPLAIN QUERY PLAN lines.
    fn plan(scope: Scope, sort: SortKey, descending: bool, drive: Drive) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("folio.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrations::apply(&mut conn, &path, MIGRATIONS).unwrap();
        let request = ListRequest {
            scope,
            sort,
            descending,
            offset: 0,
            limit: 100,
        };
        let members = Members::of(&conn, &request.scope).unwrap();
        let (sql, values) = page_query(&request, members.as_ref(), drive);
        crate::db::query_plan(&conn, &sql, params_from_iter(values.iter())).unwrap()
    }

    #[test]
    fn a_page_of_a_large_view_reads_one_index_in_order_without_reading_rows() {
        let sorts = [
            SortKey::Title,
            SortKey::Date,
            SortKey::Kind,
            SortKey::Language,
            SortKey::Credit,
            SortKey::Imported,
            SortKey::Rating,
        ];
        for scope in [Scope::All, Scope::Articles, Scope::Photos] {
            for sort in sorts {
                for descending in [false, true] {
                    let plan = plan(scope.clone(), sort, descending, Drive::SortIndex);
                    assert!(plan.contains("COVERING INDEX items_live_"), "{plan}");
                    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
                }
            }
        }
        let trash = plan(Scope::Trash, SortKey::Deleted, true, Drive::SortIndex);
        assert!(trash.contains("items_trashed"), "{trash}");
        assert!(!trash.contains("TEMP B-TREE"), "{trash}");
        // Sorted by kind, a kind is one range of the index on kind, not a walk past the other.
        let photos = plan(Scope::Photos, SortKey::Kind, false, Drive::SortIndex);
        assert!(photos.contains("(deleted_at=? AND kind=?)"), "{photos}");
    }

    #[test]
    fn the_trash_is_read_from_its_index_and_sorted_whatever_the_sort() {
        for sort in [SortKey::Kind, SortKey::Title, SortKey::Imported] {
            let trash = plan(Scope::Trash, sort, false, Drive::SortIndex);
            assert!(trash.contains("items_trashed (deleted_at>?)"), "{trash}");
        }
    }

    #[test]
    fn a_page_of_a_small_tag_or_collection_starts_from_its_members() {
        let scopes = [
            Scope::Tag {
                name: "Places".into(),
            },
            Scope::Collection { id: 1 },
        ];
        for scope in scopes {
            let gathered = plan(scope.clone(), SortKey::Title, false, Drive::Members);
            // Each member looked up by id; no walk of the library's index.
            assert!(
                gathered.contains("SEARCH i USING INTEGER PRIMARY KEY (rowid=?)"),
                "{gathered}"
            );
            assert!(!gathered.contains("items_live_"), "{gathered}");
            let walked = plan(scope, SortKey::Title, false, Drive::SortIndex);
            assert!(
                walked.contains("COVERING INDEX items_live_title"),
                "{walked}"
            );
            assert!(!walked.contains("TEMP B-TREE"), "{walked}");
        }
    }

    /// A library of 300 items of both kinds with repeated titles, credits, dates and languages,
    /// some missing, some in the Trash, under tags (one below another) and in a collection.
    fn varied_library() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("folio.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        migrations::apply(&mut conn, &path, MIGRATIONS).unwrap();
        conn.execute_batch(
            "INSERT INTO blobs (sha256, size, media_type, stored_at)
                  VALUES (printf('%064d', 0), 1, 'text/plain', '2026-01-01');
             INSERT INTO tags (id, name) VALUES (1, 'Places'), (2, 'Places/Moscow'), (3, 'Draft');
             INSERT INTO collections (id, name, created_at, uid)
                  VALUES (1, 'Press kit', '2026-01-01', 'c1');",
        )
        .unwrap();
        for n in 1..=300_i64 {
            let kind = if n % 3 == 0 { "photo" } else { "article" };
            let title = ["Beta", "alpha", "Гамма", "新闻", "beta", ""][(n % 6) as usize];
            let date = (n % 5 != 0).then(|| format!("20{:02}-01-01", n % 13));
            let language = ["en", "ru", "zh"].get((n % 4) as usize).copied();
            let deleted = (n % 11 == 0).then_some("2026-02-01T00:00:00Z");
            let imported = format!("2026-01-{:02}T00:00:00Z", 1 + n % 28);
            conn.execute(
                "INSERT INTO items (id, uid, kind, title, date, language, sha256, imported_at,
                                    modified_at, deleted_at, sort_credit)
                 VALUES (?1, ?1, ?2, ?3, ?4, ?5, printf('%064d', 0), ?6, ?6, ?7, ?8)",
                rusqlite::params![
                    n,
                    kind,
                    title,
                    date,
                    language,
                    imported,
                    deleted,
                    ["AP", "ТАСС", "", "ap"][(n % 4) as usize]
                ],
            )
            .unwrap();
            for (every, tag) in [(2, 1), (7, 2), (9, 3)] {
                if n % every == 0 {
                    conn.execute("INSERT INTO item_tags VALUES (?1, ?2)", [n, tag])
                        .unwrap();
                }
            }
            if n % 4 == 0 {
                conn.execute("INSERT INTO collection_items VALUES (1, ?1, ?1)", [n])
                    .unwrap();
            }
        }
        (dir, conn)
    }

    /// The ids SQLite's walk of the sort's index finds for a page.
    fn walked_page(conn: &Connection, request: &ListRequest) -> Vec<i64> {
        let members = Members::of(conn, &request.scope).unwrap();
        let (sql, values) = page_query(request, members.as_ref(), Drive::SortIndex);
        conn.prepare(&sql)
            .unwrap()
            .query_map(params_from_iter(values.iter()), |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn remembered_page(conn: &Connection, orders: &OrderCache, request: &ListRequest) -> Vec<i64> {
        let members = Members::of(conn, &request.scope).unwrap();
        page_from_memory(conn, orders, request, members.as_ref())
            .unwrap()
            .expect("a view kept in memory")
    }

    #[test]
    fn a_page_from_memory_is_the_page_the_index_walk_finds() {
        let (_dir, conn) = varied_library();
        let orders = OrderCache::default();
        let scopes = [
            Scope::All,
            Scope::Articles,
            Scope::Photos,
            Scope::Untagged,
            Scope::Tag {
                name: "places".into(),
            },
            Scope::Tag {
                name: "Draft".into(),
            },
            Scope::Collection { id: 1 },
        ];
        let sorts = [
            SortKey::Title,
            SortKey::Date,
            SortKey::Kind,
            SortKey::Language,
            SortKey::Credit,
            SortKey::Imported,
            SortKey::Position,
        ];
        for scope in scopes {
            for sort in sorts {
                if matches!(scope, Scope::Collection { .. }) && sort == SortKey::Position {
                    // A collection's own order is its rows' positions, never kept in memory.
                    let request = ListRequest {
                        scope: scope.clone(),
                        sort,
                        descending: false,
                        offset: 0,
                        limit: 10,
                    };
                    let members = Members::of(&conn, &scope).unwrap();
                    let page = page_from_memory(&conn, &orders, &request, members.as_ref());
                    assert!(page.unwrap().is_none());
                    continue;
                }
                for descending in [false, true] {
                    for (offset, limit) in [(0, 10), (7, 25), (40, 100), (120, 100), (500, 10)] {
                        let request = ListRequest {
                            scope: scope.clone(),
                            sort,
                            descending,
                            offset,
                            limit,
                        };
                        assert_eq!(
                            remembered_page(&conn, &orders, &request),
                            walked_page(&conn, &request),
                            "{request:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_change_to_what_a_listing_shows_is_seen_by_the_next_page_from_memory() {
        let (_dir, conn) = varied_library();
        let orders = OrderCache::default();
        let by_title = |scope: Scope| ListRequest {
            scope,
            sort: SortKey::Title,
            descending: false,
            offset: 0,
            limit: 300,
        };
        let views = [
            by_title(Scope::Untagged),
            by_title(Scope::Tag {
                name: "Places".into(),
            }),
        ];
        let pages = |conn: &Connection| -> Vec<Vec<i64>> {
            views
                .iter()
                .map(|view| remembered_page(conn, &orders, view))
                .collect()
        };
        let mut last = pages(&conn);
        let changes = [
            "UPDATE items SET title = 'zzz last' WHERE id = 1",
            "INSERT INTO item_tags VALUES (5, 3)",
            "DELETE FROM item_tags WHERE item_id = 2",
            "UPDATE items SET deleted_at = '2026-03-01' WHERE id = 13",
            "UPDATE items SET deleted_at = NULL WHERE id = 22",
            "UPDATE item_tags SET tag_id = 1 WHERE tag_id = 3
               AND item_id NOT IN (SELECT item_id FROM item_tags WHERE tag_id = 1)",
        ];
        for change in changes {
            conn.execute(change, []).unwrap();
            let now = pages(&conn);
            for (view, ids) in views.iter().zip(&now) {
                assert_eq!(ids, &walked_page(&conn, view), "after {change}");
                // The view's size, remembered for the generation, is the size counted now.
                let remembered = page(&conn, view, Some(&orders)).unwrap().total;
                assert_eq!(
                    remembered,
                    page(&conn, view, None).unwrap().total,
                    "{change}"
                );
            }
            assert_ne!(now, last, "{change} changes a view");
            last = now;
        }
        // A change a listing does not show leaves the kept order in place.
        let generation = |conn: &Connection| -> i64 {
            conn.query_row("SELECT n FROM listing_generation", [], |r| r.get(0))
                .unwrap()
        };
        let kept = generation(&conn);
        conn.execute("UPDATE items SET notes = 'seen' WHERE id = 3", [])
            .unwrap();
        assert_eq!(generation(&conn), kept);
    }

    #[test]
    fn small_scopes_and_deep_pages_are_gathered_large_first_pages_walked() {
        let library = 1_000_000;
        // A 40-item tag, and a tag of 8,000 items: gathered even for their first page.
        assert!(gathering_is_cheaper(40, 100, library));
        assert!(gathering_is_cheaper(7_000, 100, library));
        // A tag of 130,000 items: its first page is walked, its middle gathered.
        assert!(!gathering_is_cheaper(130_000, 100, library));
        assert!(gathering_is_cheaper(130_000, 65_100, library));
    }
}

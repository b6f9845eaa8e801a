//! Facet counts and the timeline on a real archive (articles and photos imported from files, in
//! English, Chinese and Russian, tagged and collected): each count equals a count made by hand
//! over the same items, read straight from SQLite, for several queries and views; each value's
//! term, added to the query, finds exactly the items counted.

use crate::photo_support::*;

use std::collections::{BTreeMap, BTreeSet};

use exif::Tag;
use folio_core::facets::{FacetRequest, Facets};
use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::library::listing::Scope;
use folio_core::library::tagging::TagRequest;
use folio_core::progress::CancelToken;
use folio_core::search::SearchRequest;

struct Archive {
    _temp: tempfile::TempDir,
    handle: WriteHandle,
    sql: rusqlite::Connection,
}

fn photo(caption: &str, byline: &str, credit: &str, taken: &str) -> Vec<u8> {
    with_segments(
        &jpeg(32, 24),
        &[
            app1_exif(&exif_tiff(&[ascii(Tag::DateTimeOriginal, taken)])),
            app13_iptc(&iim_utf8(caption, byline, credit, &[])),
        ],
    )
}

impl Archive {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let inputs = temp.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        let articles = [
            (
                "forum.txt",
                "Energy forum opens in Beijing\n\nUpdated: 2019-05-20\n\n\
                 Ministers discussed grids and storage at the energy forum.\n",
            ),
            (
                "dialogue.txt",
                "Innovation dialogue held in Moscow\n\nUpdated: 2018-11-02\n\n\
                 Delegates met at the Skolkovo centre for the innovation dialogue.\n",
            ),
            (
                "zh.txt",
                "北京举行能源论坛\n\n更新：2018-11-20\n\n\
                 部长们在论坛上讨论了电网和储能问题，能源合作继续深化。\n",
            ),
            (
                "ru.txt",
                "В Москве прошёл форум по энергетике\n\nОбновлено: 2018-12-03\n\n\
                 Министры обсудили энергосети и хранение энергии на форуме.\n",
            ),
            (
                "undated.txt",
                "Zebra crossings return to the city\n\nThe council painted new crossings.\n",
            ),
        ];
        for (name, text) in articles {
            std::fs::write(inputs.join(name), text).unwrap();
        }
        let photos = [
            (
                "a.jpg",
                "Grid station at dusk",
                "Li Wei",
                "Xinhua",
                "2018:11:05 10:00:00",
            ),
            ("b.jpg", "储能电站", "李伟", "新华社", "2018:11:06 10:00:00"),
            (
                "c.jpg",
                "Энергоблок",
                "Иван Петров",
                "ТАСС",
                "2019:01:15 09:00:00",
            ),
            (
                "d.jpg",
                "Forum hall",
                "Li Wei",
                "Xinhua",
                "2019:05:21 12:00:00",
            ),
            (
                "e.jpg",
                "Press \"centre\"",
                "Anna \"Kay\" Smith",
                "Reuters Pictures",
                "2017:02:01 08:00:00",
            ),
        ];
        for (name, caption, byline, credit, taken) in photos {
            std::fs::write(inputs.join(name), photo(caption, byline, credit, taken)).unwrap();
        }
        let root = temp.path().join("archive");
        let mut handle = WriteHandle::init(&root).unwrap();
        let report = handle
            .import(
                &[inputs],
                &ImportOptions::default(),
                &|_: &folio_core::progress::Progress| {},
                &CancelToken::new(),
            )
            .unwrap()
            .value;
        assert_eq!(report.imported.len(), 10, "{report:?}");
        let sql = rusqlite::Connection::open(root.join("folio.sqlite")).unwrap();
        Self {
            _temp: temp,
            handle,
            sql,
        }
    }

    fn ids_where(&self, condition: &str) -> Vec<i64> {
        let mut statement = self
            .sql
            .prepare(&format!(
                "SELECT i.id FROM items i LEFT JOIN photos p ON p.item_id = i.id WHERE {condition}"
            ))
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn tag(&mut self, ids: &[i64], tags: &[&str]) {
        self.handle
            .tag_items(&TagRequest {
                ids: ids.to_vec(),
                add: tags.iter().map(|t| t.to_string()).collect(),
                remove: vec![],
            })
            .unwrap();
    }

    fn facets(&self, scope: Scope, query: &str) -> Facets {
        self.handle
            .facets(&FacetRequest {
                scope,
                query: query.into(),
                top: 100,
            })
            .unwrap()
    }

    /// The ids a query finds, all of them.
    fn found(&self, query: &str) -> BTreeSet<i64> {
        let request = SearchRequest {
            query: query.into(),
            offset: 0,
            limit: 1000,
        };
        let page = self.handle.search(&request).unwrap();
        page.hits.into_iter().map(|hit| hit.item.id).collect()
    }

    /// Counts by hand, from SQLite, over `ids`: each facet's values and their counts.
    fn brute_force(&self, ids: &BTreeSet<i64>) -> BTreeMap<&'static str, BTreeMap<String, u32>> {
        let mut counts: BTreeMap<&'static str, BTreeMap<String, u32>> = BTreeMap::new();
        let mut add = |facet: &'static str, values: BTreeSet<String>| {
            for value in values.into_iter().filter(|v| !v.is_empty()) {
                *counts.entry(facet).or_default().entry(value).or_default() += 1;
            }
        };
        for &id in ids {
            let (kind, language, date, credit, byline): (
                String,
                Option<String>,
                Option<String>,
                String,
                String,
            ) = self
                .sql
                .query_row(
                    "SELECT i.kind, i.language, i.date, coalesce(p.credit, ''),
                            coalesce(p.byline, a.byline, '')
                     FROM items i LEFT JOIN photos p ON p.item_id = i.id
                     LEFT JOIN articles a ON a.item_id = i.id WHERE i.id = ?1",
                    [id],
                    |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get(4)?,
                        ))
                    },
                )
                .unwrap();
            add("kind", [kind].into());
            add(
                "lang",
                language
                    .into_iter()
                    .filter_map(|l| l.split('-').next().map(str::to_lowercase))
                    .collect(),
            );
            add("year", date.iter().map(|d| d[..4].to_owned()).collect());
            add(
                "month",
                date.iter()
                    .filter(|d| d.len() >= 7)
                    .map(|d| d[..7].to_owned())
                    .collect(),
            );
            let figure_credits = self.strings(
                "SELECT credit FROM figures WHERE article_id = ?1 AND credit != ''",
                id,
            );
            add(
                "credit",
                std::iter::once(credit.trim().to_owned())
                    .chain(figure_credits)
                    .collect(),
            );
            add("byline", [byline.trim().to_owned()].into());
            let tags = self.strings(
                "SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
                 WHERE it.item_id = ?1",
                id,
            );
            // A tag counts for each tag above it (`tag:Energy` finds `Energy/Grids`).
            let mut paths = BTreeSet::new();
            for tag in tags {
                let parts: Vec<&str> = tag.split('/').collect();
                for depth in 1..=parts.len() {
                    paths.insert(parts[..depth].join("/"));
                }
            }
            add("tag", paths);
        }
        counts
    }

    fn strings(&self, sql: &str, id: i64) -> Vec<String> {
        let mut statement = self.sql.prepare(sql).unwrap();
        statement
            .query_map([id], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

fn as_map(facets: &Facets) -> BTreeMap<&'static str, BTreeMap<String, u32>> {
    let mut map: BTreeMap<&'static str, BTreeMap<String, u32>> = BTreeMap::new();
    for (name, facet) in [
        ("kind", &facets.kinds),
        ("lang", &facets.languages),
        ("year", &facets.years),
        ("credit", &facets.credits),
        ("byline", &facets.bylines),
        ("tag", &facets.tags),
    ] {
        assert_eq!(
            facet.distinct as usize,
            facet.values.len(),
            "{name}: all listed"
        );
        for value in &facet.values {
            map.entry(name)
                .or_default()
                .insert(value.value.clone(), value.count);
        }
    }
    for month in facets.months.iter().filter(|m| m.count > 0) {
        map.entry("month")
            .or_default()
            .insert(month.month.clone(), month.count);
    }
    map
}

fn tagged_archive() -> Archive {
    let mut archive = Archive::new();
    let photos = archive.ids_where("i.kind = 'photo'");
    let energy = archive
        .ids_where("i.title LIKE '%nerg%' OR i.title LIKE '%能源%' OR i.title LIKE '%энергетике%'");
    archive.tag(&photos, &["Photos/Press"]);
    archive.tag(&energy, &["Energy/Grids", "能源", "Энергетика"]);
    let zh = archive.ids_where("p.credit = '新华社'");
    archive.tag(&zh, &["Energy"]);
    archive
}

#[test]
fn counts_equal_a_count_by_hand_for_views_and_queries() {
    let archive = tagged_archive();
    let everything: BTreeSet<i64> = archive
        .ids_where("i.deleted_at IS NULL")
        .into_iter()
        .collect();
    let facets = archive.facets(Scope::All, "");
    assert_eq!(facets.total, 10);
    assert_eq!(as_map(&facets), archive.brute_force(&everything));
    // Values in each language came through whole.
    let credits: Vec<&str> = facets
        .credits
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    for credit in ["Xinhua", "新华社", "ТАСС", "Reuters Pictures"] {
        assert!(credits.contains(&credit), "{credits:?}");
    }
    let bylines = as_map(&facets)["byline"].clone();
    assert_eq!(bylines["Li Wei"], 2);
    assert_eq!(bylines["李伟"], 1);
    assert_eq!(bylines["Иван Петров"], 1);

    for query in [
        "energy",
        "forum",
        "kind:photo",
        "lang:ru",
        "date:2018",
        "tag:Energy",
        "能源",
        "энергия OR форум",
    ] {
        let found = archive.found(query);
        let facets = archive.facets(Scope::All, query);
        assert_eq!(facets.total as usize, found.len(), "{query}");
        assert_eq!(as_map(&facets), archive.brute_force(&found), "{query}");
    }

    let photos: BTreeSet<i64> = archive.ids_where("i.kind = 'photo'").into_iter().collect();
    let in_view = archive.facets(Scope::Photos, "");
    assert_eq!(as_map(&in_view), archive.brute_force(&photos));
    let energy_photos: BTreeSet<i64> = archive
        .found("energy")
        .intersection(&photos)
        .copied()
        .collect();
    let searched_in_view = archive.facets(Scope::Photos, "energy OR grid");
    let expected: BTreeSet<i64> = archive
        .found("energy OR grid")
        .intersection(&photos)
        .copied()
        .collect();
    assert!(energy_photos.is_subset(&expected));
    assert_eq!(as_map(&searched_in_view), archive.brute_force(&expected));

    let tagged = archive.facets(
        Scope::Tag {
            name: "energy".into(),
        },
        "",
    );
    assert_eq!(
        as_map(&tagged),
        archive.brute_force(&archive.found("tag:Energy"))
    );
}

#[test]
fn each_value_term_finds_the_items_counted() {
    let archive = tagged_archive();
    let facets = archive.facets(Scope::All, "");
    for facet in [
        &facets.kinds,
        &facets.languages,
        &facets.years,
        &facets.credits,
        &facets.bylines,
        &facets.tags,
    ] {
        for value in &facet.values {
            let found = archive.found(&value.term);
            assert_eq!(
                found.len() as u32,
                value.count,
                "{} ({})",
                value.term,
                value.value
            );
            let narrowed = archive.facets(Scope::All, &value.term);
            assert_eq!(narrowed.total, value.count, "{}", value.term);
        }
    }
    let quoted: Vec<&str> = facets
        .bylines
        .values
        .iter()
        .map(|v| v.term.as_str())
        .collect();
    assert!(quoted.contains(&"byline:\"Li Wei\""), "{quoted:?}");
    assert!(
        quoted.contains(&"byline:“Anna \"Kay\" Smith”"),
        "{quoted:?}"
    );
    assert!(quoted.contains(&"byline:\"Иван Петров\""), "{quoted:?}");
}

#[test]
fn the_timeline_runs_month_by_month_and_a_range_of_it_filters() {
    let archive = tagged_archive();
    let facets = archive.facets(Scope::All, "");
    let months: Vec<&str> = facets.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months.first(), Some(&"2017-02"));
    assert_eq!(months.last(), Some(&"2019-05"));
    assert_eq!(months.len(), 28, "every month between, empty ones too");
    let dated: u32 = facets.months.iter().map(|m| m.count).sum();
    assert_eq!(dated + facets.undated + facets.month_unknown, facets.total);
    assert!(facets.undated >= 1);

    let range = archive.facets(Scope::All, "date:2018-11..2019-01");
    let in_range: u32 = facets
        .months
        .iter()
        .filter(|m| ("2018-11".."2019-02").contains(&m.month.as_str()))
        .map(|m| m.count)
        .sum();
    assert_eq!(range.total, in_range);
    assert_eq!(
        archive.found("date:2018-11..2019-01").len() as u32,
        in_range
    );
}

#[test]
fn counts_follow_changes_and_leave_out_the_trash() {
    let mut archive = tagged_archive();
    let before = archive.facets(Scope::All, "");
    let reuters = archive.ids_where("p.credit = 'Reuters Pictures'");
    archive.handle.trash(&reuters).unwrap();
    let after = archive.facets(Scope::All, "");
    assert_eq!(after.total, before.total - 1);
    assert!(!as_map(&after)["credit"].contains_key("Reuters Pictures"));
    let renamed = archive.ids_where("p.credit = 'ТАСС'");
    archive.tag(&renamed, &["Новости"]);
    assert_eq!(as_map(&archive.facets(Scope::All, ""))["tag"]["Новости"], 1);

    let collection = archive
        .handle
        .create_collection("Избранное 精选")
        .unwrap()
        .value;
    let members = archive.ids_where("i.kind = 'article' AND i.deleted_at IS NULL");
    archive
        .handle
        .add_to_collection(collection.id, &members[..2])
        .unwrap();
    let collected = archive.facets(Scope::Collection { id: collection.id }, "");
    assert_eq!(collected.total, 2);
    assert_eq!(
        as_map(&collected),
        archive.brute_force(&members[..2].iter().copied().collect())
    );
    assert!(
        archive
            .handle
            .facets(&FacetRequest {
                scope: Scope::Trash,
                query: String::new(),
                top: 10
            })
            .is_err()
    );
}

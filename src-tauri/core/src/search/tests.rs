//! The search index end to end: real indexes in temporary folders, queried through the query
//! language, checking what each filter and operator finds.

use std::fs;

use super::*;

fn article(id: i64, title: &str, body: &str) -> IndexDoc {
    IndexDoc {
        id,
        kind: "article".to_owned(),
        language: Some("en".to_owned()),
        title: title.to_owned(),
        body: body.to_owned(),
        ..IndexDoc::default()
    }
}

fn photo(id: i64, caption: &str, credit: &str) -> IndexDoc {
    IndexDoc {
        id,
        kind: "photo".to_owned(),
        captions: vec![caption.to_owned()],
        credits: vec![credit.to_owned()],
        ..IndexDoc::default()
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: SearchIndex,
}

impl Fixture {
    fn with(docs: &[IndexDoc]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = SearchIndex::open(&dir.path().join("index")).unwrap();
        index.apply(docs, &[]).unwrap();
        Fixture { _dir: dir, index }
    }

    fn results(&self, query: &str) -> SearchResults {
        let query = parse_query(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
        self.index.search(&query, 50, 0).unwrap()
    }

    /// Ids found, in rank order.
    fn ids(&self, query: &str) -> Vec<i64> {
        self.results(query).hits.iter().map(|h| h.id).collect()
    }

    /// Ids found, sorted, for filters where order does not matter.
    fn id_set(&self, query: &str) -> Vec<i64> {
        let mut ids = self.ids(query);
        ids.sort_unstable();
        ids
    }
}

fn highlighted(hit: &SearchHit) -> Vec<String> {
    let chars: Vec<char> = hit.snippet.chars().collect();
    hit.highlights
        .iter()
        .map(|[a, b]| chars[*a as usize..*b as usize].iter().collect())
        .collect()
}

#[test]
fn english_words_find_their_inflections() {
    let fixture = Fixture::with(&[
        article(1, "Report", "New innovations were shown."),
        article(2, "Report", "Nothing to see."),
    ]);
    assert_eq!(fixture.ids("innovation"), [1]);
    assert_eq!(fixture.ids("INNOVATING"), [1]);
}

#[test]
fn russian_words_find_their_cases_and_yo_spellings() {
    let fixture = Fixture::with(&[
        article(1, "Отчёт", "Поддержка инновациям в Сколкове."),
        article(2, "Другое", "Ничего."),
    ]);
    assert_eq!(fixture.ids("инновация"), [1]);
    assert_eq!(fixture.ids("отчет"), [1]);
    assert_eq!(fixture.ids("Сколково"), [1]);
}

#[test]
fn chinese_words_of_any_length_and_single_characters_are_found() {
    let fixture = Fixture::with(&[
        article(1, "中俄创新对话", "中小企业创新发展论坛在北京举行。"),
        article(2, "新闻", "企业小中型。"),
        article(3, "", "一 国"),
    ]);
    assert_eq!(fixture.id_set("创新"), [1]);
    assert_eq!(fixture.id_set("中俄"), [1]);
    assert_eq!(
        fixture.id_set("中小企业"),
        [1],
        "not doc 2, whose characters are out of order"
    );
    assert_eq!(fixture.id_set("企业"), [1, 2]);
    assert_eq!(fixture.id_set("国"), [3], "a lone character");
    assert_eq!(fixture.id_set("京"), [1], "a character inside a longer run");
}

#[test]
fn full_width_query_finds_ascii_text_and_highlights_the_original() {
    let fixture = Fixture::with(&[article(
        1,
        "Visit",
        "The Skolkovo Foundation welcomed guests.",
    )]);
    let results = fixture.results("ＳＫＯＬＫＯＶＯ");
    assert_eq!(results.total, 1);
    assert_eq!(highlighted(&results.hits[0]), ["Skolkovo"]);
}

#[test]
fn a_title_match_ranks_above_a_body_only_match() {
    let fixture = Fixture::with(&[
        article(
            1,
            "Annual report",
            "The forum on technology met in Moscow this week.",
        ),
        article(
            2,
            "Technology forum opens",
            "Delegates met in Moscow this week.",
        ),
    ]);
    assert_eq!(fixture.ids("technology"), [2, 1]);
}

#[test]
fn every_word_must_match_and_or_widens_one_of_them() {
    let fixture = Fixture::with(&[
        article(1, "", "moscow dialogue"),
        article(2, "", "beijing dialogue"),
        article(3, "", "moscow beijing"),
        article(4, "", "dialogue alone"),
    ]);
    assert_eq!(fixture.id_set("moscow dialogue"), [1]);
    assert_eq!(fixture.id_set("moscow OR beijing dialogue"), [1, 2]);
    assert_eq!(fixture.id_set("dialogue -moscow"), [2, 4]);
    assert_eq!(fixture.id_set("dialogue -\"beijing dialogue\""), [1, 4]);
}

#[test]
fn an_excluded_phrase_without_a_match_in_a_segment_does_not_panic() {
    let fixture = Fixture::with(&[
        article(1, "", "dialogue beijing"),
        article(2, "", "dialogue"),
    ]);
    assert_eq!(fixture.id_set("dialogue -\"beijing dialogue\""), [1, 2]);
    assert_eq!(fixture.id_set("\"beijing dialogue\" OR dialogue"), [1, 2]);
}

#[test]
fn phrases_need_their_words_in_order() {
    let fixture = Fixture::with(&[
        article(1, "", "The innovation dialogue began."),
        article(2, "", "A dialogue on innovation."),
    ]);
    assert_eq!(fixture.id_set("\"innovation dialogue\""), [1]);
    assert_eq!(fixture.id_set("innovation dialogue"), [1, 2]);
}

#[test]
fn phrases_with_common_words_match_exactly_where_their_words_stand() {
    let fixture = Fixture::with(&[
        article(1, "", "Talks with the government of Russia."),
        article(2, "", "The new government, the talks."),
        article(3, "", "Government of the day; the talks."),
        article(4, "Head of the State Council", "В России и в Китае."),
        article(5, "", "The head of state met the council. России в Китае."),
    ]);
    assert_eq!(fixture.id_set("\"the government\""), [1]);
    assert_eq!(fixture.id_set("\"government of\""), [1, 3]);
    assert_eq!(fixture.id_set("\"of the\""), [3, 4]);
    assert_eq!(fixture.id_set("\"the talks\""), [2, 3]);
    assert_eq!(fixture.id_set("\"head of the state council\""), [4]);
    assert_eq!(fixture.id_set("\"в России\""), [4]);
    assert_eq!(fixture.id_set("\"России в Китае\""), [5]);
    assert_eq!(fixture.id_set("talks -\"the government\""), [2, 3]);
    assert_eq!(fixture.id_set("\"the\""), [1, 2, 3, 4, 5]);
    let hit = &fixture.results("\"the government\"").hits[0];
    assert_eq!(highlighted(hit), ["the", "government"]);
}

#[test]
fn tag_filter_matches_the_tag_and_its_children() {
    let mut parent = article(1, "", "a");
    parent.tags = vec!["Events".to_owned()];
    let mut child = article(2, "", "b");
    child.tags = vec!["Events/Innovation Dialogue".to_owned()];
    let mut other = article(3, "", "c");
    other.tags = vec!["Eventsx".to_owned(), "People/Events".to_owned()];
    let fixture = Fixture::with(&[parent, child, other]);
    assert_eq!(fixture.id_set("tag:events"), [1, 2]);
    assert_eq!(fixture.id_set("tag:\"Events/Innovation Dialogue\""), [2]);
    assert_eq!(fixture.id_set("tag:events -tag:events/innovation"), [1, 2]);
    assert_eq!(
        fixture.id_set("tag:events -tag:\"events/innovation dialogue\""),
        [1]
    );
}

#[test]
fn kind_and_language_filters() {
    let mut russian = article(3, "", "текст");
    russian.language = Some("ru".to_owned());
    let fixture = Fixture::with(&[
        article(1, "", "text"),
        photo(2, "a photo", "Xinhua"),
        russian,
    ]);
    assert_eq!(fixture.id_set("kind:photo"), [2]);
    assert_eq!(fixture.id_set("kind:article"), [1, 3]);
    assert_eq!(fixture.id_set("lang:ru"), [3]);
    assert_eq!(fixture.id_set("lang:en kind:article"), [1]);
}

#[test]
fn credit_and_byline_match_only_their_fields() {
    let mut by = article(1, "", "Photos by Xinhua were used.");
    by.bylines = vec!["Li Wei".to_owned()];
    let fixture = Fixture::with(&[by, photo(2, "A forum", "Xinhua News Agency")]);
    assert_eq!(fixture.id_set("xinhua"), [1, 2]);
    assert_eq!(fixture.id_set("credit:xinhua"), [2]);
    assert_eq!(fixture.id_set("credit:\"xinhua news\""), [2]);
    assert_eq!(fixture.id_set("byline:wei"), [1]);
    assert_eq!(fixture.id_set("byline:xinhua"), Vec::<i64>::new());
}

#[test]
fn collection_filter_matches_names_regardless_of_case() {
    let mut kit = article(1, "", "a");
    kit.collections = vec!["Press Kit 2018".to_owned()];
    let fixture = Fixture::with(&[kit, article(2, "", "b")]);
    assert_eq!(fixture.id_set("in:\"press kit 2018\""), [1]);
    assert_eq!(fixture.id_set("in:press"), Vec::<i64>::new());
}

#[test]
fn date_filters_compare_whole_periods() {
    let dated = |id, date: &str| IndexDoc {
        date: Some(date.to_owned()),
        ..article(id, "", "x")
    };
    let fixture = Fixture::with(&[
        dated(1, "2018-11-05"),
        dated(2, "2018-11"),
        dated(3, "2018"),
        dated(4, "2018-12-01T09:00:00+08:00"),
        dated(5, "2019-01-01"),
        dated(6, "2017-06-30"),
        article(7, "", "undated"),
    ]);
    assert_eq!(fixture.id_set("date:2018"), [1, 2, 3, 4]);
    assert_eq!(fixture.id_set("date:2018-11"), [1, 2]);
    assert_eq!(fixture.id_set("date:2018-11-05"), [1]);
    assert_eq!(fixture.id_set("before:2019"), [1, 2, 3, 4, 6]);
    assert_eq!(
        fixture.id_set("before:2018-11-06"),
        [1, 6],
        "2018-11 might be later"
    );
    assert_eq!(fixture.id_set("after:2018-11"), [4, 5]);
    assert_eq!(fixture.id_set("after:2017"), [1, 2, 3, 4, 5]);
    assert_eq!(fixture.id_set("after:2018-06 before:2019"), [1, 2, 4]);
}

#[test]
fn rating_and_label_filters_combine_with_words() {
    use crate::library::ratings::Label;
    let marked = |id, rating, label| IndexDoc {
        rating,
        label,
        ..photo(id, "harbour at dawn", "x")
    };
    let fixture = Fixture::with(&[
        marked(1, 5, Some(Label::Red)),
        marked(2, 4, None),
        marked(3, 3, Some(Label::Red)),
        marked(4, 0, Some(Label::Purple)),
        article(5, "harbour", "not rated"),
    ]);
    assert_eq!(fixture.id_set("rating:5"), [1]);
    assert_eq!(fixture.id_set("rating:>=4"), [1, 2]);
    assert_eq!(fixture.id_set("rating:<3"), [4, 5]);
    assert_eq!(fixture.id_set("rating:0"), [4, 5], "not rated");
    assert_eq!(fixture.id_set("label:red"), [1, 3]);
    assert_eq!(fixture.id_set("harbour label:red rating:>3"), [1]);
    assert_eq!(fixture.id_set("harbour -label:red"), [2, 4, 5]);
    assert_eq!(fixture.id_set("label:purple OR rating:5"), [1, 4]);
}

#[test]
fn a_query_of_filters_only_lists_every_match_newest_first() {
    let fixture = Fixture::with(&[
        IndexDoc {
            date: Some("2017".to_owned()),
            ..photo(1, "old", "x")
        },
        IndexDoc {
            date: Some("2019-03-01".to_owned()),
            ..photo(2, "new", "x")
        },
        article(3, "", "not a photo"),
    ]);
    let results = fixture.results("kind:photo");
    assert_eq!(results.total, 2);
    assert_eq!(
        results.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(results.hits[0].snippet, "new", "the caption's beginning");
    assert!(results.hits[0].highlights.is_empty());
}

#[test]
fn snippets_come_from_the_body_then_captions_then_title() {
    let mut with_caption = photo(2, "Delegates at the Skolkovo forum", "x");
    with_caption.title = "Skolkovo".to_owned();
    let fixture = Fixture::with(&[
        article(1, "Skolkovo", "Guests toured the Skolkovo campus."),
        with_caption,
        article(3, "Skolkovo visit", "Nothing about it here."),
    ]);
    let results = fixture.results("skolkovo");
    let snippet_of = |id| {
        results
            .hits
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.snippet.clone())
            .unwrap()
    };
    assert_eq!(snippet_of(1), "Guests toured the Skolkovo campus.");
    assert_eq!(snippet_of(2), "Delegates at the Skolkovo forum");
    assert_eq!(snippet_of(3), "Skolkovo visit");
}

#[test]
fn total_counts_every_match_and_pages_follow_offset() {
    let docs: Vec<IndexDoc> = (1..=30).map(|id| article(id, "", "forum")).collect();
    let fixture = Fixture::with(&docs);
    let query = parse_query("forum").unwrap();
    let first = fixture.index.search(&query, 10, 0).unwrap();
    let second = fixture.index.search(&query, 10, 10).unwrap();
    assert_eq!(first.total, 30);
    assert_eq!(second.hits.len(), 10);
    assert!(
        first
            .hits
            .iter()
            .all(|a| second.hits.iter().all(|b| a.id != b.id))
    );
    assert!(
        fixture
            .index
            .search(&query, 10, 40)
            .unwrap()
            .hits
            .is_empty()
    );
}

#[test]
fn matching_ids_lists_every_match() {
    let docs: Vec<IndexDoc> = (1..=120).map(|id| article(id, "", "forum")).collect();
    let fixture = Fixture::with(&docs);
    let mut ids = fixture
        .index
        .matching_ids(&parse_query("forum").unwrap())
        .unwrap();
    ids.sort_unstable();
    assert_eq!(ids, (1..=120).collect::<Vec<i64>>());
}

#[test]
fn total_is_exact_for_every_kind_of_query() {
    let mut docs: Vec<IndexDoc> = (1..=40).map(|id| article(id, "", "moscow forum")).collect();
    docs.extend((41..=50).map(|id| article(id, "", "beijing forum")));
    docs.extend((51..=55).map(|id| photo(id, "forum moscow", "x")));
    let fixture = Fixture::with(&docs);
    let total = |query: &str| {
        let query = parse_query(query).unwrap();
        fixture.index.search(&query, 3, 0).unwrap().total
    };
    assert_eq!(total("moscow OR beijing"), 55);
    assert_eq!(total("\"moscow forum\""), 40);
    assert_eq!(total("forum -beijing"), 45);
    assert_eq!(total("kind:photo"), 5);
    let no_page = fixture
        .index
        .search(&parse_query("forum").unwrap(), 0, 0)
        .unwrap();
    assert_eq!((no_page.total, no_page.hits.len()), (55, 0));
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let fixture = Fixture::with(&[article(1, "", "moscow"), article(2, "", "moscow")]);
    fixture
        .index
        .apply(&[article(1, "", "beijing")], &[2])
        .unwrap();
    assert_eq!(fixture.index.doc_count().unwrap(), 1);
    assert_eq!(fixture.id_set("moscow"), Vec::<i64>::new());
    assert_eq!(fixture.id_set("beijing"), [1]);
}

#[test]
fn the_same_id_twice_in_one_batch_keeps_the_last() {
    let fixture = Fixture::with(&[article(1, "", "first"), article(1, "", "second")]);
    assert_eq!(fixture.index.doc_count().unwrap(), 1);
    assert_eq!(fixture.id_set("second"), [1]);
}

#[test]
fn waiting_for_merges_keeps_every_document_searchable() {
    let fixture = Fixture::with(&[article(1, "", "moscow")]);
    for id in 2..=12 {
        fixture
            .index
            .apply(&[article(id, "", "moscow")], &[])
            .unwrap();
    }
    fixture.index.wait_for_merges().unwrap();
    assert_eq!(fixture.id_set("moscow"), (1..=12).collect::<Vec<i64>>());
    fixture
        .index
        .apply(&[article(13, "", "moscow")], &[])
        .unwrap();
    assert_eq!(fixture.index.doc_count().unwrap(), 13, "the writer reopens");
}

#[test]
fn clear_empties_the_index() {
    let fixture = Fixture::with(&[article(1, "", "moscow")]);
    fixture.index.clear().unwrap();
    assert_eq!(fixture.index.doc_count().unwrap(), 0);
    assert!(fixture.ids("moscow").is_empty());
}

#[test]
fn an_index_reopens_as_existing_with_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let (index, opened) = SearchIndex::open(&path).unwrap();
        assert!(matches!(opened, Opened::Created { .. }));
        index.apply(&[article(1, "", "moscow")], &[]).unwrap();
    }
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing);
    assert_eq!(index.doc_count().unwrap(), 1);
}

#[test]
fn a_missing_index_is_created_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (index, opened) = SearchIndex::open(&dir.path().join("new/index")).unwrap();
    assert!(matches!(opened, Opened::Created { reason } if reason.contains("no search index")));
    assert_eq!(index.doc_count().unwrap(), 0);
}

#[test]
fn an_index_of_another_version_is_wiped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let (index, _) = SearchIndex::open(&path).unwrap();
        index.apply(&[article(1, "", "moscow")], &[]).unwrap();
    }
    fs::write(
        path.join("folio-search-version"),
        "folio search index: schema 0\n",
    )
    .unwrap();
    let (index, opened) = SearchIndex::open(&path).unwrap();
    assert!(
        matches!(&opened, Opened::Created { reason } if reason.contains("another version")),
        "{opened:?}"
    );
    assert_eq!(index.doc_count().unwrap(), 0);
}

#[test]
fn an_unreadable_index_is_wiped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    drop(SearchIndex::open(&path).unwrap());
    fs::write(path.join("meta.json"), "not json").unwrap();
    let (_, opened) = SearchIndex::open(&path).unwrap();
    assert!(
        matches!(&opened, Opened::Created { reason } if reason.contains("could not be opened")),
        "{opened:?}"
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    assert!(SearchIndex::open(dir.path()).is_err());
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn the_index_is_shareable_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SearchIndex>();
}

#[test]
fn a_second_writer_on_the_same_index_is_told_the_archive_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (first, _) = SearchIndex::open(&path).unwrap();
    first.apply(&[article(1, "", "moscow")], &[]).unwrap();
    let (second, opened) = SearchIndex::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing, "reading beside a writer is fine");
    assert_eq!(second.doc_count().unwrap(), 1);
    let error = second.apply(&[article(2, "", "beijing")], &[]).unwrap_err();
    assert_eq!(error.code(), crate::ErrorCode::ArchiveInUse);
}

/// A kill after tantivy wrote a commit's files (a segment's `.del`) but before it replaced
/// meta.json left them behind; the next commit at the same opstamp then found the name taken
/// ("FileAlreadyExists"), and the archive could not be opened for writing until `index/` was
/// deleted. Files no commit refers to are now collected when the writer opens.
#[test]
fn files_a_killed_commit_left_do_not_block_the_next_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let (index, _) = SearchIndex::open(&path).unwrap();
        let docs: Vec<_> = (1..=20).map(|id| article(id, "", "moscow")).collect();
        index.apply(&docs, &[]).unwrap();
    }
    // What the killed commit wrote: each segment's delete file at the opstamps the next commit
    // may take, each recorded as tantivy's own file first, as tantivy does.
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(path.join("meta.json")).unwrap()).unwrap();
    let opstamp = meta["opstamp"].as_u64().unwrap();
    {
        use tantivy::directory::{Directory, TerminatingWrite};
        let index = tantivy::Index::open_in_dir(&path).unwrap();
        for segment in meta["segments"].as_array().unwrap() {
            let id = segment["segment_id"].as_str().unwrap().replace('-', "");
            for stamp in opstamp..=opstamp + 4 {
                let stray = std::path::PathBuf::from(format!("{id}.{stamp}.del"));
                let mut file = index.directory().open_write(&stray).unwrap();
                std::io::Write::write_all(&mut file, b"half a delete bitset").unwrap();
                file.terminate().unwrap();
            }
        }
    }
    let (index, _) = SearchIndex::open(&path).unwrap();
    index.apply(&[], &[1]).unwrap();
    assert_eq!(index.doc_count().unwrap(), 19);
}

#[test]
fn text_read_by_ocr_is_found_by_its_own_field_and_by_plain_words() {
    let fixture = Fixture::with(&[
        IndexDoc {
            ocr: "No entry: the Skolkovo forum starts at nine".to_owned(),
            ..photo(1, "A gate", "x")
        },
        article(2, "", "entry forms for the forum"),
    ]);
    assert_eq!(fixture.id_set("ocr:skolkovo"), [1]);
    assert_eq!(
        fixture.id_set("skolkovo"),
        [1],
        "plain words search OCR text too"
    );
    assert_eq!(fixture.id_set("ocr:entry"), [1], "not the article's body");
    assert_eq!(fixture.id_set("forum"), [1, 2]);
}

//! Organising a real archive: tags, collections, saved searches, the trash, edits with history
//! and undo, and the paged views — on a SQLite file in a temp dir filled by the real import.

use crate::photo_support;

use std::path::Path;

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::items::ItemView;
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::listing::{ListRequest, Scope, SortKey};
use folio_core::library::tagging::TagRequest;
use folio_core::progress::CancelToken;
use folio_core::search::SearchRequest;

/// An archive with three articles (one with a captioned figure) and two photos; returns the ids
/// by title or file name.
struct Library {
    _temp: tempfile::TempDir,
    archive: WriteHandle,
    /// A connection of the test's own, for looking at (and setting up) rows directly.
    sql: rusqlite::Connection,
}

impl Library {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let inputs = temp.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        write(
            &inputs.join("dialogue.txt"),
            "Innovation dialogue held in Moscow\n\nUpdated: 2018-11-02\n\n\
             Delegates meet at the Skolkovo centre. [photo/safea.gov.cn]\n\n\
             The second dialogue was held at Skolkovo on October 16.\n",
        );
        write(
            &inputs.join("forum.txt"),
            "Energy forum opens in Beijing\n\nUpdated: 2019-05-20\n\n\
             Ministers discussed grids and storage.\n",
        );
        write(
            &inputs.join("zebra.txt"),
            "Zebra crossings return to the city\n\nThe council painted new crossings.\n",
        );
        std::fs::write(inputs.join("skolkovo.jpg"), photo_support::jpeg(64, 48)).unwrap();
        std::fs::write(inputs.join("grid.jpg"), photo_support::jpeg(48, 64)).unwrap();
        let root = temp.path().join("archive");
        let mut archive = WriteHandle::init(&root).unwrap();
        let report = archive
            .import(
                &[inputs],
                &ImportOptions::default(),
                &|_: &folio_core::progress::Progress| {},
                &CancelToken::new(),
            )
            .unwrap()
            .value;
        assert_eq!(report.imported.len(), 5, "{report:?}");
        let sql = rusqlite::Connection::open(root.join("folio.sqlite")).unwrap();
        Self {
            _temp: temp,
            archive,
            sql,
        }
    }

    fn id(&self, title_or_file: &str) -> i64 {
        self.sql
            .query_row(
                "SELECT id FROM items WHERE title = ?1 OR source_name = ?1",
                [title_or_file],
                |row| row.get(0),
            )
            .unwrap()
    }

    fn page(&self, scope: Scope, sort: SortKey, descending: bool) -> Vec<String> {
        let request = ListRequest {
            scope,
            sort,
            descending,
            offset: 0,
            limit: 100,
        };
        self.archive
            .list_page(&request)
            .unwrap()
            .items
            .into_iter()
            .map(|item| item.title)
            .collect()
    }

    /// The ids a query finds in the search index.
    fn found(&self, query: &str) -> Vec<i64> {
        let request = SearchRequest {
            query: query.into(),
            offset: 0,
            limit: 100,
        };
        let mut ids: Vec<i64> = self
            .archive
            .search(&request)
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| hit.item.id)
            .collect();
        ids.sort_unstable();
        ids
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn tags(request: (&[i64], &[&str], &[&str])) -> TagRequest {
    TagRequest {
        ids: request.0.to_vec(),
        add: request.1.iter().map(|s| s.to_string()).collect(),
        remove: request.2.iter().map(|s| s.to_string()).collect(),
    }
}

const DIALOGUE: &str = "Innovation dialogue held in Moscow";
const FORUM: &str = "Energy forum opens in Beijing";
const ZEBRA: &str = "Zebra crossings return to the city";

#[test]
fn tags_apply_to_many_items_and_a_parent_tag_lists_its_children() {
    let mut library = Library::new();
    let (dialogue, forum, photo) = (
        library.id(DIALOGUE),
        library.id(FORUM),
        library.id("skolkovo.jpg"),
    );
    library
        .archive
        .tag_items(&tags((
            &[dialogue, forum],
            &["Events/Innovation Dialogue"],
            &[],
        )))
        .unwrap();
    library
        .archive
        .tag_items(&tags((&[photo], &["events/Forum"], &[])))
        .unwrap();
    // The same tag typed in another case is the same tag.
    library
        .archive
        .tag_items(&tags((&[photo], &["EVENTS/innovation dialogue"], &[])))
        .unwrap();
    // The index caught up as each change was written.
    let mut expected = vec![dialogue, forum, photo];
    expected.sort_unstable();
    assert_eq!(library.found("tag:events"), expected);

    let counts: Vec<(String, i64)> = library
        .archive
        .tags()
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("events/Forum".to_string(), 1),
            ("Events/Innovation Dialogue".to_string(), 3)
        ]
    );
    let under_events = library.page(
        Scope::Tag {
            name: "Events".into(),
        },
        SortKey::Title,
        false,
    );
    assert_eq!(under_events, vec![FORUM, DIALOGUE, "skolkovo"]);
    let untagged = library.page(Scope::Untagged, SortKey::Title, false);
    assert_eq!(untagged, vec!["grid", ZEBRA]);

    library
        .archive
        .tag_items(&tags((&[forum], &[], &["events/innovation DIALOGUE"])))
        .unwrap();
    let ItemView::Article(article) = library.archive.show(forum).unwrap() else {
        panic!("forum is an article");
    };
    assert!(article.tags.is_empty());
    // Undo brings the tag back.
    library.archive.undo().unwrap().value.unwrap();
    let ItemView::Article(article) = library.archive.show(forum).unwrap() else {
        panic!("forum is an article");
    };
    assert_eq!(article.tags, vec!["Events/Innovation Dialogue"]);
}

#[test]
fn a_tag_taken_off_its_last_items_is_gone_and_undo_brings_it_back() {
    let mut library = Library::new();
    let (dialogue, forum) = (library.id(DIALOGUE), library.id(FORUM));
    let tag_rows = |library: &Library, name: &str| -> i64 {
        library
            .sql
            .query_row("SELECT count(*) FROM tags WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .unwrap()
    };
    library
        .archive
        .tag_items(&tags((&[dialogue, forum], &["Draft", "Energy"], &[])))
        .unwrap();
    // Taken off both items in one action: the tag goes, the other stays.
    library
        .archive
        .tag_items(&tags((&[dialogue, forum], &[], &["draft"])))
        .unwrap();
    assert_eq!(tag_rows(&library, "Draft"), 0);
    assert_eq!(tag_rows(&library, "Energy"), 1);

    library.archive.undo().unwrap().value.unwrap();
    assert_eq!(tag_rows(&library, "Draft"), 1);
    // Undoing the tagging itself leaves both tags on no item: both go.
    library.archive.undo().unwrap().value.unwrap();
    assert_eq!(tag_rows(&library, "Draft"), 0);
    assert_eq!(tag_rows(&library, "Energy"), 0);
}

#[test]
fn renaming_a_tag_moves_its_children_and_merging_keeps_one_tag() {
    let mut library = Library::new();
    let (dialogue, forum) = (library.id(DIALOGUE), library.id(FORUM));
    library
        .archive
        .tag_items(&tags((&[dialogue], &["Events/Dialogue", "Moscow"], &[])))
        .unwrap();
    library
        .archive
        .tag_items(&tags((&[forum], &["Meetings"], &[])))
        .unwrap();
    library.archive.rename_tag("events", "Meetings").unwrap();
    let names: Vec<String> = library
        .archive
        .tags()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, vec!["Meetings", "Meetings/Dialogue", "Moscow"]);
    // Merge: "Moscow" into the existing "Meetings".
    library.archive.rename_tag("Moscow", "meetings").unwrap();
    let counts: Vec<(String, i64)> = library
        .archive
        .tags()
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    assert_eq!(
        counts,
        vec![("Meetings".into(), 2), ("Meetings/Dialogue".into(), 1)]
    );
    let error = library.archive.rename_tag("Nowhere", "Else").unwrap_err();
    assert!(error.to_string().contains("not found"), "{error}");
    let error = library
        .archive
        .rename_tag("Meetings", "Meetings/Sub")
        .unwrap_err();
    assert!(error.to_string().contains("inside itself"), "{error}");
}

#[test]
fn collections_keep_their_order_and_an_item_may_be_in_many() {
    let mut library = Library::new();
    let (dialogue, forum, zebra) = (library.id(DIALOGUE), library.id(FORUM), library.id(ZEBRA));
    let briefing = library.archive.create_collection("Briefing").unwrap().value;
    let archive_set = library
        .archive
        .create_collection("Archive set")
        .unwrap()
        .value;
    let duplicate = library.archive.create_collection("briefing").unwrap_err();
    assert!(
        duplicate.to_string().contains("exists already"),
        "{duplicate}"
    );

    library
        .archive
        .add_to_collection(briefing.id, &[zebra, dialogue, forum])
        .unwrap();
    library
        .archive
        .add_to_collection(archive_set.id, &[dialogue])
        .unwrap();
    let order = |library: &Library| {
        library.page(
            Scope::Collection { id: briefing.id },
            SortKey::Position,
            false,
        )
    };
    assert_eq!(order(&library), vec![ZEBRA, DIALOGUE, FORUM]);
    library
        .archive
        .reorder_collection(briefing.id, &[forum, zebra, dialogue])
        .unwrap();
    assert_eq!(order(&library), vec![FORUM, ZEBRA, DIALOGUE]);
    let bad = library
        .archive
        .reorder_collection(briefing.id, &[forum, zebra])
        .unwrap_err();
    assert!(bad.to_string().contains("exactly once"), "{bad}");

    library
        .archive
        .remove_from_collection(briefing.id, &[zebra])
        .unwrap();
    assert_eq!(order(&library), vec![FORUM, DIALOGUE]);
    library
        .archive
        .rename_collection(briefing.id, "Board briefing")
        .unwrap();
    let listed: Vec<(String, i64)> = library
        .archive
        .collections()
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.count))
        .collect();
    assert_eq!(
        listed,
        vec![("Archive set".into(), 1), ("Board briefing".into(), 2)]
    );
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.collections, vec!["Archive set", "Board briefing"]);
    library.archive.delete_collection(archive_set.id).unwrap();
    assert!(library.archive.show(dialogue).is_ok(), "items stay");
    assert_eq!(library.archive.collections().unwrap().len(), 1);
}

#[test]
fn saved_searches_are_named_queries_replaced_by_name() {
    let mut library = Library::new();
    let archive = &mut library.archive;
    archive
        .save_search("Moscow photos", "moscow kind:photo")
        .unwrap();
    archive
        .save_search("moscow PHOTOS", "moscow kind:photo lang:en")
        .unwrap();
    let all = archive.saved_searches().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].query, "moscow kind:photo lang:en");
    assert!(archive.save_search(" ", "x").is_err());
    archive.delete_saved_search(all[0].id).unwrap();
    assert!(archive.saved_searches().unwrap().is_empty());
}

#[test]
fn trash_restore_and_empty_remove_rows_and_unreferenced_files() {
    let mut library = Library::new();
    let (zebra, grid) = (library.id(ZEBRA), library.id("grid.jpg"));
    let objects = |library: &Library, id: i64| {
        let sha: String = library
            .sql
            .query_row("SELECT sha256 FROM items WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        folio_core::blobs::FsBlobStore::new(library.archive.dir())
            .object_path(&sha)
            .unwrap()
    };
    let grid_object = objects(&library, grid);
    assert!(grid_object.is_file());

    library.archive.trash(&[zebra, grid]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Title, false),
        vec!["grid", ZEBRA]
    );
    assert!(
        !library
            .page(Scope::All, SortKey::Title, false)
            .contains(&ZEBRA.to_string())
    );
    // The Trash lists the latest deletion first, whatever order the items were imported in.
    library.archive.restore(&[zebra]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    library.archive.trash(&[zebra]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Deleted, true),
        vec![ZEBRA, "grid"]
    );
    library.archive.restore(&[grid]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    library.archive.trash(&[grid]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Deleted, true),
        vec!["grid", ZEBRA]
    );
    library.archive.restore(&[zebra]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Title, false),
        vec!["grid"]
    );

    let removed = library.archive.empty_trash().unwrap().value;
    assert_eq!(removed, 1);
    assert!(library.page(Scope::Trash, SortKey::Title, false).is_empty());
    assert!(!grid_object.exists(), "the original no item names is gone");
    assert!(library.archive.show(grid).is_err());
    assert!(objects(&library, zebra).is_file(), "other originals stay");
    let integrity: String = library
        .sql
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn edits_are_recorded_and_undone_one_action_at_a_time() {
    let mut library = Library::new();
    let (dialogue, photo) = (library.id(DIALOGUE), library.id("skolkovo.jpg"));
    let edit = |field, value: &str, id| EditRequest {
        id,
        field,
        value: value.into(),
    };
    library
        .archive
        .update_item(&edit(EditField::Title, "  Dialogue   in Moscow ", dialogue))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Date, "2018-10-16", dialogue))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Caption, "Skolkovo centre", photo))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Credit, "Xinhua", photo))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Byline, "Li Wei", photo))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Notes, "line one\nline two", photo))
        .unwrap();
    let bad_date = library
        .archive
        .update_item(&edit(EditField::Date, "someday", dialogue));
    assert!(bad_date.unwrap_err().to_string().contains("not a date"));
    let caption_on_article = library
        .archive
        .update_item(&edit(EditField::Caption, "x", dialogue))
        .unwrap_err();
    assert!(caption_on_article.to_string().contains("figures"));

    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.title, "Dialogue in Moscow");
    assert_eq!(article.published.as_deref(), Some("2018-10-16"));
    let ItemView::Photo(view) = library.archive.show(photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!(
        (
            view.caption.as_str(),
            view.credit.as_str(),
            view.byline.as_str()
        ),
        ("Skolkovo centre", "Xinhua", "Li Wei")
    );
    assert_eq!(view.notes, "line one\nline two");

    let history = library.archive.history(dialogue).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].field, "title");
    assert_eq!(history[0].old_value.as_deref(), Some(DIALOGUE));
    assert_eq!(history[0].new_value.as_deref(), Some("Dialogue in Moscow"));

    // Undo walks back: notes, byline, credit, caption, date, title.
    for expected in ["notes", "byline", "credit", "caption", "date", "title"] {
        let undone = library.archive.undo().unwrap().value.unwrap();
        assert!(
            undone.description.starts_with(expected),
            "{expected}: {}",
            undone.description
        );
    }
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.title, DIALOGUE);
    assert_eq!(article.published.as_deref(), Some("2018-11-02"));
    let ItemView::Photo(view) = library.archive.show(photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!((view.caption.as_str(), view.notes.as_str()), ("", ""));
    assert!(
        library.archive.undo().unwrap().value.is_none(),
        "nothing left to undo"
    );
}

#[test]
fn a_figure_links_to_a_photo_which_takes_its_caption_and_the_link_can_be_undone() {
    let mut library = Library::new();
    let (dialogue, photo, zebra) = (
        library.id(DIALOGUE),
        library.id("skolkovo.jpg"),
        library.id(ZEBRA),
    );
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    let figure = article
        .figures
        .first()
        .expect("the caption line is a figure")
        .id;
    assert_eq!(article.figures[0].photo_id, None);
    let not_a_photo = library
        .archive
        .link_figure(figure, Some(zebra))
        .unwrap_err();
    assert!(not_a_photo.to_string().contains("a figure shows a photo"));

    library.archive.link_figure(figure, Some(photo)).unwrap();
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, Some(photo));
    let ItemView::Photo(view) = library.archive.show(photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!(view.caption, "Delegates meet at the Skolkovo centre.");
    assert_eq!(view.credit, "safea.gov.cn");

    let undone = library.archive.undo().unwrap().value.unwrap();
    assert_eq!(undone.description, format!("figure link of “{DIALOGUE}”"));
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, None);
    let ItemView::Photo(view) = library.archive.show(photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!(view.caption, "");
    library.archive.link_figure(figure, Some(photo)).unwrap();
    library.archive.link_figure(figure, None).unwrap();
    let ItemView::Article(article) = library.archive.show(dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, None);
}

#[test]
fn recently_imported_covers_the_last_thirty_days() {
    let library = Library::new();
    let (zebra, forum) = (library.id(ZEBRA), library.id(FORUM));
    let days_ago = |days: i64| {
        (chrono::Utc::now() - chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    for (id, days) in [(zebra, 29), (forum, 31)] {
        library
            .sql
            .execute(
                "UPDATE items SET imported_at = ?1 WHERE id = ?2",
                rusqlite::params![days_ago(days), id],
            )
            .unwrap();
    }
    let recent = library.page(Scope::Recent, SortKey::Imported, true);
    assert!(recent.iter().any(|title| title == ZEBRA), "{recent:?}");
    assert!(!recent.iter().any(|title| title == FORUM), "{recent:?}");
}

#[test]
fn views_sort_both_ways_and_page_without_overlap() {
    let library = Library::new();
    assert_eq!(
        library.page(Scope::Articles, SortKey::Title, false),
        vec![FORUM, DIALOGUE, ZEBRA]
    );
    assert_eq!(
        library.page(Scope::Articles, SortKey::Title, true),
        vec![ZEBRA, DIALOGUE, FORUM]
    );
    // Undated items last whichever way.
    assert_eq!(
        library.page(Scope::Articles, SortKey::Date, true),
        vec![FORUM, DIALOGUE, ZEBRA]
    );
    assert_eq!(
        library.page(Scope::Articles, SortKey::Date, false),
        vec![DIALOGUE, FORUM, ZEBRA]
    );
    assert_eq!(library.page(Scope::Photos, SortKey::Title, false).len(), 2);
    assert_eq!(
        library.page(Scope::Recent, SortKey::Imported, true).len(),
        5
    );

    let mut seen = Vec::new();
    for offset in 0..3 {
        let page = library
            .archive
            .list_page(&ListRequest {
                scope: Scope::All,
                sort: SortKey::Kind,
                descending: false,
                offset: offset * 2,
                limit: 2,
            })
            .unwrap();
        assert_eq!(page.total, 5);
        seen.extend(page.items.into_iter().map(|i| i.id));
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 5, "pages neither overlap nor skip");
    let too_big = library.archive.list_page(&ListRequest {
        scope: Scope::All,
        sort: SortKey::Title,
        descending: false,
        offset: 0,
        limit: 100_000,
    });
    assert!(too_big.is_err());
}

#[test]
fn sorting_by_credit_follows_edits_of_a_credit_and_a_byline() {
    let mut library = Library::new();
    let edit = |field, value: &str, id| EditRequest {
        id,
        field,
        value: value.into(),
    };
    let credits = |library: &Library, descending: bool| -> Vec<String> {
        library
            .archive
            .list_page(&ListRequest {
                scope: Scope::All,
                sort: SortKey::Credit,
                descending,
                offset: 0,
                limit: 100,
            })
            .unwrap()
            .items
            .into_iter()
            .map(|item| item.credit)
            .collect()
    };
    let before = credits(&library, false);
    let mut sorted = before.clone();
    sorted.sort_by_key(|c| c.to_lowercase());
    assert_eq!(before, sorted, "in credit order as imported");

    let photo = library.id("grid.jpg");
    let article = library.id(ZEBRA);
    library
        .archive
        .update_item(&edit(EditField::Credit, "Zhongguo Ribao", photo))
        .unwrap();
    library
        .archive
        .update_item(&edit(EditField::Byline, "aaron abel", article))
        .unwrap();
    let after = credits(&library, false);
    let mut sorted = after.clone();
    sorted.sort_by_key(|c| c.to_lowercase());
    assert_eq!(after, sorted, "in credit order after the edits");
    let named: Vec<&String> = after.iter().filter(|c| !c.is_empty()).collect();
    assert_eq!(
        named.first().map(|c| c.as_str()),
        Some("aaron abel"),
        "{after:?}"
    );
    assert_eq!(
        named.last().map(|c| c.as_str()),
        Some("Zhongguo Ribao"),
        "{after:?}"
    );
    // The same order descending, reversed (ties by id reversed too).
    let mut descending = credits(&library, true);
    descending.reverse();
    assert_eq!(descending.first(), after.first());
    assert_eq!(descending.last(), after.last());
}

/// What the window's import asks for (`ImportRequest`, with a template chosen beside the Import
/// button) becomes the import's options: the template in the mode chosen there.
#[test]
fn a_template_chosen_for_an_import_applies_in_the_chosen_mode_and_tags_articles_too() {
    use folio_core::import::ImportRequest;
    use folio_core::library::templates::{Template, TemplateMode};
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("archive");
    let mut archive = WriteHandle::init(&root).unwrap();
    archive
        .save_template(&Template {
            name: "Desk".into(),
            caption: "Desk caption for {filename}".into(),
            credit: "Folio Daily".into(),
            tags: vec!["Desk/Incoming".into()],
            mode: TemplateMode::FillEmpty,
            ..Template::default()
        })
        .unwrap();
    let inputs = temp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let captioned = photo_support::with_segments(
        &photo_support::jpeg(32, 24),
        &[photo_support::app1_xmp(&photo_support::xmp_description(
            "The photographer's caption",
        ))],
    );
    std::fs::write(inputs.join("captioned.jpg"), captioned).unwrap();
    write(
        &inputs.join("note.txt"),
        "Ministers meet in Beijing\n\nThe talks went on late.\n",
    );
    let request = |mode| ImportRequest {
        paths: vec![inputs.to_string_lossy().into_owned()],
        template: Some("desk".into()),
        template_mode: mode,
        ..ImportRequest::default()
    };

    let options = archive
        .import_options(&request(Some(TemplateMode::Replace)))
        .unwrap();
    let report = archive
        .import(
            std::slice::from_ref(&inputs),
            &options,
            &|_: &folio_core::progress::Progress| {},
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    assert_eq!(report.imported.len(), 2, "{report:?}");
    let sql = rusqlite::Connection::open(root.join("folio.sqlite")).unwrap();
    let (caption, credit): (String, String) = sql
        .query_row("SELECT caption, credit FROM photos", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (caption.as_str(), credit.as_str()),
        ("Desk caption for captioned.jpg", "Folio Daily"),
        "Replace, as chosen, although the template says fill empty fields"
    );
    let tagged: Vec<String> = sql
        .prepare(
            "SELECT i.kind FROM items i JOIN item_tags it ON it.item_id = i.id \
             JOIN tags t ON t.id = it.tag_id WHERE t.name = 'Desk/Incoming' ORDER BY i.kind",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tagged,
        ["article", "photo"],
        "the template's tags go to every item"
    );

    // No mode chosen: the template's own (fill empty), so a file's caption stays.
    let options = archive.import_options(&request(None)).unwrap();
    assert_eq!(options.template.unwrap().mode, TemplateMode::FillEmpty);
    // No template, or a blank name: none applied; an unknown one is an error naming it.
    let none = ImportRequest {
        template: Some("  ".into()),
        ..ImportRequest::default()
    };
    assert!(archive.import_options(&none).unwrap().template.is_none());
    let unknown = ImportRequest {
        template: Some("Night desk".into()),
        ..ImportRequest::default()
    };
    let error = archive.import_options(&unknown).unwrap_err().to_string();
    assert!(error.contains("Night desk"), "{error}");
}

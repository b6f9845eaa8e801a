//! Organising a real archive: tags, collections, saved searches, the trash, edits with history
//! and undo, and the paged views — on a SQLite file in a temp dir filled by the real import.

use crate::photo_support;

use std::path::Path;

use folio_core::Archive;
use folio_core::import::{ImportOptions, import};
use folio_core::items::{ItemView, show};
use folio_core::library::editing::{EditField, EditRequest, link_figure, undo, update_item};
use folio_core::library::listing::{ListRequest, Scope, SortKey, list_page};
use folio_core::library::tagging::{TagRequest, list_tags, rename_tag, tag_items};
use folio_core::library::{collections, saved_searches, trash};
use folio_core::progress::CancelToken;

/// An archive with three articles (one with a captioned figure) and two photos; returns the ids
/// by title or file name.
struct Library {
    _temp: tempfile::TempDir,
    archive: Archive,
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
        let mut archive = Archive::init(&temp.path().join("archive")).unwrap();
        let report = import(
            &mut archive,
            &[inputs],
            &ImportOptions::default(),
            &|_: &folio_core::progress::Progress| {},
            &CancelToken::new(),
        )
        .unwrap();
        assert_eq!(report.imported.len(), 5, "{report:?}");
        Self {
            _temp: temp,
            archive,
        }
    }

    fn id(&self, title_or_file: &str) -> i64 {
        self.archive
            .conn()
            .query_row(
                "SELECT id FROM items WHERE title = ?1 OR source_name = ?1",
                [title_or_file],
                |row| row.get(0),
            )
            .unwrap()
    }

    fn conn(&mut self) -> &mut rusqlite::Connection {
        self.archive.conn_mut()
    }

    fn page(&self, scope: Scope, sort: SortKey, descending: bool) -> Vec<String> {
        let request = ListRequest {
            scope,
            sort,
            descending,
            offset: 0,
            limit: 100,
        };
        list_page(self.archive.conn(), &request)
            .unwrap()
            .items
            .into_iter()
            .map(|item| item.title)
            .collect()
    }

    fn queued(&self, id: i64) -> bool {
        self.archive
            .conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM index_queue WHERE item_id = ?1)",
                [id],
                |row| row.get(0),
            )
            .unwrap()
    }

    fn clear_queue(&self) {
        self.archive
            .conn()
            .execute("DELETE FROM index_queue", [])
            .unwrap();
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
    library.clear_queue();
    tag_items(
        library.conn(),
        &tags((&[dialogue, forum], &["Events/Innovation Dialogue"], &[])),
    )
    .unwrap();
    tag_items(library.conn(), &tags((&[photo], &["events/Forum"], &[]))).unwrap();
    // The same tag typed in another case is the same tag.
    tag_items(
        library.conn(),
        &tags((&[photo], &["EVENTS/innovation dialogue"], &[])),
    )
    .unwrap();
    assert!(library.queued(dialogue) && library.queued(photo));

    let counts: Vec<(String, i64)> = list_tags(library.archive.conn())
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

    tag_items(
        library.conn(),
        &tags((&[forum], &[], &["events/innovation DIALOGUE"])),
    )
    .unwrap();
    let ItemView::Article(article) = show(library.archive.conn(), forum).unwrap() else {
        panic!("forum is an article");
    };
    assert!(article.tags.is_empty());
    // Undo brings the tag back.
    undo(library.conn()).unwrap().unwrap();
    let ItemView::Article(article) = show(library.archive.conn(), forum).unwrap() else {
        panic!("forum is an article");
    };
    assert_eq!(article.tags, vec!["Events/Innovation Dialogue"]);
}

#[test]
fn renaming_a_tag_moves_its_children_and_merging_keeps_one_tag() {
    let mut library = Library::new();
    let (dialogue, forum) = (library.id(DIALOGUE), library.id(FORUM));
    tag_items(
        library.conn(),
        &tags((&[dialogue], &["Events/Dialogue", "Moscow"], &[])),
    )
    .unwrap();
    tag_items(library.conn(), &tags((&[forum], &["Meetings"], &[]))).unwrap();
    rename_tag(library.conn(), "events", "Meetings").unwrap();
    let names: Vec<String> = list_tags(library.archive.conn())
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, vec!["Meetings", "Meetings/Dialogue", "Moscow"]);
    // Merge: "Moscow" into the existing "Meetings".
    rename_tag(library.conn(), "Moscow", "meetings").unwrap();
    let counts: Vec<(String, i64)> = list_tags(library.archive.conn())
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    assert_eq!(
        counts,
        vec![("Meetings".into(), 2), ("Meetings/Dialogue".into(), 1)]
    );
    let error = rename_tag(library.conn(), "Nowhere", "Else").unwrap_err();
    assert!(error.to_string().contains("not found"), "{error}");
    let error = rename_tag(library.conn(), "Meetings", "Meetings/Sub").unwrap_err();
    assert!(error.to_string().contains("inside itself"), "{error}");
}

#[test]
fn collections_keep_their_order_and_an_item_may_be_in_many() {
    let mut library = Library::new();
    let (dialogue, forum, zebra) = (library.id(DIALOGUE), library.id(FORUM), library.id(ZEBRA));
    let briefing = collections::create(library.archive.conn(), "Briefing").unwrap();
    let archive_set = collections::create(library.archive.conn(), "Archive set").unwrap();
    let duplicate = collections::create(library.archive.conn(), "briefing").unwrap_err();
    assert!(
        duplicate.to_string().contains("exists already"),
        "{duplicate}"
    );

    collections::add(library.conn(), briefing.id, &[zebra, dialogue, forum]).unwrap();
    collections::add(library.conn(), archive_set.id, &[dialogue]).unwrap();
    let order = |library: &Library| {
        library.page(
            Scope::Collection { id: briefing.id },
            SortKey::Position,
            false,
        )
    };
    assert_eq!(order(&library), vec![ZEBRA, DIALOGUE, FORUM]);
    collections::reorder(library.conn(), briefing.id, &[forum, zebra, dialogue]).unwrap();
    assert_eq!(order(&library), vec![FORUM, ZEBRA, DIALOGUE]);
    let bad = collections::reorder(library.conn(), briefing.id, &[forum, zebra]).unwrap_err();
    assert!(bad.to_string().contains("exactly once"), "{bad}");

    collections::remove(library.conn(), briefing.id, &[zebra]).unwrap();
    assert_eq!(order(&library), vec![FORUM, DIALOGUE]);
    collections::rename(library.conn(), briefing.id, "Board briefing").unwrap();
    let listed: Vec<(String, i64)> = collections::list(library.archive.conn())
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.count))
        .collect();
    assert_eq!(
        listed,
        vec![("Archive set".into(), 1), ("Board briefing".into(), 2)]
    );
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.collections, vec!["Archive set", "Board briefing"]);
    collections::delete(library.conn(), archive_set.id).unwrap();
    assert!(show(library.archive.conn(), dialogue).is_ok(), "items stay");
    assert_eq!(collections::list(library.archive.conn()).unwrap().len(), 1);
}

#[test]
fn saved_searches_are_named_queries_replaced_by_name() {
    let library = Library::new();
    let conn = library.archive.conn();
    saved_searches::save(conn, "Moscow photos", "moscow kind:photo").unwrap();
    saved_searches::save(conn, "moscow PHOTOS", "moscow kind:photo lang:en").unwrap();
    let all = saved_searches::list(conn).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].query, "moscow kind:photo lang:en");
    assert!(saved_searches::save(conn, " ", "x").is_err());
    saved_searches::delete(conn, all[0].id).unwrap();
    assert!(saved_searches::list(conn).unwrap().is_empty());
}

#[test]
fn trash_restore_and_empty_remove_rows_and_unreferenced_files() {
    let mut library = Library::new();
    let (zebra, grid) = (library.id(ZEBRA), library.id("grid.jpg"));
    let objects = |library: &Library, id: i64| {
        let sha: String = library
            .archive
            .conn()
            .query_row("SELECT sha256 FROM items WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        library.archive.blobs().object_path(&sha).unwrap()
    };
    let grid_object = objects(&library, grid);
    assert!(grid_object.is_file());

    trash::trash(library.conn(), &[zebra, grid]).unwrap();
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
    trash::restore(library.conn(), &[zebra]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    trash::trash(library.conn(), &[zebra]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Deleted, true),
        vec![ZEBRA, "grid"]
    );
    trash::restore(library.conn(), &[grid]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    trash::trash(library.conn(), &[grid]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Deleted, true),
        vec!["grid", ZEBRA]
    );
    trash::restore(library.conn(), &[zebra]).unwrap();
    assert_eq!(
        library.page(Scope::Trash, SortKey::Title, false),
        vec!["grid"]
    );

    let removed = trash::empty(&mut library.archive).unwrap();
    assert_eq!(removed, 1);
    assert!(library.page(Scope::Trash, SortKey::Title, false).is_empty());
    assert!(!grid_object.exists(), "the original no item names is gone");
    assert!(show(library.archive.conn(), grid).is_err());
    assert!(objects(&library, zebra).is_file(), "other originals stay");
    let integrity: String = library
        .archive
        .conn()
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
    update_item(
        library.conn(),
        &edit(EditField::Title, "  Dialogue   in Moscow ", dialogue),
    )
    .unwrap();
    update_item(
        library.conn(),
        &edit(EditField::Date, "2018-10-16", dialogue),
    )
    .unwrap();
    update_item(
        library.conn(),
        &edit(EditField::Caption, "Skolkovo centre", photo),
    )
    .unwrap();
    update_item(library.conn(), &edit(EditField::Credit, "Xinhua", photo)).unwrap();
    update_item(library.conn(), &edit(EditField::Byline, "Li Wei", photo)).unwrap();
    update_item(
        library.conn(),
        &edit(EditField::Notes, "line one\nline two", photo),
    )
    .unwrap();
    let bad_date = update_item(library.conn(), &edit(EditField::Date, "someday", dialogue));
    assert!(bad_date.unwrap_err().to_string().contains("not a date"));
    let caption_on_article =
        update_item(library.conn(), &edit(EditField::Caption, "x", dialogue)).unwrap_err();
    assert!(caption_on_article.to_string().contains("figures"));

    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.title, "Dialogue in Moscow");
    assert_eq!(article.published.as_deref(), Some("2018-10-16"));
    let ItemView::Photo(view) = show(library.archive.conn(), photo).unwrap() else {
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

    let history = folio_core::library::history::of_item(library.archive.conn(), dialogue).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].field, "title");
    assert_eq!(history[0].old_value.as_deref(), Some(DIALOGUE));
    assert_eq!(history[0].new_value.as_deref(), Some("Dialogue in Moscow"));

    // Undo walks back: notes, byline, credit, caption, date, title.
    for expected in ["notes", "byline", "credit", "caption", "date", "title"] {
        let undone = undo(library.conn()).unwrap().unwrap();
        assert!(
            undone.description.starts_with(expected),
            "{expected}: {}",
            undone.description
        );
    }
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.title, DIALOGUE);
    assert_eq!(article.published.as_deref(), Some("2018-11-02"));
    let ItemView::Photo(view) = show(library.archive.conn(), photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!((view.caption.as_str(), view.notes.as_str()), ("", ""));
    assert!(
        undo(library.conn()).unwrap().is_none(),
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
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    let figure = article
        .figures
        .first()
        .expect("the caption line is a figure")
        .id;
    assert_eq!(article.figures[0].photo_id, None);
    let not_a_photo = link_figure(library.conn(), figure, Some(zebra)).unwrap_err();
    assert!(not_a_photo.to_string().contains("a figure shows a photo"));

    link_figure(library.conn(), figure, Some(photo)).unwrap();
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, Some(photo));
    let ItemView::Photo(view) = show(library.archive.conn(), photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!(view.caption, "Delegates meet at the Skolkovo centre.");
    assert_eq!(view.credit, "safea.gov.cn");

    let undone = undo(library.conn()).unwrap().unwrap();
    assert_eq!(undone.description, format!("figure link of “{DIALOGUE}”"));
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, None);
    let ItemView::Photo(view) = show(library.archive.conn(), photo).unwrap() else {
        panic!("a photo");
    };
    assert_eq!(view.caption, "");
    link_figure(library.conn(), figure, Some(photo)).unwrap();
    link_figure(library.conn(), figure, None).unwrap();
    let ItemView::Article(article) = show(library.archive.conn(), dialogue).unwrap() else {
        panic!("an article");
    };
    assert_eq!(article.figures[0].photo_id, None);
}

#[test]
fn recently_imported_covers_the_last_thirty_days() {
    let mut library = Library::new();
    let (zebra, forum) = (library.id(ZEBRA), library.id(FORUM));
    let days_ago = |days: i64| {
        (chrono::Utc::now() - chrono::Duration::days(days))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    let conn = library.conn();
    for (id, days) in [(zebra, 29), (forum, 31)] {
        conn.execute(
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
        let page = list_page(
            library.archive.conn(),
            &ListRequest {
                scope: Scope::All,
                sort: SortKey::Kind,
                descending: false,
                offset: offset * 2,
                limit: 2,
            },
        )
        .unwrap();
        assert_eq!(page.total, 5);
        seen.extend(page.items.into_iter().map(|i| i.id));
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 5, "pages neither overlap nor skip");
    let too_big = list_page(
        library.archive.conn(),
        &ListRequest {
            scope: Scope::All,
            sort: SortKey::Title,
            descending: false,
            offset: 0,
            limit: 100_000,
        },
    );
    assert!(too_big.is_err());
}

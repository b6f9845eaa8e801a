//! Ratings and colour labels on a real archive: set on many items as one journaled action,
//! undone, shown, searched and sorted by, and read from a photo's XMP at import.

use crate::photo_support;

use folio_core::changes::Change;
use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::items::ItemView;
use folio_core::journal::Action;
use folio_core::library::listing::{ListRequest, Scope, SortKey};
use folio_core::library::ratings::{Label, LabelRequest, RateRequest};
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::search::SearchRequest;

/// An archive holding three photos: one whose XMP rates it 4 stars and labels it red, one
/// "rejected" (-1) with a label no Folio knows, and one with no XMP; their ids in that order.
fn archive_of_three(temp: &std::path::Path) -> (WriteHandle, [i64; 3]) {
    let inputs = temp.join("in");
    std::fs::create_dir(&inputs).unwrap();
    let xmp = |attributes: &str| {
        photo_support::xmp_packet("").replace(
            "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\">",
            &format!("xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" {attributes}>"),
        )
    };
    let photo = |width, packet: Option<String>| {
        let jpeg = photo_support::jpeg(width, 40);
        match packet {
            Some(packet) => {
                photo_support::with_segments(&jpeg, &[photo_support::app1_xmp(&packet)])
            }
            None => jpeg,
        }
    };
    std::fs::write(
        inputs.join("a-picked.jpg"),
        photo(60, Some(xmp(r#"xmp:Rating="4" xmp:Label="Red""#))),
    )
    .unwrap();
    std::fs::write(
        inputs.join("b-rejected.jpg"),
        photo(61, Some(xmp(r#"xmp:Rating="-1" xmp:Label="Second""#))),
    )
    .unwrap();
    std::fs::write(inputs.join("c-plain.jpg"), photo(62, None)).unwrap();
    let mut archive = WriteHandle::init(&temp.join("archive")).unwrap();
    let report = archive
        .import(
            &[inputs],
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    let id = |name: &str| {
        report
            .imported
            .iter()
            .find(|item| item.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not imported: {report:?}"))
            .id
    };
    let ids = [id("a-picked.jpg"), id("b-rejected.jpg"), id("c-plain.jpg")];
    (archive, ids)
}

fn marks(archive: &WriteHandle, id: i64) -> (u8, Option<Label>) {
    match archive.show(id).unwrap() {
        ItemView::Photo(photo) => (photo.rating, photo.label),
        ItemView::Article(article) => (article.rating, article.label),
    }
}

fn found(archive: &WriteHandle, query: &str) -> Vec<i64> {
    let page = archive
        .search(&SearchRequest {
            query: query.into(),
            offset: 0,
            limit: 50,
        })
        .unwrap();
    let mut ids: Vec<i64> = page.hits.iter().map(|hit| hit.item.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_photos_xmp_rating_and_label_come_in_with_it() {
    let temp = tempfile::tempdir().unwrap();
    let (archive, [picked, rejected, plain]) = archive_of_three(temp.path());
    assert_eq!(marks(&archive, picked), (4, Some(Label::Red)));
    assert_eq!(
        marks(&archive, rejected),
        (0, None),
        "rejected counts as not rated; an unknown label is no label"
    );
    assert_eq!(marks(&archive, plain), (0, None));
    // The import's action carries them, so a replay gives them too.
    let journal = archive.journal(0).unwrap();
    let Action::Import { items, .. } = &journal[0].action else {
        panic!("{:?}", journal[0].action);
    };
    assert!(
        items
            .iter()
            .any(|item| item.rating == 4 && item.label == Some(Label::Red)),
        "{items:?}"
    );
}

#[test]
fn rating_and_labelling_many_items_is_one_action_each_and_undoes() {
    let temp = tempfile::tempdir().unwrap();
    let (mut archive, [picked, rejected, plain]) = archive_of_three(temp.path());
    let before = archive.journal(0).unwrap().len();

    let written = archive
        .rate_items(&RateRequest {
            ids: vec![rejected, plain],
            rating: 5,
        })
        .unwrap();
    assert_eq!(
        written.changes.changes,
        vec![Change::Items {
            ids: vec![rejected, plain]
        }]
    );
    let written = archive
        .label_items(&LabelRequest {
            ids: vec![picked, plain],
            label: Some(Label::Green),
        })
        .unwrap();
    assert_eq!(written.changes.item_ids(), [picked, plain]);
    let journal = archive.journal(0).unwrap();
    assert_eq!(journal.len(), before + 2);
    assert!(matches!(
        &journal[before].action,
        Action::Rate { items, rating: 5 } if items.len() == 2 && items.iter().all(|uid| uid.len() == 36)
    ));
    assert_eq!(marks(&archive, picked), (4, Some(Label::Green)));
    assert_eq!(marks(&archive, plain), (5, Some(Label::Green)));

    // The same again changes nothing and records nothing.
    let same = archive
        .rate_items(&RateRequest {
            ids: vec![plain],
            rating: 5,
        })
        .unwrap();
    assert!(same.changes.is_empty());
    assert_eq!(archive.journal(0).unwrap().len(), before + 2);

    let undone = archive.undo().unwrap();
    let description = undone.value.unwrap().description;
    assert_eq!(description, "label of 2 items");
    assert_eq!(undone.changes.item_ids(), [picked, plain]);
    assert_eq!(marks(&archive, picked), (4, Some(Label::Red)));
    assert_eq!(marks(&archive, plain), (5, None));
    archive.undo().unwrap();
    assert_eq!(marks(&archive, plain), (0, None));
    assert_eq!(marks(&archive, rejected), (0, None));

    // Taking a label away is a change too.
    archive
        .label_items(&LabelRequest {
            ids: vec![picked],
            label: None,
        })
        .unwrap();
    assert_eq!(marks(&archive, picked), (4, None));
}

#[test]
fn bad_ratings_and_empty_selections_are_refused_in_words() {
    let temp = tempfile::tempdir().unwrap();
    let (mut archive, [picked, ..]) = archive_of_three(temp.path());
    let refused = archive
        .rate_items(&RateRequest {
            ids: vec![picked],
            rating: 6,
        })
        .unwrap_err()
        .to_string();
    assert!(refused.contains("6 is not a rating"), "{refused}");
    let refused = archive
        .label_items(&LabelRequest {
            ids: Vec::new(),
            label: Some(Label::Red),
        })
        .unwrap_err()
        .to_string();
    assert!(refused.contains("no items to label"), "{refused}");
}

#[test]
fn search_finds_by_rating_and_label_after_every_change() {
    let temp = tempfile::tempdir().unwrap();
    let (mut archive, [picked, rejected, plain]) = archive_of_three(temp.path());
    assert_eq!(found(&archive, "rating:>=4"), [picked]);
    assert_eq!(found(&archive, "rating:0"), [rejected, plain]);
    assert_eq!(found(&archive, "label:red kind:photo"), [picked]);
    archive
        .rate_items(&RateRequest {
            ids: vec![plain],
            rating: 2,
        })
        .unwrap();
    archive
        .label_items(&LabelRequest {
            ids: vec![rejected],
            label: Some(Label::Red),
        })
        .unwrap();
    assert_eq!(found(&archive, "rating:<3"), [rejected, plain]);
    assert_eq!(found(&archive, "rating:2"), [plain]);
    assert_eq!(found(&archive, "label:RED"), [picked, rejected]);
    archive.undo().unwrap();
    assert_eq!(found(&archive, "label:red"), [picked]);
}

#[test]
fn listing_by_rating_puts_the_highest_first_and_breaks_ties_by_id() {
    let temp = tempfile::tempdir().unwrap();
    let (mut archive, [picked, rejected, plain]) = archive_of_three(temp.path());
    let page = |archive: &WriteHandle, scope: Scope| -> Vec<(i64, u8)> {
        archive
            .list_page(&ListRequest {
                scope,
                sort: SortKey::Rating,
                descending: true,
                offset: 0,
                limit: 10,
            })
            .unwrap()
            .items
            .iter()
            .map(|item| (item.id, item.rating))
            .collect()
    };
    assert_eq!(
        page(&archive, Scope::All),
        [(picked, 4), (plain, 0), (rejected, 0)]
    );
    archive
        .rate_items(&RateRequest {
            ids: vec![rejected],
            rating: 5,
        })
        .unwrap();
    assert_eq!(
        page(&archive, Scope::Photos),
        [(rejected, 5), (picked, 4), (plain, 0)]
    );
    let labelled = archive.summaries(&[picked]).unwrap();
    assert_eq!(labelled[0].label, Some(Label::Red));
}

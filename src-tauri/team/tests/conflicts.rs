//! Conflicts between members, settled as a person expects: the same file imported twice is one
//! item, the same tag or collection name one tag or collection, the later of two edits in the
//! team's order wins and the other stays in the history, a trashed item keeps an edit made
//! meanwhile, and a remote edit never overwrites a field edited here and not yet sent.

use std::path::PathBuf;

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::items::ItemView;
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::listing::{ListRequest, Scope, SortKey};
use folio_core::library::tagging::TagRequest;
use folio_core::progress::{CancelToken, NoProgress};
use folio_team::log::TeamLog;
use folio_team::sync;

use crate::sync::{Desk, assert_dumps_equal, caption, id_of, import, new_team_places, photo};

/// A team of two: Alice's archive (holding `files`) made the team, Bob joined it.
fn alice_and_bob(
    files: &[(&str, Vec<u8>)],
) -> (
    WriteHandle,
    WriteHandle,
    String,
    [Desk; 2],
    tempfile::TempDir,
) {
    let (database, shared, objects) = new_team_places();
    let (alice, bob) = (Desk::new(), Desk::new());
    let mut a = WriteHandle::open_or_create(&alice.archive).unwrap();
    a.set_author("alice");
    if !files.is_empty() {
        import(&mut a, files, &alice.files());
    }
    sync::create(&mut a, &database, &objects, "Desk").unwrap();
    let (mut b, _) = sync::join(&bob.archive, &database, None).unwrap();
    b.set_author("bob");
    (a, b, database, [alice, bob], shared)
}

/// Alice, Bob, Alice: everyone has everything.
fn sync_all(a: &mut WriteHandle, b: &mut WriteHandle) {
    sync::sync(a).unwrap();
    sync::sync(b).unwrap();
    sync::sync(a).unwrap();
}

fn import_with(handle: &mut WriteHandle, file: PathBuf, options: &ImportOptions) {
    let report = handle
        .import(&[file], options, &NoProgress, &CancelToken::new())
        .unwrap()
        .value;
    assert_eq!(report.imported.len(), 1, "{report:?}");
}

fn items_in(handle: &WriteHandle, scope: Scope) -> Vec<ItemView> {
    let page = handle
        .list_page(&ListRequest {
            scope,
            sort: SortKey::Imported,
            descending: false,
            offset: 0,
            limit: 100,
        })
        .unwrap();
    page.items
        .iter()
        .map(|item| handle.show(item.id).unwrap())
        .collect()
}

fn the_photo(handle: &WriteHandle, scope: Scope) -> folio_core::items::PhotoView {
    let photos: Vec<_> = items_in(handle, scope)
        .into_iter()
        .filter_map(|item| match item {
            ItemView::Photo(photo) => Some(photo),
            ItemView::Article(_) => None,
        })
        .collect();
    assert_eq!(photos.len(), 1, "one photo: {photos:?}");
    photos.into_iter().next().unwrap()
}

fn the_article(handle: &WriteHandle) -> folio_core::items::ArticleView {
    items_in(handle, Scope::Articles)
        .into_iter()
        .find_map(|item| match item {
            ItemView::Article(article) => Some(article),
            ItemView::Photo(_) => None,
        })
        .unwrap()
}

const REPORT: &str = "Port report\n\nUpdated: 2019-01-10\n\nShips met at dawn. [photo/Xinhua]\n\n\
                      The harbour was busy all day.\n";

#[test]
fn the_same_file_imported_by_two_members_is_one_item_with_both_members_tags_collections_and_links()
{
    let (mut a, mut b, _, desks, _shared) = alice_and_bob(&[("report.txt", REPORT.into())]);
    let bytes = photo("The harbour at dawn", 7);
    // Both import the same photo while offline, each with a tag and into a collection.
    for (handle, desk, tag, collection) in [
        (&mut a, &desks[0], "Places/Harbour", "Alice's set"),
        (&mut b, &desks[1], "Ships", "Bob's set"),
    ] {
        let file = desk.files().join("harbour.jpg");
        std::fs::write(&file, &bytes).unwrap();
        let options = ImportOptions {
            tags: vec![tag.into()],
            collection: Some(collection.into()),
            ..ImportOptions::default()
        };
        import_with(handle, file, &options);
    }
    // Bob shows his copy in the article's figure; Alice tags hers again.
    let figure = the_article(&b).figures[0].id;
    let bobs_copy = id_of(&b, "harbour");
    b.link_figure(figure, Some(bobs_copy)).unwrap();
    let alices_copy = id_of(&a, "harbour");
    a.tag_items(&TagRequest {
        ids: vec![alices_copy],
        add: vec!["Dawn".into()],
        remove: vec![],
    })
    .unwrap();

    sync_all(&mut a, &mut b);
    for handle in [&a, &b] {
        let photo = the_photo(handle, Scope::Photos);
        for tag in ["Dawn", "Places/Harbour", "Ships"] {
            assert!(photo.tags.iter().any(|t| t == tag), "{tag}: {photo:?}");
        }
        let mut collections = photo.collections.clone();
        collections.sort();
        assert_eq!(collections, ["Alice's set", "Bob's set"]);
        assert_eq!(
            the_article(handle).figures[0].photo_id,
            Some(photo.id),
            "Bob's figure link reaches the one item"
        );
    }
    assert_dumps_equal(&a, &b);

    // Bob's later changes to his copy reach the one item everywhere.
    let photo = the_photo(&b, Scope::Photos);
    b.update_item(&EditRequest {
        id: photo.id,
        field: EditField::Caption,
        value: "The harbour at dawn, seen by Bob".into(),
    })
    .unwrap();
    sync_all(&mut a, &mut b);
    assert_eq!(caption(&a, "harbour"), "The harbour at dawn, seen by Bob");
    assert_dumps_equal(&a, &b);
}

#[test]
fn the_same_tag_or_collection_created_by_two_members_is_one() {
    let (mut a, mut b, _, _desks, _shared) = alice_and_bob(&[
        ("pier.jpg", photo("Pier", 1)),
        ("quay.jpg", photo("Quay", 2)),
    ]);
    let briefing = a.create_collection("Briefing").unwrap().value;
    a.add_to_collection(briefing.id, &[id_of(&a, "pier")])
        .unwrap();
    a.tag_items(&TagRequest {
        ids: vec![id_of(&a, "pier")],
        add: vec!["Events/Forum".into()],
        remove: vec![],
    })
    .unwrap();
    let bobs = b.create_collection("  briefing ").unwrap().value;
    b.add_to_collection(bobs.id, &[id_of(&b, "quay")]).unwrap();
    b.tag_items(&TagRequest {
        ids: vec![id_of(&b, "quay")],
        add: vec!["events/forum".into()],
        remove: vec![],
    })
    .unwrap();

    sync_all(&mut a, &mut b);
    for handle in [&a, &b] {
        let collections = handle.collections().unwrap();
        assert_eq!(collections.len(), 1, "{collections:?}");
        assert_eq!(collections[0].name, "Briefing", "the first in team order");
        assert_eq!(
            handle.collection_members(collections[0].id).unwrap().len(),
            2
        );
        let tags: Vec<String> = handle
            .tags()
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .filter(|t| t.to_lowercase().contains("events/forum"))
            .collect();
        assert_eq!(tags.len(), 1, "one tag: {tags:?}");
        assert!(
            tags[0].contains("Events/Forum"),
            "the first spelling: {tags:?}"
        );
    }
    // Bob still works with "his" collection: it is the one collection.
    let one = b.collections().unwrap()[0].id;
    b.remove_from_collection(one, &[id_of(&b, "pier")]).unwrap();
    sync_all(&mut a, &mut b);
    let one = a.collections().unwrap()[0].id;
    assert_eq!(a.collection_members(one).unwrap(), [id_of(&a, "quay")]);
    assert_dumps_equal(&a, &b);
}

#[test]
fn of_two_caption_edits_the_later_in_team_order_wins_and_the_other_stays_in_history_to_restore() {
    let (mut a, mut b, _, _desks, _shared) = alice_and_bob(&[("square.jpg", photo("Square", 3))]);
    let edit = |handle: &mut WriteHandle, value: &str| {
        let id = id_of(handle, "square");
        handle
            .update_item(&EditRequest {
                id,
                field: EditField::Caption,
                value: value.into(),
            })
            .unwrap();
    };
    edit(&mut a, "Alice's caption");
    edit(&mut b, "Bob's caption");
    // Alice sends first: Bob's edit comes later in the team's order.
    sync_all(&mut a, &mut b);
    assert_eq!(caption(&a, "square"), "Bob's caption");
    assert_eq!(caption(&b, "square"), "Bob's caption");
    assert_dumps_equal(&a, &b);

    for handle in [&a, &b] {
        let history = handle.history(id_of(handle, "square")).unwrap();
        let captions: Vec<(&str, Option<&str>, Option<&str>)> = history
            .iter()
            .filter(|h| h.field == "caption")
            .map(|h| {
                (
                    h.author.as_str(),
                    h.old_value.as_deref(),
                    h.new_value.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            captions,
            [
                ("alice", Some("Square"), Some("Alice's caption")),
                ("bob", Some("Alice's caption"), Some("Bob's caption")),
            ],
            "both values, each with who wrote it"
        );
    }
    // Undoing Bob's edit (on either member) restores Alice's caption everywhere.
    let undone = a.undo().unwrap().value.unwrap();
    assert!(undone.description.contains("caption"), "{undone:?}");
    sync_all(&mut a, &mut b);
    assert_eq!(caption(&a, "square"), "Alice's caption");
    assert_eq!(caption(&b, "square"), "Alice's caption");
    assert_dumps_equal(&a, &b);
}

#[test]
fn an_item_trashed_by_one_member_while_another_edits_it_stays_in_the_trash_with_the_edit() {
    // Either may reach the team first.
    for trasher_first in [true, false] {
        let (mut a, mut b, _, _desks, _shared) = alice_and_bob(&[("dock.jpg", photo("Dock", 4))]);
        let id = id_of(&a, "dock");
        a.trash(&[id]).unwrap();
        let id = id_of(&b, "dock");
        b.update_item(&EditRequest {
            id,
            field: EditField::Title,
            value: "Dock at noon".into(),
        })
        .unwrap();
        if trasher_first {
            sync_all(&mut a, &mut b);
        } else {
            sync_all(&mut b, &mut a);
        }
        for handle in [&a, &b] {
            let photo = the_photo(handle, Scope::Trash);
            assert!(photo.deleted, "{photo:?}");
            assert_eq!(
                photo.title, "Dock at noon",
                "trasher first: {trasher_first}"
            );
            assert!(items_in(handle, Scope::Photos).is_empty());
        }
        assert_dumps_equal(&a, &b);
    }
}

#[test]
fn a_remote_edit_never_overwrites_a_field_edited_here_and_not_yet_sent() {
    let (mut a, mut b, database, _desks, _shared) = alice_and_bob(&[("bay.jpg", photo("Bay", 5))]);
    let bobs_id = id_of(&b, "bay");
    b.update_item(&EditRequest {
        id: bobs_id,
        field: EditField::Caption,
        value: "Bob's bay".into(),
    })
    .unwrap();
    let id = id_of(&a, "bay");
    a.update_item(&EditRequest {
        id,
        field: EditField::Caption,
        value: "Alice's bay".into(),
    })
    .unwrap();
    a.update_item(&EditRequest {
        id,
        field: EditField::Title,
        value: "The bay".into(),
    })
    .unwrap();
    sync::sync(&mut a).unwrap();

    // Bob receives Alice's edits while his own still waits to be sent.
    let address = folio_team::address::DatabaseAddress::parse(&database).unwrap();
    let mut log = TeamLog::connect(&address).unwrap();
    let after = b.membership().unwrap().unwrap().pulled;
    let pulled = log.after(after, 100, 1 << 20).unwrap();
    assert_eq!(pulled.len(), 2, "Alice's two edits");
    b.apply_pulled(&pulled).unwrap();
    assert_eq!(
        caption(&b, "The bay"),
        "Bob's bay",
        "the waiting edit stays"
    );
    assert_eq!(
        id_of(&b, "The bay"),
        bobs_id,
        "the field Bob did not touch takes Alice's value"
    );
    assert_eq!(sync::status(&b).unwrap().unwrap().waiting_actions, 1);

    // Sent, Bob's edit comes later in the team's order and wins everywhere.
    sync::sync(&mut b).unwrap();
    sync::sync(&mut a).unwrap();
    assert_eq!(caption(&a, "The bay"), "Bob's bay");
    assert_dumps_equal(&a, &b);
}

/// A member gets its own actions back first while more of its own still wait: those stay
/// applied as they are, and are still taken back and applied again correctly when another
/// member's action comes before them.
#[test]
fn own_actions_received_back_first_leave_the_rest_waiting_and_still_placeable() {
    let (mut a, mut b, database, _desks, _shared) =
        alice_and_bob(&[("quay.jpg", photo("Quay", 6))]);
    let bobs_id = id_of(&b, "quay");
    for value in ["one", "two", "three"] {
        b.update_item(&EditRequest {
            id: bobs_id,
            field: EditField::Caption,
            value: value.into(),
        })
        .unwrap();
    }
    // Bob's first two edits reach the log; then Alice's; Bob's third still waits here.
    let address = folio_team::address::DatabaseAddress::parse(&database).unwrap();
    let mut log = TeamLog::connect(&address).unwrap();
    let first_two = b.waiting_actions(2).unwrap();
    let placed = log.append(&first_two).unwrap();
    b.mark_sent(&placed).unwrap();
    let alices_id = id_of(&a, "quay");
    a.update_item(&EditRequest {
        id: alices_id,
        field: EditField::Caption,
        value: "Alice's quay".into(),
    })
    .unwrap();
    sync::sync(&mut a).unwrap();

    let after = b.membership().unwrap().unwrap().pulled;
    let own = log.after(after, 2, 1 << 20).unwrap();
    assert_eq!(own.len(), 2);
    b.apply_pulled(&own).unwrap();
    assert_eq!(
        caption(&b, "quay"),
        "three",
        "the waiting edit stays applied"
    );
    assert_eq!(sync::status(&b).unwrap().unwrap().waiting_actions, 1);

    let alices = log.after(own[1].team_seq, 10, 1 << 20).unwrap();
    assert_eq!(alices.len(), 1);
    b.apply_pulled(&alices).unwrap();
    assert_eq!(
        caption(&b, "quay"),
        "three",
        "Bob's waiting edit comes after Alice's"
    );

    sync::sync(&mut b).unwrap();
    sync::sync(&mut a).unwrap();
    assert_eq!(caption(&a, "quay"), "three");
    assert_dumps_equal(&a, &b);
    // Alice's caption stays in the item's history on both.
    for handle in [&a, &b] {
        let history = handle.history(id_of(handle, "quay")).unwrap();
        assert!(
            history
                .iter()
                .any(|entry| format!("{entry:?}").contains("Alice's quay")),
            "{history:?}"
        );
    }
}

//! The journal replays: an archive built by a random sequence of every kind of change, its journal
//! applied to an empty archive holding the same originals, gives the same canonical dump — and
//! replaying it a second time changes nothing. Runs a few cases with a fixed seed; set
//! `FOLIO_PROPTEST_CASES` (and `FOLIO_PROPTEST_SEED`) to run more.

use crate::random_changes::{Random, World, bundle_from_elsewhere, copy_dir, env_number};

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::journal::Action;
use folio_core::library::listing::Scope;
use folio_core::library::tagging::TagRequest;
use folio_core::library::templates::{Template, TemplateMode};
use folio_core::progress::{CancelToken, NoProgress};
use folio_samples::photos as photo_support;

/// One case: `steps` random changes, then the replay and the comparisons.
/// Returns the kinds of action the case made.
fn replay_case(seed: u64, steps: usize) -> std::collections::BTreeSet<String> {
    let temp = tempfile::tempdir().unwrap();
    let inputs = temp.path().join("in");
    let mut world = World {
        archive: WriteHandle::init(&temp.path().join("original")).unwrap(),
        inputs,
        files: 0,
        bundle: Some(bundle_from_elsewhere(temp.path())),
    };
    let mut random = Random(seed);
    world.import(&mut random);
    for _ in 0..steps {
        world.change(&mut random);
    }
    let journal = world.archive.journal(0).unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        journal.iter().map(|entry| entry.action.kind()).collect();
    assert!(kinds.contains("import"), "seed {seed}: {kinds:?}");

    // An empty archive holding the same originals.
    let copy = temp.path().join("replayed");
    let mut replayed = WriteHandle::init(&copy).unwrap();
    copy_dir(&world.archive.dir().join("objects"), &copy.join("objects"));
    replayed.replay(&journal).unwrap();
    let original = world.archive.dump().unwrap();
    let dump = replayed.dump().unwrap();
    if original != dump {
        let first = original
            .lines()
            .zip(dump.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("original: {a}\nreplayed: {b}"))
            .unwrap_or_else(|| "one dump is longer".into());
        panic!("seed {seed}: the replayed archive differs\n{first}");
    }
    // Replaying again applies nothing twice.
    replayed.replay(&journal).unwrap();
    assert_eq!(
        replayed.dump().unwrap(),
        original,
        "seed {seed}: replayed twice"
    );
    // The replayed archive searches like the original.
    for query in [
        "moscow",
        "tag:events",
        "kind:photo",
        "rating:>=3",
        "label:red",
    ] {
        let request = folio_core::search::SearchRequest {
            query: query.into(),
            offset: 0,
            limit: 100,
        };
        let total = |archive: &WriteHandle| archive.search(&request).unwrap().total;
        assert_eq!(
            total(&world.archive),
            total(&replayed),
            "seed {seed}: {query}"
        );
    }
    kinds.into_iter().map(String::from).collect()
}

#[test]
fn a_journal_replayed_onto_an_empty_archive_gives_the_same_archive() {
    let cases = env_number("FOLIO_PROPTEST_CASES", 4);
    let seed = env_number("FOLIO_PROPTEST_SEED", 0x5EED_F011);
    let mut kinds = std::collections::BTreeSet::new();
    for case in 0..cases {
        kinds.extend(replay_case(seed.wrapping_add(case), 60));
    }
    for kind in ["merge", "rate", "label"] {
        assert!(
            kinds.contains(kind),
            "no case made a {kind} action: {kinds:?}"
        );
    }
}

#[test]
fn every_change_appends_one_self_contained_action_naming_items_by_uid() {
    let temp = tempfile::tempdir().unwrap();
    let mut world = World {
        archive: WriteHandle::init(&temp.path().join("archive")).unwrap(),
        inputs: temp.path().join("in"),
        files: 0,
        bundle: None,
    };
    let mut random = Random(7);
    world.import(&mut random);
    world.import(&mut random);
    let items = world.ids(Scope::All);
    let before = world.archive.journal(0).unwrap().len();
    let written = world
        .archive
        .tag_items(&TagRequest {
            ids: items.clone(),
            add: vec!["Events".into()],
            remove: Vec::new(),
        })
        .unwrap();
    assert_eq!(written.changes.item_ids(), items.as_slice());
    let journal = world.archive.journal(0).unwrap();
    assert_eq!(journal.len(), before + 1, "one action for many items");
    let last = journal.last().unwrap();
    let Action::Tag {
        items: uids, add, ..
    } = &last.action
    else {
        panic!("{:?}", last.action);
    };
    assert_eq!(add, &["Events".to_string()]);
    assert_eq!(uids.len(), items.len());
    assert!(uids.iter().all(|uid| uid.len() == 36), "{uids:?}");
    assert!(!last.author.is_empty());

    // A change that changes nothing records nothing.
    let same = world
        .archive
        .tag_items(&TagRequest {
            ids: items.clone(),
            add: vec!["events".into()],
            remove: Vec::new(),
        })
        .unwrap();
    assert!(same.changes.is_empty());
    assert_eq!(world.archive.journal(0).unwrap().len(), before + 1);

    // Undo is an action too, naming the action it reverts.
    world.archive.undo().unwrap().value.unwrap();
    let journal = world.archive.journal(0).unwrap();
    let Action::Undo { action } = &journal.last().unwrap().action else {
        panic!("{:?}", journal.last());
    };
    assert_eq!(action, &last.uid);
}

#[test]
fn the_canonical_dump_is_sorted_json_lines_without_local_ids() {
    let temp = tempfile::tempdir().unwrap();
    let mut world = World {
        archive: WriteHandle::init(&temp.path().join("archive")).unwrap(),
        inputs: temp.path().join("in"),
        files: 0,
        bundle: None,
    };
    let mut random = Random(11);
    world.import(&mut random);
    world.import(&mut random);
    let collection = world.archive.create_collection("Briefing").unwrap().value;
    let items = world.ids(Scope::All);
    world
        .archive
        .add_to_collection(collection.id, &items)
        .unwrap();
    let dump = world.archive.dump().unwrap();
    let mut sections = Vec::new();
    for line in dump.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let (section, record) = value.as_object().unwrap().iter().next().unwrap();
        if sections.last() != Some(section) {
            sections.push(section.clone());
        }
        if section == "item" {
            // Nested records are JSON, not JSON in a string.
            assert!(record["tags"].is_array(), "{record}");
            assert!(record.get("id").is_none(), "no local ids: {record}");
        }
        if section == "collection" && record["name"] == "Briefing" {
            assert_eq!(record["items"].as_array().unwrap().len(), items.len());
        }
    }
    let order = [
        "blob",
        "item",
        "tag",
        "collection",
        "saved_search",
        "history",
        "journal",
    ];
    let positions: Vec<usize> = sections
        .iter()
        .map(|s| order.iter().position(|o| o == s).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections in their documented order: {sections:?}"
    );
    assert!(sections.contains(&"collection".to_string()));
}

#[test]
fn what_a_template_gives_is_in_the_import_action_and_replays() {
    let temp = tempfile::tempdir().unwrap();
    let mut archive = WriteHandle::init(&temp.path().join("archive")).unwrap();
    let template = Template {
        name: "Desk".into(),
        caption: "Desk: {filename} #{seq}".into(),
        copyright: "© Folio Daily".into(),
        keywords: vec!["desk".into()],
        tags: vec!["Templated".into()],
        mode: TemplateMode::Replace,
        ..Template::default()
    };
    archive.save_template(&template).unwrap();
    let inputs = temp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("frame.jpg"), photo_support::jpeg(20, 24)).unwrap();
    let options = ImportOptions {
        template: Some(archive.find_template("desk").unwrap()),
        ..ImportOptions::default()
    };
    archive
        .import(&[inputs], &options, &NoProgress, &CancelToken::new())
        .unwrap();
    let journal = archive.journal(0).unwrap();
    let kinds: Vec<&str> = journal.iter().map(|entry| entry.action.kind()).collect();
    assert_eq!(kinds, ["save_template", "import"]);
    let Action::Import { items, .. } = &journal[1].action else {
        panic!("{:?}", journal[1].action);
    };
    let photo = items[0].photo.as_ref().unwrap();
    assert_eq!(photo.caption, "Desk: frame.jpg #1");
    assert_eq!(photo.copyright, "© Folio Daily");
    assert_eq!(photo.keywords, ["desk"]);
    assert_eq!(items[0].tags, ["Templated"]);

    // Another archive replaying the journal has the template and the same photo.
    let copy = temp.path().join("copy");
    let mut replayed = WriteHandle::init(&copy).unwrap();
    copy_dir(&temp.path().join("archive/objects"), &copy.join("objects"));
    replayed.replay(&journal).unwrap();
    assert_eq!(
        replayed.find_template("Desk").unwrap().caption,
        template.caption
    );
    assert_eq!(replayed.dump().unwrap(), archive.dump().unwrap());
}

//! Random changes of every kind to an archive, from a seeded source: the journal's replay test
//! here and the team's convergence test (folio-team's `tests/converge.rs`, which includes this
//! file by path) drive archives with them. Each change is one a person could make; one the
//! archive refuses (an item gone, a name taken) is simply refused.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::listing::{ListRequest, Scope, SortKey};
use folio_core::library::ratings::{Label, LabelRequest, RateRequest};
use folio_core::library::tagging::TagRequest;
use folio_core::library::templates::{Template, TemplateMode};
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::similar::MergeRequest;
use folio_samples::photos as photo_support;

/// A small, seeded random source (SplitMix64): the same seed gives the same sequence.
pub struct Random(pub u64);

impl Random {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> Option<&'a T> {
        (!from.is_empty()).then(|| &from[self.below(from.len())])
    }

    /// A few distinct elements of `from`, in a random order.
    pub fn some(&mut self, from: &[i64]) -> Vec<i64> {
        let mut chosen: Vec<i64> = from.iter().copied().filter(|_| self.chance(40)).collect();
        for i in (1..chosen.len()).rev() {
            chosen.swap(i, self.below(i + 1));
        }
        chosen
    }
}

const WORDS: &[&str] = &[
    "Moscow",
    "forum",
    "Skolkovo",
    "energy",
    "dialogue",
    "Пекин",
    "форум",
    "能源",
    "对话",
    "grid",
];
const TAGS: &[&str] = &[
    "Events",
    "events/Forum",
    "Events/Innovation Dialogue",
    "Press",
    "Пресса",
    "新闻",
];
const COLLECTIONS: &[&str] = &["Briefing", "Press  Kit", "Архив", "季度"];

/// What the random sequence works on: the archive, where new files to import are made, and a
/// Folio bundle exported from another archive.
pub struct World {
    pub archive: WriteHandle,
    pub inputs: PathBuf,
    pub files: usize,
    pub bundle: Option<PathBuf>,
}

/// A Folio bundle (ZIP) of a few items of another archive: two tagged articles in a collection
/// and a captioned photo, which importing brings in with their uids, tags and collection.
pub fn bundle_from_elsewhere(dir: &Path) -> PathBuf {
    let inputs = dir.join("elsewhere-in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(
        inputs.join("summit.txt"),
        "Summit in Kazan\n\nUpdated: 2020-03-04\n\nLeaders met in Kazan. [photo/TASS]\n",
    )
    .unwrap();
    std::fs::write(inputs.join("kremlin.jpg"), photo_support::jpeg(97, 61)).unwrap();
    let mut other = WriteHandle::init(&dir.join("elsewhere")).unwrap();
    let options = ImportOptions {
        tags: vec!["Exchange/From abroad".into()],
        collection: Some("Shared set".into()),
        ..ImportOptions::default()
    };
    let report = other
        .import(&[inputs], &options, &NoProgress, &CancelToken::new())
        .unwrap()
        .value;
    let ids: Vec<i64> = report.imported.iter().map(|item| item.id).collect();
    let output = dir.join("elsewhere.zip");
    let request = folio_core::export::ExportRequest {
        collections: other.collections_of(&ids).unwrap(),
        item_ids: ids,
        title: "From elsewhere".into(),
        format: folio_core::export::ExportFormat::Zip,
        paper: folio_core::export::Paper::A4,
        max_image_px: None,
        with_source_paths: false,
        replace_existing: true,
    };
    other
        .export(&request, &output, &NoProgress, &CancelToken::new())
        .unwrap();
    output
}

impl World {
    pub fn ids(&self, scope: Scope) -> Vec<i64> {
        let request = ListRequest {
            scope,
            sort: SortKey::Imported,
            descending: false,
            offset: 0,
            limit: 500,
        };
        self.archive
            .list_page(&request)
            .unwrap()
            .items
            .into_iter()
            .map(|item| item.id)
            .collect()
    }

    pub fn kind_ids(&self, photos: bool) -> Vec<i64> {
        self.ids(if photos {
            Scope::Photos
        } else {
            Scope::Articles
        })
    }

    pub fn collections(&self) -> Vec<i64> {
        self.archive
            .collections()
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect()
    }

    pub fn figures(&self) -> Vec<i64> {
        let mut figures = Vec::new();
        for id in self.kind_ids(false) {
            if let Ok(folio_core::items::ItemView::Article(article)) = self.archive.show(id) {
                figures.extend(article.figures.iter().map(|f| f.id));
            }
        }
        figures
    }

    /// New files (and now and then one imported before), imported in one go.
    pub fn import(&mut self, random: &mut Random) {
        let batch = self.inputs.join(format!("batch-{}", self.files));
        std::fs::create_dir_all(&batch).unwrap();
        for _ in 0..=random.below(3) {
            self.files += 1;
            let n = self.files;
            let words: Vec<&str> = (0..6).map(|_| WORDS[random.below(WORDS.len())]).collect();
            if random.chance(50) {
                let text = format!(
                    "Report {n}: {}\n\nUpdated: 2019-0{}-1{}\n\n{} met on day {n}. [photo/Xinhua {n}]\n\n\
                     The second paragraph of report {n}.\n",
                    words.join(" "),
                    1 + n % 9,
                    n % 10,
                    words[0],
                );
                std::fs::write(batch.join(format!("report-{n}.txt")), text).unwrap();
            } else {
                let side = 16 + u32::try_from(n).unwrap();
                std::fs::write(
                    batch.join(format!("photo-{n}.jpg")),
                    photo_support::jpeg(side, 24),
                )
                .unwrap();
            }
        }
        if self.files > 2 && random.chance(30) {
            // The same bytes again: a duplicate, nothing new.
            let again = batch.join("again.jpg");
            std::fs::write(&again, photo_support::jpeg(17, 24)).unwrap();
        }
        let options = ImportOptions {
            tags: if random.chance(40) {
                vec![TAGS[random.below(TAGS.len())].to_string()]
            } else {
                Vec::new()
            },
            collection: random
                .chance(30)
                .then(|| COLLECTIONS[random.below(COLLECTIONS.len())].to_string()),
            // Every other import applies a template, if one is saved (drawing nothing from
            // `random`, so the seeds make the same other changes as before templates).
            template: self
                .archive
                .templates()
                .unwrap()
                .into_iter()
                .next()
                .filter(|_| self.files.is_multiple_of(2)),
            ..ImportOptions::default()
        };
        self.archive
            .import(&[batch], &options, &NoProgress, &CancelToken::new())
            .unwrap();
    }

    /// One random change of any kind; a change the archive refuses (an item gone, a name
    /// taken) is simply refused, as it would be for a person.
    pub fn change(&mut self, random: &mut Random) {
        let items = self.ids(Scope::All);
        let trashed = self.ids(Scope::Trash);
        let collections = self.collections();
        let (photos, articles) = (self.kind_ids(true), self.kind_ids(false));
        let archive = &mut self.archive;
        let item = random.pick(&items).copied();
        let tag = || TAGS[(item.unwrap_or(0) as usize * 7 + items.len()) % TAGS.len()];
        let _ = match random.below(22) {
            0 | 1 => {
                self.import(random);
                return;
            }
            18 => {
                // A bundle from another archive: new items the first time (and after the trash
                // was emptied of them), duplicates after.
                let Some(bundle) = self.bundle.clone() else {
                    return;
                };
                archive
                    .import(
                        &[bundle],
                        &ImportOptions::default(),
                        &NoProgress,
                        &CancelToken::new(),
                    )
                    .map(|_| ())
            }
            2 | 3 => {
                let Some(id) = item else { return };
                let (field, value) = match random.below(6) {
                    0 => (EditField::Title, format!("Title {}", random.below(100))),
                    1 => (
                        EditField::Date,
                        format!("20{:02}-0{}", 10 + random.below(15), 1 + random.below(9)),
                    ),
                    2 => (
                        EditField::Caption,
                        format!("Caption {}", WORDS[random.below(WORDS.len())]),
                    ),
                    3 => (EditField::Credit, "Photo: Xinhua".to_string()),
                    4 => (EditField::Byline, "Li Wei".to_string()),
                    _ => (EditField::Notes, format!("note\n{}", random.below(9))),
                };
                archive
                    .update_item(&EditRequest { id, field, value })
                    .map(|_| ())
            }
            4 => {
                let figures = self.figures();
                let photos = self.kind_ids(true);
                let Some(&figure) = random.pick(&figures) else {
                    return;
                };
                let photo = if random.chance(70) {
                    random.pick(&photos).copied()
                } else {
                    None
                };
                self.archive.link_figure(figure, photo).map(|_| ())
            }
            5 | 6 => {
                let ids = random.some(&items);
                let pick = |random: &mut Random| TAGS[random.below(TAGS.len())].to_string();
                let request = TagRequest {
                    ids,
                    add: if random.chance(70) {
                        vec![pick(random)]
                    } else {
                        Vec::new()
                    },
                    remove: if random.chance(40) {
                        vec![pick(random)]
                    } else {
                        Vec::new()
                    },
                };
                archive.tag_items(&request).map(|_| ())
            }
            7 => archive
                .rename_tag(tag(), TAGS[random.below(TAGS.len())])
                .map(|_| ()),
            8 => archive
                .create_collection(COLLECTIONS[random.below(COLLECTIONS.len())])
                .map(|_| ()),
            9 => {
                let Some(&id) = random.pick(&collections) else {
                    return;
                };
                match random.below(5) {
                    0 => archive.rename_collection(id, &format!("Set {}", random.below(5))),
                    1 => archive.delete_collection(id),
                    2 => archive.remove_from_collection(id, &random.some(&items)),
                    3 => {
                        let mut members = archive.collection_members(id).unwrap();
                        members.reverse();
                        archive.reorder_collection(id, &members)
                    }
                    _ => archive.add_to_collection(id, &random.some(&items)),
                }
                .map(|_| ())
            }
            10 => {
                let Some(&id) = random.pick(&collections) else {
                    return;
                };
                archive
                    .add_to_collection(id, &random.some(&items))
                    .map(|_| ())
            }
            11 => {
                let name = ["Moscow photos", "moscow PHOTOS", "Energy"][random.below(3)];
                let query = ["moscow kind:photo", "energy lang:en", "tag:events"][random.below(3)];
                let saved = archive.save_search(name, query).map(|_| ());
                // A template beside the search, drawing nothing more from `random`.
                if items.len().is_multiple_of(2) {
                    let template = Template {
                        name: name.to_string(),
                        caption: "{caption} ({filename}, #{seq})".into(),
                        credit: "Desk".into(),
                        keywords: vec!["{date}".into()],
                        tags: vec!["templated".into()],
                        mode: if items.len().is_multiple_of(4) {
                            TemplateMode::Replace
                        } else {
                            TemplateMode::FillEmpty
                        },
                        ..Template::default()
                    };
                    let _ = archive.save_template(&template);
                }
                saved
            }
            12 => {
                let saved = archive.saved_searches().unwrap();
                let Some(search) = random.pick(&saved) else {
                    return;
                };
                if let Some(template) = archive.templates().unwrap().first()
                    && items.len().is_multiple_of(3)
                {
                    let _ = archive.delete_template(&template.name);
                }
                archive.delete_saved_search(search.id).map(|_| ())
            }
            13 => archive.trash(&random.some(&items)).map(|_| ()),
            14 => archive.restore(&random.some(&trashed)).map(|_| ()),
            15 => {
                if random.chance(30) {
                    archive.empty_trash().map(|_| ())
                } else {
                    // Text read by OCR, recorded as the worker records a scan or a photo: a
                    // page read and a page that could not be.
                    let Some(id) = item else { return };
                    let pages = [
                        folio_core::ocr::OcrPage {
                            page: 1,
                            text: format!("Read by OCR {}\n\nsecond paragraph", items.len()),
                            problem: None,
                        },
                        folio_core::ocr::OcrPage {
                            page: 2,
                            text: String::new(),
                            problem: Some("the page image is damaged".into()),
                        },
                    ];
                    archive.record_ocr(id, &pages).map(|_| ())
                }
            }
            19 => {
                // Near-duplicates merged: photos with photos or articles with articles, into
                // the best one or into one picked.
                let kind = if random.chance(60) {
                    &photos
                } else {
                    &articles
                };
                let group = random.some(kind);
                let keep = if random.chance(50) {
                    random.pick(&group).copied()
                } else {
                    None
                };
                archive
                    .merge(&MergeRequest { ids: group, keep })
                    .map(|_| ())
            }
            20 => {
                let rating = random.below(6) as u8;
                archive
                    .rate_items(&RateRequest {
                        ids: random.some(&items),
                        rating,
                    })
                    .map(|_| ())
            }
            21 => {
                let label = if random.chance(25) {
                    None
                } else {
                    random.pick(&Label::ALL).copied()
                };
                archive
                    .label_items(&LabelRequest {
                        ids: random.some(&items),
                        label,
                    })
                    .map(|_| ())
            }
            _ => archive.undo().map(|_| ()),
        };
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

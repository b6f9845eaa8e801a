//! The one writer of an import: a batch of extracted units becomes rows in one transaction —
//! items, figures linked to their photos, tags, collection, the search-index queue, and the one
//! journal action that records what the batch committed (see [`super::batch`]).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, TransactionBehavior};

use crate::bundle::format::{BundleIndex, BundleItem};
use crate::error::Result;
use crate::file_names;
use crate::items::ItemKind;
use crate::tables::{blobs, collections, figures, index_queue, items, tags};
use crate::text::credit::split_credit;

use super::batch::{Batch, record, start_recording};
use super::extract::{NotReady, Ready, ReadyArticle, ReadyPhoto};
use super::report::{Duplicate, ImportReport, Imported};

/// Where everything imported also goes: tags and a collection, by their cleaned names. They are
/// created by the first batch that commits an item, so an import that commits nothing leaves
/// nothing behind.
#[derive(Debug, Default)]
pub struct Destination {
    pub tags: Vec<String>,
    pub collection: Option<String>,
}

pub fn resolve_destination(tag_names: &[String], collection: Option<&str>) -> Result<Destination> {
    Ok(Destination {
        tags: tag_names
            .iter()
            .map(|name| tags::normalise(name))
            .collect::<Result<_>>()?,
        collection: collection.map(collections::normalise).transpose()?,
    })
}

/// Commits one batch in one transaction and records each unit's outcome.
pub fn commit_batch(
    conn: &mut Connection,
    batch: Vec<(String, Result<Ready, NotReady>)>,
    destination: &Destination,
    report: &mut ImportReport,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let recording = start_recording(&tx)?;
    let mut outcome = ImportReport::default();
    let mut journal = Batch::new(destination);
    for (display, extracted) in batch {
        match extracted {
            Ok(Ready::Photo(photo)) => {
                commit_photo(&tx, &photo, &mut journal, &mut outcome)?;
                for (path, why) in &photo.ignored_sidecars {
                    outcome.skip(path.clone(), why.clone());
                }
            }
            Ok(Ready::Article(article)) => {
                commit_article(&tx, article, &display, &mut journal, &mut outcome)?;
            }
            Err(NotReady::Skipped(reason)) => outcome.skip(display, reason),
            Err(NotReady::Failed(error)) => outcome.fail(display, error),
        }
    }
    record(&tx, journal, recording)?;
    tx.commit()?;
    // Only what was committed reaches the report.
    report.merge(outcome);
    Ok(())
}

/// Inserts a photo unless its bytes are already in the archive; returns the item id either way.
fn commit_photo(
    conn: &Connection,
    photo: &ReadyPhoto,
    batch: &mut Batch<'_>,
    report: &mut ImportReport,
) -> Result<i64> {
    if let Some(id) = items::find_by_sha256(conn, &photo.sha256)? {
        report.duplicates.push(Duplicate {
            path: photo.display.clone(),
            id,
        });
        return Ok(id);
    }
    let draft = &photo.draft;
    blobs::record(conn, &photo.sha256, photo.size, draft.media_type)?;
    if let Some(fingerprint) = draft.fingerprint {
        blobs::set_fingerprint(conn, &photo.sha256, fingerprint)?;
    }
    // A caption that carries its credit ("… [photo/Xinhua]") is stored as the two apart.
    let (caption, credit) = if draft.credit.is_empty() {
        let split = split_credit(&draft.caption);
        (split.caption, split.credit)
    } else {
        (draft.caption.clone(), draft.credit.clone())
    };
    let title = if draft.title.trim().is_empty() {
        stem(&photo.source_name)
    } else {
        draft.title.trim().to_string()
    };
    let id = items::insert(
        conn,
        &items::NewItem {
            kind: "photo",
            title: &title,
            date: draft.taken.as_deref(),
            date_precision: draft.taken.as_ref().map(|_| "instant"),
            language: None,
            sha256: &photo.sha256,
            source_name: &photo.source_name,
            source_path: &photo.display,
        },
    )?;
    items::insert_photo(
        conn,
        id,
        &items::NewPhoto {
            width: Some(draft.width),
            height: Some(draft.height),
            caption: &caption,
            credit: &credit,
            byline: &draft.byline,
            copyright: &draft.copyright,
            keywords: &draft.keywords,
            camera: &draft.camera,
            gps: draft.gps,
            taken_at: draft.taken.as_deref(),
        },
    )?;
    if draft.rating != 0 || draft.label.is_some() {
        items::set_rating_and_label(conn, id, draft.rating, draft.label)?;
    }
    batch.finish_item(conn, id)?;
    if batch.ocr_photos(conn)? {
        batch.queue_ocr(conn, id, report)?;
    }
    report.imported.push(Imported {
        id,
        kind: ItemKind::Photo,
        path: photo.display.clone(),
        title,
    });
    Ok(id)
}

fn commit_article(
    conn: &Connection,
    article: ReadyArticle,
    display: &str,
    batch: &mut Batch<'_>,
    report: &mut ImportReport,
) -> Result<()> {
    if let Some(id) = items::find_by_sha256(conn, &article.sha256)? {
        report.duplicates.push(Duplicate {
            path: display.to_string(),
            id,
        });
        return Ok(());
    }
    let draft = &article.draft;
    blobs::record(conn, &article.sha256, article.size, article.media_type)?;
    // A captured page is named by the file it was saved as (its display is its address), and
    // imported at the moment it was fetched: that is its time of capture.
    let source_name = match &article.web {
        Some(web) => web.source_name.clone(),
        None => file_names::nfc(display.rsplit(['/', '\\']).next().unwrap_or(display)),
    };
    let title = if draft.title.trim().is_empty() {
        stem(&source_name)
    } else {
        draft.title.clone()
    };
    let imported_at = match &article.web {
        Some(web) => web.captured_at.clone(),
        None => crate::now_rfc3339(),
    };
    let id = items::insert_dated(
        conn,
        &uuid::Uuid::new_v4().to_string(),
        &imported_at,
        &imported_at,
        &items::NewItem {
            kind: "article",
            title: &title,
            date: draft.published.as_ref().map(|d| d.value.as_str()),
            date_precision: draft.published.as_ref().map(|d| d.precision.as_str()),
            language: draft.language.as_deref(),
            sha256: &article.sha256,
            source_name: &source_name,
            source_path: display,
        },
    )?;
    items::insert_article(
        conn,
        id,
        &items::NewArticle {
            byline: &draft.byline,
            site: &draft.site,
            url: &draft.url,
            body_text: &draft.body_text,
            body_html: &draft.body_html,
            excerpt: &draft.excerpt,
            sketch: Some(&article.sketch),
        },
    )?;
    batch.finish_item(conn, id)?;
    if draft.needs_ocr {
        batch.queue_ocr(conn, id, report)?;
    }
    report.imported.push(Imported {
        id,
        kind: ItemKind::Article,
        path: display.into(),
        title,
    });

    let mut photo_ids: HashMap<String, i64> = HashMap::new();
    for image in &article.images {
        let photo_id = commit_photo(conn, image, batch, report)?;
        if let Some(reference) = &image.reference {
            photo_ids.insert(normalise_reference(reference), photo_id);
        }
    }
    // A page may name its saved image by its original URL (og:image, srcset): fall back to the
    // file name when it is unique among the page's images.
    let mut by_file_name: HashMap<String, Option<i64>> = HashMap::new();
    for (reference, id) in &photo_ids {
        let name = reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
        by_file_name
            .entry(name)
            .and_modify(|seen| *seen = None)
            .or_insert(Some(*id));
    }
    for (position, figure) in draft.figures.iter().enumerate() {
        let reference = normalise_reference(&figure.image_ref);
        let name = reference.rsplit('/').next().unwrap_or(&reference);
        let photo_id = photo_ids.get(&reference).copied().or_else(|| {
            by_file_name
                .get(name)
                .copied()
                .flatten()
                .filter(|_| !name.is_empty())
        });
        figures::insert(
            conn,
            id,
            position,
            &figure.caption,
            &figure.credit,
            &figure.image_ref,
            photo_id,
        )?;
        if let Some(photo_id) = photo_id {
            items::fill_photo_caption(conn, photo_id, &figure.caption, &figure.credit)?;
            batch
                .journal
                .captions
                .push((photo_id, figure.caption.clone(), figure.credit.clone()));
            index_queue::upsert(conn, photo_id)?;
        }
    }
    for (path, why) in article.image_failures {
        report.fail(path, why);
    }
    Ok(())
}

/// Commits the items of a verified Folio bundle in one transaction, keeping their uids, tags,
/// captions, figure links and collection order. Items already in the archive (same uid or same
/// bytes) are duplicates; links and collections still reach them. Each item is written in a
/// savepoint of its own: one the database refuses is reported as failed and the rest go in.
pub fn commit_bundle(
    conn: &mut Connection,
    bundle: &BundleIndex,
    display: &str,
    destination: &Destination,
    report: &mut ImportReport,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let recording = start_recording(&tx)?;
    let mut outcome = ImportReport::default();
    let mut batch = Batch::new(destination);
    let mut id_of_uid: HashMap<&str, i64> = HashMap::new();
    let mut inserted: HashSet<i64> = HashSet::new();
    for item in &bundle.items {
        let shown = format!("{display}/{}", item.path);
        let existing = match items::find_by_uid(&tx, &item.uid)? {
            Some(id) => Some(id),
            None => items::find_by_sha256(&tx, &item.sha256)?,
        };
        if let Some(id) = existing {
            outcome.duplicates.push(Duplicate { path: shown, id });
            id_of_uid.insert(&item.uid, id);
            continue;
        }
        // A savepoint by name: the team's recording holds the transaction while items go in.
        tx.execute_batch("SAVEPOINT bundle_item")?;
        let journaled = batch.journal.inserted.len();
        let written = insert_bundle_item(&tx, item, false)
            .and_then(|id| batch.finish_item(&tx, id).map(|()| id));
        let id = match written {
            Ok(id) => {
                tx.execute_batch("RELEASE bundle_item")?;
                id
            }
            Err(error) => {
                tx.execute_batch("ROLLBACK TO bundle_item; RELEASE bundle_item")?; // the item goes
                batch.journal.inserted.truncate(journaled);
                outcome.fail(shown, format!("not imported: {error}"));
                continue;
            }
        };
        id_of_uid.insert(&item.uid, id);
        inserted.insert(id);
        outcome.imported.push(Imported {
            id,
            kind: ItemKind::parse(&item.kind)?,
            path: shown,
            title: item.title.clone(),
        });
    }
    for item in &bundle.items {
        let (Some(article), Some(&id)) = (&item.article, id_of_uid.get(item.uid.as_str())) else {
            continue;
        };
        if !inserted.contains(&id) {
            continue;
        }
        for (index, figure) in article.figures.iter().enumerate() {
            let photo_id = figure
                .photo_uid
                .as_deref()
                .and_then(|uid| id_of_uid.get(uid).copied());
            let position = usize::try_from(figure.position).unwrap_or(index);
            figures::insert(
                &tx,
                id,
                position,
                &figure.caption,
                &figure.credit,
                &figure.image_ref,
                photo_id,
            )?;
        }
    }
    for collection in &bundle.collections {
        let collection_id = collections::ensure(&tx, &collection.name, &batch.at)?;
        for uid in &collection.items {
            if let Some(&id) = id_of_uid.get(uid.as_str()) {
                batch.append(&tx, collection_id, id)?;
            }
        }
    }
    record(&tx, batch, recording)?;
    tx.commit()?;
    report.merge(outcome);
    Ok(())
}

/// Inserts one item from its bundle form: its blob row, item, article or photo, notes and tags
/// (not its figures, which may name photos inserted after it). `keep_times` keeps the record's
/// import and modification times (replaying the journal); otherwise the item is imported now.
pub(crate) fn insert_bundle_item(
    conn: &Connection,
    item: &BundleItem,
    keep_times: bool,
) -> Result<i64> {
    blobs::record(conn, &item.sha256, item.size, &item.media_type)?;
    let now = crate::now_rfc3339();
    let (imported_at, modified_at) = if keep_times {
        (item.imported_at.as_str(), item.modified_at.as_str())
    } else {
        (now.as_str(), now.as_str())
    };
    let id = items::insert_dated(
        conn,
        &item.uid,
        imported_at,
        modified_at,
        &items::NewItem {
            kind: &item.kind,
            title: &item.title,
            date: item.date.as_deref(),
            date_precision: item.date_precision.as_deref(),
            language: item.language.as_deref(),
            sha256: &item.sha256,
            source_name: &item.source_name,
            source_path: &item.source_path,
        },
    )?;
    if !item.notes.is_empty() {
        items::set_notes(conn, id, &item.notes)?;
    }
    if item.rating != 0 || item.label.is_some() {
        items::set_rating_and_label(conn, id, item.rating, item.label)?;
    }
    if let Some(article) = &item.article {
        items::insert_article(
            conn,
            id,
            &items::NewArticle {
                byline: &article.byline,
                site: &article.site,
                url: &article.url,
                body_text: &article.body_text,
                body_html: &article.body_html,
                excerpt: &article.excerpt,
                sketch: None,
            },
        )?;
    }
    if let Some(photo) = &item.photo {
        items::insert_photo(
            conn,
            id,
            &items::NewPhoto {
                width: photo.width,
                height: photo.height,
                caption: &photo.caption,
                credit: &photo.credit,
                byline: &photo.byline,
                copyright: &photo.copyright,
                keywords: &photo.keywords,
                camera: &photo.camera,
                gps: photo.gps.map(|g| (g.lat, g.lon)),
                taken_at: photo.taken_at.as_deref(),
            },
        )?;
    }
    for tag in &item.tags {
        let tag_id = tags::ensure(conn, tag)?;
        tags::add_to_item(conn, id, tag_id)?;
    }
    Ok(id)
}

/// Page references and file paths compared loosely: `./page_files/a%20b.jpg` = `page_files/a b.jpg`,
/// and a folder name macOS stored decomposed matches the composed name the page was saved with.
fn normalise_reference(reference: &str) -> String {
    let trimmed = reference.trim().trim_start_matches("./").replace('\\', "/");
    let without_query = trimmed.split(['?', '#']).next().unwrap_or_default();
    file_names::collision_key(&percent_decode(without_query))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let high = (bytes[i + 1] as char).to_digit(16);
            let low = (bytes[i + 2] as char).to_digit(16);
            if let (Some(high), Some(low)) = (high, low) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

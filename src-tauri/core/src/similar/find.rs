//! Finding near-duplicates in the library (items in the trash are left out): the items alike one
//! item, and every group of alike items. Photos are compared by fingerprint, articles by sketch;
//! a photo is never compared with an article.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::corpus::Corpus;
use super::sketch::{self, SKETCH_SIZE};
use super::{DuplicateGroup, DuplicatesReport, SimilarItem, SimilarReport, Thresholds};
use crate::error::{Error, Result};
use crate::items::ItemKind;
use crate::photo::fingerprint::distance;

/// A sketch value shared by more articles than this is boilerplate ("all rights reserved"), not
/// evidence: it is not used to find candidates (their sketches still compare in full).
const COMMON_VALUE: usize = 1000;

/// The items alike item `id`, most alike first.
pub(crate) fn similar_to(
    conn: &Connection,
    corpus: &Corpus,
    id: i64,
    thresholds: Thresholds,
) -> Result<SimilarReport> {
    let kind: String = conn
        .query_row("SELECT kind FROM items WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("item {id}")))?;
    let mut found: Vec<(i64, u32, Option<u32>)> = Vec::new();
    let fingerprinted = match ItemKind::parse(&kind)? {
        ItemKind::Photo => match fingerprint_of(conn, id)? {
            Some(fingerprint) => {
                for (other, bits) in corpus.photos.within(fingerprint, thresholds.photo_bits) {
                    if other != id {
                        found.push((other, photo_similarity(bits), Some(bits)));
                    }
                }
                true
            }
            None => false,
        },
        // A text without words has an empty sketch: compared, alike nothing.
        ItemKind::Article => match sketch_of(conn, id)? {
            Some(own) => {
                for (other, theirs) in &corpus.articles {
                    let percent = text_similarity(&own, theirs);
                    if *other != id && percent >= thresholds.text_percent {
                        found.push((*other, percent, None));
                    }
                }
                true
            }
            None => false,
        },
    };
    found.sort_by_key(|&(other, similarity, _)| (std::cmp::Reverse(similarity), other));
    let similar = found
        .into_iter()
        .map(|(other, similarity, bits)| describe(conn, other, similarity, bits))
        .collect::<Result<_>>()?;
    Ok(SimilarReport {
        id,
        thresholds,
        fingerprinted,
        similar,
    })
}

/// Every group of near-duplicates: photos whose fingerprints are within the threshold of one
/// another, articles whose texts overlap by at least the threshold (a group holds everything
/// linked by such pairs). Groups with the most items first.
pub(crate) fn duplicates(
    conn: &Connection,
    corpus: &Corpus,
    thresholds: Thresholds,
) -> Result<DuplicatesReport> {
    let mut groups = Vec::new();

    let photos = &corpus.photos;
    let mut sets = UnionFind::new(photos.len());
    for (a, b) in photos.close_pairs(thresholds.photo_bits) {
        sets.join(a, b);
    }
    for members in sets.groups() {
        let ids: Vec<i64> = members.iter().map(|&index| photos.id(index)).collect();
        let keep = best_photo(conn, &ids)?;
        let kept = members
            .iter()
            .find(|&&index| photos.id(index) == keep)
            .map_or(0, |&index| photos.fingerprint(index));
        let items = members
            .iter()
            .map(|&index| {
                let bits = distance(kept, photos.fingerprint(index));
                describe(conn, photos.id(index), photo_similarity(bits), Some(bits))
            })
            .collect::<Result<Vec<_>>>()?;
        groups.push(group(ItemKind::Photo, keep, items));
    }

    let articles = &corpus.articles;
    let mut sets = UnionFind::new(articles.len());
    for (a, b) in overlapping_articles(articles, thresholds.text_percent) {
        sets.join(a, b);
    }
    for members in sets.groups() {
        let ids: Vec<i64> = members.iter().map(|&index| articles[index].0).collect();
        let keep = best_article(conn, &ids)?;
        let kept = articles
            .iter()
            .find(|(id, _)| *id == keep)
            .map(|(_, sketch)| sketch.clone())
            .unwrap_or_default();
        let items = members
            .iter()
            .map(|&index| {
                let (id, sketch) = &articles[index];
                describe(conn, *id, text_similarity(&kept, sketch), None)
            })
            .collect::<Result<Vec<_>>>()?;
        groups.push(group(ItemKind::Article, keep, items));
    }

    groups.sort_by_key(|group| (std::cmp::Reverse(group.items.len()), group.keep));
    Ok(DuplicatesReport {
        thresholds,
        groups,
        pending: pending(conn)?,
    })
}

/// The group with its kept item first and the rest by similarity to it.
fn group(kind: ItemKind, keep: i64, mut items: Vec<SimilarItem>) -> DuplicateGroup {
    items.sort_by_key(|item| (item.id != keep, std::cmp::Reverse(item.similarity), item.id));
    DuplicateGroup { kind, keep, items }
}

/// A photo similarity in percent: 100 for identical fingerprints, 50 for unrelated ones.
fn photo_similarity(bits: u32) -> u32 {
    100 - bits.min(64) * 100 / 64
}

fn text_similarity(a: &[u32], b: &[u32]) -> u32 {
    (sketch::similarity(a, b) * 100.0).round() as u32
}

/// Pairs of articles (as indexes) whose sketches estimate at least `percent` shared text.
/// Candidates are articles sharing sketch values; only those are compared in full.
fn overlapping_articles(articles: &[(i64, Vec<u32>)], percent: u32) -> Vec<(usize, usize)> {
    let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
    for (index, (_, sketch)) in articles.iter().enumerate() {
        for &value in sketch {
            holders.entry(value).or_default().push(index);
        }
    }
    let mut pairs = Vec::new();
    for (index, (_, sketch)) in articles.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for value in sketch {
            let Some(others) = holders.get(value) else {
                continue;
            };
            if others.len() > COMMON_VALUE {
                continue;
            }
            for &other in others.iter().filter(|&&other| other > index) {
                *shared.entry(other).or_default() += 1;
            }
        }
        // Texts sharing at least `percent` of their shingles share about that share of their
        // sketch values; a tenth of it (at least one value) is a safe bar for a candidate.
        let least = (SKETCH_SIZE * percent as usize / 1000).max(1);
        let mut candidates: Vec<usize> = shared
            .into_iter()
            .filter(|&(_, count)| count >= least)
            .map(|(other, _)| other)
            .collect();
        candidates.sort_unstable();
        for other in candidates {
            if text_similarity(sketch, &articles[other].1) >= percent {
                pairs.push((index, other));
            }
        }
    }
    pairs
}

fn fingerprint_of(conn: &Connection, id: i64) -> Result<Option<u64>> {
    let stored: Option<Option<i64>> = conn
        .query_row(
            "SELECT b.phash FROM items i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(stored.flatten().map(|fingerprint| fingerprint as u64))
}

fn sketch_of(conn: &Connection, id: i64) -> Result<Option<Vec<u32>>> {
    let stored: Option<Option<Vec<u8>>> = conn
        .query_row(
            "SELECT sketch FROM articles WHERE item_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(stored.flatten().map(|bytes| sketch::from_bytes(&bytes)))
}

/// Items in the library without a fingerprint or sketch yet.
fn pending(conn: &Connection) -> Result<u64> {
    let count: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM items i JOIN blobs b ON b.sha256 = i.sha256
                 WHERE i.kind = 'photo' AND i.deleted_at IS NULL AND b.phash IS NULL)
              + (SELECT count(*) FROM items i JOIN articles a ON a.item_id = i.id
                 WHERE i.deleted_at IS NULL AND a.sketch IS NULL)",
        [],
        |row| row.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// Of these photos, the one with the most pixels; then the largest file; then the first imported.
pub(crate) fn best_photo(conn: &Connection, ids: &[i64]) -> Result<i64> {
    best_by(
        conn,
        ids,
        "SELECT coalesce(p.width, 0) * coalesce(p.height, 0), b.size FROM items i
         JOIN photos p ON p.item_id = i.id JOIN blobs b ON b.sha256 = i.sha256 WHERE i.id = ?1",
    )
}

/// Of these articles, the one with the longest text; then the first imported.
pub(crate) fn best_article(conn: &Connection, ids: &[i64]) -> Result<i64> {
    best_by(
        conn,
        ids,
        "SELECT length(body_text), 0 FROM articles WHERE item_id = ?1",
    )
}

fn best_by(conn: &Connection, ids: &[i64], measure: &str) -> Result<i64> {
    let mut statement = conn.prepare(measure)?;
    let mut best: Option<((i64, i64), i64)> = None;
    for &id in ids {
        let size: (i64, i64) = statement
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .unwrap_or((0, 0));
        // Strictly larger wins, so among equals the earliest id (the first imported) stays.
        if best.is_none_or(|(largest, chosen)| size > largest || (size == largest && id < chosen)) {
            best = Some((size, id));
        }
    }
    best.map(|(_, id)| id)
        .ok_or_else(|| Error::InvalidInput("a group to merge has no items".into()))
}

fn describe(
    conn: &Connection,
    id: i64,
    similarity: u32,
    distance: Option<u32>,
) -> Result<SimilarItem> {
    let (kind, title, sha256, width, height): (String, String, String, Option<u32>, Option<u32>) =
        conn.query_row(
            "SELECT i.kind, i.title, i.sha256, p.width, p.height FROM items i
             LEFT JOIN photos p ON p.item_id = i.id WHERE i.id = ?1",
            params![id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )?;
    Ok(SimilarItem {
        id,
        kind: ItemKind::parse(&kind)?,
        title,
        sha256,
        width,
        height,
        similarity,
        distance,
    })
}

/// Disjoint sets of indexes: which items a chain of close pairs links into one group.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> Self {
        Self {
            parent: (0..size).collect(),
        }
    }

    fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }

    /// The sets of two or more, each in index order, in order of their first index.
    fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for index in 0..self.parent.len() {
            let root = self.root(index);
            by_root.entry(root).or_default().push(index);
        }
        let mut groups: Vec<Vec<usize>> =
            by_root.into_values().filter(|set| set.len() > 1).collect();
        groups.sort_by_key(|set| set[0]);
        groups
    }
}

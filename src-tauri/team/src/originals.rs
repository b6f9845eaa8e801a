//! Originals on demand (DESIGN §10): a member's archive fetches the team's originals and
//! thumbnails from the object store only when it needs them — shown, exported, copied, backed
//! up. [`attach`] registers the team's store with an archive's handle as the core's
//! [`RemoteOriginals`]; [`verify`] checks that the store holds every original (and photo
//! thumbnail) the archive's items name: `folio verify --team`.

use std::collections::HashSet;
use std::sync::Arc;

use folio_core::handle::ReadHandle;
use folio_core::originals::RemoteOriginals;
use serde::Serialize;

use crate::objects::Objects;
use crate::{Error, Result};

/// The team's object store as the core sees it: where originals it lacks come from.
#[derive(Debug)]
pub struct TeamOriginals(pub Objects);

impl RemoteOriginals for TeamOriginals {
    fn fetch_original(&self, sha256: &str) -> folio_core::Result<Vec<u8>> {
        self.0.download_original(sha256).map_err(remote)
    }

    fn fetch_thumbnail(&self, sha256: &str, max_side: u32) -> folio_core::Result<Option<Vec<u8>>> {
        self.0.download_thumbnail(sha256, max_side).map_err(remote)
    }
}

fn remote(error: Error) -> folio_core::Error {
    match error {
        Error::Archive(error) => error,
        other => folio_core::Error::Remote(other.to_string()),
    }
}

/// Lets `reader` (and every handle sharing its connections) fetch what only the team has.
/// Returns false, changing nothing, when the archive is in no team. Opening the store does not
/// reach the network: an unreachable store fails only the fetch that needs it.
pub fn attach(reader: &ReadHandle) -> Result<bool> {
    let Some(team) = reader.membership()? else {
        return Ok(false);
    };
    let store = Objects::open(&team.objects)?;
    reader.set_remote_originals(Some(Arc::new(TeamOriginals(store))));
    Ok(true)
}

/// A key the team's store lacks or holds wrong.
#[derive(Debug, Clone, Serialize)]
pub struct TeamProblem {
    pub sha256: String,
    /// `original`, or `thumbnail 256` and the like.
    pub object: String,
    /// What is wrong, in words.
    pub problem: String,
    pub item_ids: Vec<i64>,
}

/// What `folio verify --team` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TeamVerifyReport {
    pub objects: String,
    /// Originals checked in the store (a HEAD request each, and their size compared).
    pub originals: u64,
    /// Thumbnails checked (photos only).
    pub thumbnails: u64,
    /// Whether every original was also downloaded and its SHA-256 computed again (`--deep`).
    pub deep: bool,
    /// Originals of imports not sent yet: the store gets them when they are sent.
    pub unsent: u64,
    pub missing: Vec<TeamProblem>,
    pub corrupt: Vec<TeamProblem>,
}

impl TeamVerifyReport {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.corrupt.is_empty()
    }
}

/// Checks the team's store against this archive's items: every original there with the size
/// this archive records, every photo's thumbnails there; with `deep`, every original downloaded
/// and hashed again (slow: it reads the whole store).
pub fn verify(reader: &ReadHandle, deep: bool) -> Result<TeamVerifyReport> {
    let team = reader.membership()?.ok_or_else(|| {
        Error::Team("this archive is not in a team, so it has no team originals to check".into())
    })?;
    let store = Objects::open(&team.objects)?;
    let unsent: HashSet<String> = reader
        .waiting_actions(i64::MAX)?
        .iter()
        .flat_map(|entry| crate::sync::originals(&entry.action))
        .map(str::to_owned)
        .collect();
    let mut report = TeamVerifyReport {
        objects: team.objects,
        deep,
        ..TeamVerifyReport::default()
    };
    for named in reader.named_originals()? {
        if unsent.contains(&named.sha256) {
            report.unsent += 1;
            continue;
        }
        let problem = |object: &str, problem: String| TeamProblem {
            sha256: named.sha256.clone(),
            object: object.to_owned(),
            problem,
            item_ids: named.item_ids.clone(),
        };
        report.originals += 1;
        match store.original_size(&named.sha256)? {
            None => report
                .missing
                .push(problem("original", "not in the team's store".into())),
            Some(size) if size != named.size => report.corrupt.push(problem(
                "original",
                format!("{size} bytes in the team's store, {} expected", named.size),
            )),
            Some(_) if deep => {
                let bytes = store.download_original(&named.sha256)?;
                let actual = folio_core::blobs::sha256_hex(&bytes);
                if actual != named.sha256 {
                    report.corrupt.push(problem(
                        "original",
                        format!("its bytes in the team's store hash to {actual}"),
                    ));
                }
            }
            Some(_) => {}
        }
        if named.photo {
            for side in folio_core::photo::THUMBNAIL_SIDES {
                report.thumbnails += 1;
                if !store.has_thumbnail(&named.sha256, side)? {
                    report.missing.push(problem(
                        &format!("thumbnail {side}"),
                        "not in the team's store".into(),
                    ));
                }
            }
        }
    }
    Ok(report)
}

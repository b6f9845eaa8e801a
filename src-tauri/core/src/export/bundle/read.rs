//! Reading a Folio bundle back for import: recognising a bag Folio wrote, checking every payload
//! file against `manifest-sha256.txt` before anything is trusted, parsing `items.json`, and
//! storing the originals (with fresh thumbnails) in the archive.
//!
//! A bag that fails any check is refused whole, with a message naming the file at fault.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::bagit;
use super::format::{BundleIndex, FORMAT, VERSION};
use crate::blobs::{BlobStore, FsBlobStore, is_sha256_hex, sha256_of_reader};
use crate::import::thumbnails;
use crate::photo;

const ITEMS_JSON: &str = "data/items.json";
/// How much of items.json is read to recognise a Folio bundle.
const SNIFF_BYTES: u64 = 4096;

/// True when `dir` is a BagIt bag whose `data/items.json` says it is a Folio bundle.
pub fn is_folio_bag(dir: &Path) -> bool {
    if !dir.join(bagit::BAGIT_TXT).is_file() {
        return false;
    }
    let Ok(file) = fs::File::open(dir.join(ITEMS_JSON)) else {
        return false;
    };
    let mut head = String::new();
    if file.take(SNIFF_BYTES).read_to_string(&mut head).is_err() {
        // Cut inside a character: what was read is still enough to decide.
        return false;
    }
    declares_folio_format(&head)
}

/// Looks for `"format": "folio-bundle"` among the first keys of items.json.
fn declares_folio_format(head: &str) -> bool {
    let Some(at) = head.find("\"format\"") else {
        return false;
    };
    let rest = head[at + "\"format\"".len()..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return false;
    };
    rest.trim_start().starts_with(&format!("\"{FORMAT}\""))
}

/// A verified bundle: its items, and where its files are.
#[derive(Debug)]
pub struct Bundle {
    pub root: PathBuf,
    pub index: BundleIndex,
}

impl Bundle {
    pub fn file(&self, bag_path: &str) -> PathBuf {
        self.root.join(bag_path)
    }
}

/// Reads and verifies the bag at `root`: every payload file is in the manifest and matches its
/// SHA-256, every manifest entry exists, and items.json names only files the manifest vouches
/// for, with the same hashes.
pub fn load(root: &Path) -> Result<Bundle, String> {
    let manifest_path = root.join(bagit::MANIFEST_SHA256);
    let manifest_text = fs::read_to_string(&manifest_path)
        .map_err(|_| format!("the bag has no readable {}", bagit::MANIFEST_SHA256))?;
    let manifest = bagit::parse_manifest(&manifest_text)
        .map_err(|e| format!("{}: {e}", bagit::MANIFEST_SHA256))?;
    verify_tag_manifest(root)?;
    let on_disk = payload_files(root)?;
    for path in &on_disk {
        if !manifest.contains_key(path) {
            return Err(format!(
                "{path} is not listed in {}; the bundle was changed after export, so nothing \
                 was imported",
                bagit::MANIFEST_SHA256
            ));
        }
    }
    let mismatch = manifest.par_iter().find_map_any(|(path, expected)| {
        let file = match fs::File::open(root.join(path)) {
            Ok(file) => file,
            Err(_) => return Some(format!("{path} is listed in the manifest but missing")),
        };
        match sha256_of_reader(file) {
            Ok(actual) if actual == *expected => None,
            Ok(_) => Some(format!(
                "{path} does not match its checksum in {}: the bundle was changed or damaged \
                 after export, so nothing was imported",
                bagit::MANIFEST_SHA256
            )),
            Err(error) => Some(format!("cannot read {path}: {error}")),
        }
    });
    if let Some(why) = mismatch {
        return Err(why);
    }
    let index = read_index(root)?;
    check_items(&index, &manifest)?;
    Ok(Bundle {
        root: root.to_path_buf(),
        index,
    })
}

fn verify_tag_manifest(root: &Path) -> Result<(), String> {
    let Ok(text) = fs::read_to_string(root.join(bagit::TAGMANIFEST_SHA256)) else {
        return Ok(()); // optional in BagIt
    };
    let entries =
        bagit::parse_manifest(&text).map_err(|e| format!("{}: {e}", bagit::TAGMANIFEST_SHA256))?;
    for (path, expected) in entries {
        let actual = fs::File::open(root.join(&path))
            .and_then(sha256_of_reader)
            .map_err(|_| format!("{path} is listed in the tag manifest but missing"))?;
        if actual != expected {
            return Err(format!(
                "{path} does not match its checksum in {}; nothing was imported",
                bagit::TAGMANIFEST_SHA256
            ));
        }
    }
    Ok(())
}

/// The files under `data/`, as bag paths with `/` separators.
fn payload_files(root: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("data")).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read the bundle: {e}"))?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

fn read_index(root: &Path) -> Result<BundleIndex, String> {
    let bytes = fs::read(root.join(ITEMS_JSON)).map_err(|e| format!("{ITEMS_JSON}: {e}"))?;
    let probe: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{ITEMS_JSON} is damaged: {e}"))?;
    if probe["format"] != FORMAT {
        return Err(format!("{ITEMS_JSON} is not a Folio bundle index"));
    }
    let version = probe["version"].as_u64().unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(format!(
            "the bundle was made by a newer Folio (items.json version {version}, this Folio \
             reads up to {VERSION}); update Folio to import it"
        ));
    }
    serde_json::from_value(probe).map_err(|e| format!("{ITEMS_JSON} is damaged: {e}"))
}

fn check_items(index: &BundleIndex, manifest: &BTreeMap<String, String>) -> Result<(), String> {
    for item in &index.items {
        let label = format!("item {} ({})", item.uid, item.title);
        if item.uid.trim().is_empty() || !matches!(item.kind.as_str(), "article" | "photo") {
            return Err(format!(
                "{ITEMS_JSON}: {label} has no uid or an unknown kind"
            ));
        }
        let detail_matches = match item.kind.as_str() {
            "article" => item.article.is_some() && item.photo.is_none(),
            _ => item.photo.is_some() && item.article.is_none(),
        };
        if !detail_matches {
            return Err(format!(
                "{ITEMS_JSON}: {label} lacks its {} fields",
                item.kind
            ));
        }
        if !is_sha256_hex(&item.sha256) {
            return Err(format!("{ITEMS_JSON}: {label} has no valid SHA-256"));
        }
        match manifest.get(&item.path) {
            Some(sum) if *sum == item.sha256 => {}
            Some(_) => {
                return Err(format!(
                    "{}: its SHA-256 differs from the one items.json gives for {label}",
                    item.path
                ));
            }
            None => {
                return Err(format!(
                    "{ITEMS_JSON}: {label} names {}, which is not in the bag",
                    item.path
                ));
            }
        }
    }
    Ok(())
}

/// Copies the bundle's originals into the archive's object store (each checked against its
/// SHA-256 again as it is stored) and makes the photos' thumbnails.
pub fn store_originals(bundle: &Bundle, store: &FsBlobStore, derived: &Path) -> Result<(), String> {
    bundle.index.items.par_iter().try_for_each(|item| {
        if store.contains(&item.sha256) {
            return Ok(());
        }
        let bytes = fs::read(bundle.file(&item.path))
            .map_err(|e| format!("cannot read {}: {e}", item.path))?;
        let stored = store.put_bytes(&bytes).map_err(|e| e.to_string())?;
        if stored != item.sha256 {
            return Err(format!("{} changed while it was imported", item.path));
        }
        if item.kind == "photo" {
            // A photo Folio cannot decode still imports; it just has no thumbnail.
            if let Ok(draft) = photo::extract(&bytes) {
                thumbnails::store(derived, &item.sha256, &draft.thumbnails)
                    .map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_items_json_declaring_folios_format_is_recognised() {
        assert!(declares_folio_format(
            "{\n  \"format\": \"folio-bundle\",\n  \"version\": 1"
        ));
        assert!(declares_folio_format("{\"format\":\"folio-bundle\"}"));
        assert!(!declares_folio_format("{\"format\": \"other\"}"));
        assert!(!declares_folio_format("{\"items\": []}"));
    }
}

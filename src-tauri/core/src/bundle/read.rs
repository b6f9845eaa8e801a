//! Reading a Folio bundle back for import: recognising a bag Folio wrote, checking every payload
//! file against `manifest-sha256.txt` before anything is trusted, parsing `items.json`, and
//! storing the originals (with fresh thumbnails) in the archive.
//!
//! A bundle is untrusted input. Nothing outside the bag is ever opened: manifest paths that could
//! leave it are refused before any file is looked at, links and special files (pipes, devices)
//! inside the bag are refused, and every read is capped in size and stops when the import is
//! cancelled. A bag whose files fail their checks is refused whole, with a message naming the
//! file at fault; an item of a sound bag whose fields fail their checks is refused on its own.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use super::bagit;
use super::checks;
use super::format::{BundleIndex, FORMAT, VERSION};
use crate::blobs::sha256_of_reader;
use crate::progress::CancelToken;
use crate::text::human_size;

const ITEMS_JSON: &str = "data/items.json";
/// How much of items.json is read to recognise a Folio bundle.
const SNIFF_BYTES: u64 = 4096;
/// The largest tag file (manifests, bag-info.txt) read: a manifest line per payload file.
const MAX_TAG_FILE_BYTES: u64 = 64 << 20;
/// The largest items.json read: its items are held in memory while they are committed.
const MAX_INDEX_BYTES: u64 = 256 << 20;

/// Why a bundle was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// The bag is damaged, changed or hostile; the message says what is at fault.
    Refused(String),
    /// The import was cancelled while the bundle was read.
    Cancelled,
}

impl From<String> for BundleError {
    fn from(why: String) -> Self {
        BundleError::Refused(why)
    }
}

/// True when `dir` is a BagIt bag whose `data/items.json` says it is a Folio bundle.
pub fn is_folio_bag(dir: &Path) -> bool {
    if open_in_bag(dir, bagit::BAGIT_TXT).is_err() {
        return false;
    }
    let Ok(file) = open_in_bag(dir, ITEMS_JSON) else {
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

/// A verified bundle: its items that passed their checks, those that did not (by bag path,
/// with why), and where its files are.
#[derive(Debug)]
pub struct Bundle {
    pub root: PathBuf,
    pub index: BundleIndex,
    pub rejected: Vec<(String, String)>,
}

/// Reads and verifies the bag at `root`: every payload file is a plain file in the manifest and
/// matches its SHA-256, every manifest entry exists inside the bag, and each item of items.json
/// names a file the manifest vouches for, with the same hash, and passes the checks any import
/// makes of its fields.
pub fn load(root: &Path, cancel: &CancelToken) -> Result<Bundle, BundleError> {
    let root =
        fs::canonicalize(root).map_err(|e| format!("cannot read the bundle: {}", e.kind()))?;
    let manifest_text = read_capped(&root, bagit::MANIFEST_SHA256, MAX_TAG_FILE_BYTES, cancel)?;
    let manifest = bagit::parse_manifest(&manifest_text)
        .map_err(|e| format!("{}: {e}", bagit::MANIFEST_SHA256))?;
    if let Some(outside) = manifest.keys().find(|path| !path.starts_with("data/")) {
        return Err(BundleError::Refused(format!(
            "{} lists {outside}, which is not a payload file under data/; nothing was imported",
            bagit::MANIFEST_SHA256
        )));
    }
    verify_tag_manifest(&root, cancel)?;
    let on_disk = payload_files(&root)?;
    for path in on_disk.keys() {
        if !manifest.contains_key(path) {
            return Err(BundleError::Refused(format!(
                "{path} is not listed in {}; the bundle was changed after export, so nothing \
                 was imported",
                bagit::MANIFEST_SHA256
            )));
        }
    }
    if let Some(missing) = manifest.keys().find(|path| !on_disk.contains_key(*path)) {
        return Err(BundleError::Refused(format!(
            "{missing} is listed in the manifest but missing"
        )));
    }
    let mismatch = manifest.par_iter().find_map_any(|(path, expected)| {
        match hash_in_bag(&root, path, cancel) {
            Ok(actual) if actual == *expected => None,
            Ok(_) => Some(BundleError::Refused(format!(
                "{path} does not match its checksum in {}: the bundle was changed or damaged \
                 after export, so nothing was imported",
                bagit::MANIFEST_SHA256
            ))),
            Err(error) => Some(error),
        }
    });
    if let Some(error) = mismatch {
        return Err(error);
    }
    // After the checksums, whose message names the file at fault.
    check_payload_oxum(&root, &on_disk, cancel)?;
    let index = read_index(&root, cancel)?;
    let mut items = Vec::with_capacity(index.items.len());
    let mut rejected = Vec::new();
    for item in index.items {
        let path = item.path.clone();
        match checks::clean_item(item, &manifest, |p| on_disk.get(p).copied()) {
            Ok(item) => items.push(item),
            Err(why) => rejected.push((path, format!("not imported: {why}"))),
        }
    }
    let collections = index
        .collections
        .into_iter()
        .filter_map(checks::clean_collection)
        .collect();
    Ok(Bundle {
        root,
        index: BundleIndex {
            items,
            collections,
            ..index
        },
        rejected,
    })
}

/// Opens `bag_path` inside the bag at `root` — only a plain file reached without following a
/// link, and only for a path that cannot leave the bag. The error never says whether something
/// outside the bag exists.
pub(crate) fn open_in_bag(root: &Path, bag_path: &str) -> Result<File, String> {
    if !bagit::is_inside_bag(bag_path) {
        return Err(format!("{bag_path} points outside the bag"));
    }
    let mut path = root.to_path_buf();
    let parts: Vec<&str> = bag_path.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let meta = fs::symlink_metadata(&path).map_err(|_| format!("{bag_path} is missing"))?;
        let last = index + 1 == parts.len();
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{bag_path} is a link; a bundle may hold only plain files, so nothing was imported"
            ));
        }
        if (last && !meta.is_file()) || (!last && !meta.is_dir()) {
            return Err(format!(
                "{bag_path} is not a plain file; a bundle may hold only plain files, so nothing \
                 was imported"
            ));
        }
    }
    File::open(&path).map_err(|e| format!("cannot read {bag_path}: {}", e.kind()))
}

/// A tag file as text, refused when larger than `cap`.
fn read_capped(
    root: &Path,
    bag_path: &str,
    cap: u64,
    cancel: &CancelToken,
) -> Result<String, BundleError> {
    let file =
        open_in_bag(root, bag_path).map_err(|_| format!("the bag has no readable {bag_path}"))?;
    let mut text = String::new();
    let read = cancel.guard(file).take(cap + 1).read_to_string(&mut text);
    if cancel.is_cancelled() {
        return Err(BundleError::Cancelled);
    }
    read.map_err(|_| format!("{bag_path} is not UTF-8 text"))?;
    if text.len() as u64 > cap {
        return Err(BundleError::Refused(format!(
            "{bag_path} is larger than {}; not a bundle Folio made",
            human_size(cap)
        )));
    }
    Ok(text)
}

fn hash_in_bag(root: &Path, bag_path: &str, cancel: &CancelToken) -> Result<String, BundleError> {
    let file = open_in_bag(root, bag_path)?;
    let hashed = sha256_of_reader(cancel.guard(file));
    if cancel.is_cancelled() {
        return Err(BundleError::Cancelled);
    }
    hashed.map_err(|e| BundleError::Refused(format!("cannot read {bag_path}: {e}")))
}

fn verify_tag_manifest(root: &Path, cancel: &CancelToken) -> Result<(), BundleError> {
    if fs::symlink_metadata(root.join(bagit::TAGMANIFEST_SHA256)).is_err() {
        return Ok(()); // optional in BagIt
    }
    let text = read_capped(root, bagit::TAGMANIFEST_SHA256, MAX_TAG_FILE_BYTES, cancel)?;
    let entries =
        bagit::parse_manifest(&text).map_err(|e| format!("{}: {e}", bagit::TAGMANIFEST_SHA256))?;
    for (path, expected) in entries {
        let actual = hash_in_bag(root, &path, cancel)?;
        if actual != expected {
            return Err(BundleError::Refused(format!(
                "{path} does not match its checksum in {}; nothing was imported",
                bagit::TAGMANIFEST_SHA256
            )));
        }
    }
    Ok(())
}

/// The files under `data/`, as bag paths with `/` separators, with their sizes. A link or a
/// special file anywhere under `data/` refuses the bag.
fn payload_files(root: &Path) -> Result<BTreeMap<String, u64>, String> {
    let data = root.join("data");
    let is_dir = fs::symlink_metadata(&data).is_ok_and(|m| m.is_dir());
    if !is_dir {
        return Err("the bag has no data folder".into());
    }
    let mut files = BTreeMap::new();
    let walker = walkdir::WalkDir::new(&data)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name();
    for entry in walker {
        let entry = entry.map_err(|e| format!("cannot read the bundle: {e}"))?;
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let bag_path = relative.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            return Err(format!(
                "{bag_path} is a link or special file; a bundle may hold only plain files, so \
                 nothing was imported"
            ));
        }
        let size = entry
            .metadata()
            .map_err(|e| format!("cannot read {bag_path}: {e}"))?
            .len();
        files.insert(bag_path, size);
    }
    Ok(files)
}

/// When bag-info.txt states a Payload-Oxum, the payload on disk must match it.
fn check_payload_oxum(
    root: &Path,
    on_disk: &BTreeMap<String, u64>,
    cancel: &CancelToken,
) -> Result<(), BundleError> {
    if fs::symlink_metadata(root.join(bagit::BAG_INFO_TXT)).is_err() {
        return Ok(());
    }
    let info = read_capped(root, bagit::BAG_INFO_TXT, MAX_TAG_FILE_BYTES, cancel)?;
    let Some((bytes, count)) = bagit::parse_payload_oxum(&info)? else {
        return Ok(());
    };
    let actual_bytes: u64 = on_disk.values().sum();
    if (actual_bytes, on_disk.len() as u64) != (bytes, count) {
        return Err(BundleError::Refused(format!(
            "the payload is {actual_bytes} bytes in {} files, but {} says {bytes} bytes in \
             {count}; the bundle was changed after export, so nothing was imported",
            on_disk.len(),
            bagit::BAG_INFO_TXT
        )));
    }
    Ok(())
}

/// The keys of items.json read before the rest, to refuse another format or a newer version
/// with a clear message.
#[derive(Deserialize)]
struct IndexHeader {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u64,
}

fn read_index(root: &Path, cancel: &CancelToken) -> Result<BundleIndex, BundleError> {
    let text = read_capped(root, ITEMS_JSON, MAX_INDEX_BYTES, cancel)?;
    parse_index(&text).map_err(BundleError::Refused)
}

/// Parses items.json; the error says what is wrong with it.
pub fn parse_index(text: &str) -> Result<BundleIndex, String> {
    let header: IndexHeader =
        serde_json::from_str(text).map_err(|e| format!("{ITEMS_JSON} is damaged: {e}"))?;
    if header.format != FORMAT {
        return Err(format!("{ITEMS_JSON} is not a Folio bundle index"));
    }
    if header.version > u64::from(VERSION) {
        return Err(format!(
            "the bundle was made by a newer Folio (items.json version {}, this Folio reads up \
             to {VERSION}); update Folio to import it",
            header.version
        ));
    }
    serde_json::from_str(text).map_err(|e| format!("{ITEMS_JSON} is damaged: {e}"))
}

/// Everything the bundle reader parses, from text: the payload manifest, items.json and
/// bag-info.txt, with each item checked as an import checks it (every file the manifest names
/// taken as present and empty). Returns how many items would be imported. For the fuzz target
/// and its regression test, which feed it hostile text without a bag on disk.
pub fn read_bag_texts(manifest: &str, items_json: &str, bag_info: &str) -> Result<usize, String> {
    let manifest = bagit::parse_manifest(manifest)?;
    bagit::parse_payload_oxum(bag_info)?;
    let index = parse_index(items_json)?;
    let accepted = index
        .items
        .into_iter()
        .filter_map(|item| checks::clean_item(item, &manifest, |_| Some(0)).ok())
        .count();
    index
        .collections
        .into_iter()
        .for_each(|collection| drop(checks::clean_collection(collection)));
    Ok(accepted)
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

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_bag_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("data")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("data/x")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("data/zero")).unwrap();
        for path in ["data/x", "data/zero", "../etc/hostname", "/etc/hostname"] {
            assert!(open_in_bag(dir.path(), path).is_err(), "{path} was opened");
        }
        let refused = payload_files(dir.path()).unwrap_err();
        assert!(refused.contains("link or special file"), "{refused}");
    }
}

//! Planning an import: dropped paths become units of work — one per item-to-be — with sidecars
//! (`photo.xmp`, `photo.txt`) and "Web Page, complete" folders (`page.html` + `page_files/`)
//! attached to their main file, ZIP bundles unpacked safely, and everything else given a reason.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::report::ImportReport;
use super::zip_bundle::{self, Unpacking};
use crate::bundle::read::is_folio_bag;
use crate::file_names;

/// One thing to import: a file, the files attached to it, and how to name it in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub path: PathBuf,
    /// The path as the report shows it: the dropped path, or `bundle.zip/inner/file.jpg`.
    pub display: String,
    /// `name.xmp` / `name.txt` beside a photo.
    pub sidecars: Vec<PathBuf>,
    /// The images of a saved web page, with the reference the page uses for each
    /// (`page_files/a.jpg`).
    pub page_images: Vec<PageImage>,
    pub size: u64,
    /// The folder a ZIP was unpacked into (or a link was fetched into), kept while a unit from
    /// it is still to be imported.
    pub scratch: Scratch,
    /// Where and when the unit was fetched, when it came from a link.
    pub web: Option<crate::capture::WebSource>,
}

/// Holds a folder unpacked from a ZIP: it is removed when the last unit or bundle holding it is
/// dropped — as soon as its files are imported, not at the end of the whole import.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// Read by nobody: holding it is what keeps the folder.
    _folder: Option<Arc<tempfile::TempDir>>,
}

impl Scratch {
    /// Holds `folder` until the last unit holding it is dropped.
    pub fn holding(folder: tempfile::TempDir) -> Self {
        Self {
            _folder: Some(Arc::new(folder)),
        }
    }
}

/// Where a unit's files wait is not part of what the unit is.
impl PartialEq for Scratch {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for Scratch {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    pub reference: String,
    pub path: PathBuf,
    pub display: String,
}

/// A Folio bundle (a BagIt bag with Folio's `data/items.json`), imported as a whole from its
/// items.json rather than file by file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSource {
    pub root: PathBuf,
    pub display: String,
    pub scratch: Scratch,
}

/// The result of planning: what to import, what was set aside with a reason, and how many bytes
/// were unpacked from ZIP files (into folders the units hold).
#[derive(Debug, Default)]
pub struct Plan {
    pub units: Vec<Unit>,
    pub bundles: Vec<BundleSource>,
    pub report: ImportReport,
    pub unpacked_bytes: u64,
}

const PHOTO_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "jpe", "png", "tif", "tiff", "webp", "gif", "heic", "heif", "avif",
];
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];
/// Folder suffixes browsers use for "Web Page, complete" saves.
const PAGE_FOLDER_SUFFIXES: &[&str] = &["_files", "-Dateien", "_fichiers", "_archivos", ".files"];
/// Files that operating systems leave in folders; never the user's content.
const SYSTEM_FILES: &[&str] = &[
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    "Icon\r",
    ".localized",
];
const MAX_ZIP_DEPTH: usize = 2;

pub fn plan(inputs: &[PathBuf], unpacking: &Unpacking<'_>) -> Plan {
    let mut plan = Plan::default();
    let here = Scratch::default();
    // Files given one after another are planned together, so a sidecar given beside its photo
    // (as a watch folder hands them over) is attached to it.
    let mut files = Vec::new();
    for input in inputs {
        let display = input.to_string_lossy().into_owned();
        match fs::metadata(input) {
            Ok(meta) if meta.is_file() => {
                files.push((input.clone(), display, meta.len()));
                continue;
            }
            _ if !files.is_empty() => {
                plan_files(&mut plan, std::mem::take(&mut files), unpacking, 0, &here)
            }
            _ => {}
        }
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                plan_folder(&mut plan, input, &display, unpacking, 0, &here)
            }
            Ok(_) => plan.report.skip(display, "not a regular file or folder"),
            Err(error) => plan
                .report
                .fail(display, describe_io(&error, "cannot read")),
        }
    }
    if !files.is_empty() {
        plan_files(&mut plan, files, unpacking, 0, &here);
    }
    plan
}

fn plan_folder(
    plan: &mut Plan,
    root: &Path,
    display_root: &str,
    unpacking: &Unpacking<'_>,
    depth: usize,
    scratch: &Scratch,
) {
    let mut files = Vec::new();
    let mut bundles = Vec::new();
    // A Folio bundle's folder is one unit: its files are read from its items.json.
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let bundle = entry.file_type().is_dir() && is_folio_bag(entry.path());
            if bundle {
                bundles.push(entry.path().to_path_buf());
            }
            !bundle
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let display = join_display(display_root, root, entry.path());
                let size = entry.metadata().map_or(0, |m| m.len());
                files.push((entry.into_path(), display, size));
            }
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                // Reading a pipe or a device (`/dev/zero` behind a link) would never end.
                let display = join_display(display_root, root, entry.path());
                plan.report
                    .skip(display, "not a regular file (a pipe, socket or device)");
            }
            Err(error) => {
                let path = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.into());
                let display = join_display(display_root, root, &path);
                if error.loop_ancestor().is_some() {
                    plan.report
                        .skip(display, "symbolic link loop: this folder contains itself");
                } else if is_dangling_link(&path) {
                    plan.report
                        .skip(display, "a link to something that no longer exists");
                } else if let Some(io) = error.io_error() {
                    plan.report.fail(display, describe_io(io, "cannot read"));
                } else {
                    plan.report.fail(display, error.to_string());
                }
            }
        }
    }
    for bundle in bundles {
        let display = join_display(display_root, root, &bundle);
        plan.bundles.push(BundleSource {
            root: bundle,
            display,
            scratch: scratch.clone(),
        });
    }
    plan_files(plan, files, unpacking, depth, scratch);
}

/// Groups files that belong together, then makes one unit per main file.
fn plan_files(
    plan: &mut Plan,
    files: Vec<(PathBuf, String, u64)>,
    unpacking: &Unpacking<'_>,
    depth: usize,
    scratch: &Scratch,
) {
    let by_path: BTreeMap<PathBuf, (String, u64)> = files
        .into_iter()
        .map(|(path, display, size)| (path, (display, size)))
        .collect();
    let photos = PhotosByStem::of(&by_path);
    let mut attached: HashSet<PathBuf> = HashSet::new();
    let mut units = Vec::new();

    // Saved web pages first: their folder's files belong to them.
    for (path, (display, size)) in &by_path {
        if !has_extension(path, PAGE_EXTENSIONS) {
            continue;
        }
        let Some(folder) = page_folder(path) else {
            continue;
        };
        let mut unit = unit(path, display, *size, scratch);
        for (inner, (inner_display, _)) in by_path.range(folder.clone()..) {
            if !inner.starts_with(&folder) {
                break;
            }
            attached.insert(inner.clone());
            if has_extension(inner, PHOTO_EXTENSIONS) {
                let relative = inner
                    .strip_prefix(folder.parent().unwrap_or(&folder))
                    .unwrap_or(inner);
                unit.page_images.push(PageImage {
                    reference: relative.to_string_lossy().replace('\\', "/"),
                    path: inner.clone(),
                    display: inner_display.clone(),
                });
            } else {
                let page = file_names::name_of(path);
                plan.report.skip(
                    inner_display.clone(),
                    format!("part of the saved web page {page} (not an image)"),
                );
            }
        }
        attached.insert(path.clone());
        units.push(unit);
    }

    for (path, (display, size)) in &by_path {
        if attached.contains(path) {
            continue;
        }
        let name = file_names::name_of(path);
        if SYSTEM_FILES.contains(&name.as_str())
            || name.starts_with("._")
            || display.contains("__MACOSX/")
        {
            plan.report
                .skip(display.clone(), "system file, not content");
            continue;
        }
        if has_extension(path, &["zip"]) {
            plan_zip(plan, path, display, unpacking, depth);
            continue;
        }
        if has_extension(path, &["xmp"]) {
            if photo_for_sidecar(path, &by_path, &photos).is_none() {
                plan.report.skip(
                    display.clone(),
                    "XMP sidecar without a photo of the same name",
                );
            }
            continue;
        }
        if has_extension(path, &["txt"]) && photo_for_sidecar(path, &by_path, &photos).is_some() {
            continue; // A caption sidecar; attached to its photo below.
        }
        let mut unit = unit(path, display, *size, scratch);
        if has_extension(path, PHOTO_EXTENSIONS) {
            unit.sidecars = sidecars_of(path, &by_path);
        }
        units.push(unit);
    }
    units.sort_by(|a, b| a.display.cmp(&b.display));
    plan.units.extend(units);
}

fn plan_zip(plan: &mut Plan, path: &Path, display: &str, unpacking: &Unpacking<'_>, depth: usize) {
    if depth >= MAX_ZIP_DEPTH {
        plan.report
            .skip(display, "ZIP nested too deeply inside other ZIP files");
        return;
    }
    if unpacking.cancel.is_cancelled() {
        plan.report.cancelled = true;
        plan.report.skip(display, super::report::CANCELLED);
        return;
    }
    match zip_bundle::unpack(path, display, unpacking, plan.unpacked_bytes) {
        Ok(unpacked) => {
            plan.report.merge(unpacked.report);
            plan.unpacked_bytes += unpacked.written;
            let root = unpacked.dir.path().to_path_buf();
            let scratch = Scratch {
                _folder: Some(Arc::new(unpacked.dir)),
            };
            plan_folder(plan, &root, display, unpacking, depth + 1, &scratch);
        }
        Err(_) if unpacking.cancel.is_cancelled() => {
            plan.report.cancelled = true;
            plan.report.skip(display, super::report::CANCELLED);
        }
        Err(error) => plan.report.fail(display, error),
    }
}

fn unit(path: &Path, display: &str, size: u64, scratch: &Scratch) -> Unit {
    Unit {
        path: path.to_path_buf(),
        display: display.to_string(),
        sidecars: Vec::new(),
        page_images: Vec::new(),
        size,
        scratch: scratch.clone(),
        web: None,
    }
}

fn is_dangling_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
        && fs::metadata(path).is_err()
}

/// `page.html` → the `page_files` folder beside it, if there is one.
fn page_folder(page: &Path) -> Option<PathBuf> {
    let stem = page.file_stem()?.to_string_lossy().into_owned();
    let parent = page.parent()?;
    PAGE_FOLDER_SUFFIXES
        .iter()
        .map(|suffix| parent.join(format!("{stem}{suffix}")))
        .find(|folder| folder.is_dir())
}

/// The sidecars of a photo: `IMG.xmp`, `IMG.jpg.xmp`, `IMG.txt`, `IMG.jpg.txt`.
fn sidecars_of(photo: &Path, files: &BTreeMap<PathBuf, (String, u64)>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for extension in ["xmp", "XMP", "txt", "TXT"] {
        for candidate in [
            photo.with_extension(extension),
            append_extension(photo, extension),
        ] {
            if files.contains_key(&candidate) && !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

/// The photos of a folder listing by their path without extension (`dir/IMG` → `dir/IMG.jpg`):
/// a sidecar finds its photo with one lookup, not one per photo extension.
struct PhotosByStem(HashMap<PathBuf, PathBuf>);

impl PhotosByStem {
    fn of(files: &BTreeMap<PathBuf, (String, u64)>) -> Self {
        let mut photos: HashMap<PathBuf, PathBuf> = HashMap::new();
        for path in files.keys() {
            let Some(rank) = photo_extension_rank(path) else {
                continue;
            };
            // Of `IMG.jpg` and `IMG.png`, the sidecar goes with the extension listed first.
            photos
                .entry(path.with_extension(""))
                .and_modify(|kept| {
                    if photo_extension_rank(kept).is_none_or(|kept_rank| rank < kept_rank) {
                        *kept = path.clone();
                    }
                })
                .or_insert_with(|| path.clone());
        }
        Self(photos)
    }
}

/// Where a photo's extension stands in [`PHOTO_EXTENSIONS`] (a lower-case spelling before any
/// other), or `None` for other files.
fn photo_extension_rank(path: &Path) -> Option<usize> {
    let extension = path.extension()?.to_str()?;
    let position = PHOTO_EXTENSIONS
        .iter()
        .position(|known| known.eq_ignore_ascii_case(extension))?;
    Some(2 * position + usize::from(PHOTO_EXTENSIONS[position] != extension))
}

/// The photo a sidecar belongs to, if one lies beside it.
fn photo_for_sidecar(
    sidecar: &Path,
    files: &BTreeMap<PathBuf, (String, u64)>,
    photos: &PhotosByStem,
) -> Option<PathBuf> {
    let stem = sidecar.file_stem()?;
    let parent = sidecar.parent()?;
    // `IMG.jpg.xmp`: the stem is itself the photo's name.
    let direct = parent.join(stem);
    if has_extension(&direct, PHOTO_EXTENSIONS) && files.contains_key(&direct) {
        return Some(direct);
    }
    photos.0.get(&direct.with_extension("")).cloned()
}

fn append_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(OsStr::to_str).is_some_and(|ext| {
        extensions
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext))
    })
}

/// `root_display` + the path of `path` inside `root`, with `/` separators.
fn join_display(root_display: &str, root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rest) if rest.as_os_str().is_empty() => root_display.to_string(),
        Ok(rest) => format!(
            "{}/{}",
            root_display.trim_end_matches(['/', '\\']),
            rest.to_string_lossy().replace('\\', "/")
        ),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}

/// An I/O error in words, e.g. "cannot read: permission denied".
pub fn describe_io(error: &std::io::Error, action: &str) -> String {
    use std::io::ErrorKind;
    let why = match error.kind() {
        ErrorKind::NotFound => "the file does not exist (moved or deleted?)".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    };
    format!("{action}: {why}")
}

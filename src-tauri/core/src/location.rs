//! Where the archive lives: `--archive DIR`, then `FOLIO_ARCHIVE`, then the archive the desktop
//! app last opened, then the platform data folder — and whether that place is a safe one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::file_names::display_path;

pub const ARCHIVE_ENV: &str = "FOLIO_ARCHIVE";

/// Below this much free space the location check warns: an import of one agency folder can
/// take a gigabyte.
const LOW_SPACE_BYTES: u64 = 2_000_000_000;

/// The remembered archive lives in this file of the platform's config folder.
const SETTINGS_FILE: &str = "settings.json";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "folio", "Folio")
}

/// The default archive: `Archive` inside the platform's data folder, e.g.
/// `~/.local/share/folio/Archive` on Linux, `~/Library/Application Support/org.folio.Folio/Archive`
/// on macOS, `%APPDATA%\folio\Folio\data\Archive` on Windows.
pub fn default_archive_dir() -> Result<PathBuf> {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("Archive"))
        .ok_or_else(|| {
            Error::Internal("cannot find the home folder to place the default archive".into())
        })
}

/// The archive to use: the explicit choice if any, then `FOLIO_ARCHIVE`, then the remembered
/// one, then the default.
pub fn resolve_archive_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    match std::env::var_os(ARCHIVE_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => match remembered_archive() {
            Some(dir) => Ok(dir),
            None => default_archive_dir(),
        },
    }
}

/// The settings kept for this computer: the archive chosen, and the folders the desktop app
/// watches. Fields this version does not know are kept as they were.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    archive: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    watch_folders: Vec<crate::watch::WatchFolder>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

fn settings_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join(SETTINGS_FILE))
}

fn required_settings_path() -> Result<PathBuf> {
    settings_path()
        .ok_or_else(|| Error::Internal("cannot find the folder for Folio's settings".into()))
}

/// The settings in `path`; none when there is no file yet or it cannot be read as settings.
fn read_settings(path: &Path) -> Settings {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn write_settings(path: &Path, settings: &Settings) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    let text =
        serde_json::to_string_pretty(settings).map_err(|e| Error::Internal(e.to_string()))?;
    // Written whole and renamed, so a crash never leaves half a settings file.
    let temp = path.with_extension("json.part");
    std::fs::write(&temp, text).map_err(Error::io("cannot write", &temp))?;
    std::fs::rename(&temp, path).map_err(Error::io("cannot write", path))
}

/// The archive chosen with "Open another archive…", if one was and it still exists.
pub fn remembered_archive() -> Option<PathBuf> {
    read_settings(&settings_path()?)
        .archive
        .filter(|dir| dir.is_dir())
}

/// Makes `dir` the archive the app and the `folio` command open from now on (unless told
/// otherwise); the default location forgets the choice.
pub fn remember_archive(dir: &Path) -> Result<()> {
    let path = required_settings_path()?;
    let mut settings = read_settings(&path);
    settings.archive =
        (default_archive_dir().ok().as_deref() != Some(dir)).then(|| dir.to_path_buf());
    write_settings(&path, &settings)
}

/// The folders the desktop app watches on this computer.
pub fn watch_folders() -> Vec<crate::watch::WatchFolder> {
    settings_path()
        .map(|path| read_settings(&path).watch_folders)
        .unwrap_or_default()
}

/// Keeps the folders the desktop app watches, leaving the other settings as they are.
pub fn remember_watch_folders(folders: &[crate::watch::WatchFolder]) -> Result<()> {
    let path = required_settings_path()?;
    let mut settings = read_settings(&path);
    settings.watch_folders = folders.to_vec();
    write_settings(&path, &settings)
}

/// What "Check archive location" tells a person about the place the archive is kept.
#[derive(Debug, Clone, Serialize)]
pub struct LocationReport {
    /// The archive folder as a person should read it.
    pub path: String,
    pub exists: bool,
    /// Whether Folio can create files there.
    pub writable: bool,
    /// Free space for this user on the archive's disk, in bytes.
    pub free_bytes: Option<u64>,
    pub total_bytes: Option<u64>,
    /// The file system type where the platform tells it (`ext4`, `nfs4`, …).
    pub file_system: Option<String>,
    /// Where this choice came from: `option`, `environment`, `remembered` or `default`.
    pub chosen_by: String,
    pub warnings: Vec<LocationWarning>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocationWarning {
    /// `network`, `synced`, `removable`, `low_space`, `not_writable` or `missing`.
    pub code: String,
    pub message: String,
}

/// Why `dir` is the archive: for the location report.
pub fn chosen_by(explicit: bool) -> &'static str {
    if explicit {
        "option"
    } else if std::env::var_os(ARCHIVE_ENV).is_some_and(|d| !d.is_empty()) {
        "environment"
    } else if remembered_archive().is_some() {
        "remembered"
    } else {
        "default"
    }
}

/// Checks the place `dir` is kept: writable, space left, and not on a network share, in a folder
/// a sync client copies, or on a drive that may be unplugged — SQLite's locking and write-ahead
/// log are only safe on a local disk.
pub fn check(dir: &Path, chosen_by: &str) -> LocationReport {
    let exists = dir.is_dir();
    let writable = exists && can_create_files(dir);
    let space = fs4::statvfs(dir).ok();
    let file_system = file_system_type(dir);
    let text = display_path(dir);
    let mut warnings = Vec::new();
    let mut warn = |code: &str, message: String| {
        warnings.push(LocationWarning {
            code: code.into(),
            message,
        })
    };
    if !exists {
        warn(
            "missing",
            "The archive folder does not exist (a disconnected drive, or moved?).".into(),
        );
    } else if !writable {
        warn(
            "not_writable",
            "Folio cannot write in this folder: imports and edits will fail. Check its permissions, or whether the disk is read-only.".into(),
        );
    }
    if is_network(&text, file_system.as_deref()) {
        warn(
            "network",
            "The archive is on a network share. Its database cannot be locked safely there and can be damaged when two computers use it; keep the archive on a local disk and share exports instead.".into(),
        );
    }
    if let Some(service) = sync_service(dir) {
        warn(
            "synced",
            format!(
                "The archive is inside a {service} folder. A sync client that copies the database while Folio writes it can damage it; keep the archive outside and use `folio backup` to copy it there."
            ),
        );
    }
    if is_removable(&text) {
        warn(
            "removable",
            "The archive is on a removable drive: Folio cannot open it while the drive is unplugged, and unplugging it during an import stops the import.".into(),
        );
    }
    if let Some(space) = &space
        && space.available_space() < LOW_SPACE_BYTES
    {
        warn(
            "low_space",
            format!(
                "Only {} is free on this disk; imports stop with a clear message when it is full.",
                human_bytes(space.available_space())
            ),
        );
    }
    LocationReport {
        path: text,
        exists,
        writable,
        free_bytes: space.as_ref().map(|s| s.available_space()),
        total_bytes: space.as_ref().map(|s| s.total_space()),
        file_system,
        chosen_by: chosen_by.into(),
        warnings,
    }
}

fn can_create_files(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".folio-write-check")
        .tempfile_in(dir)
        .is_ok()
}

/// Network file systems by their Linux type names, and Windows UNC paths.
fn is_network(path: &str, file_system: Option<&str>) -> bool {
    const NETWORK: &[&str] = &[
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "lustre",
        "gpfs",
    ];
    file_system.is_some_and(|fs| NETWORK.contains(&fs))
        || (path.starts_with(r"\\") && !path.starts_with(r"\\.\"))
}

/// The sync service whose folder holds `dir`, judged by the folder names the clients create.
fn sync_service(dir: &Path) -> Option<&'static str> {
    const SERVICES: &[(&str, &str)] = &[
        ("dropbox", "Dropbox"),
        ("onedrive", "OneDrive"),
        ("icloud drive", "iCloud Drive"),
        ("mobile documents", "iCloud Drive"),
        ("google drive", "Google Drive"),
        ("googledrive", "Google Drive"),
        ("my drive", "Google Drive"),
        ("yandex.disk", "Yandex Disk"),
        ("yandexdisk", "Yandex Disk"),
        ("nextcloud", "Nextcloud"),
        ("owncloud", "ownCloud"),
        ("pcloud drive", "pCloud"),
        ("box sync", "Box"),
        ("百度网盘", "Baidu Netdisk"),
        ("baidunetdisk", "Baidu Netdisk"),
    ];
    // Split on both separators: a Windows path read on another system is one component.
    let text = dir.to_string_lossy().to_lowercase();
    text.split(['/', '\\']).find_map(|name| {
        // OneDrive names its folder "OneDrive - Company"; Dropbox "Dropbox (Company)".
        SERVICES
            .iter()
            .find(|(folder, _)| name == *folder || name.starts_with(&format!("{folder} ")))
            .map(|(_, service)| *service)
    })
}

fn is_removable(path: &str) -> bool {
    ["/media/", "/run/media/", "/mnt/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        || path.starts_with("/Volumes/")
}

/// The type of the file system holding `dir`, from the mount table (Linux only).
fn file_system_type(dir: &Path) -> Option<String> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let table = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    mount_type_for(&dir, &table)
}

/// The file system type of the longest mount point that contains `dir` in a `mountinfo` table.
fn mount_type_for(dir: &Path, mountinfo: &str) -> Option<String> {
    mountinfo
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let mount_point = unescape_mount(fields.get(4)?);
            let separator = fields.iter().position(|f| *f == "-")?;
            let file_system = fields.get(separator + 1)?;
            dir.starts_with(&mount_point)
                .then(|| (mount_point.len(), file_system.to_string()))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, file_system)| file_system)
}

/// `mountinfo` writes spaces and other bytes in mount points as octal escapes (`\040`).
fn unescape_mount(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        match u8::from_str_radix(rest.get(at + 1..at + 4).unwrap_or_default(), 8) {
            Ok(byte) => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            Err(_) => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `1234567` → `1.2 MB`: sizes in the decimal units file managers show.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_folders_and_the_archive_choice_are_kept_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"archive":"/a","newer_setting":7}"#).unwrap();
        let mut settings = read_settings(&path);
        settings.watch_folders = vec![crate::watch::WatchFolder {
            path: "/drop".into(),
            tags: vec!["Scans".into()],
            collection: None,
            subfolder_tags: true,
            template: None,
        }];
        write_settings(&path, &settings).unwrap();
        let mut again = read_settings(&path);
        assert_eq!(again.archive.as_deref(), Some(Path::new("/a")));
        assert_eq!(again.watch_folders[0].tags, ["Scans"]);
        assert!(again.watch_folders[0].subfolder_tags);
        assert_eq!(
            again.other["newer_setting"], 7,
            "an unknown setting is kept"
        );
        again.archive = None;
        write_settings(&path, &again).unwrap();
        assert_eq!(read_settings(&path).watch_folders.len(), 1);
    }

    #[test]
    fn the_longest_mount_point_decides_the_file_system() {
        let table = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office\\040share rw,relatime shared:9 - cifs //srv/share rw
41 22 0:36 / /home/a/nfs rw shared:10 - nfs4 srv:/export rw";
        let of = |p: &str| mount_type_for(Path::new(p), table);
        assert_eq!(of("/home/a/Archive").as_deref(), Some("ext4"));
        assert_eq!(of("/home/a/nfs/Archive").as_deref(), Some("nfs4"));
        assert_eq!(of("/mnt/office share/Folio").as_deref(), Some("cifs"));
        assert_eq!(of("/home/a/nfsother").as_deref(), Some("ext4"));
    }

    #[test]
    fn network_shares_and_sync_folders_are_recognised() {
        assert!(is_network(r"\\server\share\Archive", None));
        assert!(is_network("/srv/a", Some("nfs4")));
        assert!(!is_network("/home/a", Some("ext4")));
        assert_eq!(
            sync_service(Path::new("/Users/a/Library/Mobile Documents/x")),
            Some("iCloud Drive")
        );
        assert_eq!(
            sync_service(Path::new(r"C:\Users\a\OneDrive - Agency\Folio")),
            Some("OneDrive")
        );
        assert_eq!(
            sync_service(Path::new("/home/a/Dropbox (Agency)/Folio")),
            Some("Dropbox")
        );
        assert_eq!(sync_service(Path::new("/home/a/Documents/Folio")), None);
        assert!(is_removable("/media/a/USB/Archive"));
        assert!(!is_removable("/home/a/media/Archive"));
    }

    #[test]
    fn a_local_writable_folder_has_no_warnings_about_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let report = check(dir.path(), "option");
        assert!(report.exists && report.writable);
        assert!(report.free_bytes.is_some());
        assert!(
            report
                .warnings
                .iter()
                .all(|w| w.code == "low_space" || w.code == "removable"),
            "{:?}",
            report.warnings
        );
        let missing = check(&dir.path().join("gone"), "option");
        assert_eq!(missing.warnings[0].code, "missing");
    }

    #[test]
    fn sizes_are_shown_in_decimal_units() {
        assert_eq!(human_bytes(0), "0 bytes");
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_234_567), "1.2 MB");
    }
}

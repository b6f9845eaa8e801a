//! File names that mean the same on Linux, macOS and Windows: names read from disk and from ZIP
//! entries in one Unicode form (NFC; macOS hands out NFD), names written into exports and unpacked
//! from bundles that every system can create (no reserved device names, no forbidden characters,
//! unique ignoring case and normalisation), and paths shown to people without Windows' `\\?\`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Longest file name kept, in bytes; most file systems allow 255, and a short name leaves room
/// for the folders it is unpacked into on Windows.
const MAX_NAME_BYTES: usize = 120;

/// Device names Windows reserves in any folder and with any extension (`CON.txt` is the console).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// `text` in Unicode NFC, the form Windows and Linux tools produce: `й` as one character rather
/// than `и` plus a combining breve, as macOS file names have it.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The last part of `path` as text in NFC; bytes that are not valid in the platform's encoding
/// become U+FFFD.
pub fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| nfc(&name.to_string_lossy()))
        .unwrap_or_default()
}

/// `path` as a person should read it: in NFC and without the `\\?\` prefix of Windows' long
/// paths (`\\?\C:\x` → `C:\x`, `\\?\UNC\server\share` → `\\server\share`).
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{rest}")
    } else if let Some(rest) = text.strip_prefix(r"\\?\") {
        rest.to_string()
    } else {
        text.into_owned()
    };
    nfc(&plain)
}

/// A version of `name` every system can create; `fallback` (e.g. the item's uid) when nothing of
/// it is usable. The original is kept whenever it is safe.
pub fn portable(name: &str, fallback: &str) -> String {
    let cleaned: String = nfc(name)
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
    let trimmed = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    let mut safe = if trimmed.is_empty() {
        nfc(fallback)
    } else {
        trimmed
    };
    // `CON.tar.gz` is as reserved as `CON`: Windows looks at the part before the first dot.
    let device = safe.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        let (stem, extension) = split_extension(&safe);
        safe = format!("{stem}_{extension}");
    }
    shorten(&safe)
}

/// The path a ZIP entry may be unpacked to, each part made [`portable`]; `None` when the name
/// tries to leave the folder it is unpacked in: `..`, an absolute path, a drive (`C:\`, `C:x`),
/// a UNC or `\\?\` path. Both `/` and `\` count as separators, whatever the platform.
pub fn zip_entry_path(name: &str) -> Option<PathBuf> {
    if name.starts_with(['/', '\\']) || name.contains('\0') {
        return None;
    }
    let mut path = PathBuf::new();
    for (index, part) in name.split(['/', '\\']).enumerate() {
        match part {
            "" | "." => continue,
            ".." => return None,
            // A drive letter, alone or in front of a name: `C:`, `C:evil.txt`.
            _ if index == 0 && part.len() >= 2 && part.as_bytes()[1] == b':' => return None,
            _ => path.push(portable(part, "_")),
        }
    }
    Some(path)
}

/// How two names compare on a file system that ignores case and Unicode form (Windows, macOS).
pub fn collision_key(name: &str) -> String {
    nfc(name).to_lowercase()
}

pub(crate) fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    }
}

/// Cuts a long name at a character boundary, keeping its extension.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let (stem, extension) = split_extension(name);
    let extension = if extension.len() <= 16 { extension } else { "" };
    let mut cut = MAX_NAME_BYTES
        .saturating_sub(extension.len())
        .min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{extension}", &stem[..cut])
}

/// Hands out names unique within one folder, ignoring case and Unicode form: `a.jpg`,
/// `a (2).jpg`, …
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    pub fn claim(&mut self, name: &str) -> String {
        let (stem, extension) = split_extension(name);
        let mut candidate = name.to_string();
        let mut n = 2;
        while !self.taken.insert(collision_key(&candidate)) {
            candidate = format!("{stem} ({n}){extension}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_names_become_composed() {
        let decomposed = "Йошкар-Ола.jpg".nfd().collect::<String>();
        assert_ne!(decomposed, "Йошкар-Ола.jpg");
        assert_eq!(name_of(Path::new(&decomposed)), "Йошкар-Ола.jpg");
        assert_eq!(nfc("Café".nfd().collect::<String>().as_str()), "Café");
    }

    #[test]
    fn windows_reserved_names_and_characters_are_replaced() {
        assert_eq!(portable("CON", "x"), "CON_");
        assert_eq!(portable("con.txt", "x"), "con_.txt");
        assert_eq!(portable("nul.tar.gz", "x"), "nul.tar_.gz");
        assert_eq!(portable("COM1 .jpg", "x"), "COM1 _.jpg");
        assert_eq!(portable("a:b?c*.jpg", "x"), "a_b_c_.jpg");
        assert_eq!(portable("..\\..\\evil.jpg", "x"), "_.._evil.jpg");
        assert_eq!(portable(" trailing. ", "x"), "trailing");
        assert_eq!(portable("console.txt", "x"), "console.txt");
    }

    #[test]
    fn readable_names_in_any_script_are_kept() {
        assert_eq!(portable("Диалог 2018.txt", "x"), "Диалог 2018.txt");
        assert_eq!(portable("中俄创新对话.jpg", "x"), "中俄创新对话.jpg");
    }

    #[test]
    fn an_empty_name_falls_back() {
        assert_eq!(portable("...", "uid-1"), "uid-1");
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary_keeping_the_extension() {
        let long = format!("{}.jpg", "创".repeat(100));
        let short = portable(&long, "x");
        assert!(short.len() <= MAX_NAME_BYTES);
        assert!(short.ends_with(".jpg"));
    }

    #[test]
    fn names_that_differ_only_in_case_or_unicode_form_are_made_unique() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("Photo.jpg"), "Photo.jpg");
        assert_eq!(names.claim("photo.JPG"), "photo (2).JPG");
        assert_eq!(names.claim("Photo.jpg"), "Photo (3).jpg");
        let composed = "Сколково-й.jpg";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(names.claim(composed), composed);
        assert_eq!(
            names.claim(&decomposed),
            format!("{} (2).jpg", &decomposed[..decomposed.len() - 4])
        );
    }

    #[test]
    fn zip_entries_that_leave_the_folder_are_refused() {
        for hostile in [
            "../evil.jpg",
            "a/../../evil.jpg",
            "..\\..\\evil.jpg",
            "a\\..\\..\\evil.jpg",
            "/etc/passwd",
            "\\Windows\\evil.dll",
            "C:\\Windows\\evil.dll",
            "C:evil.txt",
            "c:/evil.txt",
            "\\\\server\\share\\evil.txt",
            "\\\\?\\C:\\evil.txt",
            "//server/share/evil.txt",
        ] {
            assert_eq!(zip_entry_path(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn zip_entries_are_unpacked_under_portable_names() {
        assert_eq!(
            zip_entry_path("photos\\2018/CON.jpg"),
            Some(PathBuf::from("photos").join("2018").join("CON_.jpg"))
        );
        assert_eq!(
            zip_entry_path("./a//b/aux"),
            Some(PathBuf::from("a").join("b").join("aux_"))
        );
        assert_eq!(
            zip_entry_path("статьи/中文.txt"),
            Some(PathBuf::from("статьи").join("中文.txt"))
        );
    }

    #[test]
    fn long_path_prefixes_are_not_shown() {
        assert_eq!(display_path(Path::new(r"\\?\C:\Archive")), r"C:\Archive");
        assert_eq!(
            display_path(Path::new(r"\\?\UNC\server\share\Archive")),
            r"\\server\share\Archive"
        );
        assert_eq!(
            display_path(Path::new("/home/a/Archive")),
            "/home/a/Archive"
        );
    }
}

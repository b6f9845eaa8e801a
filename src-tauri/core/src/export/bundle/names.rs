//! File names inside a bag that every system can unpack: no Windows-reserved names or
//! characters, no control characters, no leading dots, bounded length, and unique ignoring case
//! (so nothing collides on Windows or macOS). The original name is kept whenever it is safe.

use std::collections::HashSet;

/// Longest file name kept, in bytes; most file systems allow 255.
const MAX_NAME_BYTES: usize = 120;
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A safe version of `name`; `fallback` (e.g. the item's uid) when nothing of it is usable.
pub fn sanitise(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // Windows drops trailing dots and spaces; a leading dot hides the file.
    let trimmed = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    let mut safe = if trimmed.is_empty() {
        fallback.to_string()
    } else {
        trimmed
    };
    let (stem, extension) = split_extension(&safe);
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem.trim())) {
        safe = format!("{stem}_{extension}");
    }
    shorten(&safe)
}

fn split_extension(name: &str) -> (&str, &str) {
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
    let mut cut = MAX_NAME_BYTES.saturating_sub(extension.len());
    while !stem.is_char_boundary(cut.min(stem.len())) {
        cut -= 1;
    }
    format!("{}{extension}", &stem[..cut.min(stem.len())])
}

/// Hands out names unique within one folder, ignoring case: `a.jpg`, `a (2).jpg`, …
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    pub fn claim(&mut self, name: &str) -> String {
        let (stem, extension) = split_extension(name);
        let mut candidate = name.to_string();
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
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
    fn windows_reserved_names_and_characters_are_replaced() {
        assert_eq!(sanitise("CON", "x"), "CON_");
        assert_eq!(sanitise("con.txt", "x"), "con_.txt");
        assert_eq!(sanitise("a:b?c*.jpg", "x"), "a_b_c_.jpg");
        assert_eq!(sanitise("..\\..\\evil.jpg", "x"), "_.._evil.jpg");
        assert_eq!(sanitise(" trailing. ", "x"), "trailing");
    }

    #[test]
    fn readable_names_in_any_script_are_kept() {
        assert_eq!(sanitise("Диалог 2018.txt", "x"), "Диалог 2018.txt");
        assert_eq!(sanitise("中俄创新对话.jpg", "x"), "中俄创新对话.jpg");
    }

    #[test]
    fn an_empty_name_falls_back() {
        assert_eq!(sanitise("...", "uid-1"), "uid-1");
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary_keeping_the_extension() {
        let long = format!("{}.jpg", "创".repeat(100));
        let short = sanitise(&long, "x");
        assert!(short.len() <= MAX_NAME_BYTES);
        assert!(short.ends_with(".jpg"));
    }

    #[test]
    fn names_that_differ_only_in_case_are_made_unique() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("Photo.jpg"), "Photo.jpg");
        assert_eq!(names.claim("photo.JPG"), "photo (2).JPG");
        assert_eq!(names.claim("Photo.jpg"), "Photo (3).jpg");
    }
}

//! BagIt (RFC 8493) tag files: `bagit.txt`, `bag-info.txt`, payload manifests for SHA-256 and
//! SHA-512, the tag manifest, and the checks a reader makes before trusting a bag.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256, Sha512};

use crate::text::human_size;

pub const BAGIT_TXT: &str = "bagit.txt";
pub const BAG_INFO_TXT: &str = "bag-info.txt";
pub const MANIFEST_SHA256: &str = "manifest-sha256.txt";
pub const MANIFEST_SHA512: &str = "manifest-sha512.txt";
pub const TAGMANIFEST_SHA256: &str = "tagmanifest-sha256.txt";

pub fn bagit_txt() -> String {
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".into()
}

/// One payload file: its path in the bag (`data/…`), its checksums and size.
#[derive(Debug, Clone)]
pub struct PayloadFile {
    pub path: String,
    pub sha256: String,
    pub sha512: String,
    pub size: u64,
}

impl PayloadFile {
    /// A payload file made in memory (items.json, the catalogue…).
    pub fn of_bytes(path: String, bytes: &[u8]) -> Self {
        Self {
            path,
            sha256: crate::hex(&Sha256::digest(bytes)),
            sha512: crate::hex(&Sha512::digest(bytes)),
            size: bytes.len() as u64,
        }
    }
}

/// What bag-info.txt says about the bag.
#[derive(Debug)]
pub struct BagInfo<'a> {
    pub description: &'a str,
    pub bagging_date: &'a str,
    pub articles: usize,
    pub photos: usize,
}

pub fn bag_info(info: &BagInfo<'_>, payload: &[PayloadFile]) -> String {
    let bytes: u64 = payload.iter().map(|f| f.size).sum();
    let mut out = String::new();
    let mut field = |label: &str, value: &str| {
        // A value may not span lines here; long values stay on one line, which RFC 8493 allows.
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{label}: {value}");
    };
    field("Source-Organization", "Folio");
    field("Bagging-Date", info.bagging_date);
    field("Payload-Oxum", &format!("{bytes}.{}", payload.len()));
    field("Bag-Count", "1 of 1");
    field("Bag-Size", &human_size(bytes));
    field("External-Description", info.description);
    field("Folio-Items", &(info.articles + info.photos).to_string());
    field("Folio-Articles", &info.articles.to_string());
    field("Folio-Photos", &info.photos.to_string());
    field(
        "Bag-Software-Agent",
        concat!("Folio ", env!("CARGO_PKG_VERSION")),
    );
    out
}

/// Manifest lines `<checksum>  <path>`, with the path encoded as RFC 8493 §2.1.3 asks.
pub fn manifest<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (checksum, path) in entries {
        let _ = writeln!(out, "{checksum}  {}", encode_path(path));
    }
    out
}

fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn decode_path(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%25", "%")
}

/// Parses a manifest into path → checksum (lower case). A line that is not `checksum path`,
/// or whose path could leave the bag, is an error naming the line: nothing a manifest names is
/// ever looked for outside the bag.
pub fn parse_manifest(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut entries = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((checksum, path)) = line.split_once([' ', '\t']) else {
            return Err(format!("line {} of the manifest is damaged", number + 1));
        };
        let path = decode_path(path.trim_start()).replace('\\', "/");
        if !is_inside_bag(&path) {
            return Err(format!(
                "line {} of the manifest names a file outside the bag; the bundle is damaged \
                 or hostile, so nothing was imported",
                number + 1
            ));
        }
        entries.insert(path, checksum.to_ascii_lowercase());
    }
    Ok(entries)
}

/// Whether a bag path (with `/` separators) stays inside the bag: relative, no `..`, no drive
/// or device prefix, no empty or `.` parts, no NUL.
pub fn is_inside_bag(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\0')
        && path.split('/').enumerate().all(|(index, part)| {
            let drive = index == 0 && part.contains(':');
            !(drive || matches!(part, "" | "." | ".."))
        })
}

/// The `Payload-Oxum` of bag-info.txt: the payload's total bytes and file count, if stated.
/// A stated value that is not two numbers is an error.
pub fn parse_payload_oxum(bag_info: &str) -> Result<Option<(u64, u64)>, String> {
    for line in bag_info.lines() {
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        if !label.trim().eq_ignore_ascii_case("Payload-Oxum") {
            continue;
        }
        let parsed = value
            .trim()
            .split_once('.')
            .and_then(|(bytes, count)| Some((bytes.parse().ok()?, count.parse().ok()?)));
        return parsed
            .map(Some)
            .ok_or_else(|| format!("{BAG_INFO_TXT}: its Payload-Oxum is not two numbers"));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_round_trip_with_percent_and_newline_encoded() {
        let text = manifest([("ab", "data/100% new\nname.txt"), ("cd", "data/a b.jpg")]);
        assert_eq!(text, "ab  data/100%25 new%0Aname.txt\ncd  data/a b.jpg\n");
        let parsed = parse_manifest(&text).unwrap();
        assert_eq!(parsed["data/100% new\nname.txt"], "ab");
        assert_eq!(parsed["data/a b.jpg"], "cd");
    }

    #[test]
    fn manifest_paths_that_leave_the_bag_are_refused() {
        for hostile in [
            "../../../../etc/passwd",
            "/etc/passwd",
            "data/../../secret",
            "data/./x",
            "C:/Windows/win.ini",
            "c:evil",
            "data\\..\\..\\x",
            "data//x",
            "data/x\0",
        ] {
            let text = format!("{}  {hostile}\n", "0".repeat(64));
            assert!(parse_manifest(&text).is_err(), "{hostile} was accepted");
        }
        assert!(parse_manifest("ab  data/photos/a b.jpg\n").is_ok());
    }

    #[test]
    fn payload_oxum_is_read_back_and_a_damaged_one_is_an_error() {
        assert_eq!(
            parse_payload_oxum("Bag-Count: 1 of 1\nPayload-Oxum: 5.2\n"),
            Ok(Some((5, 2)))
        );
        assert_eq!(parse_payload_oxum("Bag-Count: 1 of 1\n"), Ok(None));
        assert!(parse_payload_oxum("Payload-Oxum: lots\n").is_err());
    }

    #[test]
    fn payload_oxum_counts_bytes_and_files() {
        let payload = [
            PayloadFile::of_bytes("data/a".into(), b"abc"),
            PayloadFile::of_bytes("data/b".into(), b"de"),
        ];
        let info = BagInfo {
            description: "A dossier\nwith two lines",
            bagging_date: "2026-01-02",
            articles: 1,
            photos: 1,
        };
        let text = bag_info(&info, &payload);
        assert!(text.contains("Payload-Oxum: 5.2\n"), "{text}");
        assert!(text.contains("External-Description: A dossier with two lines\n"));
        assert!(text.contains("Folio-Items: 2\n"));
    }
}

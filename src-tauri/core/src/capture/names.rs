//! What a fetched answer is called on disk: a page is `name.html`, a file keeps the name its
//! server or address gives it, with the extension its media type calls for — the import decides
//! what a file is partly by that extension.

use super::fetch::Fetched;
use crate::file_names;

/// The folder beside a captured page that holds its images, as a browser's save names it.
pub const IMAGES_FOLDER: &str = "page_files";

/// Media types the import reads, with the extensions it knows them by (the first is used).
const EXTENSIONS: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("image/jpeg", &["jpg", "jpeg", "jpe"]),
    ("image/png", &["png"]),
    ("image/webp", &["webp"]),
    ("image/gif", &["gif"]),
    ("image/tiff", &["tif", "tiff"]),
    ("image/heic", &["heic"]),
    ("image/heif", &["heif"]),
    ("image/avif", &["avif"]),
    ("text/plain", &["txt"]),
    ("text/markdown", &["md"]),
    ("multipart/related", &["mhtml"]),
    ("message/rfc822", &["mhtml"]),
    ("application/zip", &["zip"]),
    ("application/vnd.oasis.opendocument.text", &["odt"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
];

/// Extensions of pages made by a program on the server, replaced by `.html` in a page's name.
const SERVER_PAGE_EXTENSIONS: &[&str] = &["php", "asp", "aspx", "jsp", "cgi", "shtml", "do"];

/// An answer is a page when its server says so, or says nothing useful and it starts like one.
pub fn is_html(media_type: Option<&str>, bytes: &[u8]) -> bool {
    match media_type {
        Some("text/html" | "application/xhtml+xml") => true,
        None | Some("application/octet-stream" | "text/plain") => {
            let head =
                String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            head.starts_with("<!doctype html") || head.starts_with("<html")
        }
        Some(_) => false,
    }
}

/// The file name for a fetched answer: from Content-Disposition, else the address's last part,
/// else its host; `.html` for a page, else the extension its media type calls for.
pub fn file_name(fetched: &Fetched, is_page: bool) -> String {
    let from_address = fetched
        .url
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()))
        .map(|s| {
            url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
                .next()
                .map_or_else(|| s.to_string(), |(_, v)| v.into_owned())
        });
    let host = fetched.url.host_str().unwrap_or("page").to_string();
    let raw = match (&fetched.file_name, from_address) {
        (Some(name), _) if !is_page => name.clone(),
        (_, Some(name)) => name,
        _ => host.clone(),
    };
    let name = file_names::portable(&raw, &host);
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem.to_string(), extension.to_string()),
        _ => (name.clone(), String::new()),
    };
    if is_page {
        let extension = extension.to_ascii_lowercase();
        return if ["html", "htm", "xhtml"].contains(&extension.as_str()) {
            name
        } else if SERVER_PAGE_EXTENSIONS.contains(&extension.as_str()) {
            format!("{stem}.html")
        } else {
            format!("{name}.html")
        };
    }
    let wanted = fetched
        .media_type
        .as_deref()
        .and_then(|media| EXTENSIONS.iter().find(|(known, _)| *known == media))
        .map(|(_, extensions)| *extensions);
    match wanted {
        Some(extensions) if !extensions.contains(&extension.to_ascii_lowercase().as_str()) => {
            format!("{name}.{}", extensions[0])
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(address: &str, media_type: Option<&str>, file_name: Option<&str>) -> Fetched {
        Fetched {
            url: url::Url::parse(address).unwrap(),
            media_type: media_type.map(str::to_string),
            charset: None,
            file_name: file_name.map(str::to_string),
            bytes: Vec::new(),
        }
    }

    #[test]
    fn pages_are_named_html() {
        let page = answer("https://news.example/world/forum-opens?id=3", None, None);
        assert_eq!(file_name(&page, true), "forum-opens.html");
        let page = answer("https://news.example/a/index.php", None, None);
        assert_eq!(file_name(&page, true), "index.html");
        let page = answer("https://news.example/", None, None);
        assert_eq!(file_name(&page, true), "news.example.html");
        let page = answer("https://news.example/a/story.htm", None, None);
        assert_eq!(file_name(&page, true), "story.htm");
    }

    #[test]
    fn files_get_the_extension_of_their_media_type() {
        let pdf = answer(
            "https://x.example/download?id=7",
            Some("application/pdf"),
            None,
        );
        assert_eq!(file_name(&pdf, false), "download.pdf");
        let named = answer(
            "https://x.example/get",
            Some("application/pdf"),
            Some("Отчёт 2019.pdf"),
        );
        assert_eq!(file_name(&named, false), "Отчёт 2019.pdf");
        let photo = answer("https://x.example/img/photo.jpeg", Some("image/jpeg"), None);
        assert_eq!(file_name(&photo, false), "photo.jpeg");
        let photo = answer(
            "https://x.example/img/%D1%84%D0%BE%D1%82%D0%BE",
            Some("image/png"),
            None,
        );
        assert_eq!(file_name(&photo, false), "фото.png");
    }

    #[test]
    fn a_page_is_known_by_its_type_or_its_start() {
        assert!(is_html(Some("text/html"), b""));
        assert!(is_html(None, b"\n<!DOCTYPE html><html>"));
        assert!(!is_html(Some("application/pdf"), b"<html>"));
        assert!(!is_html(None, b"%PDF-1.7"));
    }
}

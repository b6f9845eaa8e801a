//! Links become articles: a web address is fetched and laid out in a scratch folder as the
//! "Web Page, complete" save a browser would make of it — the page as served, and beside it the
//! images its figures show — so the import reads it exactly as it reads such a save. A link that
//! is not a page (a PDF, a JPEG) becomes that file, imported as any dropped file is.

pub mod fetch;
mod names;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use url::Url;

use crate::article;
use crate::import::plan::{PageImage, Scratch, Unit};
use crate::progress::CancelToken;

pub use fetch::{FetchError, Fetcher, Limits};

/// Where and when a unit was captured from the web; the import records it with the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSource {
    /// The address the page came from after its redirects.
    pub url: String,
    /// When the page was fetched (RFC 3339, UTC).
    pub captured_at: String,
    /// The charset the server declared for the page, which outranks the page's own.
    pub charset: Option<String>,
    /// Images of the page that could not be fetched: (image address, why).
    pub image_failures: Vec<(String, String)>,
}

/// True when `input` names a web address rather than a file: it starts with a scheme
/// (`https://`, `ftp://`). One letter before `:` is a Windows drive, not a scheme.
pub fn is_link(input: &str) -> bool {
    let Some((scheme, rest)) = input.trim().split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && rest.starts_with("//")
}

/// Fetches `link` into a new folder under `scratch` and returns the unit to import, or why it
/// could not be captured (in words, for the import report). A cancel is heard between requests;
/// one under way ends within the time limit.
#[tracing::instrument(level = "debug", skip(fetcher, scratch, cancel), err(level = "debug"))]
pub fn capture(
    link: &str,
    fetcher: &Fetcher,
    scratch: &Path,
    cancel: &CancelToken,
) -> Result<Unit, String> {
    let url = Url::parse(link.trim()).map_err(|_| FetchError::NotAnAddress.to_string())?;
    fetch::check_scheme(&url).map_err(|e| e.to_string())?;
    let page = fetcher
        .page(&url)
        .map_err(|e| format!("could not fetch the page: {e}"))?;
    let captured_at = crate::now_rfc3339();
    let folder = std::fs::create_dir_all(scratch)
        .and_then(|()| {
            tempfile::Builder::new()
                .prefix("capture-")
                .tempdir_in(scratch)
        })
        .map_err(|e| format!("could not keep the fetched page: {e}"))?;
    let mut web = WebSource {
        url: page.url.to_string(),
        captured_at,
        charset: page.charset.clone(),
        image_failures: Vec::new(),
    };
    let is_page = names::is_html(page.media_type.as_deref(), &page.bytes);
    let name = names::file_name(&page, is_page);
    let path = folder.path().join(&name);
    std::fs::write(&path, &page.bytes)
        .map_err(|e| format!("could not keep the fetched page: {e}"))?;
    let mut page_images = Vec::new();
    if is_page {
        let images = folder.path().join(names::IMAGES_FOLDER);
        page_images = fetch_images(
            &page,
            &name,
            fetcher,
            &images,
            cancel,
            &mut web.image_failures,
        );
    }
    Ok(Unit {
        size: page.bytes.len() as u64,
        path,
        display: link.trim().to_string(),
        sidecars: Vec::new(),
        page_images,
        scratch: Scratch::holding(folder),
        web: Some(web),
    })
}

/// Fetches the images the page's figures show into `folder`; each one that fails is noted.
fn fetch_images(
    page: &fetch::Fetched,
    file_name: &str,
    fetcher: &Fetcher,
    folder: &Path,
    cancel: &CancelToken,
    failures: &mut Vec<(String, String)>,
) -> Vec<PageImage> {
    // An unreadable page has no figures to fetch; the import says why it is not an article.
    let Ok(draft) = article::extract_page(&page.bytes, page.charset.as_deref(), file_name) else {
        return Vec::new();
    };
    let base = base_address(&page.url, &page.bytes);
    let mut seen = HashSet::new();
    let mut images = Vec::new();
    for figure in &draft.figures {
        let reference = figure.image_ref.trim();
        if reference.is_empty() || reference.starts_with("data:") || !seen.insert(reference) {
            continue;
        }
        let Ok(address) = base.join(reference) else {
            failures.push((
                reference.to_string(),
                "image not fetched: not a web address".into(),
            ));
            continue;
        };
        if cancel.is_cancelled() {
            failures.push((
                address.to_string(),
                "image not fetched: the import was cancelled".into(),
            ));
            continue;
        }
        match fetch_image(fetcher, &address, folder, images.len()) {
            Ok(path) => images.push(PageImage {
                reference: reference.to_string(),
                path,
                display: address.to_string(),
            }),
            Err(why) => failures.push((address.to_string(), why)),
        }
    }
    images
}

/// What the page's relative references are relative to: its `<base href>` if it has one, else
/// its own address.
fn base_address(page: &Url, bytes: &[u8]) -> Url {
    static BASE: std::sync::LazyLock<Option<regex::bytes::Regex>> =
        std::sync::LazyLock::new(|| {
            regex::bytes::Regex::new(r#"(?i)<base\s[^>]{0,200}?href\s*=\s*["']?([^"'\s>]{1,2000})"#)
                .ok()
        });
    let head = &bytes[..bytes.len().min(64 * 1024)];
    BASE.as_ref()
        .and_then(|base| base.captures(head))
        .and_then(|found| {
            std::str::from_utf8(found.get(1)?.as_bytes())
                .ok()
                .map(str::to_string)
        })
        .and_then(|href| page.join(&href).ok())
        .filter(|base| matches!(base.scheme(), "http" | "https"))
        .unwrap_or_else(|| page.clone())
}

fn fetch_image(
    fetcher: &Fetcher,
    address: &Url,
    folder: &Path,
    index: usize,
) -> Result<PathBuf, String> {
    fetch::check_scheme(address).map_err(|e| format!("image not fetched: {e}"))?;
    let image = fetcher
        .image(address)
        .map_err(|e| format!("image not fetched: {e}"))?;
    let path = folder.join(format!(
        "{:02}-{}",
        index + 1,
        names::file_name(&image, false)
    ));
    std::fs::create_dir_all(folder)
        .and_then(|()| std::fs::write(&path, &image.bytes))
        .map_err(|e| format!("image not kept: {e}"))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_follow_the_pages_base() {
        let page = Url::parse("https://news.example/world/forum.html").unwrap();
        let with_base = br#"<html><head><base href="https://cdn.example/site/"></head>"#;
        assert_eq!(
            base_address(&page, with_base)
                .join("img/a.jpg")
                .unwrap()
                .as_str(),
            "https://cdn.example/site/img/a.jpg"
        );
        let relative_base = br#"<head><BASE target=_blank href='/archive/'>"#;
        assert_eq!(
            base_address(&page, relative_base).as_str(),
            "https://news.example/archive/"
        );
        assert_eq!(base_address(&page, b"<html><head>").as_str(), page.as_str());
        let hostile = br#"<base href="javascript:alert(1)">"#;
        assert_eq!(base_address(&page, hostile).as_str(), page.as_str());
    }

    #[test]
    fn links_are_told_from_paths() {
        assert!(is_link("https://example.org/a"));
        assert!(is_link("  http://127.0.0.1:8080/x "));
        assert!(is_link("ftp://example.org/a"));
        assert!(!is_link("C://Users/a.html"));
        assert!(!is_link("C:\\Users\\a.html"));
        assert!(!is_link("/home/a/https://x.html"));
        assert!(!is_link("notes.txt"));
        assert!(!is_link("mailto:someone@example.org"));
    }
}

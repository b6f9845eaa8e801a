//! What a web page says about itself: title (without the site-name suffix), byline, publication
//! date, site, canonical URL, language, description and lead image — from JSON-LD, Open Graph
//! and other `<meta>` tags, `<time>` and the visible page, most reliable source first.

use dom_query::{Document, Selection};

use super::linked_data::{LinkedData, linked_data};
use super::title::page_title;
use crate::text::{PartialDate, collapse_whitespace};

#[derive(Debug, Default)]
pub(super) struct PageMeta {
    pub title: String,
    pub byline: String,
    pub published: Option<PartialDate>,
    pub site: String,
    pub url: String,
    pub language: Option<String>,
    pub description: String,
    pub lead_image: String,
}

/// `source` is the page's text, whose first lines may say where a saved page came from.
pub(super) fn read(doc: &Document, source: &str) -> PageMeta {
    let ld = linked_data(doc);
    let url = first_absolute_url([
        attr(doc, r#"link[rel="canonical"]"#, "href"),
        meta(doc, "og:url"),
        ld.url.clone(),
    ]);
    let site_name = meta(doc, "og:site_name");
    // Some pages put their address where the name belongs.
    let site_name = if site_name.starts_with("http") {
        host_of(&site_name)
    } else {
        site_name
    };
    let site = first_nonempty([
        site_name,
        ld.publisher.clone(),
        meta(doc, "application-name"),
        host_of(&url),
    ]);
    let title = page_title(doc, &ld, &site);
    PageMeta {
        byline: byline(doc, &ld),
        published: super::published::published(doc, &ld, source),
        language: declared_language(doc),
        description: first_nonempty([
            meta(doc, "description"),
            meta(doc, "og:description"),
            meta(doc, "twitter:description"),
        ]),
        lead_image: first_nonempty([
            meta(doc, "og:image"),
            meta(doc, "og:image:url"),
            meta(doc, "twitter:image"),
            ld.image.clone(),
            attr(doc, r#"link[rel="image_src"]"#, "href"),
        ]),
        title,
        site,
        url,
    }
}

/// `<meta property|name|itemprop="key" content>` — the first non-empty one.
pub(super) fn meta(doc: &Document, key: &str) -> String {
    for sel in doc.select("meta[content]").iter() {
        let names = ["property", "name", "itemprop"].map(|a| sel.attr(a).unwrap_or_default());
        if names.iter().any(|n| n.trim().eq_ignore_ascii_case(key)) {
            let content = collapse_whitespace(&sel.attr("content").unwrap_or_default());
            if !content.is_empty() {
                return content;
            }
        }
    }
    String::new()
}

fn attr(doc: &Document, selector: &str, name: &str) -> String {
    doc.select(selector)
        .iter()
        .find_map(|s| s.attr(name))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

pub(super) fn text_of(sel: &Selection) -> String {
    collapse_whitespace(&sel.text())
}

fn first_nonempty<const N: usize>(candidates: [String; N]) -> String {
    candidates
        .into_iter()
        .find(|c| !c.trim().is_empty())
        .unwrap_or_default()
}

fn first_absolute_url<const N: usize>(candidates: [String; N]) -> String {
    candidates
        .into_iter()
        .find(|c| c.starts_with("http://") || c.starts_with("https://"))
        .unwrap_or_default()
}

/// `www.example.com` → `example.com`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    host.strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase()
}

fn byline(doc: &Document, ld: &LinkedData) -> String {
    if !ld.authors.is_empty() {
        return clean_byline(&ld.authors.join(", "));
    }
    let from_meta = [
        meta(doc, "author"),
        meta(doc, "article:author"),
        meta(doc, "dc.creator"),
        meta(doc, "byl"),
    ];
    if let Some(found) = from_meta
        .iter()
        .map(|m| clean_byline(m))
        .find(|m| !m.is_empty())
    {
        return found;
    }
    for selector in [
        r#"[itemprop="author"]"#,
        r#"a[rel="author"]"#,
        ".byline",
        ".author-name",
        ".author",
    ] {
        for sel in doc.select(selector).iter().take(3) {
            let name = clean_byline(
                &sel.attr("content")
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| text_of(&sel)),
            );
            if !name.is_empty() {
                return name;
            }
        }
    }
    String::new()
}

/// "By JANE DOE" → "JANE DOE"; URLs and long texts are not bylines.
fn clean_byline(raw: &str) -> String {
    let text = collapse_whitespace(raw);
    let mut text = text.as_str();
    const PREFIXES: [&str; 8] = [
        "by ",
        "written by ",
        "автор:",
        "автор ",
        "作者：",
        "作者:",
        "记者：",
        "记者:",
    ];
    for prefix in PREFIXES {
        let head = text.get(..prefix.len());
        if head.is_some_and(|h| h.to_lowercase() == prefix) {
            text = text[prefix.len()..].trim();
            break;
        }
    }
    // What follows a name on a byline: a social handle, a bullet, a separator.
    for stop in [" @", " •", " · ", " | ", "\u{2022}"] {
        if let Some(i) = text.find(stop) {
            text = text[..i].trim();
        }
    }
    if text.starts_with("http")
        || text.contains('@') && !text.contains(' ')
        || text.chars().count() > 120
    {
        return String::new();
    }
    text.to_string()
}

/// `<html lang>`, `content-language` or `og:locale`, as an ISO 639-1 code.
fn declared_language(doc: &Document) -> Option<String> {
    let html = doc.select("html");
    let candidates = [
        html.attr("lang").map(|v| v.to_string()).unwrap_or_default(),
        html.attr("xml:lang")
            .map(|v| v.to_string())
            .unwrap_or_default(),
        attr(doc, r#"meta[http-equiv="content-language" i]"#, "content"),
        meta(doc, "og:locale"),
    ];
    candidates.iter().find_map(|c| {
        let primary = c
            .trim()
            .split(['-', '_', ','])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
    })
}

#[cfg(test)]
#[path = "meta_tests.rs"]
mod tests;

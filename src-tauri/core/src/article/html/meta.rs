//! What a web page says about itself: title (without the site-name suffix), byline, publication
//! date, site, canonical URL, language, description and lead image — from JSON-LD, Open Graph
//! and other `<meta>` tags, `<time>` and the visible page, most reliable source first.

use dom_query::{Document, Selection};
use serde_json::Value;

use crate::text::{PartialDate, collapse_whitespace, parse_date};

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

/// JSON-LD says more than any other source, when a page has it.
#[derive(Debug, Default)]
struct LinkedData {
    headline: String,
    published: Vec<String>,
    authors: Vec<String>,
    publisher: String,
    image: String,
    url: String,
}

/// Only this many JSON-LD blocks and candidate date elements are looked at.
const MAX_LD_BLOCKS: usize = 16;
const MAX_DATE_ELEMENTS: usize = 24;

pub(super) fn read(doc: &Document) -> PageMeta {
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
        published: published(doc, &ld),
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
fn meta(doc: &Document, key: &str) -> String {
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

fn text_of(sel: &Selection) -> String {
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

fn linked_data(doc: &Document) -> LinkedData {
    let mut ld = LinkedData::default();
    for script in doc
        .select(r#"script[type="application/ld+json"]"#)
        .iter()
        .take(MAX_LD_BLOCKS)
    {
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut nodes = Vec::new();
        flatten_graph(&value, &mut nodes, 0);
        for node in nodes.into_iter().filter(|n| is_article(n)) {
            if ld.headline.is_empty() {
                ld.headline = string_of(node.get("headline")).unwrap_or_default();
            }
            for key in ["datePublished", "dateCreated", "uploadDate"] {
                ld.published.extend(string_of(node.get(key)));
            }
            if ld.authors.is_empty() {
                ld.authors = names_of(node.get("author"));
            }
            if ld.publisher.is_empty() {
                ld.publisher = names_of(node.get("publisher"))
                    .into_iter()
                    .next()
                    .unwrap_or_default();
            }
            if ld.image.is_empty() {
                ld.image = image_of(node.get("image")).unwrap_or_default();
            }
            if ld.url.is_empty() {
                ld.url = string_of(node.get("url"))
                    .or_else(|| string_of(node.get("mainEntityOfPage")))
                    .or_else(|| {
                        node.get("mainEntityOfPage")
                            .and_then(|m| string_of(m.get("@id")))
                    })
                    .unwrap_or_default();
            }
        }
    }
    ld
}

/// The objects of a JSON-LD value: arrays and `@graph` opened, a few levels deep.
fn flatten_graph<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten_graph(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            if let Some(graph) = map.get("@graph") {
                flatten_graph(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(node: &Value) -> bool {
    let types: Vec<String> = match node.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => return node.get("headline").is_some(),
    };
    types.iter().any(|t| {
        t.ends_with("Article")
            || t.ends_with("Posting")
            || t == "Report"
            || t == "WebPage"
            || t == "ItemPage"
    })
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(collapse_whitespace(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|v| string_of(Some(v))),
        _ => None,
    }
}

/// Author or publisher names: a string, `{name}`, or a list of either.
fn names_of(value: Option<&Value>) -> Vec<String> {
    let mut names = Vec::new();
    match value {
        Some(Value::String(s)) => names.push(collapse_whitespace(s)),
        Some(Value::Object(map)) => names.extend(string_of(map.get("name"))),
        Some(Value::Array(items)) => items
            .iter()
            .take(10)
            .for_each(|v| names.extend(names_of(Some(v)))),
        _ => {}
    }
    names.retain(|n| !n.is_empty() && !n.starts_with("http"));
    names
}

fn image_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(map) => {
            string_of(map.get("url")).or_else(|| string_of(map.get("contentUrl")))
        }
        Value::Array(items) => items.iter().find_map(|v| image_of(Some(v))),
        _ => None,
    }
}

/// The headline: og:title, JSON-LD headline or `<title>`, with the site name cut off — an `<h1>`
/// that agrees with part of it settles where the headline ends.
fn page_title(doc: &Document, ld: &LinkedData, site: &str) -> String {
    let h1s: Vec<String> = doc
        .select("h1")
        .iter()
        .take(5)
        .map(|h| text_of(&h))
        .filter(|t| !t.is_empty())
        .collect();
    let html_title = doc
        .select("title")
        .iter()
        .next()
        .map(|t| text_of(&t))
        .unwrap_or_default();
    let candidates = [
        meta(doc, "og:title"),
        ld.headline.clone(),
        meta(doc, "twitter:title"),
        html_title,
    ];
    for candidate in candidates.iter().filter(|c| !c.is_empty()) {
        if let Some(h1) = h1s.iter().find(|h| agrees(candidate, h)) {
            return h1.clone();
        }
    }
    let Some(best) = candidates.iter().find(|c| !c.is_empty()) else {
        return h1s.into_iter().next().unwrap_or_default();
    };
    strip_site_name(best, site)
}

/// The `<h1>` is the whole candidate, or the candidate is the `<h1>` plus a site part.
fn agrees(candidate: &str, h1: &str) -> bool {
    let (c, h) = (comparable(candidate), comparable(h1));
    if h.chars().count() < 4 {
        return false;
    }
    c == h
        || split_title(candidate)
            .iter()
            .any(|part| comparable(part) == h)
}

/// "Headline | Site", "Site - Headline", "标题_新华网" → the headline.
pub(super) fn strip_site_name(title: &str, site: &str) -> String {
    let parts = split_title(title);
    if parts.len() < 2 {
        return title.to_string();
    }
    let site_key = comparable(site);
    let is_site = |part: &str| {
        let key = comparable(part);
        !site_key.is_empty()
            && (key == site_key || site_key.contains(&key) || key.contains(&site_key))
    };
    let (first, last) = (parts[0].as_str(), parts[parts.len() - 1].as_str());
    if is_site(last) {
        return rejoin(title, &parts[..parts.len() - 1]);
    }
    if is_site(first) {
        return rejoin(title, &parts[1..]);
    }
    // No site name to go by: a short last part after a long headline is the site's.
    let words = |s: &str| {
        s.split_whitespace()
            .count()
            .max(s.chars().filter(|c| is_cjk(*c)).count() / 2)
    };
    if words(last) <= 4
        && words(&rejoin(title, &parts[..parts.len() - 1])) >= 2 * words(last).max(2)
    {
        return rejoin(title, &parts[..parts.len() - 1]);
    }
    title.to_string()
}

const SEPARATORS: [&str; 8] = [" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " / "];

fn split_title(title: &str) -> Vec<String> {
    for sep in SEPARATORS {
        if title.contains(sep) {
            return title
                .split(sep)
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    if title.chars().any(is_cjk) {
        for sep in ["_", "--", "-", "|"] {
            if title.contains(sep) {
                return title
                    .split(sep)
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
            }
        }
    }
    vec![title.to_string()]
}

/// The parts back together with the separator they were split on.
fn rejoin(title: &str, parts: &[String]) -> String {
    let sep = SEPARATORS
        .iter()
        .copied()
        .chain(["_", "--", "-", "|"])
        .find(|s| title.contains(s))
        .unwrap_or(" ");
    parts.join(sep)
}

fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
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

fn published(doc: &Document, ld: &LinkedData) -> Option<PartialDate> {
    let metas = [
        "article:published_time",
        "og:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
        "article.published",
        "PubDate",
        "publishdate",
        "firstpublishedtime",
    ];
    let candidates = ld
        .published
        .iter()
        .cloned()
        .chain(metas.iter().map(|k| meta(doc, k)));
    if let Some(date) = candidates
        .filter(|c| !c.is_empty())
        .find_map(|c| parse_date(&c))
    {
        return Some(date);
    }
    for sel in doc
        .select(r#"time[datetime], [itemprop="datePublished"]"#)
        .iter()
        .take(MAX_DATE_ELEMENTS)
    {
        let value = sel
            .attr("datetime")
            .or_else(|| sel.attr("content"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| text_of(&sel));
        if let Some(date) = parse_date(&value) {
            return Some(date);
        }
    }
    let visible = r#"[class*="date"], [class*="time"], [id*="date"], [id*="time"], [class*="publish"], [class*="meta"]"#;
    for sel in doc.select(visible).iter().take(MAX_DATE_ELEMENTS) {
        let text = text_of(&sel);
        if text.chars().count() <= 80
            && let Some(date) = parse_date(&text)
        {
            return Some(date);
        }
    }
    None
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

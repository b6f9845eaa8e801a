//! JSON-LD (`<script type="application/ld+json">`): the headline, dates, authors, publisher,
//! image and URL of the page's Article-like objects, `@graph`, arrays and `mainEntity` opened.
//! A block that is not valid JSON is read leniently, and failing that only its dates are
//! taken; it never fails the page.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use crate::text::{collapse_whitespace, pattern};

/// Only this many JSON-LD blocks are parsed.
const MAX_LD_BLOCKS: usize = 16;

/// JSON-LD says more than any other source, when a page has it.
#[derive(Debug, Default)]
pub(super) struct LinkedData {
    pub headline: String,
    /// `datePublished` values, the article's own before those of a web page or a video.
    pub published: Vec<String>,
    /// `dateCreated` and `uploadDate`: weaker than a publication date.
    pub created: Vec<String>,
    /// `dateModified`: used only when nothing else dates the page.
    pub modified: Vec<String>,
    pub authors: Vec<String>,
    pub publisher: String,
    pub image: String,
    pub url: String,
}

pub(super) fn linked_data(doc: &Document) -> LinkedData {
    let mut ld = LinkedData::default();
    for script in doc
        .select(r#"script[type="application/ld+json"]"#)
        .iter()
        .take(MAX_LD_BLOCKS)
    {
        let text = script.text();
        let Some(value) = parse_lenient(&text) else {
            dates_from_broken(&text, &mut ld);
            continue;
        };
        let mut nodes = Vec::new();
        flatten_graph(&value, &mut nodes, 0);
        // The article's own dates first: a page's WebPage or an embedded video has dates too.
        let mut dated: Vec<(&Value, NodeKind)> = nodes
            .iter()
            .filter_map(|n| node_kind(n).map(|kind| (*n, kind)))
            .collect();
        dated.sort_by_key(|(_, kind)| *kind);
        for (node, _) in &dated {
            ld.published.extend(date_of(node.get("datePublished")));
            for key in ["dateCreated", "uploadDate"] {
                ld.created.extend(date_of(node.get(key)));
            }
            ld.modified.extend(date_of(node.get("dateModified")));
        }
        for node in nodes
            .into_iter()
            .filter(|n| node_kind(n).is_some_and(|k| k != NodeKind::Other))
        {
            if ld.headline.is_empty() {
                ld.headline = string_of(node.get("headline")).unwrap_or_default();
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

/// The objects of a JSON-LD value: arrays, `@graph` and `mainEntity` opened, a few levels
/// deep.
fn flatten_graph<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten_graph(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            for key in ["@graph", "mainEntity"] {
                if let Some(inner) = map.get(key) {
                    flatten_graph(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// What a JSON-LD object is to this page, the article itself first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NodeKind {
    Article,
    Page,
    /// A video or other work: its dates count only when nothing closer dates the page.
    Other,
}

fn node_kind(node: &Value) -> Option<NodeKind> {
    let types: Vec<&str> = match node.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => return node.get("headline").is_some().then_some(NodeKind::Article),
    };
    // `NewsArticle`, `schema:NewsArticle` and `https://schema.org/NewsArticle` alike.
    let names = types
        .into_iter()
        .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t));
    names
        .filter_map(|t| {
            if t.ends_with("Article") || t.ends_with("Posting") || t == "Report" {
                Some(NodeKind::Article)
            } else if t.ends_with("WebPage") || t == "ItemPage" {
                Some(NodeKind::Page)
            } else if t == "VideoObject" || t == "CreativeWork" || t == "MediaObject" {
                Some(NodeKind::Other)
            } else {
                None
            }
        })
        .min()
}

/// A date as JSON-LD gives it: a string, a number (a Unix timestamp), `{"@value": …}`, or the
/// first of a list.
fn date_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .map(|n| n.to_string()),
        Value::Object(map) => date_of(map.get("@value")),
        Value::Array(items) => items.iter().find_map(|v| date_of(Some(v))),
        _ => None,
    }
}

/// Parses a block as JSON, then again with what commonly breaks it repaired: a CDATA or
/// comment wrapper, raw line breaks inside strings, commas before a closing bracket.
fn parse_lenient(text: &str) -> Option<Value> {
    let text = text.trim();
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Some(value);
    }
    static TRAILING_COMMA: LazyLock<Regex> = LazyLock::new(|| pattern(r",(\s*[}\]])"));
    let unwrapped = text
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("/*<![CDATA[*/")
        .trim_start_matches("<!--")
        .trim_end_matches("//]]>")
        .trim_end_matches("/*]]>*/")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    let flattened: String = unwrapped
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let repaired = TRAILING_COMMA.replace_all(&flattened, "$1");
    serde_json::from_str::<Value>(&repaired).ok()
}

/// The dates of a block that is not JSON even when repaired (an unescaped quote in a headline
/// is common): `"datePublished": "…"` and its kin, read as they are written.
fn dates_from_broken(text: &str, ld: &mut LinkedData) {
    static DATE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r#""(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*(?:"([^"]{4,64})"|(\d{9,13}))"#,
        )
    });
    for caps in DATE_FIELD.captures_iter(text).take(16) {
        let Some(value) = caps.get(2).or_else(|| caps.get(3)) else {
            continue;
        };
        let value = value.as_str().trim().to_string();
        match &caps[1] {
            "datePublished" => ld.published.push(value),
            "dateModified" => ld.modified.push(value),
            _ => ld.created.push(value),
        }
    }
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

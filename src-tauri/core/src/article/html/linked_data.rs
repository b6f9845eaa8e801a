//! JSON-LD (`<script type="application/ld+json">`): the headline, dates, authors, publisher,
//! image and URL of the page's Article-like objects, `@graph` and arrays opened.

use dom_query::Document;
use serde_json::Value;

use crate::text::collapse_whitespace;

/// Only this many JSON-LD blocks are parsed.
const MAX_LD_BLOCKS: usize = 16;

/// JSON-LD says more than any other source, when a page has it.
#[derive(Debug, Default)]
pub(super) struct LinkedData {
    pub headline: String,
    pub published: Vec<String>,
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

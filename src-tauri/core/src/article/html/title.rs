//! The headline of a page: og:title, JSON-LD headline or `<title>`, without the site name
//! (" - Site", " | Site", "Site — ", "_新华网"), settled by an `<h1>` that agrees with it.

use dom_query::Document;

use super::linked_data::LinkedData;
use super::meta::{meta, text_of};

/// The headline: og:title, JSON-LD headline or `<title>`, with the site name cut off — an `<h1>`
/// that agrees with part of it settles where the headline ends.
pub(super) fn page_title(doc: &Document, ld: &LinkedData, site: &str) -> String {
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

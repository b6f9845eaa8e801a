//! The day a page was published, as the page states it. The publication date comes before dates
//! of creation and of modification; machine-readable statements (JSON-LD, Open Graph, Dublin
//! Core, Parse.ly, other `<meta>` tags, `<time>`) before the date printed in the byline area,
//! and that before the date in the page's address. The answer is the calendar day in the page's
//! own time zone: `2024-03-01T23:30:00-05:00` is 1 March. When the best statement is an instant
//! in UTC, which may fall on the next or the previous day, the page's other statements of the
//! same moment — in its own offset, or printed as a day — settle which day the page meant.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate};
use dom_query::{Document, Matcher, NodeRef, Selection};
use regex::Regex;

use super::linked_data::LinkedData;
use super::meta::{meta, text_of};
use crate::text::{PartialDate, parse_date, parse_timestamp, pattern};

/// How much a source is trusted to give the publication date; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// Says it is the publication date.
    Published,
    /// The date the page was made, or an unlabelled date of the page.
    Created,
    /// Printed in the byline area, or in the page's address.
    Printed,
    /// The date of a modification: only when nothing else dates the page.
    Modified,
}

#[derive(Debug, Clone)]
struct Candidate {
    rank: Rank,
    date: PartialDate,
    /// Printed for readers (in the page or its address) rather than stated for machines: only
    /// such a day may settle which day a UTC instant was on the page's side of the world.
    shown: bool,
}

/// `<meta>` names and properties that state the publication date, most specific first.
const PUBLISHED_META: [&str; 22] = [
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datePublished",
    "published_time",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "prism.publicationDate",
    "firstpublishedtime",
    "original-publish-date",
    "bt:pubDate",
    "date.issued",
];

/// `<meta>` names of a date that is probably the publication's but does not say so.
const CREATED_META: [&str; 7] = [
    "dcterms.created",
    "dc.date.created",
    "dc.date",
    "dcterms.date",
    "date",
    "created",
    "dateCreated",
];

const MODIFIED_META: [&str; 7] = [
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
];

/// Only this many elements are looked at for printed dates.
const MAX_PRINTED_ELEMENTS: usize = 40;
/// A printed date sits in a short line; a long text is a paragraph that mentions a date.
const MAX_PRINTED_CHARS: usize = 160;

/// Elements that print a page's date, in the article or its header.
const PRINTED: &str = r#"time, [itemprop="datePublished"], [class*="date"], [class*="Date"], [class*="time"], [class*="Time"], [class*="publish"], [class*="posted"], [class*="byline"], [class*="dateline"], [class*="meta"], [class*="info"], [id*="date"], [id*="time"], [id*="publish"]"#;
/// Parts of a page whose dates are other articles' or the reader's day.
const ELSEWHERE: &str = r#"nav, aside, footer, [class*="related"], [class*="sidebar"], [class*="recommend"], [class*="comment"], [class*="popular"], [class*="trending"], [class*="latest"], [class*="more-"], [id*="related"], [id*="sidebar"], [id*="comment"]"#;

pub(super) fn published(doc: &Document, ld: &LinkedData, source: &str) -> Option<PartialDate> {
    let mut candidates = Vec::new();
    let push = |candidates: &mut Vec<Candidate>, rank: Rank, value: &str| {
        if let Some(date) = parse_value(value) {
            candidates.push(Candidate {
                rank,
                date,
                shown: false,
            });
        }
    };
    for value in &ld.published {
        push(&mut candidates, Rank::Published, value);
    }
    for key in PUBLISHED_META {
        push(&mut candidates, Rank::Published, &meta(doc, key));
    }
    push(&mut candidates, Rank::Published, &parsely_page_date(doc));
    for value in &ld.created {
        push(&mut candidates, Rank::Created, value);
    }
    for key in CREATED_META {
        push(&mut candidates, Rank::Created, &meta(doc, key));
    }
    for (rank, date) in time_elements(doc) {
        candidates.push(Candidate {
            rank,
            date,
            shown: false,
        });
    }
    // The article's own printed date, then the address's, then a date printed elsewhere on the
    // page (which may be the day the page was saved, printed in the site's header).
    let elsewhere = Matcher::new(ELSEWHERE).ok();
    let article = ["article", "main", r#"[role="main"]"#]
        .iter()
        .map(|scope| doc.select(scope).first())
        .find(|s| !s.is_empty());
    let in_article = article
        .map(|a| printed(&a.select(PRINTED), elsewhere.as_ref()))
        .unwrap_or_default();
    let article_has_one = in_article.iter().any(|c| c.rank == Rank::Printed);
    candidates.extend(in_article);
    candidates.extend(after_headline(doc));
    for url in page_urls(doc, ld, source) {
        if let Some(date) = date_in_url(&url) {
            candidates.push(Candidate {
                rank: Rank::Printed,
                date,
                shown: true,
            });
        }
    }
    if !article_has_one {
        candidates.extend(printed(&doc.select(PRINTED), elsewhere.as_ref()));
    }
    for value in &ld.modified {
        push(&mut candidates, Rank::Modified, value);
    }
    for key in MODIFIED_META {
        push(&mut candidates, Rank::Modified, &meta(doc, key));
    }
    choose(candidates)
}

/// The best candidate as a calendar day. An instant in UTC yields to another statement of the
/// page that names a day that instant can be somewhere (UTC−12 to UTC+14): the same moment in
/// the page's own offset, or a day printed for readers (a machine's day-only value is likely the
/// same UTC day again).
fn choose(mut candidates: Vec<Candidate>) -> Option<PartialDate> {
    // Stable: within a rank, the order sources were read in.
    candidates.sort_by_key(|c| c.rank);
    let best = candidates.first()?.clone();
    let Some(moment) = best.date.moment().filter(|_| best.date.is_utc_instant()) else {
        return Some(best.date.calendar_day());
    };
    let earliest = (moment + Duration::hours(-12)).date_naive();
    let latest = (moment + Duration::hours(14)).date_naive();
    let local = candidates
        .iter()
        .skip(1)
        .filter(|c| c.rank < Rank::Modified)
        .find_map(|c| {
            let day = match c.date.moment() {
                Some(other) if !c.date.is_utc_instant() => {
                    ((other - moment).num_seconds().abs() <= 120).then(|| other.date_naive())
                }
                Some(_) => None,
                None if c.shown => c.date.naive_day(),
                None => None,
            }?;
            (earliest..=latest).contains(&day).then_some(day)
        });
    match local {
        Some(day) => parse_date(&day.format("%Y-%m-%d").to_string()),
        None => Some(best.date.calendar_day()),
    }
}

/// A date as a `<meta>` or JSON-LD value writes it, or a Unix timestamp. The Unix epoch itself
/// is what an empty timestamp becomes in some systems, not a date.
fn parse_value(value: &str) -> Option<PartialDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let date = parse_timestamp(value).or_else(|| parse_date(value))?;
    (!date.value.starts_with("1970-01-01")).then_some(date)
}

/// Parse.ly's `<meta name="parsely-page" content='{"pub_date": …}'>`.
fn parsely_page_date(doc: &Document) -> String {
    let json = meta(doc, "parsely-page");
    serde_json::from_str::<serde_json::Value>(&json)
        .ok()
        .and_then(|v| v.get("pub_date")?.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `<time>` elements: one marked as the publication date (`pubdate`, `itemprop`), else the
/// first in the article or its header that is not labelled as an update.
fn time_elements(doc: &Document) -> Vec<(Rank, PartialDate)> {
    let mut found = Vec::new();
    let elsewhere = Matcher::new(ELSEWHERE).ok();
    // The first one only: a list of other articles marks each of its dates the same way.
    let marked = r#"time[pubdate], [itemprop~="datePublished"]:not(meta), time[class*="publish"], time[class*="pub"]"#;
    let first_marked = doc.select(marked).iter().take(8).find_map(|sel| {
        let node = sel.nodes().first()?;
        if in_part(node, elsewhere.as_ref()) {
            return None;
        }
        let value = sel
            .attr("datetime")
            .or_else(|| sel.attr("content"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| text_of(&sel));
        parse_value(&value)
    });
    found.extend(first_marked.map(|date| (Rank::Published, date)));
    for scope in [
        "article time[datetime]",
        "main time[datetime]",
        "time[datetime]",
    ] {
        let first = doc.select(scope).iter().take(8).find_map(|sel| {
            let node = sel.nodes().first()?;
            if in_part(node, elsewhere.as_ref()) || is_update(node) {
                return None;
            }
            parse_value(&sel.attr("datetime")?)
        });
        if let Some(date) = first {
            found.push((Rank::Created, date));
            break;
        }
    }
    found
}

/// Whether a node lies in a part of the page that is not the article (related links, menus).
fn in_part(node: &NodeRef<'_>, part: Option<&Matcher>) -> bool {
    let Some(part) = part else { return false };
    node.is_match(part) || node.ancestors_it(Some(16)).any(|a| a.is_match(part))
}

/// An element that names a modification: its class, `itemprop` or the words just before it.
fn is_update(node: &NodeRef<'_>) -> bool {
    let attrs = ["class", "itemprop", "id"]
        .iter()
        .filter_map(|a| node.attr(a))
        .map(|v| v.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if ["update", "modif", "edited"]
        .iter()
        .any(|w| attrs.contains(w))
    {
        return true;
    }
    let label = node
        .parent()
        .map(|p| p.text().to_string())
        .unwrap_or_default();
    let own = node.text().to_string();
    let before = label.split(own.as_str()).next().unwrap_or("");
    let before = before.trim_end();
    let tail_start = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    UPDATE_LABEL.is_match(&before[tail_start..])
}

static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:first\s+published|published|posted|publication\s+date|released|опубликовано|дата\s+публикации|发布时间|发表时间|发布日期|发稿时间|发布于|出版日期)(?:\s+on)?\s*[:：]?",
    )
});
static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?:last\s+updated|updated|last\s+modified|modified|revised|edited|обновлено|изменено|обновлён|更新时间|更新于|修改时间|最后更新)",
    )
});

/// Dates printed in the byline area: the elements that may print one, outside menus, related
/// links and footers.
fn printed(selection: &Selection<'_>, elsewhere: Option<&Matcher>) -> Vec<Candidate> {
    let mut found = Vec::new();
    for sel in selection.iter().take(MAX_PRINTED_ELEMENTS) {
        let Some(node) = sel.nodes().first() else {
            continue;
        };
        if in_part(node, elsewhere) {
            continue;
        }
        let text = text_of(&sel);
        if text.is_empty() || text.chars().count() > MAX_PRINTED_CHARS {
            continue;
        }
        if let Some((date, update)) = labelled_date(&text) {
            let update = update || is_update(node);
            found.push(Candidate {
                rank: if update {
                    Rank::Modified
                } else {
                    Rank::Printed
                },
                date,
                shown: true,
            });
        }
    }
    found
}

/// A date printed in the lines right after the headline, where a byline area is whatever its
/// markup: the `<h1>`'s next few elements, then its parent's.
fn after_headline(doc: &Document) -> Vec<Candidate> {
    let headline = doc.select("h1").first();
    let Some(h1) = headline.nodes().first() else {
        return Vec::new();
    };
    fn following<'a>(node: &NodeRef<'a>, count: usize) -> Vec<NodeRef<'a>> {
        std::iter::successors(node.next_element_sibling(), |n| n.next_element_sibling())
            .take(count)
            .collect()
    }
    let mut near = following(h1, 4);
    if let Some(parent) = h1.parent() {
        near.extend(following(&parent, 3));
    }
    let mut found = Vec::new();
    for node in near {
        let text = crate::text::collapse_whitespace(&node.text());
        if text.is_empty() || text.chars().count() > MAX_PRINTED_CHARS {
            continue;
        }
        if let Some((date, update)) = labelled_date(&text) {
            found.push(Candidate {
                rank: if update {
                    Rank::Modified
                } else {
                    Rank::Printed
                },
                date,
                shown: true,
            });
            if !update {
                break;
            }
        }
    }
    found
}

/// The date in a printed line, and whether it is a modification's: after a "Published" label
/// when there is one, else before an "Updated" label, else the first date; a line with only an
/// "Updated" date gives that, marked as such.
fn labelled_date(text: &str) -> Option<(PartialDate, bool)> {
    if let Some(label) = PUBLISHED_LABEL.find(text) {
        let rest = &text[label.end()..];
        let rest = UPDATE_LABEL.find(rest).map_or(rest, |u| &rest[..u.start()]);
        if let Some(date) = parse_date(rest) {
            return Some((date, false));
        }
    }
    match UPDATE_LABEL.find(text) {
        Some(update) => match parse_date(&text[..update.start()]) {
            Some(date) => Some((date, false)),
            None => parse_date(&text[update.end()..]).map(|d| (d, true)),
        },
        None => parse_date(text).map(|d| (d, false)),
    }
}

/// The page's addresses: canonical, `og:url`, JSON-LD, and the one a browser's "save page"
/// notes at the top of the file.
fn page_urls(doc: &Document, ld: &LinkedData, source: &str) -> Vec<String> {
    static SAVED_FROM: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"(?i)(?:saved from url=\(\d+\)|\burl:\s*)(https?://[^\s>]+)"));
    let head = &source[..crate::text::credit::floor_char_boundary(source, 4096)];
    let mut urls: Vec<String> = doc
        .select(r#"link[rel="canonical"]"#)
        .iter()
        .filter_map(|s| s.attr("href").map(|h| h.to_string()))
        .collect();
    urls.push(meta(doc, "og:url"));
    urls.push(ld.url.clone());
    urls.extend(SAVED_FROM.captures(head).map(|c| c[1].to_string()));
    urls.retain(|u| !u.trim().is_empty());
    urls
}

/// A date in a page's path: `/2024/03/01/`, `/2024-03-01/`, `/20240301/`, `/2024/0301/`,
/// `/2024-03/01/`, or only the month (`/2024/03/`).
pub(crate) fn date_in_url(url: &str) -> Option<PartialDate> {
    static DAY_IN_PATH: LazyLock<Regex> = LazyLock::new(|| {
        pattern(r"/((?:19|20)\d{2})(?:[/_-]?(\d{2})[/_-]?(\d{2})|/(\d{1,2})/(\d{1,2}))(?:[/_.-]|$)")
    });
    static MONTH_IN_PATH: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"/((?:19|20)\d{2})[/_-](\d{2})/"));
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or(path);
    for caps in DAY_IN_PATH.captures_iter(path) {
        let year: i32 = caps[1].parse().ok()?;
        let (month, day) = match (caps.get(2), caps.get(3)) {
            (Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => (caps.get(4)?.as_str(), caps.get(5)?.as_str()),
        };
        let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>()) else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            return parse_date(&date.format("%Y-%m-%d").to_string());
        }
    }
    let caps = MONTH_IN_PATH.captures(path)?;
    let month: u32 = caps[2].parse().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| parse_date(&format!("{}-{month:02}", &caps[1])))
        .flatten()
}

#[cfg(test)]
#[path = "published_tests.rs"]
mod tests;

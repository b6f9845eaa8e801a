//! Plain text and Markdown articles in the shape press offices save them: a title line, date
//! lines such as `Updated: 2018-11-02`, the title repeated, caption lines that end in a credit
//! (`... [photo/safea.gov.cn]`), then the body, one paragraph per line or per blank-line block.

use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{Piece, assemble};
use super::{ArticleDraft, ArticleError, decode::decode_text};
use crate::text::{collapse_whitespace, parse_date, pattern};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavour {
    Text,
    Markdown,
}

/// A Markdown image alone on its line: `![caption](images/a.jpg "title")`.
static MD_IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r#"^!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+"(?P<title>[^"]*)")?\s*\)$"#)
});
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| pattern(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)"));
static MD_EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(\*\*|__|\*|~~|`)(?P<inner>[^*`~\n]+?)(\*\*|__|\*|~~|`)"));
static MD_LIST: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:[-*+]|\d{1,3}[.)])\s+"));

pub(super) fn extract(bytes: &[u8], flavour: Flavour) -> Result<ArticleDraft, ArticleError> {
    let text = decode_text(bytes, None)?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut draft = ArticleDraft::default();
    let mut lines: Vec<&str> = text.lines().collect();
    if flavour == Flavour::Markdown {
        read_front_matter(&mut lines, &mut draft);
    }
    assemble(blocks(&lines, flavour), &mut draft);
    Ok(draft)
}

/// Splits lines into paragraphs. Markdown joins the lines of a blank-line block (CommonMark
/// soft breaks) but keeps headings, list items and images apart. Text joins a block's lines
/// only when they are hard-wrapped at a common width; otherwise each line is a paragraph.
fn blocks(lines: &[&str], flavour: Flavour) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if flavour == Flavour::Markdown {
            if line.starts_with("```") || line.starts_with("~~~") {
                in_fence = !in_fence;
                flush(&mut current, flavour, &mut out);
                continue;
            }
            if !in_fence {
                if let Some(block) = markdown_line_block(line, lines.get(i + 1).map(|l| l.trim())) {
                    flush(&mut current, flavour, &mut out);
                    out.push(block);
                    continue;
                }
                if is_setext_underline(line)
                    || line.starts_with("<!--")
                    || line == "---"
                    || line == "***"
                {
                    flush(&mut current, flavour, &mut out);
                    continue;
                }
            }
        }
        if line.is_empty() {
            flush(&mut current, flavour, &mut out);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, flavour, &mut out);
    out
}

/// Headings, list items, images and setext headings each make a block of their own.
fn markdown_line_block(line: &str, next: Option<&str>) -> Option<Piece> {
    if let Some(rest) = line.strip_prefix('#') {
        let text = rest
            .trim_start_matches('#')
            .trim()
            .trim_end_matches('#')
            .trim();
        return Some(Piece {
            text: inline_markdown(text),
            heading: true,
            ..Piece::default()
        });
    }
    if let Some(caps) = MD_IMAGE.captures(line) {
        let alt = caps
            .name("title")
            .filter(|t| !t.as_str().is_empty())
            .or(caps.name("alt"));
        let alt = alt.map_or("", |m| m.as_str()).to_string();
        let src = caps.name("src").map_or("", |m| m.as_str()).to_string();
        return Some(Piece {
            text: alt,
            image: Some(src),
            ..Piece::default()
        });
    }
    if next.is_some_and(is_setext_underline) && !line.is_empty() {
        return Some(Piece {
            text: inline_markdown(line),
            heading: true,
            ..Piece::default()
        });
    }
    if MD_LIST.is_match(line) {
        return Some(Piece {
            text: inline_markdown(&MD_LIST.replace(line, "")),
            heading: false,
            ..Piece::default()
        });
    }
    None
}

fn is_setext_underline(line: &str) -> bool {
    line.len() >= 3 && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

fn flush(current: &mut Vec<&str>, flavour: Flavour, out: &mut Vec<Piece>) {
    if current.is_empty() {
        return;
    }
    let join = flavour == Flavour::Markdown || is_hard_wrapped(current);
    if join {
        let joined = join_wrapped(current);
        let text = if flavour == Flavour::Markdown {
            inline_markdown(&joined)
        } else {
            joined
        };
        out.push(Piece {
            text: collapse_whitespace(&text),
            heading: false,
            ..Piece::default()
        });
    } else {
        for line in current.iter() {
            out.push(Piece {
                text: collapse_whitespace(line),
                heading: false,
                ..Piece::default()
            });
        }
    }
    current.clear();
}

/// A block is hard-wrapped when all its lines but the last fill a common width of at most
/// 100 columns (CJK characters count double).
fn is_hard_wrapped(lines: &[&str]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = lines.iter().map(|l| display_width(l)).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    max <= 100
        && widths[..widths.len() - 1]
            .iter()
            .all(|&w| w * 10 >= max * 7)
}

fn display_width(line: &str) -> usize {
    line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// Joins wrapped lines: a space between words, nothing between CJK characters, and a
/// hyphenated line end rejoined.
fn join_wrapped(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let prev = out.chars().next_back().unwrap_or(' ');
        let next = line.chars().next().unwrap_or(' ');
        if !(is_wide(prev) && is_wide(next)) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Links to their text, emphasis and code marks dropped, block quote markers removed.
fn inline_markdown(text: &str) -> String {
    let text = text.trim_start_matches('>').trim_start();
    let text = text.replace("\n>", "\n");
    let text = MD_LINK.replace_all(&text, "$text");
    let mut text = text.into_owned();
    for _ in 0..3 {
        let replaced = MD_EMPHASIS.replace_all(&text, "$inner");
        if replaced == text {
            break;
        }
        text = replaced.into_owned();
    }
    text.replace("\\*", "*")
        .replace("\\_", "_")
        .replace("\\#", "#")
}

/// YAML front matter (`---` … `---`) at the top: `title`, `date`, `author`, `source`/`url`.
fn read_front_matter(lines: &mut Vec<&str>, draft: &mut ArticleDraft) {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .take(100)
        .position(|l| l.trim() == "---")
    else {
        return;
    };
    for line in &lines[1..=end] {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => draft.title = value.to_string(),
            "date" | "published" => draft.published = parse_date(value),
            "author" | "byline" => draft.byline = value.to_string(),
            "url" | "source_url" | "canonical_url" => draft.url = value.to_string(),
            "site" | "source" => draft.site = value.to_string(),
            "lang" | "language" => {
                draft.language = Some(
                    value
                        .split(['-', '_'])
                        .next()
                        .unwrap_or(value)
                        .to_ascii_lowercase(),
                )
                .filter(|l| l.len() == 2)
            }
            _ => {}
        }
    }
    lines.drain(..=end + 1);
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;

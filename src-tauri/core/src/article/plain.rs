//! Plain text and Markdown articles in the shape press offices save them: a title line, date
//! lines such as `Updated: 2018-11-02`, the title repeated, caption lines that end in a credit
//! (`... [photo/safea.gov.cn]`), then the body, one paragraph per line or per blank-line block.

use std::sync::LazyLock;

use regex::Regex;

use super::{ArticleDraft, ArticleError, FigureDraft, decode::decode_text};
use crate::text::{
    collapse_whitespace, looks_like_caption_line, parse_date, pattern, split_credit,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavour {
    Text,
    Markdown,
}

/// A first line longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 300;
/// Date, byline and source lines are looked for only among the first lines of a document.
const HEADER_LINES: usize = 12;

/// `Updated: 2018-11-02`, `发布时间：2018年11月2日`, `Опубликовано: 2 ноября 2018`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^(?P<label>updated|last\s+updated|published|publication\s+date|posted|posted\s+on|date|released|обновлено|опубликовано|дата(?:\s+публикации)?|更新时间|发布时间|发表时间|时间|日期)\s*(?:on\s+)?[:：]?\s*(?P<rest>.+)$",
    )
});
/// `By Jane Doe`, `Author: x`, `Автор: x`, `作者：x`, `记者：x`.
static BYLINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:(?i:by)\s+|(?i:author|written\s+by|автор|текст|作者|记者|文)\s*[:：|]\s*)(?P<name>.{2,80})$",
    )
});
/// `Source: x`, `Источник: x`, `来源：x`.
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?:(?i:source|источник)\s*:|来源\s*[:：])\s*(?P<site>.{2,80})$"));
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

/// Reads pieces in document order into `draft`: the first short text is the title (unless the
/// draft has one), a repeat of it is dropped, date/byline/source lines near the top become
/// metadata, caption lines become figures — attached to the image just before them — and the
/// rest is body, one paragraph per piece. Shared by text, Markdown, DOCX, ODT and PDF.
pub(super) fn assemble(pieces: Vec<Piece>, draft: &mut ArticleDraft) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut title_key = comparable(&draft.title);
    let mut repeat_dropped = false;
    let mut header = HeaderState::default();
    // The last figure came from an image that has not got its caption yet.
    let mut open_image = false;
    for (index, piece) in pieces.into_iter().enumerate() {
        let Piece {
            text,
            heading,
            caption,
            image,
        } = piece;
        if let Some(src) = image {
            let split = split_credit(&text);
            open_image = split.caption.is_empty() && split.credit.is_empty();
            draft.figures.push(FigureDraft {
                caption: split.caption,
                credit: split.credit,
                image_ref: src,
            });
            continue;
        }
        let follows_image = std::mem::take(&mut open_image);
        if text.is_empty() {
            continue;
        }
        if draft.title.is_empty()
            && paragraphs.is_empty()
            && text.chars().count() <= MAX_TITLE_CHARS
        {
            draft.title = text;
            title_key = comparable(&draft.title);
            continue;
        }
        let in_header = paragraphs.len() < 2 && index <= HEADER_LINES;
        if in_header && !repeat_dropped && !title_key.is_empty() && comparable(&text) == title_key {
            repeat_dropped = true;
            continue;
        }
        if in_header && !heading && header.read(&text, draft) {
            continue;
        }
        let is_caption = !heading
            && (looks_like_caption_line(&text) || (caption && text.chars().count() <= 600));
        if is_caption {
            let split = split_credit(&text);
            match draft.figures.last_mut() {
                Some(figure) if follows_image => {
                    figure.caption = split.caption;
                    figure.credit = split.credit;
                }
                _ => draft.figures.push(FigureDraft {
                    caption: split.caption,
                    credit: split.credit,
                    image_ref: String::new(),
                }),
            }
            continue;
        }
        paragraphs.push(text);
    }
    draft.body_text = paragraphs.join("\n");
}

/// What the header lines have told so far.
#[derive(Default)]
struct HeaderState {
    /// The date in the draft came from an `Updated:` line and yields to a publication date.
    date_is_update: bool,
}

impl HeaderState {
    /// Reads a date, byline or source line near the top into the draft; says whether it was one.
    fn read(&mut self, text: &str, draft: &mut ArticleDraft) -> bool {
        if text.chars().count() > 120 {
            return false;
        }
        if let Some(caps) = DATE_LINE.captures(text)
            && let Some(date) = caps.name("rest").and_then(|r| parse_date(r.as_str()))
        {
            let label = caps.name("label").map_or("", |l| l.as_str()).to_lowercase();
            let is_update = ["updated", "обновлено", "更新"]
                .iter()
                .any(|u| label.contains(u));
            if draft.published.is_none() || (self.date_is_update && !is_update) {
                draft.published = Some(date);
                self.date_is_update = is_update;
            }
            return true;
        }
        if draft.published.is_none()
            && is_bare_date(text)
            && let Some(date) = parse_date(text)
        {
            draft.published = Some(date);
            return true;
        }
        if draft.byline.is_empty()
            && let Some(name) = BYLINE_LINE.captures(text).and_then(|c| c.name("name"))
            && is_plausible_name(name.as_str())
        {
            draft.byline = name.as_str().trim().to_string();
            return true;
        }
        if draft.site.is_empty()
            && let Some(site) = SOURCE_LINE.captures(text).and_then(|c| c.name("site"))
        {
            draft.site = site.as_str().trim().to_string();
            return true;
        }
        false
    }
}

/// "Jane Doe", "Иван Петров и Анна Смирнова", "张三" — not "2020 the number doubled."
fn is_plausible_name(name: &str) -> bool {
    let name = name.trim();
    name.split_whitespace().count() <= 8
        && !name.chars().any(|c| c.is_ascii_digit())
        && !name.ends_with(['.', '。', '!', '?', '！', '？', ','])
}

/// A line that is nothing but a date ("November 2, 2018", "2018年11月2日 10:30").
fn is_bare_date(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits >= 4 && letters <= 12 && text.chars().count() <= 40
}

/// Lowercase letters and digits only: how a repeated title is recognised.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One unit of a document in reading order: a paragraph or heading, or an image (`image` is
/// its reference and `text` its caption, if the format gives one there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Piece {
    pub text: String,
    pub heading: bool,
    /// The document marks this text as a caption (a Caption style, a text box by an image).
    pub caption: bool,
    pub image: Option<String>,
}

impl Piece {
    pub(super) fn text(text: String) -> Self {
        Piece {
            text,
            ..Piece::default()
        }
    }
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

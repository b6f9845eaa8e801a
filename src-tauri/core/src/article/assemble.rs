//! The shared reader of documents in reading order — text, Markdown, DOCX, ODT and PDF all
//! come down to a sequence of paragraphs, headings and images. The first short text is the
//! title, a repeat of it is dropped, date, byline and source lines near the top become
//! metadata, caption lines become figures, and the rest is the body.

use std::sync::LazyLock;

use regex::Regex;

use super::{ArticleDraft, FigureDraft};
use crate::text::{looks_like_caption_line, parse_date, pattern, split_credit};

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

/// Reads pieces in document order into `draft`: the first short text is the title (unless the
/// draft has one), a repeat of it is dropped, date/byline/source lines near the top become
/// metadata, caption lines become figures — attached to the image just before them — and the
/// rest is body, one paragraph per piece.
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

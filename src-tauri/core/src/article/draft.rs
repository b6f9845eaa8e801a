//! The last step every format shares: tidy the draft's text, fill language, excerpt, a display
//! HTML and a title where the format gave none, and refuse drafts with nothing in them.

use super::{ArticleDraft, ArticleError, ArticleFormat};
use crate::text::{PartialDate, collapse_whitespace, detect_language};

/// An excerpt is about this long, cut at a word or sentence boundary.
const EXCERPT_CHARS: usize = 280;

pub(super) fn finish(
    mut draft: ArticleDraft,
    format: ArticleFormat,
    file_name: &str,
) -> Result<ArticleDraft, ArticleError> {
    draft.title = collapse_whitespace(&draft.title);
    draft.byline = collapse_whitespace(&draft.byline);
    draft.site = collapse_whitespace(&draft.site);
    draft.url = draft.url.trim().to_string();
    // An article is dated by the calendar day its source states, in the source's own time
    // zone; the time of day is not kept.
    draft.published = draft.published.map(PartialDate::calendar_day);
    draft.body_text = normalise_paragraphs(&draft.body_text);
    for figure in &mut draft.figures {
        figure.caption = collapse_whitespace(&figure.caption);
        figure.credit = collapse_whitespace(&figure.credit);
        figure.image_ref = figure.image_ref.trim().to_string();
    }

    if draft.body_text.is_empty()
        && draft.title.is_empty()
        && draft.figures.is_empty()
        && !draft.needs_ocr
    {
        return Err(ArticleError::NoContent(format.label()));
    }
    if draft.title.is_empty() {
        draft.title = fallback_title(&draft.body_text, file_name);
    }
    if draft.language.is_none() {
        let sample = format!("{}\n{}", draft.title, draft.body_text);
        draft.language = detect_language(&sample);
    }
    if draft.excerpt.trim().is_empty() {
        draft.excerpt = excerpt(&draft.body_text);
    } else {
        draft.excerpt = collapse_whitespace(&draft.excerpt);
    }
    if draft.body_html.trim().is_empty() {
        draft.body_html = paragraphs_to_html(&draft.body_text);
    }
    Ok(draft)
}

/// The draft of a scanned page (a picture of a document): the picture's own title or its file's
/// name, and an empty body that OCR fills in.
pub(crate) fn scanned_page(title: &str, file_name: &str) -> ArticleDraft {
    let title = collapse_whitespace(title);
    ArticleDraft {
        title: if title.is_empty() {
            fallback_title("", file_name)
        } else {
            title
        },
        needs_ocr: true,
        ..ArticleDraft::default()
    }
}

/// One paragraph per line, whitespace collapsed, empty lines dropped.
pub(crate) fn normalise_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse_whitespace(line);
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&line);
        }
    }
    out
}

/// The first body line if it is short enough to be a heading, else the file name's stem.
fn fallback_title(body: &str, file_name: &str) -> String {
    let first = body.lines().next().unwrap_or("");
    if !first.is_empty() && first.chars().count() <= 150 {
        return first.to_string();
    }
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = collapse_whitespace(&stem.replace(['_'], " "));
    if stem.is_empty() {
        truncate_words(first, 100)
    } else {
        stem
    }
}

/// The opening of the body, about [`EXCERPT_CHARS`] long.
pub(crate) fn excerpt(body: &str) -> String {
    let mut out = String::new();
    for paragraph in body.lines() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(paragraph);
        if out.chars().count() >= EXCERPT_CHARS / 2 {
            break;
        }
    }
    truncate_words(&out, EXCERPT_CHARS)
}

/// `text` cut to at most `max` characters at a space or sentence end, with an ellipsis.
pub(super) fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut
        .rfind(|c: char| c.is_whitespace() || "。！？，；".contains(c))
        .filter(|&i| i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// `<p>` per paragraph, text escaped: the display HTML of formats that have no HTML.
pub(crate) fn paragraphs_to_html(body: &str) -> String {
    let mut html = String::with_capacity(body.len() + body.len() / 8);
    for paragraph in body.lines() {
        html.push_str("<p>");
        html.push_str(&escape_html(paragraph));
        html.push_str("</p>\n");
    }
    html
}

pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

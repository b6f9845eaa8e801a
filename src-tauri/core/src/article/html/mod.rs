//! Web pages: metadata from the page's own tags, the main text by agreement of two extractors,
//! figures in order with the lead image first, and a sanitised HTML copy for display.

mod blocks;
mod body;
mod linked_data;
mod meta;
mod nesting;
mod published;
pub(crate) mod sanitize;
mod title;

use dom_query::Document;
use encoding_rs::Encoding;

pub(crate) use self::published::date_in_url;

use self::blocks::Block;
use super::decode::{decode_text, sniff_html_charset};
use super::{ArticleDraft, ArticleError, FigureDraft};
use crate::text::detect_language;

/// Reads a page from bytes: BOM, then `declared` (a MIME charset), then `<meta charset>`, then
/// a guess.
pub(super) fn extract(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<ArticleDraft, ArticleError> {
    let declared = declared.or_else(|| sniff_html_charset(bytes));
    let text = decode_text(bytes, declared)?;
    Ok(extract_str(&text))
}

/// Reads a page that is already text.
pub(super) fn extract_str(html: &str) -> ArticleDraft {
    let html = nesting::flatten(html);
    // One parse serves the metadata and then the container extractor, which consumes it.
    let page = Document::from(html.as_ref());
    let meta = meta::read(&page, &html);
    let blocks = body::extract(&html, page, &meta.title);

    let mut figures: Vec<FigureDraft> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f.clone()),
            Block::Text { .. } => None,
        })
        .collect();
    if !meta.lead_image.is_empty()
        && !figures
            .iter()
            .any(|f| same_image(&f.image_ref, &meta.lead_image))
    {
        figures.insert(
            0,
            FigureDraft {
                image_ref: meta.lead_image.clone(),
                ..FigureDraft::default()
            },
        );
    }
    let body_text = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text.as_str()),
            Block::Figure(_) => None,
        })
        .collect::<Vec<_>>()
        .join("\n");

    let language = choose_language(meta.language, &meta.title, &body_text);
    ArticleDraft {
        title: meta.title,
        byline: meta.byline,
        site: meta.site,
        url: meta.url,
        published: meta.published,
        language,
        body_html: sanitize::blocks_to_html(&blocks),
        body_text,
        excerpt: meta.description,
        figures,
        embedded: Vec::new(),
        needs_ocr: false,
    }
}

/// Two references name the same image when their file names match (`a.jpg?w=800` and
/// `https://cdn/x/a.jpg` do).
pub(super) fn same_image(a: &str, b: &str) -> bool {
    let name = |s: &str| {
        let path = s.split(['?', '#']).next().unwrap_or(s);
        path.rsplit(['/', '\\'])
            .next()
            .unwrap_or(path)
            .to_ascii_lowercase()
    };
    let (a, b) = (name(a), name(b));
    !a.is_empty() && a == b
}

/// The declared language unless the text plainly says otherwise (templates often declare
/// `lang="en"` on every page of a multilingual site).
fn choose_language(declared: Option<String>, title: &str, body: &str) -> Option<String> {
    let detected = detect_language(&format!("{title}\n{}", language_sample(body)));
    match (declared, detected) {
        (Some(d), Some(t)) if d != t && body.chars().count() >= 200 => Some(t),
        (Some(d), _) => Some(d),
        (None, t) => t,
    }
}

/// The start of `body`, which is all language detection reads: copying a long page whole for it
/// would cost more than the detection.
fn language_sample(body: &str) -> &str {
    &body[..crate::text::credit::floor_char_boundary(body, 3 * 1024)]
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

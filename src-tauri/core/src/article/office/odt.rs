//! ODT: `content.xml` paragraphs and headings in order (tables, lists and frames included),
//! captions from the text box LibreOffice puts around a captioned picture, pictures from
//! `Pictures/`, and the title from `meta.xml`.

use std::sync::LazyLock;

use regex::Regex;

use super::xml::{XmlEvent, first_text_of, for_each_event};
use super::{Package, good_title};
use crate::article::assemble::{Piece, assemble};
use crate::article::{ArticleDraft, ArticleError, ArticleFormat};
use crate::text::{collapse_whitespace, pattern};

const FORMAT: ArticleFormat = ArticleFormat::Odt;

/// "Illustration 1: ", "Figure 2. ", "Рисунок 3 — ", "图 1：" — the numbering LibreOffice adds.
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?i:illustration|figure|image|drawing|picture|рисунок|иллюстрация|изображение|图|插图)\s*\d*\s*[:：.—–-]\s*",
    )
});

pub(in crate::article) fn extract(bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    let mut package = Package::open(bytes, FORMAT)?;
    let content = package.require("content.xml")?;
    let pieces = read_content(&content)?;
    let mut draft = ArticleDraft::default();
    if let Some(meta) = package.read("meta.xml")? {
        draft.title = first_text_of(&meta, FORMAT, "meta.xml", "dc:title")
            .filter(|t| good_title(t))
            .unwrap_or_default();
    }
    let images: Vec<String> = pieces.iter().filter_map(|p| p.image.clone()).collect();
    assemble(pieces, &mut draft);
    draft.embedded = package.embedded(&images)?;
    Ok(draft)
}

#[derive(Default)]
struct Paragraph {
    text: String,
    heading: bool,
    in_text_box: bool,
}

fn read_content(xml: &[u8]) -> Result<Vec<Piece>, ArticleError> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut open: Vec<Paragraph> = Vec::new();
    let mut text_boxes = 0usize;
    // Footnotes, annotations and the tracked-changes log are not the article.
    let mut skip_depth = 0usize;
    let mut in_body = false;
    for_each_event(xml, FORMAT, "content.xml", |event| {
        if skip_depth > 0 {
            match event {
                XmlEvent::Start(tag) if is_skipped(&tag.name) => skip_depth += 1,
                XmlEvent::End(name) if is_skipped(&name) => skip_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            XmlEvent::Start(tag) => match tag.name.as_str() {
                "office:text" => in_body = true,
                name if is_skipped(name) => skip_depth = 1,
                "text:p" | "text:h" if in_body => open.push(Paragraph {
                    heading: tag.name == "text:h"
                        || tag
                            .attr("text:style-name")
                            .is_some_and(|s| s.eq_ignore_ascii_case("title")),
                    in_text_box: text_boxes > 0,
                    ..Paragraph::default()
                }),
                "draw:text-box" => text_boxes += 1,
                "draw:image" if in_body => pieces.extend(image_piece(&tag)),
                _ => {}
            },
            XmlEvent::Empty(tag) => match tag.name.as_str() {
                "text:s" => {
                    let count = tag
                        .attr("text:c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(8);
                    if let Some(p) = open.last_mut() {
                        p.text.push_str(&" ".repeat(count));
                    }
                }
                "text:tab" | "text:line-break" => {
                    if let Some(p) = open.last_mut() {
                        p.text.push(' ');
                    }
                }
                "draw:image" if in_body => pieces.extend(image_piece(&tag)),
                _ => {}
            },
            XmlEvent::End(name) => match name.as_str() {
                "office:text" => in_body = false,
                "draw:text-box" => text_boxes = text_boxes.saturating_sub(1),
                "text:p" | "text:h" => {
                    if let Some(p) = open.pop() {
                        let mut text = collapse_whitespace(&p.text);
                        if p.in_text_box {
                            text = CAPTION_LABEL.replace(&text, "").into_owned();
                        }
                        if !text.is_empty() {
                            pieces.push(Piece {
                                text,
                                heading: p.heading,
                                caption: p.in_text_box,
                                image: None,
                            });
                        }
                    }
                }
                _ => {}
            },
            XmlEvent::Text(text) => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&text);
                }
            }
        }
    })?;
    Ok(pieces)
}

/// A picture stored in the package (`Pictures/…`); linked remote images are not embedded.
fn image_piece(tag: &super::xml::Tag) -> Option<Piece> {
    let href = tag
        .attr("xlink:href")
        .filter(|h| !h.is_empty() && !h.contains("://"))?;
    Some(Piece {
        image: Some(href.trim_start_matches("./").to_string()),
        ..Piece::default()
    })
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "text:note" | "office:annotation" | "text:tracked-changes" | "text:sequence-decls"
    )
}

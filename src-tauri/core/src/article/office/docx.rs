//! DOCX: `word/document.xml` paragraphs in order (table cells and text boxes included), Title
//! and Heading styles, Caption-styled paragraphs, pictures via the relationships part, and the
//! title from `docProps/core.xml`.

use std::collections::HashMap;

use super::xml::{XmlEvent, first_text_of, for_each_event};
use super::{Package, good_title};
use crate::article::assemble::{Piece, assemble};
use crate::article::{ArticleDraft, ArticleError, ArticleFormat};

const FORMAT: ArticleFormat = ArticleFormat::Docx;

pub(in crate::article) fn extract(bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    let mut package = Package::open(bytes, FORMAT)?;
    let document = package.require("word/document.xml")?;
    let relationships = match package.read("word/_rels/document.xml.rels")? {
        Some(xml) => image_targets(&xml)?,
        None => HashMap::new(),
    };
    let pieces = read_document(&document, &relationships)?;

    let mut draft = ArticleDraft::default();
    if let Some(core) = package.read("docProps/core.xml")? {
        draft.title = first_text_of(&core, FORMAT, "docProps/core.xml", "dc:title")
            .filter(|t| good_title(t))
            .unwrap_or_default();
    }
    let images: Vec<String> = pieces.iter().filter_map(|p| p.image.clone()).collect();
    assemble(pieces, &mut draft);
    draft.embedded = package.embedded(&images)?;
    Ok(draft)
}

/// Relationship id → package path of each internal image (`rId5` → `word/media/image1.png`).
fn image_targets(xml: &[u8]) -> Result<HashMap<String, String>, ArticleError> {
    let mut targets = HashMap::new();
    for_each_event(xml, FORMAT, "word/_rels/document.xml.rels", |event| {
        if let XmlEvent::Empty(tag) | XmlEvent::Start(tag) = event
            && tag.name == "Relationship"
            && tag.attr("Type").is_some_and(|t| t.ends_with("/image"))
            && tag.attr("TargetMode") != Some("External")
            && let (Some(id), Some(target)) = (tag.attr("Id"), tag.attr("Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("word/{}", target.trim_start_matches("./")),
            };
            targets.insert(id.to_string(), path);
        }
    })?;
    Ok(targets)
}

#[derive(Default)]
struct Paragraph {
    text: String,
    style: String,
    images: Vec<String>,
}

fn read_document(xml: &[u8], images: &HashMap<String, String>) -> Result<Vec<Piece>, ArticleError> {
    let mut pieces = Vec::new();
    let mut open: Vec<Paragraph> = Vec::new();
    let mut in_text = false;
    // Inside mc:Fallback (a duplicate of mc:Choice for old readers): ignored.
    let mut fallback_depth = 0usize;
    for_each_event(xml, FORMAT, "word/document.xml", |event| {
        if fallback_depth > 0 {
            match event {
                XmlEvent::Start(tag) if tag.name == "mc:Fallback" => fallback_depth += 1,
                XmlEvent::End(name) if name == "mc:Fallback" => fallback_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            XmlEvent::Start(tag) => match tag.name.as_str() {
                "mc:Fallback" => fallback_depth = 1,
                "w:p" => open.push(Paragraph::default()),
                "w:t" => in_text = true,
                _ => {}
            },
            XmlEvent::Empty(tag) => match tag.name.as_str() {
                "w:p" => pieces.extend(finish(Paragraph::default())),
                "w:pStyle" => {
                    if let (Some(p), Some(style)) = (open.last_mut(), tag.attr("w:val")) {
                        p.style = style.to_string();
                    }
                }
                "w:tab" | "w:br" | "w:cr" => {
                    if let Some(p) = open.last_mut() {
                        p.text.push(' ');
                    }
                }
                "w:noBreakHyphen" => {
                    if let Some(p) = open.last_mut() {
                        p.text.push('-');
                    }
                }
                "a:blip" | "v:imagedata" => {
                    let id = tag.attr("r:embed").or_else(|| tag.attr("r:id"));
                    if let (Some(p), Some(path)) =
                        (open.last_mut(), id.and_then(|id| images.get(id)))
                    {
                        p.images.push(path.clone());
                    }
                }
                _ => {}
            },
            XmlEvent::End(name) => match name.as_str() {
                "w:t" => in_text = false,
                "w:p" => {
                    if let Some(p) = open.pop() {
                        pieces.extend(finish(p));
                    }
                }
                _ => {}
            },
            XmlEvent::Text(text) => {
                if in_text && let Some(p) = open.last_mut() {
                    p.text.push_str(&text);
                }
            }
        }
    })?;
    Ok(pieces)
}

/// A paragraph's pictures, then its text with what its style says about it.
fn finish(paragraph: Paragraph) -> Vec<Piece> {
    let style = paragraph.style.to_ascii_lowercase();
    let mut pieces: Vec<Piece> = paragraph
        .images
        .into_iter()
        .map(|src| Piece {
            image: Some(src),
            ..Piece::default()
        })
        .collect();
    let text = crate::text::collapse_whitespace(&paragraph.text);
    if !text.is_empty() {
        pieces.push(Piece {
            text,
            heading: style == "title" || style.starts_with("heading") || style == "subtitle",
            caption: style.contains("caption"),
            image: None,
        });
    }
    pieces
}

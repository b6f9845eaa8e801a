//! A DOM subtree flattened into the blocks a reader sees, in order: paragraphs, headings, list
//! items, quotes, preformatted text and figures (image plus caption and credit). The walk is
//! iterative, so no page can exhaust the stack, and captions never end up in the body text.

use dom_query::NodeRef;

use crate::article::FigureDraft;
use crate::text::{collapse_whitespace, looks_like_caption_line, split_credit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Paragraph,
    Heading(u8),
    Item,
    Quote,
    Pre,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Text {
        kind: Kind,
        text: String,
        caption_hint: bool,
    },
    Figure(FigureDraft),
}

/// Never rendered or read: scripts, forms, embedded objects.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "input", "select", "textarea", "svg", "math", "canvas", "video", "audio", "head", "title",
    "dialog", "menu",
];
/// Page furniture, skipped when a whole page is read without an extractor's help.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside"];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figcaption",
    "address",
    "center",
    "hr",
    "details",
    "summary",
];

/// Lazy-loading pages keep the real address in one of these.
const IMAGE_SOURCES: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "src",
];

/// Reads `root` into blocks. `whole_page` also skips navigation, headers, footers and asides.
pub(super) fn read_blocks(root: &NodeRef, whole_page: bool) -> Vec<Block> {
    let mut walk = Walk {
        blocks: Vec::new(),
        buffer: String::new(),
        kinds: vec![(Kind::Paragraph, false)],
    };
    // (node, entering) pairs: children are pushed in reverse so they come out in order.
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        if node.is_text() {
            walk.buffer.push_str(&node.text());
            continue;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if !entering {
            walk.flush();
            walk.kinds.pop();
            continue;
        }
        if SKIP.contains(&name.as_str())
            || (whole_page && FURNITURE.contains(&name.as_str()))
            || is_hidden(&node)
        {
            continue;
        }
        match name.as_str() {
            "br" => {
                walk.flush();
                continue;
            }
            "img" => {
                if let Some(figure) = image_figure(&node) {
                    walk.flush();
                    walk.blocks.push(Block::Figure(figure));
                }
                continue;
            }
            "figure" => {
                if let Some(figure) = read_figure(&node) {
                    walk.flush();
                    walk.blocks.push(Block::Figure(figure));
                    continue;
                }
            }
            "td" | "th" => walk.buffer.push(' '),
            _ => {}
        }
        if BLOCKS.contains(&name.as_str()) {
            walk.flush();
            let (parent_kind, parent_hint) = walk
                .kinds
                .last()
                .copied()
                .unwrap_or((Kind::Paragraph, false));
            let kind = match name.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading(name.as_bytes()[1] - b'0'),
                "li" | "dd" | "dt" => Kind::Item,
                "blockquote" => Kind::Quote,
                "pre" => Kind::Pre,
                _ => parent_kind,
            };
            let hint = parent_hint || name == "figcaption" || has_caption_class(&node);
            walk.kinds.push((kind, hint));
            stack.push((node, false));
        }
        let children: Vec<NodeRef> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(|c| (c, true)));
    }
    walk.flush();
    attach_captions(walk.blocks)
}

struct Walk {
    blocks: Vec<Block>,
    buffer: String,
    kinds: Vec<(Kind, bool)>,
}

impl Walk {
    fn flush(&mut self) {
        let text = collapse_whitespace(&self.buffer);
        self.buffer.clear();
        if text.is_empty() {
            return;
        }
        let (kind, caption_hint) = self
            .kinds
            .last()
            .copied()
            .unwrap_or((Kind::Paragraph, false));
        self.blocks.push(Block::Text {
            kind,
            text,
            caption_hint,
        });
    }
}

/// A `<figure>` with an image and/or a caption; `None` when it holds neither (then it is read
/// as ordinary content).
fn read_figure(figure: &NodeRef) -> Option<FigureDraft> {
    let image_ref = figure
        .descendants_it()
        .find(|n| {
            n.node_name()
                .is_some_and(|name| name.eq_ignore_ascii_case("img"))
        })
        .and_then(|img| image_source(&img))
        .unwrap_or_default();
    let caption_node = figure.descendants_it().find(|n| {
        n.node_name()
            .is_some_and(|name| name.eq_ignore_ascii_case("figcaption"))
    });
    let caption_text = caption_node
        .as_ref()
        .map(|c| collapse_whitespace(&c.text()))
        .unwrap_or_default();
    if image_ref.is_empty() && caption_text.is_empty() {
        return None;
    }
    // A separate credit element (`<span class="credit">`) inside the caption wins over markers.
    let credit_node = figure.descendants_it().find(|n| {
        n.is_element()
            && n.class().is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                ["credit", "copyright", "photographer", "byline", "source"]
                    .iter()
                    .any(|k| c.contains(k))
            })
    });
    let (caption, credit) = match credit_node {
        Some(node) => {
            let credit = collapse_whitespace(&node.text());
            let caption = collapse_whitespace(&caption_text.replace(credit.as_str(), " "));
            let split = split_credit(&credit);
            let credit = if split.credit.is_empty() {
                credit
            } else {
                split.credit
            };
            (caption, credit)
        }
        None => {
            let split = split_credit(&caption_text);
            (split.caption, split.credit)
        }
    };
    Some(FigureDraft {
        caption,
        credit,
        image_ref,
    })
}

/// A content image outside `<figure>`; icons, spacers and tracking pixels are not figures.
fn image_figure(img: &NodeRef) -> Option<FigureDraft> {
    let small = ["width", "height"].iter().any(|a| {
        img.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|v| v < 60)
    });
    if small {
        return None;
    }
    let image_ref = image_source(img)?;
    Some(FigureDraft {
        caption: String::new(),
        credit: String::new(),
        image_ref,
    })
}

/// The image address as written, preferring a lazy-loading attribute over a placeholder `src`.
pub(super) fn image_source(img: &NodeRef) -> Option<String> {
    IMAGE_SOURCES.iter().find_map(|attr| {
        let value = img.attr(attr)?.trim().to_string();
        let placeholder =
            value.is_empty() || value.starts_with("data:") || value.starts_with("about:");
        (!placeholder).then_some(value)
    })
}

fn has_caption_class(node: &NodeRef) -> bool {
    let class = node
        .class()
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    class.contains("caption") || class.contains("credit")
}

fn is_hidden(node: &NodeRef) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || node.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A figure without a caption takes the text block right after it when that block is a
/// caption: it has a caption class, or it ends in a credit.
fn attach_captions(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut iter = blocks.into_iter().peekable();
    while let Some(block) = iter.next() {
        let Block::Figure(mut figure) = block else {
            out.push(block);
            continue;
        };
        if figure.caption.is_empty()
            && figure.credit.is_empty()
            && let Some(Block::Text {
                text, caption_hint, ..
            }) = iter.peek()
            && (*caption_hint || looks_like_caption_line(text))
        {
            let split = split_credit(text);
            figure.caption = split.caption;
            figure.credit = split.credit;
            iter.next();
        }
        out.push(Block::Figure(figure));
    }
    out
}

//! The main text of a page, by agreement of two extractors. dom_smoothie (a Readability port)
//! finds the article container and keeps its structure and figures; rs-trafilatura judges text
//! block by block. A block of the container is kept when trafilatura kept the same text: each
//! alone leaves related links, tag lists and promos in, but rarely the same ones. On the
//! article-extraction benchmark this scores F1 0.97+ where either alone scores ~0.95.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use rustc_hash::FxHashSet;

use super::blocks::{Block, Kind, read_blocks};
use crate::article::FigureDraft;
use crate::text::{looks_like_caption_line, pattern, split_credit};

/// Fewer tokens than this from an extractor means it found nothing.
const MIN_TOKENS: usize = 20;
/// A block is kept when this share of its 4-token shingles is in trafilatura's text.
const AGREEMENT: f64 = 0.5;

/// Lines that are page furniture whatever the extractors think, in the archive's languages.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^(?:read more\b|see more\b|see also\b|related(?: articles| stories| news)?\s*:|more\s*:|also on\b|don'?t miss\b|you may also like|advert(?:isement)?$|tags?\s*:?$|click here\b|sign up\b|follow us\b|like this story|share this\b|this slideshow requires|image \d+ of \d+$|читайте также|реклама$|подписывайтесь|поделиться$|相关阅读|相关新闻|相关链接|推荐阅读|责任编辑|分享到|扫一扫)",
    )
});

/// The page's blocks in reading order, boilerplate removed, the headline not repeated.
/// `page` is `html` already parsed; the container extractor takes it over.
pub(super) fn extract(html: &str, page: Document, title: &str) -> Vec<Block> {
    let container = smoothie_blocks(page);
    let judge = trafilatura_text(html);
    let container_tokens = container.as_ref().map_or(0, |b| text_tokens(b));
    let judge_tokens = judge.as_ref().map_or(0, |t| words(t).count());

    let blocks = match (container, judge) {
        (Some(blocks), Some(judge))
            if container_tokens >= MIN_TOKENS && judge_tokens >= MIN_TOKENS =>
        {
            agreeing(blocks, &judge)
        }
        (Some(blocks), _) if container_tokens >= MIN_TOKENS => blocks,
        (_, Some(judge)) if judge_tokens >= MIN_TOKENS => judge
            .lines()
            .map(|line| Block::Text {
                kind: Kind::Paragraph,
                text: line.trim().to_string(),
                caption_hint: false,
            })
            .collect(),
        _ => whole_page_blocks(html),
    };
    finish(blocks, title)
}

fn smoothie_blocks(page: Document) -> Option<Vec<Block>> {
    // Credit and caption classes survive so that figures can be read from the container.
    let classes_to_preserve = [
        "credit",
        "copyright",
        "photographer",
        "byline",
        "source",
        "caption",
        "wp-caption-text",
    ];
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 200_000,
        classes_to_preserve: classes_to_preserve.map(String::from).to_vec(),
        ..Default::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(page, None, Some(cfg)).ok()?;
    let article = readability.parse().ok()?;
    let content = Document::fragment(article.content.to_string());
    Some(read_blocks(&content.root(), false))
}

fn trafilatura_text(html: &str) -> Option<String> {
    // Its default stops at 1 MB of text, which would make it disagree with everything after.
    let options = rs_trafilatura::Options {
        max_extracted_len: usize::MAX,
        // Folio imports articles: the page-type classifier (a model run on every page) would
        // only confirm it.
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..Default::default()
    };
    rs_trafilatura::extract_with_options(html, &options)
        .ok()
        .map(|r| r.content_text)
}

/// Everything readable in `<body>` except page furniture: the last resort.
fn whole_page_blocks(html: &str) -> Vec<Block> {
    let doc = Document::from(html);
    let body = doc.select("body");
    match body.nodes().first() {
        Some(node) => read_blocks(node, true),
        None => read_blocks(&doc.root(), true),
    }
}

/// The words of `text` (runs of letters, digits and `_`), as the extractors are compared by.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
}

fn text_tokens(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Text { text, .. } => words(text).count(),
            Block::Figure(_) => 0,
        })
        .sum()
}

/// The container's blocks that trafilatura also kept; figures are kept as they are.
fn agreeing(blocks: Vec<Block>, judge: &str) -> Vec<Block> {
    let judge_tokens: Vec<&str> = words(judge).collect();
    let token_set: FxHashSet<&str> = judge_tokens.iter().copied().collect();
    let shingle_set: FxHashSet<&[&str]> = judge_tokens.windows(4).collect();
    blocks
        .into_iter()
        .filter(|block| match block {
            Block::Figure(_) => true,
            Block::Text { text, .. } => {
                let tokens: Vec<&str> = words(text).collect();
                if tokens.len() < 4 {
                    return tokens.iter().all(|t| token_set.contains(t));
                }
                let shingles: Vec<&[&str]> = tokens.windows(4).collect();
                let shared = shingles.iter().filter(|s| shingle_set.contains(*s)).count();
                shared as f64 >= AGREEMENT * shingles.len() as f64
            }
        })
        .collect()
}

/// Drops boilerplate lines and a leading repeat of the headline; turns stray caption lines
/// (a caption class, or text ending in a credit) into figures without an image.
fn finish(blocks: Vec<Block>, title: &str) -> Vec<Block> {
    let title_key = comparable(title);
    let mut out = Vec::with_capacity(blocks.len());
    let mut seen_body = false;
    for block in blocks {
        match block {
            Block::Text {
                kind,
                text,
                caption_hint,
            } => {
                if BOILERPLATE.is_match(&text) {
                    continue;
                }
                if !seen_body && !title_key.is_empty() && comparable(&text) == title_key {
                    continue;
                }
                if looks_like_caption_line(&text) && (caption_hint || kind == Kind::Paragraph) {
                    let split = split_credit(&text);
                    out.push(Block::Figure(FigureDraft {
                        caption: split.caption,
                        credit: split.credit,
                        image_ref: String::new(),
                    }));
                    continue;
                }
                seen_body = true;
                out.push(Block::Text {
                    kind,
                    text,
                    caption_hint,
                });
            }
            figure => out.push(figure),
        }
    }
    out
}

fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

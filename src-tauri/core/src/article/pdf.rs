//! PDF: the text layer, page by page, with lopdf; wrapped lines rejoined into paragraphs; the
//! title from the Info dictionary when it is a real one, else the first line. A PDF without a
//! text layer (a scan) comes out with an empty body, marked for OCR.
//!
//! A PDF is untrusted and lopdf is a large parser: it runs on its own thread with a time
//! limit (a hostile file costs a thread, not the batch), a panic inside it becomes an error,
//! decompression is capped, and only the first pages are read.

use std::sync::mpsc;
use std::time::Duration;

use lopdf::content::Content;
use lopdf::{Document, Encoding, LoadOptions, Object};

use super::assemble::{Piece, assemble};
use super::office::good_title;
use super::{ArticleDraft, ArticleError, ArticleFormat};
use crate::text::collapse_whitespace;

const FORMAT: ArticleFormat = ArticleFormat::Pdf;
/// An article has fewer pages than this; the rest of a longer PDF is not read.
const MAX_PAGES: usize = 300;
/// Decompressed content of the whole file, and of one page.
const MAX_DECOMPRESSED: usize = 128 * 1024 * 1024;
const MAX_PAGE_CONTENT: usize = 16 * 1024 * 1024;
/// Extracted text stops growing here.
const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
const TIME_LIMIT: Duration = Duration::from_secs(60);

pub(super) fn extract(bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(ArticleError::damaged(
            FORMAT,
            "it does not start like a PDF",
        ));
    }
    let (sender, receiver) = mpsc::channel();
    let owned = bytes.to_vec();
    let spawned = std::thread::Builder::new()
        .name("folio-pdf".into())
        .spawn(move || {
            let _ = sender.send(read(&owned));
        });
    if spawned.is_err() {
        return Err(ArticleError::damaged(
            FORMAT,
            "no thread could be started to read it",
        ));
    }
    match receiver.recv_timeout(TIME_LIMIT) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ArticleError::damaged(
            FORMAT,
            format!(
                "reading it took longer than {} s; it may be damaged",
                TIME_LIMIT.as_secs()
            ),
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(ArticleError::damaged(FORMAT, "the PDF reader failed on it"))
        }
    }
}

fn read(bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let document = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ArticleError::PdfEncrypted,
        e => ArticleError::damaged(FORMAT, e),
    })?;
    if document.is_encrypted() {
        return Err(ArticleError::PdfEncrypted);
    }
    let pages: Vec<lopdf::ObjectId> = document
        .get_pages()
        .values()
        .copied()
        .take(MAX_PAGES)
        .collect();
    if pages.is_empty() {
        return Err(ArticleError::damaged(FORMAT, "it has no pages"));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut size = 0usize;
    let mut unreadable = 0usize;
    for page in pages {
        let Some(text) = page_text(&document, page) else {
            unreadable += 1;
            continue;
        };
        size += text.len();
        lines.extend(text.lines().map(collapse_whitespace));
        lines.push(String::new()); // a page break ends a paragraph
        if size > MAX_TEXT_BYTES {
            break;
        }
    }
    let letters = lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| c.is_alphanumeric())
        .count();
    let mut draft = ArticleDraft::default();
    if let Some(title) = info_title(&document).filter(|t| good_title(t)) {
        draft.title = title;
    }
    if letters < 20 && unreadable > 0 {
        // Not a scan: pages whose content is too large or damaged to read.
        return Err(ArticleError::damaged(
            FORMAT,
            "the content of its pages could not be read",
        ));
    }
    if letters < 20 {
        // A scan: imported with an empty body, which OCR fills in the background.
        draft.needs_ocr = true;
        return Ok(draft);
    }
    assemble(
        paragraphs(&lines).into_iter().map(Piece::text).collect(),
        &mut draft,
    );
    Ok(draft)
}

/// A page's text with a line break where the text moves to a new line and an empty line where
/// it jumps further than a line (a paragraph gap). lopdf's own extraction breaks lines only at
/// `T*` and `ET`, which runs the lines of most word-processor PDFs together.
fn page_text(document: &Document, page: lopdf::ObjectId) -> Option<String> {
    let fonts = document.get_page_fonts(page).ok()?;
    let encodings: Vec<(Vec<u8>, Encoding)> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            Some((
                name,
                font.get_font_encoding_with_limit(document, MAX_PAGE_CONTENT)
                    .ok()?,
            ))
        })
        .collect();
    let data = document
        .get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        .ok()?;
    let content = Content::decode(&data).ok()?;

    let mut text = String::new();
    let mut encoding: Option<&Encoding> = None;
    let mut y = 0.0f64; // baseline of the current line, in text space
    let mut scale = 1.0f64; // vertical scale of the text matrix
    let mut line_gap = f64::MAX; // the smallest line-to-line distance seen
    let mut new_line = |text: &mut String, dy: f64| {
        let dy = dy.abs();
        if dy < 0.5 || text.is_empty() {
            return;
        }
        line_gap = line_gap.min(dy.max(1.0));
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if dy > line_gap * 1.6 && !text.ends_with("\n\n") {
            text.push('\n');
        }
    };
    for op in &content.operations {
        let number = |i: usize| {
            op.operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .map_or(0.0, f64::from)
        };
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                encoding = name
                    .and_then(|n| encodings.iter().find(|(k, _)| k.as_slice() == n))
                    .map(|(_, e)| e);
            }
            "Td" | "TD" => {
                let dy = number(1) * scale;
                new_line(&mut text, dy);
                y += dy;
            }
            "Tm" => {
                scale = if number(3) == 0.0 {
                    1.0
                } else {
                    number(3).abs()
                };
                let dy = number(5) - y;
                new_line(&mut text, dy);
                y = number(5);
            }
            "T*" | "'" | "\"" if !text.is_empty() && !text.ends_with('\n') => text.push('\n'),
            _ => {}
        }
        if let ("Tj" | "TJ" | "'" | "\"", Some(encoding)) = (op.operator.as_str(), encoding) {
            for operand in &op.operands {
                show(&mut text, encoding, operand);
            }
        }
        if text.len() > MAX_TEXT_BYTES {
            break;
        }
    }
    Some(text)
}

/// The text of a `Tj`/`TJ` operand; a wide negative kerning in a `TJ` array is a space.
fn show(text: &mut String, encoding: &Encoding, operand: &Object) {
    match operand {
        Object::String(bytes, _) => {
            let _ = encoding.write_to_string(bytes, text);
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::Integer(i) if *i < -200 => text.push(' '),
                    Object::Real(r) if *r < -200.0 => text.push(' '),
                    Object::String(..) => show(text, encoding, item),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Lines rejoined into paragraphs: a line continues the previous one unless that one was short
/// (a heading or a paragraph's last line), or ended a sentence while this one starts like a new
/// paragraph, or a gap or page break came between them.
fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut widths: Vec<usize> = lines.iter().map(|l| width(l)).filter(|w| *w > 0).collect();
    widths.sort_unstable();
    let typical = widths.get(widths.len() * 9 / 10).copied().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_short = false;
    for line in lines {
        if line.is_empty() {
            previous_short = false;
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let short = width(line) * 10 < typical * 6;
        let after_short = std::mem::replace(&mut previous_short, short);
        if current.is_empty() || after_short {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push_str(line);
            continue;
        }
        let ends_sentence =
            current.ends_with(['.', '!', '?', '。', '！', '？', ':', '：', '"', '”', '»']);
        let next = line.chars().next().unwrap_or(' ');
        let starts_new =
            next.is_uppercase() || next.is_ascii_digit() || !next.is_alphabetic() || is_cjk(next);
        if ends_sentence && starts_new {
            out.push(std::mem::take(&mut current));
            current.push_str(line);
        } else if current.ends_with('-') && next.is_lowercase() {
            current.pop();
            current.push_str(line);
        } else if current.chars().next_back().is_some_and(is_cjk) && is_cjk(next) {
            current.push_str(line);
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Display width: CJK characters count double.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// The Info dictionary's Title (PDFDocEncoding or UTF-16BE).
fn info_title(document: &Document) -> Option<String> {
    let info = match document.trailer.get(b"Info").ok()? {
        Object::Reference(id) => document.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    let text = lopdf::decode_text_string(info.get(b"Title").ok()?).ok()?;
    let text = collapse_whitespace(&text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;

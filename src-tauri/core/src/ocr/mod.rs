//! OCR of scans (DESIGN §4): a PDF without a text layer becomes an article whose body is read
//! from its page images, and — when the archive's setting is on — photos get their visible text
//! read into a search field of its own (`ocr:`).
//!
//! The import only queues such items (`ocr_queue`, kept across restarts); the [`worker`] reads
//! them in the background with Tesseract, engines reused across pages and pages read in
//! parallel, and records each item's pages through the write seam as one journal action
//! ([`crate::journal::Action::Ocr`]), which [`apply`] carries out.

pub mod cer;
pub mod engine;
pub mod image;
pub mod pages;
pub mod worker;

use rusqlite::Connection;

use crate::error::Result;
pub use crate::tables::ocr::OcrPage;
use crate::tables::{self, ocr::replace_pages};

/// Records the pages OCR read of an item: kept per page, the item leaves the queue, and an
/// article's body becomes the text read (a paragraph per paragraph, pages in order; its display
/// HTML marks where each page begins). A photo keeps its text in `ocr_pages` alone.
pub(crate) fn apply(conn: &Connection, item_id: i64, pages: &[OcrPage]) -> Result<()> {
    replace_pages(conn, item_id, pages)?;
    tables::ocr::dequeue(conn, item_id)?;
    let is_article: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE item_id = ?1)",
        [item_id],
        |row| row.get(0),
    )?;
    if !is_article {
        return Ok(());
    }
    let body = body_text(pages);
    let language = crate::text::detect_language(&body);
    conn.execute(
        "UPDATE articles SET body_text = ?2, body_html = ?3, excerpt = ?4, sketch = NULL
         WHERE item_id = ?1",
        rusqlite::params![
            item_id,
            body,
            body_html(pages),
            crate::article::draft::excerpt(&body)
        ],
    )?;
    if let Some(language) = language {
        conn.execute(
            "UPDATE items SET language = ?2 WHERE id = ?1 AND language IS NULL",
            rusqlite::params![item_id, language],
        )?;
    }
    Ok(())
}

/// Every page's paragraphs in order, one per line.
pub fn body_text(pages: &[OcrPage]) -> String {
    pages
        .iter()
        .map(|page| paragraphs(&page.text))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The body for display: each page's paragraphs after a line saying which page OCR read them
/// from (or why it could not).
fn body_html(pages: &[OcrPage]) -> String {
    let mut html = String::new();
    for page in pages {
        let note = match &page.problem {
            Some(problem) => format!("Page {} could not be read: {problem}", page.page),
            None => format!("Page {} (text read by OCR)", page.page),
        };
        html.push_str(&format!(
            "<p class=\"ocr-page\" data-page=\"{}\"><em>{}</em></p>\n",
            page.page,
            crate::article::draft::escape_html(&note)
        ));
        html.push_str(&crate::article::draft::paragraphs_to_html(&paragraphs(
            &page.text,
        )));
    }
    html
}

/// Tesseract's lines rejoined into paragraphs (a blank line ends one): a word broken by a hyphen
/// at a line's end is joined again, and Chinese lines are joined without a space.
pub fn paragraphs(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if current.is_empty() {
            current.push_str(line);
            continue;
        }
        let last = current.chars().last().unwrap_or(' ');
        let first = line.chars().next().unwrap_or(' ');
        if last == '-'
            && current
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_alphabetic)
        {
            current.pop();
        } else if !(is_cjk(last) && is_cjk(first)) {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    crate::article::draft::normalise_paragraphs(&out.join("\n"))
}

/// Tesseract's text with the spaces it puts between Chinese characters (at the word boundaries
/// its language model guesses) taken out: Chinese is written without them, and search finds
/// Chinese words by their characters side by side.
pub fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let end = chars[i..]
                .iter()
                .position(|&c| c != ' ')
                .map_or(chars.len(), |n| i + n);
            let before = out.chars().last();
            let after = chars.get(end).copied();
            if !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)) {
                out.push(' ');
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_chinese_characters_are_taken_out() {
        assert_eq!(
            tidy("日 光 仪 。 The  sun 在 Moscow\n创新 论坛"),
            "日光仪。 The sun 在 Moscow\n创新论坛",
            "a space beside a word in another script stays"
        );
    }

    #[test]
    fn lines_become_paragraphs_and_broken_words_are_joined() {
        let text = "The forum opens in Skol-\nkovo on Monday.\n\n开幕式在\n莫斯科举行。\n";
        assert_eq!(
            paragraphs(text),
            "The forum opens in Skolkovo on Monday.\n开幕式在莫斯科举行。"
        );
    }

    #[test]
    fn the_display_body_says_which_page_each_text_came_from() {
        let pages = [
            OcrPage {
                page: 1,
                text: "First page".into(),
                problem: None,
            },
            OcrPage {
                page: 2,
                text: String::new(),
                problem: Some("the page image is damaged".into()),
            },
        ];
        let html = body_html(&pages);
        assert!(html.contains("Page 1 (text read by OCR)"), "{html}");
        assert!(html.contains("Page 2 could not be read: the page image is damaged"));
        assert_eq!(body_text(&pages), "First page");
    }
}

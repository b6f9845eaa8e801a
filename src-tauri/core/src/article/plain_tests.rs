//! Tests for text and Markdown articles: the press-office shape, paragraphs, encodings.

use super::*;
use crate::article::{ArticleFormat, extract as extract_any};
use crate::text::DatePrecision;

fn text(source: &str) -> ArticleDraft {
    extract_any(source.as_bytes(), ArticleFormat::Text, "a.txt").unwrap()
}

fn markdown(source: &str) -> ArticleDraft {
    extract_any(source.as_bytes(), ArticleFormat::Markdown, "a.md").unwrap()
}

fn paragraphs(draft: &ArticleDraft) -> Vec<&str> {
    draft.body_text.lines().collect()
}

#[test]
fn press_office_text_gives_title_date_caption_and_body() {
    let draft = text(
        "Talks held in Moscow\n\nUpdated: 2018-11-02\n\nTalks held in Moscow\n\n\
         Delegates at the opening. [photo/example.gov.cn]\n\nFirst paragraph.\n\nSecond paragraph.\n",
    );
    assert_eq!(draft.title, "Talks held in Moscow");
    let published = draft.published.clone().unwrap();
    assert_eq!(
        (published.value.as_str(), published.precision),
        ("2018-11-02", DatePrecision::Day)
    );
    assert_eq!(draft.figures.len(), 1);
    assert_eq!(draft.figures[0].caption, "Delegates at the opening.");
    assert_eq!(draft.figures[0].credit, "example.gov.cn");
    assert_eq!(draft.figures[0].image_ref, "");
    assert_eq!(
        paragraphs(&draft),
        ["First paragraph.", "Second paragraph."]
    );
}

#[test]
fn chinese_and_russian_date_labels_are_read() {
    let zh = text("中俄创新对话在莫斯科举行\n发布时间：2018年11月2日\n第一段。\n第二段。");
    assert_eq!(zh.published.clone().unwrap().value, "2018-11-02");
    assert_eq!(paragraphs(&zh), ["第一段。", "第二段。"]);
    let ru = text("Диалог в Москве\n\nОпубликовано: 2 ноября 2018\n\nПервый абзац.");
    assert_eq!(ru.published.clone().unwrap().value, "2018-11-02");
    assert_eq!(ru.language.as_deref(), Some("ru"));
}

#[test]
fn publication_date_wins_over_update_date() {
    let draft = text("Title\nUpdated: 2019-01-05\nPublished: 2018-11-02\nBody text here.");
    assert_eq!(draft.published.clone().unwrap().value, "2018-11-02");
}

#[test]
fn byline_and_source_lines_are_metadata_not_body() {
    let draft = text("Title\nBy Jane Doe\nSource: Example News\nBy 2020 the number doubled.");
    assert_eq!(draft.byline, "Jane Doe");
    assert_eq!(draft.site, "Example News");
    assert_eq!(paragraphs(&draft), ["By 2020 the number doubled."]);
}

#[test]
fn hard_wrapped_text_paragraphs_are_joined() {
    let draft = text(
        "Title\n\nThe two sides signed and issued a Joint Declaration on the Second\n\
         China-Russia Innovation Dialogue and determined the work plan for the\n\
         coming years.\n\nA second paragraph.\n",
    );
    assert_eq!(
        paragraphs(&draft),
        [
            "The two sides signed and issued a Joint Declaration on the Second China-Russia Innovation Dialogue and determined the work plan for the coming years.",
            "A second paragraph."
        ]
    );
}

#[test]
fn unwrapped_lines_without_blank_lines_are_separate_paragraphs() {
    let long_a = "A".repeat(30)
        + " first paragraph that is long enough to be a whole paragraph on its own line, ending here.";
    let long_b = "Second paragraph, short.";
    let draft = text(&format!("Title\n{long_a}\n{long_b}\n"));
    assert_eq!(paragraphs(&draft).len(), 2);
}

#[test]
fn wrapped_chinese_lines_join_without_spaces() {
    let draft =
        text("标题\n\n第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行双方\n签署了联合宣言。\n");
    assert_eq!(
        paragraphs(&draft),
        ["第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行双方签署了联合宣言。"]
    );
}

#[test]
fn markdown_heading_is_the_title_and_soft_breaks_join() {
    let draft = markdown(
        "# Talks held in Moscow\n\n*Updated: 2018-11-02*\n\nThe first paragraph is\nwrapped in the source.\n\n\
         ## A section\n\n- an item with a [link](http://example.com)\n- **bold** item\n",
    );
    assert_eq!(draft.title, "Talks held in Moscow");
    assert_eq!(draft.published.clone().unwrap().value, "2018-11-02");
    assert_eq!(
        paragraphs(&draft),
        [
            "The first paragraph is wrapped in the source.",
            "A section",
            "an item with a link",
            "bold item"
        ]
    );
}

#[test]
fn markdown_images_become_figures_in_order() {
    let draft = markdown(
        "# Title\n\n![Delegates at the opening. Photo: Li Ming](images/a.jpg)\n\nBody.\n\n\
         ![Second picture](images/b.jpg \"The venue [photo/example.org]\")\n",
    );
    assert_eq!(draft.figures.len(), 2);
    assert_eq!(draft.figures[0].caption, "Delegates at the opening.");
    assert_eq!(draft.figures[0].credit, "Li Ming");
    assert_eq!(draft.figures[0].image_ref, "images/a.jpg");
    assert_eq!(draft.figures[1].caption, "The venue");
    assert_eq!(draft.figures[1].credit, "example.org");
    assert_eq!(draft.figures[1].image_ref, "images/b.jpg");
}

#[test]
fn markdown_front_matter_gives_metadata() {
    let draft = markdown(
        "---\ntitle: \"Front title\"\ndate: 2018-11-02\nauthor: Jane Doe\n---\n\n# Front title\n\nBody.\n",
    );
    assert_eq!(draft.title, "Front title");
    assert_eq!(draft.byline, "Jane Doe");
    assert_eq!(draft.published.clone().unwrap().value, "2018-11-02");
    assert_eq!(paragraphs(&draft), ["Body."]);
}

#[test]
fn legacy_encodings_of_text_files_decode() {
    let gbk = encoding_rs::GB18030
        .encode("中俄创新对话\n\n双方签署了联合宣言。")
        .0
        .into_owned();
    let draft = extract_any(&gbk, ArticleFormat::Text, "a.txt").unwrap();
    assert_eq!(draft.title, "中俄创新对话");
    assert_eq!(draft.language.as_deref(), Some("zh"));
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("Диалог в Москве\n\nСтороны подписали декларацию.")
        .0
        .into_owned();
    let draft = extract_any(&cp1251, ArticleFormat::Text, "a.txt").unwrap();
    assert_eq!(draft.title, "Диалог в Москве");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Title\r\n\r\nBody."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let draft = extract_any(&utf16, ArticleFormat::Text, "a.txt").unwrap();
    assert_eq!(
        (draft.title.as_str(), draft.body_text.as_str()),
        ("Title", "Body.")
    );
}

#[test]
fn empty_whitespace_and_binary_text_files_are_errors() {
    assert!(matches!(
        extract_any(b"", ArticleFormat::Text, "a.txt"),
        Err(ArticleError::Empty)
    ));
    assert!(matches!(
        extract_any(b" \n\n \t", ArticleFormat::Text, "a.txt"),
        Err(ArticleError::NoContent(_))
    ));
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 7) as u8)
        .collect();
    assert!(matches!(
        extract_any(&garbage, ArticleFormat::Markdown, "a.md"),
        Err(ArticleError::Undecodable)
    ));
}

#[test]
fn fifty_megabytes_of_text_are_read_in_linear_time() {
    let paragraph = "The two sides signed and issued a joint declaration on innovation. ".repeat(8);
    let mut source = String::from("Big file\n\n");
    while source.len() < 50 * 1024 * 1024 {
        source.push_str(&paragraph);
        source.push_str("\n\n");
    }
    let started = std::time::Instant::now();
    let draft = extract_any(source.as_bytes(), ArticleFormat::Text, "big.txt").unwrap();
    let took = started.elapsed();
    assert_eq!(draft.title, "Big file");
    assert!(draft.body_text.len() > 49 * 1024 * 1024);
    assert!(took.as_secs() < 60, "50 MB took {took:?}");
}

#[test]
fn one_fifty_megabyte_line_does_not_blow_up() {
    let source = "word ".repeat(10 * 1024 * 1024);
    let draft = extract_any(source.as_bytes(), ArticleFormat::Markdown, "one-line.md").unwrap();
    assert_eq!(
        draft.title, "one-line",
        "a 50 MB line is no title; the file name stands in"
    );
    assert!(draft.body_text.len() > 40 * 1024 * 1024);
}

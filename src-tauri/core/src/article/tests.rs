//! Tests across formats: the seed fixture, and hostile or broken input for every parser.

use super::*;
use crate::text::DatePrecision;

const FORMATS: [ArticleFormat; 7] = [
    ArticleFormat::Html,
    ArticleFormat::Mhtml,
    ArticleFormat::Text,
    ArticleFormat::Markdown,
    ArticleFormat::Docx,
    ArticleFormat::Odt,
    ArticleFormat::Pdf,
];

fn seed_fixture() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed/000_89887cde74f68f66.txt");
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn seed_article_gives_exactly_its_structure() {
    let draft = extract(
        &seed_fixture(),
        ArticleFormat::Text,
        "000_89887cde74f68f66.txt",
    )
    .unwrap();
    assert_eq!(
        draft.title,
        "2nd China-Russia Innovation Dialogue held in Moscow"
    );
    let published = draft.published.clone().unwrap();
    assert_eq!(published.value, "2018-11-02");
    assert_eq!(published.precision, DatePrecision::Day);
    assert_eq!(draft.figures.len(), 1, "one caption: {:?}", draft.figures);
    assert_eq!(draft.figures[0].credit, "safea.gov.cn");
    assert_eq!(
        draft.figures[0].caption,
        "The \"Second China-Russia Innovation Dialogue\" is held at the Skolkovo Innovation Center in Moscow on October 16."
    );
    let paragraphs: Vec<&str> = draft.body_text.split('\n').collect();
    assert_eq!(paragraphs.len(), 9, "nine body paragraphs: {paragraphs:#?}");
    assert!(
        paragraphs[0].starts_with("The \"Second China-Russia Innovation Dialogue\", co-sponsored")
    );
    assert!(
        paragraphs[8].ends_with("the first China-Russia Innovation Dialogue was held in Beijing.")
    );
    assert!(
        !draft.body_text.contains("[photo/"),
        "the caption is not body text"
    );
    assert!(!draft.body_text.contains("Updated:"));
    assert_eq!(draft.language.as_deref(), Some("en"));
    assert!(draft.excerpt.starts_with("The \"Second China-Russia"));
    assert_eq!(draft.body_html.matches("<p>").count(), 9);
}

#[test]
fn seed_article_reads_the_same_as_markdown() {
    let draft = extract(&seed_fixture(), ArticleFormat::Markdown, "seed.md").unwrap();
    assert_eq!(
        draft.title,
        "2nd China-Russia Innovation Dialogue held in Moscow"
    );
    assert_eq!(draft.body_text.split('\n').count(), 9);
    assert_eq!(draft.figures.len(), 1);
}

#[test]
fn format_is_chosen_from_the_file_extension() {
    assert_eq!(
        ArticleFormat::from_file_name("page.HTM"),
        Some(ArticleFormat::Html)
    );
    assert_eq!(
        ArticleFormat::from_file_name("saved.mht"),
        Some(ArticleFormat::Mhtml)
    );
    assert_eq!(
        ArticleFormat::from_file_name("notes.markdown"),
        Some(ArticleFormat::Markdown)
    );
    assert_eq!(ArticleFormat::from_file_name("photo.jpg"), None);
    assert_eq!(ArticleFormat::from_file_name("README"), None);
}

#[test]
fn empty_input_is_an_error_in_every_format() {
    for format in FORMATS {
        assert!(
            matches!(extract(b"", format, "x"), Err(ArticleError::Empty)),
            "{format:?}"
        );
    }
}

/// Deterministic pseudo-random bytes: the same garbage on every run.
fn garbage(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2654435761) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_never_panics_in_any_format() {
    for format in FORMATS {
        for seed in 1..20 {
            let bytes = garbage(1 + seed as usize * 397, seed);
            let result = extract(&bytes, format, "garbage.bin");
            if let Ok(draft) = result {
                assert!(!draft.body_html.contains("<script"), "{format:?}");
            }
        }
    }
}

#[test]
fn truncated_files_never_panic_in_any_format() {
    let samples: Vec<(ArticleFormat, Vec<u8>)> = vec![(ArticleFormat::Text, seed_fixture())];
    for (format, bytes) in samples {
        for cut in (0..bytes.len()).step_by(bytes.len() / 50 + 1) {
            let _ = extract(&bytes[..cut], format, "cut");
        }
    }
}

//! Tests for PDF: a text layer built here with lopdf, an image-only page, broken files.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

use crate::article::{ArticleError, ArticleFormat, extract as extract_any};

/// A PDF whose pages show `pages` (each a list of lines) in Courier, with an Info title.
pub(crate) fn text_pdf(pages: &[&[&str]], title: Option<&str>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
        ];
        for (i, line) in lines.iter().enumerate() {
            let y = 750 - 16 * i as i64;
            operations.push(Operation::new(
                "Tm",
                vec![1.into(), 0.into(), 0.into(), 1.into(), 50.into(), y.into()],
            ));
            operations.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if let Some(title) = title {
        let info_id = doc.add_object(dictionary! { "Title" => Object::string_literal(title) });
        doc.trailer.set("Info", info_id);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn pdf_text_layer_gives_title_and_rejoined_paragraphs() {
    let pdf = text_pdf(
        &[
            &[
                "Talks held in Moscow",
                "Updated: 2018-11-02",
                "The second dialogue was held at the Skolkovo",
                "Innovation Center in Moscow on October 16.",
                "Nearly 100 representatives took part.",
            ],
            &["The two sides signed a joint declaration."],
        ],
        None,
    );
    let draft = extract_any(&pdf, ArticleFormat::Pdf, "talks.pdf").unwrap();
    assert_eq!(draft.title, "Talks held in Moscow");
    assert_eq!(
        draft.published.as_ref().map(|d| d.value.as_str()),
        Some("2018-11-02")
    );
    let paragraphs: Vec<&str> = draft.body_text.lines().collect();
    assert_eq!(
        paragraphs,
        [
            "The second dialogue was held at the Skolkovo Innovation Center in Moscow on October 16.",
            "Nearly 100 representatives took part.",
            "The two sides signed a joint declaration.",
        ]
    );
}

#[test]
fn pdf_info_title_is_used_when_it_is_a_real_title() {
    let pdf = text_pdf(
        &[&[
            "First line of the text here",
            "More text follows in the body.",
        ]],
        Some("Official headline"),
    );
    let draft = extract_any(&pdf, ArticleFormat::Pdf, "a.pdf").unwrap();
    assert_eq!(draft.title, "Official headline");
    let pdf = text_pdf(
        &[&["Real headline", "More text follows in the body."]],
        Some("Microsoft Word - a.doc"),
    );
    assert_eq!(
        extract_any(&pdf, ArticleFormat::Pdf, "a.pdf")
            .unwrap()
            .title,
        "Real headline"
    );
}

#[test]
fn pdf_without_a_text_layer_is_kept_for_ocr() {
    let pdf = text_pdf(&[&[]], None);
    let draft = extract_any(&pdf, ArticleFormat::Pdf, "Press scan.pdf").unwrap();
    assert!(draft.needs_ocr);
    assert_eq!(draft.body_text, "");
    assert_eq!(
        draft.title, "Press scan",
        "named after its file until OCR reads it"
    );
}

#[test]
fn broken_pdfs_are_clear_errors_and_never_panic() {
    let not_pdf = extract_any(b"hello, I am not a PDF", ArticleFormat::Pdf, "x.pdf");
    assert!(matches!(
        not_pdf,
        Err(ArticleError::Damaged { format: "PDF", .. })
    ));
    let garbage = extract_any(
        b"%PDF-1.7\n\x00\x01\x02 garbage garbage\n%%EOF",
        ArticleFormat::Pdf,
        "x.pdf",
    );
    assert!(garbage.is_err());
    let pdf = text_pdf(&[&["Some text on the page that is long enough."]], None);
    for cut in (0..pdf.len()).step_by(29) {
        let _ = extract_any(&pdf[..cut], ArticleFormat::Pdf, "cut.pdf");
    }
}

#[test]
fn a_pdf_with_a_decompression_bomb_page_is_refused_quickly() {
    use std::io::Write;
    // One page whose content stream inflates to 300 MB of spaces.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..300 {
        encoder.write_all(&chunk).unwrap();
    }
    let compressed = encoder.finish().unwrap();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, compressed);
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(
        dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let started = std::time::Instant::now();
    let result = extract_any(&bytes, ArticleFormat::Pdf, "bomb.pdf");
    assert!(result.is_err(), "{result:?}");
    assert!(started.elapsed().as_secs() < 30);
}

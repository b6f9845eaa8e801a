//! Tests for DOCX and ODT: documents built here in memory, damaged packages and zip bombs.

use std::io::Write;

use zip::write::SimpleFileOptions;

use crate::article::{ArticleError, ArticleFormat, extract};

const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 0xFF, 0xD9,
];

pub(crate) fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn w_paragraph(style: &str, text: &str) -> String {
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!(r#"<w:p>{style}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

pub(crate) fn docx(core_title: &str) -> Vec<u8> {
    let body = [
        w_paragraph("Title", "Talks held in Moscow"),
        w_paragraph("", "Updated: 2018-11-02"),
        r#"<w:p><w:r><w:drawing><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId7"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></w:drawing></w:r></w:p>"#.to_string(),
        w_paragraph("Caption", "Delegates at the opening. Photo: Li Ming"),
        w_paragraph("", "The dialogue was held at the Skolkovo &amp; Innovation Center in Moscow on October 16."),
        r#"<w:p><w:r><w:t>Split </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>across runs</w:t></w:r><w:r><w:tab/><w:t>with a tab.</w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>"#.to_string(),
        format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", w_paragraph("", "Cell one"), w_paragraph("", "Cell two")),
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_string(),
        w_paragraph("Heading2", "Второй раздел"),
        w_paragraph("", "Стороны подписали совместную декларацию. 双方签署了联合宣言。"),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="w" xmlns:a="a" xmlns:r="r" xmlns:pic="pic" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
    );
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="r"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/x.jpg" TargetMode="External"/></Relationships>"#;
    let core = format!(
        r#"<?xml version="1.0"?><cp:coreProperties xmlns:dc="dc" xmlns:cp="cp"><dc:title>{core_title}</dc:title><dc:creator>Typist</dc:creator></cp:coreProperties>"#
    );
    package(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("word/media/image1.jpeg", JPEG),
    ])
}

#[test]
fn docx_gives_title_date_figure_and_paragraphs_in_order() {
    let draft = extract(&docx(""), ArticleFormat::Docx, "talks.docx").unwrap();
    assert_eq!(draft.title, "Talks held in Moscow");
    assert_eq!(
        draft.published.as_ref().map(|d| d.value.as_str()),
        Some("2018-11-02")
    );
    assert_eq!(draft.figures.len(), 1);
    assert_eq!(draft.figures[0].caption, "Delegates at the opening.");
    assert_eq!(draft.figures[0].credit, "Li Ming");
    assert_eq!(draft.figures[0].image_ref, "word/media/image1.jpeg");
    assert_eq!(draft.embedded.len(), 1);
    assert_eq!(draft.embedded[0].location, "word/media/image1.jpeg");
    assert_eq!(draft.embedded[0].media_type, "image/jpeg");
    assert_eq!(draft.embedded[0].bytes, JPEG);
    let paragraphs: Vec<&str> = draft.body_text.lines().collect();
    assert_eq!(
        paragraphs,
        [
            "The dialogue was held at the Skolkovo & Innovation Center in Moscow on October 16.",
            "Split across runs with a tab.",
            "Cell one",
            "Cell two",
            "Box text",
            "Второй раздел",
            "Стороны подписали совместную декларацию. 双方签署了联合宣言。",
        ]
    );
}

#[test]
fn docx_core_title_wins_unless_it_is_a_placeholder() {
    let draft = extract(&docx("Official headline"), ArticleFormat::Docx, "a.docx").unwrap();
    assert_eq!(draft.title, "Official headline");
    assert!(
        draft.body_text.starts_with("Talks held in Moscow"),
        "the first line is then body: {}",
        draft.body_text
    );
    for junk in ["Microsoft Word - draft.doc", "Document1", "untitled.docx"] {
        let draft = extract(&docx(junk), ArticleFormat::Docx, "a.docx").unwrap();
        assert_eq!(
            draft.title, "Talks held in Moscow",
            "{junk:?} is not a title"
        );
    }
}

fn odt() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="ta" xmlns:draw="d" xmlns:xlink="x">
<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="Illustration"/></text:sequence-decls>
<text:h text:outline-level="1">Диалог в Москве</text:h>
<text:p>Опубликовано: 2 ноября 2018</text:p>
<text:p><draw:frame><draw:text-box><text:p text:style-name="Illustration"><draw:frame><draw:image xlink:href="Pictures/photo.jpg"><text:p/></draw:image></draw:frame>Illustration <text:sequence>1</text:sequence>: Участники диалога. Фото: ТАСС</text:p></draw:text-box></draw:frame></text:p>
<text:p>Второй   российско-китайский<text:s text:c="2"/>диалог<text:tab/>прошёл в Москве.<text:note><text:note-body><text:p>Сноска</text:p></text:note-body></text:note></text:p>
<table:table><table:table-row><table:table-cell><text:p>Ячейка</text:p></table:table-cell></table:table-row></table:table>
<text:list><text:list-item><text:p>Пункт списка</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"#;
    let meta = r#"<?xml version="1.0"?><office:document-meta xmlns:office="o" xmlns:dc="dc"><office:meta><dc:title></dc:title></office:meta></office:document-meta>"#;
    package(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
        ("meta.xml", meta.as_bytes()),
        ("Pictures/photo.jpg", JPEG),
    ])
}

#[test]
fn odt_gives_heading_title_caption_from_text_box_and_paragraphs() {
    let draft = extract(&odt(), ArticleFormat::Odt, "dialog.odt").unwrap();
    assert_eq!(draft.title, "Диалог в Москве");
    assert_eq!(
        draft.published.as_ref().map(|d| d.value.as_str()),
        Some("2018-11-02")
    );
    assert_eq!(draft.figures.len(), 1, "{:?}", draft.figures);
    assert_eq!(draft.figures[0].caption, "Участники диалога.");
    assert_eq!(draft.figures[0].credit, "ТАСС");
    assert_eq!(draft.figures[0].image_ref, "Pictures/photo.jpg");
    assert_eq!(draft.embedded.len(), 1);
    assert_eq!(draft.embedded[0].location, "Pictures/photo.jpg");
    let paragraphs: Vec<&str> = draft.body_text.lines().collect();
    assert_eq!(
        paragraphs,
        [
            "Второй российско-китайский диалог прошёл в Москве.",
            "Ячейка",
            "Пункт списка"
        ]
    );
    assert_eq!(draft.language.as_deref(), Some("ru"));
}

#[test]
fn damaged_packages_are_clear_errors() {
    let not_zip = extract(
        b"PK\x03\x04 this is not really a zip",
        ArticleFormat::Docx,
        "a.docx",
    );
    assert!(
        matches!(not_zip, Err(ArticleError::Damaged { format: "DOCX", .. })),
        "{not_zip:?}"
    );
    let no_document = extract(
        &package(&[("hello.txt", b"hi")]),
        ArticleFormat::Docx,
        "a.docx",
    );
    let message = no_document.unwrap_err().to_string();
    assert_eq!(
        message,
        "the DOCX file is damaged: word/document.xml is missing"
    );
    let bad_xml = extract(
        &package(&[("content.xml", b"<office:text><text:p>unclosed")]),
        ArticleFormat::Odt,
        "a.odt",
    );
    assert!(
        bad_xml.is_err() || bad_xml.is_ok_and(|d| d.body_text.is_empty() || !d.title.is_empty())
    );
}

#[test]
fn truncated_packages_never_panic() {
    for bytes in [docx("x"), odt()] {
        for cut in (0..bytes.len()).step_by(41) {
            let _ = extract(&bytes[..cut], ArticleFormat::Docx, "cut.docx");
            let _ = extract(&bytes[..cut], ArticleFormat::Odt, "cut.odt");
        }
    }
}

#[test]
fn zip_bombs_stop_at_the_unpacking_cap() {
    // 300 MB of zeros deflates to a few hundred kilobytes.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        SimpleFileOptions::default().large_file(true),
    )
    .unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..300 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(
        bomb.len() < 2 * 1024 * 1024,
        "the bomb is small: {}",
        bomb.len()
    );
    let started = std::time::Instant::now();
    let result = extract(&bomb, ArticleFormat::Docx, "bomb.docx");
    assert!(
        matches!(
            result,
            Err(ArticleError::TooLargeWhenUnpacked { format: "DOCX", .. })
        ),
        "{result:?}"
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_large_document_is_read_in_linear_time() {
    let paragraph = w_paragraph(
        "",
        "The two sides signed and issued a joint declaration and determined the work plan.",
    );
    let body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{}{body}</w:body></w:document>"#,
        w_paragraph("Title", "Big")
    );
    let bytes = package(&[("word/document.xml", document.as_bytes())]);
    let started = std::time::Instant::now();
    let draft = extract(&bytes, ArticleFormat::Docx, "big.docx").unwrap();
    assert_eq!(draft.title, "Big");
    assert!(
        draft.body_text.len() > 10 * 1024 * 1024,
        "{}",
        draft.body_text.len()
    );
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

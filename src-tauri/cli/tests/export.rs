//! `folio export` end to end through the binary, checked with independent tools: qpdf,
//! poppler (pdftotext, pdffonts, pdfimages, pdfinfo), Python's `bagit`, exiftool, unzip.
//! Bundles imported back are `bundle_import.rs`.

use std::fs;
use std::path::Path;

use crate::library::{
    EN_TITLE, PAGE_CAPTION, PAGE_TITLE, RU_BODY, RU_CAPTION, RU_TITLE, ZH_BODY, ZH_CAPTION,
    ZH_TITLE, export, library, tool, unzip,
};
use serde_json::Value;

/// Text as pdftotext gives it, without what layout adds: line breaks and spaces, soft hyphens
/// of hyphenated Russian words, and the word joiners typst puts before contents page numbers.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{2060}'))
        .collect()
}

#[test]
fn pdf_dossier_is_valid_and_gives_back_english_russian_and_chinese_text() {
    let library = library();
    let pdf = library.sandbox.path().join("dossier.pdf");
    let report = export(&library, "pdf", &pdf, &[]);
    assert_eq!(report["items"], 8);
    assert_eq!(report["output"], pdf.to_str().unwrap());
    assert_eq!(report["bytes"], fs::metadata(&pdf).unwrap().len());

    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = squeeze(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for needle in [
        EN_TITLE,
        "Sergey Gorkov, Deputy Minister of Economy Development",
        "is held at the Skolkovo Innovation Center in Moscow on October 16",
        RU_TITLE,
        RU_BODY,
        RU_CAPTION,
        ZH_TITLE,
        ZH_BODY,
        ZH_CAPTION,
        PAGE_TITLE,
        PAGE_CAPTION,
        "Ministers sign the cooperation roadmap.",
        "Contents",
        "2018-11-02",
    ] {
        assert!(
            text.contains(&squeeze(needle)),
            "pdftotext lacks {needle:?}:\n{text}"
        );
    }

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: emb is the fifth column from the end.
        assert_eq!(columns[columns.len() - 5], "yes", "not embedded: {row}");
        assert_eq!(columns[columns.len() - 4], "yes", "not subset: {row}");
        assert!(row.contains("NotoSansCJK"), "only the bundled fonts: {row}");
    }

    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let jpegs = images
        .lines()
        .skip(2)
        .filter(|l| l.contains(" jpeg "))
        .count();
    assert!(jpegs >= 4, "the photos and the linked figure:\n{images}");

    let outline: Value = serde_json::from_str(&tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    ))
    .unwrap();
    let titles: Vec<&str> = outline["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    for title in [EN_TITLE, RU_TITLE, ZH_TITLE, PAGE_TITLE] {
        assert!(titles.contains(&title), "bookmark {title:?} in {titles:?}");
    }

    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    assert!(
        info.contains("Innovation Dialogue — Диалог — 创新对话"),
        "title: {info}"
    );
}

#[test]
fn letter_paper_is_used_when_asked() {
    let library = library();
    let pdf = library.sandbox.path().join("letter.pdf");
    let en = library.ids["en"].to_string();
    library
        .sandbox
        .folio(&[
            "export",
            "--format",
            "pdf",
            "--paper",
            "letter",
            "--output",
            pdf.to_str().unwrap(),
            &en,
        ])
        .success();
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn jpeg_photos_are_embedded_in_the_pdf_byte_for_byte() {
    let library = library();
    let pdf = library.sandbox.path().join("photo.pdf");
    let id = library.ids["photo-ru"].to_string();
    library
        .sandbox
        .folio(&[
            "export",
            "--format",
            "pdf",
            "--output",
            pdf.to_str().unwrap(),
            &id,
        ])
        .success();
    let out = library.sandbox.path().join("extracted");
    fs::create_dir(&out).unwrap();
    tool(
        "pdfimages",
        &[
            "-j",
            pdf.to_str().unwrap(),
            out.join("img").to_str().unwrap(),
        ],
    );
    let original = fs::read(library.inputs.join("photo-ru.jpg")).unwrap();
    let found = fs::read_dir(&out)
        .unwrap()
        .any(|entry| fs::read(entry.unwrap().path()).unwrap() == original);
    assert!(found, "the original JPEG's bytes are in the PDF unchanged");
}

#[test]
fn zip_bundle_is_a_valid_bagit_bag_with_originals_catalogue_and_captioned_copies() {
    let library = library();
    // A caption, credit and byline edited in Folio after import.
    let (caption, credit, byline) = (
        "Подпись, исправленная в Folio",
        "ТАСС / Фото",
        "Иван Петров",
    );
    let archive =
        folio_core::Archive::open(&library.sandbox.archive(), folio_core::Access::Write).unwrap();
    archive
        .conn()
        .execute(
            "UPDATE photos SET caption = ?1, credit = ?2, byline = ?3 WHERE item_id = ?4",
            (caption, credit, byline, library.ids["photo-ru"]),
        )
        .unwrap();
    drop(archive);
    let zip_path = library.sandbox.path().join("dialogue.zip");
    let report = export(&library, "zip", &zip_path, &[]);
    assert_eq!(report["items"], 8);

    let unzipped = library.sandbox.path().join("unzipped");
    unzip(&zip_path, &unzipped);
    let bag = unzipped.join("dialogue");
    tool(
        "python3",
        &[
            "-c",
            "import bagit, sys; bagit.Bag(sys.argv[1]).validate()",
            bag.to_str().unwrap(),
        ],
    );
    let info = fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    for label in [
        "Source-Organization:",
        "Bagging-Date:",
        "Payload-Oxum:",
        "Folio-Items: 8",
        "External-Description: Innovation Dialogue",
    ] {
        assert!(info.contains(label), "{label} in bag-info.txt:\n{info}");
    }
    assert!(bag.join("manifest-sha512.txt").is_file());

    // Originals byte for byte, under their own names.
    let photo = fs::read(bag.join("data/photos/photo-zh.jpg")).unwrap();
    assert_eq!(
        photo,
        fs::read(library.inputs.join("photo-zh.jpg")).unwrap()
    );
    let article = fs::read(bag.join("data/articles/ru.txt")).unwrap();
    assert_eq!(article, fs::read(library.inputs.join("ru.txt")).unwrap());

    let index: Value =
        serde_json::from_slice(&fs::read(bag.join("data/items.json")).unwrap()).unwrap();
    assert_eq!(index["format"], "folio-bundle");
    assert_eq!(index["version"], 1);
    assert_eq!(index["items"].as_array().unwrap().len(), 8);

    let csv = fs::read_to_string(bag.join("data/items.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    assert_eq!(csv.lines().count(), 9, "a header and one row per item");
    assert!(csv.contains(ZH_TITLE) && csv.contains(RU_TITLE));

    let html = fs::read_to_string(bag.join("data/index.html")).unwrap();
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote resources"
    );
    for thumb in html.split("<img src=\"").skip(1) {
        let link = thumb.split('"').next().unwrap();
        assert!(
            bag.join("data").join(link).is_file(),
            "thumbnail {link} is in the bag"
        );
    }
    assert!(html.contains("thumbs/"), "{html}");

    // The page's photo got its caption in Folio (from the page's figure): the bag carries a
    // copy with that caption, readable by exiftool in UTF-8. A photo whose own IPTC already
    // says what the archive says needs no copy.
    let exif = |name: &str| -> Value {
        let path = bag.join("data/captioned").join(name);
        let json = tool(
            "exiftool",
            &["-j", "-charset", "iptc=UTF8", path.to_str().unwrap()],
        );
        serde_json::from_str::<Value>(&json).unwrap()[0].clone()
    };
    let page_photo = exif("photo.jpg");
    assert_eq!(page_photo["Caption-Abstract"], PAGE_CAPTION);
    assert_eq!(page_photo["Description"], PAGE_CAPTION);
    let edited = exif("photo-ru.jpg");
    assert_eq!(edited["Caption-Abstract"], caption, "IPTC 2:120");
    assert_eq!(edited["Description"], caption, "XMP dc:description");
    assert_eq!(
        edited["Credit"], credit,
        "IPTC 2:110 and XMP photoshop:Credit"
    );
    assert_eq!(edited["By-line"], byline, "IPTC 2:80");
    assert_eq!(edited["Creator"], byline, "XMP dc:creator");
    assert_eq!(edited["CodedCharacterSet"], "UTF8");
    assert_eq!(
        fs::read(bag.join("data/photos/photo.jpg")).unwrap(),
        fs::read(library.inputs.join("page_files/photo.jpg")).unwrap(),
        "the original stays byte for byte"
    );
    assert!(!bag.join("data/captioned/photo-zh.jpg").exists());

    // Already-compressed files are stored, text is deflated.
    let listing = tool("unzip", &["-v", zip_path.to_str().unwrap()]);
    let method = |name: &str| {
        listing
            .lines()
            .find(|l| l.ends_with(name))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} in the ZIP:\n{listing}"))
    };
    assert_eq!(method("data/photos/photo-zh.jpg"), "Stored");
    assert_eq!(method("data/items.json"), "Defl:N");
}

#[test]
fn export_by_collection_follows_the_collection_order() {
    let library = library();
    let pdf = library.sandbox.path().join("collection.pdf");
    let report = library
        .sandbox
        .folio(&[
            "export",
            "--json",
            "--format",
            "pdf",
            "--output",
            pdf.to_str().unwrap(),
            "--collection",
            "dialogue",
        ])
        .success()
        .json();
    assert_eq!(report["items"], 8);
    let titles = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        titles.contains("Title:") && titles.contains("dialogue"),
        "{titles}"
    );
}

#[test]
fn export_errors_are_usage_errors_with_a_clear_message() {
    let library = library();
    let out = library.sandbox.path().join("x.pdf");
    let out = out.to_str().unwrap();

    let query = library.sandbox.folio(&[
        "export",
        "--format",
        "pdf",
        "--output",
        out,
        "--query",
        "dialogue OR",
    ]);
    assert_eq!(query.code, 2);
    assert!(
        query.stderr.contains("OR at character"),
        "a malformed query says where: {}",
        query.stderr
    );

    let missing = library.sandbox.folio(&[
        "export",
        "--format",
        "pdf",
        "--output",
        out,
        "--collection",
        "Nope",
    ]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("Nope"), "{}", missing.stderr);

    let unknown = library
        .sandbox
        .folio(&["export", "--format", "zip", "--output", out, "999999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("999999"), "{}", unknown.stderr);

    let nothing = library
        .sandbox
        .folio(&["export", "--format", "pdf", "--output", out]);
    assert_eq!(
        nothing.code, 2,
        "an id, --collection or --query is required"
    );
    assert!(!Path::new(out).exists(), "no file is left behind");
}

//! `folio export` end to end through the binary, checked with independent tools: qpdf,
//! poppler (pdftotext, pdffonts, pdfimages, pdfinfo), Python's `bagit`, exiftool, unzip.
//! Then the bundle is imported into fresh archives and must rebuild the same items.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod samples;
mod util;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use util::Sandbox;

const EN_TITLE: &str = "2nd China-Russia Innovation Dialogue held in Moscow";
const RU_TITLE: &str = "Второй российско-китайский инновационный диалог прошёл в Москве";
const ZH_TITLE: &str = "第二届中俄创新对话在莫斯科举行";
const RU_BODY: &str = "Стороны договорились расширять сотрудничество в области технологического \
                       предпринимательства и поддержки малых инновационных компаний.";
const ZH_BODY: &str = "双方同意在科技创业和中小型创新企业支持等领域深化务实合作。";
const RU_CAPTION: &str = "Участники диалога в инновационном центре «Сколково» 16 октября.";
const ZH_CAPTION: &str = "与会代表在斯科尔科沃创新中心合影。";
const PAGE_TITLE: &str = "Forum on youth exchanges opens in Kazan";
const PAGE_CAPTION: &str = "Delegates at the opening of the youth forum in Kazan.";

/// The typical article shape (DESIGN: fixtures/seed): title, `Updated:` line, the title again,
/// a caption with its credit in brackets, then paragraphs.
fn typical_article(title: &str, caption: &str, paragraphs: &[&str]) -> String {
    let mut text =
        format!("{title}\n\nUpdated: 2018-11-02\n\n{title}\n\n{caption} [photo/safea.gov.cn]\n\n");
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text
}

/// A small library: English (the seed), Russian and Chinese articles, a saved web page whose
/// figure links to its photo, and three captioned JPEG photos. Returns the ids by name.
struct Library {
    sandbox: Sandbox,
    ids: BTreeMap<String, i64>,
    inputs: PathBuf,
}

impl Library {
    fn ids(&self, names: &[&str]) -> Vec<String> {
        names.iter().map(|n| self.ids[*n].to_string()).collect()
    }

    fn all_ids(&self) -> Vec<String> {
        self.ids(&[
            "en",
            "ru",
            "zh",
            "page",
            "page-photo",
            "photo-en",
            "photo-ru",
            "photo-zh",
        ])
    }
}

fn library() -> Library {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir_all(inputs.join("page_files")).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed/000_89887cde74f68f66.txt");
    fs::copy(&seed, inputs.join("en.txt")).unwrap();
    let ru_paragraphs = [
        "Второй российско-китайский инновационный диалог состоялся 16 октября в Москве при \
         поддержке министерств двух стран.",
        RU_BODY,
        "Следующая встреча пройдёт в Китае в будущем году, сообщили организаторы.",
    ];
    fs::write(
        inputs.join("ru.txt"),
        typical_article(RU_TITLE, RU_CAPTION, &ru_paragraphs),
    )
    .unwrap();
    let zh_paragraphs = [
        "10月16日，第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行，由两国政府部门共同主办。",
        ZH_BODY,
        "主办方表示，下一届对话将于明年在中国举行。",
    ];
    fs::write(
        inputs.join("zh.txt"),
        typical_article(ZH_TITLE, ZH_CAPTION, &zh_paragraphs),
    )
    .unwrap();
    fs::write(
        inputs.join("page.html"),
        samples::saved_page(PAGE_TITLE, PAGE_CAPTION),
    )
    .unwrap();
    fs::write(
        inputs.join("page_files/photo.jpg"),
        samples::jpeg(320, 200, 9),
    )
    .unwrap();
    for (name, caption, credit) in [
        (
            "photo-en",
            "Ministers sign the cooperation roadmap.",
            "Xinhua",
        ),
        ("photo-ru", RU_CAPTION, "ТАСС"),
        ("photo-zh", ZH_CAPTION, "新华社"),
    ] {
        fs::write(
            inputs.join(format!("{name}.jpg")),
            samples::jpeg_with_iptc(400, 300, caption, credit, &["Moscow", "创新"]),
        )
        .unwrap();
    }
    let run = sandbox.folio(&[
        "import",
        "--json",
        "--tag",
        "Events/Innovation Dialogue",
        "--collection",
        "Dialogue",
        inputs.to_str().unwrap(),
    ]);
    let report = run.success().json();
    let mut ids = BTreeMap::new();
    for imported in report["imported"].as_array().unwrap() {
        let path = imported["path"].as_str().unwrap();
        let name = Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let name = if path.contains("page_files") {
            "page-photo".to_string()
        } else {
            name
        };
        ids.insert(name, imported["id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 8, "{report}");
    Library {
        sandbox,
        ids,
        inputs,
    }
}

fn export(library: &Library, format: &str, output: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "export",
        "--json",
        "--format",
        format,
        "--output",
        output.to_str().unwrap(),
        "--title",
        "Innovation Dialogue — Диалог — 创新对话",
    ];
    args.extend_from_slice(extra);
    let ids = library.all_ids();
    args.extend(ids.iter().map(String::as_str));
    library.sandbox.folio(&args).success().json()
}

/// Runs an external tool and returns its stdout; fails the test with its stderr otherwise.
fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed for this test (scripts/setup.sh --test installs it): {e}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

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
    tool(
        "unzip",
        &[
            "-q",
            zip_path.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ],
    );
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

fn show(sandbox: &Sandbox, id: i64) -> Value {
    sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json()
}

/// Everything of an item that must survive a round trip, with ids replaced by uids.
fn portable(sandbox: &Sandbox, id: i64) -> Value {
    let mut item = show(sandbox, id);
    let object = item.as_object_mut().unwrap();
    object.remove("id");
    if let Some(figures) = object.get_mut("figures") {
        for figure in figures.as_array_mut().unwrap() {
            let photo = figure["photo_id"]
                .as_i64()
                .map(|p| show(sandbox, p)["uid"].clone());
            figure["photo_id"] = photo.unwrap_or(Value::Null);
        }
    }
    item
}

fn uids_and_items(sandbox: &Sandbox) -> BTreeMap<String, Value> {
    let list = sandbox.folio(&["list", "--json"]).success().json();
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let item = portable(sandbox, entry["id"].as_i64().unwrap());
            (item["uid"].as_str().unwrap().to_string(), item)
        })
        .collect()
}

fn collection_order(archive: &Path, name: &str) -> Vec<String> {
    let archive = folio_core::Archive::open(archive, folio_core::Access::Read).unwrap();
    let mut statement = archive
        .conn()
        .prepare(
            "SELECT i.uid FROM collection_items ci JOIN items i ON i.id = ci.item_id
             WHERE ci.collection_id = (SELECT id FROM collections WHERE name = ?1)
             ORDER BY ci.position",
        )
        .unwrap();
    statement
        .query_map([name], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_bundle_imported_into_a_fresh_archive_rebuilds_the_same_items_and_again_adds_nothing() {
    let library = library();
    let zip_path = library.sandbox.path().join("dialogue.zip");
    // The whole collection, in its order, including the page's photo.
    library
        .sandbox
        .folio(&[
            "export",
            "--format",
            "zip",
            "--output",
            zip_path.to_str().unwrap(),
            "--collection",
            "Dialogue",
        ])
        .success();
    let before = uids_and_items(&library.sandbox);
    assert_eq!(before.len(), 8);
    let page = &before[show(&library.sandbox, library.ids["page"])["uid"]
        .as_str()
        .unwrap()];
    assert!(
        !page["figures"][0]["photo_id"].is_null(),
        "the page's figure is linked"
    );

    let fresh = Sandbox::new();
    let report = fresh
        .folio(&["import", "--json", zip_path.to_str().unwrap()])
        .success()
        .json();
    assert_eq!(report["imported"].as_array().unwrap().len(), 8, "{report}");
    assert_eq!(
        uids_and_items(&fresh),
        before,
        "same uids, metadata, tags, captions, links"
    );
    assert_eq!(
        collection_order(&fresh.archive(), "Dialogue"),
        collection_order(&library.sandbox.archive(), "Dialogue")
    );

    let again = fresh
        .folio(&["import", "--json", zip_path.to_str().unwrap()])
        .success()
        .json();
    assert!(again["imported"].as_array().unwrap().is_empty(), "{again}");
    assert_eq!(again["duplicates"].as_array().unwrap().len(), 8);
    assert_eq!(uids_and_items(&fresh), before);

    // The unzipped folder imports the same way.
    let unzipped = library.sandbox.path().join("unzipped");
    tool(
        "unzip",
        &[
            "-q",
            zip_path.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ],
    );
    let from_folder = Sandbox::new();
    from_folder
        .folio(&[
            "import",
            "--json",
            unzipped.join("dialogue").to_str().unwrap(),
        ])
        .success();
    assert_eq!(uids_and_items(&from_folder), before);
}

#[test]
fn a_bundle_whose_payload_no_longer_matches_its_manifest_is_refused_naming_the_file() {
    let library = library();
    let zip_path = library.sandbox.path().join("bundle.zip");
    export(&library, "zip", &zip_path, &[]);
    let unzipped = library.sandbox.path().join("unzipped");
    tool(
        "unzip",
        &[
            "-q",
            zip_path.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ],
    );
    let bag = unzipped.join("bundle");
    let tampered = bag.join("data/articles/ru.txt");
    let mut bytes = fs::read(&tampered).unwrap();
    bytes.extend_from_slice(b"\nAn added line.\n");
    fs::write(&tampered, bytes).unwrap();

    let fresh = Sandbox::new();
    let run = fresh.folio(&["import", "--json", bag.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let error = report["failed"][0]["error"].as_str().unwrap();
    assert!(error.contains("data/articles/ru.txt"), "{error}");
    let list = fresh.folio(&["list", "--json"]).success().json();
    assert!(
        list.as_array().unwrap().is_empty(),
        "nothing of it was imported"
    );
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

//! OCR through the binary, with the real Tesseract: scans of known text in English, Chinese and
//! Russian — turned a few degrees, speckled, saved as image-only PDFs, JPEGs and PNGs — are
//! imported (the import only queues them), read by `folio ocr`, found by words only their pixels
//! hold, and read within a character error rate per language; a scanned page saved as a picture
//! becomes an article while photos (a phone's, with text in it) stay photos; a page that cannot
//! be read is reported while the others are read; a stopped run leaves the rest for the next.

use std::fs;
use std::path::Path;

use folio_core::ocr::cer::character_error_rate;
use folio_samples::scans::{self, Language, PdfImage};
use serde_json::Value;

use crate::util::Sandbox;

/// Measured with Debian's Tesseract 5.3: English 0.47% (the PDF scan) and 0% (the JPEG),
/// Chinese and Russian 0% (the test prints them); the bound leaves room for another build of
/// Tesseract or its data without letting a poor reading through.
fn bound(_language: Language) -> f64 {
    0.02
}

/// Turned differently per language and per file, as scans come.
fn angle(language: Language, second: bool) -> f32 {
    let base = match language {
        Language::English => 2.0,
        Language::Chinese => -1.5,
        Language::Russian => 2.5,
    };
    if second { -base } else { base }
}

fn import(sandbox: &Sandbox, folder: &Path) -> Value {
    sandbox
        .folio(&["import", "--json", folder.to_str().unwrap()])
        .success()
        .json()
}

fn search_ids(sandbox: &Sandbox, query: &str) -> Vec<i64> {
    let result = sandbox.folio(&["search", "--json", query]).success().json();
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect()
}

fn id_of(report: &Value, file: &str) -> i64 {
    report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["path"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("{file} not imported: {report}"))["id"]
        .as_i64()
        .unwrap()
}

fn ocr_text(sandbox: &Sandbox, id: i64) -> (Value, String) {
    let shown = sandbox
        .folio(&["show", "--json", &id.to_string()])
        .success()
        .json();
    let text = shown["ocr"]["pages"]
        .as_array()
        .unwrap_or_else(|| panic!("no OCR pages: {shown}"))
        .iter()
        .map(|page| page["text"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    (shown, text)
}

#[test]
fn scans_in_three_languages_become_searchable_articles_and_photos() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("scans");
    fs::create_dir(&folder).unwrap();
    let font = scans::font_bytes();
    for (n, language) in Language::ALL.into_iter().enumerate() {
        let code = language.code();
        let page = scans::scan(
            &font,
            &scans::page_text(language, 0),
            angle(language, false),
            n as u64,
        );
        let pdf = scans::image_pdf(&[PdfImage::Jpeg(scans::jpeg(&page))]);
        fs::write(folder.join(format!("{code}-scan.pdf")), pdf).unwrap();
        let photo = scans::scan(
            &font,
            &scans::page_text(language, 1),
            angle(language, true),
            10 + n as u64,
        );
        fs::write(
            folder.join(format!("{code}-notice.jpg")),
            scans::phone_jpeg(&photo),
        )
        .unwrap();
    }
    sandbox.folio(&["ocr", "--photos", "on"]).success();

    let report = import(&sandbox, &folder);
    assert_eq!(
        report["ocr_queued"], 6,
        "three scans and three photos: {report}"
    );
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report}");
    let text = sandbox
        .folio(&["show", &id_of(&report, "en-scan.pdf").to_string()])
        .success();
    assert!(
        text.stdout.contains("en-scan"),
        "named after its file until read: {}",
        text.stdout
    );
    assert!(
        search_ids(&sandbox, Language::English.marker()).is_empty(),
        "the import does not wait for OCR"
    );

    let run = sandbox.folio(&["ocr", "--json"]).success().json();
    assert_eq!(run["items"], 6, "{run}");
    assert_eq!(run["pages"], 6, "{run}");
    assert_eq!(run["remaining"], 0, "{run}");
    assert!(run["unreadable"].as_array().unwrap().is_empty(), "{run}");

    for language in Language::ALL {
        let code = language.code();
        let article = id_of(&report, &format!("{code}-scan.pdf"));
        let photo = id_of(&report, &format!("{code}-notice.jpg"));
        let found = search_ids(&sandbox, language.marker());
        assert!(
            found.contains(&article) && found.contains(&photo),
            "{code}: {found:?}\n{}",
            ocr_text(&sandbox, article).1
        );
        let in_ocr = search_ids(&sandbox, &format!("ocr:{}", language.marker()));
        assert!(
            in_ocr.contains(&photo),
            "{code}: ocr: finds the photo: {in_ocr:?}"
        );

        let (shown, read) = ocr_text(&sandbox, article);
        assert_eq!(shown["ocr"]["pages"][0]["page"], 1);
        assert_eq!(shown["ocr"]["queued"], false);
        assert_eq!(shown["language"], code, "{shown}");
        assert!(
            shown["body_html"]
                .as_str()
                .unwrap()
                .contains("Page 1 (text read by OCR)"),
            "{shown}"
        );
        let body = shown["body_text"].as_str().unwrap();
        let article_rate = character_error_rate(&scans::page_text(language, 0), body);
        let (_, photo_read) = ocr_text(&sandbox, photo);
        let photo_rate = character_error_rate(&scans::page_text(language, 1), &photo_read);
        eprintln!(
            "{code}: character error rate {:.2}% (PDF scan), {:.2}% (JPEG)",
            article_rate * 100.0,
            photo_rate * 100.0
        );
        assert!(
            article_rate <= bound(language),
            "{code}: {article_rate}\n{read}"
        );
        assert!(
            photo_rate <= bound(language),
            "{code}: {photo_rate}\n{photo_read}"
        );
    }
}

#[test]
fn a_scanned_page_saved_as_a_picture_becomes_an_article_and_photos_stay_photos() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("in");
    fs::create_dir(&folder).unwrap();
    let font = scans::font_bytes();
    let letter = scans::scan(&font, &scans::page_text(Language::English, 0), 1.5, 1);
    let clipping = scans::scan(&font, &scans::page_text(Language::Russian, 0), -2.0, 2);
    let notice = scans::scan(&font, &scans::page_text(Language::Chinese, 0), 1.0, 3);
    fs::write(folder.join("letter.jpg"), scans::jpeg(&letter)).unwrap();
    fs::write(folder.join("clipping.png"), scans::clipping_png(&clipping)).unwrap();
    fs::write(folder.join("notice.jpg"), scans::phone_jpeg(&notice)).unwrap();
    let harbour = folio_samples::scenes::scene(7, 1600, 1200);
    fs::write(
        folder.join("harbour.jpg"),
        folio_samples::scenes::to_jpeg(&harbour, 90),
    )
    .unwrap();

    let report = import(&sandbox, &folder);
    assert_eq!(
        report["ocr_queued"], 2,
        "the two scans, not the photos: {report}"
    );
    let kind = |file: &str| {
        let shown = sandbox
            .folio(&["show", "--json", &id_of(&report, file).to_string()])
            .success()
            .json();
        shown["kind"].as_str().unwrap().to_owned()
    };
    assert_eq!(kind("letter.jpg"), "article");
    assert_eq!(kind("clipping.png"), "article");
    assert_eq!(
        kind("notice.jpg"),
        "photo",
        "a phone's picture stays a photo"
    );
    assert_eq!(kind("harbour.jpg"), "photo");

    sandbox.folio(&["ocr"]).success();
    for (file, language) in [
        ("letter.jpg", Language::English),
        ("clipping.png", Language::Russian),
    ] {
        let id = id_of(&report, file);
        assert_eq!(search_ids(&sandbox, language.marker()), [id], "{file}");
        let (shown, _) = ocr_text(&sandbox, id);
        let body = shown["body_text"].as_str().unwrap();
        let rate = character_error_rate(&scans::page_text(language, 0), body);
        assert!(rate <= bound(language), "{file}: {rate}\n{body}");
        assert_eq!(shown["language"], language.code(), "{shown}");
    }
}

#[test]
fn a_page_that_cannot_be_read_is_reported_and_the_others_are_read() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("in");
    fs::create_dir(&folder).unwrap();
    let font = scans::font_bytes();
    let english = scans::scan(&font, &scans::page_text(Language::English, 0), 1.0, 1);
    let russian = scans::scan(&font, &scans::page_text(Language::Russian, 0), -1.0, 2);
    let damaged = b"\xFF\xD8\xFF\xE0 this is not the rest of a JPEG".to_vec();
    let pdf = scans::image_pdf(&[
        PdfImage::Jpeg(scans::jpeg(&english)),
        PdfImage::Jpeg(damaged),
        PdfImage::Flate(russian),
    ]);
    fs::write(folder.join("three pages.pdf"), pdf).unwrap();
    // A notice a phone photographed stays a photo: not read while the setting is off.
    fs::write(folder.join("notice.jpg"), scans::phone_jpeg(&english)).unwrap();
    let report = import(&sandbox, &folder);
    assert_eq!(report["ocr_queued"], 1, "{report}");

    let run = sandbox.folio(&["ocr", "--json"]);
    assert_eq!(run.code, 1, "some pages failed: {}", run.stderr);
    let run = run.json();
    assert_eq!(run["items"], 1);
    assert_eq!(run["pages"], 2, "{run}");
    let unreadable = &run["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{run}");
    assert_eq!(unreadable[0]["page"], 2);
    assert!(
        unreadable[0]["reason"].as_str().unwrap().contains("JPEG"),
        "says why: {run}"
    );
    let article = id_of(&report, "three pages.pdf");
    let found = search_ids(&sandbox, Language::Russian.marker());
    assert_eq!(
        found,
        [article],
        "the Flate-compressed page after the broken one is read"
    );
    let (shown, _) = ocr_text(&sandbox, article);
    assert!(
        shown["body_html"]
            .as_str()
            .unwrap()
            .contains("Page 2 could not be read")
    );
    assert!(search_ids(&sandbox, "ocr:heliograph").contains(&article));
}

#[test]
fn ocr_stopped_midway_leaves_the_rest_for_the_next_run() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("in");
    fs::create_dir(&folder).unwrap();
    let font = scans::font_bytes();
    for n in 0..6 {
        let page = scans::scan(
            &font,
            &scans::page_text(Language::English, n),
            1.0,
            n as u64,
        );
        let pdf = scans::image_pdf(&[PdfImage::Jpeg(scans::jpeg(&page))]);
        fs::write(folder.join(format!("scan {n}.pdf")), pdf).unwrap();
    }
    assert_eq!(import(&sandbox, &folder)["ocr_queued"], 6);

    // stderr is not a terminal: one progress line per item; stop after the first.
    let mut child = crate::util::folio()
        .arg("--archive")
        .arg(sandbox.archive())
        .args(["ocr", "--json", "--threads", "1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("1/6"), "{first}");
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "a stop is not a failure");
    let stopped: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stopped["cancelled"], true, "{stopped}");
    let read_first = stopped["items"].as_u64().unwrap();
    assert!((1..6).contains(&read_first), "{stopped}");
    assert_eq!(stopped["remaining"].as_u64().unwrap(), 6 - read_first);

    let rest = sandbox.folio(&["ocr", "--json"]).success().json();
    assert_eq!(rest["items"].as_u64().unwrap(), 6 - read_first, "{rest}");
    assert_eq!(rest["remaining"], 0);
    assert_eq!(search_ids(&sandbox, "heliograph").len(), 6);
}

/// Tesseract and libheif are opened when a scan or a HEIC photo first needs them (Linux): the
/// program does not list them, or what they bring, among the libraries loaded at its start.
#[cfg(target_os = "linux")]
#[test]
fn the_command_does_not_load_tesseract_or_libheif_at_start() {
    let shown = std::process::Command::new("readelf")
        .args(["--dynamic", env!("CARGO_BIN_EXE_folio")])
        .output()
        .expect("readelf (binutils) reads the program's libraries");
    let dynamic = String::from_utf8_lossy(&shown.stdout);
    let needed: Vec<&str> = dynamic
        .lines()
        .filter(|line| line.contains("(NEEDED)"))
        .collect();
    assert!(
        needed.iter().any(|line| line.contains("libc.so")),
        "{dynamic}"
    );
    for library in ["libtesseract", "liblept", "libheif", "libgomp", "libcurl"] {
        assert!(
            !needed.iter().any(|line| line.contains(library)),
            "{library} is loaded at start: {needed:#?}"
        );
    }
}

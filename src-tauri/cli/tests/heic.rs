//! HEIC photos, as phones take them, through `folio`: imported like a JPEG (caption, credit,
//! date, upright size, both thumbnails), a damaged one reported without losing the others, and
//! handed on in a PDF dossier and in a bundle with a JPEG rendition beside the original. The
//! HEIC files are made by libheif's `heif-enc` (`folio_samples::heic`).

use std::fs;
use std::path::Path;

use folio_samples::heic::{heic_from_jpeg, heic_turned_by_container, phone_jpeg};
use folio_samples::photos::{CAPTION_ZH, decode_rgb};
use serde_json::Value;

use crate::library::{tool, unzip};
use crate::util::Sandbox;

const CREDIT: &str = "新华社";

/// A sandbox whose archive holds `phone.heic` (640×480, captioned) and `turned.heic` (400×200
/// pixels turned upright by its container), imported from a folder that also holds a truncated
/// `broken.heic`; the import's report and the two items' `show --json`.
fn imported() -> (Sandbox, Value, Value, Value) {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("phone");
    fs::create_dir(&dir).unwrap();
    let heic = heic_from_jpeg(&phone_jpeg(640, 480, CAPTION_ZH, CREDIT));
    fs::write(dir.join("phone.heic"), &heic).unwrap();
    fs::write(dir.join("broken.heic"), &heic[..heic.len() / 2]).unwrap();
    fs::write(dir.join("turned.HEIC"), heic_turned_by_container(400, 200)).unwrap();
    let run = sandbox.folio(&["import", "--json", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "one file failed: {}", run.stdout);
    let report = run.json();
    let id_of = |name: &str| {
        let entry = report["imported"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} imported: {report}"));
        entry["id"].to_string()
    };
    let show = |id: String| sandbox.folio(&["show", "--json", &id]).success().json();
    let (phone, turned) = (show(id_of("phone.heic")), show(id_of("turned.HEIC")));
    (sandbox, report, phone, turned)
}

fn thumbnail(sandbox: &Sandbox, photo: &Value, side: u32) -> (u32, u32) {
    let sha = photo["sha256"].as_str().unwrap();
    let path = sandbox
        .archive()
        .join(format!("derived/thumbs/{}/{sha}-{side}.jpg", &sha[..2]));
    decode_rgb(&fs::read(&path).unwrap_or_else(|e| panic!("thumbnail {side}: {e}"))).dimensions()
}

#[test]
fn heic_photos_import_like_jpegs_and_a_truncated_one_is_reported() {
    let (sandbox, report, phone, turned) = imported();
    assert_eq!(report["imported"].as_array().unwrap().len(), 2, "{report}");
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{report}");
    assert!(failed[0]["path"].as_str().unwrap().ends_with("broken.heic"));
    let error = failed[0]["error"].as_str().unwrap();
    assert!(
        error.contains("HEIC"),
        "a reason a person understands: {error}"
    );

    assert_eq!(phone["kind"], "photo");
    assert_eq!(phone["caption"], CAPTION_ZH);
    assert_eq!(phone["credit"], CREDIT);
    assert_eq!(phone["byline"], "Li Wei");
    assert_eq!(phone["camera"], "Apple iPhone 15");
    assert_eq!(phone["taken"], "2024-05-06T07:08:09+08:00");
    assert_eq!(
        (phone["width"].as_u64(), phone["height"].as_u64()),
        (Some(640), Some(480))
    );
    assert_eq!(thumbnail(&sandbox, &phone, 256), (256, 192));
    assert_eq!(thumbnail(&sandbox, &phone, 1024), (640, 480));

    // Upright by its container: portrait, and the EXIF orientation beside it not applied again.
    assert_eq!(
        (turned["width"].as_u64(), turned["height"].as_u64()),
        (Some(200), Some(400))
    );
    assert_eq!(thumbnail(&sandbox, &turned, 256), (128, 256));

    let list = sandbox.folio(&["list", "--json"]).success().json();
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(2),
        "nothing else came in: {list}"
    );
}

fn ids(phone: &Value, turned: &Value, sandbox: &Sandbox) -> Vec<String> {
    let list = sandbox.folio(&["list", "--json"]).success().json();
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].to_string())
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 2, "{phone} {turned}");
    ids
}

#[test]
fn a_dossier_shows_heic_photos_upright_with_their_captions() {
    let (sandbox, _, phone, turned) = imported();
    let pdf = sandbox.path().join("dossier.pdf");
    let mut args = vec![
        "export",
        "--format",
        "pdf",
        "--output",
        pdf.to_str().unwrap(),
    ];
    let ids = ids(&phone, &turned, &sandbox);
    args.extend(ids.iter().map(String::as_str));
    sandbox.folio(&args).success();
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text: String = tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(CAPTION_ZH) && text.contains(CREDIT), "{text}");
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let mut ratios: Vec<String> = list
        .lines()
        .skip(2)
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(columns[2], "image", "{list}");
            let (w, h): (f64, f64) = (columns[3].parse().unwrap(), columns[4].parse().unwrap());
            format!("{:.2}", w / h)
        })
        .collect();
    ratios.sort();
    assert_eq!(ratios, ["0.50", "1.33"], "both photos, upright:\n{list}");
}

#[test]
fn a_bundle_keeps_the_heic_and_puts_a_captioned_jpeg_beside_it() {
    let (sandbox, _, phone, turned) = imported();
    let zip = sandbox.path().join("phone-photos.zip");
    let mut args = vec![
        "export",
        "--format",
        "zip",
        "--output",
        zip.to_str().unwrap(),
    ];
    let ids = ids(&phone, &turned, &sandbox);
    args.extend(ids.iter().map(String::as_str));
    sandbox.folio(&args).success();
    let unzipped = sandbox.path().join("unzipped");
    unzip(&zip, &unzipped);
    let bag = unzipped.join("phone-photos");
    tool(
        "python3",
        &[
            "-c",
            "import bagit, sys; bagit.Bag(sys.argv[1]).validate()",
            bag.to_str().unwrap(),
        ],
    );
    let original = fs::read(bag.join("data/photos/phone.heic")).unwrap();
    assert_eq!(&original[4..12], b"ftypheic", "the original, byte for byte");

    let exif = |path: &Path| -> Value {
        let json = tool(
            "exiftool",
            &["-j", "-n", "-charset", "iptc=UTF8", path.to_str().unwrap()],
        );
        serde_json::from_str::<Value>(&json).unwrap()[0].clone()
    };
    let rendition = exif(&bag.join("data/photos/phone.jpg"));
    assert_eq!(rendition["MIMEType"], "image/jpeg");
    assert_eq!(
        (
            rendition["ImageWidth"].as_u64(),
            rendition["ImageHeight"].as_u64()
        ),
        (Some(640), Some(480))
    );
    assert_eq!(rendition["Caption-Abstract"], CAPTION_ZH);
    assert_eq!(rendition["Credit"], CREDIT);
    assert_eq!(rendition["DateTimeOriginal"], "2024:05:06 07:08:09");
    assert!(
        (rendition["GPSLatitude"].as_f64().unwrap() - 39.9).abs() < 1e-6,
        "{rendition}"
    );
    let turned_jpeg = exif(&bag.join("data/photos/turned.jpg"));
    assert_eq!(
        (
            turned_jpeg["ImageWidth"].as_u64(),
            turned_jpeg["ImageHeight"].as_u64(),
            turned_jpeg["Orientation"].as_u64()
        ),
        (Some(200), Some(400), Some(1)),
        "upright pixels, and EXIF that says so"
    );

    let index: Value =
        serde_json::from_slice(&fs::read(bag.join("data/items.json")).unwrap()).unwrap();
    let items = index["items"].as_array().unwrap();
    let phone_entry = items
        .iter()
        .find(|i| i["path"] == "data/photos/phone.heic")
        .unwrap();
    assert_eq!(phone_entry["rendition_path"], "data/photos/phone.jpg");
    assert_eq!(phone_entry["media_type"], "image/heic");
    assert!((phone_entry["photo"]["gps"]["lat"].as_f64().unwrap() - 39.9).abs() < 1e-6);
    let html = fs::read_to_string(bag.join("data/index.html")).unwrap();
    assert!(
        html.contains("photos/phone.jpg"),
        "the catalogue links the JPEG"
    );

    // Imported back, the bundle gives the two photos, not the renditions as photos of their own.
    let other = Sandbox::new();
    let run = other.folio(&["import", "--json", zip.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let list = other.folio(&["list", "--json"]).success().json();
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
}

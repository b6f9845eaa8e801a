//! Thumbnails in the real WebKit window: a photo's thumbnail loads through the scoped
//! `folio-thumb` protocol, and the protocol refuses anything outside `derived/` however the path
//! is written — `..`, encoded separators, absolute paths, the database itself.

use std::process::Command;
use std::time::Duration;

use folio_e2e::{Driver, Result, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(60);

/// Loads `arguments[0]` (a path after the protocol's host) as an image, as the UI's `<img>` does;
/// answers its natural width, or -1 when the load failed.
const LOAD_IMAGE: &str = r#"
const [path, done] = arguments;
const image = new Image();
image.onload = () => done(image.naturalWidth);
image.onerror = () => done(-1);
const url = window.__TAURI_INTERNALS__.convertFileSrc('', 'folio-thumb');
image.src = url + path;
"#;

#[test]
fn thumbnails_load_through_the_protocol_and_nothing_else_does() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let photo = temp.path().join("harbour.jpg");
    let made = Command::new("convert")
        .args(["-size", "2000x1500", "gradient:navy-orange"])
        .arg(&photo)
        .status()
        .map_err(|e| format!("ImageMagick's convert: {e}"))?;
    assert!(made.success(), "convert failed");

    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive), ("FOLIO_E2E_PICK", &photo)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;
    session.invoke("pick_import_paths", json!({"folders": false}), PATIENCE)?;
    let report = session.invoke(
        "import_paths",
        json!({"request": {"paths": [photo.display().to_string()], "tags": [], "collection": null}}),
        PATIENCE,
    )?;
    let id = report["value"]["imported"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("photo not imported: {report}"))?;
    let shown = session.invoke("show_item", json!({"id": id}), PATIENCE)?;
    let sha = shown["sha256"].as_str().ok_or("no sha256")?.to_string();

    let width = session.execute_async(LOAD_IMAGE, json!([format!("{sha}%2F256")]), PATIENCE)?;
    assert_eq!(width, json!(256), "the 256 px thumbnail loads in WebKit");
    let large = session.execute_async(LOAD_IMAGE, json!([format!("{sha}%2F1024")]), PATIENCE)?;
    assert_eq!(large, json!(1024), "the viewing size loads");

    let database = archive.join("folio.sqlite").display().to_string();
    for hostile in [
        "..%2F..%2Ffolio.sqlite".to_string(),
        "..%2Ffolio.sqlite".to_string(),
        "%2E%2E%2F%2E%2E%2Ffolio.sqlite".to_string(),
        "..%5C..%5Cfolio.sqlite".to_string(),
        format!("{sha}%2F..%2F..%2F..%2Ffolio.sqlite"),
        database.replace('/', "%2F"),
        "%2Fetc%2Fpasswd".to_string(),
        format!("{sha}%2F999"),
    ] {
        let answer = session.execute_async(LOAD_IMAGE, json!([hostile]), PATIENCE)?;
        assert_eq!(answer, json!(-1), "{hostile} must not load");
    }
    Ok(())
}

//! Photos taken out of the real app, with the caption edited in Folio written into the file they
//! become: dragged out of the window and dropped on another application (the mouse moved by the
//! X server's test extension, xdotool; the receiver a small GTK window taking `text/uri-list`
//! drops as file managers and mail programs do), and saved with File → Save a Copy….

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::Duration;

use folio_e2e::desktop::Point;
use folio_e2e::desktop::{
    APP_WINDOW, OTHER_WINDOW, OtherApp, center, glide, move_to, page_origin, place_app_window, run,
    wait_for, xdotool,
};
use folio_e2e::{Driver, Result, Session, app_binary, cli_binary};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(60);
const CAPTION: &str = "Гавань Владивостока на закате — 海港日落";
const CREDIT: &str = "Анна Петрова / 新华社";

/// A GTK window accepting dropped files: writes the addresses it receives to `argv[1]`, then
/// quits. The system's Python, which has the GTK bindings.
const RECEIVER_PY: &str = r#"
import os, sys
import gi
gi.require_version('Gtk', '3.0')
gi.require_version('Gdk', '3.0')
from gi.repository import Gdk, GLib, Gtk

out, x, y, width, height = sys.argv[1], *map(int, sys.argv[2:6])
window = Gtk.Window(title='folio drop receiver')
window.set_default_size(width, height)
window.move(x, y)
area = Gtk.EventBox()
area.drag_dest_set(Gtk.DestDefaults.ALL, [Gtk.TargetEntry.new('text/uri-list', 0, 0)],
                   Gdk.DragAction.COPY)

def received(widget, context, x, y, data, info, time):
    with open(out + '.part', 'w') as file:
        file.write('\n'.join(data.get_uris()))
    os.rename(out + '.part', out)
    GLib.timeout_add(300, Gtk.main_quit)

area.connect('drag-data-received', received)
window.add(area)
window.connect('map-event', lambda *_: print('ready', flush=True))
window.show_all()
Gtk.main()
"#;

fn folio(archive: &Path, args: &[&str]) -> Result<String> {
    let mut all = vec!["--archive", archive.to_str().ok_or("archive path")?];
    all.extend_from_slice(args);
    run(cli_binary().to_str().ok_or("cli path")?, &all)
}

/// The files under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                files_under(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

/// The path a `file://` address names.
fn path_of(uri: &str) -> Result<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let spelled = uri
        .strip_prefix("file://")
        .ok_or_else(|| format!("not a file address: {uri}"))?;
    let mut bytes = Vec::new();
    let mut rest = spelled.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).map_err(|e| e.to_string())?;
            bytes.push(u8::from_str_radix(hex, 16).map_err(|e| format!("{uri}: {e}"))?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    Ok(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

/// An archive holding one photo, `harbour.jpg`, whose caption and credit were edited in Folio.
fn archive_with_a_captioned_photo(temp: &Path) -> Result<PathBuf> {
    let archive = temp.join("archive");
    let photo = temp.join("harbour.jpg");
    let photo_arg = photo.to_str().ok_or("photo path")?;
    run(
        "convert",
        &["-size", "800x600", "gradient:navy-orange", photo_arg],
    )?;
    folio(&archive, &["import", photo_arg])?;
    folio(&archive, &["edit", "1", "caption", CAPTION])?;
    folio(&archive, &["edit", "1", "credit", CREDIT])?;
    Ok(archive)
}

/// Where the first row of the list is on the screen, a little in from its left end.
fn first_row(session: &Session<'_>) -> Result<Point> {
    let (left, top) = page_origin(session, PATIENCE)?;
    let row = session.execute(
        "const box = document.querySelector('[data-testid=item-row]').getBoundingClientRect();
         return [box.left + 40, box.top + box.height / 2];",
        json!([]),
    )?;
    let at = |value: &Value| {
        value
            .as_f64()
            .map(|v| v.round() as i32)
            .ok_or("row position")
    };
    Ok((left + at(&row[0])?, top + at(&row[1])?))
}

/// Checks that exiftool reads the caption and credit edited in Folio from `file`.
fn assert_carries_the_caption(file: &Path) -> Result<()> {
    let tags = run(
        "exiftool",
        &[
            "-json",
            "-charset",
            "iptc=UTF8",
            "-XMP-dc:Description",
            "-IPTC:Caption-Abstract",
            "-XMP-photoshop:Credit",
            file.to_str().ok_or("copy path")?,
        ],
    )?;
    let tags: Value = serde_json::from_str(&tags).map_err(|e| e.to_string())?;
    assert_eq!(tags[0]["Description"], json!(CAPTION), "{tags}");
    assert_eq!(tags[0]["Caption-Abstract"], json!(CAPTION), "{tags}");
    assert_eq!(tags[0]["Credit"], json!(CREDIT), "{tags}");
    Ok(())
}

#[test]
fn a_photo_dragged_out_of_the_window_arrives_with_its_caption() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = archive_with_a_captioned_photo(temp.path())?;
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;
    session.wait_for_text("[data-testid=item-row]", "harbour", PATIENCE)?;
    place_app_window()?;
    let script = temp.path().join("receiver.py");
    std::fs::write(&script, RECEIVER_PY).map_err(|e| e.to_string())?;
    let dropped = temp.path().join("dropped.txt");
    let dropped_arg = dropped.to_str().ok_or("temporary path")?;
    let _receiver = OtherApp::start(&script, dropped_arg, OTHER_WINDOW)?;

    let grab = first_row(&session)?;

    // Press on the row and pull it out of the window: the window asks the app for the drag,
    // which writes the copy, then starts the system's drag on the window's thread.
    move_to(grab)?;
    sleep(Duration::from_millis(300));
    xdotool(&["mousedown", "1"])?;
    let (app_x, _, app_width, _) = APP_WINDOW;
    let outside = (app_x + app_width + 15, grab.1);
    glide(grab, outside, 12)?;
    let copy = wait_for("no copy was written for the drag", PATIENCE, || {
        files_under(driver.home())
            .into_iter()
            .find(|path| path.components().any(|part| part.as_os_str() == "drag-out"))
    })?;
    sleep(Duration::from_millis(700));
    glide(outside, center(OTHER_WINDOW), 12)?;
    sleep(Duration::from_millis(300));
    xdotool(&["mouseup", "1"])?;

    let uris = wait_for("the receiver got no drop", PATIENCE, || {
        std::fs::read_to_string(&dropped).ok()
    })?;
    let uris: Vec<&str> = uris.lines().collect();
    assert_eq!(uris.len(), 1, "one file dropped: {uris:?}");
    let received = path_of(uris[0])?;
    assert_eq!(received, copy, "the receiver got the copy the app wrote");
    assert_eq!(
        received.file_name().and_then(|name| name.to_str()),
        Some("harbour.jpg")
    );

    assert_carries_the_caption(&received)
}

#[test]
fn save_a_copy_in_the_file_menu_writes_the_caption_into_the_copy() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = archive_with_a_captioned_photo(temp.path())?;
    let folder = temp.path().join("Для редакции 编辑");
    std::fs::create_dir(&folder).map_err(|e| e.to_string())?;
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive), ("FOLIO_E2E_COPY_TO", &folder)])?;
    let session = driver.session(&app_binary())?;
    session.wait_for_text("[data-testid=item-row]", "harbour", PATIENCE)?;
    place_app_window()?;

    // Select the row with the mouse, then File → Save a Copy…: the menu bar is above the page.
    let row = first_row(&session)?;
    move_to(row)?;
    xdotool(&["click", "1"])?;
    let (_, top) = page_origin(&session, PATIENCE)?;
    let (app_x, app_y, _, _) = APP_WINDOW;
    move_to((app_x + 14, app_y + top / 2))?;
    xdotool(&["click", "1"])?;
    sleep(Duration::from_millis(500));
    xdotool(&["key", "Down", "Return"])?;

    let copy = folder.join("harbour.jpg");
    wait_for("File → Save a Copy… wrote no copy", PATIENCE, || {
        copy.exists().then_some(())
    })?;
    session.wait_for_text("body", "Saved a copy of 1 item in", PATIENCE)?;
    assert_carries_the_caption(&copy)
}

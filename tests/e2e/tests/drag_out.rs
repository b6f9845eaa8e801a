//! A photo dragged out of the real app's window and dropped on another application: the mouse is
//! moved by the X server's test extension (xdotool), the receiver is a small GTK window that takes
//! `text/uri-list` drops as file managers and mail programs do, and the file it receives must be
//! a copy with the caption edited in Folio written into it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use folio_e2e::{Driver, Result, app_binary, cli_binary};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(60);
const CAPTION: &str = "Гавань Владивостока на закате — 海港日落";
const CREDIT: &str = "Анна Петрова / 新华社";

/// Where the app's window is put, and the receiver beside it (screen pixels).
const APP: (i32, i32, i32, i32) = (0, 0, 900, 700);
const RECEIVER: (i32, i32, i32, i32) = (940, 100, 360, 360);

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

fn run(program: &str, args: &[&str]) -> Result<String> {
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn xdotool(args: &[&str]) -> Result<String> {
    run("xdotool", args)
}

fn folio(archive: &Path, args: &[&str]) -> Result<String> {
    let mut all = vec!["--archive", archive.to_str().ok_or("archive path")?];
    all.extend_from_slice(args);
    run(cli_binary().to_str().ok_or("cli path")?, &all)
}

/// Kills the receiver however the test ends.
struct Receiver(Child);

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_receiver(script: &Path, out: &Path) -> Result<Receiver> {
    let (x, y, width, height) = RECEIVER;
    let mut child = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(out)
        .args([x, y, width, height].map(|n| n.to_string()))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the receiver: {e}"))?;
    let stdout = child.stdout.take().ok_or("no receiver output")?;
    let receiver = Receiver(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    if line.trim() != "ready" {
        return Err("the receiver window did not appear (python3-gi, gir1.2-gtk-3.0)".into());
    }
    Ok(receiver)
}

/// Waits until `found` answers something, or says what did not happen.
fn wait_for<T>(what: &str, mut found: impl FnMut() -> Option<T>) -> Result<T> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = found() {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(format!("{what} within {PATIENCE:?}"));
        }
        sleep(Duration::from_millis(100));
    }
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

#[test]
fn a_photo_dragged_out_of_the_window_arrives_with_its_caption() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let photo = temp.path().join("harbour.jpg");
    run(
        "convert",
        &[
            "-size",
            "800x600",
            "gradient:navy-orange",
            photo.to_str().ok_or("photo path")?,
        ],
    )?;
    folio(&archive, &["import", photo.to_str().ok_or("photo path")?])?;
    folio(&archive, &["edit", "1", "caption", CAPTION])?;
    folio(&archive, &["edit", "1", "credit", CREDIT])?;

    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;
    session.wait_for_text("[data-testid=item-row]", "harbour", PATIENCE)?;

    // Room beside the window for the receiver, whatever size the screen is.
    let (x, y, width, height) = APP;
    let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", "^Folio$"])?;
    let window = window.lines().next().ok_or("no Folio window")?.to_string();
    xdotool(&["windowmove", &window, &x.to_string(), &y.to_string()])?;
    xdotool(&[
        "windowsize",
        &window,
        &width.to_string(),
        &height.to_string(),
    ])?;
    let script = temp.path().join("receiver.py");
    std::fs::write(&script, RECEIVER_PY).map_err(|e| e.to_string())?;
    let dropped = temp.path().join("dropped.txt");
    let _receiver = start_receiver(&script, &dropped)?;

    // Where the page is on the screen: move the pointer over it and read where the page saw it.
    session.execute(
        "window.__pointer = null;
         window.addEventListener('pointermove',
             (e) => { window.__pointer = [e.clientX, e.clientY]; });",
        json!([]),
    )?;
    let probe = (x + width / 2, y + height / 2);
    xdotool(&["mousemove", &probe.0.to_string(), &probe.1.to_string()])?;
    let seen = wait_for("the page did not see the pointer", || {
        session
            .execute("return window.__pointer;", json!([]))
            .ok()
            .filter(|seen| seen.is_array())
    })?;
    let page_at = |client: &Value, screen: i32| -> Result<i32> {
        let client = client.as_f64().ok_or("no pointer position")?;
        Ok(screen - client.round() as i32)
    };
    let (left, top) = (page_at(&seen[0], probe.0)?, page_at(&seen[1], probe.1)?);
    let row = session.execute(
        "const box = document.querySelector('[data-testid=item-row]').getBoundingClientRect();
         return [box.left + 40, box.top + box.height / 2];",
        json!([]),
    )?;
    let grab = (
        left + row[0].as_f64().ok_or("row position")?.round() as i32,
        top + row[1].as_f64().ok_or("row position")?.round() as i32,
    );

    // Press on the row and pull it out of the window: the window asks the app for the drag.
    xdotool(&["mousemove", &grab.0.to_string(), &grab.1.to_string()])?;
    sleep(Duration::from_millis(300));
    xdotool(&["mousedown", "1"])?;
    let outside = x + width + 15;
    let steps = 12;
    for step in 1..=steps {
        let to_x = grab.0 + (outside - grab.0) * step / steps;
        xdotool(&["mousemove", &to_x.to_string(), &grab.1.to_string()])?;
        sleep(Duration::from_millis(60));
    }
    let copy = wait_for("no copy was written for the drag", || {
        files_under(driver.home())
            .into_iter()
            .find(|path| path.components().any(|part| part.as_os_str() == "drag-out"))
    })?;
    // The system drag starts on the window's thread right after the copy is written.
    sleep(Duration::from_millis(700));
    let (rx, ry, rw, rh) = RECEIVER;
    let target = (rx + rw / 2, ry + rh / 2);
    for step in 1..=steps {
        let to_x = outside + (target.0 - outside) * step / steps;
        let to_y = grab.1 + (target.1 - grab.1) * step / steps;
        xdotool(&["mousemove", &to_x.to_string(), &to_y.to_string()])?;
        sleep(Duration::from_millis(80));
    }
    sleep(Duration::from_millis(300));
    xdotool(&["mouseup", "1"])?;

    let uris = wait_for("the receiver got no drop", || {
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

    let tags = run(
        "exiftool",
        &[
            "-json",
            "-charset",
            "iptc=UTF8",
            "-XMP-dc:Description",
            "-IPTC:Caption-Abstract",
            "-XMP-photoshop:Credit",
            received.to_str().ok_or("received path")?,
        ],
    )?;
    let tags: Value = serde_json::from_str(&tags).map_err(|e| e.to_string())?;
    assert_eq!(tags[0]["Description"], json!(CAPTION), "{tags}");
    assert_eq!(tags[0]["Caption-Abstract"], json!(CAPTION), "{tags}");
    assert_eq!(tags[0]["Credit"], json!(CREDIT), "{tags}");
    Ok(())
}

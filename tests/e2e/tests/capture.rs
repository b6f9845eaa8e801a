//! Links brought to the real app: a page served by a local server the test starts, its address
//! pasted into the window or dragged onto it from another application, is fetched and appears in
//! the window as an article that records its address and time of capture.

use std::process::Command;
use std::time::Duration;

use folio_e2e::desktop::{
    APP_WINDOW, OTHER_WINDOW, OtherApp, center, glide, move_to, place_app_window, serve_page,
    xdotool,
};
use folio_e2e::{Driver, Result, app_binary, cli_binary};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(60);

/// A browser's window with a link in it: a GTK window offering the address as a browser's drag
/// of a link does (`text/uri-list` and plain text) when a drag starts on it.
const LINK_SOURCE_PY: &str = r#"
import sys
import gi
gi.require_version('Gtk', '3.0')
gi.require_version('Gdk', '3.0')
from gi.repository import Gdk, Gtk

link, x, y, width, height = sys.argv[1], *map(int, sys.argv[2:6])
window = Gtk.Window(title='folio link source')
window.set_default_size(width, height)
window.move(x, y)
area = Gtk.EventBox()
area.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY | Gdk.DragAction.LINK)
area.drag_source_add_uri_targets()
area.drag_source_add_text_targets()

def give(widget, context, data, info, time):
    if data.get_target().name() == 'text/uri-list':
        data.set_uris([link])
    else:
        data.set_text(link, -1)

area.connect('drag-data-get', give)
window.add(area)
window.connect('map-event', lambda *_: print('ready', flush=True))
window.show_all()
Gtk.main()
"#;

const PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Innovation forum opens in Kazan - Example News</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Innovation forum opens in Kazan</h1>
<p class="byline">By Anna Smith</p><time datetime="2019-05-04">May 4, 2019</time>
<p>The first paragraph says what happened at the forum and who came to it from abroad.</p>
<p>The second paragraph adds the details that readers expect from a complete report.</p>
</article></body></html>"#;

fn folio_json(args: &[&str]) -> Result<Value> {
    let output = Command::new(cli_binary())
        .args(args)
        .output()
        .map_err(|e| format!("cannot run folio: {e}"))?;
    serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "folio {args:?} gave no JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// What `folio show --json` says of the archive's one item.
fn the_only_item(archive: &std::path::Path) -> Result<Value> {
    let archive = archive.display().to_string();
    let listed = folio_json(&["--archive", &archive, "list", "--json"])?;
    let id = listed[0]["id"]
        .as_i64()
        .ok_or(format!("no item: {listed}"))?;
    folio_json(&["--archive", &archive, "show", "--json", &id.to_string()])
}

#[test]
fn a_pasted_link_becomes_an_article_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let link = format!("http://127.0.0.1:{}/news/forum-opens", serve_page(PAGE)?);
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;

    // What Ctrl+V outside a text field delivers to the page: a paste event with the text.
    session.execute(
        "const data = new DataTransfer();
         data.setData('text/plain', arguments[0]);
         document.body.dispatchEvent(new ClipboardEvent('paste',
             {clipboardData: data, bubbles: true, cancelable: true}));",
        json!([link]),
    )?;
    session.wait_for_text(
        "[data-testid=item-row]",
        "Innovation forum opens in Kazan",
        PATIENCE,
    )?;
    session.wait_for_text("[data-testid=import-report]", "Imported 1 item", PATIENCE)?;

    let shown = the_only_item(&archive)?;
    assert_eq!(shown["url"], json!(link), "{shown}");
    assert_eq!(shown["byline"], "Anna Smith", "{shown}");
    assert!(shown["captured_at"].is_string(), "{shown}");
    Ok(())
}

#[test]
fn a_link_dragged_from_another_application_becomes_an_article() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let link = format!("http://127.0.0.1:{}/news/forum-opens", serve_page(PAGE)?);
    let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
    let session = driver.session(&app_binary())?;
    session.text_of("[data-drop-ready=true]", PATIENCE)?;
    place_app_window()?;
    let script = temp.path().join("link_source.py");
    std::fs::write(&script, LINK_SOURCE_PY).map_err(|e| e.to_string())?;
    let _browser = OtherApp::start(&script, &link, OTHER_WINDOW)?;

    // Press on the link, pull it over to Folio's window and let go there.
    let from = center(OTHER_WINDOW);
    move_to(from)?;
    xdotool(&["mousedown", "1"])?;
    glide(from, (from.0 - 30, from.1), 6)?;
    glide((from.0 - 30, from.1), center(APP_WINDOW), 14)?;
    std::thread::sleep(Duration::from_millis(400));
    xdotool(&["mouseup", "1"])?;

    session.wait_for_text(
        "[data-testid=item-row]",
        "Innovation forum opens in Kazan",
        PATIENCE,
    )?;
    let shown = the_only_item(&archive)?;
    assert_eq!(shown["url"], json!(link), "{shown}");
    Ok(())
}

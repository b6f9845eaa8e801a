//! A link pasted into the real app: a page served by a local server the test starts is fetched
//! and appears in the window as an article that records its address and time of capture.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

use folio_e2e::{Driver, Result, app_binary, cli_binary};
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(60);

const PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Innovation forum opens in Kazan - Example News</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Innovation forum opens in Kazan</h1>
<p class="byline">By Anna Smith</p><time datetime="2019-05-04">May 4, 2019</time>
<p>The first paragraph says what happened at the forum and who came to it from abroad.</p>
<p>The second paragraph adds the details that readers expect from a complete report.</p>
</article></body></html>"#;

/// Serves `PAGE` at every path on a free local port; returns the port.
fn serve_page() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(match stream.try_clone() {
                Ok(stream) => stream,
                Err(_) => continue,
            });
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
                PAGE.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    Ok(port)
}

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

#[test]
fn a_pasted_link_becomes_an_article_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let archive = temp.path().join("archive");
    let link = format!("http://127.0.0.1:{}/news/forum-opens", serve_page()?);
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

    let archive_arg = archive.display().to_string();
    let listed = folio_json(&["--archive", &archive_arg, "list", "--json"])?;
    let id = listed[0]["id"]
        .as_i64()
        .ok_or(format!("no item: {listed}"))?;
    let shown = folio_json(&["--archive", &archive_arg, "show", "--json", &id.to_string()])?;
    assert_eq!(shown["url"], json!(link), "{shown}");
    assert_eq!(shown["byline"], "Anna Smith", "{shown}");
    assert!(shown["captured_at"].is_string(), "{shown}");
    Ok(())
}

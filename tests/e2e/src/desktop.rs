//! The desktop around the app, for tests of drags between applications: the mouse moved by the
//! X server's test extension (xdotool, so the app sees a real pointer), small GTK windows of
//! other applications written in Python, the app's window placed beside them, and a local web
//! server for pages.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Result, Session};

/// A place on the screen or a window's box on it, in pixels.
pub type Point = (i32, i32);
pub type Rect = (i32, i32, i32, i32);

/// Where a drag test puts the app's window, and the other application's beside it.
pub const APP_WINDOW: Rect = (0, 0, 900, 700);
pub const OTHER_WINDOW: Rect = (940, 100, 360, 360);

/// Runs a program; its standard output, or what it said when it failed.
pub fn run(program: &str, args: &[&str]) -> Result<String> {
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

pub fn xdotool(args: &[&str]) -> Result<String> {
    run("xdotool", args)
}

/// Waits until `found` answers something, or says what did not happen.
pub fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut found: impl FnMut() -> Option<T>,
) -> Result<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = found() {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(format!("{what} within {timeout:?}"));
        }
        sleep(Duration::from_millis(100));
    }
}

pub fn center((x, y, width, height): Rect) -> Point {
    (x + width / 2, y + height / 2)
}

/// Puts the app's window at `APP_WINDOW`, leaving room beside it whatever the screen's size.
pub fn place_app_window() -> Result<()> {
    let found = xdotool(&["search", "--sync", "--onlyvisible", "--name", "^Folio$"])?;
    let window = found.lines().next().ok_or("no Folio window")?;
    let (x, y, width, height) = APP_WINDOW;
    xdotool(&["windowmove", window, &x.to_string(), &y.to_string()])?;
    xdotool(&[
        "windowsize",
        window,
        &width.to_string(),
        &height.to_string(),
    ])?;
    Ok(())
}

/// Where the page's top-left corner is on the screen: the pointer is moved over the window and
/// the page says where it saw it.
pub fn page_origin(session: &Session<'_>, timeout: Duration) -> Result<Point> {
    session.execute(
        "window.__pointer = null;
         window.addEventListener('pointermove',
             (e) => { window.__pointer = [e.clientX, e.clientY]; });",
        json!([]),
    )?;
    let probe = center(APP_WINDOW);
    move_to(probe)?;
    let seen = wait_for("the page did not see the pointer", timeout, || {
        session
            .execute("return window.__pointer;", json!([]))
            .ok()
            .filter(Value::is_array)
    })?;
    let client = |at: &Value| {
        at.as_f64()
            .map(|v| v.round() as i32)
            .ok_or("no pointer position")
    };
    Ok((probe.0 - client(&seen[0])?, probe.1 - client(&seen[1])?))
}

pub fn move_to((x, y): Point) -> Result<()> {
    xdotool(&["mousemove", &x.to_string(), &y.to_string()]).map(drop)
}

/// Moves the pointer in `steps` even steps, as a hand does; a drag needs the moves in between.
pub fn glide(from: Point, to: Point, steps: i32) -> Result<()> {
    for step in 1..=steps {
        move_to((
            from.0 + (to.0 - from.0) * step / steps,
            from.1 + (to.1 - from.1) * step / steps,
        ))?;
        sleep(Duration::from_millis(70));
    }
    Ok(())
}

/// Another application's window: a Python script using the system's GTK bindings, started as
/// `script ARGUMENT X Y WIDTH HEIGHT`, which prints `ready` once its window is on the screen.
/// Killed however the test ends.
pub struct OtherApp(Child);

impl OtherApp {
    pub fn start(script: &Path, argument: &str, (x, y, width, height): Rect) -> Result<Self> {
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(argument)
            .args([x, y, width, height].map(|n| n.to_string()))
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", script.display()))?;
        let stdout = child.stdout.take().ok_or("no output of the other window")?;
        let app = OtherApp(child);
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        if line.trim() != "ready" {
            return Err(format!(
                "the window of {} did not appear (python3-gi, gir1.2-gtk-3.0)",
                script.display()
            ));
        }
        Ok(app)
    }
}

impl Drop for OtherApp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serves `page` as HTML at every path on a free local port, until the test ends; the port.
pub fn serve_page(page: &'static str) -> Result<u16> {
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
                 Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    Ok(port)
}

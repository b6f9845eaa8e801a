//! `folio watch` as a real process on a real folder: files copied in come into the archive
//! once each has settled (one written slowly in pieces comes in once, whole), a folder of files
//! dropped at once is one import, SIGTERM ends it with exit code 0, and a restart imports what
//! arrived while it was stopped and nothing twice.

#![cfg(unix)]

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::samples;
use crate::util::{Sandbox, folio};

/// Settling takes a second after the last write; the spec allows two more for the import.
const SETTLED_AND_IMPORTED: Duration = Duration::from_secs(3);

struct Watch {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Watch {
    fn start(sandbox: &Sandbox, drop: &Path, extra: &[&str]) -> Self {
        let mut command = folio();
        command
            .arg("--archive")
            .arg(sandbox.archive())
            .args(["watch", "--json", "--tag", "Desk"])
            .args(extra)
            .arg(drop)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        Self { child, lines }
    }

    /// Sends SIGTERM and waits for the process to end: its exit code and every arrival's
    /// report it printed.
    fn stop(mut self) -> (i32, Vec<Value>) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let reports = self
                    .lines
                    .iter()
                    .map(|line| serde_json::from_str(&line).unwrap())
                    .collect();
                return (status.code().unwrap_or(-1), reports);
            }
            assert!(Instant::now() < deadline, "folio watch did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn items(sandbox: &Sandbox) -> Vec<Value> {
    let run = sandbox
        .folio(&["list", "--json", "--limit", "1000"])
        .success();
    run.json().as_array().unwrap().clone()
}

/// Waits until the archive holds `count` items; how long that took.
fn wait_for_items(sandbox: &Sandbox, count: usize, limit: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let held = items(sandbox).len();
        if held >= count {
            assert_eq!(held, count, "more items than files dropped");
            return start.elapsed();
        }
        assert!(
            start.elapsed() < limit,
            "{held} of {count} items after {:?}",
            start.elapsed()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn imported_paths(reports: &[Value]) -> Vec<String> {
    reports
        .iter()
        .flat_map(|report| report["imported"].as_array().unwrap().clone())
        .map(|item| item["path"].as_str().unwrap().to_string())
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn watch_imports_settled_files_once_and_stops_cleanly_on_sigterm() {
    let sandbox = Sandbox::new();
    sandbox.folio(&["init"]).success();
    let inbox = sandbox.path().join("drop");
    fs::create_dir(&inbox).unwrap();
    // Already there when the watch starts: it comes in at start.
    fs::write(inbox.join("waiting.jpg"), samples::jpeg(40, 30, 1)).unwrap();

    let watch = Watch::start(&sandbox, &inbox, &[]);
    wait_for_items(&sandbox, 1, Duration::from_secs(30));

    // Three photos copied in at once: one import, within the time limit.
    for seed in 2..5u8 {
        let name = format!("batch-{seed}.jpg");
        fs::write(inbox.join(name), samples::jpeg(40, 30, seed)).unwrap();
    }
    let took = wait_for_items(&sandbox, 4, Duration::from_secs(30));
    assert!(took <= SETTLED_AND_IMPORTED, "three photos took {took:?}");

    // One photo written slowly in pieces: imported once, whole.
    let slow_bytes = samples::jpeg_with_iptc(64, 48, "Slow caption", "Slow credit", &[]);
    let mut file = fs::File::create(inbox.join("slow.jpg")).unwrap();
    for piece in slow_bytes.chunks(slow_bytes.len() / 5 + 1) {
        file.write_all(piece).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(file);
    let took = wait_for_items(&sandbox, 5, Duration::from_secs(30));
    assert!(took <= SETTLED_AND_IMPORTED, "the slow photo took {took:?}");
    // A moment more: nothing else may come in.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(items(&sandbox).len(), 5);

    let (code, reports) = watch.stop();
    assert_eq!(code, 0, "SIGTERM ends folio watch with exit code 0");
    let batch = reports
        .iter()
        .find(|report| report.to_string().contains("batch-"))
        .unwrap();
    assert_eq!(
        batch["imported"].as_array().unwrap().len(),
        3,
        "the three photos dropped together came in as one import: {reports:?}"
    );
    let paths = imported_paths(&reports);
    let slow: Vec<_> = reports
        .iter()
        .flat_map(|report| report["imported"].as_array().unwrap().clone())
        .filter(|item| item["path"].as_str().unwrap().ends_with("slow.jpg"))
        .collect();
    assert_eq!(slow.len(), 1, "slow.jpg imported once: {paths:?}");
    let shown = sandbox
        .folio(&["show", "--json", &slow[0]["id"].to_string()])
        .success()
        .json();
    assert_eq!(shown["sha256"], sha256_hex(&slow_bytes), "imported whole");
    for report in &reports {
        assert!(report["failed"].as_array().unwrap().is_empty(), "{report}");
        assert!(
            report["duplicates"].as_array().unwrap().is_empty(),
            "{report}"
        );
    }
    // The archive is whole after SIGTERM.
    sandbox.folio(&["verify"]).success();
    // The files stay where they were dropped.
    assert!(inbox.join("slow.jpg").is_file() && inbox.join("waiting.jpg").is_file());

    // While stopped: one photo arrives, one in a subfolder.
    fs::write(inbox.join("while-stopped.jpg"), samples::jpeg(40, 30, 9)).unwrap();
    fs::create_dir_all(inbox.join("Sport/Football")).unwrap();
    fs::write(
        inbox.join("Sport/Football/goal.jpg"),
        samples::jpeg(40, 30, 10),
    )
    .unwrap();
    let again = Watch::start(&sandbox, &inbox, &["--subfolder-tags"]);
    wait_for_items(&sandbox, 7, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(1500));
    let (code, reports) = again.stop();
    assert_eq!(code, 0);
    assert_eq!(items(&sandbox).len(), 7, "nothing imported twice");
    let mut paths = imported_paths(&reports);
    paths.sort();
    assert_eq!(paths.len(), 2, "only what arrived while stopped: {paths:?}");
    assert!(paths[0].ends_with("goal.jpg") && paths[1].ends_with("while-stopped.jpg"));
    for report in &reports {
        assert!(
            report["duplicates"].as_array().unwrap().is_empty(),
            "{report}"
        );
    }
    let tagged = sandbox
        .folio(&["list", "--json", "--tag", "Sport/Football"])
        .success()
        .json();
    assert_eq!(
        tagged.as_array().unwrap().len(),
        1,
        "the subfolder became a tag"
    );
    let desk = sandbox
        .folio(&["list", "--json", "--tag", "Desk"])
        .success()
        .json();
    assert_eq!(
        desk.as_array().unwrap().len(),
        7,
        "--tag applies to every file"
    );
}

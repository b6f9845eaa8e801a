//! `folio ocr`: reads everything queued for OCR (scanned PDFs; photos when the archive reads
//! them) to the end, with progress on a terminal; Ctrl+C stops between pages and leaves the rest
//! queued. `--photos on|off` sets whether imported photos are queued.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use folio_core::handle::WriteHandle;
use folio_core::ocr::worker::{OcrReport, default_threads};
use folio_core::progress::{CancelToken, NoProgress, Progress, ProgressSink};

use crate::output::{self, Bar};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

pub fn run(
    dir: &Path,
    photos: Option<Switch>,
    threads: Option<usize>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut archive = WriteHandle::open_or_create(dir)?;
    if let Some(switch) = photos {
        let enabled = matches!(switch, Switch::On);
        archive.set_ocr_photos(enabled)?;
        if json {
            output::json(&serde_json::json!({ "ocr_photos": enabled }))?;
        } else if enabled {
            println!(
                "Photos imported from now on are read with OCR (run `folio ocr` to read them)."
            );
        } else {
            println!("Photos imported from now on are not read with OCR.");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let cancel = CancelToken::new();
    let stop = Arc::new(AtomicBool::new(false));
    for signal in signal_hook::consts::TERM_SIGNALS {
        signal_hook::flag::register(*signal, Arc::clone(&stop))?;
    }
    let finished = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (stop, finished, cancel) = (Arc::clone(&stop), Arc::clone(&finished), cancel.clone());
        std::thread::spawn(move || {
            while !finished.load(Ordering::Relaxed) {
                if stop.load(Ordering::Relaxed) {
                    cancel.cancel();
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let threads = threads.unwrap_or_else(default_threads);
    // A bar on a terminal (none with --json); a line per item when stderr is a file or pipe.
    let result = if !std::io::stderr().is_terminal() {
        archive.run_ocr(threads, &Lines::default(), &cancel)
    } else if json {
        archive.run_ocr(threads, &NoProgress, &cancel)
    } else {
        let bar = Bar::new(Bar::ITEMS);
        let result = archive.run_ocr(threads, &bar, &cancel);
        bar.finish();
        result
    };
    finished.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    let report = result?.value;
    if json {
        output::json(&report)?;
    } else {
        print_text(&report);
    }
    Ok(if report.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

fn print_text(report: &OcrReport) {
    for page in &report.unreadable {
        println!(
            "unreadable #{}  {}, page {}: {}",
            page.item, page.title, page.page, page.reason
        );
    }
    let rate = if report.seconds > 0.0 {
        report.pages as f64 / report.seconds
    } else {
        0.0
    };
    println!(
        "{} items read by OCR ({} pages, {:.2} pages/s), {} pages unreadable, {} still queued{}",
        report.items,
        report.pages,
        rate,
        report.unreadable.len(),
        report.remaining,
        if report.cancelled { " (stopped)" } else { "" }
    );
}

/// Progress as a line on stderr per item done, when stderr is not a terminal.
#[derive(Default)]
struct Lines {
    last: std::sync::Mutex<u64>,
}

impl ProgressSink for Lines {
    fn report(&self, progress: &Progress) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if progress.files_done > *last {
            *last = progress.files_done;
            eprintln!(
                "folio ocr: {}/{} items read",
                progress.files_done, progress.files_total
            );
        }
    }
}

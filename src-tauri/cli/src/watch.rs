//! `folio watch`: imports what settles in watch folders until SIGINT or SIGTERM — a scanner's
//! drop folder on a machine without the window. Each arrival is one import with one report,
//! printed as text or as one JSON line. A signal cancels the running import between batches
//! (what was extracted is committed, the archive stays whole) and ends with exit code 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use folio_core::handle::WriteHandle;
use folio_core::import::ImportReport;
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::watch::{self, Arrival, Timing, WatchFolder, Watcher};

use crate::import::print_text;

/// How long the loop waits for an arrival before checking for a signal.
const POLL: Duration = Duration::from_millis(200);

pub fn run(
    dir: &Path,
    folders: &[PathBuf],
    tags: Vec<String>,
    collection: Option<String>,
    subfolder_tags: bool,
    template: Option<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in signal_hook::consts::TERM_SIGNALS {
        signal_hook::flag::register(*signal, Arc::clone(&stop))?;
    }
    let mut archive = WriteHandle::open_or_create(dir)?;
    if let Some(name) = &template {
        // A template that does not exist is said now, not at the first arrival.
        archive.find_template(name)?;
    }
    let folders: Vec<WatchFolder> = folders
        .iter()
        .map(|path| WatchFolder {
            path: path.to_string_lossy().into_owned(),
            tags: tags.clone(),
            collection: collection.clone(),
            subfolder_tags,
            template: template.clone(),
        })
        .collect();
    let mut watcher = Watcher::start(archive.dir(), &folders, Timing::default())?;
    let problems = watcher.take_problems();
    for problem in &problems {
        eprintln!("folio watch: {problem}");
    }
    if watcher.folders().is_empty() {
        anyhow::bail!("no folder to watch");
    }
    eprintln!(
        "folio watch: watching {} folder(s); stop with Ctrl+C",
        watcher.folders().len()
    );
    while !stop.load(Ordering::SeqCst) {
        if let Some(arrival) = watcher.next(POLL) {
            let report = import(&mut archive, &arrival, &stop)?;
            watcher.imported(&arrival, &report)?;
            print_report(&arrival, &report, json)?;
        }
        for problem in watcher.take_problems() {
            eprintln!("folio watch: {problem}");
        }
    }
    eprintln!("folio watch: stopped");
    Ok(ExitCode::SUCCESS)
}

/// One import, cancelled between batches when a signal comes.
fn import(
    archive: &mut WriteHandle,
    arrival: &Arrival,
    stop: &Arc<AtomicBool>,
) -> anyhow::Result<ImportReport> {
    let cancel = CancelToken::new();
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::SeqCst) {
                if stop.load(Ordering::SeqCst) {
                    cancel.cancel();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let result = watch::import_arrival(archive, arrival, &NoProgress, &cancel);
        done.store(true, Ordering::SeqCst);
        Ok(result?.value)
    })
}

fn print_report(arrival: &Arrival, report: &ImportReport, json: bool) -> anyhow::Result<()> {
    if json {
        #[derive(serde::Serialize)]
        struct Line<'a> {
            folder: &'a str,
            #[serde(flatten)]
            report: &'a ImportReport,
        }
        let line = Line {
            folder: &arrival.folder.path,
            report,
        };
        println!("{}", serde_json::to_string(&line)?);
    } else {
        println!(
            "{} file(s) arrived in {}",
            arrival.files.len(),
            arrival.folder.path
        );
        print_text(report);
    }
    Ok(())
}

//! The OCR worker: reads the queued items' pages with Tesseract in the background. Each thread
//! owns one engine for the whole run (loading the models costs more than a page); pages — of one
//! item or of several — are read in parallel; a feeder thread opens the originals and hands out
//! their pages a few at a time, so memory holds only the pages being read. An item is recorded
//! when all its pages are read. A cancel stops handing out pages: items not finished stay
//! queued for the next run, as do items left when the process ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use super::OcrPage;
use super::engine::Engine;
use super::pages::{PageSource, pages_of};
use crate::blobs::FsBlobStore;
use crate::error::{Error, Result};
use crate::progress::{CancelToken, JobKind, Progress, ProgressSink};
use crate::tables::ocr::Queued;

/// What a run of the worker did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct OcrReport {
    /// Items whose pages were all read (or found unreadable) and recorded.
    pub items: usize,
    /// Pages read.
    pub pages: usize,
    /// Pages that could not be read, with why.
    pub unreadable: Vec<UnreadablePage>,
    /// True when the run was cancelled; `remaining` items stay queued.
    pub cancelled: bool,
    /// Items still queued when the run ended.
    pub remaining: usize,
    /// How long the run took, in seconds.
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnreadablePage {
    /// The item's id.
    pub item: i64,
    pub title: String,
    pub page: u32,
    pub reason: String,
}

/// How many pages are read at once: every core but one for the window, and at least two.
pub fn default_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    cores.saturating_sub(1).max(2)
}

/// A page to read.
struct Job {
    item: usize,
    page: u32,
    source: PageSource,
}

enum Event {
    /// The feeder opened item `item`: it has `pages` pages to wait for.
    Opened { item: usize, pages: usize },
    /// A page of item `item` was read, or could not be.
    Read {
        item: usize,
        page: u32,
        text: std::result::Result<String, String>,
    },
    /// An engine could not start: the run cannot go on.
    EngineFailed(String),
}

/// Reads every item of `queue` (originals in the archive at `archive_dir`) on `threads` threads;
/// calls `save` with each item's pages, in page order, as soon as the item is complete.
pub fn run(
    archive_dir: &Path,
    queue: Vec<Queued>,
    threads: usize,
    progress: &dyn ProgressSink,
    cancel: &CancelToken,
    save: &mut dyn FnMut(&Queued, &[OcrPage]) -> Result<()>,
) -> Result<OcrReport> {
    let started = Instant::now();
    let threads = threads.max(1);
    let mut report = OcrReport::default();
    let total = queue.len();
    let store = FsBlobStore::new(archive_dir);
    let (jobs_in, jobs_out) = mpsc::sync_channel::<Job>(threads * 2);
    let jobs_out = Arc::new(Mutex::new(jobs_out));
    let (events_in, events) = mpsc::channel::<Event>();
    let mut pending: HashMap<usize, (usize, Vec<OcrPage>)> = HashMap::new();
    let mut done = vec![false; total];
    let mut fatal: Option<Error> = None;

    std::thread::scope(|scope| {
        for n in 0..threads {
            let jobs = Arc::clone(&jobs_out);
            let events = events_in.clone();
            let thread_cancel = cancel.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("folio-ocr-{n}"))
                .spawn_scoped(scope, move || read_pages(&jobs, &events, &thread_cancel));
            if let Err(e) = spawned {
                fatal = Some(Error::Internal(format!("no OCR thread could start: {e}")));
                cancel.cancel();
            }
        }
        // The workers hold the only receivers: when they are gone, the feeder stops.
        drop(jobs_out);
        let paths: Vec<(PathBuf, String)> = queue
            .iter()
            .map(|item| {
                (
                    store.object_path(&item.sha256).unwrap_or_default(),
                    item.media_type.clone(),
                )
            })
            .collect();
        let feeder_events = events_in.clone();
        let feeder_cancel = cancel.clone();
        scope.spawn(move || feed(paths, &jobs_in, &feeder_events, &feeder_cancel));
        drop(events_in);

        progress.report(&snapshot(0, total, None));
        let mut finished = 0;
        for event in events {
            match event {
                Event::EngineFailed(why) => {
                    if fatal.is_none() {
                        fatal = Some(Error::Internal(why));
                    }
                    cancel.cancel();
                }
                Event::Opened { item, pages } => {
                    pending.insert(item, (pages, Vec::with_capacity(pages)));
                }
                Event::Read { item, page, text } => {
                    let Some((expected, read)) = pending.get_mut(&item) else {
                        continue;
                    };
                    read.push(match text {
                        Ok(text) => OcrPage {
                            page,
                            text,
                            problem: None,
                        },
                        Err(reason) => OcrPage {
                            page,
                            text: String::new(),
                            problem: Some(reason),
                        },
                    });
                    let current = Some(format!("{}, page {page}", queue[item].title));
                    progress.report(&snapshot(finished, total, current));
                    if read.len() < *expected || fatal.is_some() {
                        continue;
                    }
                    let (_, mut pages) = pending.remove(&item).unwrap_or_default();
                    pages.sort_by_key(|p| p.page);
                    if let Err(error) = save(&queue[item], &pages) {
                        fatal = Some(error);
                        cancel.cancel();
                        continue;
                    }
                    done[item] = true;
                    finished += 1;
                    report.items += 1;
                    for page in pages {
                        match page.problem {
                            None => report.pages += 1,
                            Some(reason) => report.unreadable.push(UnreadablePage {
                                item: queue[item].item_id,
                                title: queue[item].title.clone(),
                                page: page.page,
                                reason,
                            }),
                        }
                    }
                    progress.report(&snapshot(finished, total, None));
                }
            }
        }
    });
    if let Some(error) = fatal {
        return Err(error);
    }
    report.remaining = done.iter().filter(|d| !**d).count();
    report.cancelled = cancel.is_cancelled() && report.remaining > 0;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn snapshot(done: usize, total: usize, current: Option<String>) -> Progress {
    Progress {
        job: JobKind::Ocr,
        files_done: done as u64,
        files_total: total as u64,
        current,
        ..Progress::default()
    }
}

/// Opens each original in turn and hands out its pages; a file that cannot be read at all is
/// one unreadable page.
fn feed(
    originals: Vec<(PathBuf, String)>,
    jobs: &SyncSender<Job>,
    events: &mpsc::Sender<Event>,
    cancel: &CancelToken,
) {
    for (item, (path, media_type)) in originals.into_iter().enumerate() {
        if cancel.is_cancelled() {
            return;
        }
        let sources = std::fs::read(&path)
            .map_err(|e| format!("the original could not be read: {e}"))
            .and_then(|bytes| pages_of(bytes, &media_type))
            .unwrap_or_else(|why| vec![PageSource::Unreadable(why)]);
        if events
            .send(Event::Opened {
                item,
                pages: sources.len(),
            })
            .is_err()
        {
            return;
        }
        for (n, source) in sources.into_iter().enumerate() {
            if cancel.is_cancelled() {
                return;
            }
            let page = u32::try_from(n + 1).unwrap_or(u32::MAX);
            if jobs.send(Job { item, page, source }).is_err() {
                return;
            }
        }
    }
}

/// One reading thread: its engine, then page after page until the feeder is done.
fn read_pages(jobs: &Mutex<Receiver<Job>>, events: &mpsc::Sender<Event>, cancel: &CancelToken) {
    let mut engine = match Engine::new() {
        Ok(engine) => engine,
        Err(why) => {
            let _ = events.send(Event::EngineFailed(why));
            return;
        }
    };
    loop {
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        if cancel.is_cancelled() {
            continue; // drained, not read: the item stays queued
        }
        // A page that makes the decoder or Tesseract panic is that page's failure alone.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            job.source.read_with(&mut engine)
        }));
        let text = read.unwrap_or_else(|_| Err("reading the page failed".into()));
        let event = Event::Read {
            item: job.item,
            page: job.page,
            text,
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

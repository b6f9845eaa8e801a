//! The writer's side: opening the archive for writing (`WriteHandle::open`: lock, migrations
//! check, index open, queue replay) and tagging 10,000 items at once (`WriteHandle::tag_items`:
//! the journal append, the tag rows and history, and the index catching up), with the share of
//! each spent bringing the index up to date.

use std::path::Path;
use std::time::Duration;

use folio_core::handle::WriteHandle;
use folio_core::library::tagging::TagRequest;

use crate::numbers::{ms, quantile, timed};
use crate::spans::SpanTimes;

pub const TAGGED: u64 = 10_000;
const TAG: &str = "Benchmark/tagged together";

/// One timed call: all of it, and the part spent in the index queue (`apply_queue`).
#[derive(Clone, Copy)]
pub struct Timed {
    pub total: Duration,
    pub index: Duration,
}

fn measured<T>(spans: &SpanTimes, call: impl FnOnce() -> T) -> (T, Timed) {
    let before = spans.total("apply_queue");
    let (value, total) = timed(call);
    let index = spans.total("apply_queue") - before;
    (value, Timed { total, index })
}

/// Opens the archive for writing `rounds` times, closing it each time.
pub fn open(archive: &Path, spans: &SpanTimes, rounds: u64) -> Vec<Timed> {
    (0..rounds)
        .map(|_| {
            let (writer, took) = measured(spans, || WriteHandle::open(archive));
            drop(writer.expect("the archive opens for writing"));
            took
        })
        .collect()
}

/// Adds a tag to 10,000 items spread over the library, then removes it, `rounds` times.
pub fn tag(writer: &mut WriteHandle, spans: &SpanTimes, items: u64, rounds: u64) -> Vec<Timed> {
    let count = TAGGED.min(items / 2);
    let step = items / count;
    // Items 2, 2 + step, …: spread over the library, as a selection of a search's results is.
    let ids: Vec<i64> = (0..count).map(|i| (2 + i * step) as i64).collect();
    let mut calls = Vec::new();
    for _ in 0..rounds {
        for adding in [true, false] {
            let tag = vec![TAG.to_owned()];
            let request = TagRequest {
                ids: ids.clone(),
                add: if adding { tag.clone() } else { Vec::new() },
                remove: if adding { Vec::new() } else { tag },
            };
            let (written, took) = measured(spans, || writer.tag_items(&request));
            let written = written.expect("tagging");
            assert_eq!(
                written.changes.item_ids().len(),
                ids.len(),
                "every item changed"
            );
            calls.push(took);
        }
    }
    calls
}

pub fn report_open(opens: &[Timed]) -> Duration {
    let totals: Vec<Duration> = opens.iter().map(|t| t.total).collect();
    let each: Vec<String> = opens
        .iter()
        .map(|t| format!("{} ({} index queue)", ms(t.total), ms(t.index)))
        .collect();
    println!(
        "\n**Opening for writing** (`WriteHandle::open`), {} times, ms: {}",
        opens.len(),
        each.join(", ")
    );
    quantile(&totals, 1.0)
}

/// Prints each tagging call; returns the slowest.
pub fn report_tag(calls: &[Timed], count: u64) -> (Duration, Duration) {
    println!("\n**Tagging {count} items at once** (`WriteHandle::tag_items`), ms\n");
    println!(
        "| call | whole call | of which the index catching up | the rest (journal, rows, history) |"
    );
    println!("|---|---:|---:|---:|");
    for (i, call) in calls.iter().enumerate() {
        let what = if i.is_multiple_of(2) {
            "add a tag"
        } else {
            "remove it"
        };
        println!(
            "| {} {what} | {} | {} | {} |",
            i / 2 + 1,
            ms(call.total),
            ms(call.index),
            ms(call.total.saturating_sub(call.index))
        );
    }
    let slowest = calls
        .iter()
        .max_by_key(|c| c.total)
        .copied()
        .unwrap_or(Timed {
            total: Duration::ZERO,
            index: Duration::ZERO,
        });
    (slowest.total, slowest.index)
}

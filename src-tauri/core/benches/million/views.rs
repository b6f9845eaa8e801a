//! A page of 100 rows of every view — All, Articles, Photos, Untagged, Recent, Trash, tags and
//! collections large and small — by every sort key, both ways, at the first page, the second,
//! the middle and the last, through `ReadHandle::list_page` as the window asks for them.

use std::path::Path;
use std::time::Duration;

use folio_core::handle::ReadHandle;
use folio_core::library::listing::{ListRequest, Scope, SortKey};

use crate::numbers::{ms, quantile, timed};

pub const PAGE: u32 = 100;
const SORTS: [SortKey; 9] = [
    SortKey::Title,
    SortKey::Date,
    SortKey::Kind,
    SortKey::Language,
    SortKey::Credit,
    SortKey::Imported,
    SortKey::Rating,
    SortKey::Deleted,
    SortKey::Position,
];
/// A page slower than this is timed once: it is bounded by its work, not by a cold cache.
const SLOW: Duration = Duration::from_secs(1);

pub struct View {
    pub label: String,
    pub scope: Scope,
}

/// One page asked for, and how long each asking took.
pub struct Sample {
    pub view: String,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    pub total: u32,
    pub times: Vec<Duration>,
}

/// The views a person opens: the fixed ones, the largest tag, a tag of about 1 % of the library,
/// the smallest tag, a parent tag of many, and the largest, a middle and the smallest collection.
pub fn views(reader: &ReadHandle) -> Vec<View> {
    let fixed = [
        ("All", Scope::All),
        ("Articles", Scope::Articles),
        ("Photos", Scope::Photos),
        ("Untagged", Scope::Untagged),
        ("Recent", Scope::Recent),
        ("Trash", Scope::Trash),
    ];
    let mut views: Vec<View> = fixed
        .into_iter()
        .map(|(label, scope)| View {
            label: label.to_owned(),
            scope,
        })
        .collect();
    let live = reader.stats().map(|s| s.items as i64).unwrap_or(1_000_000);
    let tags = reader.tags().expect("tags");
    let mut by_count: Vec<(String, i64)> = tags.into_iter().map(|t| (t.name, t.count)).collect();
    by_count.sort_by_key(|(name, count)| (*count, name.clone()));
    let mut chosen = Vec::new();
    if let Some(largest) = by_count.last() {
        chosen.push(("tag, largest", largest.clone()));
    }
    if let Some(middle) = by_count.iter().min_by_key(|(_, c)| (c - live / 100).abs()) {
        chosen.push(("tag, ~1 %", middle.clone()));
    }
    if let Some(smallest) = by_count.first() {
        chosen.push(("tag, smallest", smallest.clone()));
    }
    for (what, (name, count)) in chosen {
        views.push(View {
            label: format!("{what}: {name} ({count})"),
            scope: Scope::Tag { name },
        });
    }
    views.push(View {
        label: "tag with its children: Topics".to_owned(),
        scope: Scope::Tag {
            name: "Topics".to_owned(),
        },
    });
    let mut collections = reader.collections().expect("collections");
    collections.sort_by_key(|c| c.count);
    let middle = collections.iter().min_by_key(|c| (c.count - 1000).abs());
    for (what, collection) in [
        ("collection, largest", collections.last()),
        ("collection, ~1,000", middle),
        ("collection, smallest", collections.first()),
    ] {
        if let Some(c) = collection {
            views.push(View {
                label: format!("{what}: {} ({})", c.name, c.count),
                scope: Scope::Collection { id: c.id },
            });
        }
    }
    views
}

/// Every sort, both ways, at four offsets, of every view: one untimed asking to warm the
/// connection and cache, then `rounds` timed ones.
pub fn measure(reader: &ReadHandle, views: &[View], rounds: u64) -> Vec<Sample> {
    let mut samples = Vec::new();
    for view in views {
        let first = reader
            .list_page(&request(&view.scope, SortKey::Imported, true, 0))
            .expect("first page");
        let total = first.total;
        let middle = total / 2 / PAGE * PAGE;
        let mut offsets = vec![0, PAGE, middle, total.saturating_sub(PAGE)];
        offsets.retain(|&o| o == 0 || o < total);
        offsets.sort_unstable();
        offsets.dedup();
        for sort in SORTS {
            for descending in [false, true] {
                for &offset in &offsets {
                    let asked = request(&view.scope, sort, descending, offset);
                    let page = || reader.list_page(&asked).expect("a page");
                    let (_, first) = timed(page);
                    let times = if first > SLOW {
                        vec![first]
                    } else {
                        (0..rounds).map(|_| timed(page).1).collect()
                    };
                    samples.push(Sample {
                        view: view.label.clone(),
                        sort,
                        descending,
                        offset,
                        total,
                        times,
                    });
                }
            }
        }
        let all: Vec<Duration> = samples
            .iter()
            .filter(|s| s.view == view.label)
            .flat_map(|s| s.times.iter().copied())
            .collect();
        eprintln!(
            "million bench: {}: p95 {} ms",
            view.label,
            ms(quantile(&all, 0.95))
        );
    }
    samples
}

fn request(scope: &Scope, sort: SortKey, descending: bool, offset: u32) -> ListRequest {
    ListRequest {
        scope: scope.clone(),
        sort,
        descending,
        offset,
        limit: PAGE,
    }
}

/// Every timing of every page, one line each: view, sort, direction, offset, total, ms.
pub fn write_samples(samples: &[Sample], file: &Path) {
    let mut out = String::from("view\tsort\tdescending\toffset\ttotal\tms\n");
    for s in samples {
        for t in &s.times {
            out.push_str(&format!(
                "{}\t{:?}\t{}\t{}\t{}\t{:.2}\n",
                s.view,
                s.sort,
                s.descending,
                s.offset,
                s.total,
                t.as_secs_f64() * 1000.0
            ));
        }
    }
    std::fs::write(file, out).expect("the page timings are written");
}

/// Prints, per view and per sort key, p50 / p95 / worst, and the slowest pages; returns the p95
/// of all pages, and of all but the credit sort.
pub fn report(samples: &[Sample]) -> (Duration, Duration) {
    let times = |filter: &dyn Fn(&Sample) -> bool| -> Vec<Duration> {
        samples
            .iter()
            .filter(|s| filter(s))
            .flat_map(|s| s.times.iter().copied())
            .collect()
    };
    let row = |label: &str, times: &[Duration]| {
        println!(
            "| {label} | {} | {} / {} | {} |",
            times.len(),
            ms(quantile(times, 0.5)),
            ms(quantile(times, 0.95)),
            ms(quantile(times, 1.0))
        );
    };
    println!("\n**A page of 100 rows** (`ReadHandle::list_page`), ms\n");
    println!("| view | pages timed | p50 / p95 | worst |");
    println!("|---|---:|---:|---:|");
    let mut labels: Vec<&str> = Vec::new();
    for sample in samples {
        if !labels.contains(&sample.view.as_str()) {
            labels.push(&sample.view);
        }
    }
    for label in &labels {
        row(label, &times(&|s| s.view == *label));
    }
    println!("\n| sort key (every view) | pages timed | p50 / p95 | worst |");
    println!("|---|---:|---:|---:|");
    for sort in SORTS {
        row(&format!("{sort:?}"), &times(&|s| s.sort == sort));
    }
    let first_pages = times(&|s| s.offset == 0);
    let deep = times(&|s| s.offset > PAGE);
    row("first pages, every view and sort", &first_pages);
    row("middle and last pages, every view and sort", &deep);
    let all = times(&|_| true);
    row("**all pages**", &all);
    let without_credit = times(&|s| s.sort != SortKey::Credit);
    row("all pages but the credit sort", &without_credit);

    let mut slowest: Vec<&Sample> = samples.iter().collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(quantile(&s.times, 0.5)));
    println!("\nSlowest pages (median of their timings):\n");
    println!("| view | sort | offset of total | ms |");
    println!("|---|---|---:|---:|");
    for s in slowest.iter().take(15) {
        println!(
            "| {} | {:?} {} | {} of {} | {} |",
            s.view,
            s.sort,
            if s.descending { "↓" } else { "↑" },
            s.offset,
            s.total,
            ms(quantile(&s.times, 0.5))
        );
    }
    (quantile(&all, 0.95), quantile(&without_credit, 0.95))
}

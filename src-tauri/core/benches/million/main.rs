//! A million items: makes (once) an archive of 800,000 articles and 200,000 photo records through
//! the core's own write path, then measures on it what a person waits for — a page of any sorted
//! view, a search, tagging 10,000 items, opening the archive for writing — against the targets
//! of the issue, and prints Markdown tables.
//!
//! `cargo bench -p folio-core --bench million -- ARCHIVE SOURCE`, where SOURCE is a corpus made
//! by `shared/bench/make_corpus.py SOURCE --only articles --photos 0 --articles 2000`, whose
//! sentences are recombined into the archive's texts. The archive is kept: the next run only
//! measures (`ARCHIVE.made.json`, beside it, records how it was made). `scripts/bench-million.sh`
//! runs this and then the app's first screen and memory on the same archive.
//!
//! `FOLIO_BENCH_ARTICLES` and `FOLIO_BENCH_PHOTOS` (default 800000 and 200000) size a new
//! archive; `FOLIO_BENCH_ROUNDS` (default 3) repeats each timing; `FOLIO_BENCH_SUMMARY=FILE`
//! also writes the summary rows to FILE; `FOLIO_BENCH_PAGES=FILE` writes every page's timings
//! to FILE (tab-separated); `FOLIO_BENCH_ONLY=open,search,facets,pages,tag` measures only those
//! (for profiling one of them).

// A benchmark, like a test, stops at the first failure: there is no caller to hand errors to.
#![allow(clippy::expect_used)]

mod corpus;
mod facets;
mod generate;
mod numbers;
mod queries;
mod records;
mod spans;
mod views;
mod writes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use folio_core::handle::WriteHandle;

use crate::numbers::{env_number, megabytes, ms, size_on_disk};
use crate::records::Layout;
use crate::spans::SpanTimes;

const PAGE_TARGET: Duration = Duration::from_millis(50);
const SEARCH_TARGET: Duration = Duration::from_millis(20);
const FACETS_TARGET: Duration = Duration::from_millis(50);
const TAG_TARGET: Duration = Duration::from_secs(2);
const OPEN_TARGET: Duration = Duration::from_secs(1);

fn main() {
    let mut paths = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from);
    let (Some(archive), Some(source)) = (paths.next(), paths.next()) else {
        println!("million bench: give ARCHIVE and SOURCE (see the file's doc); skipped");
        return;
    };
    let rounds = env_number("FOLIO_BENCH_ROUNDS", 3).max(1);
    let asked = Layout {
        articles: env_number("FOLIO_BENCH_ARTICLES", 800_000),
        photos: env_number("FOLIO_BENCH_PHOTOS", 200_000),
    };
    let spans = SpanTimes::install();
    let made = existing_or_new(&archive, &source, asked);
    let layout = Layout {
        articles: made.articles,
        photos: made.photos,
    };
    describe(&archive, &made, rounds);

    let only = std::env::var("FOLIO_BENCH_ONLY").unwrap_or_default();
    let wanted = |what: &str| only.is_empty() || only.split(',').any(|o| o == what);
    let mut rows = Vec::new();

    if wanted("open") {
        let opens = writes::open(&archive, &spans, rounds.max(5));
        let open = writes::report_open(&opens);
        rows.push(summary(
            "opening the archive for writing, slowest",
            "< 1 s",
            open,
            OPEN_TARGET,
            String::new(),
        ));
    }
    let mut writer = WriteHandle::open(&archive).expect("the archive opens for writing");
    let reader = writer.reader();
    if wanted("search") {
        let (first, searched) = queries::measure(&reader, rounds.max(5));
        let search = queries::report(first, &searched);
        rows.push(summary(
            "search, top 50 with snippets, English, Russian and Chinese words and phrases, p95",
            "≤ 20 ms",
            search,
            SEARCH_TARGET,
            String::new(),
        ));
    }
    if wanted("facets") {
        let measured = facets::measure(&reader, rounds.max(10));
        let p95 = facets::report(&measured);
        rows.push(summary(
            "facet counts and month timeline, top 10 of each facet, a mix of queries and views, p95",
            "≤ 50 ms",
            p95,
            FACETS_TARGET,
            format!(" (first call {} ms)", ms(measured.first)),
        ));
    }
    if wanted("pages") {
        let views = views::views(&reader);
        let pages = views::measure(&reader, &views, rounds);
        if let Ok(file) = std::env::var("FOLIO_BENCH_PAGES") {
            views::write_samples(&pages, Path::new(&file));
        }
        let (page, without_credit) = views::report(&pages);
        rows.push(summary(
            "a page of 100 rows: every view × sort key × direction × offset, p95",
            "< 50 ms",
            page,
            PAGE_TARGET,
            format!(" ({} ms without the credit sort)", ms(without_credit)),
        ));
    }
    if wanted("tag") {
        let tagged = writes::tag(&mut writer, &spans, layout.total(), rounds);
        let count = writes::TAGGED.min(layout.total() / 2);
        let (tag, tag_index) = writes::report_tag(&tagged, count);
        rows.push(summary(
            &format!("tagging {count} items at once, slowest call"),
            "< 2 s",
            tag,
            TAG_TARGET,
            format!(" (index {} ms)", ms(tag_index)),
        ));
    }
    drop(writer);
    println!("\n| measurement | target | measured | met |\n|---|---|---:|---|");
    for row in &rows {
        println!("{row}");
    }
    if let Ok(file) = std::env::var("FOLIO_BENCH_SUMMARY") {
        std::fs::write(&file, rows.join("\n") + "\n").expect("the summary is written");
    }
}

/// What is measured, and how it was made: the first lines of the output.
fn describe(archive: &Path, made: &generate::Made, rounds: u64) {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());
    let database = ["folio.sqlite", "folio.sqlite-wal"]
        .iter()
        .map(|f| size_on_disk(&archive.join(f)))
        .sum();
    println!(
        "\n{} articles + {} photo records ({} in the Trash), made in {:.0} s of rows and {:.0} s \
         of index; database {}, index {}; {} cores, load average {load} at the start; \
         {rounds} rounds\n",
        made.articles,
        made.photos,
        made.trashed,
        made.rows_seconds,
        made.index_seconds,
        megabytes(database),
        megabytes(size_on_disk(&archive.join("index"))),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
}

/// The archive made before, or a new one (replacing one whose making was cut short).
fn existing_or_new(archive: &Path, source: &Path, layout: Layout) -> generate::Made {
    let database = archive.join("folio.sqlite");
    if let Some(made) = generate::read_made(archive)
        && database.exists()
    {
        eprintln!(
            "million bench: measuring {} (made {})",
            archive.display(),
            made.made_at
        );
        return made;
    }
    if archive.exists() {
        let empty = std::fs::read_dir(archive).is_ok_and(|mut d| d.next().is_none());
        assert!(
            empty || database.exists(),
            "{} is not an archive this benchmark made: choose another folder",
            archive.display()
        );
        eprintln!("million bench: an unfinished archive is made again");
        std::fs::remove_dir_all(archive).expect("the unfinished archive is removed");
    }
    let text = corpus::Sentences::read(source).unwrap_or_else(|why| panic!("{why}"));
    eprintln!(
        "million bench: making {} articles and {} photos in {} from {} sentences",
        layout.articles,
        layout.photos,
        archive.display(),
        text.sentence_count()
    );
    generate::make(archive, &text, layout)
}

fn summary(what: &str, target: &str, measured: Duration, limit: Duration, note: String) -> String {
    let met = if measured <= limit { "yes" } else { "**no**" };
    format!("| {what} | {target} | {} ms{note} | {met} |", ms(measured))
}

//! OCR speed and accuracy beside the `tesseract` command, on the same pages in the same run.
//!
//! `cargo bench -p folio-core --bench ocr` (`-- --pages N` per language; default 4), or
//! `scripts/bench-ocr.sh`. Pages: known text in English, Chinese and Russian on A4 at 150 dpi,
//! turned a few degrees and speckled (`folio_samples::scans`), as greyscale JPEGs.
//!
//! - `tesseract`: one process per page, one page after another, as people run it, with the same
//!   languages and page layout as Folio (`-l eng+rus+chi_sim --psm 6`) and its own OpenMP
//!   threads; and again with `OMP_THREAD_LIMIT=1`.
//! - Folio: the JPEGs imported into an archive as photos with OCR on, then the queue read as
//!   `folio ocr` reads it — engines loaded once per thread, pages in parallel on
//!   `worker::default_threads()` threads, OpenMP held to one thread, and each item's text
//!   journaled and indexed — all inside the time measured.
//!
//! Prints pages per second and the character error rate per language for both.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use folio_core::handle::WriteHandle;
use folio_core::import::ImportOptions;
use folio_core::ocr::cer::character_error_rate;
use folio_core::ocr::engine::{LANGUAGES, PAGE_LAYOUT};
use folio_core::ocr::worker::default_threads;
use folio_core::progress::{CancelToken, NoProgress};
use folio_samples::scans::{self, Language};

fn main() {
    let per_language = argument("--pages", 4);
    let temp = tempfile::tempdir().expect("temp dir");
    // `FOLIO_OCR_BENCH_PAGES=DIR` keeps the pages (and each reading beside them) there.
    let pages_dir = std::env::var_os("FOLIO_OCR_BENCH_PAGES")
        .map_or_else(|| temp.path().join("pages"), PathBuf::from);
    std::fs::create_dir_all(&pages_dir).unwrap();
    let font = scans::font_bytes();
    let mut pages: Vec<(PathBuf, Language, String)> = Vec::new();
    for (l, language) in Language::ALL.into_iter().enumerate() {
        for n in 0..per_language {
            let text = scans::page_text(language, n);
            let degrees = [2.0, -1.5, 2.5, -3.0][(n + l) % 4];
            let page = scans::scan(&font, &text, degrees, (l * 1000 + n) as u64);
            let path = pages_dir.join(format!("{}-{n:03}.jpg", language.code()));
            std::fs::write(&path, scans::jpeg(&page)).unwrap();
            pages.push((path, language, text));
        }
    }
    let total = pages.len();
    println!(
        "{total} pages ({per_language} per language, {}×{} px), languages {LANGUAGES}; load: {}",
        scans::PAGE_WIDTH,
        scans::PAGE_HEIGHT,
        load()
    );

    // The command, one process per page: with its own OpenMP threads, as people run it, and held
    // to one thread (what the gain of reading pages side by side is measured against).
    let (command_seconds, command_text) = run_command(&pages, None);
    let (single_seconds, single_text) = run_command(&pages, Some("1"));

    // Folio, through an archive as the app runs it.
    let archive_dir = temp.path().join("archive");
    let mut archive = WriteHandle::init(&archive_dir).unwrap();
    archive.set_ocr_photos(true).unwrap();
    let report = archive
        .import(
            std::slice::from_ref(&pages_dir),
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    assert_eq!(report.ocr_queued, total);
    let threads = default_threads();
    let started = Instant::now();
    let run = archive
        .run_ocr(threads, &NoProgress, &CancelToken::new())
        .unwrap()
        .value;
    let folio_seconds = started.elapsed().as_secs_f64();
    assert_eq!(run.pages, total, "every page read: {run:?}");
    let mut folio_text = HashMap::new();
    for item in &report.imported {
        let text = archive
            .ocr_pages(item.id)
            .unwrap()
            .into_iter()
            .map(|page| page.text)
            .collect::<Vec<_>>()
            .join("\n");
        let name = Path::new(&item.path).file_name().unwrap().to_owned();
        folio_text.insert(pages_dir.join(name), text);
    }

    if std::env::var_os("FOLIO_OCR_BENCH_PAGES").is_some() {
        for (path, _, _) in &pages {
            std::fs::write(path.with_extension("tesseract.txt"), &command_text[path]).unwrap();
            std::fs::write(path.with_extension("folio.txt"), &folio_text[path]).unwrap();
        }
    }
    println!();
    println!("| | pages/s | CER en | CER zh | CER ru |");
    println!("|---|---|---|---|---|");
    for (name, seconds, texts) in [
        (
            "`tesseract` (1 process per page)",
            command_seconds,
            &command_text,
        ),
        (
            "`tesseract`, `OMP_THREAD_LIMIT=1`",
            single_seconds,
            &single_text,
        ),
        (
            &*format!("Folio ({threads} threads)"),
            folio_seconds,
            &folio_text,
        ),
    ] {
        let rates: Vec<String> = Language::ALL
            .into_iter()
            .map(|language| {
                let of_language: Vec<f64> = pages
                    .iter()
                    .filter(|(_, l, _)| *l == language)
                    .map(|(path, _, truth)| character_error_rate(truth, &texts[path]))
                    .collect();
                let mean = of_language.iter().sum::<f64>() / of_language.len() as f64;
                format!("{:.2}%", mean * 100.0)
            })
            .collect();
        println!(
            "| {name} | {:.2} | {} |",
            total as f64 / seconds,
            rates.join(" | ")
        );
    }
    println!();
    println!(
        "Folio / tesseract: {:.2}× the pages per second ({:.1} s against {:.1} s; {:.2}× against \
         the command held to one OpenMP thread); load after: {}",
        command_seconds / folio_seconds,
        folio_seconds,
        command_seconds,
        single_seconds / folio_seconds,
        load()
    );
}

/// Runs the command on every page in turn; `omp_limit` sets `OMP_THREAD_LIMIT` for it.
fn run_command(
    pages: &[(PathBuf, Language, String)],
    omp_limit: Option<&str>,
) -> (f64, HashMap<PathBuf, String>) {
    let started = Instant::now();
    let mut texts = HashMap::new();
    for (path, _, _) in pages {
        let mut command = Command::new("tesseract");
        command
            .arg(path)
            .arg("stdout")
            .args(["-l", LANGUAGES, "--psm", PAGE_LAYOUT]);
        match omp_limit {
            Some(limit) => command.env("OMP_THREAD_LIMIT", limit),
            None => command.env_remove("OMP_THREAD_LIMIT"),
        };
        let output = command
            .output()
            .expect("the tesseract command runs (apt install tesseract-ocr)");
        assert!(
            output.status.success(),
            "tesseract failed on {}",
            path.display()
        );
        texts.insert(
            path.clone(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        );
    }
    (started.elapsed().as_secs_f64(), texts)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn argument(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|at| args.get(at + 1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

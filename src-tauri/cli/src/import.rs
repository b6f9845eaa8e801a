//! `folio import`: runs the core's import with a progress bar on a terminal, then prints the
//! report as text or JSON. Exit 0 when nothing failed, 1 when some files failed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use folio_core::handle::WriteHandle;
use folio_core::import::{ImportOptions, ImportReport};
use folio_core::progress::{CancelToken, NoProgress};

use crate::output::{self, Bar};

pub fn run(
    dir: &Path,
    paths: &[PathBuf],
    tags: Vec<String>,
    collection: Option<String>,
    template: Option<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut archive = WriteHandle::open_or_create(dir)?;
    let template = match template {
        Some(name) => Some(archive.find_template(&name)?),
        None => None,
    };
    let options = ImportOptions {
        tags,
        collection,
        template,
        ..ImportOptions::default()
    };
    let cancel = CancelToken::new();
    let report = if !json && std::io::stderr().is_terminal() {
        let bar = Bar::new(Bar::FILES);
        let report = archive.import(paths, &options, &bar, &cancel);
        bar.finish();
        report?.value
    } else {
        archive.import(paths, &options, &NoProgress, &cancel)?.value
    };
    if json {
        output::json(&report)?;
    } else {
        print_text(&report);
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

pub fn print_text(report: &ImportReport) {
    for item in &report.imported {
        println!(
            "imported   {} #{}  {}  ({})",
            item.kind, item.id, item.title, item.path
        );
    }
    for item in &report.duplicates {
        println!("duplicate  {}  (already #{})", item.path, item.id);
    }
    for item in &report.skipped {
        println!("skipped    {}: {}", item.path, item.reason);
    }
    for item in &report.failed {
        println!("failed     {}: {}", item.path, item.error);
    }
    println!(
        "{} imported, {} duplicates, {} skipped, {} failed",
        report.imported.len(),
        report.duplicates.len(),
        report.skipped.len(),
        report.failed.len()
    );
    if report.ocr_queued > 0 {
        println!(
            "{} queued for OCR: their text is read in the background by the desktop app, or now \
             with `folio ocr`",
            report.ocr_queued
        );
    }
}

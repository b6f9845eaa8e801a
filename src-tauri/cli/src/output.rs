//! How the CLI prints: JSON for automation, plain text for people, errors on stderr.

use std::process::ExitCode;

use folio_core::progress::{Progress, ProgressSink};
use serde::Serialize;

use crate::EXIT_ARCHIVE_ERROR;

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints an error for a person and returns the archive-error exit code.
pub fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("folio: {error}");
    ExitCode::from(EXIT_ARCHIVE_ERROR)
}

pub use folio_core::location::human_bytes;

/// A progress bar on stderr, fed by the core's progress reports.
pub struct Bar(indicatif::ProgressBar);

impl Bar {
    /// Files taken in, with the rate (an import).
    pub const FILES: &str = "{bar:30} {pos}/{len} files  {binary_bytes_per_sec}  {wide_msg}";
    /// Items handled (an export, OCR).
    pub const ITEMS: &str = "{bar:30} {pos}/{len} items  {wide_msg}";

    /// A bar drawn with indicatif's `template`.
    pub fn new(template: &str) -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Self(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl ProgressSink for Bar {
    fn report(&self, progress: &Progress) {
        self.0.set_length(progress.files_total);
        self.0.set_position(progress.files_done);
        if let Some(current) = &progress.current {
            self.0.set_message(current.clone());
        }
    }
}

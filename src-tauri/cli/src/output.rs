//! How the CLI prints: JSON for automation, plain text for people, errors on stderr.

use std::process::ExitCode;

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

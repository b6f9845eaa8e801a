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

/// `1234567` → `1.2 MB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn sizes_are_shown_in_decimal_units() {
        assert_eq!(human_bytes(0), "0 bytes");
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(1_234_567), "1.2 MB");
    }
}

//! The desktop's log: to stderr and to a file in the platform's log folder, rotated daily and
//! kept for a week, so a user can send it with a bug report. `FOLIO_LOG` sets the level (`info`
//! by default; `debug` adds every archive operation with its duration).

use std::path::PathBuf;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

/// The app's identifier (`tauri.conf.json`), which names its folders on every platform.
const IDENTIFIER: &str = "org.folio.desktop";
/// Days of logs kept.
const KEPT_FILES: usize = 7;

/// Where the log files go, as the platform expects: `~/Library/Logs/org.folio.desktop` on macOS,
/// `%LOCALAPPDATA%\org.folio.desktop\logs` on Windows, `$XDG_DATA_HOME/org.folio.desktop/logs`
/// (`~/.local/share/…`) on Linux — the folders Tauri's `app_log_dir` names.
pub fn log_dir() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    if cfg!(target_os = "macos") {
        Some(base.home_dir().join("Library/Logs").join(IDENTIFIER))
    } else {
        Some(base.data_local_dir().join(IDENTIFIER).join("logs"))
    }
}

pub fn init() {
    let filter = || EnvFilter::try_from_env("FOLIO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_filter(filter());
    let file = log_dir().and_then(|dir| {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("folio")
            .filename_suffix("log")
            .max_log_files(KEPT_FILES)
            .build(&dir)
            .inspect_err(|error| eprintln!("no log file in {}: {error}", dir.display()))
            .ok()
    });
    let file = file.map(|appender| {
        fmt::layer()
            .with_ansi(false)
            .with_writer(appender)
            .with_span_events(FmtSpan::CLOSE)
            .with_filter(filter())
    });
    tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .init();
}

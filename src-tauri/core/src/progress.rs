//! Progress and cancellation for long jobs (import, export, verify), shared by every front end.
//!
//! The core reports through a [`ProgressSink`]; the CLI draws a bar from it and the desktop
//! forwards it as an event. A [`CancelToken`] is checked between files: work already committed
//! stays, and the job's report says what was not done.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use ts_rs::TS;

/// The long jobs that report progress.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    #[default]
    Import,
    Export,
    Verify,
    Backup,
    /// Building the search index afresh.
    Index,
    /// Reading scans and photos with OCR.
    Ocr,
}

/// A snapshot of a running job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// Which job this is.
    pub job: JobKind,
    pub files_done: u64,
    pub files_total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub current: Option<String>,
}

/// Receives progress; implementations must be cheap, as they are called once per file.
pub trait ProgressSink: Send + Sync {
    fn report(&self, progress: &Progress);
}

/// Ignores progress: for tests and callers that do not show it.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn report(&self, _progress: &Progress) {}
}

impl<F: Fn(&Progress) + Send + Sync> ProgressSink for F {
    fn report(&self, progress: &Progress) {
        self(progress)
    }
}

/// Asks a running job to stop at the next file boundary. Cloning shares the token.
#[derive(Debug, Default, Clone)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// `reader`, failing its next read once the token is cancelled: a long read (hashing a
    /// gigabyte, unpacking a large entry) stops within one buffer instead of running on.
    pub fn guard<R>(&self, reader: R) -> Cancellable<R> {
        Cancellable {
            reader,
            token: self.clone(),
        }
    }
}

/// A reader that stops when its [`CancelToken`] is cancelled (see [`CancelToken::guard`]).
#[derive(Debug)]
pub struct Cancellable<R> {
    reader: R,
    token: CancelToken,
}

/// The message of the I/O error a cancelled read gives.
pub const CANCELLED: &str = "cancelled";

impl<R: std::io::Read> std::io::Read for Cancellable<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.token.is_cancelled() {
            return Err(std::io::Error::other(CANCELLED));
        }
        self.reader.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_clone_cancels_the_original() {
        let token = CancelToken::new();
        let clone = token.clone();
        assert!(!token.is_cancelled());
        clone.cancel();
        assert!(token.is_cancelled());
    }
}

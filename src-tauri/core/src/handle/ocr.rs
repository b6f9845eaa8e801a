//! The handles' side of OCR: what is queued, the archive's photo setting, recording the pages
//! read (one journal action per item), and running the queue to its end.

use super::{ReadHandle, WriteHandle, done};
use crate::changes::Written;
use crate::error::Result;
use crate::journal::Action;
use crate::ocr::OcrPage;
use crate::ocr::worker::{self, OcrReport};
use crate::progress::{CancelToken, ProgressSink};
use crate::tables::{self, items, ocr::Queued};

impl ReadHandle {
    /// The items waiting for OCR, oldest first (items in the trash wait until restored).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn ocr_queue(&self) -> Result<Vec<Queued>> {
        self.read(tables::ocr::queued)
    }

    /// How many items wait for OCR.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn ocr_queue_length(&self) -> Result<usize> {
        self.read(tables::ocr::queue_length)
    }

    /// The pages OCR read of an item (empty when it was never read).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn ocr_pages(&self, id: i64) -> Result<Vec<OcrPage>> {
        self.read(|conn| tables::ocr::pages(conn, id))
    }

    /// Whether imported photos are queued for OCR.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn ocr_photos(&self) -> Result<bool> {
        self.read(tables::ocr::photos_enabled)
    }
}

impl WriteHandle {
    /// Turns OCR of imported photos on or off for this archive (a setting of the archive, not a
    /// change to its record: not journaled).
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn set_ocr_photos(&mut self, enabled: bool) -> Result<()> {
        tables::ocr::set_photos_enabled(self.conn(), enabled)
    }

    /// Records the pages OCR read of an item: one journal action; the item leaves the queue,
    /// and the index learns its text.
    #[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
    pub fn record_ocr(&mut self, id: i64, pages: &[OcrPage]) -> Result<Written<()>> {
        let item = items::uid_of(self.conn(), id)?;
        let effects = self.perform(Action::Ocr {
            item,
            pages: pages.to_vec(),
        })?;
        Ok(done((), effects))
    }

    /// Reads everything queued, `threads` pages at a time, recording each item as it is
    /// complete; a cancel leaves the rest queued.
    pub fn run_ocr(
        &mut self,
        threads: usize,
        progress: &dyn ProgressSink,
        cancel: &CancelToken,
    ) -> Result<Written<OcrReport>> {
        let queue = self.ocr_queue()?;
        let dir = self.dir().to_path_buf();
        let mut changes = crate::changes::ChangeSet::default();
        let report = worker::run(
            &dir,
            queue,
            threads,
            progress,
            cancel,
            &mut |item: &Queued, pages| {
                let written = self.record_ocr(item.item_id, pages)?;
                changes = std::mem::take(&mut changes).merge(written.changes);
                Ok(())
            },
        )?;
        Ok(Written {
            value: report,
            changes,
        })
    }
}

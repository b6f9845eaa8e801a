//! The write handle's side of the search index: handing committed changes to the index's
//! threads as they are made, and publishing them.

use super::WriteHandle;
use crate::indexing;

impl WriteHandle {
    /// Hands the changes committed so far to the search index's threads, which index them
    /// while the caller goes on, without publishing them: a caller applying many batches
    /// through [`WriteHandle::apply_pulled`] stages after each and publishes once after the last
    /// with [`WriteHandle::index_queued`].
    pub fn stage_index(&mut self) {
        let Some(index) = self.reader.open_index_now() else {
            return;
        };
        let after = self.staged.unwrap_or(0);
        match indexing::stage_queue(self.archive.conn(), &index, after) {
            Ok(last) if last > after => self.staged = Some(last),
            Ok(_) => {}
            Err(error) => {
                // What was staged is dropped with the failure; the queue still holds it.
                self.staged = None;
                tracing::warn!("the search index will catch up later: {error}");
            }
        }
    }

    /// Brings the search index up to date with every change committed so far (the index
    /// queue), publishing what was staged. Writes do this themselves; a caller that applies
    /// many batches through [`WriteHandle::apply_pulled`] does it once after the last.
    pub fn index_queued(&mut self) {
        if let Some(staged) = self.staged.take()
            && let Some(index) = self.reader.open_index_now()
            && let Err(error) = indexing::commit_staged(self.archive.conn(), &index, staged)
        {
            tracing::warn!("the search index will catch up later: {error}");
        }
        if let Some(index) = self.reader.open_index_now()
            && let Err(error) = indexing::apply_queue(self.archive.conn(), &index)
        {
            tracing::warn!("the search index will catch up later: {error}");
        }
    }
}

//! One memory budget for an import's extractors: before a unit's files are read, the unit
//! reserves what reading and decoding them will take (file sizes, decoded pixels, the text an
//! article grows into), and waits while other units hold the rest. A unit that needs more than
//! the whole budget is refused with the figures, so no input — a 14000×14000 PNG, a folder of
//! them, a gigabyte page image — can take the machine's memory, however many cores run.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::progress::CancelToken;
use crate::text::human_size;

/// What one import's extractors may hold at once. The rest of an import (the search writer's
/// 50 MB, a batch's drafts, the program) stays well under 400 MB, so the whole stays under 1 GB.
pub const DEFAULT_BYTES: u64 = 640 << 20;

/// How often a waiting unit looks at its cancel token.
const CANCEL_POLL: Duration = Duration::from_millis(100);

/// Why something needing `needed` bytes is not imported with a budget of `total`.
pub fn beyond_budget(needed: u64, total: u64) -> String {
    format!(
        "importing it would take about {} of memory, more than the {} an import may use",
        human_size(needed),
        human_size(total)
    )
}

#[derive(Debug)]
pub struct MemoryBudget {
    total: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Why a reservation was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// More than the whole budget; the message says how much.
    TooLarge(String),
    Cancelled,
}

impl MemoryBudget {
    pub fn new(total: u64) -> Self {
        Self {
            total,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Reserves `bytes`, waiting until they fit; released when the reservation is dropped.
    pub fn reserve(&self, bytes: u64, cancel: &CancelToken) -> Result<Reservation<'_>, Refusal> {
        if bytes > self.total {
            return Err(Refusal::TooLarge(beyond_budget(bytes, self.total)));
        }
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used + bytes > self.total {
            if cancel.is_cancelled() {
                return Err(Refusal::Cancelled);
            }
            used = self
                .freed
                .wait_timeout(used, CANCEL_POLL)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *used += bytes;
        Ok(Reservation {
            budget: self,
            bytes,
        })
    }

    /// The whole budget.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// What is reserved now.
    pub fn in_use(&self) -> u64 {
        *self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Memory reserved from a [`MemoryBudget`], given back when dropped.
#[derive(Debug)]
pub struct Reservation<'a> {
    budget: &'a MemoryBudget,
    bytes: u64,
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut used = self
            .budget
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reservation_waits_until_another_is_given_back() {
        let budget = MemoryBudget::new(100);
        let cancel = CancelToken::new();
        let first = budget.reserve(70, &cancel).unwrap();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| budget.reserve(50, &cancel).map(|_| budget.in_use()));
            std::thread::sleep(Duration::from_millis(50));
            assert_eq!(budget.in_use(), 70, "the second waits");
            drop(first);
            assert_eq!(waiter.join().unwrap(), Ok(50));
        });
        assert_eq!(budget.in_use(), 0);
    }

    #[test]
    fn more_than_the_whole_budget_is_refused_with_the_figures() {
        let budget = MemoryBudget::new(640 << 20);
        let Err(Refusal::TooLarge(why)) = budget.reserve(1 << 30, &CancelToken::new()) else {
            panic!("a gigabyte fitted in 640 MB");
        };
        assert!(why.contains("1 GB") && why.contains("640 MB"), "{why}");
    }

    #[test]
    fn a_cancelled_import_stops_waiting() {
        let budget = MemoryBudget::new(10);
        let cancel = CancelToken::new();
        let _held = budget.reserve(10, &cancel).unwrap();
        cancel.cancel();
        assert_eq!(budget.reserve(5, &cancel).unwrap_err(), Refusal::Cancelled);
    }
}

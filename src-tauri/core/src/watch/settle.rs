//! Settling: a file is imported only once it has stopped changing. Each look at a file records
//! its size and modification time; a file is settled when two looks agree and it has not changed
//! for the settle time. Files that settle together are gathered into one import: a folder is
//! ready when something in it has settled and nothing else in it is still changing, or when the
//! oldest settled file has waited long enough (a file written for ever must not hold the rest).
//!
//! Pure bookkeeping with the clock passed in, so the rules are tested without waiting.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What one look at a file saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// How long to wait: for a file to stop changing, and at most for a group to complete.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// A file unchanged this long (by our looks and by its modification time) is settled.
    pub settle: Duration,
    /// The longest a settled file waits for others still changing beside it.
    pub gather: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            settle: Duration::from_millis(1000),
            gather: Duration::from_secs(20),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    look: Look,
    /// When our looks first saw the file as it is now.
    unchanged_since: Instant,
    /// More than one look saw it as it is now.
    confirmed: bool,
    /// When it was first found settled (it waits for the others from then).
    settled_at: Option<Instant>,
}

/// The files of one watched folder that are waiting to be imported.
#[derive(Debug, Default)]
pub struct Settler {
    pending: BTreeMap<PathBuf, Pending>,
}

impl Settler {
    /// Records a look at `path` at `now`: a change starts its wait again.
    pub fn look(&mut self, path: &Path, look: Look, now: Instant) {
        match self.pending.get_mut(path) {
            Some(pending) if pending.look == look => pending.confirmed = true,
            Some(pending) => {
                *pending = Pending {
                    look,
                    unchanged_since: now,
                    confirmed: false,
                    settled_at: None,
                }
            }
            None => {
                self.pending.insert(
                    path.to_path_buf(),
                    Pending {
                        look,
                        unchanged_since: now,
                        confirmed: false,
                        settled_at: None,
                    },
                );
            }
        }
    }

    /// Forgets a file that went away (or is no longer to be imported).
    pub fn forget(&mut self, path: &Path) {
        self.pending.remove(path);
    }

    /// The files waiting, to look at them again.
    pub fn waiting(&self) -> Vec<PathBuf> {
        self.pending.keys().cloned().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Marks what has settled by `now`; when the folder is ready, takes its settled files (the
    /// ones still changing stay) and returns them in path order.
    pub fn take_ready(&mut self, timing: &Timing, now: SystemTime, clock: Instant) -> Vec<PathBuf> {
        let mut oldest_settled: Option<Instant> = None;
        let mut changing = false;
        for pending in self.pending.values_mut() {
            if is_settled(pending, timing, now, clock) {
                let at = *pending.settled_at.get_or_insert(clock);
                oldest_settled = Some(oldest_settled.map_or(at, |oldest| oldest.min(at)));
            } else {
                pending.settled_at = None;
                changing = true;
            }
        }
        let Some(oldest) = oldest_settled else {
            return Vec::new();
        };
        if changing && clock.duration_since(oldest) < timing.gather {
            return Vec::new();
        }
        let ready: Vec<PathBuf> = self
            .pending
            .iter()
            .filter(|(_, pending)| pending.settled_at.is_some())
            .map(|(path, _)| path.clone())
            .collect();
        for path in &ready {
            self.pending.remove(path);
        }
        ready
    }
}

fn is_settled(pending: &Pending, timing: &Timing, now: SystemTime, clock: Instant) -> bool {
    if !pending.confirmed {
        return false;
    }
    let watched_unchanged = clock.duration_since(pending.unchanged_since) >= timing.settle;
    // A file that has not been written to for the settle time (one copied in a moment, or one
    // that arrived while Folio was closed) need not be watched that long as well.
    let written_long_ago = pending
        .look
        .modified
        .and_then(|modified| now.duration_since(modified).ok())
        .is_some_and(|age| age >= timing.settle);
    watched_unchanged || written_long_ago
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMING: Timing = Timing {
        settle: Duration::from_secs(1),
        gather: Duration::from_secs(10),
    };

    fn look(size: u64, modified: SystemTime) -> Look {
        Look {
            size,
            modified: Some(modified),
        }
    }

    #[test]
    fn a_file_seen_once_is_not_settled() {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        let mut settler = Settler::default();
        let old = wall - Duration::from_secs(3600);
        settler.look(Path::new("a.jpg"), look(10, old), clock);
        assert!(settler.take_ready(&TIMING, wall, clock).is_empty());
    }

    #[test]
    fn a_file_written_long_ago_settles_at_the_second_look() {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        let mut settler = Settler::default();
        let old = wall - Duration::from_secs(3600);
        settler.look(Path::new("a.jpg"), look(10, old), clock);
        let later = clock + Duration::from_millis(200);
        settler.look(Path::new("a.jpg"), look(10, old), later);
        assert_eq!(
            settler.take_ready(&TIMING, wall, later),
            vec![PathBuf::from("a.jpg")]
        );
        assert!(settler.is_empty());
    }

    #[test]
    fn a_file_still_growing_waits_until_its_size_stops_changing() {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        let mut settler = Settler::default();
        let path = Path::new("slow.jpg");
        // Written in pieces: each look sees it bigger and just modified.
        for step in 0..5u32 {
            let at = clock + Duration::from_millis(300) * step;
            let written = wall + Duration::from_millis(300) * step;
            settler.look(path, look(u64::from(step) * 100, written), at);
            assert!(settler.take_ready(&TIMING, written, at).is_empty());
        }
        // The writing stopped at 1.2 s; at 2.0 s it has not been still for a second yet.
        let last = wall + Duration::from_millis(1200);
        let at = clock + Duration::from_millis(2000);
        settler.look(path, look(400, last), at);
        let ready = settler.take_ready(&TIMING, wall + Duration::from_millis(2000), at);
        assert!(ready.is_empty());
        let at = clock + Duration::from_millis(2300);
        settler.look(path, look(400, last), at);
        let ready = settler.take_ready(&TIMING, wall + Duration::from_millis(2300), at);
        assert_eq!(ready, vec![path.to_path_buf()]);
    }

    #[test]
    fn settled_files_wait_for_the_others_still_arriving_and_come_in_together() {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        let mut settler = Settler::default();
        let old = wall - Duration::from_secs(60);
        for name in ["1.jpg", "2.jpg"] {
            settler.look(Path::new(name), look(5, old), clock);
            settler.look(Path::new(name), look(5, old), clock);
        }
        settler.look(Path::new("3.jpg"), look(1, wall), clock);
        assert!(settler.take_ready(&TIMING, wall, clock).is_empty());
        let later = clock + Duration::from_secs(2);
        settler.look(Path::new("3.jpg"), look(9, wall), later);
        settler.look(Path::new("3.jpg"), look(9, wall), later);
        let ready = settler.take_ready(&TIMING, wall + Duration::from_secs(2), later);
        assert_eq!(ready.len(), 3, "the three come in as one import: {ready:?}");
    }

    #[test]
    fn a_file_that_never_stops_changing_does_not_hold_the_rest_for_ever() {
        let (wall, clock) = (SystemTime::now(), Instant::now());
        let mut settler = Settler::default();
        let old = wall - Duration::from_secs(60);
        settler.look(Path::new("done.jpg"), look(5, old), clock);
        settler.look(Path::new("done.jpg"), look(5, old), clock);
        settler.look(Path::new("log.txt"), look(1, wall), clock);
        assert!(settler.take_ready(&TIMING, wall, clock).is_empty());
        let later = clock + TIMING.gather;
        settler.look(Path::new("log.txt"), look(2, wall + TIMING.gather), later);
        let ready = settler.take_ready(&TIMING, wall + TIMING.gather, later);
        assert_eq!(ready, vec![PathBuf::from("done.jpg")]);
        assert_eq!(settler.waiting(), vec![PathBuf::from("log.txt")]);
    }
}

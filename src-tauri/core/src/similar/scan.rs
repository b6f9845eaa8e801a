//! Fingerprints packed in one array and scanned: a popcount per photo, so a million photos take
//! about a millisecond — fast enough that no tree or multi-index is needed (BENCHMARKS.md).

use crate::photo::fingerprint::distance;

/// The fingerprints of many photos, with the item each belongs to.
#[derive(Debug, Clone, Default)]
pub struct FingerprintSet {
    ids: Vec<i64>,
    fingerprints: Vec<u64>,
}

impl FingerprintSet {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            ids: Vec::with_capacity(capacity),
            fingerprints: Vec::with_capacity(capacity),
        }
    }

    pub fn push(&mut self, id: i64, fingerprint: u64) {
        self.ids.push(id);
        self.fingerprints.push(fingerprint);
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub(crate) fn id(&self, index: usize) -> i64 {
        self.ids[index]
    }

    pub(crate) fn fingerprint(&self, index: usize) -> u64 {
        self.fingerprints[index]
    }

    /// The photos within `max_bits` of `fingerprint`, as (id, distance), nearest first.
    pub fn within(&self, fingerprint: u64, max_bits: u32) -> Vec<(i64, u32)> {
        let mut found: Vec<(i64, u32)> = self
            .fingerprints
            .iter()
            .zip(&self.ids)
            .filter_map(|(&other, &id)| {
                let bits = distance(fingerprint, other);
                (bits <= max_bits).then_some((id, bits))
            })
            .collect();
        found.sort_unstable_by_key(|&(id, bits)| (bits, id));
        found
    }

    /// Every pair of photos within `max_bits` of each other, as indexes (i < j).
    pub(crate) fn close_pairs(&self, max_bits: u32) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (i, &a) in self.fingerprints.iter().enumerate() {
            for (offset, &b) in self.fingerprints[i + 1..].iter().enumerate() {
                if distance(a, b) <= max_bits {
                    pairs.push((i, i + 1 + offset));
                }
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_finds_what_is_within_the_threshold_nearest_first() {
        let mut set = FingerprintSet::default();
        set.push(1, 0b0000);
        set.push(2, 0b0111);
        set.push(3, 0b0001);
        set.push(4, u64::MAX);
        assert_eq!(set.within(0, 3), [(1, 0), (3, 1), (2, 3)]);
        assert_eq!(set.close_pairs(1), [(0, 2)]);
    }
}

//! Fingerprints packed in one array. One photo's near-duplicates are found by a scan — a popcount
//! per photo, about a millisecond for a million (BENCHMARKS.md), so no tree is needed. Every group
//! needs every close pair: comparing all pairs grows with the square of the archive (8.3 s for
//! 100,000 photos), so pairs are found through a multi-index instead (1.5 s): the 64 bits cut into
//! four 16-bit chunks, two fingerprints within `t` bits agree within `t / 4` bits on at least one
//! chunk (pigeonhole), and only photos whose chunk is that close are compared.

use crate::photo::fingerprint::distance;

/// The chunks a fingerprint is cut into for finding pairs.
const CHUNKS: usize = 4;

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

    /// Every pair of photos within `max_bits` of each other, as indexes (i < j), in order.
    pub fn close_pairs(&self, max_bits: u32) -> Vec<(usize, usize)> {
        let radius = max_bits / CHUNKS as u32;
        let masks = masks_within(radius);
        // The index pays off while each photo looks in fewer buckets than there are photos.
        if masks.len() * CHUNKS * 2 >= self.len() {
            return self.close_pairs_by_scan(max_bits);
        }
        let mut pairs = Vec::new();
        for chunk in 0..CHUNKS {
            let buckets = Buckets::by_chunk(&self.fingerprints, chunk);
            for (i, &a) in self.fingerprints.iter().enumerate() {
                let own = part(a, chunk);
                for &mask in &masks {
                    for &j in buckets.holding(own ^ mask).iter().filter(|&&j| j > i) {
                        let b = self.fingerprints[j];
                        // A pair close on several chunks is taken on the first of them only.
                        if first_close_chunk(a, b, radius) == Some(chunk)
                            && distance(a, b) <= max_bits
                        {
                            pairs.push((i, j));
                        }
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs
    }

    /// The same pairs by comparing every pair: cheaper for few photos or a loose threshold.
    fn close_pairs_by_scan(&self, max_bits: u32) -> Vec<(usize, usize)> {
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

/// The photos by the value of one chunk of their fingerprint: all indexes sorted by that value,
/// and where each value's run starts (a lookup is two array reads, no hashing).
struct Buckets {
    starts: Vec<usize>,
    indexes: Vec<usize>,
}

impl Buckets {
    fn by_chunk(fingerprints: &[u64], chunk: usize) -> Self {
        let mut starts = vec![0usize; (1 << 16) + 1];
        for &fingerprint in fingerprints {
            starts[usize::from(part(fingerprint, chunk)) + 1] += 1;
        }
        for value in 1..starts.len() {
            starts[value] += starts[value - 1];
        }
        let mut next = starts.clone();
        let mut indexes = vec![0usize; fingerprints.len()];
        for (index, &fingerprint) in fingerprints.iter().enumerate() {
            let slot = &mut next[usize::from(part(fingerprint, chunk))];
            indexes[*slot] = index;
            *slot += 1;
        }
        Self { starts, indexes }
    }

    /// The photos whose chunk has this value, in index order.
    fn holding(&self, value: u16) -> &[usize] {
        let value = usize::from(value);
        &self.indexes[self.starts[value]..self.starts[value + 1]]
    }
}

/// Chunk `chunk` (0–3) of a fingerprint.
fn part(fingerprint: u64, chunk: usize) -> u16 {
    (fingerprint >> (16 * chunk)) as u16
}

/// The first chunk on which two fingerprints differ in at most `radius` bits.
fn first_close_chunk(a: u64, b: u64, radius: u32) -> Option<usize> {
    (0..CHUNKS).find(|&chunk| (part(a, chunk) ^ part(b, chunk)).count_ones() <= radius)
}

/// Every 16-bit pattern of at most `radius` set bits: what a chunk may differ by.
fn masks_within(radius: u32) -> Vec<u16> {
    (0..=u16::MAX)
        .filter(|mask| mask.count_ones() <= radius)
        .collect()
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

    #[test]
    fn the_multi_index_finds_exactly_the_pairs_a_full_comparison_finds() {
        // Random fingerprints, and copies of some of them a few bits away.
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state
        };
        let mut set = FingerprintSet::default();
        for id in 0..3000 {
            let fingerprint = next();
            set.push(id, fingerprint);
            if id % 10 == 0 {
                let flips = next() & next() & next() & next();
                set.push(id + 100_000, fingerprint ^ flips);
            }
        }
        for bits in [0, 3, 4, 7, 10, 14, 20] {
            let indexed = set.close_pairs(bits);
            assert_eq!(indexed, set.close_pairs_by_scan(bits), "at {bits} bits");
            if bits >= 10 {
                assert!(
                    indexed.len() >= 250,
                    "{} pairs at {bits} bits",
                    indexed.len()
                );
            }
        }
        assert!(
            masks_within(2).len() * CHUNKS * 2 < set.len(),
            "the index was used"
        );
    }
}

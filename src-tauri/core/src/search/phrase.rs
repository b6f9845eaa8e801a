//! A phrase query whose scorer accepts `seek_danger` to a target behind its current document,
//! as tantivy's `DocSet` contract allows. tantivy 0.27's `PhraseScorer` debug-asserts against
//! it, so an excluded phrase with no match in a segment (`dialogue -"beijing dialogue"`)
//! panicked in debug builds; release builds answered correctly.

use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

#[derive(Debug, Clone)]
pub struct GuardedPhraseQuery(PhraseQuery);

impl GuardedPhraseQuery {
    /// Terms with their positions relative to the first, as for `PhraseQuery::new_with_offset`.
    pub fn new(terms: Vec<(usize, Term)>) -> Self {
        GuardedPhraseQuery(PhraseQuery::new_with_offset(terms))
    }
}

impl Query for GuardedPhraseQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(GuardedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct GuardedWeight(Box<dyn Weight>);

impl Weight for GuardedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(GuardedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct GuardedScorer(Box<dyn Scorer>);

impl DocSet for GuardedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        // The phrase's document never passes a match, so it bounds the next one from below.
        let doc = self.0.doc();
        if target < doc {
            SeekDangerResult::SeekLowerBound(doc)
        } else {
            self.0.seek_danger(target)
        }
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for GuardedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

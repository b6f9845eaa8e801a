//! folio-core's integration tests in one binary (the crate is linked once): each module is one
//! area, sharing the sample photos of `folio-samples`. The bindings drift test and the
//! article-extraction benchmark keep binaries of their own, as their documented commands name them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use folio_samples::photos as photo_support;

mod capture;
mod facets;
mod fuzz_regressions;
mod journal;
mod organise;
mod photo_corpus;
mod photo_extract;
mod photo_heic;
mod photo_robustness;
mod random_changes;
mod ratings;
mod similar;

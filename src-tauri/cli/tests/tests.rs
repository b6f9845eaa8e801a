//! `folio` driven as a user or a script drives it, in one test binary (the crate is linked once):
//! each module is one area, sharing the harness in `util`, the sample files of `folio-samples` and the
//! exported library of `library`. The writer-lock tests run in a binary of their own (`lock.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod library;
/// The team tests' throwaway PostgreSQL clusters.
#[allow(dead_code)]
#[path = "../../team/tests/postgres.rs"]
mod postgres;
mod util;

use folio_samples::files as samples;

mod bundle_import;
mod capture;
mod cli;
mod copies;
mod crash;
mod dates;
mod export;
mod facets;
mod fixity;
mod full_disk;
mod heic;
mod import;
mod names;
mod ocr;
mod pdf_size;
mod permissions;
mod ratings;
mod search;
mod similar;
mod team;
mod team_faults;
mod team_originals;
mod templates;
mod watch;

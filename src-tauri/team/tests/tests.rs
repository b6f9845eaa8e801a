//! Team archives against a real PostgreSQL cluster, a real shared folder and a real S3 server
//! (moto's): members created, joined, synced, watching and in conflict as people would be,
//! checked through each archive's canonical dump.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod conflicts;
mod converge;
mod faults;
mod link;
mod originals;
mod postgres;
/// The journal replay test's random changes, shared with the convergence test.
#[path = "../../core/tests/random_changes.rs"]
mod random_changes;
mod s3;
mod sync;
mod tls;
mod watch;

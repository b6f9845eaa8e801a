//! Team archives against a real PostgreSQL cluster and a real shared folder: members created,
//! joined, synced and left as people would, checked through each archive's canonical dump.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod postgres;
mod sync;

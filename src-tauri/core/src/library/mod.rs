//! Organising the library: views as sorted pages, tags, collections, saved searches, the trash,
//! edits with their history, and undo. Each change runs in one transaction that also queues the
//! items it touches for the search index.

pub mod collections;
pub mod editing;
pub mod fields;
pub mod history;
pub mod listing;
mod members;
pub(crate) mod orders;
pub mod ratings;
pub mod saved_searches;
pub mod tagging;
pub mod templates;
pub mod trash;
pub(crate) mod view_counts;

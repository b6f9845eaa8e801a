//! Raw SQL, one module per table. Functions take a connection or transaction and plain values;
//! nothing here knows about files, import or the UI.

pub mod aliases;
pub mod blobs;
pub mod collections;
pub mod figures;
pub mod index_queue;
pub mod items;
pub mod ocr;
pub mod tags;
pub mod team;

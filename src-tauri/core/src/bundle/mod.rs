//! The Folio bundle format, shared by the export that writes bundles and the import that reads
//! them back: BagIt (RFC 8493) tag files and manifests, `items.json`, and the reader that treats
//! a bundle from elsewhere as untrusted input.

pub mod bagit;
pub mod checks;
pub mod format;
pub mod read;

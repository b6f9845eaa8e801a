//! The sample files Folio's tests make themselves, shared by the core's and the CLI's tests:
//! photos with every kind of embedded metadata (`photos`) and the files a person drops on Folio —
//! captioned JPEGs, saved web pages, ZIPs with hostile names (`files`); distinct pictures with
//! their resized, recompressed, cropped and converted copies (`scenes`); HEIC photos as phones
//! take them (`heic`); scans of known text in English, Chinese and Russian, as JPEGs and
//! image-only PDFs (`scans`); and a local web server serving pages for link capture (`web`).

pub mod files;
pub mod heic;
pub mod photos;
pub mod scans;
pub mod scenes;
pub mod web;

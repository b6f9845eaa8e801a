//! `folio search`, and opening an archive to read with its search index current.

use std::ops::Deref;
use std::path::Path;
use std::process::ExitCode;

use folio_core::Error;
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::library::listing::MAX_PAGE;
use folio_core::search::SearchRequest;
use serde_json::json;

use crate::output;

/// An archive opened to read with its search index. With the writer lock the index is brought
/// up to date first; while another Folio holds it (the desktop app), that process keeps the
/// index current and this one only reads.
pub enum Searchable {
    // Boxed: a writer is much larger than a reader (which is one pointer).
    Writing(Box<WriteHandle>),
    Reading(ReadHandle),
}

impl Deref for Searchable {
    type Target = ReadHandle;

    fn deref(&self) -> &ReadHandle {
        match self {
            Searchable::Writing(writer) => writer,
            Searchable::Reading(reader) => reader,
        }
    }
}

pub fn open_with_index(dir: &Path) -> anyhow::Result<Searchable> {
    Ok(match WriteHandle::open(dir) {
        Ok(writer) => Searchable::Writing(Box::new(writer)),
        Err(Error::ArchiveInUse(_)) => Searchable::Reading(ReadHandle::open(dir)?),
        Err(error) => return Err(error.into()),
    })
}

/// Says so when the index was still being built by the Folio that has the archive open.
pub fn warn_if_incomplete(archive: &ReadHandle) {
    if archive.index_incomplete() {
        eprintln!(
            "folio: the search index is being rebuilt by the Folio that has this archive open; \
             results may be incomplete"
        );
    }
}

pub fn run(dir: &Path, query: &str, limit: usize, json: bool) -> anyhow::Result<ExitCode> {
    let archive = open_with_index(dir)?;
    let request = SearchRequest {
        query: query.to_string(),
        offset: 0,
        limit: u32::try_from(limit).unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE),
    };
    let page = archive.search(&request)?;
    warn_if_incomplete(&archive);
    if json {
        let hits: Vec<_> = page
            .hits
            .iter()
            .map(|hit| {
                json!({
                    "id": hit.item.id,
                    "kind": hit.item.kind,
                    "title": hit.item.title,
                    "rating": hit.item.rating,
                    "label": hit.item.label,
                    "snippet": hit.snippet,
                    "score": hit.score,
                })
            })
            .collect();
        output::json(&json!({ "total": page.total, "hits": hits }))?;
    } else {
        println!("{} found", page.total);
        for hit in &page.hits {
            println!(
                "{:>6}  {:<7}  {}",
                hit.item.id, hit.item.kind, hit.item.title
            );
            if !hit.snippet.is_empty() {
                println!("        {}", marked(&hit.snippet, &hit.highlights));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The snippet with its highlighted words in `[brackets]`, for a terminal.
fn marked(snippet: &str, highlights: &[[u32; 2]]) -> String {
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 2);
    for (position, c) in snippet.chars().enumerate() {
        let position = position as u32;
        if highlights.iter().any(|h| h[0] == position) {
            out.push('[');
        }
        out.push(c);
        if highlights.iter().any(|h| h[1] == position + 1) {
            out.push(']');
        }
    }
    out
}

//! `folio search`, and bringing the search index up to date after a command changed the archive.

use std::path::Path;
use std::process::ExitCode;

use folio_core::archive::INDEX_DIR;
use folio_core::indexing::{self, SearchRequest};
use folio_core::library::listing::MAX_PAGE;
use folio_core::progress::NoProgress;
use folio_core::search::{Opened, SearchIndex};
use folio_core::{Access, Archive, Error};
use serde_json::json;

use crate::output;

/// Applies the changes a command queued (rebuilding a missing index first).
pub fn sync_index(archive: &mut Archive) -> anyhow::Result<()> {
    // Lets the crash tests stop the process exactly between a commit and its indexing.
    if std::env::var_os("FOLIO_TEST_ABORT_BEFORE_INDEXING").is_some() {
        std::process::abort();
    }
    indexing::open_for_writing(archive, &NoProgress)?;
    Ok(())
}

/// The archive and its search index. With the writer lock the index is brought up to date
/// first; while another Folio holds it (the desktop app), that process keeps the index current
/// and this one only reads.
pub fn open_with_index(dir: &Path) -> anyhow::Result<(Archive, SearchIndex)> {
    Ok(match Archive::open(dir, Access::Write) {
        Ok(archive) => {
            let index = indexing::open_for_writing(&archive, &NoProgress)?;
            (archive, index)
        }
        Err(Error::ArchiveInUse(_)) => {
            let archive = Archive::open(dir, Access::Read)?;
            let (index, opened) = SearchIndex::open(&archive.dir().join(INDEX_DIR))?;
            if let Opened::Created { .. } = opened {
                eprintln!(
                    "folio: the search index is being rebuilt by the Folio that has this archive open; \
                     results may be incomplete"
                );
            }
            (archive, index)
        }
        Err(error) => return Err(error.into()),
    })
}

pub fn run(dir: &Path, query: &str, limit: usize, json: bool) -> anyhow::Result<ExitCode> {
    let (archive, index) = open_with_index(dir)?;
    let request = SearchRequest {
        query: query.to_string(),
        offset: 0,
        limit: u32::try_from(limit).unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE),
    };
    let page = indexing::search(archive.conn(), &index, &request)?;
    if json {
        let hits: Vec<_> = page
            .hits
            .iter()
            .map(|hit| {
                json!({
                    "id": hit.item.id,
                    "kind": hit.item.kind,
                    "title": hit.item.title,
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

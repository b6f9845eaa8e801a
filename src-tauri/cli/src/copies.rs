//! `folio copy`: copies of items in a folder, for taking them out of the archive — photos with
//! their current captions written into the file, articles as their original files. Prints each
//! file written, or the report as JSON; an item that cannot be copied is reported in words and
//! the exit code says some failed.

use std::path::Path;
use std::process::ExitCode;

use folio_core::export::copies::CopyReport;
use folio_core::handle::ReadHandle;

use crate::{EXIT_SOME_FAILED, output};

pub fn run(dir: &Path, ids: &[i64], to: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let reader = ReadHandle::open(dir)?;
    crate::originals::fetch_from_team(&reader)?;
    let report = reader.copy_items(ids, to)?;
    if json {
        output::json(&report)?;
    } else {
        print_text(&report);
    }
    Ok(if report.failed > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(report: &CopyReport) {
    for copy in &report.copies {
        match (&copy.path, &copy.error) {
            (Some(path), _) => {
                let with = if copy.metadata.is_empty() {
                    String::new()
                } else {
                    format!("  (captions in {})", copy.metadata.join(", "))
                };
                println!("{path}{with}");
                if let Some(note) = &copy.note {
                    eprintln!("folio: item {}: {note}", copy.id);
                }
            }
            (None, Some(error)) => eprintln!("folio: item {} not copied: {error}", copy.id),
            (None, None) => {}
        }
    }
}

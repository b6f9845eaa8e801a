//! `folio verify` and `folio backup`: checking every original, and copying the archive.

use std::path::Path;
use std::process::ExitCode;

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::progress::{CancelToken, NoProgress};

use crate::output;

/// Exit 0 when every original is present and intact, 1 when something was found.
pub fn verify(dir: &Path, repair: bool, json: bool) -> anyhow::Result<ExitCode> {
    let cancel = CancelToken::new();
    let report = if repair {
        WriteHandle::open(dir)?.repair(&NoProgress, &cancel)?.value
    } else {
        // Reading only: runs beside an open app or a running import.
        ReadHandle::open(dir)?.verify(&NoProgress, &cancel)?
    };
    if json {
        output::json(&report)?;
    } else {
        println!("Database: {}", report.database);
        println!("Checked {} originals: {} intact", report.checked, report.ok);
        if report.remote > 0 {
            println!(
                "{} more are in the team's store, fetched when needed (folio verify --team checks them there)",
                report.remote
            );
        }
        for missing in &report.missing {
            println!("missing  {}  (items {:?})", missing.path, missing.item_ids);
        }
        for corrupt in &report.corrupt {
            println!("corrupt  {}  (found {})", corrupt.path, corrupt.actual);
        }
        for orphan in &report.orphans {
            let done = if report.repaired { "  removed" } else { "" };
            println!("orphan   {}{done}", orphan.path);
        }
        if report.fingerprinted > 0 {
            println!(
                "Fingerprinted {} items for finding near-duplicates",
                report.fingerprinted
            );
        }
        if report.repaired && !report.missing.is_empty() {
            println!(
                "Items whose original is missing are marked; restore the files from a backup."
            );
        }
    }
    let clean = report.database == "ok"
        && report.missing.is_empty()
        && report.corrupt.is_empty()
        && (report.orphans.is_empty() || report.repaired);
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

pub fn backup(dir: &Path, destination: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let reader = ReadHandle::open(dir)?;
    crate::originals::fetch_from_team(&reader)?;
    let report = reader.backup(destination, &NoProgress)?;
    if json {
        output::json(&report)?;
    } else {
        println!(
            "Backed up {} items and {} originals ({}) to {}",
            report.items,
            report.objects,
            output::human_bytes(report.bytes),
            report.destination
        );
    }
    Ok(ExitCode::SUCCESS)
}

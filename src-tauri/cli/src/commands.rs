//! One function per CLI command: open the archive, call the core, print the result.

use std::path::Path;
use std::process::ExitCode;

use folio_core::{Access, Archive};

use crate::output::{self, human_bytes};

pub fn init(dir: &Path) -> anyhow::Result<ExitCode> {
    let archive = Archive::init(dir)?;
    println!("Folio archive ready at {}", archive.dir().display());
    Ok(ExitCode::SUCCESS)
}

pub fn stats(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(dir, Access::Read)?;
    let stats = folio_core::stats::stats(&archive)?;
    if json {
        output::json(&stats)?;
    } else {
        println!("Archive      {}", stats.archive_path);
        println!(
            "Items        {} ({} articles, {} photos)",
            stats.items, stats.articles, stats.photos
        );
        println!("In trash     {}", stats.in_trash);
        println!("Tags         {}", stats.tags);
        println!("Collections  {}", stats.collections);
        println!(
            "Originals    {} files, {}",
            stats.objects,
            human_bytes(stats.objects_bytes)
        );
        println!("Database     {}", human_bytes(stats.database_bytes));
        println!("Thumbnails   {}", human_bytes(stats.derived_bytes));
        println!("Search index {}", human_bytes(stats.index_bytes));
    }
    Ok(ExitCode::SUCCESS)
}

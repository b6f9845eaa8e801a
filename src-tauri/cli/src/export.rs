//! `folio export`: resolves what to export (ids or a collection, in order), runs the core's
//! export with a progress bar on a terminal, then prints where the file went, or the report as
//! JSON.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use folio_core::export::{ExportFormat, ExportReport, ExportRequest, Paper};
use folio_core::progress::{CancelToken, NoProgress};
use folio_core::selection::ExportScope;

use crate::output::{self, Bar};

/// `folio export`'s arguments: one way of choosing the items is required.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).args(["collection", "query", "saved", "ids"])))]
pub struct Args {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The file to write (replaced only once the new one is complete).
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// The dossier's title (default: the collection's name).
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
    /// Place photos at most this many pixels on their long side in the PDF (default: 300 dpi
    /// at the size each is shown).
    #[arg(long, value_name = "PIXELS", value_parser = clap::value_parser!(u32).range(1..))]
    max_image_px: Option<u32>,
    /// Record in a bundle the full path each original was imported from (by default only its
    /// file name, since folder names can say whose computer it was).
    #[arg(long)]
    with_source_paths: bool,
    /// Place photos in the PDF at their original size (JPEGs byte for byte): larger files.
    #[arg(long, conflicts_with = "max_image_px")]
    original_images: bool,
    /// Export this collection, in its order.
    #[arg(long, value_name = "NAME")]
    collection: Option<String>,
    /// Export what this search finds, oldest first.
    #[arg(long, value_name = "Q")]
    query: Option<String>,
    /// Export what this saved search finds, oldest first.
    #[arg(long, value_name = "NAME")]
    saved: Option<String>,
    /// Print the report as JSON (and no progress bar).
    #[arg(long)]
    json: bool,
    /// Item ids, in the order to export them.
    #[arg(value_name = "ID")]
    ids: Vec<i64>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Zip,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let archive = crate::search::open_with_index(dir)?;
    crate::originals::fetch_from_team(&archive)?;
    let scope = if let Some(name) = &args.collection {
        ExportScope::Collection {
            id: archive.find_collection(name)?,
        }
    } else if let Some(name) = &args.saved {
        let saved = archive.find_saved_search(name)?;
        ExportScope::Query { query: saved.query }
    } else if let Some(query) = &args.query {
        ExportScope::Query {
            query: query.clone(),
        }
    } else {
        ExportScope::Items {
            ids: args.ids.clone(),
        }
    };
    let item_ids = archive.resolve(&scope)?;
    crate::search::warn_if_incomplete(&archive);
    let title = args
        .title
        .clone()
        .or_else(|| args.collection.clone())
        .or_else(|| args.saved.clone())
        .unwrap_or_else(|| "Folio dossier".into());
    let collections = archive.collections_of(&item_ids)?;
    let request = ExportRequest {
        item_ids,
        title,
        format: match args.format {
            FormatArg::Pdf => ExportFormat::Pdf,
            FormatArg::Zip => ExportFormat::Zip,
        },
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        // No photo is larger than this, so every one keeps its original size.
        max_image_px: if args.original_images {
            Some(u32::MAX)
        } else {
            args.max_image_px
        },
        collections,
        with_source_paths: args.with_source_paths,
        // `--output FILE` replaces FILE, as `cp` and `tar -f` do.
        replace_existing: true,
    };
    let cancel = CancelToken::new();
    let report = if !args.json && std::io::stderr().is_terminal() {
        let bar = Bar::new(Bar::ITEMS);
        let report = archive.export(&request, &args.output, &bar, &cancel);
        bar.finish();
        report?
    } else {
        archive.export(&request, &args.output, &NoProgress, &cancel)?
    };
    if args.json {
        output::json(&report)?;
    } else {
        print_text(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(report: &ExportReport) {
    println!(
        "exported {} items to {} ({})",
        report.items,
        report.output,
        output::human_bytes(report.bytes)
    );
}

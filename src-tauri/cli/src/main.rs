//! `folio`: the command line over folio-core, for automation, scripts and tests (DESIGN §8).

mod commands;
mod export;
mod import;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Folio keeps articles, photos and their captions in an archive folder.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, propagate_version = true)]
struct Cli {
    /// The archive folder (default: FOLIO_ARCHIVE, then the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    archive: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create an archive (or check an existing one) at the archive location.
    Init,
    /// Import files, folders, saved web pages and ZIP bundles.
    Import {
        /// Print the report as JSON (and no progress bar).
        #[arg(long)]
        json: bool,
        /// Give everything imported this tag (repeatable; `Parent/Child` for hierarchy).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Add everything imported to this collection (created if needed).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Files and folders to import.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List items in the library, newest first.
    List {
        #[arg(long)]
        json: bool,
        /// Only articles or only photos.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Everything Folio knows about one item.
    Show {
        #[arg(long)]
        json: bool,
        /// The item's id (as `list` and `import` print it).
        id: i64,
    },
    /// Export items as a PDF dossier or a ZIP bundle (BagIt), in the order given.
    Export(export::Args),
    /// Item counts and the size of each part of the archive.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Article,
    Photo,
}

/// Exit codes of DESIGN §8: 0 success, 1 some files failed, 2 usage or archive errors.
pub const EXIT_SOME_FAILED: u8 = 1;
pub const EXIT_ARCHIVE_ERROR: u8 = 2;

fn main() -> ExitCode {
    init_tracing();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_ARCHIVE_ERROR)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let archive_dir = match folio_core::location::resolve_archive_dir(cli.archive) {
        Ok(dir) => dir,
        Err(error) => return output::fail(&error),
    };
    let result = match cli.command {
        Command::Init => commands::init(&archive_dir),
        Command::Stats { json } => commands::stats(&archive_dir, json),
        Command::Import {
            json,
            tags,
            collection,
            paths,
        } => import::run(&archive_dir, &paths, tags, collection, json),
        Command::List { json, kind, limit } => commands::list(&archive_dir, kind, limit, json),
        Command::Show { json, id } => commands::show(&archive_dir, id, json),
        Command::Export(args) => export::run(&archive_dir, args),
    };
    match result {
        Ok(code) => code,
        Err(error) => output::fail(&error),
    }
}

/// Logs go to stderr, quiet unless `FOLIO_LOG` asks (e.g. `FOLIO_LOG=debug`).
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FOLIO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

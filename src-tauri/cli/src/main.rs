//! `folio`: the command line over folio-core, for automation, scripts and tests (DESIGN §8).

mod commands;
mod copies;
mod export;
mod facets;
mod fixity;
mod import;
mod ocr;
mod organise;
mod originals;
mod output;
mod search;
mod similar;
mod team;
mod templates;
mod watch;

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
    /// Import files, folders, saved web pages, ZIP bundles and web pages by their address.
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
        /// Apply this ingest template (see `folio template`).
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Files and folders to import, and http(s) addresses of pages (or files) to fetch.
        #[arg(required = true, value_name = "PATH|URL")]
        paths: Vec<PathBuf>,
    },
    /// Watch folders and import each file once it has settled, until Ctrl+C or SIGTERM. Files
    /// stay where they are; each is imported once (also across restarts).
    Watch {
        /// Print each arrival's report as one line of JSON.
        #[arg(long)]
        json: bool,
        /// Give everything imported this tag (repeatable; `Parent/Child` for hierarchy).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Add everything imported to this collection (created if needed).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Also tag a file with its subfolders below the watched folder (`Sport/Football`).
        #[arg(long)]
        subfolder_tags: bool,
        /// Apply this ingest template (see `folio template`).
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// The folders to watch.
        #[arg(required = true, value_name = "DIR")]
        folders: Vec<PathBuf>,
    },
    /// List items in the library, newest import first.
    List {
        #[arg(long)]
        json: bool,
        /// Only articles or only photos.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// Only items with this tag or a tag below it.
        #[arg(long, value_name = "TAG", conflicts_with_all = ["kind", "collection", "untagged", "trash"])]
        tag: Option<String>,
        /// A collection's items, in its order.
        #[arg(long, value_name = "NAME", conflicts_with_all = ["kind", "untagged", "trash"])]
        collection: Option<String>,
        /// Only items without tags.
        #[arg(long, conflicts_with_all = ["kind", "trash"])]
        untagged: bool,
        /// The items in the trash.
        #[arg(long, conflicts_with = "kind")]
        trash: bool,
        /// Sort by this column instead.
        #[arg(long, value_enum)]
        sort: Option<Sort>,
        /// Reverse the order.
        #[arg(long)]
        desc: bool,
    },
    /// Everything Folio knows about one item.
    Show {
        #[arg(long)]
        json: bool,
        /// The item's id (as `list` and `import` print it).
        id: i64,
    },
    /// Search the archive: words, "phrases", -exclude, OR, and tag:, kind:, lang:, credit:,
    /// byline:, in:"collection", date:2018-11, before:, after:, rating:>=4, label:red.
    Search {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// The query; several words are joined with spaces.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
    },
    /// Count what a query finds (or the whole library) by kind, language, year, credit, byline
    /// and tag, each value with the term that filters by it, and by month.
    Facets {
        #[arg(long)]
        json: bool,
        /// How many values of each facet to list (default 10).
        #[arg(long, value_name = "N")]
        top: Option<u32>,
        /// Count within this collection.
        #[arg(long, value_name = "NAME", conflicts_with = "tag")]
        collection: Option<String>,
        /// Count within this tag (and the tags below it).
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// The query (optional); several words are joined with spaces.
        #[arg(value_name = "QUERY")]
        query: Vec<String>,
    },
    /// Add and remove tags on items.
    Tag {
        #[arg(long)]
        json: bool,
        /// Add this tag (repeatable; `Parent/Child` for hierarchy).
        #[arg(long = "add", value_name = "TAG")]
        add: Vec<String>,
        /// Remove this tag (repeatable).
        #[arg(long = "remove", value_name = "TAG")]
        remove: Vec<String>,
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Give items 0 to 5 stars (0 takes the rating away).
    Rate {
        #[arg(long)]
        json: bool,
        /// Stars, 0 to 5.
        #[arg(value_name = "STARS")]
        rating: i64,
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Give items a colour label: red, yellow, green, blue, purple, or none to take it away.
    Label {
        #[arg(long)]
        json: bool,
        #[arg(value_name = "COLOUR")]
        label: String,
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// List tags with their item counts, or rename (and merge) one.
    Tags {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: Option<organise::TagsAction>,
    },
    /// Create, fill, order, rename, delete, list and show collections.
    Collection {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: organise::CollectionAction,
    },
    /// Save, list and delete ingest templates: caption, credit, byline, copyright, keywords
    /// and tags an import gives what it brings in.
    Template {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: templates::TemplateAction,
    },
    /// Save, list and delete saved searches.
    Saved {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: organise::SavedAction,
    },
    /// Correct one field of an item: title, date, caption, credit, byline or notes.
    Edit {
        id: i64,
        #[arg(value_parser = ["title", "date", "caption", "credit", "byline", "notes"])]
        field: String,
        value: String,
    },
    /// Show a photo in an article's figure (figure ids are in `show`).
    Link { figure: i64, photo: i64 },
    /// Take the photo out of an article's figure.
    Unlink { figure: i64 },
    /// Undo the last edit, tag change, link or move to the trash.
    Undo {
        #[arg(long)]
        json: bool,
    },
    /// Every recorded change of one item.
    History {
        #[arg(long)]
        json: bool,
        id: i64,
    },
    /// Move items to the trash.
    Delete {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Bring items back from the trash.
    Restore {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Remove everything in the trash for good, with originals no other item uses.
    EmptyTrash {
        #[arg(long)]
        json: bool,
    },
    /// Read what the import queued for OCR (scanned PDFs; photos if turned on) to the end, with
    /// progress; Ctrl+C stops between pages and leaves the rest queued.
    Ocr {
        #[arg(long)]
        json: bool,
        /// Turn reading imported photos with OCR on or off for this archive (off at first),
        /// instead of reading the queue.
        #[arg(long, value_name = "on|off")]
        photos: Option<ocr::Switch>,
        /// Pages read at once (default: all cores but one, at least two).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
    },
    /// Check every original against its SHA-256; report missing, corrupt and orphaned files.
    Verify {
        #[arg(long)]
        json: bool,
        /// Also remove orphaned files and mark items whose original is missing.
        #[arg(long, conflicts_with = "team")]
        repair: bool,
        /// Check the team's store instead: every original and photo thumbnail the items name
        /// is there, with the right size.
        #[arg(long)]
        team: bool,
        /// With --team: also download every original and check its SHA-256 (reads the whole
        /// store).
        #[arg(long, requires = "team")]
        deep: bool,
    },
    /// Copy the archive, consistently, to a new folder (works while Folio is open).
    Backup {
        #[arg(long)]
        json: bool,
        /// The folder to create; it must not exist or be empty.
        destination: PathBuf,
    },
    /// Photos and articles alike one item: copies of the same photo, the same text in another
    /// file.
    Similar {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        thresholds: similar::ThresholdArgs,
        id: i64,
    },
    /// Groups of near-duplicate photos and articles; `duplicates merge` merges one group.
    Duplicates {
        #[arg(long, global = true)]
        json: bool,
        #[command(flatten)]
        thresholds: similar::ThresholdArgs,
        #[command(subcommand)]
        action: Option<similar::DuplicatesAction>,
    },
    /// Save copies of items in a folder: photos with their current title, caption, credit,
    /// byline, copyright, keywords and date written into the file (XMP, IPTC, EXIF), articles
    /// as their original files. The originals in the archive are not changed; a name already
    /// taken in the folder gets a number (`photo (2).jpg`), nothing is overwritten.
    Copy {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// The folder to write the copies in (created if missing).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// The items to copy.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
    },
    /// Export items as a PDF dossier or a ZIP bundle (BagIt), in the order given.
    Export(export::Args),
    /// Item counts and the size of each part of the archive.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Share the archive with a team through PostgreSQL and a shared folder or S3 storage.
    Team {
        #[command(subcommand)]
        action: team::TeamAction,
    },
    /// Send what waits for the team, then receive and apply what the others did.
    Sync {
        #[arg(long)]
        json: bool,
        /// Keep running: sync again whenever another member sends (and every --poll seconds).
        #[arg(long)]
        watch: bool,
        /// With --watch: seconds between rounds when nothing wakes it.
        #[arg(long, default_value_t = 30, requires = "watch")]
        poll: u64,
    },
    /// Where the archive is, why, and whether that place is safe (local disk, space, not synced).
    Location {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Sort {
    Title,
    Date,
    Kind,
    Language,
    Credit,
    Imported,
    /// Stars, the highest first.
    Rating,
    /// When the item was moved to the Trash.
    Deleted,
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
    let chosen_by = folio_core::location::chosen_by(cli.archive.is_some());
    let archive_dir = match folio_core::location::resolve_archive_dir(cli.archive) {
        Ok(dir) => dir,
        Err(error) => return output::fail(&error),
    };
    let result = match cli.command {
        Command::Init => commands::init(&archive_dir),
        Command::Stats { json } => commands::stats(&archive_dir, json),
        Command::Location { json } => commands::location(&archive_dir, chosen_by, json),
        Command::Import {
            json,
            tags,
            collection,
            template,
            paths,
        } => import::run(&archive_dir, &paths, tags, collection, template, json),
        Command::Watch {
            json,
            tags,
            collection,
            subfolder_tags,
            template,
            folders,
        } => watch::run(
            &archive_dir,
            &folders,
            tags,
            collection,
            subfolder_tags,
            template,
            json,
        ),
        Command::List {
            json,
            kind,
            limit,
            tag,
            collection,
            untagged,
            trash,
            sort,
            desc,
        } => {
            let scope = commands::ListScope {
                kind,
                tag,
                collection,
                untagged,
                trash,
            };
            commands::list(&archive_dir, scope, sort, desc, limit, json)
        }
        Command::Show { json, id } => commands::show(&archive_dir, id, json),
        Command::Search { json, limit, query } => {
            search::run(&archive_dir, &query.join(" "), limit, json)
        }
        Command::Facets {
            json,
            top,
            collection,
            tag,
            query,
        } => facets::run(
            &archive_dir,
            &query.join(" "),
            facets::View { collection, tag },
            top,
            json,
        ),
        Command::Tag {
            json,
            add,
            remove,
            ids,
        } => organise::tag(&archive_dir, ids, add, remove, json),
        Command::Rate { json, rating, ids } => organise::rate(&archive_dir, ids, rating, json),
        Command::Label { json, label, ids } => organise::label(&archive_dir, ids, &label, json),
        Command::Tags { json, action } => organise::tags(&archive_dir, action, json),
        Command::Collection { json, action } => organise::collection(&archive_dir, action, json),
        Command::Saved { json, action } => organise::saved(&archive_dir, action, json),
        Command::Template { json, action } => templates::run(&archive_dir, action, json),
        Command::Edit { id, field, value } => organise::edit(&archive_dir, id, &field, value),
        Command::Link { figure, photo } => organise::link(&archive_dir, figure, Some(photo)),
        Command::Unlink { figure } => organise::link(&archive_dir, figure, None),
        Command::Undo { json } => organise::undo(&archive_dir, json),
        Command::History { json, id } => organise::history(&archive_dir, id, json),
        Command::Delete { ids } => organise::delete(&archive_dir, &ids),
        Command::Restore { ids } => organise::restore(&archive_dir, &ids),
        Command::EmptyTrash { json } => organise::empty_trash(&archive_dir, json),
        Command::Ocr {
            json,
            photos,
            threads,
        } => ocr::run(&archive_dir, photos, threads, json),
        Command::Verify {
            json,
            team: true,
            deep,
            ..
        } => originals::verify(&archive_dir, deep, json),
        Command::Verify { json, repair, .. } => fixity::verify(&archive_dir, repair, json),
        Command::Backup { json, destination } => fixity::backup(&archive_dir, &destination, json),
        Command::Similar {
            json,
            thresholds,
            id,
        } => similar::similar(&archive_dir, id, &thresholds, json),
        Command::Duplicates {
            json,
            thresholds,
            action,
        } => similar::duplicates(&archive_dir, action, &thresholds, json),
        Command::Copy { json, to, ids } => copies::run(&archive_dir, &ids, &to, json),
        Command::Export(args) => export::run(&archive_dir, args),
        Command::Team { action } => team::team(&archive_dir, action),
        Command::Sync {
            json, watch: false, ..
        } => team::sync_once(&archive_dir, json),
        Command::Sync { json, poll, .. } => team::sync_watching(&archive_dir, json, poll),
    };
    match result {
        Ok(code) => code,
        Err(error) => output::fail(&error),
    }
}

/// Logs go to stderr, quiet unless `FOLIO_LOG` asks: `FOLIO_LOG=debug` shows every archive
/// operation as it ends, with its duration.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FOLIO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .init();
}

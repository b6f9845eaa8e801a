//! The organising commands: tags, collections, saved searches, edits, figure links, undo,
//! history and the trash. Each opens the archive for writing and makes one change through the
//! core's write handle, which journals it and brings the search index up to date.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::library::editing::{EditField, EditRequest};
use folio_core::library::ratings::{Label, LabelRequest, RateRequest, check_rating};
use folio_core::library::tagging::TagRequest;
use serde_json::json;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum TagsAction {
    /// Rename a tag and the tags below it; renaming onto an existing tag merges the two.
    Rename { from: String, to: String },
}

#[derive(Debug, Subcommand)]
pub enum CollectionAction {
    /// Create an empty collection.
    Create { name: String },
    /// Append items to a collection, in the order given.
    Add {
        name: String,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Take items out of a collection (they stay in the library).
    Remove {
        name: String,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Put a collection's items in a new order: list every item once.
    Order {
        name: String,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Rename a collection.
    Rename { name: String, new_name: String },
    /// Delete a collection (its items stay in the library).
    Delete { name: String },
    /// Every collection with its item count.
    List,
    /// A collection's items in order.
    Show { name: String },
}

#[derive(Debug, Subcommand)]
pub enum SavedAction {
    /// Save a query under a name (replacing the query of a search with that name).
    Save { name: String, query: String },
    /// Every saved search.
    List,
    /// Delete a saved search.
    Delete { name: String },
}

fn open_writer(dir: &Path) -> anyhow::Result<WriteHandle> {
    Ok(WriteHandle::open(dir)?)
}

fn open_reader(dir: &Path) -> anyhow::Result<ReadHandle> {
    Ok(ReadHandle::open(dir)?)
}

pub fn rate(dir: &Path, ids: Vec<i64>, rating: i64, json: bool) -> anyhow::Result<ExitCode> {
    let rating = check_rating(rating)?;
    let mut archive = open_writer(dir)?;
    archive.rate_items(&RateRequest {
        ids: ids.clone(),
        rating,
    })?;
    print_marks(&archive, &ids, json)
}

pub fn label(dir: &Path, ids: Vec<i64>, label: &str, json: bool) -> anyhow::Result<ExitCode> {
    let label = Label::parse_choice(label)?;
    let mut archive = open_writer(dir)?;
    archive.label_items(&LabelRequest {
        ids: ids.clone(),
        label,
    })?;
    print_marks(&archive, &ids, json)
}

/// The items' ratings and labels as they are now.
fn print_marks(archive: &WriteHandle, ids: &[i64], json: bool) -> anyhow::Result<ExitCode> {
    let items = archive.summaries(ids)?;
    if json {
        let rows: Vec<_> = items
            .iter()
            .map(|i| json!({"id": i.id, "rating": i.rating, "label": i.label}))
            .collect();
        output::json(&rows)?;
    } else {
        for item in items {
            let label = item.label.map(|l| l.as_str()).unwrap_or("");
            println!(
                "{:>6}  {:<5}  {label:<6}  {}",
                item.id,
                crate::commands::stars(item.rating),
                item.title
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tag(
    dir: &Path,
    ids: Vec<i64>,
    add: Vec<String>,
    remove: Vec<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if add.is_empty() && remove.is_empty() {
        anyhow::bail!("say what to change with --add TAG or --remove TAG");
    }
    let mut archive = open_writer(dir)?;
    let request = TagRequest {
        ids: ids.clone(),
        add,
        remove,
    };
    archive.tag_items(&request)?;
    let items = archive.summaries(&ids)?;
    if json {
        let rows: Vec<_> = items
            .iter()
            .map(|i| json!({"id": i.id, "tags": i.tags}))
            .collect();
        output::json(&rows)?;
    } else {
        for item in items {
            println!("{:>6}  {}", item.id, item.tags.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tags(dir: &Path, action: Option<TagsAction>, json: bool) -> anyhow::Result<ExitCode> {
    if let Some(TagsAction::Rename { from, to }) = action {
        let mut archive = open_writer(dir)?;
        archive.rename_tag(&from, &to)?;
        println!("Renamed tag {from:?} to {to:?}");
        return Ok(ExitCode::SUCCESS);
    }
    let tags = open_reader(dir)?.tags()?;
    if json {
        output::json(&tags)?;
    } else {
        for tag in tags {
            println!("{:>6}  {}", tag.count, tag.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn collection(dir: &Path, action: CollectionAction, json: bool) -> anyhow::Result<ExitCode> {
    match action {
        CollectionAction::List => {
            let all = open_reader(dir)?.collections()?;
            if json {
                output::json(&all)?;
            } else {
                for c in all {
                    println!("{:>6}  {}", c.count, c.name);
                }
            }
        }
        CollectionAction::Show { name } => {
            let archive = open_reader(dir)?;
            let id = archive.find_collection(&name)?;
            let items = archive.summaries(&archive.collection_members(id)?)?;
            crate::commands::print_items(&items, json)?;
        }
        CollectionAction::Create { name } => {
            let created = open_writer(dir)?.create_collection(&name)?.value;
            if json {
                output::json(&created)?;
            } else {
                println!("Created collection {:?}", created.name);
            }
        }
        CollectionAction::Add { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = archive.find_collection(&name)?;
            archive.add_to_collection(id, &ids)?;
            println!("Added {} item(s) to {name:?}", ids.len());
        }
        CollectionAction::Remove { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = archive.find_collection(&name)?;
            archive.remove_from_collection(id, &ids)?;
            println!("Removed {} item(s) from {name:?}", ids.len());
        }
        CollectionAction::Order { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = archive.find_collection(&name)?;
            archive.reorder_collection(id, &ids)?;
            println!("Reordered {name:?}");
        }
        CollectionAction::Rename { name, new_name } => {
            let mut archive = open_writer(dir)?;
            let id = archive.find_collection(&name)?;
            archive.rename_collection(id, &new_name)?;
            println!("Renamed collection {name:?} to {new_name:?}");
        }
        CollectionAction::Delete { name } => {
            let mut archive = open_writer(dir)?;
            let id = archive.find_collection(&name)?;
            archive.delete_collection(id)?;
            println!("Deleted collection {name:?}; its items stay in the library");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn saved(dir: &Path, action: SavedAction, json: bool) -> anyhow::Result<ExitCode> {
    match action {
        SavedAction::Save { name, query } => {
            let saved = open_writer(dir)?.save_search(&name, &query)?.value;
            if json {
                output::json(&saved)?;
            } else {
                println!("Saved search {:?}: {}", saved.name, saved.query);
            }
        }
        SavedAction::List => {
            let all = open_reader(dir)?.saved_searches()?;
            if json {
                output::json(&all)?;
            } else {
                for s in all {
                    println!("{}  →  {}", s.name, s.query);
                }
            }
        }
        SavedAction::Delete { name } => {
            let mut archive = open_writer(dir)?;
            let saved = archive.find_saved_search(&name)?;
            archive.delete_saved_search(saved.id)?;
            println!("Deleted saved search {:?}", saved.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn edit(dir: &Path, id: i64, field: &str, value: String) -> anyhow::Result<ExitCode> {
    let field = EditField::parse(field)?;
    let mut archive = open_writer(dir)?;
    archive.update_item(&EditRequest { id, field, value })?;
    println!("Updated item {id}");
    Ok(ExitCode::SUCCESS)
}

pub fn link(dir: &Path, figure: i64, photo: Option<i64>) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    archive.link_figure(figure, photo)?;
    match photo {
        Some(photo) => println!("Figure {figure} now shows photo {photo}"),
        None => println!("Figure {figure} no longer shows a photo"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn undo(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    let undone = archive.undo()?.value;
    if json {
        output::json(&undone)?;
    } else {
        match undone {
            Some(undone) => println!("Undid the {}", undone.description),
            None => println!("Nothing to undo"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn history(dir: &Path, id: i64, json: bool) -> anyhow::Result<ExitCode> {
    let entries = open_reader(dir)?.history(id)?;
    if json {
        output::json(&entries)?;
    } else {
        for e in entries {
            let undone = if e.undone { "  (undone)" } else { "" };
            let by = if e.author.is_empty() {
                String::new()
            } else {
                format!("  {}", e.author)
            };
            let by = match &e.pushed_by {
                Some(role) => format!("{by} (sent to the team as {role})"),
                None => by,
            };
            println!(
                "{}{by}  {}: {:?} → {:?}{undone}",
                e.changed_at,
                e.field,
                e.old_value.unwrap_or_default(),
                e.new_value.unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn delete(dir: &Path, ids: &[i64]) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    archive.trash(ids)?;
    println!("Moved {} item(s) to the trash", ids.len());
    Ok(ExitCode::SUCCESS)
}

pub fn restore(dir: &Path, ids: &[i64]) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    archive.restore(ids)?;
    println!("Restored {} item(s) from the trash", ids.len());
    Ok(ExitCode::SUCCESS)
}

pub fn empty_trash(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    let removed = archive.empty_trash()?.value;
    if json {
        output::json(&json!({ "removed": removed }))?;
    } else {
        println!("Removed {removed} item(s) for good");
    }
    Ok(ExitCode::SUCCESS)
}

//! The organising commands: tags, collections, saved searches, edits, figure links, undo,
//! history and the trash. Each opens the archive for writing, makes one change through the core
//! and brings the search index up to date before it exits.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use folio_core::library::editing::{self, EditField, EditRequest};
use folio_core::library::tagging::{self, TagRequest};
use folio_core::library::{collections, history, listing, saved_searches, trash};
use folio_core::{Access, Archive};
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

fn open_writer(dir: &Path) -> anyhow::Result<Archive> {
    Ok(Archive::open(dir, Access::Write)?)
}

/// Brings the search index up to date with the change just committed.
fn finish(archive: &mut Archive) -> anyhow::Result<()> {
    crate::search::sync_index(archive)
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
    tagging::tag_items(archive.conn_mut(), &request)?;
    finish(&mut archive)?;
    let items = listing::summaries(archive.conn(), &ids)?;
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
        tagging::rename_tag(archive.conn_mut(), &from, &to)?;
        finish(&mut archive)?;
        println!("Renamed tag {from:?} to {to:?}");
        return Ok(ExitCode::SUCCESS);
    }
    let archive = Archive::open(dir, Access::Read)?;
    let tags = tagging::list_tags(archive.conn())?;
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
            let archive = Archive::open(dir, Access::Read)?;
            let all = collections::list(archive.conn())?;
            if json {
                output::json(&all)?;
            } else {
                for c in all {
                    println!("{:>6}  {}", c.count, c.name);
                }
            }
        }
        CollectionAction::Show { name } => {
            let archive = Archive::open(dir, Access::Read)?;
            let id = collections::find(archive.conn(), &name)?;
            let items =
                listing::summaries(archive.conn(), &collections::members(archive.conn(), id)?)?;
            crate::commands::print_items(&items, json)?;
        }
        CollectionAction::Create { name } => {
            let archive = open_writer(dir)?;
            let created = collections::create(archive.conn(), &name)?;
            if json {
                output::json(&created)?;
            } else {
                println!("Created collection {:?}", created.name);
            }
        }
        CollectionAction::Add { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = collections::find(archive.conn(), &name)?;
            collections::add(archive.conn_mut(), id, &ids)?;
            finish(&mut archive)?;
            println!("Added {} item(s) to {name:?}", ids.len());
        }
        CollectionAction::Remove { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = collections::find(archive.conn(), &name)?;
            collections::remove(archive.conn_mut(), id, &ids)?;
            finish(&mut archive)?;
            println!("Removed {} item(s) from {name:?}", ids.len());
        }
        CollectionAction::Order { name, ids } => {
            let mut archive = open_writer(dir)?;
            let id = collections::find(archive.conn(), &name)?;
            collections::reorder(archive.conn_mut(), id, &ids)?;
            println!("Reordered {name:?}");
        }
        CollectionAction::Rename { name, new_name } => {
            let mut archive = open_writer(dir)?;
            let id = collections::find(archive.conn(), &name)?;
            collections::rename(archive.conn_mut(), id, &new_name)?;
            finish(&mut archive)?;
            println!("Renamed collection {name:?} to {new_name:?}");
        }
        CollectionAction::Delete { name } => {
            let mut archive = open_writer(dir)?;
            let id = collections::find(archive.conn(), &name)?;
            collections::delete(archive.conn_mut(), id)?;
            finish(&mut archive)?;
            println!("Deleted collection {name:?}; its items stay in the library");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn saved(dir: &Path, action: SavedAction, json: bool) -> anyhow::Result<ExitCode> {
    match action {
        SavedAction::Save { name, query } => {
            let archive = open_writer(dir)?;
            let saved = saved_searches::save(archive.conn(), &name, &query)?;
            if json {
                output::json(&saved)?;
            } else {
                println!("Saved search {:?}: {}", saved.name, saved.query);
            }
        }
        SavedAction::List => {
            let archive = Archive::open(dir, Access::Read)?;
            let all = saved_searches::list(archive.conn())?;
            if json {
                output::json(&all)?;
            } else {
                for s in all {
                    println!("{}  →  {}", s.name, s.query);
                }
            }
        }
        SavedAction::Delete { name } => {
            let archive = open_writer(dir)?;
            let saved = saved_searches::find(archive.conn(), &name)?;
            saved_searches::delete(archive.conn(), saved.id)?;
            println!("Deleted saved search {:?}", saved.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn edit(dir: &Path, id: i64, field: &str, value: String) -> anyhow::Result<ExitCode> {
    let field = EditField::parse(field)?;
    let mut archive = open_writer(dir)?;
    editing::update_item(archive.conn_mut(), &EditRequest { id, field, value })?;
    finish(&mut archive)?;
    println!("Updated item {id}");
    Ok(ExitCode::SUCCESS)
}

pub fn link(dir: &Path, figure: i64, photo: Option<i64>) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    editing::link_figure(archive.conn_mut(), figure, photo)?;
    finish(&mut archive)?;
    match photo {
        Some(photo) => println!("Figure {figure} now shows photo {photo}"),
        None => println!("Figure {figure} no longer shows a photo"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn undo(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    let undone = editing::undo(archive.conn_mut())?;
    finish(&mut archive)?;
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
    let archive = Archive::open(dir, Access::Read)?;
    folio_core::items::show(archive.conn(), id)?;
    let entries = history::of_item(archive.conn(), id)?;
    if json {
        output::json(&entries)?;
    } else {
        for e in entries {
            let undone = if e.undone { "  (undone)" } else { "" };
            println!(
                "{}  {}: {:?} → {:?}{undone}",
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
    trash::trash(archive.conn_mut(), ids)?;
    finish(&mut archive)?;
    println!("Moved {} item(s) to the trash", ids.len());
    Ok(ExitCode::SUCCESS)
}

pub fn restore(dir: &Path, ids: &[i64]) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    trash::restore(archive.conn_mut(), ids)?;
    finish(&mut archive)?;
    println!("Restored {} item(s) from the trash", ids.len());
    Ok(ExitCode::SUCCESS)
}

pub fn empty_trash(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut archive = open_writer(dir)?;
    let removed = trash::empty(&mut archive)?;
    finish(&mut archive)?;
    if json {
        output::json(&json!({ "removed": removed }))?;
    } else {
        println!("Removed {removed} item(s) for good");
    }
    Ok(ExitCode::SUCCESS)
}

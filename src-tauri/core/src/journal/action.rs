//! The actions of the journal: one per change a person (or an import) makes, each
//! self-contained. Items, collections and saved searches are named by uid; tags by name, which is
//! a tag's identity (compared ignoring case).

use serde::{Deserialize, Serialize};

use crate::bundle::format::BundleItem;
use crate::library::editing::EditField;

/// One change to the archive, as the journal keeps it and replay applies it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// The items one import batch committed, with what the batch also did to items already in
    /// the archive (collections they were added to, captions their figures filled).
    /// Items are in the bundle form (`path` empty): the same record a Folio bundle carries.
    Import {
        items: Vec<BundleItem>,
        #[serde(default)]
        collections: Vec<CollectionAppend>,
        #[serde(default)]
        captions: Vec<CaptionFill>,
    },
    /// A field set to a value (already cleaned; `None` clears a date).
    Edit {
        item: String,
        field: EditField,
        value: Option<String>,
    },
    /// The figure at `position` of an article linked to a photo, or unlinked.
    LinkFigure {
        article: String,
        position: i64,
        photo: Option<String>,
    },
    Tag {
        items: Vec<String>,
        add: Vec<String>,
        remove: Vec<String>,
    },
    /// Items given a number of stars (0: not rated).
    Rate {
        items: Vec<String>,
        rating: u8,
    },
    /// Items given a colour label, or none.
    Label {
        items: Vec<String>,
        label: Option<crate::library::ratings::Label>,
    },
    /// A tag (and the tags below it) renamed; onto an existing tag, a merge.
    RenameTag {
        from: String,
        to: String,
    },
    CreateCollection {
        collection: String,
        name: String,
    },
    RenameCollection {
        collection: String,
        name: String,
    },
    DeleteCollection {
        collection: String,
    },
    AddToCollection {
        collection: String,
        items: Vec<String>,
    },
    RemoveFromCollection {
        collection: String,
        items: Vec<String>,
    },
    ReorderCollection {
        collection: String,
        items: Vec<String>,
    },
    /// A query saved under a name (replacing the query of the search with that uid).
    SaveSearch {
        search: String,
        name: String,
        query: String,
    },
    DeleteSearch {
        search: String,
    },
    /// An ingest template saved under its name (replacing the template with that uid).
    SaveTemplate {
        template: String,
        body: crate::library::templates::Template,
    },
    DeleteTemplate {
        template: String,
    },
    Trash {
        items: Vec<String>,
    },
    Restore {
        items: Vec<String>,
    },
    /// The items in the trash removed for good.
    EmptyTrash {
        items: Vec<String>,
    },
    /// Near-duplicates merged into the item kept: it takes their tags, collections, figure links
    /// and fullest caption and credit; they go to the trash.
    Merge {
        keep: String,
        others: Vec<String>,
    },
    /// The text OCR read of an item's pages (an article's body becomes it; a photo's is found
    /// by `ocr:`). Derived from the original, but journaled: another archive replaying it
    /// gets the same text without reading the pixels again.
    Ocr {
        item: String,
        pages: Vec<crate::tables::ocr::OcrPage>,
    },
    /// The changes of an earlier action reverted.
    Undo {
        action: String,
    },
    /// An action recorded before the archive had a journal: its history rows remain (and can be
    /// undone), but it carries nothing to replay.
    Legacy,
}

impl Action {
    /// The `kind` the journal stores beside the payload.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Import { .. } => "import",
            Action::Edit { .. } => "edit",
            Action::LinkFigure { .. } => "link_figure",
            Action::Tag { .. } => "tag",
            Action::Rate { .. } => "rate",
            Action::Label { .. } => "label",
            Action::RenameTag { .. } => "rename_tag",
            Action::CreateCollection { .. } => "create_collection",
            Action::RenameCollection { .. } => "rename_collection",
            Action::DeleteCollection { .. } => "delete_collection",
            Action::AddToCollection { .. } => "add_to_collection",
            Action::RemoveFromCollection { .. } => "remove_from_collection",
            Action::ReorderCollection { .. } => "reorder_collection",
            Action::SaveSearch { .. } => "save_search",
            Action::DeleteSearch { .. } => "delete_search",
            Action::SaveTemplate { .. } => "save_template",
            Action::DeleteTemplate { .. } => "delete_template",
            Action::Trash { .. } => "trash",
            Action::Restore { .. } => "restore",
            Action::EmptyTrash { .. } => "empty_trash",
            Action::Merge { .. } => "merge",
            Action::Ocr { .. } => "ocr",
            Action::Undo { .. } => "undo",
            Action::Legacy => "legacy",
        }
    }
}

/// Items an import appended to a collection, created with this uid if no collection of that
/// name exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionAppend {
    pub collection: String,
    pub name: String,
    pub items: Vec<String>,
}

/// A figure's caption and credit given to the photo it shows, where the photo has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptionFill {
    pub photo: String,
    pub caption: String,
    pub credit: String,
}

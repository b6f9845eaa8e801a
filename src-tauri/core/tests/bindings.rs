//! The UI's IPC types in `ui/src/bindings/` are generated from the Rust types; this test fails
//! when they drift. Regenerate with `FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-core --test bindings`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use folio_core::changes::{Change, ChangeSet, EntityKind, Written};
use folio_core::export::copies::{CopiedItem, CopyReport};
use folio_core::export::{ExportFormat, ExportReport, Paper};
use folio_core::facets::{Facet, FacetRequest, FacetValue, Facets, MonthCount};
use folio_core::fixity::{CorruptObject, MissingObject, OrphanFile, VerifyReport};
use folio_core::import::{Duplicate, Failed, ImportReport, ImportRequest, Imported, Skipped};
use folio_core::items::{
    ArticleView, FigureView, ItemKind, ItemSummary, ItemView, OcrView, PhotoView,
};
use folio_core::library::collections::CollectionSummary;
use folio_core::library::editing::{EditField, EditRequest, Undone};
use folio_core::library::history::HistoryEntry;
use folio_core::library::listing::{ItemPage, ListRequest, Scope, SortKey};
use folio_core::library::ratings::{Label, LabelRequest, RateRequest};
use folio_core::library::saved_searches::SavedSearch;
use folio_core::library::tagging::{TagCount, TagRequest};
use folio_core::library::templates::{Template, TemplateMode};
use folio_core::ocr::OcrPage;
use folio_core::ocr::worker::{OcrReport, UnreadablePage};
use folio_core::progress::{JobKind, Progress};
use folio_core::search::{SearchHitView, SearchPage, SearchRequest};
use folio_core::selection::{ExportItemsRequest, ExportScope};
use folio_core::similar::{
    DuplicateGroup, DuplicatesReport, MergeReport, MergeRequest, SimilarItem, SimilarReport,
    Thresholds,
};
use folio_core::team_view::{SyncState, TeamView};
use folio_core::watch::{WatchFolder, WatchImport, WatchStatus};
use folio_core::{ErrorCode, Stats, WireError};
use ts_rs::{Config, TS};

fn generated() -> BTreeMap<String, String> {
    // Counts and sizes fit a JavaScript number; `bigint` would only make the UI awkward.
    let cfg = Config::new().with_large_int("number");
    let mut files = BTreeMap::new();
    let mut add = |name: String, text: Result<String, ts_rs::ExportError>| {
        files.insert(format!("{name}.ts"), text.expect("type exports"));
    };
    macro_rules! export {
        ($($ty:ty),* $(,)?) => {
            $( add(<$ty as TS>::ident(&cfg), <$ty as TS>::export_to_string(&cfg)); )*
        };
    }
    export!(
        ErrorCode,
        WireError,
        Stats,
        JobKind,
        Progress,
        EntityKind,
        Change,
        ChangeSet,
        Written<()>
    );
    export!(
        ImportRequest,
        ImportReport,
        Imported,
        Duplicate,
        Skipped,
        Failed,
        ItemKind,
        ItemSummary
    );
    export!(ItemView, ArticleView, PhotoView, FigureView);
    export!(OcrView, OcrPage, OcrReport, UnreadablePage);
    export!(Scope, SortKey, ListRequest, ItemPage);
    export!(SearchRequest, SearchPage, SearchHitView);
    export!(FacetRequest, Facets, Facet, FacetValue, MonthCount);
    export!(TagCount, TagRequest, CollectionSummary, SavedSearch);
    export!(Label, RateRequest, LabelRequest);
    export!(Template, TemplateMode);
    export!(EditField, EditRequest, Undone, HistoryEntry);
    export!(VerifyReport, MissingObject, CorruptObject, OrphanFile);
    export!(
        Thresholds,
        SimilarItem,
        SimilarReport,
        DuplicateGroup,
        DuplicatesReport,
        MergeRequest,
        MergeReport
    );
    export!(WatchFolder, WatchStatus, WatchImport);
    export!(TeamView, SyncState);
    export!(
        ExportFormat,
        Paper,
        ExportScope,
        ExportItemsRequest,
        ExportReport,
        CopyReport,
        CopiedItem
    );
    files
}

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let dir = bindings_dir();
    let expected = generated();
    if std::env::var_os("FOLIO_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ts") {
                std::fs::remove_file(path).unwrap();
            }
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut drift = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(found) if &found == text => {}
            Ok(_) => drift.push(format!("{name} differs")),
            Err(_) => drift.push(format!("{name} is missing")),
        }
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".ts") && !expected.contains_key(&name) {
            drift.push(format!("{name} is not generated from any Rust type"));
        }
    }
    assert!(
        drift.is_empty(),
        "ui/src/bindings drifted from the Rust types: {drift:?}\n\
         regenerate with: FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-core --test bindings"
    );
}

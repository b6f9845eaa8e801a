//! The desktop's command surface, declared once: every command the window may call, with the
//! types of its arguments and of its answer. Everything else follows from this list — the
//! handlers `main.rs` registers, the commands `build.rs` declares (each then needing a grant) and
//! the grants it writes to `capabilities/main.json`, and the UI's typed calls in
//! `ui/src/platform/commands.ts` (written by `FOLIO_UPDATE_BINDINGS=1 cargo test -p
//! folio-desktop surface`). Tests fail when any of them drifts from it, or when a handler in
//! `commands.rs` takes or answers something else than declared here.
//!
//! Adding a command: one line here, its handler in `commands.rs` calling one core function.

/// Calls the macro `$then` with every command: `name(argument: Type, …) -> Answer;`. Arguments
/// are those the window passes (the handler may also take the app, its state and the like).
macro_rules! command_surface {
    ($then:ident) => {
        $then! {
            archive_stats() -> Stats;
            list_items(request: ListRequest) -> ItemPage;
            search_items(request: SearchRequest) -> SearchPage;
            item_facets(request: FacetRequest) -> Facets;
            show_item(id: i64) -> ItemView;
            item_history(id: i64) -> Vec<HistoryEntry>;
            import_paths(request: ImportRequest) -> Written<ImportReport>;
            list_templates() -> Vec<Template>;
            import_links(links: Vec<String>) -> Written<ImportReport>;
            cancel_import() -> ();
            cancel_ocr() -> ();
            ocr_photos() -> bool;
            set_ocr_photos(enabled: bool) -> bool;
            list_tags() -> Vec<TagCount>;
            tag_items(request: TagRequest) -> Written<()>;
            rate_items(request: RateRequest) -> Written<()>;
            label_items(request: LabelRequest) -> Written<()>;
            rename_tag(from: String, to: String) -> Written<()>;
            list_collections() -> Vec<CollectionSummary>;
            create_collection(name: String) -> Written<CollectionSummary>;
            rename_collection(id: i64, name: String) -> Written<()>;
            delete_collection(id: i64) -> Written<()>;
            add_to_collection(id: i64, item_ids: Vec<i64>) -> Written<()>;
            remove_from_collection(id: i64, item_ids: Vec<i64>) -> Written<()>;
            reorder_collection(id: i64, item_ids: Vec<i64>) -> Written<()>;
            list_saved_searches() -> Vec<SavedSearch>;
            save_search(name: String, query: String) -> Written<SavedSearch>;
            delete_saved_search(id: i64) -> Written<()>;
            trash_items(ids: Vec<i64>) -> Written<()>;
            restore_items(ids: Vec<i64>) -> Written<()>;
            empty_trash() -> Written<usize>;
            update_item(request: EditRequest) -> Written<ItemView>;
            link_figure(figure_id: i64, photo_id: Option<i64>) -> Written<()>;
            undo() -> Written<Option<Undone>>;
            similar_items(id: i64, thresholds: Thresholds) -> SimilarReport;
            find_duplicates(thresholds: Thresholds) -> DuplicatesReport;
            merge_items(request: MergeRequest) -> Written<MergeReport>;
            verify_archive() -> VerifyReport;
            export_items(request: ExportItemsRequest) -> ExportReport;
            cancel_export() -> ();
            save_copies(ids: Vec<i64>) -> Option<CopyReport>;
            drag_copies(ids: Vec<i64>) -> ();
            reveal_path(path: String) -> ();
            take_opened_files() -> Vec<String>;
            pick_import_paths(folders: bool) -> Vec<String>;
            pick_export_path(default_name: String, format: ExportFormat) -> Option<String>;
            watch_folders() -> WatchStatus;
            set_watch_folders(folders: Vec<WatchFolder>) -> WatchStatus;
            team_status() -> Option<TeamView>;
            create_team(database: String, objects: String, name: String, password: Option<String>) -> TeamView;
            join_team(database: String, objects: Option<String>, password: Option<String>) -> Option<String>;
            leave_team() -> ();
            sync_team() -> ();
        }
    };
}

//! Generates the Tauri context and the permissions of Folio's own commands.

fn main() {
    // Declaring the app's commands makes each one need an explicit grant in capabilities/.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "archive_stats",
        "list_items",
        "search_items",
        "show_item",
        "import_paths",
        "cancel_import",
        "list_tags",
        "tag_items",
        "rename_tag",
        "list_collections",
        "create_collection",
        "rename_collection",
        "delete_collection",
        "add_to_collection",
        "remove_from_collection",
        "reorder_collection",
        "list_saved_searches",
        "save_search",
        "delete_saved_search",
        "trash_items",
        "restore_items",
        "empty_trash",
        "update_item",
        "link_figure",
        "undo",
        "verify_archive",
        "export_items",
        "cancel_export",
        "reveal_path",
        "take_opened_files",
        "pick_import_paths",
        "pick_export_path",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        println!("cargo:warning=tauri build failed: {error:#}");
        std::process::exit(1);
    }
}

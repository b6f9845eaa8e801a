//! Generates the Tauri context and the permissions of Folio's own commands.

fn main() {
    // Declaring the app's commands makes each one need an explicit grant in capabilities/.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "archive_stats",
        "list_items",
        "import_paths",
        "cancel_import",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        println!("cargo:warning=tauri build failed: {error:#}");
        std::process::exit(1);
    }
}

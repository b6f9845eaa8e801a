//! Generates the Tauri context and the permissions of Folio's own commands, from the one
//! declaration of the command surface (`src/surface.rs`): each command is declared (so it needs
//! an explicit grant) and granted to the main window in `capabilities/main.json`.

#[path = "src/surface.rs"]
#[macro_use]
mod surface;

/// The names of the surface's commands.
macro_rules! names {
    ($($name:ident($($argument:ident: $type:ty),*) -> $answer:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = command_surface!(names);

const CAPABILITY: &str = "capabilities/main.json";

fn main() {
    if let Err(error) = write_capability() {
        println!("cargo:warning=cannot write {CAPABILITY}: {error}");
        std::process::exit(1);
    }
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        println!("cargo:warning=tauri build failed: {error:#}");
        std::process::exit(1);
    }
}

/// Grants the main window the surface's commands and nothing else (no file system, no pickers
/// or event emitting of its own). Written only when it changed, so the build stays quiet.
fn write_capability() -> std::io::Result<()> {
    let mut permissions: Vec<String> = COMMANDS
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    permissions.push("core:event:allow-listen".into());
    permissions.push("core:event:allow-unlisten".into());
    let listed = permissions
        .iter()
        .map(|permission| format!("    \"{permission}\""))
        .collect::<Vec<_>>()
        .join(",\n");
    let text = format!(
        r#"{{
  "$schema": "../gen/schemas/desktop-schema.json",
  "identifier": "main",
  "description": "What the main window's UI may call: Folio's own commands and event listening. No file-system access, and no pickers of its own: the host opens them, so it knows which paths the user chose. Written by build.rs from src/surface.rs.",
  "windows": [
    "main"
  ],
  "permissions": [
{listed}
  ]
}}
"#
    );
    if std::fs::read_to_string(CAPABILITY).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(CAPABILITY, text)?;
    }
    Ok(())
}

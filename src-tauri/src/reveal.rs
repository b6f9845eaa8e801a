//! "Show in folder": opens the system's file manager at a file, with the file selected where the
//! platform can do that.

use std::io;
use std::path::Path;
use std::process::Command;

pub fn reveal(path: &Path) -> io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = Command::new("explorer");
        c.arg(format!("/select,{}", path.display()));
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg("-R").arg(path);
        c
    } else {
        // Linux file managers differ in how they select a file; opening the folder works in all.
        let mut c = Command::new("xdg-open");
        c.arg(path.parent().unwrap_or(path));
        c
    };
    command.spawn().map(drop)
}

/// Opens the system's file manager in `folder`.
pub fn open_folder(folder: &Path) -> io::Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Command::new(program).arg(folder).spawn().map(drop)
}

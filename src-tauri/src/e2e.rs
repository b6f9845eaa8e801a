//! Stand-ins for the system's file pickers, for the end-to-end tests (`tests/e2e/`) — honoured by
//! debug builds only.
//!
//! WebDriver can drive neither the native pickers nor a real file drop (and the page may not
//! emit a drop event itself: its capability grants no `emit`), yet the paths the tests import and
//! export to must be ones the user gave (`crate::trusted`). So a debug build answers its pickers
//! from the environment, when set, instead of showing them:
//!
//! - `FOLIO_E2E_PICK`: the files or folders the import picker answers (joined like `PATH`);
//! - `FOLIO_E2E_SAVE_AS`: the file the save picker answers;
//! - `FOLIO_E2E_COPY_TO`: the folder the picker of File → Save a Copy… answers;
//! - `FOLIO_E2E_TEAM_FOLDER`: the folder the Team dialog's join picker answers.
//!
//! The answers then take the same way as a person's: recorded as trusted, handed to the page.
//! Why this does not reopen the hole the trusted paths close: the threat is the web view (a script
//! injected into it), and the web view cannot set the app's environment — only whoever starts the
//! process can, and they can already read and write any file the app can. Release builds, the
//! ones shipped, do not contain this code at all (`cfg(debug_assertions)`): their pickers always
//! ask the person in front of them.

use std::path::PathBuf;

#[cfg(debug_assertions)]
pub fn picked() -> Option<Vec<PathBuf>> {
    std::env::var_os("FOLIO_E2E_PICK").map(|paths| std::env::split_paths(&paths).collect())
}

#[cfg(not(debug_assertions))]
pub fn picked() -> Option<Vec<PathBuf>> {
    None
}

#[cfg(debug_assertions)]
pub fn save_as() -> Option<PathBuf> {
    std::env::var_os("FOLIO_E2E_SAVE_AS").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
pub fn save_as() -> Option<PathBuf> {
    None
}

#[cfg(debug_assertions)]
pub fn copy_to() -> Option<PathBuf> {
    std::env::var_os("FOLIO_E2E_COPY_TO").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
pub fn copy_to() -> Option<PathBuf> {
    None
}

#[cfg(debug_assertions)]
pub fn team_folder() -> Option<PathBuf> {
    std::env::var_os("FOLIO_E2E_TEAM_FOLDER").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
pub fn team_folder() -> Option<PathBuf> {
    None
}

//! The paths the web view may act on (audit finding 11: defence in depth). The host records every
//! path it hands the window — files and folders dropped on it by the system, picked in the pickers
//! the host opens itself, opened with Folio — and `import_paths` reads nothing else. `export_items`
//! writes only to a file chosen in this run's save picker, once per choice, and replaces a file
//! already there only when it was there when the user chose it (the save picker asked them).
//!
//! Paths are compared after `canonicalize`, so `..`, symlinks and `.` cannot lead out of what was
//! given: a dropped folder covers what is really inside it, a dropped file covers only itself.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use folio_core::{Error, WireError};

#[derive(Default)]
pub struct Trusted {
    /// Canonical files and folders the user gave this run.
    imports: Mutex<Vec<PathBuf>>,
    /// Files chosen in the save picker and not yet written.
    saves: Mutex<Vec<SaveChoice>>,
}

/// A file chosen in the save picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveChoice {
    pub path: PathBuf,
    /// It existed when chosen: the save picker asked the user whether to replace it.
    pub may_replace: bool,
}

impl Trusted {
    /// Records paths handed to the window by a drop, a picker or the system; paths that cannot
    /// be resolved (gone already) are left out, so they stay refused.
    pub fn allow_imports<P: AsRef<Path>>(&self, paths: impl IntoIterator<Item = P>) {
        let canonical: Vec<PathBuf> = paths
            .into_iter()
            .filter_map(|path| path.as_ref().canonicalize().ok())
            .collect();
        if let Ok(mut imports) = self.imports.lock() {
            imports.extend(canonical);
        }
    }

    /// Refuses the whole request unless every path lies within something the user gave.
    pub fn check_imports(&self, paths: &[PathBuf]) -> Result<(), WireError> {
        let roots = self.imports.lock().map(|r| r.clone()).unwrap_or_default();
        for path in paths {
            match is_within(&roots, path) {
                Ok(true) => {}
                Ok(false) => {
                    return Err(refused(
                        path,
                        "was not dropped on Folio, picked in its file picker or opened with it",
                    ));
                }
                Err(error) => return Err(refused(path, &format!("cannot be read ({error})"))),
            }
        }
        Ok(())
    }

    /// Records the file chosen in the save picker.
    pub fn allow_save(&self, path: PathBuf) {
        let choice = SaveChoice {
            may_replace: path.exists(),
            path,
        };
        if let Ok(mut saves) = self.saves.lock() {
            saves.push(choice);
        }
    }

    /// Takes the save picker's choice of `output`: each choice allows one export.
    pub fn take_save(&self, output: &Path) -> Result<SaveChoice, WireError> {
        let mut saves = self.saves.lock().map_err(|_| {
            Error::Internal("the list of chosen files is unusable".into()).to_wire()
        })?;
        let found = saves.iter().position(|choice| choice.path == output);
        found.map(|at| saves.remove(at)).ok_or_else(|| {
            refused(
                output,
                "was not chosen in Folio's save dialog; choose where to save the export there",
            )
        })
    }
}

/// Whether `path`, resolved, is one of `roots` or inside one (both canonical).
fn is_within(roots: &[PathBuf], path: &Path) -> io::Result<bool> {
    let path = path.canonicalize()?;
    Ok(roots.iter().any(|root| path.starts_with(root)))
}

fn refused(path: &Path, why: &str) -> WireError {
    Error::InvalidInput(format!(
        "{} {why}",
        folio_core::file_names::display_path(path)
    ))
    .to_wire()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trusted folder `given/` with a file, beside an untrusted `elsewhere/`.
    fn setup() -> (tempfile::TempDir, Trusted) {
        let temp = tempfile::tempdir().unwrap();
        let given = temp.path().join("given");
        std::fs::create_dir_all(given.join("sub")).unwrap();
        std::fs::write(given.join("sub/article.txt"), "text").unwrap();
        std::fs::create_dir(temp.path().join("elsewhere")).unwrap();
        std::fs::write(temp.path().join("elsewhere/secret.txt"), "secret").unwrap();
        let trusted = Trusted::default();
        trusted.allow_imports([&given]);
        (temp, trusted)
    }

    #[test]
    fn a_path_inside_a_given_folder_is_accepted() {
        let (temp, trusted) = setup();
        let given = temp.path().join("given");
        trusted
            .check_imports(&[given.clone(), given.join("sub/article.txt")])
            .unwrap();
        // Written another way, it is still the same file.
        trusted
            .check_imports(&[given.join("sub/./../sub/article.txt")])
            .unwrap();
    }

    #[test]
    fn a_dotdot_escape_from_a_given_folder_is_refused() {
        let (temp, trusted) = setup();
        let escape = temp.path().join("given/sub/../../elsewhere/secret.txt");
        let error = trusted.check_imports(&[escape]).unwrap_err();
        assert_eq!(error.code, folio_core::ErrorCode::InvalidInput);
        assert!(
            error.message.contains("was not dropped"),
            "{}",
            error.message
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_a_given_folder_is_refused() {
        let (temp, trusted) = setup();
        let link = temp.path().join("given/link");
        std::os::unix::fs::symlink(temp.path().join("elsewhere"), &link).unwrap();
        assert!(trusted.check_imports(std::slice::from_ref(&link)).is_err());
        assert!(trusted.check_imports(&[link.join("secret.txt")]).is_err());
    }

    #[test]
    fn an_unrelated_path_is_refused_and_spoils_the_whole_request() {
        let (temp, trusted) = setup();
        let given = temp.path().join("given/sub/article.txt");
        let error = trusted
            .check_imports(&[given, temp.path().join("elsewhere")])
            .unwrap_err();
        assert!(error.message.contains("elsewhere"), "{}", error.message);
        assert!(trusted.check_imports(&[PathBuf::from("/")]).is_err());
    }

    #[test]
    fn a_given_file_covers_itself_not_its_neighbours_or_a_longer_name() {
        let (temp, _) = setup();
        let trusted = Trusted::default();
        let file = temp.path().join("given/sub/article.txt");
        trusted.allow_imports([&file]);
        trusted.check_imports(std::slice::from_ref(&file)).unwrap();
        std::fs::write(temp.path().join("given/sub/article.txt2"), "").unwrap();
        assert!(
            trusted
                .check_imports(&[temp.path().join("given/sub/article.txt2")])
                .is_err()
        );
        assert!(
            trusted
                .check_imports(&[temp.path().join("given/sub")])
                .is_err()
        );
    }

    #[test]
    fn a_path_that_cannot_be_resolved_is_refused() {
        let (temp, trusted) = setup();
        let missing = temp.path().join("given/gone/../../elsewhere/secret.txt");
        let error = trusted.check_imports(&[missing]).unwrap_err();
        assert!(
            error.message.contains("cannot be read"),
            "{}",
            error.message
        );
    }

    #[test]
    fn nothing_is_trusted_until_given() {
        let trusted = Trusted::default();
        assert!(trusted.check_imports(&[std::env::temp_dir()]).is_err());
        assert!(trusted.check_imports(&[]).is_ok());
    }

    #[test]
    fn a_save_choice_allows_one_export_to_exactly_that_file() {
        let temp = tempfile::tempdir().unwrap();
        let trusted = Trusted::default();
        let chosen = temp.path().join("dossier.pdf");
        let existing = temp.path().join("old.pdf");
        std::fs::write(&existing, "kept").unwrap();
        trusted.allow_save(chosen.clone());
        trusted.allow_save(existing.clone());

        assert!(trusted.take_save(&temp.path().join("other.pdf")).is_err());
        let choice = trusted.take_save(&chosen).unwrap();
        assert!(!choice.may_replace, "it did not exist when chosen");
        assert!(trusted.take_save(&chosen).is_err(), "a choice is used once");
        assert!(trusted.take_save(&existing).unwrap().may_replace);
    }
}

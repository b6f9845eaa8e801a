//! Files and folders Folio writes for the user — export files, backup folders — are created
//! with the permissions any new file of that user gets, as the umask decides (typically 0644
//! and 0755), not the owner-only mode a temporary file starts with. The archive's own files
//! (database, objects, thumbnails) stay as they are written.

/// A temporary file or folder builder whose result, once renamed into place, is an ordinary
/// file or folder of the user: created with mode 0666 (a folder 0777) less the umask, applied
/// by the system at creation, so the umask is never read or changed.
pub(crate) fn builder<'a>(kind: Kind) -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match kind {
            Kind::File => 0o666,
            Kind::Folder => 0o777,
        };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // Elsewhere a new file already takes its folder's permissions.
    #[cfg(not(unix))]
    let _ = kind;
    builder
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    Folder,
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// What the umask leaves of `mode`, seen on a file made the ordinary way beside the test's.
    fn ordinary_mode(dir: &std::path::Path) -> std::io::Result<u32> {
        let probe = dir.join("ordinary");
        std::fs::write(&probe, b"")?;
        Ok(std::fs::metadata(&probe)?.permissions().mode() & 0o777)
    }

    #[test]
    fn a_user_file_gets_the_mode_of_any_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = builder(Kind::File).tempfile_in(dir.path()).unwrap();
        let mode = file.as_file().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, ordinary_mode(dir.path()).unwrap());
        let plain_temp = tempfile::Builder::new().tempfile_in(dir.path()).unwrap();
        let private = plain_temp
            .as_file()
            .metadata()
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(private, 0o600, "a plain temporary file is owner-only");
    }

    #[test]
    fn a_user_folder_gets_the_mode_of_any_new_folder() {
        let dir = tempfile::tempdir().unwrap();
        let made = builder(Kind::Folder).tempdir_in(dir.path()).unwrap();
        let ordinary = dir.path().join("ordinary-folder");
        std::fs::create_dir(&ordinary).unwrap();
        let mode_of =
            |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode_of(made.path()), mode_of(&ordinary));
    }
}

//! The C libraries Folio calls — Tesseract with Leptonica (OCR), libheif (HEIC photos) and the
//! OpenMP runtime Tesseract brings — behind safe types. The one crate of the workspace with unsafe
//! code.
//!
//! On Linux each library is opened the first time it is needed (`dlopen`), not when the program
//! starts: Tesseract brings some thirty libraries with it (libcurl and its TLS, LDAP and SSH
//! libraries among them) and libheif its codecs, and loading them cost every start of the app
//! 35–45 ms whether or not a scan or a HEIC photo was ever opened. A missing library then makes
//! only OCR or HEIC fail, with a message saying what to install, instead of the whole program.
//! Windows and macOS link vcpkg's static builds into the executable; the same function tables
//! are filled from the linked symbols there.

mod functions;
pub mod heif;
#[cfg(dlopen)]
mod loader;
pub mod openmp;
pub mod tesseract;

// The -sys crates carry the instructions to link the static libraries (their build scripts find
// them with vcpkg or pkg-config); their declarations are not used, the tables declare their own.
#[cfg(not(dlopen))]
use {leptonica_sys as _, libheif_sys as _, tesseract_sys as _};

/// A library Folio needs for this could not be loaded: not installed, or not the version whose
/// functions Folio calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// What to install, in words ("Tesseract 5 (libtesseract.so.5)").
    pub library: &'static str,
    /// What the system's loader said.
    pub detail: String,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} could not be loaded ({})", self.library, self.detail)
    }
}

impl std::error::Error for Missing {}

#[cfg(all(test, dlopen))]
mod tests {
    use std::process::Command;

    /// Whether a library whose file name starts with `name` is mapped into this process.
    fn mapped(name: &str) -> bool {
        std::fs::read_to_string("/proc/self/maps")
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_whitespace().nth(5))
            .filter_map(|path| path.rsplit('/').next())
            .any(|file| file.starts_with(name))
    }

    #[test]
    #[ignore = "run alone, in a process of its own, by nothing_is_loaded_before_it_is_needed"]
    fn probe_loading_order() {
        assert!(!mapped("libtesseract"), "Tesseract was loaded at start");
        assert!(!mapped("libheif"), "libheif was loaded at start");
        let engine = crate::tesseract::Api::new();
        assert!(engine.is_ok(), "{:?}", engine.err());
        assert!(mapped("libtesseract") && mapped("liblept"));
        assert!(!mapped("libheif"), "libheif was loaded with Tesseract");
        let _ = crate::heif::Context::read(b"not a HEIF file");
        assert!(mapped("libheif"));
    }

    #[test]
    fn nothing_is_loaded_before_it_is_needed() {
        let this_test_binary = std::env::current_exe().unwrap();
        let ran = Command::new(this_test_binary)
            .args(["--exact", "tests::probe_loading_order", "--ignored"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&ran.stdout);
        assert!(
            ran.status.success() && said.contains("1 passed"),
            "{said}{}",
            String::from_utf8_lossy(&ran.stderr)
        );
    }

    #[test]
    fn a_library_that_is_not_there_is_named_in_the_error() {
        let missing = crate::loader::Library::open(
            "Something (libfolio-absent.so.9)",
            &[c"libfolio-absent.so.9"],
        )
        .err()
        .unwrap();
        assert_eq!(missing.library, "Something (libfolio-absent.so.9)");
        assert!(
            missing.detail.contains("libfolio-absent.so.9"),
            "{}",
            missing.detail
        );
        assert!(
            missing
                .to_string()
                .starts_with("Something (libfolio-absent.so.9) could not be loaded")
        );
    }
}

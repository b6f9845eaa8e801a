//! The files `folio export` and `folio backup` write for the user get the permissions any new
//! file of theirs gets — the umask's, not the owner-only mode of a temporary file — checked with
//! the `folio` child started under umask 022 and 002.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::library::typical_article;
use crate::util::{Run, Sandbox};

/// `folio --archive <sandbox>/archive ARGS…` run by a shell that first sets `umask`.
fn folio_under_umask(sandbox: &Sandbox, umask: &str, args: &[&str]) -> Run {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_folio"))
        .arg("--archive")
        .arg(sandbox.archive())
        .args(args)
        .env_remove("FOLIO_ARCHIVE");
    Run::of(command)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn sandbox_with_an_article() -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    let article = sandbox.path().join("talks.txt");
    fs::write(
        &article,
        typical_article(
            "Talks held in Moscow",
            "Delegates at the opening.",
            &["The talks were held on Friday."],
        ),
    )
    .unwrap();
    let report = sandbox
        .folio(&["import", "--json", article.to_str().unwrap()])
        .success()
        .json();
    let id = report["imported"][0]["id"].to_string();
    (sandbox, id)
}

fn exports_follow_the_umask(umask: &str, file_mode: u32, folder_mode: u32) {
    let (sandbox, id) = sandbox_with_an_article();
    let out = sandbox.path().join(format!("out-{umask}"));
    fs::create_dir(&out).unwrap();
    let pdf = out.join("dossier.pdf");
    let zip = out.join("bundle.zip");
    for (format, output) in [("pdf", &pdf), ("zip", &zip)] {
        let args = [
            "export",
            "--json",
            "--format",
            format,
            "--output",
            output.to_str().unwrap(),
            &id,
        ];
        folio_under_umask(&sandbox, umask, &args).success();
        assert_eq!(
            mode(output),
            file_mode,
            "{format} export under umask {umask}: mode {:o}",
            mode(output)
        );
        // Replacing an earlier export (made owner-only here) gives a new file of the user's.
        fs::set_permissions(output, fs::Permissions::from_mode(0o600)).unwrap();
        folio_under_umask(&sandbox, umask, &args).success();
        assert_eq!(
            mode(output),
            file_mode,
            "{format} export replacing a file under umask {umask}"
        );
    }
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "dossier.pdf" && n != "bundle.zip")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let backup = out.join("backup");
    folio_under_umask(
        &sandbox,
        umask,
        &["backup", "--json", backup.to_str().unwrap()],
    )
    .success();
    assert_eq!(
        mode(&backup),
        folder_mode,
        "backup folder under umask {umask}: mode {:o}",
        mode(&backup)
    );
}

#[test]
fn exports_and_backups_get_mode_644_and_755_under_umask_022() {
    exports_follow_the_umask("022", 0o644, 0o755);
}

#[test]
fn exports_and_backups_get_mode_664_and_775_under_umask_002() {
    exports_follow_the_umask("002", 0o664, 0o775);
}

#[test]
fn a_private_umask_is_respected_too() {
    exports_follow_the_umask("077", 0o600, 0o700);
}

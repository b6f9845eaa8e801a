//! A small harness for driving the real `folio` binary: a temp dir per test and a command runner.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::new_without_default
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Sandbox {
    temp: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            temp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    pub fn archive(&self) -> PathBuf {
        self.temp.path().join("archive")
    }

    /// `folio --archive <sandbox>/archive ARGS…`, with FOLIO_ARCHIVE cleared.
    pub fn folio(&self, args: &[&str]) -> Run {
        let mut command = folio();
        command.arg("--archive").arg(self.archive()).args(args);
        Run::of(command)
    }
}

/// The binary under test, with no ambient archive selection.
pub fn folio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.env_remove("FOLIO_ARCHIVE");
    command
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(mut command: Command) -> Self {
        let Output {
            status,
            stdout,
            stderr,
        } = command.output().expect("run folio");
        Self {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    pub fn success(self) -> Self {
        assert_eq!(
            self.code, 0,
            "folio failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

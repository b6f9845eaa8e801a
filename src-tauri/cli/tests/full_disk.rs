//! A full disk and a read-only archive: an import fails with a message a person understands and
//! the archive stays whole. Each scenario runs in its own mount namespace (`unshare`), on a
//! small tmpfs or a read-only bind mount; where namespaces are not allowed the test says so and
//! skips.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util::Sandbox;
use serde_json::Value;

/// Runs `script` as root of a new user and mount namespace; `None` when that is not possible.
fn in_namespace(script: &str) -> Option<std::process::Output> {
    let probe = Command::new("unshare")
        .args(["-rm", "true"])
        .output()
        .ok()?;
    if !probe.status.success() {
        eprintln!("notice: user/mount namespaces unavailable; skipping the file-system test");
        return None;
    }
    Some(
        Command::new("unshare")
            .args(["-rm", "sh", "-ec", script])
            .env("FOLIO", env!("CARGO_BIN_EXE_folio"))
            .env_remove("FOLIO_ARCHIVE")
            .output()
            .unwrap(),
    )
}

/// Articles of about 300 KB each: twelve of them cannot fit a 2 MB disk.
fn big_articles(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..12 {
        let mut text = format!("Long report {i}\n\n");
        let mut state = 0x9e37_79b9_u32.wrapping_add(i);
        while text.len() < 300_000 {
            // Varied words so nothing compresses it away.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            text.push_str(&format!("word{state:x} "));
            if state % 17 == 0 {
                text.push_str("\n\n");
            }
        }
        fs::write(dir.join(format!("long-{i:02}.txt")), text).unwrap();
    }
}

#[test]
fn an_import_onto_a_full_disk_fails_clearly_and_the_archive_stays_whole() {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    big_articles(&inputs);
    let disk = sandbox.path().join("disk");
    let out = sandbox.path().join("out");
    fs::create_dir_all(&disk).unwrap();
    fs::create_dir_all(&out).unwrap();
    let script = format!(
        r#"mount -t tmpfs -o size=2m tmpfs "{disk}"
"$FOLIO" --archive "{disk}/archive" init > /dev/null
set +e
"$FOLIO" --archive "{disk}/archive" import --json "{inputs}" > "{out}/import.json" 2> "{out}/import.err"
echo $? > "{out}/import.code"
"$FOLIO" --archive "{disk}/archive" verify --json > "{out}/verify.json" 2> "{out}/verify.err"
"$FOLIO" --archive "{disk}/archive" list --json > "{out}/list.json" 2> "{out}/list.err"
"#,
        disk = disk.display(),
        inputs = inputs.display(),
        out = out.display()
    );
    let Some(run) = in_namespace(&script) else {
        return;
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let code: i32 = fs::read_to_string(out.join("import.code"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let stderr = fs::read_to_string(out.join("import.err")).unwrap();
    let report = fs::read_to_string(out.join("import.json")).unwrap();
    assert!(code == 1 || code == 2, "exit {code}: {stderr}{report}");
    let said = format!("{stderr}{report}");
    assert!(said.contains("disk is full"), "a clear message: {said}");

    let verify: Value =
        serde_json::from_str(&fs::read_to_string(out.join("verify.json")).unwrap()).unwrap();
    assert_eq!(verify["database"], "ok", "{verify}");
    assert_eq!(verify["missing"].as_array().unwrap().len(), 0, "{verify}");
    assert_eq!(verify["corrupt"].as_array().unwrap().len(), 0, "{verify}");
    let listed: Value =
        serde_json::from_str(&fs::read_to_string(out.join("list.json")).unwrap()).unwrap();
    if let Ok(imported) = serde_json::from_str::<Value>(&report) {
        assert_eq!(
            listed.as_array().unwrap().len(),
            imported["imported"].as_array().unwrap().len(),
            "what the report says came in is what the archive holds"
        );
    }
}

#[test]
fn an_import_into_a_read_only_archive_fails_clearly_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir_all(&inputs).unwrap();
    fs::write(inputs.join("a.txt"), "First note\n\nSome text.\n").unwrap();
    fs::write(sandbox.path().join("b.txt"), "Second note\n\nMore text.\n").unwrap();
    sandbox
        .folio(&["import", "--json", inputs.to_str().unwrap()])
        .success();
    let database = sandbox.archive().join("folio.sqlite");
    let before = fs::read(&database).unwrap();
    let out = sandbox.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let script = format!(
        r#"mount --bind "{archive}" "{archive}"
mount -o remount,bind,ro "{archive}"
set +e
"$FOLIO" --archive "{archive}" import --json "{file}" > "{out}/import.json" 2> "{out}/import.err"
echo $? > "{out}/import.code"
"#,
        archive = sandbox.archive().display(),
        file = sandbox.path().join("b.txt").display(),
        out = out.display()
    );
    let Some(run) = in_namespace(&script) else {
        return;
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let code = fs::read_to_string(out.join("import.code")).unwrap();
    let stderr = fs::read_to_string(out.join("import.err")).unwrap();
    assert_eq!(code.trim(), "2", "{stderr}");
    assert!(stderr.contains("read-only"), "a clear message: {stderr}");
    assert_eq!(
        fs::read(&database).unwrap(),
        before,
        "the database is untouched"
    );
    let listed = sandbox.folio(&["list", "--json"]).success().json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

//! The desktop's commands are named in four places that must agree: the handlers registered in
//! `main.rs`, the commands declared in `build.rs` (each then needs a grant), the grants in
//! `capabilities/main.json`, and the UI's `COMMANDS` map in `ui/src/platform/host.ts`. A command
//! missing from one of them fails only at run time ("not allowed", "not found"); this test fails
//! at build time instead.

use std::collections::BTreeSet;

const MAIN: &str = include_str!("main.rs");
const BUILD: &str = include_str!("../build.rs");
const CAPABILITIES: &str = include_str!("../capabilities/main.json");
const HOST: &str = include_str!("../../ui/src/platform/host.ts");

/// The lines of `text` between the line containing `start` and the next containing `end`.
fn section<'a>(text: &'a str, start: &str, end: &str) -> impl Iterator<Item = &'a str> {
    text.lines()
        .skip_while(move |line| !line.contains(start))
        .skip(1)
        .take_while(move |line| !line.contains(end))
        .map(str::trim)
}

fn registered() -> BTreeSet<String> {
    section(MAIN, "generate_handler![", "])")
        .filter_map(|line| line.strip_prefix("commands::"))
        .map(|name| name.trim_end_matches(',').to_string())
        .collect()
}

fn declared() -> BTreeSet<String> {
    section(BUILD, ".commands(&[", "]);")
        .map(|line| line.trim_end_matches(',').trim_matches('"').to_string())
        .collect()
}

fn granted() -> BTreeSet<String> {
    let capability: serde_json::Value = serde_json::from_str(CAPABILITIES).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|permission| permission.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect()
}

fn called() -> BTreeSet<String> {
    section(HOST, "export const COMMANDS = {", "} as const;")
        .filter_map(|line| line.split_once(": '"))
        .map(|(_, name)| name.trim_end_matches("',").to_string())
        .collect()
}

#[test]
fn every_command_is_registered_declared_granted_and_called_by_the_same_name() {
    let registered = registered();
    assert!(
        registered.contains("import_paths") && registered.len() > 20,
        "{registered:?}"
    );
    assert_eq!(declared(), registered, "build.rs and main.rs");
    assert_eq!(granted(), registered, "capabilities/main.json and main.rs");
    assert_eq!(called(), registered, "host.ts COMMANDS and main.rs");
}

#[test]
fn the_page_may_not_open_pickers_or_emit_events_itself() {
    // The host opens the pickers, so it knows which paths the user chose (`crate::trusted`); an
    // emitted `tauri://drag-drop` must not look like a drop to the UI's own handler either.
    for permission in [
        "dialog:",
        "core:event:allow-emit",
        "core:event:default",
        "core:default",
    ] {
        assert!(
            !CAPABILITIES.contains(permission),
            "capabilities grant {permission}"
        );
    }
}

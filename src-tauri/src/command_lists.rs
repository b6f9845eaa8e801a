//! Everything that names the desktop's commands follows from the one declaration in
//! `surface.rs`; these tests fail when something drifts from it: a handler in `commands.rs` that
//! takes or answers other types than declared, a grant in `capabilities/main.json` (written by
//! `build.rs`), a command the UI's `host.ts` does not call or calls by a name that is not
//! declared, and the UI's typed calls in `ui/src/platform/commands.ts`. Regenerate that file with
//! `FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-desktop surface`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use folio_core::Stats;
use folio_core::changes::Written;
use folio_core::export::copies::CopyReport;
use folio_core::export::{ExportFormat, ExportReport};
use folio_core::facets::{FacetRequest, Facets};
use folio_core::fixity::VerifyReport;
use folio_core::import::{ImportReport, ImportRequest};
use folio_core::items::ItemView;
use folio_core::library::collections::CollectionSummary;
use folio_core::library::editing::{EditRequest, Undone};
use folio_core::library::history::HistoryEntry;
use folio_core::library::listing::{ItemPage, ListRequest};
use folio_core::library::ratings::{LabelRequest, RateRequest};
use folio_core::library::saved_searches::SavedSearch;
use folio_core::library::tagging::{TagCount, TagRequest};
use folio_core::library::templates::Template;
use folio_core::search::{SearchPage, SearchRequest};
use folio_core::selection::ExportItemsRequest;
use folio_core::similar::{DuplicatesReport, MergeReport, MergeRequest, SimilarReport, Thresholds};
use folio_core::team_view::TeamView;
use folio_core::watch::{WatchFolder, WatchStatus};
use ts_rs::{Config, TS};

const COMMANDS: &str = include_str!("commands.rs");
const CAPABILITIES: &str = include_str!("../capabilities/main.json");
const HOST: &str = include_str!("../../ui/src/platform/host.ts");

/// One declared command: its name, its arguments (name, Rust type) and its answer's Rust type.
struct Declared {
    name: &'static str,
    arguments: Vec<(&'static str, &'static str)>,
    answer: &'static str,
    /// The TypeScript types of the arguments and the answer.
    typescript: (Vec<String>, String),
}

macro_rules! declared {
    ($($name:ident($($argument:ident: $type:ty),*) -> $answer:ty;)*) => {{
        let cfg = Config::new().with_large_int("number");
        vec![$(Declared {
            name: stringify!($name),
            arguments: vec![$((stringify!($argument), stringify!($type))),*],
            answer: stringify!($answer),
            typescript: (
                vec![$(<$type as TS>::name(&cfg)),*],
                <$answer as TS>::name(&cfg),
            ),
        }),*]
    }};
}

fn surface() -> Vec<Declared> {
    command_surface!(declared)
}

fn names() -> BTreeSet<String> {
    surface().iter().map(|c| c.name.to_string()).collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The handler's arguments the window passes (not the app, its state or other managed parts)
/// and its answer, read from `commands.rs`.
fn handler_signature(name: &str) -> Option<(Vec<(String, String)>, String)> {
    let start = COMMANDS
        .find(&format!("pub fn {name}("))
        .or_else(|| COMMANDS.find(&format!("pub async fn {name}(")))?;
    let rest = &COMMANDS[start..];
    let open = rest.find('(')?;
    let body = rest.find(" {")?;
    let signature = squeeze(&rest[open + 1..body]);
    let (arguments, answer) = signature.rsplit_once(")->").unwrap_or((&signature, "()"));
    let answer = answer
        .strip_prefix("Result<")
        .and_then(|inner| inner.strip_suffix(",WireError>"))
        .unwrap_or(answer)
        .to_string();
    let arguments = split_top_level(arguments.trim_end_matches(')'))
        .into_iter()
        .filter_map(|argument| {
            let (name, ty) = argument.split_once(':')?;
            let managed = ty == "AppHandle" || ty.starts_with("State<");
            (!managed).then(|| (name.to_string(), ty.to_string()))
        })
        .collect();
    Some((arguments, answer))
}

/// Splits `a:A,b:Vec<(X,Y)>` at the commas outside brackets.
fn split_top_level(text: &str) -> Vec<String> {
    let (mut parts, mut current, mut depth) = (Vec::new(), String::new(), 0);
    for c in text.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

#[test]
fn every_handler_takes_and_answers_what_the_surface_declares() {
    let surface = surface();
    assert!(surface.len() > 20);
    for command in &surface {
        let (arguments, answer) = handler_signature(command.name)
            .unwrap_or_else(|| panic!("commands.rs has no handler {}", command.name));
        let declared: Vec<(String, String)> = command
            .arguments
            .iter()
            .map(|(name, ty)| (name.to_string(), squeeze(ty)))
            .collect();
        assert_eq!(arguments, declared, "arguments of {}", command.name);
        assert_eq!(
            answer,
            squeeze(command.answer),
            "answer of {}",
            command.name
        );
    }
}

#[test]
fn every_declared_command_is_granted_and_nothing_else_is() {
    let capability: serde_json::Value = serde_json::from_str(CAPABILITIES).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|permission| permission.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect();
    assert_eq!(
        granted,
        names(),
        "capabilities/main.json (written by build.rs)"
    );
}

#[test]
fn the_ui_calls_every_declared_command_and_no_other() {
    // host.ts calls commands as `call('name', …)`, `write('name', …)` or `run('name', …)`.
    let mut called = BTreeSet::new();
    for helper in ["call(", "write(", "run("] {
        for (at, _) in HOST.match_indices(helper) {
            let rest = &HOST[at + helper.len()..];
            if let Some(name) = rest.strip_prefix('\'').and_then(|r| r.split('\'').next()) {
                called.insert(name.to_string());
            }
        }
    }
    assert_eq!(called, names(), "commands host.ts calls");
}

/// The UI's typed calls: for each command, what the window passes and what it gets back.
fn typed_calls() -> String {
    let bindings = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let mut imports = BTreeSet::new();
    let mut entries = Vec::new();
    for command in surface() {
        let (argument_types, answer) = &command.typescript;
        let arguments: Vec<String> = command
            .arguments
            .iter()
            .zip(argument_types)
            .map(|((name, _), ty)| format!("{}: {ty}", camel_case(name)))
            .collect();
        for ty in argument_types.iter().chain([answer]) {
            for word in ty.split(|c: char| !c.is_alphanumeric() && c != '_') {
                if word.starts_with(char::is_uppercase)
                    && bindings.join(format!("{word}.ts")).is_file()
                {
                    imports.insert(word.to_string());
                }
            }
        }
        let arguments = if arguments.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", arguments.join("; "))
        };
        entries.push(format!(
            "  {}: {{ args: {arguments}; answer: {answer} }};",
            command.name
        ));
    }
    let imports: Vec<String> = imports
        .iter()
        .map(|name| format!("import type {{ {name} }} from '../bindings/{name}';"))
        .collect();
    format!(
        "// Generated from src-tauri/src/surface.rs by `FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-desktop surface`;\n\
         // do not edit. Every command the window may call: what it passes and what it gets back.\n\
         {}\n\n\
         export type Commands = {{\n{}\n}};\n\n\
         export type CommandName = keyof Commands;\n",
        imports.join("\n"),
        entries.join("\n")
    )
}

/// Tauri hands a command's `snake_case` arguments to the page as `camelCase`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn surface_typed_calls_of_the_ui_match_the_declaration() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/platform/commands.ts");
    let expected = typed_calls();
    if std::env::var_os("FOLIO_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "ui/src/platform/commands.ts drifted from src-tauri/src/surface.rs; regenerate with: \
         FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-desktop surface"
    );
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

#[test]
fn arguments_split_at_top_level_commas_only() {
    assert_eq!(
        split_top_level("a:A,b:Vec<(X,Y)>"),
        vec!["a:A".to_string(), "b:Vec<(X,Y)>".to_string()]
    );
    assert_eq!(camel_case("item_ids"), "itemIds");
}

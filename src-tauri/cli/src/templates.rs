//! `folio template`: save, list and delete ingest templates — the caption, credit, byline,
//! copyright, keywords and tags `folio import --template NAME` (and `folio watch --template`)
//! give what they bring in.

use std::path::Path;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::library::templates::{Template, TemplateMode};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Save a template (replacing one with that name). Texts may use {filename}, {date},
    /// {seq} and {caption} (the file's own caption).
    Save {
        name: String,
        #[arg(long, default_value = "")]
        caption: String,
        #[arg(long, default_value = "")]
        credit: String,
        #[arg(long, default_value = "")]
        byline: String,
        #[arg(long, default_value = "")]
        copyright: String,
        /// A keyword (repeatable).
        #[arg(long = "keyword", value_name = "KEYWORD")]
        keywords: Vec<String>,
        /// A tag every imported item gets (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Fill only the fields a file leaves empty, or replace what it says.
        #[arg(long, value_enum, default_value_t = Mode::FillEmpty)]
        mode: Mode,
    },
    /// Every template.
    List,
    /// Delete a template.
    Delete { name: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mode {
    FillEmpty,
    Replace,
}

pub fn run(dir: &Path, action: TemplateAction, json: bool) -> anyhow::Result<ExitCode> {
    match action {
        TemplateAction::Save {
            name,
            caption,
            credit,
            byline,
            copyright,
            keywords,
            tags,
            mode,
        } => {
            let template = Template {
                name,
                caption,
                credit,
                byline,
                copyright,
                keywords,
                tags,
                mode: match mode {
                    Mode::FillEmpty => TemplateMode::FillEmpty,
                    Mode::Replace => TemplateMode::Replace,
                },
            };
            let saved = WriteHandle::open(dir)?.save_template(&template)?.value;
            if json {
                output::json(&saved)?;
            } else {
                println!("Saved template {:?}", saved.name);
            }
        }
        TemplateAction::List => {
            let all = ReadHandle::open(dir)?.templates()?;
            if json {
                output::json(&all)?;
            } else {
                for template in all {
                    print_template(&template);
                }
            }
        }
        TemplateAction::Delete { name } => {
            let deleted = WriteHandle::open(dir)?.delete_template(&name)?.value;
            println!("Deleted template {deleted:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_template(template: &Template) {
    let mode = match template.mode {
        TemplateMode::FillEmpty => "fill empty fields",
        TemplateMode::Replace => "replace",
    };
    println!("{}  ({mode})", template.name);
    for (field, value) in [
        ("caption", &template.caption),
        ("credit", &template.credit),
        ("byline", &template.byline),
        ("copyright", &template.copyright),
    ] {
        if !value.is_empty() {
            println!("  {field:<10} {value}");
        }
    }
    if !template.keywords.is_empty() {
        println!("  {:<10} {}", "keywords", template.keywords.join(", "));
    }
    if !template.tags.is_empty() {
        println!("  {:<10} {}", "tags", template.tags.join(", "));
    }
}

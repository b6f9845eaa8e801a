//! `folio facets`: how many of the items a query (or the whole library, a collection or a tag)
//! finds are of each kind, language, year, credit, byline and tag, and how many fall in each
//! month.

use std::path::Path;
use std::process::ExitCode;

use folio_core::facets::{DEFAULT_TOP, Facet, FacetRequest};
use folio_core::library::listing::Scope;

use crate::output;
use crate::search::{open_with_index, warn_if_incomplete};

/// Which view the counts are of.
pub struct View {
    pub collection: Option<String>,
    pub tag: Option<String>,
}

pub fn run(
    dir: &Path,
    query: &str,
    view: View,
    top: Option<u32>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let archive = open_with_index(dir)?;
    let scope = match (view.collection, view.tag) {
        (Some(name), _) => Scope::Collection {
            id: archive.find_collection(&name)?,
        },
        (None, Some(name)) => Scope::Tag { name },
        (None, None) => Scope::All,
    };
    let request = FacetRequest {
        scope,
        query: query.to_owned(),
        top: top.unwrap_or(DEFAULT_TOP),
    };
    let facets = archive.facets(&request)?;
    warn_if_incomplete(&archive);
    if json {
        output::json(&facets)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} items", facets.total);
    for (name, facet) in [
        ("kind", &facets.kinds),
        ("language", &facets.languages),
        ("year", &facets.years),
        ("credit", &facets.credits),
        ("byline", &facets.bylines),
        ("tag", &facets.tags),
    ] {
        print_facet(name, facet);
    }
    if !facets.months.is_empty() {
        println!("\nmonths");
        let widest = facets
            .months
            .iter()
            .map(|m| m.count)
            .max()
            .unwrap_or(1)
            .max(1);
        for month in &facets.months {
            // A bar of up to 40 characters, so the timeline reads at a glance.
            let bar = "#".repeat((month.count as usize * 40).div_ceil(widest as usize));
            println!("  {}  {:>7}  {bar}", month.month, month.count);
        }
    }
    if facets.month_unknown > 0 {
        println!("  dated to a year only: {}", facets.month_unknown);
    }
    if facets.undated > 0 {
        println!("  undated: {}", facets.undated);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_facet(name: &str, facet: &Facet) {
    if facet.values.is_empty() {
        return;
    }
    println!("\n{name}");
    for value in &facet.values {
        println!("  {:>7}  {}  ({})", value.count, value.value, value.term);
    }
    let more = facet.distinct as usize - facet.values.len();
    if more > 0 {
        println!("  and {more} more");
    }
}

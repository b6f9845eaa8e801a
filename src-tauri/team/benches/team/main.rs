//! The team benchmark's archive maker: what `scripts/bench-team.sh` cannot do with `folio` alone, done
//! through the core's own write path. The script starts the PostgreSQL cluster and the object
//! store, runs the real `folio` processes and times them; this binary makes their archives.
//!
//! `cargo bench -p folio-team --bench team -- COMMAND ARGS`:
//!
//! - `source ARCHIVE CORPUS ITEMS`: a new archive of ITEMS items (four articles to one photo),
//!   the same generated items as the million-item benchmark (the texts recombine the sentences
//!   of CORPUS, a `make_corpus.py --only articles` corpus), each batch of 2,000 recorded as the
//!   journal's `import` action — so `folio team create` sends them — with a stand-in original
//!   for every item and a grid thumbnail for every photo, so the sending and the joining move
//!   files as they would.
//! - `captions ARCHIVE COUNT LABEL`: COUNT caption edits of the archive's photos (round robin),
//!   each its own journal action, waiting to be sent; the captions name LABEL.
//! - `dump ARCHIVE`: the archive's canonical dump, to compare members.
//!
//! Without a command (as `cargo bench --workspace` runs it) it prints how to use it and stops.

// A benchmark, like a test, stops at the first failure: there is no caller to hand errors to.
#![allow(clippy::expect_used)]

// The million-item benchmark's generator of items, shared rather than copied: the team's
// archive is the same library at a tenth of the size. Its collection functions are not used here.
#[path = "../../../core/benches/million/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../../../core/benches/million/records.rs"]
#[allow(dead_code)]
mod records;

mod edits;
mod source;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["source", archive, corpus, items] => {
            let items = items.parse().expect("ITEMS is a number");
            source::make(&PathBuf::from(archive), &PathBuf::from(corpus), items);
        }
        ["captions", archive, count, label] => {
            let count = count.parse().expect("COUNT is a number");
            edits::captions(&PathBuf::from(archive), count, label);
        }
        ["dump", archive] => {
            let reader = folio_core::handle::ReadHandle::open(&PathBuf::from(archive))
                .expect("the archive opens");
            print!("{}", reader.dump().expect("the archive dumps"));
        }
        _ => println!(
            "team bench: give `source ARCHIVE CORPUS ITEMS`, `captions ARCHIVE COUNT LABEL` or \
             `dump ARCHIVE` (see scripts/bench-team.sh); skipped"
        ),
    }
}

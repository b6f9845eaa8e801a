//! One function per CLI command: open the archive, call the core, print the result.

use std::path::Path;
use std::process::ExitCode;

use folio_core::items::{ItemView, KindFilter};
use folio_core::{Access, Archive};

use crate::output::{self, human_bytes};

pub fn init(dir: &Path) -> anyhow::Result<ExitCode> {
    let archive = Archive::init(dir)?;
    println!("Folio archive ready at {}", archive.dir().display());
    Ok(ExitCode::SUCCESS)
}

pub fn stats(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(dir, Access::Read)?;
    let stats = folio_core::stats::stats(&archive)?;
    if json {
        output::json(&stats)?;
    } else {
        println!("Archive      {}", stats.archive_path);
        println!(
            "Items        {} ({} articles, {} photos)",
            stats.items, stats.articles, stats.photos
        );
        println!("In trash     {}", stats.in_trash);
        println!("Tags         {}", stats.tags);
        println!("Collections  {}", stats.collections);
        println!(
            "Originals    {} files, {}",
            stats.objects,
            human_bytes(stats.objects_bytes)
        );
        println!("Database     {}", human_bytes(stats.database_bytes));
        println!("Thumbnails   {}", human_bytes(stats.derived_bytes));
        println!("Search index {}", human_bytes(stats.index_bytes));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(
    dir: &Path,
    kind: Option<crate::Kind>,
    limit: usize,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(dir, Access::Read)?;
    let kind = kind.map(|k| match k {
        crate::Kind::Article => KindFilter::Article,
        crate::Kind::Photo => KindFilter::Photo,
    });
    let items = folio_core::items::list(archive.conn(), kind, limit)?;
    if json {
        output::json(&items)?;
    } else {
        for item in items {
            let date = item.date.as_deref().unwrap_or("");
            println!(
                "{:>6}  {:<7}  {:<10}  {}",
                item.id,
                item.kind,
                date.get(..10).unwrap_or(date),
                item.title
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(dir: &Path, id: i64, json: bool) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(dir, Access::Read)?;
    let item = folio_core::items::show(archive.conn(), id)?;
    if json {
        output::json(&item)?;
        return Ok(ExitCode::SUCCESS);
    }
    match item {
        ItemView::Article(a) => {
            println!("{}  (article #{}, {})", a.title, a.id, a.source_name);
            for (label, value) in [("By", &a.byline), ("Site", &a.site), ("URL", &a.url)] {
                if !value.is_empty() {
                    println!("{label:<10}{value}");
                }
            }
            println!(
                "{:<10}{}",
                "Published",
                a.published.as_deref().unwrap_or("-")
            );
            println!("{:<10}{}", "Language", a.language.as_deref().unwrap_or("-"));
            println!("{:<10}{}", "Tags", a.tags.join(", "));
            for figure in &a.figures {
                let photo = figure
                    .photo_id
                    .map(|id| format!(" → photo #{id}"))
                    .unwrap_or_default();
                println!("Figure    {} [{}]{photo}", figure.caption, figure.credit);
            }
            println!("\n{}", a.body_text);
        }
        ItemView::Photo(p) => {
            println!("{}  (photo #{}, {})", p.title, p.id, p.source_name);
            let size = match (p.width, p.height) {
                (Some(w), Some(h)) => format!("{w} × {h}"),
                _ => "-".into(),
            };
            for (label, value) in [
                ("Caption", p.caption.as_str()),
                ("Credit", &p.credit),
                ("By", &p.byline),
                ("Copyright", &p.copyright),
                ("Taken", p.taken.as_deref().unwrap_or("-")),
                ("Size", &size),
                ("Camera", &p.camera),
                ("Keywords", &p.keywords.join(", ")),
                ("Tags", &p.tags.join(", ")),
            ] {
                println!("{label:<10}{value}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

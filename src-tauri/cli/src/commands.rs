//! One function per CLI command: open the archive, call the core, print the result.

use std::path::Path;
use std::process::ExitCode;

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::items::{ItemSummary, ItemView};
use folio_core::library::listing::{ListRequest, MAX_PAGE, Scope, SortKey};
use folio_core::library::ratings::{Label, MAX_RATING};

use crate::output::{self, human_bytes};

pub fn init(dir: &Path) -> anyhow::Result<ExitCode> {
    let archive = WriteHandle::init(dir)?;
    println!("Folio archive ready at {}", archive.dir().display());
    Ok(ExitCode::SUCCESS)
}

pub fn stats(dir: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let stats = ReadHandle::open(dir)?.stats_with_folder_sizes()?;
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
        println!(
            "Thumbnails   {}",
            human_bytes(stats.derived_bytes.unwrap_or(0))
        );
        println!(
            "Search index {}",
            human_bytes(stats.index_bytes.unwrap_or(0))
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the location report; exit 1 when the place has a problem worth a warning.
pub fn location(dir: &Path, chosen_by: &str, json: bool) -> anyhow::Result<ExitCode> {
    let report = folio_core::location::check(dir, chosen_by);
    if json {
        output::json(&report)?;
    } else {
        println!("Archive      {}", report.path);
        println!("Chosen by    {}", report.chosen_by);
        if let Some(file_system) = &report.file_system {
            println!("File system  {file_system}");
        }
        if let (Some(free), Some(total)) = (report.free_bytes, report.total_bytes) {
            println!(
                "Free space   {} of {}",
                human_bytes(free),
                human_bytes(total)
            );
        }
        println!(
            "Writable     {}",
            if report.writable { "yes" } else { "no" }
        );
        for warning in &report.warnings {
            println!("Warning      {}", warning.message);
        }
    }
    Ok(if report.warnings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

/// Which items `folio list` shows.
pub struct ListScope {
    pub kind: Option<crate::Kind>,
    pub tag: Option<String>,
    pub collection: Option<String>,
    pub untagged: bool,
    pub trash: bool,
}

pub fn list(
    dir: &Path,
    scope: ListScope,
    sort: Option<crate::Sort>,
    descending: bool,
    limit: usize,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let archive = ReadHandle::open(dir)?;
    let (scope, default_sort) = match scope {
        ListScope {
            tag: Some(name), ..
        } => (Scope::Tag { name }, SortKey::Imported),
        ListScope {
            collection: Some(name),
            ..
        } => (
            Scope::Collection {
                id: archive.find_collection(&name)?,
            },
            SortKey::Position,
        ),
        ListScope { untagged: true, .. } => (Scope::Untagged, SortKey::Imported),
        ListScope { trash: true, .. } => (Scope::Trash, SortKey::Deleted),
        ListScope {
            kind: Some(crate::Kind::Article),
            ..
        } => (Scope::Articles, SortKey::Imported),
        ListScope {
            kind: Some(crate::Kind::Photo),
            ..
        } => (Scope::Photos, SortKey::Imported),
        _ => (Scope::All, SortKey::Imported),
    };
    let sort = sort.map_or(default_sort, |sort| match sort {
        crate::Sort::Title => SortKey::Title,
        crate::Sort::Date => SortKey::Date,
        crate::Sort::Kind => SortKey::Kind,
        crate::Sort::Language => SortKey::Language,
        crate::Sort::Credit => SortKey::Credit,
        crate::Sort::Imported => SortKey::Imported,
        crate::Sort::Rating => SortKey::Rating,
        crate::Sort::Deleted => SortKey::Deleted,
    });
    // Newest imports (in the Trash: newest deletions) and the most stars first; other columns
    // ascending. --desc flips whichever applies.
    let newest_first = matches!(sort, SortKey::Imported | SortKey::Deleted | SortKey::Rating);
    let descending = newest_first != descending;
    let mut request = ListRequest {
        scope,
        sort,
        descending,
        offset: 0,
        limit: MAX_PAGE,
    };
    let mut items = Vec::new();
    while items.len() < limit {
        let page = archive.list_page(&request)?.items;
        let done = page.len() < MAX_PAGE as usize;
        items.extend(page);
        if done {
            break;
        }
        request.offset += MAX_PAGE;
    }
    items.truncate(limit);
    print_items(&items, json)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints item summaries: JSON for automation, one line each for people.
pub fn print_items(items: &[ItemSummary], json: bool) -> anyhow::Result<()> {
    if json {
        return output::json(&items);
    }
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
    Ok(())
}

pub fn show(dir: &Path, id: i64, json: bool) -> anyhow::Result<ExitCode> {
    let item = ReadHandle::open(dir)?.show(id)?;
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
            if let Some(captured_at) = &a.captured_at {
                println!("{:<10}{captured_at}", "Captured");
            }
            println!(
                "{:<10}{}",
                "Published",
                a.published.as_deref().unwrap_or("-")
            );
            println!("{:<10}{}", "Language", a.language.as_deref().unwrap_or("-"));
            println!("{:<10}{}", "Tags", a.tags.join(", "));
            print_marks(a.rating, a.label);
            for figure in &a.figures {
                let photo = figure
                    .photo_id
                    .map(|id| format!(" → photo #{id}"))
                    .unwrap_or_default();
                println!(
                    "Figure {:<3} {} [{}]{photo}",
                    figure.id, figure.caption, figure.credit
                );
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
            print_marks(p.rating, p.label);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An item's rating and label, when it has them.
fn print_marks(rating: u8, label: Option<Label>) {
    if rating > 0 {
        println!("{:<10}{}", "Rating", stars(rating));
    }
    if let Some(label) = label {
        println!("{:<10}{label}", "Label");
    }
}

/// `★★★☆☆` for 3 of 5 stars; empty for none.
pub fn stars(rating: u8) -> String {
    if rating == 0 {
        return String::new();
    }
    let rating = usize::from(rating.min(MAX_RATING));
    "★".repeat(rating) + &"☆".repeat(usize::from(MAX_RATING) - rating)
}

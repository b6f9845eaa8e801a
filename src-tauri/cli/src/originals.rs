//! A team member's originals: fetching them from the team when a command needs one
//! (export, copy, backup), `folio verify --team`, and `folio team cache` (the size limit of the
//! cache of fetched originals).

use std::path::Path;
use std::process::ExitCode;

use folio_core::handle::{ReadHandle, WriteHandle};
use folio_core::originals::CacheUsage;

use crate::output;

/// Lets a command read originals only the team has: they are fetched into the cache as needed.
/// Nothing happens for an archive in no team.
pub fn fetch_from_team(reader: &ReadHandle) -> anyhow::Result<()> {
    folio_team::originals::attach(reader)?;
    Ok(())
}

/// `folio verify --team [--deep]`: exit 0 when the team's store holds every original and
/// thumbnail intact, 1 when something is missing or damaged.
pub fn verify(dir: &Path, deep: bool, json: bool) -> anyhow::Result<ExitCode> {
    let reader = ReadHandle::open(dir)?;
    let report = folio_team::originals::verify(&reader, deep)?;
    if json {
        output::json(&report)?;
    } else {
        println!("Team store:  {}", report.objects);
        let how = if report.deep {
            "downloaded and hashed"
        } else {
            "present with the right size"
        };
        println!(
            "Checked {} originals ({how}) and {} thumbnails",
            report.originals, report.thumbnails
        );
        if report.unsent > 0 {
            println!(
                "{} originals are not sent yet (folio sync sends them)",
                report.unsent
            );
        }
        for missing in &report.missing {
            println!(
                "missing  {} {}: {}  (items {:?})",
                missing.object, missing.sha256, missing.problem, missing.item_ids
            );
        }
        for corrupt in &report.corrupt {
            println!(
                "corrupt  {} {}: {}  (items {:?})",
                corrupt.object, corrupt.sha256, corrupt.problem, corrupt.item_ids
            );
        }
        if report.is_clean() {
            println!("The team's store holds all of them.");
        }
    }
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

/// `folio team cache [--limit SIZE]`: shows the cache of fetched originals, or sets its limit
/// (trimming it at once).
pub fn cache(dir: &Path, limit: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let usage = match limit {
        Some(limit) => WriteHandle::open(dir)?.set_cache_limit(parse_size(limit)?)?,
        None => ReadHandle::open(dir)?.cache_usage()?,
    };
    if json {
        output::json(&usage)?;
    } else {
        println!("{}", describe(&usage));
    }
    Ok(ExitCode::SUCCESS)
}

/// The cache in one line, for `folio team cache` and `folio team status`.
pub fn describe(usage: &CacheUsage) -> String {
    format!(
        "{} originals fetched from the team, {} of {}",
        usage.files,
        output::human_bytes(usage.bytes),
        output::human_bytes(usage.limit)
    )
}

/// `5GB`, `500 MB`, `1.5TB`, `2048` (bytes): decimal units, as disks are sold.
fn parse_size(text: &str) -> anyhow::Result<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("{text:?} is not a size (write it like 5GB or 500MB)"))?;
    let factor: f64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        "TB" | "T" => 1e12,
        other => anyhow::bail!("{other:?} is not a size unit (use KB, MB, GB or TB)"),
    };
    Ok((number * factor).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_read_in_decimal_units() {
        assert_eq!(parse_size("5GB").unwrap(), 5_000_000_000);
        assert_eq!(parse_size("500 mb").unwrap(), 500_000_000);
        assert_eq!(parse_size("1.5T").unwrap(), 1_500_000_000_000);
        assert_eq!(parse_size("2048").unwrap(), 2048);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 GiB").is_err());
    }
}

//! `tags` and `item_tags`: hierarchical tags (`Events/Innovation Dialogue`), unique ignoring case.

use rusqlite::{Connection, params};

use crate::error::{Error, Result};

/// Cleans a tag as typed: trims each `/` level and collapses runs of spaces. Empty levels are
/// dropped; a tag with no text left is refused.
pub fn normalise(name: &str) -> Result<String> {
    let levels: Vec<String> = name
        .split('/')
        .map(|level| level.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|level| !level.is_empty())
        .collect();
    if levels.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{name:?} is not a tag: it has no text"
        )));
    }
    Ok(levels.join("/"))
}

/// The id of the tag, created if it does not exist (matching ignores case).
pub fn ensure(conn: &Connection, name: &str) -> Result<i64> {
    let name = normalise(name)?;
    conn.prepare_cached("INSERT OR IGNORE INTO tags (name) VALUES (?1)")?
        .execute([&name])?;
    Ok(conn
        .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
        .query_row([&name], |row| row.get(0))?)
}

pub fn add_to_item(conn: &Connection, item_id: i64, tag_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?1, ?2)")?
        .execute(params![item_id, tag_id])?;
    Ok(())
}

/// Removes tags no item carries any more, so the tag list shows only tags in use.
pub fn delete_unused(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM item_tags WHERE tag_id = tags.id)",
    )?
    .execute([])?;
    Ok(())
}

/// The item's tags, sorted.
pub fn of_item(conn: &Connection, item_id: i64) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT t.name FROM tags t JOIN item_tags it ON it.tag_id = t.id
         WHERE it.item_id = ?1 ORDER BY t.name COLLATE NOCASE",
    )?;
    let names = statement.query_map([item_id], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn tags_are_trimmed_per_level() {
        assert_eq!(
            normalise("  Events /  Innovation   Dialogue ").unwrap(),
            "Events/Innovation Dialogue"
        );
        assert!(normalise(" / ").is_err());
    }
}

//! Numbered, append-only schema migrations embedded in the binary.
//!
//! `PRAGMA user_version` holds the schema number; `schema_migrations` holds the SHA-256 of every
//! applied file, so a shipped migration that was edited afterwards is detected instead of leaving
//! two archives with the same number and different schemas. Each migration runs in its own
//! transaction: it applies completely or not at all.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub struct Migration {
    pub number: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration this Folio ships, in order. Append only: never edit or reorder a shipped one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        number: 1,
        name: "initial",
        sql: include_str!("migrations/0001_initial.sql"),
    },
    Migration {
        number: 2,
        name: "organise",
        sql: include_str!("migrations/0002_organise.sql"),
    },
    Migration {
        number: 3,
        name: "live_counts",
        sql: include_str!("migrations/0003_live_counts.sql"),
    },
    Migration {
        number: 4,
        name: "journal",
        sql: include_str!("migrations/0004_journal.sql"),
    },
    Migration {
        number: 5,
        name: "journal_packed",
        sql: include_str!("migrations/0005_journal_packed.sql"),
    },
    Migration {
        number: 6,
        name: "sort_indexes",
        sql: include_str!("migrations/0006_sort_indexes.sql"),
    },
    Migration {
        number: 7,
        name: "credit_sort",
        sql: include_str!("migrations/0007_credit_sort.sql"),
    },
    Migration {
        number: 8,
        name: "team",
        sql: include_str!("migrations/0008_team.sql"),
    },
    Migration {
        number: 9,
        name: "similarity",
        sql: include_str!("migrations/0009_similarity.sql"),
    },
    Migration {
        number: 10,
        name: "listing_generation",
        sql: include_str!("migrations/0010_listing_generation.sql"),
    },
    Migration {
        number: 11,
        name: "templates",
        sql: include_str!("migrations/0011_templates.sql"),
    },
    Migration {
        number: 12,
        name: "team_rebase",
        sql: include_str!("migrations/0012_team_rebase.sql"),
    },
    Migration {
        number: 13,
        name: "ocr",
        sql: include_str!("migrations/0013_ocr.sql"),
    },
    Migration {
        number: 14,
        name: "fewer_item_indexes",
        sql: include_str!("migrations/0014_fewer_item_indexes.sql"),
    },
    Migration {
        number: 15,
        name: "ratings",
        sql: include_str!("migrations/0015_ratings.sql"),
    },
    Migration {
        number: 16,
        name: "facet_generation",
        sql: include_str!("migrations/0016_facet_generation.sql"),
    },
    Migration {
        number: 17,
        name: "team_reader",
        sql: include_str!("migrations/0017_team_reader.sql"),
    },
    Migration {
        number: 18,
        name: "catch_up_indexes",
        sql: include_str!("migrations/0018_catch_up_indexes.sql"),
    },
];

const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    number      INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    checksum    TEXT NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT";

/// The schema number this binary brings an archive up to.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.number)
}

pub fn checksum(sql: &str) -> String {
    crate::hex(&Sha256::digest(sql.as_bytes()))
}

/// Reads the archive's schema number without writing anything.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Refuses an archive from a newer Folio or one whose applied migrations differ from ours.
/// Reads only.
pub fn check(conn: &Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    let known = migrations.last().map_or(0, |m| m.number);
    let found = schema_version(conn)?;
    if found > known {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(());
    }
    for migration in migrations.iter().filter(|m| m.number <= found) {
        let stored: Option<String> = conn
            .query_row(
                "SELECT checksum FROM schema_migrations WHERE number = ?1",
                [migration.number],
                |row| row.get(0),
            )
            .optional()?;
        if stored.as_deref() != Some(checksum(migration.sql).as_str()) {
            return Err(Error::MigrationChanged {
                path: path.to_path_buf(),
                number: migration.number,
            });
        }
    }
    Ok(())
}

/// Applies every migration newer than the archive's schema, each in its own transaction.
/// The caller holds the writer lock.
pub fn apply(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    check(conn, path, migrations)?;
    let found = schema_version(conn)?;
    for migration in migrations.iter().filter(|m| m.number > found) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(BOOKKEEPING)?;
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (number, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                migration.number,
                migration.name,
                checksum(migration.sql),
                crate::now_rfc3339()
            ],
        )?;
        tx.pragma_update(None, "user_version", migration.number)?;
        tx.commit()?;
        tracing::info!(
            number = migration.number,
            name = migration.name,
            "applied migration"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_migrations_are_numbered_one_by_one_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.number, index as i64 + 1, "{}", migration.name);
        }
    }

    /// The checksums of shipped migrations, frozen. If this fails, a shipped migration was edited:
    /// add a new numbered migration instead.
    #[test]
    fn shipped_migrations_never_change() {
        let frozen = [
            (1, include_str!("migrations/0001_initial.sql.sha256").trim()),
            (
                2,
                include_str!("migrations/0002_organise.sql.sha256").trim(),
            ),
            (
                3,
                include_str!("migrations/0003_live_counts.sql.sha256").trim(),
            ),
            (4, include_str!("migrations/0004_journal.sql.sha256").trim()),
            (
                5,
                include_str!("migrations/0005_journal_packed.sql.sha256").trim(),
            ),
            (
                6,
                include_str!("migrations/0006_sort_indexes.sql.sha256").trim(),
            ),
            (
                7,
                include_str!("migrations/0007_credit_sort.sql.sha256").trim(),
            ),
            (8, include_str!("migrations/0008_team.sql.sha256").trim()),
            (
                9,
                include_str!("migrations/0009_similarity.sql.sha256").trim(),
            ),
            (
                10,
                include_str!("migrations/0010_listing_generation.sql.sha256").trim(),
            ),
            (
                11,
                include_str!("migrations/0011_templates.sql.sha256").trim(),
            ),
            (
                12,
                include_str!("migrations/0012_team_rebase.sql.sha256").trim(),
            ),
            (13, include_str!("migrations/0013_ocr.sql.sha256").trim()),
            (
                14,
                include_str!("migrations/0014_fewer_item_indexes.sql.sha256").trim(),
            ),
            (
                15,
                include_str!("migrations/0015_ratings.sql.sha256").trim(),
            ),
            (
                16,
                include_str!("migrations/0016_facet_generation.sql.sha256").trim(),
            ),
            (
                17,
                include_str!("migrations/0017_team_reader.sql.sha256").trim(),
            ),
            (
                18,
                include_str!("migrations/0018_catch_up_indexes.sql.sha256").trim(),
            ),
        ];
        for (number, expected) in frozen {
            let migration = &MIGRATIONS[(number - 1) as usize];
            assert_eq!(
                checksum(migration.sql),
                expected,
                "shipped migration {number} ({}) was edited; add a new migration instead",
                migration.name
            );
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_schema_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("t.sqlite")).unwrap();
        let broken = [
            Migration {
                number: 1,
                name: "ok",
                sql: "CREATE TABLE a (x INTEGER);",
            },
            Migration {
                number: 2,
                name: "broken",
                sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);",
            },
        ];
        assert!(apply(&mut conn, dir.path(), &broken).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 1);
        let b_exists: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'b')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            !b_exists,
            "the failed migration's table must be rolled back"
        );
    }

    #[test]
    fn an_edited_migration_is_detected_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("t.sqlite")).unwrap();
        let original = [Migration {
            number: 1,
            name: "one",
            sql: "CREATE TABLE a (x INTEGER);",
        }];
        apply(&mut conn, dir.path(), &original).unwrap();
        let edited = [Migration {
            number: 1,
            name: "one",
            sql: "CREATE TABLE a (y TEXT);",
        }];
        let error = apply(&mut conn, dir.path(), &edited).unwrap_err();
        assert!(
            matches!(error, Error::MigrationChanged { number: 1, .. }),
            "{error}"
        );
    }
}

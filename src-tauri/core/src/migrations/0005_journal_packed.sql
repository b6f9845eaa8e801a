-- A journal action's payload, deflated, when that makes it much smaller: an import carries the
-- whole text of its articles, which would otherwise double the database. `payload` is then empty.

ALTER TABLE journal ADD COLUMN packed BLOB;

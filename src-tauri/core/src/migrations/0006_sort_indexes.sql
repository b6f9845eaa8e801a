-- A page of any sorted view of a large library read from one index, at any depth. Each sort key
-- has an index that begins with deleted_at, so "not in the Trash" is one range of it, holds the
-- id that breaks ties, and ends with kind, so Articles and Photos are told apart without
-- reading rows: stepping over half a million titles to reach the middle of the list reads index
-- entries only (15 ms), where the indexes on the sort key alone had to read each item's row
-- (1.5 s). Dates and languages go last when missing, whichever way they are sorted: descending
-- reads the first index backwards (NULL sorts first); ascending has its own index with the
-- missing ones last.

CREATE INDEX items_live_title ON items (deleted_at, title COLLATE NOCASE, id, kind);
CREATE INDEX items_live_date ON items (deleted_at, date, id, kind);
CREATE INDEX items_live_date_undated_last ON items (deleted_at, date IS NULL, date, id, kind);
CREATE INDEX items_live_language ON items (deleted_at, language, id, kind);
CREATE INDEX items_live_language_unknown_last ON items (deleted_at, language IS NULL, language, id, kind);
CREATE INDEX items_live_imported ON items (deleted_at, imported_at, id, kind);

-- Replaced by the indexes above.
DROP INDEX items_title;
DROP INDEX items_date;
DROP INDEX items_imported_at;

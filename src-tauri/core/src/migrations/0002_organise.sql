-- Organising the library: edits grouped into user actions (one undo reverts one action),
-- indexes for the sorted, paged listings of a large library, and a mark for lost originals.

ALTER TABLE history ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;
CREATE INDEX history_batch ON history (batch);

CREATE INDEX items_title ON items (title COLLATE NOCASE);
CREATE INDEX items_deleted_at ON items (deleted_at);
CREATE INDEX collection_items_position ON collection_items (collection_id, position);

-- Set by `verify --repair` on items whose original is missing from objects/.
ALTER TABLE items ADD COLUMN object_missing INTEGER NOT NULL DEFAULT 0;

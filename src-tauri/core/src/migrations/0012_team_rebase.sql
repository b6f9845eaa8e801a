-- Team archives, converging: every member ends with the record the team's log gives in its one
-- order.
--
-- `team_pending` holds, for each action made here that the team's log has not yet given its
-- place (waiting to be sent, or sent but not yet received back), the changes that take it back
-- (a SQLite session changeset, inverted) and the items it touched. Receiving the team's actions
-- takes these back, newest first, applies the team's actions in the log's order (this archive's
-- own among them, at their places), then applies the rest of its own again.
CREATE TABLE team_pending (
    seq     INTEGER PRIMARY KEY REFERENCES journal (seq) ON DELETE CASCADE,
    undo    BLOB NOT NULL,
    -- JSON array of the local ids of the items the action touched (to re-index them).
    items   TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- A uid that names another item or collection: the same original imported by two members is one
-- item (the one the team's order brought first), the same collection name created twice is one
-- collection. Actions naming either uid apply to it.
CREATE TABLE aliases (
    uid     TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('item', 'collection')),
    target  TEXT NOT NULL
) STRICT;

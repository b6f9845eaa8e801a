-- Team archives: the team this archive is a member of (at most one), and which of the journal's
-- actions the team's log already holds. An action with no `team_seq` is waiting to be sent: the
-- journal row written in the change's own transaction is the outbox. A pulled action is stored
-- with the `team_seq` the team's log gave it, so the journal of every member can be read in the
-- team's one order.

CREATE TABLE team (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL,
    name        TEXT NOT NULL,
    -- The PostgreSQL connection string, without a password.
    database    TEXT NOT NULL,
    -- Where originals are shared: a folder, or an s3:// address.
    objects     TEXT NOT NULL,
    -- The team log's sequence number up to which this archive has applied every action.
    pulled      INTEGER NOT NULL DEFAULT 0,
    joined_at   TEXT NOT NULL,
    last_sync   TEXT,
    last_error  TEXT
) STRICT;

ALTER TABLE journal ADD COLUMN team_seq INTEGER;
CREATE UNIQUE INDEX journal_team_seq ON journal (team_seq) WHERE team_seq IS NOT NULL;

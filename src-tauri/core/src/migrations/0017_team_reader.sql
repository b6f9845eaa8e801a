-- A team member whose database role may read the team's log but not add to it (a reader): the
-- archive receives the team's changes and makes none of its own. Learnt from the database at
-- every create, join and sync.
ALTER TABLE team ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1));

-- The team database role that pushed an action, as the team's log records it (set when the
-- action is received from the log; NULL for actions the team has not given back yet).
ALTER TABLE journal ADD COLUMN pushed_by TEXT;

-- A Folio team in PostgreSQL: the team, and its log of actions in one total order.
CREATE SCHEMA IF NOT EXISTS folio;

CREATE TABLE folio.team (
    id          integer PRIMARY KEY CHECK (id = 1),
    uid         text NOT NULL,
    name        text NOT NULL,
    -- Where the team's originals are (a shared folder, or an s3:// address).
    objects     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The team's log. `seq` is given under a transaction-level advisory lock and the lock is held
-- until commit, so the actions commit in `seq` order: a member that has applied everything up to
-- N never later sees an action below N appear. (A `bigserial` would hand out numbers that commit
-- out of order.)
CREATE TABLE folio.log (
    seq         bigint PRIMARY KEY,
    uid         text NOT NULL UNIQUE,
    kind        text NOT NULL,
    -- Who made the change on their desktop, and the database role that pushed it.
    author      text NOT NULL,
    pushed_by   text NOT NULL DEFAULT session_user,
    at          text NOT NULL,
    -- The action as JSON (large ones are compressed by PostgreSQL itself).
    payload     text NOT NULL,
    pushed_at   timestamptz NOT NULL DEFAULT now()
);

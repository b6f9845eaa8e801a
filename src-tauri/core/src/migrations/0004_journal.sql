-- The journal: every change to the archive as one self-contained action, appended in the same
-- transaction as the change. Actions name items, collections and saved searches by uid and tags
-- by name (a tag is its name, compared ignoring case), never by a local id, so the journal can
-- be replayed onto another archive and pushed to a team.

CREATE TABLE journal (
    seq         INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    author      TEXT NOT NULL,
    at          TEXT NOT NULL,
    -- The action as JSON, its kind included.
    payload     TEXT NOT NULL
) STRICT;

-- A history row belongs to the journal action that wrote it: `history.batch` is its `seq`.
-- Actions recorded before the journal existed become entries of kind `legacy` (no payload), so
-- undo keeps reaching them.
INSERT INTO journal (seq, uid, kind, author, at, payload)
SELECT batch,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
             substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
             hex(randomblob(6))),
       'legacy', '', max(changed_at), '{"kind":"legacy"}'
FROM history WHERE batch > 0 GROUP BY batch ORDER BY batch;

-- Collections and saved searches get uids, so actions can name them across archives.
ALTER TABLE collections ADD COLUMN uid TEXT;
UPDATE collections SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)));
CREATE UNIQUE INDEX collections_uid ON collections (uid);

ALTER TABLE saved_searches ADD COLUMN uid TEXT;
UPDATE saved_searches SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6)));
CREATE UNIQUE INDEX saved_searches_uid ON saved_searches (uid);

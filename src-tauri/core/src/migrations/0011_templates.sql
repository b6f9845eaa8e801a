-- Ingest templates: a named caption, credit, byline, copyright, keywords and tags an import
-- applies to what it brings in. `body` is the template as JSON (its fields and its mode); it is
-- written only by journal actions, so replaying a journal gives the same templates.

CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    body        TEXT NOT NULL CHECK (json_valid(body)),
    created_at  TEXT NOT NULL
) STRICT;

-- The archive's first schema: items (articles and photos), their blobs, captions as figures,
-- tags, collections, saved searches, edit history and the search-index queue.

CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    media_type  TEXT NOT NULL,
    stored_at   TEXT NOT NULL
) STRICT;

CREATE TABLE items (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('article', 'photo')),
    title           TEXT NOT NULL DEFAULT '',
    date            TEXT,
    date_precision  TEXT CHECK (date_precision IN ('day', 'month', 'year', 'instant')),
    language        TEXT,
    sha256          TEXT NOT NULL REFERENCES blobs (sha256),
    source_name     TEXT NOT NULL DEFAULT '',
    source_path     TEXT NOT NULL DEFAULT '',
    imported_at     TEXT NOT NULL,
    modified_at     TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    deleted_at      TEXT
) STRICT;
CREATE INDEX items_kind ON items (kind);
CREATE INDEX items_sha256 ON items (sha256);
CREATE INDEX items_date ON items (date);
CREATE INDEX items_imported_at ON items (imported_at);

CREATE TABLE articles (
    item_id     INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    byline      TEXT NOT NULL DEFAULT '',
    site        TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    body_text   TEXT NOT NULL DEFAULT '',
    body_html   TEXT NOT NULL DEFAULT '',
    excerpt     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE photos (
    item_id     INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    width       INTEGER,
    height      INTEGER,
    caption     TEXT NOT NULL DEFAULT '',
    credit      TEXT NOT NULL DEFAULT '',
    byline      TEXT NOT NULL DEFAULT '',
    copyright   TEXT NOT NULL DEFAULT '',
    keywords    TEXT NOT NULL DEFAULT '[]',
    camera      TEXT NOT NULL DEFAULT '',
    gps_lat     REAL,
    gps_lon     REAL,
    taken_at    TEXT
) STRICT;

CREATE TABLE figures (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    caption         TEXT NOT NULL DEFAULT '',
    credit          TEXT NOT NULL DEFAULT '',
    image_ref       TEXT NOT NULL DEFAULT '',
    photo_id        INTEGER REFERENCES items (id) ON DELETE SET NULL,
    UNIQUE (article_id, position)
) STRICT;
CREATE INDEX figures_photo ON figures (photo_id);

CREATE TABLE tags (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE item_tags (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags (tag_id, item_id);

CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE collection_items (
    collection_id   INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    item_id         INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (collection_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX collection_items_item ON collection_items (item_id, collection_id);

CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER REFERENCES items (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    changed_at  TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX history_item ON history (item_id);

-- Written in the same transaction as every change that affects search; the indexer applies and
-- deletes the rows after commit, and replays what is left on open.
CREATE TABLE index_queue (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id     INTEGER NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete'))
) STRICT;

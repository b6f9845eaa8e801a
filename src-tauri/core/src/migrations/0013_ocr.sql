-- OCR: scans waiting to be read, the text read from each page, and the archive's own settings.

-- Items whose pixels are still to be read. Local work, not journaled: the import that queued an
-- item and the worker that reads it run on the same archive; a row survives a quit and is picked
-- up at the next start.
CREATE TABLE ocr_queue (
    item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    queued_at   TEXT NOT NULL
) STRICT;

-- The text OCR read, one row per page (1-based; an image is page 1). A page that could not be
-- read has empty text and says why in `problem`.
CREATE TABLE ocr_pages (
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    problem     TEXT,
    PRIMARY KEY (item_id, page)
) STRICT, WITHOUT ROWID;

-- Settings that belong to the archive rather than to a computer (`ocr_photos`: `on` or `off`).
CREATE TABLE archive_settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
) STRICT;

-- Near-duplicates. A photo original's perceptual fingerprint (a 64-bit DCT hash, stored as a
-- signed INTEGER), NULL until computed; and an article's text sketch (the smallest hashes of its
-- word shingles, 4 bytes each, little-endian), NULL until computed. Both are derived — from the
-- original's pixels and from the body text — and `folio verify --repair` makes missing ones.

ALTER TABLE blobs ADD COLUMN phash INTEGER;
ALTER TABLE articles ADD COLUMN sketch BLOB;

-- A number that changes whenever what near-duplicates are found among may have changed (an item
-- added, removed, moved to or from the trash; a fingerprint or sketch made), so a reader keeps
-- every fingerprint in memory and reloads them only then, whichever process wrote.
CREATE TABLE similarity_generation (n INTEGER NOT NULL) STRICT;
INSERT INTO similarity_generation (n) VALUES (0);

CREATE TRIGGER similarity_item_added AFTER INSERT ON items
BEGIN UPDATE similarity_generation SET n = n + 1; END;
CREATE TRIGGER similarity_item_removed AFTER DELETE ON items
BEGIN UPDATE similarity_generation SET n = n + 1; END;
CREATE TRIGGER similarity_item_trashed AFTER UPDATE OF deleted_at ON items
BEGIN UPDATE similarity_generation SET n = n + 1; END;
CREATE TRIGGER similarity_fingerprint_made AFTER UPDATE OF phash ON blobs
BEGIN UPDATE similarity_generation SET n = n + 1; END;
CREATE TRIGGER similarity_sketch_made AFTER UPDATE OF sketch ON articles
BEGIN UPDATE similarity_generation SET n = n + 1; END;

-- Near-duplicates. A photo original's perceptual fingerprint (a 64-bit DCT hash, stored as a
-- signed INTEGER), NULL until computed; and an article's text sketch (the smallest hashes of its
-- word shingles, 4 bytes each, little-endian), NULL until computed. Both are derived — from the
-- original's pixels and from the body text — and `folio verify --repair` makes missing ones.

ALTER TABLE blobs ADD COLUMN phash INTEGER;
ALTER TABLE articles ADD COLUMN sketch BLOB;

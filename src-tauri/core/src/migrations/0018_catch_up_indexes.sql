-- What the near-duplicate catch-up looks for each time the desktop starts, found without reading
-- the whole archive. Articles still without a text sketch: an import gives every article its
-- sketch, so this holds only what OCR has just rewritten (or an older Folio left); without it,
-- `sketch IS NULL` read every article's text, whose pages come before the sketch's.
CREATE INDEX articles_unsketched ON articles (item_id) WHERE sketch IS NULL;

-- The originals of photos, so that the originals without a fingerprint are looked for among the
-- photos' only, not among every article's.
CREATE INDEX items_photo_originals ON items (sha256) WHERE kind = 'photo';

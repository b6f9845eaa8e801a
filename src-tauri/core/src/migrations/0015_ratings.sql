-- Every item's rating, 0 to 5 stars (0: not rated), and colour label, one of five or none, as
-- press photographers mark their picks (Photo Mechanic, Lightroom, digiKam). Sorting by rating
-- reads its own index, like the other sorts (migration 6), and a new rating moves the listing
-- generation on, like a new title (migration 10).

ALTER TABLE items ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
ALTER TABLE items ADD COLUMN label TEXT
    CHECK (label IN ('red', 'yellow', 'green', 'blue', 'purple'));

CREATE INDEX items_live_rating ON items (deleted_at, rating, id, kind);

CREATE TRIGGER listing_item_rated AFTER UPDATE OF rating ON items
BEGIN UPDATE listing_generation SET n = n + 1; END;

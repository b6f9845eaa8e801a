-- A counter that moves on with every change to what a listing shows: an item added, removed,
-- trashed, restored or given another sort value, a tag or collection membership changed. The
-- library's sort orders and views' member sets are kept in memory while it holds
-- (library/orders.rs).

CREATE TABLE listing_generation (n INTEGER NOT NULL) STRICT;
INSERT INTO listing_generation (n) VALUES (0);

CREATE TRIGGER listing_item_added AFTER INSERT ON items
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_item_removed AFTER DELETE ON items
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_item_moved
AFTER UPDATE OF kind, title, date, language, sort_credit, imported_at, deleted_at ON items
BEGIN UPDATE listing_generation SET n = n + 1; END;

CREATE TRIGGER listing_tag_added AFTER INSERT ON item_tags
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_tag_removed AFTER DELETE ON item_tags
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_tag_moved AFTER UPDATE ON item_tags
BEGIN UPDATE listing_generation SET n = n + 1; END;

CREATE TRIGGER listing_collected AFTER INSERT ON collection_items
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_uncollected AFTER DELETE ON collection_items
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_collection_moved AFTER UPDATE OF collection_id, item_id ON collection_items
BEGIN UPDATE listing_generation SET n = n + 1; END;

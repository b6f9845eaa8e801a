-- Facet counts (facets/) keep each item's credits, bylines and tag names in memory while the
-- listing generation (migration 10) holds. These change it too: a photo's byline, a figure's
-- credit, a tag's name.

CREATE TRIGGER listing_photo_byline AFTER UPDATE OF byline ON photos
BEGIN UPDATE listing_generation SET n = n + 1; END;

CREATE TRIGGER listing_figure_added AFTER INSERT ON figures
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_figure_removed AFTER DELETE ON figures
BEGIN UPDATE listing_generation SET n = n + 1; END;
CREATE TRIGGER listing_figure_credit AFTER UPDATE OF credit, article_id ON figures
BEGIN UPDATE listing_generation SET n = n + 1; END;

CREATE TRIGGER listing_tag_renamed AFTER UPDATE OF name ON tags
BEGIN UPDATE listing_generation SET n = n + 1; END;

-- Indexes on items that every import paid for, for items it never asks them about. The Trash's
-- index held an entry for every item, in the Trash or not; it now holds the Trash's items only
-- (an import adds nothing to it). `items_kind` only counted the photos, which `items_live_kind`
-- (deleted_at, kind) counts as one range, those not in the Trash.

DROP INDEX items_deleted_at;
CREATE INDEX items_trashed ON items (deleted_at) WHERE deleted_at IS NOT NULL;
DROP INDEX items_kind;

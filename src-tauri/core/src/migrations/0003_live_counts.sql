-- Counts of a large library without reading its rows: the sidebar's per-kind and Trash counts
-- are answered from this index alone.
CREATE INDEX items_live_kind ON items (deleted_at, kind);

//! The canonical dump: an archive's whole record as sorted JSON lines with no local ids, so two
//! archives that hold the same things dump byte for byte the same, however their rows were
//! numbered. Replaying a journal must give an archive that dumps like the original.
//!
//! One line per record, in this order, each section sorted:
//! - `{"blob": …}` — SHA-256, size, media type (not when this archive stored it);
//! - `{"item": …}` — by uid: every field of the item (not whether this archive's copy of its
//!   original is missing, which is about this disk), its article or photo, its tags (sorted by
//!   name ignoring case), its figures in position order naming the photo they show by uid;
//! - `{"tag": name}` — by name ignoring case;
//! - `{"collection": …}` — by uid: name, creation time and the uids of its items in order;
//! - `{"saved_search": …}` — by uid: name, query, creation time;
//! - `{"history": …}` — by journal action, then item, then field: the action's uid, the item's
//!   uid, the field (a figure named by its position, not its row id), old and new values (a
//!   figure's photo by uid) and whether it was undone;
//! - `{"journal": …}` — in journal order: uid, kind, author, time and payload.
//!
//! "Journal order" is a team's order (`team_seq`) for the actions a team's log holds, then this
//! archive's own order for the rest: members of a team that have all synced dump the same.

use rusqlite::Connection;
use serde_json::{Value, json};

use crate::error::Result;

/// The archive's canonical dump (see the module documentation).
pub fn dump(conn: &Connection) -> Result<String> {
    let mut out = String::new();
    let sections: [(&str, &str); 7] = [
        (
            "blob",
            "SELECT json_object('sha256', sha256, 'size', size, 'media_type', media_type)
             FROM blobs ORDER BY sha256",
        ),
        (
            "item",
            "SELECT json_object(
                'uid', i.uid, 'kind', i.kind, 'title', i.title, 'date', i.date,
                'date_precision', i.date_precision, 'language', i.language, 'sha256', i.sha256,
                'source_name', i.source_name, 'source_path', i.source_path,
                'imported_at', i.imported_at, 'modified_at', i.modified_at, 'notes', i.notes,
                'deleted_at', i.deleted_at, 'rating', i.rating, 'label', i.label,
                'article', json((SELECT json_object('byline', a.byline, 'site', a.site, 'url', a.url,
                            'body_text', a.body_text, 'body_html', a.body_html,
                            'excerpt', a.excerpt) FROM articles a WHERE a.item_id = i.id)),
                'photo', json((SELECT json_object('width', p.width, 'height', p.height,
                          'caption', p.caption, 'credit', p.credit, 'byline', p.byline,
                          'copyright', p.copyright, 'keywords', json(p.keywords),
                          'camera', p.camera, 'gps_lat', p.gps_lat, 'gps_lon', p.gps_lon,
                          'taken_at', p.taken_at) FROM photos p WHERE p.item_id = i.id)),
                'tags', json((SELECT json_group_array(name) FROM
                         (SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
                          WHERE it.item_id = i.id ORDER BY lower(t.name), t.name))),
                'figures', json((SELECT json_group_array(json_object('position', position,
                            'caption', caption, 'credit', credit, 'image_ref', image_ref,
                            'photo', photo)) FROM
                            (SELECT f.position, f.caption, f.credit, f.image_ref, p.uid AS photo
                             FROM figures f LEFT JOIN items p ON p.id = f.photo_id
                             WHERE f.article_id = i.id ORDER BY f.position))),
                'ocr', json((SELECT json_group_array(json_object('page', page, 'text', text,
                            'problem', problem)) FROM
                            (SELECT page, text, problem FROM ocr_pages o
                             WHERE o.item_id = i.id ORDER BY page))))
             FROM items i ORDER BY i.uid",
        ),
        (
            "tag",
            "SELECT json_quote(name) FROM tags ORDER BY lower(name), name",
        ),
        (
            "collection",
            "SELECT json_object('uid', c.uid, 'name', c.name, 'created_at', c.created_at,
                'items', json((SELECT json_group_array(uid) FROM
                          (SELECT i.uid FROM collection_items ci JOIN items i ON i.id = ci.item_id
                           WHERE ci.collection_id = c.id ORDER BY ci.position, i.uid))))
             FROM collections c ORDER BY c.uid",
        ),
        (
            "saved_search",
            "SELECT json_object('uid', uid, 'name', name, 'query', query,
                                'created_at', created_at)
             FROM saved_searches ORDER BY uid",
        ),
        (
            "template",
            "SELECT json_object('uid', uid, 'name', name, 'body', json(body),
                                'created_at', created_at)
             FROM templates ORDER BY uid",
        ),
        (
            "history",
            "SELECT json_object('action', j.uid, 'item', i.uid,
                'field', CASE WHEN h.field LIKE 'figure:%'
                         THEN 'figure:' || (SELECT position FROM figures
                                            WHERE id = CAST(substr(h.field, 8) AS INTEGER))
                         ELSE h.field END,
                'old', CASE WHEN h.field LIKE 'figure:%'
                       THEN (SELECT uid FROM items WHERE id = CAST(h.old_value AS INTEGER))
                       ELSE h.old_value END,
                'new', CASE WHEN h.field LIKE 'figure:%'
                       THEN (SELECT uid FROM items WHERE id = CAST(h.new_value AS INTEGER))
                       ELSE h.new_value END,
                'changed_at', h.changed_at, 'undone', h.undone)
             FROM history h JOIN journal j ON j.seq = h.batch
             LEFT JOIN items i ON i.id = h.item_id
             ORDER BY j.team_seq IS NULL, j.team_seq, j.seq, i.uid, h.field, h.id",
        ),
    ];
    for (section, sql) in sections {
        let mut statement = conn.prepare(sql)?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        for row in rows {
            let value: Value = serde_json::from_str(&row?)
                .map_err(|e| crate::Error::Internal(format!("dump: {e}")))?;
            out.push_str(&json!({ section: value }).to_string());
            out.push('\n');
        }
    }
    // The journal from Rust: a packed payload is only readable unpacked.
    for entry in super::in_team_order(conn)? {
        let record = json!({"journal": {
            "uid": entry.uid,
            "kind": entry.action.kind(),
            "author": entry.author,
            "at": entry.at,
            "payload": entry.action,
        }});
        out.push_str(&record.to_string());
        out.push('\n');
    }
    Ok(out)
}

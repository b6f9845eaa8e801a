//! Ingest templates: a named set of caption, credit, byline, copyright, keywords and tags that an
//! import applies to every photo it brings in — filling only what the file left empty, or
//! replacing what it says. Texts may use `{filename}`, `{date}` (the photo's date, else the
//! day of the import), `{seq}` (its place in the import, from 1) and `{caption}` (the file's own
//! caption); `{{` and `}}` are braces. A template is checked when saved: an unknown variable is
//! refused by name. Saving and deleting are applied from journal actions; applying one is part
//! of the import, so its journal action records the values the template gave.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::photo::PhotoDraft;

/// The variables a template's texts may use.
pub const VARIABLES: &[&str] = &["filename", "date", "seq", "caption"];

/// Whether a template fills only empty fields or replaces what the file says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateMode {
    #[default]
    FillEmpty,
    Replace,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub name: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: String,
    #[serde(default)]
    pub byline: String,
    #[serde(default)]
    pub copyright: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Tags every item of the import gets (articles too).
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub mode: TemplateMode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Variable(&'a str),
}

/// Splits a template text into text and variables; an unknown variable or an unclosed brace is
/// an error that says which.
fn parse(text: &str) -> std::result::Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            pieces.push(Piece::Text(&rest[..at]));
        }
        let brace = rest[at..].chars().next().unwrap_or('{');
        let after = &rest[at + 1..];
        if after.starts_with(brace) {
            pieces.push(Piece::Brace(brace));
            rest = &after[1..];
        } else if brace == '}' {
            return Err(format!("a lone `}}` in {text:?}: write `}}}}` for a brace"));
        } else {
            let Some(end) = after.find('}') else {
                return Err(format!("`{{` without `}}` in {text:?}"));
            };
            let name = &after[..end];
            if !VARIABLES.contains(&name) {
                return Err(format!(
                    "unknown variable {{{name}}} in {text:?}; the variables are {}",
                    VARIABLES
                        .iter()
                        .map(|v| format!("{{{v}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            pieces.push(Piece::Variable(name));
            rest = &after[end + 1..];
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

/// What the variables stand for, for one photo.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    pub filename: &'a str,
    pub date: &'a str,
    pub seq: u64,
    pub caption: &'a str,
}

/// `text` with its variables replaced (a text that does not parse is left as it is: templates
/// are checked when saved).
pub fn expand(text: &str, values: &Values<'_>) -> String {
    let Ok(pieces) = parse(text) else {
        return text.to_string();
    };
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Brace(brace) => out.push(brace),
            Piece::Variable("filename") => out.push_str(values.filename),
            Piece::Variable("date") => out.push_str(values.date),
            Piece::Variable("seq") => out.push_str(&values.seq.to_string()),
            Piece::Variable(_) => out.push_str(values.caption),
        }
    }
    out.trim().to_string()
}

/// Cleans a template as typed and checks every text; the first problem is the error.
pub fn clean(template: &Template) -> Result<Template> {
    let name = template
        .name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(Error::InvalidInput("a template needs a name".into()));
    }
    let keep = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
            .collect()
    };
    let cleaned = Template {
        name,
        caption: template.caption.trim().to_string(),
        credit: template.credit.trim().to_string(),
        byline: template.byline.trim().to_string(),
        copyright: template.copyright.trim().to_string(),
        keywords: keep(&template.keywords),
        tags: crate::library::tagging::clean_names(&keep(&template.tags))?,
        mode: template.mode,
    };
    let texts = [
        ("caption", &cleaned.caption),
        ("credit", &cleaned.credit),
        ("byline", &cleaned.byline),
        ("copyright", &cleaned.copyright),
    ];
    for (field, text) in texts {
        parse(text).map_err(|problem| {
            Error::InvalidInput(format!("template {:?}, {field}: {problem}", cleaned.name))
        })?;
    }
    for keyword in &cleaned.keywords {
        parse(keyword).map_err(|problem| {
            Error::InvalidInput(format!("template {:?}, keywords: {problem}", cleaned.name))
        })?;
    }
    Ok(cleaned)
}

/// Applies `template` to a photo about to be imported.
pub fn apply_to_photo(
    template: &Template,
    photo: &mut PhotoDraft,
    filename: &str,
    seq: u64,
    today: &str,
) {
    let own_caption = photo.caption.clone();
    let date = photo
        .taken
        .as_deref()
        .map_or(today, |taken| taken.get(..10).unwrap_or(taken))
        .to_string();
    let values = Values {
        filename,
        date: &date,
        seq,
        caption: &own_caption,
    };
    let replace = template.mode == TemplateMode::Replace;
    let set = |field: &mut String, text: &str| {
        if !text.is_empty() && (replace || field.trim().is_empty()) {
            *field = expand(text, &values);
        }
    };
    set(&mut photo.caption, &template.caption);
    set(&mut photo.credit, &template.credit);
    set(&mut photo.byline, &template.byline);
    set(&mut photo.copyright, &template.copyright);
    if !template.keywords.is_empty() && (replace || photo.keywords.is_empty()) {
        photo.keywords = template
            .keywords
            .iter()
            .map(|keyword| expand(keyword, &values))
            .filter(|keyword| !keyword.is_empty())
            .collect();
    }
}

// Storage: the `templates` table, written only by journal actions.

fn from_row(name: String, body: &str) -> Result<Template> {
    let mut template: Template = serde_json::from_str(body)
        .map_err(|e| Error::Internal(format!("template {name:?} cannot be read: {e}")))?;
    template.name = name;
    Ok(template)
}

/// The uid of the template called `name` (ignoring case), if there is one.
pub(crate) fn uid_of_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT uid FROM templates WHERE name = ?1", [name], |row| {
            row.get(0)
        })
        .optional()?)
}

/// Saves `template` with this uid at `at`; an existing name (ignoring case) is replaced.
pub(crate) fn apply_save(
    conn: &Connection,
    uid: &str,
    template: &Template,
    at: &str,
) -> Result<()> {
    let body = serde_json::to_string(template).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO templates (uid, name, body, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body",
        params![uid, template.name, body, at],
    )?;
    Ok(())
}

pub(crate) fn apply_delete(conn: &Connection, uid: &str) -> Result<()> {
    if conn.execute("DELETE FROM templates WHERE uid = ?1", [uid])? == 0 {
        return Err(Error::NotFound(format!("template {uid}")));
    }
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<Template>> {
    let mut statement =
        conn.prepare("SELECT name, body FROM templates ORDER BY name COLLATE NOCASE")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (name, body) = row?;
        from_row(name, &body)
    })
    .collect()
}

/// The template called `name` (ignoring case).
pub fn find(conn: &Connection, name: &str) -> Result<Template> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT name, body FROM templates WHERE name = ?1",
            [&name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (found, body) = row.ok_or_else(|| Error::NotFound(format!("template {name:?}")))?;
    from_row(found, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            filename: "DSC_0042.jpg",
            date: "2026-12-05",
            seq: 7,
            caption: "Own caption",
        }
    }

    #[test]
    fn variables_are_replaced_and_double_braces_are_braces() {
        let text = "{caption} ({filename}, {date}, #{seq}) {{draft}}";
        assert_eq!(
            expand(text, &values()),
            "Own caption (DSC_0042.jpg, 2026-12-05, #7) {draft}"
        );
    }

    #[test]
    fn an_unknown_variable_is_refused_by_name_when_saved() {
        let template = Template {
            name: "Desk".into(),
            credit: "Photo: {photographer}".into(),
            ..Template::default()
        };
        let error = clean(&template).unwrap_err().to_string();
        assert!(error.contains("{photographer}"), "{error}");
        assert!(error.contains("credit"), "{error}");
        let unclosed = Template {
            name: "Desk".into(),
            caption: "{caption".into(),
            ..Template::default()
        };
        assert!(clean(&unclosed).is_err());
        let nameless = Template::default();
        assert!(clean(&nameless).is_err());
    }

    fn photo(caption: &str, credit: &str, keywords: &[&str]) -> PhotoDraft {
        PhotoDraft {
            format: crate::photo::PhotoFormat::Jpeg,
            media_type: "image/jpeg",
            width: 1,
            height: 1,
            title: String::new(),
            caption: caption.into(),
            credit: credit.into(),
            byline: String::new(),
            copyright: String::new(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            taken: Some("2024-03-06T10:00:00".into()),
            camera: String::new(),
            gps: None,
            rating: 0,
            label: None,
            thumbnails: Vec::new(),
            fingerprint: None,
            scanned_page: false,
        }
    }

    #[test]
    fn fill_empty_keeps_what_the_file_says() {
        let template = Template {
            name: "Agency".into(),
            caption: "{filename}".into(),
            credit: "Photo: Desk".into(),
            keywords: vec!["news".into()],
            ..Template::default()
        };
        let mut draft = photo("Own caption", "", &["own"]);
        apply_to_photo(&template, &mut draft, "a.jpg", 1, "2026-12-05");
        assert_eq!(draft.caption, "Own caption");
        assert_eq!(draft.credit, "Photo: Desk");
        assert_eq!(draft.keywords, ["own"]);
    }

    #[test]
    fn replace_overwrites_and_can_reuse_the_own_caption_and_the_date_taken() {
        let template = Template {
            name: "Agency".into(),
            caption: "{caption} — {date}, frame {seq}".into(),
            keywords: vec!["news".into(), "{date}".into()],
            mode: TemplateMode::Replace,
            ..Template::default()
        };
        let mut draft = photo("Own caption", "Own credit", &["own"]);
        apply_to_photo(&template, &mut draft, "a.jpg", 3, "2026-12-05");
        assert_eq!(draft.caption, "Own caption — 2024-03-06, frame 3");
        assert_eq!(
            draft.credit, "Own credit",
            "an empty template field changes nothing"
        );
        assert_eq!(draft.keywords, ["news", "2024-03-06"]);
    }
}

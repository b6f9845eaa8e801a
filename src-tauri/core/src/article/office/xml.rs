//! A small event stream over package XML with entities resolved, for the DOCX and ODT readers.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::article::{ArticleError, ArticleFormat};

/// An element's qualified name (`w:p`) and attributes, values unescaped.
#[derive(Debug, Default)]
pub(super) struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub(super) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub(super) enum XmlEvent {
    Start(Tag),
    End(String),
    /// A self-closing element: a `Start` immediately followed by its `End`.
    Empty(Tag),
    Text(String),
}

/// Calls `visit` for each event of `xml` in order.
pub(super) fn for_each_event(
    xml: &[u8],
    format: ArticleFormat,
    part: &str,
    mut visit: impl FnMut(XmlEvent),
) -> Result<(), ArticleError> {
    let text = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    loop {
        let event = reader.read_event().map_err(|e| {
            ArticleError::damaged(format, format!("{part} is not well-formed XML ({e})"))
        })?;
        match event {
            Event::Start(start) => visit(XmlEvent::Start(tag(&start))),
            Event::Empty(start) => visit(XmlEvent::Empty(tag(&start))),
            Event::End(end) => visit(XmlEvent::End(end.name().as_ref().to_string())),
            Event::Text(t) => visit(XmlEvent::Text(t.xml10_content().into_owned())),
            Event::CData(t) => visit(XmlEvent::Text(t.to_string())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => predefined_entity(&r).map(str::to_string),
                };
                if let Some(s) = resolved {
                    visit(XmlEvent::Text(s));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn tag(start: &BytesStart) -> Tag {
    let attrs = start
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.as_ref().to_string(), value)
        })
        .collect();
    Tag {
        name: start.name().as_ref().to_string(),
        attrs,
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        _ => return None,
    })
}

/// The text of the first element named `name` in a small metadata part (`dc:title`).
pub(super) fn first_text_of(
    xml: &[u8],
    format: ArticleFormat,
    part: &str,
    name: &str,
) -> Option<String> {
    let mut depth = 0usize;
    let mut found = String::new();
    let mut done = false;
    for_each_event(xml, format, part, |event| match event {
        XmlEvent::Start(tag) if !done && tag.name == name => depth += 1,
        XmlEvent::End(n) if depth > 0 && n == name => {
            depth -= 1;
            done = true;
        }
        XmlEvent::Text(t) if depth > 0 => found.push_str(&t),
        _ => {}
    })
    .ok()?;
    let found = crate::text::collapse_whitespace(&found);
    (!found.is_empty()).then_some(found)
}

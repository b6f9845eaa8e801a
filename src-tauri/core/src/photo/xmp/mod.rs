//! A small XMP reader on quick-xml: the Dublin Core, Photoshop, IPTC Core, XMP basic (rating
//! and label), EXIF and TIFF properties Folio keeps, whether written as elements or as attributes, with `rdf:Alt`
//! (x-default, else the first), `rdf:Seq` and `rdf:Bag`.
//!
//! Safety: quick-xml does not read DTDs, so no entity is ever expanded — neither external
//! (`SYSTEM "file:…"`) nor nested internal ones (billion laughs). Only the five predefined
//! entities and character references are resolved; any other reference is dropped.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::text;
use crate::library::ratings::{self, Label};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
const XMP: &str = "http://ns.adobe.com/xap/1.0/";
const EXIF: &str = "http://ns.adobe.com/exif/1.0/";
const EXIF_EX: &str = "http://cipa.jp/exif/1.0/";
const TIFF: &str = "http://ns.adobe.com/tiff/1.0/";

/// The properties Folio reads, each tied to its namespace and local name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prop {
    Title,
    Description,
    AltText,
    Headline,
    Creator,
    Rights,
    Credit,
    Subject,
    DateCreated,
    DateTimeOriginal,
    CreateDate,
    Make,
    Model,
    Orientation,
    GpsLatitude,
    GpsLongitude,
    Rating,
    Label,
}

const PROPS: [(&str, &str, Prop); 19] = [
    (DC, "title", Prop::Title),
    (DC, "description", Prop::Description),
    (DC, "creator", Prop::Creator),
    (DC, "rights", Prop::Rights),
    (DC, "subject", Prop::Subject),
    (IPTC_CORE, "AltTextAccessibility", Prop::AltText),
    (PHOTOSHOP, "Headline", Prop::Headline),
    (PHOTOSHOP, "Credit", Prop::Credit),
    (PHOTOSHOP, "DateCreated", Prop::DateCreated),
    (EXIF, "DateTimeOriginal", Prop::DateTimeOriginal),
    (EXIF_EX, "DateTimeOriginal", Prop::DateTimeOriginal),
    (XMP, "CreateDate", Prop::CreateDate),
    (TIFF, "Make", Prop::Make),
    (TIFF, "Model", Prop::Model),
    (TIFF, "Orientation", Prop::Orientation),
    (EXIF, "GPSLatitude", Prop::GpsLatitude),
    (EXIF, "GPSLongitude", Prop::GpsLongitude),
    (XMP, "Rating", Prop::Rating),
    (XMP, "Label", Prop::Label),
];

/// The XMP fields Folio keeps, as text; empty values are absent.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct XmpFields {
    pub title: Option<String>,
    pub description: Option<String>,
    pub alt_text: Option<String>,
    pub headline: Option<String>,
    pub creators: Vec<String>,
    pub rights: Option<String>,
    pub credit: Option<String>,
    pub subjects: Vec<String>,
    pub date_created: Option<String>,
    pub date_time_original: Option<String>,
    pub create_date: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub orientation: Option<u16>,
    pub gps_latitude: Option<String>,
    pub gps_longitude: Option<String>,
    /// `xmp:Rating` as stars, 0 to 5; "rejected" (`-1`) and other values outside 0–5 are 0.
    pub rating: Option<u8>,
    /// `xmp:Label` when it names one of the five colour labels (in any case); other label text
    /// (a workflow's own words) is ignored.
    pub label: Option<Label>,
}

impl XmpFields {
    /// These fields, with gaps filled from `other` (a later packet in the same file).
    pub fn or(self, other: Self) -> Self {
        let list = |a: Vec<String>, b: Vec<String>| if a.is_empty() { b } else { a };
        Self {
            title: self.title.or(other.title),
            description: self.description.or(other.description),
            alt_text: self.alt_text.or(other.alt_text),
            headline: self.headline.or(other.headline),
            creators: list(self.creators, other.creators),
            rights: self.rights.or(other.rights),
            credit: self.credit.or(other.credit),
            subjects: list(self.subjects, other.subjects),
            date_created: self.date_created.or(other.date_created),
            date_time_original: self.date_time_original.or(other.date_time_original),
            create_date: self.create_date.or(other.create_date),
            make: self.make.or(other.make),
            model: self.model.or(other.model),
            orientation: self.orientation.or(other.orientation),
            gps_latitude: self.gps_latitude.or(other.gps_latitude),
            gps_longitude: self.gps_longitude.or(other.gps_longitude),
            rating: self.rating.or(other.rating),
            label: self.label.or(other.label),
        }
    }

    fn set(&mut self, prop: Prop, values: Vec<(Option<String>, String)>) {
        let pick_alt = || {
            let chosen = values
                .iter()
                .find(|(lang, _)| lang.as_deref() == Some("x-default"))
                .or_else(|| values.first());
            chosen.map(|(_, v)| v.clone())
        };
        let single = |multiline: bool| {
            pick_alt()
                .map(|v| {
                    if multiline {
                        text::clean_multiline(&v)
                    } else {
                        text::clean_line(&v)
                    }
                })
                .filter(|v| !v.is_empty())
        };
        let list = || -> Vec<String> {
            values
                .iter()
                .map(|(_, v)| text::clean_line(v))
                .filter(|v| !v.is_empty())
                .collect()
        };
        match prop {
            Prop::Title => self.title = single(false),
            Prop::Description => self.description = single(true),
            Prop::AltText => self.alt_text = single(true),
            Prop::Headline => self.headline = single(false),
            Prop::Creator => self.creators = list(),
            Prop::Rights => self.rights = single(false),
            Prop::Credit => self.credit = single(false),
            Prop::Subject => self.subjects = list(),
            Prop::DateCreated => self.date_created = single(false),
            Prop::DateTimeOriginal => self.date_time_original = single(false),
            Prop::CreateDate => self.create_date = single(false),
            Prop::Make => self.make = single(false),
            Prop::Model => self.model = single(false),
            Prop::Orientation => self.orientation = single(false).and_then(|v| v.parse().ok()),
            Prop::GpsLatitude => self.gps_latitude = single(false),
            Prop::GpsLongitude => self.gps_longitude = single(false),
            Prop::Rating => self.rating = single(false).map(|v| ratings::rating_from_xmp(&v)),
            Prop::Label => self.label = single(false).and_then(|v| Label::from_name(&v)),
        }
    }
}

/// A property being read: where it started, the `rdf:li` items so far, and direct text.
struct Capture {
    prop: Prop,
    depth: usize,
    items: Vec<(Option<String>, String)>,
    item: Option<(Option<String>, String)>,
    direct: String,
}

impl Capture {
    fn push_text(&mut self, s: &str) {
        match &mut self.item {
            Some((_, text)) => text.push_str(s),
            None => self.direct.push_str(s),
        }
    }

    fn finish(mut self) -> (Prop, Vec<(Option<String>, String)>) {
        if self.items.is_empty() && !self.direct.trim().is_empty() {
            self.items.push((None, self.direct));
        }
        (self.prop, self.items)
    }
}

/// Parses an XMP packet (UTF-8, or UTF-16 with a byte-order mark). Errors say why the XML is
/// not well-formed.
pub fn parse(bytes: &[u8]) -> Result<XmpFields, String> {
    let xml = decode(bytes);
    let mut reader = NsReader::from_str(&xml);
    let mut fields = XmpFields::default();
    // Depth of the element being read; a capture ends at the end tag back at its own depth.
    let mut depth = 0usize;
    let mut capture: Option<Capture> = None;
    let mut saw_rdf = false;
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
        let in_rdf = matches!(ns, ResolveResult::Bound(ns) if ns.0 == RDF);
        let prop = match (&ns, &event) {
            (ResolveResult::Bound(ns), Event::Start(start)) => {
                lookup(ns.0, start.local_name().as_ref())
            }
            _ => None,
        };
        saw_rdf |= in_rdf
            && matches!(&event, Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "RDF");
        match event {
            Event::Start(start) => {
                match capture.as_mut() {
                    None => {
                        read_attribute_props(&reader, &start, &mut fields);
                        capture = prop.map(|prop| Capture {
                            prop,
                            depth,
                            items: Vec::new(),
                            item: None,
                            direct: String::new(),
                        });
                    }
                    Some(c) if in_rdf && start.local_name().as_ref() == "li" => {
                        c.item = Some((lang_of(&start), String::new()));
                    }
                    Some(_) => {}
                }
                depth += 1;
            }
            Event::Empty(start) if capture.is_none() => {
                read_attribute_props(&reader, &start, &mut fields);
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if let Some(c) = capture.as_mut() {
                    if c.depth == depth {
                        if let Some(done) = capture.take() {
                            let (prop, values) = done.finish();
                            fields.set(prop, values);
                        }
                    } else if in_rdf
                        && end.local_name().as_ref() == "li"
                        && let Some(item) = c.item.take()
                    {
                        c.items.push(item);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = capture.as_mut() {
                    c.push_text(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(c) = capture.as_mut() {
                    c.push_text(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = capture.as_mut()
                    && let Some(resolved) = resolve_reference(&r)
                {
                    c.push_text(&resolved);
                }
            }
            Event::Eof if depth > 0 => return Err("it ends before its elements are closed".into()),
            Event::Eof if !saw_rdf => return Err("it has no rdf:RDF element".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(fields)
}

fn lookup(ns: &str, local: &str) -> Option<Prop> {
    PROPS
        .iter()
        .find(|(n, l, _)| *n == ns && *l == local)
        .map(|(_, _, p)| *p)
}

/// Simple properties written as attributes: `<rdf:Description photoshop:Credit="AP">`.
fn read_attribute_props(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, fields: &mut XmpFields) {
    for attr in start.attributes().with_checks(false).flatten() {
        let (ns, local) = reader.resolver().resolve_attribute(attr.key);
        let ResolveResult::Bound(ns) = ns else {
            continue;
        };
        let Some(prop) = lookup(ns.0, local.as_ref()) else {
            continue;
        };
        // A value with an entity other than the predefined five is dropped, never expanded.
        if let Ok(value) = attr.normalized_value(XmlVersion::Implicit1_0) {
            fields.set(prop, vec![(None, value.into_owned())]);
        }
    }
}

fn lang_of(start: &BytesStart<'_>) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == "xml:lang")
        .map(|a| a.value.trim().to_ascii_lowercase())
}

/// `&amp;` and the other predefined entities, and `&#…;` character references; nothing else.
fn resolve_reference(r: &BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    resolve_predefined_entity(&r.xml10_content()).map(str::to_owned)
}

/// XMP is UTF-8 unless a byte-order mark says UTF-16; invalid sequences become U+FFFD.
fn decode(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], big: bool| {
        let units = bytes.chunks_exact(2).map(|p| {
            if big {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, true)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, false)
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[cfg(test)]
mod tests;

//! The metadata a copy carries — title, caption, credit, byline, copyright, keywords, date,
//! rating and colour label as the archive has them now — and the blocks that carry it: an XMP
//! packet (merged into the original's, keeping the properties Folio does not manage), IPTC IIM
//! declared UTF-8 (merged likewise) in a Photoshop image resource, and the ASCII EXIF text tags
//! with the EXIF rating.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, Writer};

use super::ifd::{Edit, Value};
use crate::library::ratings::Label;

/// What a copy says about its photo. Empty fields are left out of every block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embedded {
    pub title: String,
    pub caption: String,
    pub credit: String,
    pub byline: String,
    pub copyright: String,
    pub keywords: Vec<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` with an optional offset.
    pub date: Option<String>,
    /// 0 to 5 stars; 0 (not rated) writes no rating and removes the original's.
    pub rating: u8,
    pub label: Option<Label>,
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const XMP: &str = "http://ns.adobe.com/xap/1.0/";

/// The XMP properties a copy sets; any value of them in the original is dropped.
const MANAGED_XMP: [(&str, &str); 9] = [
    (DC, "title"),
    (DC, "description"),
    (DC, "creator"),
    (DC, "rights"),
    (DC, "subject"),
    (PHOTOSHOP, "Credit"),
    (PHOTOSHOP, "DateCreated"),
    (XMP, "Rating"),
    (XMP, "Label"),
];

/// EXIF's rating (Microsoft's IFD0 tag, 0–5) and its percentage twin, which a copy removes so
/// that it never contradicts the rating.
const EXIF_RATING: u16 = 0x4746;
const EXIF_RATING_PERCENT: u16 = 0x4749;

/// IIM datasets (record 2) a copy sets; 2:60 (time created) goes with the date.
const MANAGED_IIM: [u8; 9] = [0, 5, 25, 55, 60, 80, 110, 116, 120];
/// IPTC's own limits, in bytes.
const MAX_CAPTION: usize = 2000;
const MAX_SHORT_FIELD: usize = 128;
const MAX_TITLE: usize = 64;
const MAX_KEYWORD: usize = 64;

/// The Photoshop image resource holding IPTC IIM, and the MD5 digest of it that Photoshop
/// compares (dropped, since the IIM changes).
const IRB_IPTC: u16 = 0x0404;
const IRB_IPTC_DIGEST: u16 = 0x0425;

impl Embedded {
    /// The XMP properties of this copy, as children of an `rdf:Description`.
    fn xmp_properties(&self) -> String {
        let mut out = String::new();
        let mut alt = |name: &str, value: &str| {
            if !value.is_empty() {
                out.push_str(&format!(
                    "<{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{name}>",
                    escape(value)
                ));
            }
        };
        alt("dc:title", &self.title);
        alt("dc:description", &self.caption);
        alt("dc:rights", &self.copyright);
        if !self.byline.is_empty() {
            out.push_str(&format!(
                "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
                escape(&self.byline)
            ));
        }
        if !self.keywords.is_empty() {
            let items: String = self
                .keywords
                .iter()
                .map(|k| format!("<rdf:li>{}</rdf:li>", escape(k)))
                .collect();
            out.push_str(&format!(
                "<dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>"
            ));
        }
        if !self.credit.is_empty() {
            out.push_str(&format!(
                "<photoshop:Credit>{}</photoshop:Credit>",
                escape(&self.credit)
            ));
        }
        if let Some(date) = self.date.as_deref().filter(|d| !d.is_empty()) {
            out.push_str(&format!(
                "<photoshop:DateCreated>{}</photoshop:DateCreated>",
                escape(date)
            ));
        }
        if self.rating > 0 {
            out.push_str(&format!("<xmp:Rating>{}</xmp:Rating>", self.rating));
        }
        if let Some(label) = self.label {
            out.push_str(&format!("<xmp:Label>{}</xmp:Label>", label.xmp_name()));
        }
        out
    }

    /// An XMP packet (UTF-8) with this copy's properties: the original's packet with its
    /// managed properties replaced when it is well-formed, a new packet otherwise.
    pub fn xmp_packet(&self, original: Option<&[u8]>) -> Vec<u8> {
        let properties = self.xmp_properties();
        if let Some(merged) = original.and_then(|xmp| merge_xmp(xmp, &properties)) {
            return merged;
        }
        format!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
             <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
             <rdf:RDF xmlns:rdf=\"{RDF}\">\
             <rdf:Description rdf:about=\"\" xmlns:dc=\"{DC}\" xmlns:photoshop=\"{PHOTOSHOP}\" \
             xmlns:xmp=\"{XMP}\">\
             {properties}</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
        )
        .into_bytes()
    }

    /// IPTC IIM declared UTF-8 (1:90 `ESC % G`) with this copy's fields, keeping the original's
    /// other record-2 datasets (re-encoded to UTF-8 when the original was not).
    pub fn iim(&self, original: Option<&[u8]>) -> Vec<u8> {
        let mut iim = Vec::new();
        dataset(&mut iim, 1, 90, b"\x1b%G");
        dataset(&mut iim, 2, 0, &[0, 4]);
        if let Some(title) = non_empty(&self.title) {
            dataset(&mut iim, 2, 5, cut(title, MAX_TITLE).as_bytes());
        }
        for keyword in &self.keywords {
            dataset(&mut iim, 2, 25, cut(keyword, MAX_KEYWORD).as_bytes());
        }
        if let Some((day, time)) = self.date.as_deref().and_then(iim_date) {
            dataset(&mut iim, 2, 55, day.as_bytes());
            if let Some(time) = time {
                dataset(&mut iim, 2, 60, time.as_bytes());
            }
        }
        for (number, value, limit) in [
            (80, &self.byline, MAX_SHORT_FIELD),
            (110, &self.credit, MAX_SHORT_FIELD),
            (116, &self.copyright, MAX_SHORT_FIELD),
            (120, &self.caption, MAX_CAPTION),
        ] {
            if let Some(value) = non_empty(value) {
                dataset(&mut iim, 2, number, cut(value, limit).as_bytes());
            }
        }
        if let Some(original) = original {
            let utf8 =
                datasets(original).any(|(r, n, data)| r == 1 && n == 90 && data == b"\x1b%G");
            for (record, number, data) in datasets(original) {
                if record != 2 || MANAGED_IIM.contains(&number) {
                    continue;
                }
                let text = if utf8 {
                    String::from_utf8_lossy(data).into_owned()
                } else {
                    // Without a declaration, text is UTF-8 when it decodes, else Latin-1.
                    match std::str::from_utf8(data) {
                        Ok(text) => text.to_owned(),
                        Err(_) => data.iter().map(|&b| char::from(b)).collect(),
                    }
                };
                if text.len() <= usize::from(u16::MAX >> 1) {
                    dataset(&mut iim, record, number, text.as_bytes());
                }
            }
        }
        iim
    }

    /// Photoshop image resources with this copy's IIM: the original's resources (if any) with
    /// the IPTC block replaced and its stale digest dropped.
    pub fn image_resources(&self, original: &[u8]) -> Vec<u8> {
        let old = resources(original);
        let old_iim = old.iter().find(|r| r.id == IRB_IPTC).map(|r| r.data);
        let mut out = Vec::new();
        push_resource(&mut out, IRB_IPTC, &[], &self.iim(old_iim));
        for resource in old {
            if resource.id != IRB_IPTC && resource.id != IRB_IPTC_DIGEST {
                push_resource(&mut out, resource.id, resource.name, resource.data);
            }
        }
        out
    }

    /// The EXIF text tags a copy sets, as ASCII; a value that is not ASCII is `None` there (its
    /// tag is removed, and XMP carries the value).
    pub fn exif_text(&self) -> [(u16, Option<&str>); 3] {
        fn ascii(v: &str) -> Option<&str> {
            Some(v).filter(|v| !v.is_empty() && v.is_ascii())
        }
        [
            (270, ascii(&self.caption)),
            (315, ascii(&self.byline)),
            (33432, ascii(&self.copyright)),
        ]
    }

    /// The edits of IFD0 a copy makes: the text tags, and the rating (removed when not rated).
    pub(super) fn exif_edits(&self) -> Vec<Edit> {
        let mut edits: Vec<Edit> = self
            .exif_text()
            .into_iter()
            .map(|(tag, value)| Edit {
                tag,
                value: value.map(|v| Value::Ascii(v.to_owned())),
            })
            .collect();
        edits.push(Edit {
            tag: EXIF_RATING,
            value: (self.rating > 0).then_some(Value::Short(u16::from(self.rating))),
        });
        edits.push(Edit {
            tag: EXIF_RATING_PERCENT,
            value: None,
        });
        edits
    }
}

fn non_empty(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.is_empty())
}

/// The original packet with its managed properties (elements or attributes, in any
/// `rdf:Description`) removed and `properties` added to the first description; `None` when the
/// packet is not XML this can rewrite.
fn merge_xmp(original: &[u8], properties: &str) -> Option<Vec<u8>> {
    let text =
        std::str::from_utf8(original.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(original)).ok()?;
    let mut reader = NsReader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(text.len() + properties.len()));
    let mut depth = 0usize;
    // The depth at which a managed property being skipped started.
    let mut skipping: Option<usize> = None;
    // The depth of the first description, until its end tag receives the properties.
    let mut first_description: Option<usize> = None;
    let mut placed = false;
    loop {
        let (ns, event) = reader.read_resolved_event().ok()?;
        let managed = matches!(&ns, ResolveResult::Bound(ns)
            if matches!(&event, Event::Start(e) | Event::Empty(e)
                if MANAGED_XMP.iter().any(|(n, l)| *n == ns.0 && *l == e.local_name().as_ref())));
        let is_description = matches!(&ns, ResolveResult::Bound(ns) if ns.0 == RDF)
            && matches!(&event, Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Description");
        match event {
            Event::Eof => break,
            _ if skipping.is_some() => match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if skipping == Some(depth) {
                        skipping = None;
                    }
                }
                _ => {}
            },
            Event::Start(_) if managed => {
                skipping = Some(depth);
                depth += 1;
            }
            Event::Empty(_) if managed => {}
            Event::Start(start) if is_description => {
                let start = without_managed_attributes(&reader, &start, !placed)?;
                if !placed && first_description.is_none() {
                    first_description = Some(depth);
                }
                writer.write_event(Event::Start(start)).ok()?;
                depth += 1;
            }
            Event::Empty(start) if is_description && !placed => {
                let start = without_managed_attributes(&reader, &start, true)?;
                let end = start.to_end().into_owned();
                writer.write_event(Event::Start(start.borrow())).ok()?;
                writer.get_mut().extend_from_slice(properties.as_bytes());
                writer.write_event(Event::End(end)).ok()?;
                placed = true;
            }
            Event::Empty(start) if is_description => {
                let start = without_managed_attributes(&reader, &start, false)?;
                writer.write_event(Event::Empty(start)).ok()?;
            }
            Event::Start(start) => {
                writer.write_event(Event::Start(start)).ok()?;
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.checked_sub(1)?;
                if first_description == Some(depth) && !placed {
                    writer.get_mut().extend_from_slice(properties.as_bytes());
                    placed = true;
                }
                writer.write_event(Event::End(end)).ok()?;
            }
            other => writer.write_event(other).ok()?,
        }
    }
    (placed && depth == 0).then(|| writer.into_inner())
}

/// A copy of an `rdf:Description` start tag without managed attributes; with `declare`, the
/// `dc`, `photoshop` and `xmp` prefixes are declared on it for the properties added inside.
fn without_managed_attributes(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    declare: bool,
) -> Option<BytesStart<'static>> {
    let name = std::str::from_utf8(start.name().as_ref().as_bytes())
        .ok()?
        .to_owned();
    let mut copy = BytesStart::new(name);
    let mut declared = (false, false, false);
    for attr in start.attributes().with_checks(false) {
        let attr = attr.ok()?;
        let (ns, local) = reader.resolver().resolve_attribute(attr.key);
        if let ResolveResult::Bound(ns) = ns
            && MANAGED_XMP
                .iter()
                .any(|(n, l)| *n == ns.0 && *l == local.as_ref())
        {
            continue;
        }
        let key = attr.key.as_ref();
        if key == "xmlns:dc" {
            declared.0 = true;
        }
        if key == "xmlns:photoshop" {
            declared.1 = true;
        }
        if key == "xmlns:xmp" {
            declared.2 = true;
        }
        copy.push_attribute(attr);
    }
    if declare && !declared.0 {
        copy.push_attribute(("xmlns:dc", DC));
    }
    if declare && !declared.1 {
        copy.push_attribute(("xmlns:photoshop", PHOTOSHOP));
    }
    if declare && !declared.2 {
        copy.push_attribute(("xmlns:xmp", XMP));
    }
    Some(copy)
}

/// IPTC's date (`CCYYMMDD`, `00` for an unknown month or day) and time (`HHMMSS±HHMM`).
fn iim_date(date: &str) -> Option<(String, Option<String>)> {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let (day_part, time_part) = match date.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (date, None),
    };
    let mut parts = day_part.split('-');
    let year = parts.next().filter(|y| y.len() == 4 && digits(y))?;
    let month = parts.next().unwrap_or("00");
    let day = parts.next().unwrap_or("00");
    if month.len() != 2 || day.len() != 2 || !digits(month) || !digits(day) {
        return None;
    }
    let time = time_part.and_then(|t| {
        let clock: String = t.chars().take(8).filter(|c| *c != ':').collect();
        let offset = t.get(8..).unwrap_or("");
        // IPTC's time needs its offset from UTC; a time without one is left to XMP.
        let offset = match offset {
            "Z" => "+0000".to_string(),
            o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => o.replace(':', ""),
            _ => return None,
        };
        (clock.len() == 6 && digits(&clock)).then(|| format!("{clock}{offset}"))
    });
    Some((format!("{year}{month}{day}"), time))
}

/// The datasets of an IIM block as (record, number, data), up to the first damaged one.
fn datasets(mut iim: &[u8]) -> impl Iterator<Item = (u8, u8, &[u8])> {
    std::iter::from_fn(move || {
        if iim.len() < 5 || iim[0] != 0x1C {
            return None;
        }
        let (record, number) = (iim[1], iim[2]);
        let length = usize::from(u16::from_be_bytes([iim[3], iim[4]]));
        if length & 0x8000 != 0 {
            return None; // extended lengths are for binary data, which copies do not keep
        }
        let data = iim.get(5..5 + length)?;
        iim = &iim[5 + length..];
        Some((record, number, data))
    })
}

/// One IPTC IIM dataset: tag marker, record, number, 16-bit length, data.
pub(crate) fn dataset(out: &mut Vec<u8>, record: u8, number: u8, data: &[u8]) {
    out.extend_from_slice(&[0x1C, record, number]);
    out.extend_from_slice(&u16::try_from(data.len()).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(data);
}

struct Resource<'a> {
    id: u16,
    name: &'a [u8],
    data: &'a [u8],
}

/// Photoshop image resources (`8BIM`, id, padded Pascal name, size, padded data), up to the
/// first damaged one.
fn resources(mut irb: &[u8]) -> Vec<Resource<'_>> {
    let mut found = Vec::new();
    while irb.len() >= 12 && irb.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([irb[4], irb[5]]);
        let name_length = usize::from(irb[6]);
        let Some(name) = irb.get(7..7 + name_length) else {
            break;
        };
        let size_at = 6 + (1 + name_length).next_multiple_of(2);
        let Some(size) = irb
            .get(size_at..size_at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .and_then(|b| usize::try_from(u32::from_be_bytes(b)).ok())
        else {
            break;
        };
        let Some(data) = irb.get(size_at + 4..size_at + 4 + size) else {
            break;
        };
        found.push(Resource { id, name, data });
        irb = irb
            .get(size_at + 4 + size.next_multiple_of(2)..)
            .unwrap_or_default();
    }
    found
}

fn push_resource(out: &mut Vec<u8>, id: u16, name: &[u8], data: &[u8]) {
    out.extend_from_slice(b"8BIM");
    out.extend_from_slice(&id.to_be_bytes());
    let name = &name[..name.len().min(255)];
    out.push(name.len() as u8);
    out.extend_from_slice(name);
    if name.len().is_multiple_of(2) {
        out.push(0);
    }
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

/// At most `limit` bytes of `text`, cut at a character boundary.
pub(crate) fn cut(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` as XML character data or an attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Embedded {
        Embedded {
            title: "Сколково".into(),
            caption: "中俄创新对话 & <диалог>".into(),
            credit: "ТАСС".into(),
            byline: "Анна".into(),
            copyright: "SAFEA".into(),
            keywords: vec!["Moscow".into(), "创新".into()],
            date: Some("2018-10-16T09:30:00+03:00".into()),
            rating: 4,
            label: Some(Label::Red),
        }
    }

    #[test]
    fn a_merged_packet_keeps_other_properties_and_replaces_the_managed_ones() {
        let original = br#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:ps="http://ns.adobe.com/photoshop/1.0/" xmlns:d="http://purl.org/dc/elements/1.1/" ps:Credit="Old credit" ps:City="Moscow"><d:description><rdf:Alt><rdf:li xml:lang="x-default">Old caption</rdf:li></rdf:Alt></d:description><ps:Headline>Kept</ps:Headline></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
        let packet = String::from_utf8(embedded().xmp_packet(Some(original))).unwrap();
        assert!(!packet.contains("Old"), "{packet}");
        assert!(packet.contains("ps:City=\"Moscow\""), "{packet}");
        assert!(
            packet.contains("<ps:Headline>Kept</ps:Headline>"),
            "{packet}"
        );
        assert!(
            packet.contains("中俄创新对话 &amp; &lt;диалог&gt;"),
            "{packet}"
        );
        let mut draft = crate::photo::PhotoDraft::without_metadata(
            crate::photo::PhotoFormat::Jpeg,
            1,
            1,
            Vec::new(),
        );
        crate::photo::apply_xmp_sidecar(&mut draft, packet.as_bytes()).unwrap();
        assert_eq!(draft.caption, "中俄创新对话 & <диалог>");
        assert_eq!(draft.credit, "ТАСС");
        assert_eq!((draft.rating, draft.label), (4, Some(Label::Red)));
    }

    #[test]
    fn a_copy_replaces_the_originals_rating_and_label_with_the_archives() {
        let original = br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="2" xmp:Label="Second"><xmp:CreatorTool>Camera</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>"#;
        let packet = String::from_utf8(embedded().xmp_packet(Some(original))).unwrap();
        assert!(!packet.contains("Second"), "{packet}");
        assert!(!packet.contains("\"2\""), "{packet}");
        assert!(packet.contains("<xmp:Rating>4</xmp:Rating>"), "{packet}");
        assert!(packet.contains("<xmp:Label>Red</xmp:Label>"), "{packet}");
        assert!(packet.contains("<xmp:CreatorTool>Camera"), "{packet}");
        assert_eq!(packet.matches("xmlns:xmp=").count(), 1, "{packet}");
        let unrated = Embedded {
            rating: 0,
            label: None,
            ..embedded()
        };
        let packet = String::from_utf8(unrated.xmp_packet(Some(original))).unwrap();
        assert!(!packet.contains("Rating"), "{packet}");
        assert!(!packet.contains("Label"), "{packet}");
    }

    #[test]
    fn a_packet_that_is_not_xml_is_replaced_by_a_new_one() {
        let packet = String::from_utf8(embedded().xmp_packet(Some(b"<x:xmpmeta><oops"))).unwrap();
        assert!(packet.starts_with("<?xpacket begin"));
        assert!(packet.contains("<photoshop:Credit>ТАСС</photoshop:Credit>"));
    }

    #[test]
    fn merged_iim_keeps_other_datasets_in_utf8_and_drops_the_old_caption() {
        let mut old = Vec::new();
        dataset(&mut old, 2, 120, b"old caption");
        dataset(&mut old, 2, 90, b"M\xfcnchen"); // Latin-1, undeclared
        let iim = embedded().iim(Some(&old));
        let all: Vec<_> = datasets(&iim).collect();
        assert!(all.contains(&(2, 90, "München".as_bytes())));
        assert!(!all.iter().any(|d| d.2 == b"old caption"));
        assert!(all.contains(&(2, 55, b"20181016".as_slice())));
        assert!(all.contains(&(2, 60, b"093000+0300".as_slice())));
        assert_eq!(
            all.iter().filter(|d| d.1 == 25).count(),
            2,
            "keywords repeated"
        );
    }

    #[test]
    fn partial_dates_use_zeros_for_what_is_unknown() {
        assert_eq!(iim_date("2018-10"), Some(("20181000".into(), None)));
        assert_eq!(iim_date("2018"), Some(("20180000".into(), None)));
        assert_eq!(iim_date("late 2018"), None);
        assert_eq!(
            iim_date("2008-05-30T15:56:01"),
            Some(("20080530".into(), None)),
            "no offset, no IPTC time"
        );
    }
}

//! Copies of JPEG photos that carry the archive's caption, credit, byline, copyright and
//! keywords in XMP (dc:description, photoshop:Credit, dc:creator, dc:rights, dc:subject; with the
//! rating and colour label, xmp:Rating and xmp:Label) and in
//! IPTC IIM (2:120, 2:110, 2:80, 2:116, 2:25, declared UTF-8 with 1:90 `ESC % G`), so other
//! tools show the captions edited in Folio. The originals in the bag stay byte for byte.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};

use crate::export::copies::fields::{cut, dataset, escape};
use crate::library::ratings::Label;

/// The caption fields written into a copy.
#[derive(Debug, Clone, Copy)]
pub struct Caption<'a> {
    pub caption: &'a str,
    pub credit: &'a str,
    pub byline: &'a str,
    pub copyright: &'a str,
    pub keywords: &'a [String],
    /// 0 to 5 stars; 0: not rated.
    pub rating: u8,
    pub label: Option<Label>,
}

impl Caption<'_> {
    pub fn is_empty(&self) -> bool {
        self.caption.is_empty()
            && self.credit.is_empty()
            && self.byline.is_empty()
            && self.rating == 0
            && self.label.is_none()
    }
}

const XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_SIGNATURE: &[u8] = b"Photoshop 3.0\0";
/// The largest payload of one JPEG marker segment.
const MAX_SEGMENT: usize = 65_533;
/// IPTC's own limits, in bytes.
const MAX_CAPTION: usize = 2000;
const MAX_SHORT_FIELD: usize = 128;
const MAX_KEYWORD: usize = 64;

/// The JPEG with its XMP and IPTC replaced by the caption; `None` when `jpeg` is not a JPEG
/// this can rewrite.
pub fn captioned_jpeg(jpeg: &[u8], caption: &Caption<'_>) -> Option<Vec<u8>> {
    let mut image = Jpeg::from_bytes(Bytes::copy_from_slice(jpeg)).ok()?;
    let xmp = xmp_segment(caption);
    let iptc = iptc_segment(caption);
    let segments = image.segments_mut();
    segments.retain(|segment| {
        let contents = segment.contents();
        let old_xmp = segment.marker() == markers::APP1 && contents.starts_with(XMP_SIGNATURE);
        let old_iptc =
            segment.marker() == markers::APP13 && contents.starts_with(PHOTOSHOP_SIGNATURE);
        !(old_xmp || old_iptc)
    });
    // After the JFIF (APP0) and EXIF (APP1) segments, where readers look first.
    let insert_at = segments
        .iter()
        .position(|s| !matches!(s.marker(), markers::APP0 | markers::APP1))
        .unwrap_or(segments.len());
    let mut new_segments = Vec::new();
    if let Some(xmp) = xmp {
        new_segments.push(xmp);
    }
    new_segments.push(iptc);
    segments.splice(insert_at..insert_at, new_segments);
    let mut out = Vec::with_capacity(jpeg.len() + 4096);
    image.encoder().write_to(&mut out).ok()?;
    Some(out)
}

/// True when the JPEG already carries this caption, credit and byline in IPTC IIM declared as
/// UTF-8 and, if it has an XMP packet, there too: then a captioned copy would add nothing.
pub fn already_carries(jpeg: &[u8], caption: &Caption<'_>) -> bool {
    let (iim, xmp) = metadata_segments(jpeg);
    let Some(fields) = iim.and_then(iim_fields) else {
        return false;
    };
    let iptc_matches = fields.utf8
        && fields.caption == caption.caption
        && fields.credit == caption.credit
        && fields.byline == caption.byline;
    let xmp_matches = xmp.is_none_or(|packet| {
        let text = String::from_utf8_lossy(packet);
        [caption.caption, caption.credit, caption.byline]
            .iter()
            .all(|value| value.is_empty() || text.contains(&escape(value)))
    });
    // A rating or label is carried by XMP alone: it must say the same.
    let marks_match = match xmp.map(crate::photo::xmp::parse) {
        Some(Ok(fields)) => {
            fields.rating.unwrap_or(0) == caption.rating && fields.label == caption.label
        }
        _ => caption.rating == 0 && caption.label.is_none(),
    };
    iptc_matches && xmp_matches && marks_match
}

/// The IIM block (from APP13 resource 0x0404) and the XMP packet (APP1) of a JPEG, read from
/// its marker segments up to the first scan.
fn metadata_segments(jpeg: &[u8]) -> (Option<&[u8]>, Option<&[u8]>) {
    let (mut iim, mut xmp) = (None, None);
    let mut at = 2;
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return (None, None);
    }
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        let Some(contents) = jpeg.get(at + 4..at + 2 + length) else {
            break;
        };
        if marker == markers::APP1 && contents.starts_with(XMP_SIGNATURE) {
            xmp = Some(&contents[XMP_SIGNATURE.len()..]);
        } else if marker == markers::APP13 && contents.starts_with(PHOTOSHOP_SIGNATURE) {
            iim = iim.or_else(|| iptc_resource(&contents[PHOTOSHOP_SIGNATURE.len()..]));
        }
        at += 2 + length;
    }
    (iim, xmp)
}

/// The IPTC resource (0x0404) among Photoshop image resources.
fn iptc_resource(mut resources: &[u8]) -> Option<&[u8]> {
    while resources.len() >= 12 && resources.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([resources[4], resources[5]]);
        let name_length = usize::from(resources[6]);
        let name_field = (1 + name_length).next_multiple_of(2);
        let size_at = 6 + name_field;
        let size_bytes = resources.get(size_at..size_at + 4)?;
        let size = usize::try_from(u32::from_be_bytes(size_bytes.try_into().ok()?)).ok()?;
        let data = resources.get(size_at + 4..size_at + 4 + size)?;
        if id == 0x0404 {
            return Some(data);
        }
        resources = resources.get(size_at + 4 + size.next_multiple_of(2)..)?;
    }
    None
}

#[derive(Debug, Default)]
struct IimFields {
    utf8: bool,
    caption: String,
    credit: String,
    byline: String,
}

/// The caption fields of an IIM block; `None` when it uses forms this reader does not check.
fn iim_fields(mut iim: &[u8]) -> Option<IimFields> {
    let mut fields = IimFields::default();
    while iim.len() >= 5 && iim[0] == 0x1C {
        let (record, number) = (iim[1], iim[2]);
        let length = u16::from_be_bytes([iim[3], iim[4]]);
        if length & 0x8000 != 0 {
            return None; // extended length: not what Folio writes or compares
        }
        let data = iim.get(5..5 + usize::from(length))?;
        let text = || String::from_utf8(data.to_vec()).ok();
        match (record, number) {
            (1, 90) => fields.utf8 = data == b"\x1b%G",
            (2, 120) => fields.caption = text()?,
            (2, 110) => fields.credit = text()?,
            (2, 80) if fields.byline.is_empty() => fields.byline = text()?,
            _ => {}
        }
        iim = &iim[5 + usize::from(length)..];
    }
    Some(fields)
}

fn xmp_segment(caption: &Caption<'_>) -> Option<JpegSegment> {
    let mut fields = String::new();
    let mut alt = |name: &str, value: &str| {
        if !value.is_empty() {
            fields.push_str(&format!(
                "<{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{name}>",
                escape(value)
            ));
        }
    };
    alt("dc:description", caption.caption);
    alt("dc:rights", caption.copyright);
    if !caption.byline.is_empty() {
        fields.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(caption.byline)
        ));
    }
    if !caption.keywords.is_empty() {
        let items: String = caption
            .keywords
            .iter()
            .map(|k| format!("<rdf:li>{}</rdf:li>", escape(k)))
            .collect();
        fields.push_str(&format!(
            "<dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>"
        ));
    }
    if !caption.credit.is_empty() {
        fields.push_str(&format!(
            "<photoshop:Credit>{}</photoshop:Credit>",
            escape(caption.credit)
        ));
    }
    if caption.rating > 0 {
        fields.push_str(&format!("<xmp:Rating>{}</xmp:Rating>", caption.rating));
    }
    if let Some(label) = caption.label {
        fields.push_str(&format!("<xmp:Label>{}</xmp:Label>", label.xmp_name()));
    }
    let packet = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">{fields}</rdf:Description>\
         </rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    );
    let mut contents = XMP_SIGNATURE.to_vec();
    contents.extend_from_slice(packet.as_bytes());
    // A caption too long for one segment is still carried by IPTC (shortened) and items.json.
    (contents.len() <= MAX_SEGMENT)
        .then(|| JpegSegment::new_with_contents(markers::APP1, Bytes::from(contents)))
}

fn iptc_segment(caption: &Caption<'_>) -> JpegSegment {
    let mut iim = Vec::new();
    dataset(&mut iim, 1, 90, b"\x1b%G");
    dataset(&mut iim, 2, 0, &[0, 4]);
    for keyword in caption.keywords {
        dataset(&mut iim, 2, 25, cut(keyword, MAX_KEYWORD).as_bytes());
    }
    for (number, value, limit) in [
        (80, caption.byline, MAX_SHORT_FIELD),
        (110, caption.credit, MAX_SHORT_FIELD),
        (116, caption.copyright, MAX_SHORT_FIELD),
        (120, caption.caption, MAX_CAPTION),
    ] {
        if !value.is_empty() {
            dataset(&mut iim, 2, number, cut(value, limit).as_bytes());
        }
    }
    let mut resource = b"8BIM".to_vec();
    resource.extend_from_slice(&0x0404u16.to_be_bytes());
    resource.extend_from_slice(&[0, 0]); // empty name, padded to even
    resource.extend_from_slice(&u32::try_from(iim.len()).unwrap_or(0).to_be_bytes());
    resource.extend_from_slice(&iim);
    if iim.len() % 2 == 1 {
        resource.push(0);
    }
    let mut contents = PHOTOSHOP_SIGNATURE.to_vec();
    contents.extend_from_slice(&resource);
    JpegSegment::new_with_contents(markers::APP13, Bytes::from(contents))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo;

    fn jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 80)
            .encode(&[90u8; 16 * 16 * 3], 16, 16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn folio_reads_back_the_caption_it_wrote_in_three_scripts() {
        let keywords = vec!["Moscow".to_string(), "创新".to_string()];
        let caption = Caption {
            caption: "Диалог в Сколково & 中俄创新对话 <2018>",
            credit: "safea.gov.cn",
            byline: "Анна Смирнова",
            copyright: "SAFEA",
            keywords: &keywords,
            rating: 3,
            label: Some(Label::Blue),
        };
        let copy = captioned_jpeg(&jpeg(), &caption).unwrap();
        let draft = photo::extract(&copy).unwrap();
        assert_eq!((draft.rating, draft.label), (3, Some(Label::Blue)));
        assert_eq!(draft.caption, caption.caption);
        assert_eq!(draft.credit, caption.credit);
        assert_eq!(draft.byline, caption.byline);
        assert_eq!(draft.keywords, keywords);
    }

    #[test]
    fn a_copy_is_needed_only_when_the_original_lacks_the_archives_caption() {
        let caption = Caption {
            caption: "Сколково, 16 октября",
            credit: "ТАСС",
            byline: "",
            copyright: "",
            keywords: &[],
            rating: 0,
            label: None,
        };
        assert!(!already_carries(&jpeg(), &caption), "no metadata at all");
        let captioned = captioned_jpeg(&jpeg(), &caption).unwrap();
        assert!(already_carries(&captioned, &caption));
        let edited = Caption {
            caption: "Сколково, 17 октября",
            ..caption
        };
        assert!(
            !already_carries(&captioned, &edited),
            "the caption was edited"
        );
        let rated = Caption {
            rating: 5,
            ..caption
        };
        assert!(!already_carries(&captioned, &rated), "the photo was rated");
        let labelled = Caption {
            label: Some(Label::Red),
            ..caption
        };
        assert!(!already_carries(&captioned, &labelled), "it was labelled");
    }

    #[test]
    fn a_long_caption_is_cut_for_iptc_at_a_character_boundary() {
        let long = "创".repeat(1000);
        assert_eq!(cut(&long, MAX_CAPTION).len(), 1998);
    }
}

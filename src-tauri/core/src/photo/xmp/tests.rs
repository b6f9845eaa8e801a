//! Tests of the XMP reader: language alternatives, bags and sequences, attribute form,
//! references, entity tricks, UTF-16 and malformed packets.

use super::*;

fn packet(body: &str) -> String {
    format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{RDF}">
<rdf:Description rdf:about="" xmlns:dc="{DC}" xmlns:photoshop="{PHOTOSHOP}"
  xmlns:Iptc4xmpCore="{IPTC_CORE}" xmlns:exif="{EXIF}" xmlns:tiff="{TIFF}" {body}
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
    )
}

#[test]
fn language_alternatives_prefer_x_default_then_the_first() {
    let xml = packet(
        r#"><dc:description><rdf:Alt>
            <rdf:li xml:lang="ru">Делегация в Москве</rdf:li>
            <rdf:li xml:lang="x-default">代表团在莫斯科</rdf:li>
          </rdf:Alt></dc:description>
          <dc:title><rdf:Alt><rdf:li xml:lang="ru">Заголовок</rdf:li></rdf:Alt></dc:title>
        </rdf:Description>"#,
    );
    let f = parse(xml.as_bytes()).unwrap();
    assert_eq!(f.description.as_deref(), Some("代表团在莫斯科"));
    assert_eq!(f.title.as_deref(), Some("Заголовок"));
}

#[test]
fn bags_and_sequences_keep_every_item_in_order() {
    let xml = packet(
        r#"><dc:subject><rdf:Bag><rdf:li>外交</rdf:li><rdf:li>Москва</rdf:li><rdf:li>press</rdf:li></rdf:Bag></dc:subject>
          <dc:creator><rdf:Seq><rdf:li>Wang Wei</rdf:li><rdf:li>Анна Петрова</rdf:li></rdf:Seq></dc:creator>
        </rdf:Description>"#,
    );
    let f = parse(xml.as_bytes()).unwrap();
    assert_eq!(f.subjects, ["外交", "Москва", "press"]);
    assert_eq!(f.creators, ["Wang Wei", "Анна Петрова"]);
}

#[test]
fn simple_properties_written_as_attributes_are_read() {
    let xml = packet(
        r#"photoshop:Credit="新华社 &amp; TASS" photoshop:DateCreated="2018-11-02T10:30:00+08:00"
           tiff:Orientation="6" exif:GPSLatitude="39,54.2N" exif:GPSLongitude="116,23.5E"/>"#,
    );
    let f = parse(xml.as_bytes()).unwrap();
    assert_eq!(f.credit.as_deref(), Some("新华社 & TASS"));
    assert_eq!(f.date_created.as_deref(), Some("2018-11-02T10:30:00+08:00"));
    assert_eq!(f.orientation, Some(6));
    assert_eq!(f.gps_latitude.as_deref(), Some("39,54.2N"));
}

#[test]
fn iptc_core_alt_text_and_character_references_are_read() {
    let xml = packet(
        r#"><Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">A &#x4E2D;&#25991; caption &lt;ok&gt;</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
        </rdf:Description>"#,
    );
    let f = parse(xml.as_bytes()).unwrap();
    assert_eq!(f.alt_text.as_deref(), Some("A 中文 caption <ok>"));
}

#[test]
fn entities_declared_in_a_doctype_are_never_expanded() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE x:xmpmeta [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
{}"#,
        packet(
            r#"photoshop:Credit="&xxe;"><dc:description><rdf:Alt>
            <rdf:li xml:lang="x-default">Safe &xxe;&lol9;caption</rdf:li></rdf:Alt></dc:description>
            </rdf:Description>"#
        )
    );
    let start = std::time::Instant::now();
    let f = parse(xml.as_bytes()).unwrap();
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(f.description.as_deref(), Some("Safe caption"));
    assert_eq!(
        f.credit, None,
        "an attribute with an unknown entity is dropped"
    );
}

#[test]
fn utf16_packets_with_a_byte_order_mark_are_read() {
    let xml = packet(r#"photoshop:Credit="Агентство"/>"#);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse(&bytes).unwrap().credit.as_deref(), Some("Агентство"));
}

#[test]
fn malformed_xml_is_an_error() {
    assert!(parse(b"<x:xmpmeta><rdf:RDF></x:xmpmeta>").is_err());
}

#[test]
fn ratings_and_colour_labels_are_read_as_attributes_or_elements() {
    let with = |body: &str| {
        parse(
            packet(body)
                .replace("xmlns:dc=", &format!("xmlns:xmp=\"{XMP}\" xmlns:dc="))
                .as_bytes(),
        )
        .unwrap()
    };
    let f = with(r#"xmp:Rating="4" xmp:Label="Red"/>"#);
    assert_eq!((f.rating, f.label), (Some(4), Some(Label::Red)));
    let f = with(r#"><xmp:Rating>5</xmp:Rating><xmp:Label>purple</xmp:Label></rdf:Description>"#);
    assert_eq!((f.rating, f.label), (Some(5), Some(Label::Purple)));
    let f = with(r#"xmp:Rating="-1" xmp:Label="To Do"/>"#);
    assert_eq!(
        (f.rating, f.label),
        (Some(0), None),
        "rejected is not rated; a workflow's own label is no colour"
    );
}

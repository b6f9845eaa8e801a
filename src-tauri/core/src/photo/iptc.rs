//! A small reader for IPTC IIM (the 1990s news-photo metadata still written by Photoshop, Photo
//! Mechanic and agency systems): the Photoshop resource block that carries it, its datasets, the
//! declared character set, and legacy text.
//!
//! Every length in the data is checked against what is left; a bad one ends the reading with what
//! was found so far.

use super::text;

/// The IIM fields Folio keeps, decoded to text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct IptcFields {
    pub object_name: Option<String>,
    pub headline: Option<String>,
    pub caption: Option<String>,
    pub bylines: Vec<String>,
    pub credit: Option<String>,
    pub copyright: Option<String>,
    pub keywords: Vec<String>,
    /// Date Created, `CCYYMMDD`.
    pub date: Option<String>,
    /// Time Created, `HHMMSS±HHMM`.
    pub time: Option<String>,
    /// True when the text was declared UTF-8 or decoded unambiguously (ASCII or valid UTF-8);
    /// false when it was guessed to be a legacy 8-bit charset, which XMP should then overrule.
    pub trustworthy: bool,
}

#[cfg(test)]
impl IptcFields {
    pub fn is_empty(&self) -> bool {
        self.object_name.is_none()
            && self.headline.is_none()
            && self.caption.is_none()
            && self.bylines.is_empty()
            && self.credit.is_none()
            && self.copyright.is_none()
            && self.keywords.is_empty()
            && self.date.is_none()
    }
}

/// The Photoshop image resource that holds IIM data.
const IRB_IPTC: u16 = 0x0404;

/// IIM data from a Photoshop image resource block (JPEG APP13 after `Photoshop 3.0\0`, TIFF tag
/// 34377): the payload of the resource 0x0404, if present.
pub fn iim_from_irb(mut irb: &[u8]) -> Option<&[u8]> {
    const SIGNATURES: [&[u8; 4]; 4] = [b"8BIM", b"PHUT", b"AgHg", b"DCSR"];
    while irb.len() >= 12 {
        if !SIGNATURES.iter().any(|s| irb.starts_with(&s[..])) {
            return None;
        }
        let id = u16::from_be_bytes([irb[4], irb[5]]);
        // A Pascal string, padded so that length byte plus text is even.
        let name_len = usize::from(irb[6]);
        let name_field = (1 + name_len).next_multiple_of(2);
        let size_at = 6 + name_field;
        let size_bytes = irb.get(size_at..size_at + 4)?;
        let size = u32::from_be_bytes([size_bytes[0], size_bytes[1], size_bytes[2], size_bytes[3]]);
        let start = size_at + 4;
        let end = start.checked_add(usize::try_from(size).ok()?)?;
        let data = irb.get(start..end)?;
        if id == IRB_IPTC {
            return Some(data);
        }
        irb = irb.get(end.next_multiple_of(2)..).unwrap_or_default();
    }
    None
}

/// Reads IIM datasets. Stops at the first byte that is not a dataset tag or at a length that
/// runs past the end, keeping what it read before.
pub fn parse(iim: &[u8]) -> IptcFields {
    let mut raw: Vec<(u8, u8, &[u8])> = Vec::new();
    let mut utf8_declared = false;
    let mut rest = iim;
    while rest.len() >= 5 && rest[0] == 0x1C {
        let (record, dataset) = (rest[1], rest[2]);
        let declared = u16::from_be_bytes([rest[3], rest[4]]);
        let mut at = 5;
        let len = if declared & 0x8000 == 0 {
            usize::from(declared)
        } else {
            // Extended dataset: the low 15 bits say how many bytes hold the length.
            let count = usize::from(declared & 0x7FFF);
            if count == 0 || count > 4 {
                break;
            }
            let Some(len_bytes) = rest.get(5..5 + count) else {
                break;
            };
            at += count;
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        let Some(value) = at.checked_add(len).and_then(|end| rest.get(at..end)) else {
            break;
        };
        if record == 1 && dataset == 90 {
            utf8_declared = value.windows(3).any(|w| w == b"\x1b%G");
        }
        raw.push((record, dataset, value));
        rest = &rest[at + len..];
    }

    let mut fields = IptcFields::default();
    let mut legacy = false;
    for (record, dataset, value) in raw {
        if record != 2 {
            continue;
        }
        if !utf8_declared && std::str::from_utf8(value).is_err() {
            legacy = true;
        }
        let text = if utf8_declared {
            String::from_utf8_lossy(value).into_owned()
        } else {
            text::decode_guess(value)
        };
        let line = || non_empty(text::clean_line(&text));
        match dataset {
            5 => fields.object_name = line(),
            25 => fields.keywords.extend(line()),
            55 => fields.date = line(),
            60 => fields.time = line(),
            80 => fields.bylines.extend(line()),
            105 => fields.headline = line(),
            110 => fields.credit = line(),
            116 => fields.copyright = line(),
            120 => fields.caption = non_empty(text::clean_multiline(&text)),
            _ => {}
        }
    }
    fields.trustworthy = !legacy;
    fields
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(record: u8, number: u8, value: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1C, record, number];
        out.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
        out.extend_from_slice(value);
        out
    }

    fn irb(id: u16, data: &[u8]) -> Vec<u8> {
        let mut out = b"8BIM".to_vec();
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&[0, 0]); // empty Pascal name, padded
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    #[test]
    fn utf8_declared_iim_keeps_chinese_and_russian_and_every_keyword() {
        let mut iim = dataset(1, 90, b"\x1b%G");
        iim.extend(dataset(
            2,
            120,
            "Делегация в Пекине 代表团在北京".as_bytes(),
        ));
        iim.extend(dataset(2, 25, "外交".as_bytes()));
        iim.extend(dataset(2, 25, "дипломатия".as_bytes()));
        iim.extend(dataset(2, 25, b"diplomacy"));
        iim.extend(dataset(2, 80, "Иванов".as_bytes()));
        iim.extend(dataset(2, 110, b"Xinhua"));
        let f = parse(&iim);
        assert_eq!(
            f.caption.as_deref(),
            Some("Делегация в Пекине 代表团在北京")
        );
        assert_eq!(f.keywords, ["外交", "дипломатия", "diplomacy"]);
        assert_eq!(f.bylines, ["Иванов"]);
        assert_eq!(f.credit.as_deref(), Some("Xinhua"));
        assert!(f.trustworthy);
    }

    #[test]
    fn undeclared_8_bit_text_is_read_as_latin_1_and_marked_untrustworthy() {
        let iim = dataset(2, 120, b"Z\xfcrich caf\xe9");
        let f = parse(&iim);
        assert_eq!(f.caption.as_deref(), Some("Zürich café"));
        assert!(!f.trustworthy);
    }

    #[test]
    fn a_length_past_the_end_keeps_the_datasets_before_it() {
        let mut iim = dataset(2, 5, b"Title");
        iim.extend_from_slice(&[0x1C, 2, 120, 0x7F, 0xFF, b'x']);
        let f = parse(&iim);
        assert_eq!(f.object_name.as_deref(), Some("Title"));
        assert_eq!(f.caption, None);
    }

    #[test]
    fn garbage_extended_lengths_do_not_panic_or_allocate() {
        for junk in [
            &[0x1C, 2, 120, 0x80, 0x00][..],
            &[0x1C, 2, 120, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2][..],
            &[0x1C, 2, 120, 0xFF, 0xFF, 0xFF][..],
            &[0x1C, 2][..],
            &[0x00, 0x1C, 2, 5, 0, 1, b'a'][..],
        ] {
            assert!(parse(junk).is_empty(), "{junk:?}");
        }
    }

    #[test]
    fn iim_is_found_among_other_photoshop_resources() {
        let mut block = irb(0x03ED, &[1, 2, 3]); // resolution info, odd length, padded
        block.extend(irb(IRB_IPTC, &dataset(2, 5, b"Found")));
        let iim = iim_from_irb(&block).unwrap();
        assert_eq!(parse(iim).object_name.as_deref(), Some("Found"));
    }

    #[test]
    fn a_resource_block_with_a_huge_size_yields_nothing() {
        let mut block = b"8BIM\x04\x04\0\0".to_vec();
        block.extend_from_slice(&u32::MAX.to_be_bytes());
        block.extend_from_slice(b"\x1c\x02\x05\0\x01a");
        assert_eq!(iim_from_irb(&block), None);
    }
}

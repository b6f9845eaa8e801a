//! Chooses each draft field from IPTC, XMP and EXIF, in that order of preference (DESIGN §4;
//! within EXIF: the standard tags, then Windows Explorer's XP* tags, then UserComment),
//! with one exception from the Metadata Working Group's guidance: IPTC text whose charset had to
//! be guessed (undeclared, not UTF-8) gives way to XMP, which is always Unicode.

use super::blocks::Blocks;
use super::date::Taken;
use super::exif::ExifFields;
use super::iptc::{self, IptcFields};
use super::xmp::{self, XmpFields};
use super::{PhotoDraft, text};

/// Everything read from a photo's metadata blocks, before the choice.
#[derive(Debug, Default)]
pub struct Metadata {
    iptc: IptcFields,
    xmp: XmpFields,
    exif: ExifFields,
    /// EXIF orientation 1–8 (from EXIF, else XMP `tiff:Orientation`).
    pub orientation: Option<u16>,
}

/// The chosen values; `None` where no block had one.
#[derive(Debug, Default)]
struct Chosen {
    title: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    byline: Option<String>,
    copyright: Option<String>,
    keywords: Option<Vec<String>>,
    taken: Option<String>,
    camera: Option<String>,
    gps: Option<(f64, f64)>,
}

impl Metadata {
    /// Parses every block found; a block that does not parse is ignored.
    pub fn read(blocks: Blocks) -> Self {
        let exif = blocks.exif.and_then(super::exif::parse).unwrap_or_default();
        let packets = blocks.xmp.iter().chain(exif.xmp.iter());
        let xmp = packets
            .filter_map(|p| xmp::parse(p).ok())
            .fold(XmpFields::default(), XmpFields::or);
        let iim = blocks.iim.as_deref().or(exif.iim.as_deref());
        let iptc = iim.map(iptc::parse).unwrap_or_default();
        let orientation = exif
            .orientation
            .or(xmp.orientation.filter(|o| (1..=8).contains(o)));
        Self {
            iptc,
            xmp,
            exif,
            orientation,
        }
    }

    /// Metadata from an XMP sidecar alone.
    pub fn from_xmp(xmp: XmpFields) -> Self {
        Self {
            xmp,
            ..Self::default()
        }
    }

    /// Sets every metadata field of the draft (empty where nothing was found).
    pub fn fill(&self, draft: &mut PhotoDraft) {
        let c = self.choose();
        draft.title = c.title.unwrap_or_default();
        draft.caption = c.caption.unwrap_or_default();
        draft.credit = c.credit.unwrap_or_default();
        draft.byline = c.byline.unwrap_or_default();
        draft.copyright = c.copyright.unwrap_or_default();
        draft.keywords = c.keywords.unwrap_or_default();
        draft.taken = c.taken;
        draft.camera = c.camera.unwrap_or_default();
        draft.gps = c.gps;
        // XMP's rating first, as exiftool and the photo desks' tools write both and XMP last.
        draft.rating = self.xmp.rating.or(self.exif.rating).unwrap_or(0);
        draft.label = self.xmp.label;
    }

    /// Replaces only the fields this metadata has a value for (sidecars).
    pub fn overlay(&self, draft: &mut PhotoDraft) {
        let c = self.choose();
        let set = |slot: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *slot = value;
            }
        };
        set(&mut draft.title, c.title);
        set(&mut draft.caption, c.caption);
        set(&mut draft.credit, c.credit);
        set(&mut draft.byline, c.byline);
        set(&mut draft.copyright, c.copyright);
        set(&mut draft.camera, c.camera);
        if let Some(keywords) = c.keywords {
            draft.keywords = keywords;
        }
        if c.taken.is_some() {
            draft.taken = c.taken;
        }
        if c.gps.is_some() {
            draft.gps = c.gps;
        }
        if let Some(rating) = self.xmp.rating {
            draft.rating = rating;
        }
        if self.xmp.label.is_some() {
            draft.label = self.xmp.label;
        }
    }

    fn choose(&self) -> Chosen {
        let (i, x, e) = (&self.iptc, &self.xmp, &self.exif);
        let pick = |iptc: &Option<String>, xmp: &Option<String>| -> Option<String> {
            match (iptc, xmp) {
                (Some(v), None) => Some(v.clone()),
                (Some(v), Some(_)) if i.trustworthy => Some(v.clone()),
                (_, Some(v)) => Some(v.clone()),
                (None, None) => None,
            }
        };
        let pick_list = |iptc: &Vec<String>, xmp: &Vec<String>| -> Option<Vec<String>> {
            let list = if !iptc.is_empty() && (i.trustworthy || xmp.is_empty()) {
                iptc
            } else {
                xmp
            };
            (!list.is_empty()).then(|| dedupe(list))
        };
        let joined = |list: Option<Vec<String>>| list.map(|l| l.join("; "));
        Chosen {
            title: pick(&i.object_name, &x.title)
                .or_else(|| pick(&i.headline, &x.headline))
                .or_else(|| e.xp_title.clone()),
            caption: pick(&i.caption, &x.description)
                .or_else(|| x.alt_text.clone())
                .or_else(|| e.description.clone())
                .or_else(|| e.xp_comment.clone())
                .or_else(|| e.user_comment.clone()),
            credit: pick(&i.credit, &x.credit),
            byline: joined(pick_list(&i.bylines, &x.creators))
                .or_else(|| e.artist.clone())
                .or_else(|| e.xp_author.clone()),
            copyright: pick(&i.copyright, &x.rights).or_else(|| e.copyright.clone()),
            keywords: pick_list(&i.keywords, &x.subjects)
                .or_else(|| (!e.xp_keywords.is_empty()).then(|| dedupe(&e.xp_keywords))),
            taken: self.taken().map(|t| t.format()),
            camera: camera(e.make.as_deref(), e.model.as_deref())
                .or_else(|| camera(x.make.as_deref(), x.model.as_deref())),
            gps: e
                .gps
                .or_else(|| xmp_gps(x.gps_latitude.as_deref()?, x.gps_longitude.as_deref()?)),
        }
    }

    /// The preferred capture date, made as precise as an agreeing later source allows.
    fn taken(&self) -> Option<Taken> {
        let (i, x, e) = (&self.iptc, &self.xmp, &self.exif);
        let candidates = [
            i.date
                .as_deref()
                .and_then(|d| Taken::from_iptc(d, i.time.as_deref())),
            x.date_created.as_deref().and_then(Taken::from_iso),
            x.date_time_original.as_deref().and_then(Taken::from_iso),
            e.date_time_original
                .as_deref()
                .and_then(|d| Taken::from_exif(d, e.offset_time_original.as_deref())),
            x.create_date.as_deref().and_then(Taken::from_iso),
        ];
        let mut found = candidates.into_iter().flatten();
        let first = found.next()?;
        Some(found.fold(first, Taken::refine))
    }
}

/// Keeps the first of each case-insensitive duplicate, in order.
fn dedupe(list: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    list.iter()
        .filter(|k| seen.insert(k.to_lowercase()))
        .cloned()
        .collect()
}

/// "Canon" + "Canon EOS 40D" is "Canon EOS 40D"; "NIKON CORPORATION" + "NIKON D70" is
/// "NIKON D70"; "Sony" + "ILCE-7RM3" is "Sony ILCE-7RM3".
fn camera(make: Option<&str>, model: Option<&str>) -> Option<String> {
    let make = make.map(text::clean_line).filter(|m| !m.is_empty());
    let model = model.map(text::clean_line).filter(|m| !m.is_empty());
    match (make, model) {
        (Some(make), Some(model)) => {
            let brand = make
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if model.to_lowercase().starts_with(&brand) {
                Some(model)
            } else {
                Some(format!("{make} {model}"))
            }
        }
        (make, model) => make.or(model),
    }
}

/// XMP writes GPS as `DDD,MM.mmmmN` or `DDD,MM,SSN`.
fn xmp_gps(lat: &str, lon: &str) -> Option<(f64, f64)> {
    let parse = |s: &str, negative: char| -> Option<f64> {
        let s = s.trim();
        let (at, hemisphere) = s.char_indices().last()?;
        let hemisphere = hemisphere.to_ascii_uppercase();
        if !matches!(hemisphere, 'N' | 'S' | 'E' | 'W') {
            return None;
        }
        let numbers: Vec<f64> = s[..at]
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .ok()?;
        let degrees = numbers
            .iter()
            .zip([1.0, 60.0, 3600.0])
            .map(|(v, scale)| v / scale)
            .sum::<f64>();
        let sign = if hemisphere == negative { -1.0 } else { 1.0 };
        (degrees.is_finite() && !numbers.is_empty() && numbers.len() <= 3).then_some(sign * degrees)
    };
    let (lat, lon) = (parse(lat, 'S')?, parse(lon, 'W')?);
    (lat.abs() <= 90.0 && lon.abs() <= 180.0).then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_names_do_not_repeat_the_maker() {
        assert_eq!(
            camera(Some("Canon"), Some("Canon EOS 40D")).as_deref(),
            Some("Canon EOS 40D")
        );
        assert_eq!(
            camera(Some("NIKON CORPORATION"), Some("NIKON D70")).as_deref(),
            Some("NIKON D70")
        );
        assert_eq!(
            camera(Some("Sony"), Some("ILCE-7RM3")).as_deref(),
            Some("Sony ILCE-7RM3")
        );
        assert_eq!(camera(None, Some("X100")).as_deref(), Some("X100"));
        assert_eq!(camera(Some(" "), None), None);
    }

    #[test]
    fn xmp_gps_reads_degrees_and_decimal_minutes() {
        let (lat, lon) = xmp_gps("40,39.7795N", "3,45.824W").unwrap();
        assert!(
            (lat - 40.662_991).abs() < 1e-5 && (lon + 3.763_733).abs() < 1e-5,
            "{lat},{lon}"
        );
        assert_eq!(xmp_gps("95,0N", "0,0E"), None);
        assert_eq!(xmp_gps("", "北"), None);
    }

    #[test]
    fn legacy_iptc_gives_way_to_xmp_but_declared_iptc_wins() {
        let xmp = XmpFields {
            description: Some("Zürich".into()),
            ..XmpFields::default()
        };
        let legacy = IptcFields {
            caption: Some("ZÃ¼rich".into()),
            ..IptcFields::default()
        };
        let meta = Metadata {
            iptc: legacy,
            xmp: xmp.clone(),
            ..Metadata::default()
        };
        assert_eq!(meta.choose().caption.as_deref(), Some("Zürich"));
        let declared = IptcFields {
            caption: Some("IPTC".into()),
            trustworthy: true,
            ..IptcFields::default()
        };
        let meta = Metadata {
            iptc: declared,
            xmp,
            ..Metadata::default()
        };
        assert_eq!(meta.choose().caption.as_deref(), Some("IPTC"));
    }

    #[test]
    fn keywords_are_deduplicated_ignoring_case() {
        let list = [
            "Beijing".to_string(),
            "beijing".into(),
            "Пекин".into(),
            "ПЕКИН".into(),
        ];
        assert_eq!(dedupe(&list), ["Beijing", "Пекин"]);
    }
}

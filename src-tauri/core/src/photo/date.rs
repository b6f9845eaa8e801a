//! Capture dates from the three metadata families — EXIF `YYYY:MM:DD HH:MM:SS` with a separate
//! offset, XMP ISO 8601 of any precision, IPTC `CCYYMMDD` + `HHMMSS±HHMM` — read into one value
//! that keeps its precision, and written as `YYYY-MM-DDTHH:MM:SS±HH:MM` (or a shorter prefix).

use chrono::NaiveDate;

/// Hours, minutes, seconds.
type Clock = (u32, u32, u32);

/// A date (at least a year) with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<Clock>,
    /// Minutes east of UTC.
    offset: Option<i32>,
}

impl Taken {
    /// EXIF `DateTimeOriginal` and, when present, `OffsetTimeOriginal`.
    pub fn from_exif(date_time: &str, offset: Option<&str>) -> Option<Self> {
        let mut taken = Self::from_iso(date_time)?;
        if taken.offset.is_none() && taken.time.is_some() {
            taken.offset = offset.and_then(parse_offset);
        }
        Some(taken)
    }

    /// ISO 8601 as XMP writes it (`2018`, `2018-11`, `2018-11-02`, `2018-11-02T10:30`,
    /// `2018-11-02T10:30:15.25+08:00`); also accepts EXIF's colons in the date.
    pub fn from_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let (date, rest) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(s[i + 1..].trim())),
            None => (s, None),
        };
        let mut parts = date.split(['-', ':']);
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() {
            return None;
        }
        let (time, offset) = match rest.filter(|r| !r.is_empty()) {
            Some(rest) if day.is_some() => parse_time_and_offset(rest)?,
            _ => (None, None),
        };
        Self {
            year,
            month,
            day,
            time,
            offset,
        }
        .validated()
    }

    /// IPTC Date Created (`CCYYMMDD`, `00` for an unknown month or day) and Time Created
    /// (`HHMMSS±HHMM`).
    pub fn from_iptc(date: &str, time: Option<&str>) -> Option<Self> {
        let digits = date.trim().replace('-', "");
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let num = |range: std::ops::Range<usize>| digits[range].parse::<u32>().ok();
        let year = i32::try_from(num(0..4)?).ok()?;
        let month = num(4..6).filter(|&m| m != 0);
        let day = num(6..8).filter(|&d| d != 0 && month.is_some());
        let (time, offset) = match time.map(str::trim).filter(|t| t.len() >= 6) {
            Some(t) if day.is_some() => {
                let hms = format!("{}:{}:{}", t.get(0..2)?, t.get(2..4)?, t.get(4..6)?);
                let zone = t.get(6..).unwrap_or_default();
                parse_time_and_offset(&format!("{hms}{zone}"))?
            }
            _ => (None, None),
        };
        Self {
            year,
            month,
            day,
            time,
            offset,
        }
        .validated()
    }

    fn validated(self) -> Option<Self> {
        if !(1000..=9999).contains(&self.year) {
            return None;
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(self.year, m, d)?;
            }
            (Some(m), None) if !(1..=12).contains(&m) => return None,
            (None, Some(_)) => return None,
            _ => {}
        }
        if let Some((h, m, s)) = self.time
            && (h > 23 || m > 59 || s > 59)
        {
            return None;
        }
        Some(self)
    }

    /// Takes the time (and offset) of `other` when it is the same day told more precisely, so
    /// that a date-only IPTC value gains the camera's clock time.
    pub fn refine(self, other: Self) -> Self {
        let same_known = self.year == other.year
            && (self.month.is_none() || self.month == other.month)
            && (self.day.is_none() || self.day == other.day)
            && (self.time.is_none() || self.time == other.time)
            && (self.offset.is_none() || self.offset == other.offset);
        let more_precise = (self.month.is_none() && other.month.is_some())
            || (self.day.is_none() && other.day.is_some())
            || (self.time.is_none() && other.time.is_some())
            || (self.offset.is_none() && other.offset.is_some());
        if same_known && more_precise {
            other
        } else {
            self
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM`, or as much of it as is known.
    pub fn format(&self) -> String {
        let mut out = format!("{:04}", self.year);
        let Some(month) = self.month else { return out };
        out.push_str(&format!("-{month:02}"));
        let Some(day) = self.day else { return out };
        out.push_str(&format!("-{day:02}"));
        let Some((h, m, s)) = self.time else {
            return out;
        };
        out.push_str(&format!("T{h:02}:{m:02}:{s:02}"));
        if let Some(offset) = self.offset {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
        }
        out
    }
}

/// `HH:MM[:SS[.fff]][Z|±HH[:]MM]`; `None` for anything else.
fn parse_time_and_offset(s: &str) -> Option<(Option<Clock>, Option<i32>)> {
    let zone_at = s.find(['Z', 'z', '+', '-']).unwrap_or(s.len());
    let (clock, zone) = s.split_at(zone_at);
    let mut parts = clock.trim().split(':');
    let h = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let s_part = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let sec = match s_part {
        Some(sec) => sec.split('.').next()?.parse().ok()?,
        None => 0,
    };
    let offset = if zone.is_empty() {
        None
    } else {
        Some(parse_offset(zone)?)
    };
    Some((Some((h, m, sec)), offset))
}

/// `Z`, `+08:00`, `-0500`, `+08` as minutes east of UTC.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), str::parse)
        .ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        Taken::from_iso(s).map(|t| t.format())
    }

    #[test]
    fn exif_date_time_with_offset_becomes_iso_with_offset() {
        let t = Taken::from_exif("2018:11:02 10:30:15", Some("+08:00")).unwrap();
        assert_eq!(t.format(), "2018-11-02T10:30:15+08:00");
        let t = Taken::from_exif("2018:11:02 10:30:15", None).unwrap();
        assert_eq!(t.format(), "2018-11-02T10:30:15");
    }

    #[test]
    fn xmp_dates_keep_their_precision() {
        assert_eq!(iso("2018").as_deref(), Some("2018"));
        assert_eq!(iso("2018-11").as_deref(), Some("2018-11"));
        assert_eq!(iso("2018-11-02").as_deref(), Some("2018-11-02"));
        assert_eq!(
            iso("2018-11-02T10:30").as_deref(),
            Some("2018-11-02T10:30:00")
        );
        assert_eq!(
            iso("2018-11-02T10:30:15.25Z").as_deref(),
            Some("2018-11-02T10:30:15+00:00")
        );
        assert_eq!(
            iso("2018-11-02T10:30:15-05:00").as_deref(),
            Some("2018-11-02T10:30:15-05:00")
        );
    }

    #[test]
    fn blank_and_impossible_dates_are_absent() {
        for bad in [
            "",
            "    :  :     :  :  ",
            "0000:00:00 00:00:00",
            "2018-02-30",
            "2018-13",
            "2018-11-02T25:00",
            "yesterday",
        ] {
            assert_eq!(iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn iptc_date_and_time_combine() {
        let t = Taken::from_iptc("20181102", Some("103015+0800")).unwrap();
        assert_eq!(t.format(), "2018-11-02T10:30:15+08:00");
        assert_eq!(
            Taken::from_iptc("20181100", None).unwrap().format(),
            "2018-11"
        );
        assert_eq!(Taken::from_iptc("2018110", None), None);
    }

    #[test]
    fn a_date_only_value_gains_the_time_of_the_same_day_but_not_of_another() {
        let date = Taken::from_iso("2018-11-02").unwrap();
        let same = Taken::from_exif("2018:11:02 10:30:15", Some("+08:00")).unwrap();
        let other = Taken::from_exif("2019:01:01 00:00:00", None).unwrap();
        assert_eq!(date.refine(same).format(), "2018-11-02T10:30:15+08:00");
        assert_eq!(date.refine(other).format(), "2018-11-02");
    }
}

//! Publication dates as people write them — ISO, RFC 3339/2822, "Nov 2, 2018", "2 ноября 2018",
//! "2018年11月2日", "02.11.2018" — reduced to a value and its precision (day, month, year or an
//! exact instant), so an article dated only "November 2018" is not given a made-up day.

use std::fmt;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate};
use regex::Regex;

use super::pattern;

/// How much of a date is known. Stored as `day`/`month`/`year`/`instant` (a CHECK column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Instant,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Instant => "instant",
        }
    }
}

impl fmt::Display for DatePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date known to some precision: `value` is `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub value: String,
    pub precision: DatePrecision,
}

impl PartialDate {
    fn day(date: NaiveDate) -> Self {
        PartialDate {
            value: date.format("%Y-%m-%d").to_string(),
            precision: DatePrecision::Day,
        }
    }
    fn month(year: i32, month: u32) -> Self {
        PartialDate {
            value: format!("{year:04}-{month:02}"),
            precision: DatePrecision::Month,
        }
    }
    fn year(year: i32) -> Self {
        PartialDate {
            value: format!("{year:04}"),
            precision: DatePrecision::Year,
        }
    }
    fn instant(at: DateTime<chrono::FixedOffset>) -> Self {
        PartialDate {
            value: at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            precision: DatePrecision::Instant,
        }
    }

    /// The date as a calendar day where it was written: an instant becomes the day of its own
    /// offset — `2024-03-01T23:30:00-05:00` is 1 March, whatever day it is in UTC. A day, month
    /// or year stays as it is.
    pub fn calendar_day(self) -> PartialDate {
        match self.moment() {
            Some(at) => PartialDate::day(at.date_naive()),
            None => self,
        }
    }

    /// The instant, for a date known to the second.
    pub fn moment(&self) -> Option<DateTime<chrono::FixedOffset>> {
        (self.precision == DatePrecision::Instant)
            .then(|| DateTime::parse_from_rfc3339(&self.value).ok())
            .flatten()
    }

    /// An instant stated in UTC (`Z`, `+00:00`): it may name another day than the one the
    /// source printed.
    pub fn is_utc_instant(&self) -> bool {
        self.moment()
            .is_some_and(|at| at.offset().local_minus_utc() == 0)
    }

    /// The day, when the date is known at least to the day.
    pub fn naive_day(&self) -> Option<NaiveDate> {
        match self.precision {
            DatePrecision::Instant => self.moment().map(|at| at.date_naive()),
            DatePrecision::Day => NaiveDate::parse_from_str(&self.value, "%Y-%m-%d").ok(),
            _ => None,
        }
    }
}

/// A Unix timestamp in seconds or milliseconds (some sites write `datePublished` so), as an
/// instant in UTC; `None` for anything else.
pub fn parse_timestamp(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let text = text.split_once('.').map_or(text, |(whole, _)| whole);
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = match text.len() {
        9 | 10 => text.parse().ok()?,
        12 | 13 => text.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    let at = DateTime::<chrono::Utc>::from_timestamp(seconds, 0)?.fixed_offset();
    in_range(at.year()).then(|| PartialDate::instant(at))
}

/// Years outside this range are typos or version numbers, not publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;
/// Dates hide near the start of a line; scanning a whole document for one is not this job.
const MAX_INPUT_BYTES: usize = 512;

/// `2018-11-02T10:30:00+08:00`, `2018-11-02 10:30:00Z`, `2018-11-02T10:30:00.123+0800`.
static ISO_INSTANT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})",
    )
});
/// `2018-11-02`, `2018/11/02`, `2018.11.02`, optionally followed by a time without a zone.
static YMD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|[^\d])(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[^\d]|$)"));
/// `02.11.2018`, `02/11/2018`, `02-11-2018`.
static DMY_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:^|[^\d])(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:[^\d]|$)"));
/// `2018年11月2日`, `2018年11月`, `2018 年 11 月 2 日`.
static CJK: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?)?"));
/// `Nov 2, 2018`, `November 2nd 2018`, `Nov. 2, 2018`.
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"));
/// `2 November 2018`, `2 ноября 2018 г.`, `02 Nov. 2018`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(\p{L}{3,10})\.?,?\s+(\d{4})\b")
});
/// `November 2018`, `ноябрь 2018`.
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b(\p{L}{3,10})\.?,?\s+(\d{4})\b"));
/// `2018-11`.
static YEAR_MONTH: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(\d{4})-(\d{2})$"));
static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(\d{4})$"));
/// `20240301`, `20240301T2130`, `20240301T213000+0300`: ISO 8601's basic form, as some sites
/// write their `<meta>` dates.
static BASIC_ISO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$",
    )
});

/// Parses the first date in `text`, or `None` when there is none or it cannot exist
/// (`2018-02-30`). A time without a zone is reduced to its day: the day is what is known.
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let text = normalise(text)?;
    let text = text.as_str();
    if let Ok(at) =
        DateTime::parse_from_rfc3339(text).or_else(|_| DateTime::parse_from_rfc2822(text))
    {
        return in_range(at.year()).then(|| PartialDate::instant(at));
    }
    if let Some(date) = basic_iso(text).or_else(|| javascript_date(text)) {
        return Some(date);
    }
    if let Some(caps) = YEAR_MONTH.captures(text) {
        let (year, month) = (number(&caps, 1)?, number(&caps, 2)?);
        return valid_month(year, month).then(|| PartialDate::month(year, month as u32));
    }
    if let Some(caps) = YEAR_ONLY.captures(text) {
        let year = number(&caps, 1)?;
        return in_range(year).then(|| PartialDate::year(year));
    }
    // Otherwise the earliest date found anywhere in the text wins.
    let candidates = [
        iso_instant(text),
        ymd(text),
        dmy_numeric(text),
        cjk(text),
        month_day_year(text),
        day_month_year(text),
        month_year(text),
    ];
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, date)| date)
}

/// Full-width digits to ASCII, whitespace collapsed; `None` for empty input.
fn normalise(text: &str) -> Option<String> {
    let end = super::credit::floor_char_boundary(text, MAX_INPUT_BYTES);
    let mapped: String = text[..end]
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '－' => '-',
            '／' => '/',
            '．' => '.',
            _ => c,
        })
        .collect();
    let out = super::collapse_whitespace(&mapped);
    (!out.is_empty()).then_some(out)
}

type Found = Option<(usize, PartialDate)>;

/// `Tue Nov 19 2019 03:05:46 GMT+0000`: what JavaScript's `Date.toString` writes, and some
/// sites put in their JSON-LD.
fn javascript_date(text: &str) -> Option<PartialDate> {
    static JAVASCRIPT: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"^\p{L}{3},? (\p{L}{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{2}):?(\d{2})",
        )
    });
    let caps = JAVASCRIPT.captures(text)?;
    let day = make_date(
        number(&caps, 3)?,
        month_number(&caps[1])?,
        number(&caps, 2)?,
    )?;
    let rfc = format!(
        "{}T{}:{}:{}{}:{}",
        day.format("%Y-%m-%d"),
        &caps[4],
        &caps[5],
        &caps[6],
        &caps[7],
        &caps[8]
    );
    DateTime::parse_from_rfc3339(&rfc)
        .ok()
        .map(PartialDate::instant)
}

fn basic_iso(text: &str) -> Option<PartialDate> {
    let caps = BASIC_ISO.captures(text)?;
    let day = make_date(number(&caps, 1)?, number(&caps, 2)?, number(&caps, 3)?)?;
    let (Some(hour), Some(minute), Some(zone)) = (caps.get(4), caps.get(5), caps.get(7)) else {
        return Some(PartialDate::day(day));
    };
    let zone = match zone.as_str() {
        "Z" => "+00:00".to_string(),
        z if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
        z => z.to_string(),
    };
    let seconds = caps.get(6).map_or("00", |m| m.as_str());
    let rfc = format!(
        "{}T{}:{}:{seconds}{zone}",
        day.format("%Y-%m-%d"),
        hour.as_str(),
        minute.as_str()
    );
    Some(DateTime::parse_from_rfc3339(&rfc).map_or(PartialDate::day(day), PartialDate::instant))
}

fn iso_instant(text: &str) -> Found {
    let caps = ISO_INSTANT.captures(text)?;
    let whole = caps.get(0)?;
    let zone = caps.get(7)?.as_str();
    let zone = match zone {
        "Z" => "+00:00".to_string(),
        z if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
        z => z.to_string(),
    };
    let seconds = caps.get(6).map_or("00", |m| m.as_str());
    let rfc = format!(
        "{}-{}-{}T{}:{}:{}{}",
        &caps[1], &caps[2], &caps[3], &caps[4], &caps[5], seconds, zone
    );
    let at = DateTime::parse_from_rfc3339(&rfc).ok()?;
    in_range(number(&caps, 1)?).then(|| (whole.start(), PartialDate::instant(at)))
}

fn ymd(text: &str) -> Found {
    YMD.captures_iter(text).find_map(|caps| {
        if caps[2] != caps[4] {
            return None;
        }
        let date = make_date(number(&caps, 1)?, number(&caps, 3)?, number(&caps, 5)?)?;
        Some((caps.get(1)?.start(), PartialDate::day(date)))
    })
}

/// Day first with dots or dashes (European and Russian use); with slashes month first unless
/// the first number cannot be a month (American use, `11/02/2018` is 2 November).
fn dmy_numeric(text: &str) -> Found {
    DMY_NUMERIC.captures_iter(text).find_map(|caps| {
        if caps[2] != caps[4] {
            return None;
        }
        let (a, b, year) = (number(&caps, 1)?, number(&caps, 3)?, number(&caps, 5)?);
        let (day, month) = if &caps[2] == "/" && a <= 12 {
            (b, a)
        } else {
            (a, b)
        };
        let date = make_date(year, month, day)?;
        Some((caps.get(1)?.start(), PartialDate::day(date)))
    })
}

fn cjk(text: &str) -> Found {
    CJK.captures_iter(text).find_map(|caps| {
        let start = caps.get(0)?.start();
        let year = number(&caps, 1)?;
        let date = match (caps.get(2), caps.get(3)) {
            (Some(_), Some(_)) => {
                PartialDate::day(make_date(year, number(&caps, 2)?, number(&caps, 3)?)?)
            }
            (Some(_), None) => {
                let month = number(&caps, 2)?;
                valid_month(year, month).then(|| PartialDate::month(year, month as u32))?
            }
            _ => in_range(year).then(|| PartialDate::year(year))?,
        };
        Some((start, date))
    })
}

fn month_day_year(text: &str) -> Found {
    MONTH_DAY_YEAR.captures_iter(text).find_map(|caps| {
        let month = month_number(&caps[1])?;
        let date = make_date(number(&caps, 3)?, month, number(&caps, 2)?)?;
        Some((caps.get(0)?.start(), PartialDate::day(date)))
    })
}

fn day_month_year(text: &str) -> Found {
    DAY_MONTH_YEAR.captures_iter(text).find_map(|caps| {
        let month = month_number(&caps[2])?;
        let date = make_date(number(&caps, 3)?, month, number(&caps, 1)?)?;
        Some((caps.get(0)?.start(), PartialDate::day(date)))
    })
}

fn month_year(text: &str) -> Found {
    MONTH_YEAR.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        // "30 февраля 2018" is an impossible day, not the month of February.
        if text[..whole.start()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let month = month_number(&caps[1])?;
        let year = number(&caps, 2)?;
        valid_month(year, month as i32).then(|| (whole.start(), PartialDate::month(year, month)))
    })
}

/// English and Russian month names (any case, full, abbreviated or genitive) to 1–12.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [(&str, &str, &str); 12] = [
        ("jan", "январ", "янв"),
        ("feb", "феврал", "фев"),
        ("mar", "март", "мар"),
        ("apr", "апрел", "апр"),
        ("may", "май", "мая"),
        ("jun", "июн", "июн"),
        ("jul", "июл", "июл"),
        ("aug", "август", "авг"),
        ("sep", "сентябр", "сен"),
        ("oct", "октябр", "окт"),
        ("nov", "ноябр", "ноя"),
        ("dec", "декабр", "дек"),
    ];
    const ENGLISH: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    for (i, (en, ru_stem, ru_abbr)) in MONTHS.iter().enumerate() {
        let english = w.len() >= 3 && (ENGLISH[i].starts_with(&w) || (w == "sept" && i == 8));
        let english = english && w.starts_with(en);
        let russian = if i == 4 {
            // May: "май", "мая", "мае" only — a stem would catch "март".
            matches!(w.as_str(), "май" | "мая" | "мае")
        } else {
            w.starts_with(ru_stem) || (w.starts_with(ru_abbr) && w.chars().count() <= 4)
        };
        if english || russian {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn number(caps: &regex::Captures<'_>, group: usize) -> Option<i32> {
    caps.get(group)?.as_str().parse().ok()
}

fn in_range(year: i32) -> bool {
    YEARS.contains(&year)
}

fn valid_month(year: i32, month: i32) -> bool {
    in_range(year) && (1..=12).contains(&month)
}

fn make_date(year: i32, month: impl TryInto<u32>, day: i32) -> Option<NaiveDate> {
    if !in_range(year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month.try_into().ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;

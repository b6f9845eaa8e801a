//! Dates as the index keeps them: `yyyymmdd` numbers with `00` for an unknown month or day, so a
//! date known only to the month (`2018-11`) is the period 20181100..=20181199 and ranges over
//! the numbers compare periods.

use chrono::NaiveDate;

/// A calendar period: one day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// `yyyymmdd`, with `00` for the unknown parts: what the index's `date` field holds.
    pub first: i64,
    /// `yyyymmdd`, with `99` for the unknown parts: what the index's `date_end` field holds.
    pub last: i64,
}

impl Period {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month and day may have one digit); `None` when it is not
    /// one of those or not a real date (`2018-13`, `2019-02-29`).
    pub fn parse(text: &str) -> Option<Period> {
        let mut parts = text.split('-');
        let year = number(parts.next()?, 4, 4)?;
        // Absent parts are unknown; present ones must be numbers.
        let month = match parts.next() {
            Some(m) => Some(number(m, 1, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 1, 2)?),
            None => None,
        };
        if parts.next().is_some() || year == 0 {
            return None;
        }
        match (month, day) {
            (None, _) => Some(Period {
                first: year * 10_000,
                last: year * 10_000 + 9_999,
            }),
            (Some(month), None) => {
                NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, u32::try_from(month).ok()?, 1)?;
                Some(Period {
                    first: year * 10_000 + month * 100,
                    last: year * 10_000 + month * 100 + 99,
                })
            }
            (Some(month), Some(day)) => {
                NaiveDate::from_ymd_opt(
                    i32::try_from(year).ok()?,
                    u32::try_from(month).ok()?,
                    u32::try_from(day).ok()?,
                )?;
                let key = year * 10_000 + month * 100 + day;
                Some(Period {
                    first: key,
                    last: key,
                })
            }
        }
    }

    /// An item's date as stored: a period as above, or an RFC 3339 / `YYYY-MM-DD HH:MM` time,
    /// taken as the calendar day written in it (the day the source printed).
    pub fn of_item_date(text: &str) -> Option<Period> {
        let text = text.trim();
        let day = text.split(['T', 't', ' ']).next().unwrap_or(text);
        Period::parse(day)
    }
}

fn number(text: &str, min_digits: usize, max_digits: usize) -> Option<i64> {
    if !(min_digits..=max_digits).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
// `yyyy_mm_dd` grouping reads as the date it encodes.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;

    #[test]
    fn years_months_and_days_become_periods() {
        assert_eq!(
            Period::parse("2018"),
            Some(Period {
                first: 2018_00_00,
                last: 2018_99_99
            })
        );
        assert_eq!(
            Period::parse("2018-11"),
            Some(Period {
                first: 2018_11_00,
                last: 2018_11_99
            })
        );
        assert_eq!(
            Period::parse("2018-1-5"),
            Some(Period {
                first: 2018_01_05,
                last: 2018_01_05
            })
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "2018-13",
            "2019-02-29",
            "2018-00",
            "18",
            "2018-11-05-01",
            "2018-xx",
            "",
        ] {
            assert_eq!(Period::parse(text), None, "{text}");
        }
    }

    #[test]
    fn item_times_count_as_the_day_written() {
        assert_eq!(
            Period::of_item_date("2018-11-02T23:30:00+08:00").map(|p| p.first),
            Some(2018_11_02)
        );
        assert_eq!(
            Period::of_item_date("2018-11-02 10:00").map(|p| p.first),
            Some(2018_11_02)
        );
    }
}

//! Ratings and colour labels, as press photographers mark their picks: 0 to 5 stars (0: not
//! rated) and one of five colour labels, on many items at once. Each change is applied from a
//! journal action and recorded in the history per item, so it can be undone.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{self, Field};
use super::history::Recorder;
use crate::error::{Error, Result};

/// The most stars an item can have.
pub const MAX_RATING: u8 = 5;

/// A colour label, in the order Photo Mechanic, Lightroom and Bridge list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Red,
    Yellow,
    Green,
    Blue,
    Purple,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Red,
        Label::Yellow,
        Label::Green,
        Label::Blue,
        Label::Purple,
    ];

    /// The label as the database, the journal and the query language write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Red => "red",
            Label::Yellow => "yellow",
            Label::Green => "green",
            Label::Blue => "blue",
            Label::Purple => "purple",
        }
    }

    /// The label as XMP writers name it (`xmp:Label`): "Red", "Yellow", …
    pub fn xmp_name(self) -> &'static str {
        match self {
            Label::Red => "Red",
            Label::Yellow => "Yellow",
            Label::Green => "Green",
            Label::Blue => "Blue",
            Label::Purple => "Purple",
        }
    }

    /// A label name in any case (`Red`, `red`, ` RED `); `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        Label::ALL
            .into_iter()
            .find(|label| label.as_str().eq_ignore_ascii_case(name))
    }

    /// A label as a person types it; `none` (or nothing) clears the label.
    pub fn parse_choice(text: &str) -> Result<Option<Self>> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        Label::from_name(text).map(Some).ok_or_else(|| {
            Error::InvalidInput(format!(
                "{text:?} is not a colour label; choose red, yellow, green, blue, purple or none"
            ))
        })
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl rusqlite::types::FromSql for Label {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Label::from_name(text).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("{text:?} is not a label").into())
        })
    }
}

/// Give many items a number of stars in one action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RateRequest {
    pub ids: Vec<i64>,
    /// 0 to 5; 0 takes the rating away.
    pub rating: u8,
}

/// Give many items a colour label, or take it away (`None`), in one action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabelRequest {
    pub ids: Vec<i64>,
    pub label: Option<Label>,
}

/// Refuses an empty selection, in words.
pub(crate) fn check_items(ids: &[i64], what: &str) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::InvalidInput(format!("no items to {what}")));
    }
    Ok(())
}

/// Checks a rating as a person gives it.
pub fn check_rating(rating: i64) -> Result<u8> {
    u8::try_from(rating)
        .ok()
        .filter(|stars| *stars <= MAX_RATING)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "{rating} is not a rating; give 0 to {MAX_RATING} stars (0: not rated)"
            ))
        })
}

/// An `xmp:Rating` as photographers' tools write it: 0 to 5, possibly written `4.0`; `-1`
/// (Lightroom's and Bridge's "rejected") and anything else out of range count as not rated.
pub fn rating_from_xmp(text: &str) -> u8 {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|stars| stars.is_finite() && (0.0..=f64::from(MAX_RATING)).contains(stars))
        .map_or(0, |stars| stars.round() as u8)
}

/// Gives every listed item `rating` stars, recording each change. Returns the items changed.
pub(crate) fn apply_rating(
    conn: &Connection,
    recorder: &Recorder<'_>,
    ids: &[i64],
    rating: u8,
) -> Result<Vec<i64>> {
    let rating = check_rating(i64::from(rating))?.to_string();
    set_field(conn, recorder, ids, Field::Rating, Some(&rating))
}

/// Gives every listed item `label` (`None`: no label), recording each change. Returns the items
/// changed.
pub(crate) fn apply_label(
    conn: &Connection,
    recorder: &Recorder<'_>,
    ids: &[i64],
    label: Option<Label>,
) -> Result<Vec<i64>> {
    set_field(conn, recorder, ids, Field::Label, label.map(Label::as_str))
}

fn set_field(
    conn: &Connection,
    recorder: &Recorder<'_>,
    ids: &[i64],
    field: Field,
    value: Option<&str>,
) -> Result<Vec<i64>> {
    let mut changed = Vec::new();
    for &id in ids {
        let old = fields::read(conn, id, field)?;
        if old.as_deref() == value {
            continue;
        }
        fields::write(conn, id, field, value, recorder.at)?;
        recorder.record(conn, Some(id), &field.name(), old.as_deref(), value)?;
        changed.push(id);
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_names_are_read_in_any_case_and_others_are_not_labels() {
        assert_eq!(Label::from_name("Red"), Some(Label::Red));
        assert_eq!(Label::from_name(" PURPLE "), Some(Label::Purple));
        assert_eq!(Label::from_name("Second"), None);
        assert_eq!(Label::parse_choice("none").unwrap(), None);
        let refused = Label::parse_choice("pink").unwrap_err().to_string();
        assert!(refused.contains("not a colour label"), "{refused}");
    }

    #[test]
    fn ratings_are_zero_to_five() {
        assert_eq!(check_rating(0).unwrap(), 0);
        assert_eq!(check_rating(5).unwrap(), 5);
        assert!(check_rating(6).is_err());
        assert!(check_rating(-1).is_err());
    }

    #[test]
    fn xmp_ratings_outside_the_stars_are_not_rated() {
        assert_eq!(rating_from_xmp("4"), 4);
        assert_eq!(rating_from_xmp("3.0"), 3);
        assert_eq!(rating_from_xmp("-1"), 0);
        assert_eq!(rating_from_xmp("7"), 0);
        assert_eq!(rating_from_xmp("high"), 0);
    }
}

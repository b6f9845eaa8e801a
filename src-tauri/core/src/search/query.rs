//! Folio's query language, parsed into a checked [`Query`] once, at the edge:
//!
//! - words must all match, each in any text field (title, body, captions, credits, bylines,
//!   tags, notes); a word that analyzes to several tokens (`COVID-19`, `中小企业`) is a phrase;
//! - `"a phrase"` (also `“…”`, `«…»`) matches the words in order;
//! - `-word`, `-"a phrase"`, `-tag:x` exclude;
//! - `a OR b` matches either; `moscow OR beijing dialogue` is `(moscow OR beijing) dialogue`;
//! - `tag:Events` matches the tag and its children (`Events/Innovation Dialogue`);
//!   `kind:article|photo`, `lang:en|zh|ru`, `in:"collection"`;
//!   `credit:` and `byline:` match words in those fields only; `ocr:` words read by OCR from a
//!   scan or a photo;
//! - `date:2018`, `date:2018-11`, `date:2018-11-05`: items whose date falls in that period (an
//!   item dated only `2018` is not in `date:2018-11`: its month is unknown); `date:2018-03..2018-07`
//!   a range of periods, both ends included (what the timeline selects);
//!   `before:D`: items whose whole date period ends before `D` starts (`before:2019` = up to
//!   2018-12-31); `after:D`: items whose date period starts after `D` ends (`after:2018-11` =
//!   from 2018-12-01). Both are exclusive; an item dated only `2018` is neither before nor after
//!   `2018-06`. Items without a date match no date filter.
//! - `rating:5` (stars, 0 to 5; `rating:0` the items not rated), `rating:>=4`, `rating:>3`,
//!   `rating:<3`, `rating:<=2` (which, like `rating:0`, includes the items not rated);
//!   `label:red`, `label:yellow`, `label:green`, `label:blue`, `label:purple` (English names in
//!   any case).
//!
//! A query of filters only (`tag:events kind:photo`) is valid and lists what matches.

use super::analyzer::{AnalyzedToken, Analyzer};
use super::dates::Period;
use super::lexer::{FieldName, Item, ItemKind, example, lex};
use super::schema::{collection_key, language_key, tag_key};
use crate::error::{Error, Result};
use crate::library::ratings::{Label, MAX_RATING};

/// A parsed query: every group must match (one of its alternatives), no exclusion may.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub(crate) groups: Vec<Vec<Atom>>,
    pub(crate) excluded: Vec<Atom>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextScope {
    /// Any analyzed text field, weighted.
    Everywhere,
    Credits,
    Bylines,
    /// Text read from images by OCR.
    Ocr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFilter {
    Within(Period),
    Before(Period),
    After(Period),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    /// One token is a term; several are a phrase, at their analyzed positions.
    Text {
        scope: TextScope,
        tokens: Vec<AnalyzedToken>,
    },
    /// A tag key (`events/innovation dialogue`): the tag or any child of it.
    Tag(String),
    Kind(&'static str),
    Lang(String),
    Collection(String),
    Date(DateFilter),
    /// Items with `least` to `most` stars (both included).
    Rating {
        least: u8,
        most: u8,
    },
    Label(Label),
}

impl Query {
    /// True when the query has words or phrases to rank by; false for filters only.
    pub fn has_text(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|atom| matches!(atom, Atom::Text { .. }))
    }

    /// True for one word, or words joined by OR, and nothing else: a plain union of term
    /// queries, which tantivy ranks without visiting every match.
    pub(crate) fn is_union_of_terms(&self) -> bool {
        self.excluded.is_empty()
            && self.groups.len() == 1
            && self.groups[0].iter().all(Atom::is_single_term)
    }

    /// The analyzed terms a snippet should highlight: words and phrases searched everywhere.
    pub(crate) fn highlight_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for atom in self.groups.iter().flatten() {
            if let Atom::Text {
                scope: TextScope::Everywhere,
                tokens,
            } = atom
            {
                for token in tokens {
                    if !terms.contains(&token.text) {
                        terms.push(token.text.clone());
                    }
                }
            }
        }
        terms
    }
}

impl Atom {
    pub(crate) fn is_single_term(&self) -> bool {
        matches!(self, Atom::Text { tokens, .. } if tokens.len() == 1)
    }
}

/// Parses query text; malformed input gets `Error::InvalidInput` with a message naming the
/// character position and the fix.
pub fn parse_query(text: &str) -> Result<Query> {
    let items = lex(text)?;
    if items.is_empty() {
        return Err(invalid(
            "the query is empty; type words to find, or a filter such as tag:Events",
        ));
    }
    let analyzer = Analyzer::for_query();
    let mut groups: Vec<Vec<Atom>> = Vec::new();
    let mut excluded = Vec::new();
    // Where a pending `OR` was written, waiting for the term it joins to the previous group.
    let mut pending_or: Option<usize> = None;
    // The exclusion just before, if the last item was one (an `OR` cannot follow it).
    let mut previous_exclusion: Option<&str> = None;
    // Whether the last item was a term that went into a group (an `OR` may follow it).
    let mut after_included_term = false;
    for item in &items {
        if item.kind == ItemKind::Or {
            if let Some(at) = pending_or {
                return Err(invalid(format!(
                    "OR at character {at} is followed by another OR"
                )));
            }
            if let Some(written) = previous_exclusion {
                return Err(invalid(format!(
                    "OR at character {} cannot join an exclusion ({written})",
                    item.at
                )));
            }
            if !after_included_term {
                return Err(invalid(format!(
                    "OR at character {} needs a word, phrase or filter before it",
                    item.at
                )));
            }
            pending_or = Some(item.at);
            continue;
        }
        let atom = atom(item, &analyzer)?;
        if item.excluded {
            if let Some(at) = pending_or {
                return Err(invalid(format!(
                    "OR at character {at} cannot join an exclusion ({})",
                    item.written
                )));
            }
            excluded.extend(atom);
            previous_exclusion = Some(&item.written);
            after_included_term = false;
            continue;
        }
        previous_exclusion = None;
        // Text with nothing searchable in it (`…`, `!!!`) is skipped.
        let Some(atom) = atom else { continue };
        match (pending_or.take(), groups.last_mut()) {
            (Some(_), Some(group)) => group.push(atom),
            _ => groups.push(vec![atom]),
        }
        after_included_term = true;
    }
    if let Some(at) = pending_or {
        return Err(invalid(format!(
            "OR at character {at} needs a word, phrase or filter after it"
        )));
    }
    if groups.is_empty() {
        return Err(invalid(if excluded.is_empty() {
            "the query has nothing searchable in it; type words to find".to_owned()
        } else {
            "the query only excludes; add something to find (a word, a phrase or a filter such \
             as tag:Events) before the exclusions"
                .to_owned()
        }));
    }
    Ok(Query { groups, excluded })
}

fn atom(item: &Item, analyzer: &Analyzer) -> Result<Option<Atom>> {
    let (field, value) = match &item.kind {
        ItemKind::Word(text) | ItemKind::Phrase(text) => {
            return Ok(text_atom(TextScope::Everywhere, text, analyzer));
        }
        ItemKind::Field { name, value } => (*name, value.as_str()),
        ItemKind::Or => return Ok(None),
    };
    let bad_value = |what: &str| {
        invalid(format!(
            "{} at character {}: {what}; for example {}",
            item.written,
            item.at,
            example(field)
        ))
    };
    let atom = match field {
        FieldName::Tag => {
            let key = tag_key(value);
            if key.is_empty() {
                return Err(bad_value("the tag is empty"));
            }
            Atom::Tag(key)
        }
        FieldName::Kind => match value.to_lowercase().as_str() {
            "article" | "articles" => Atom::Kind("article"),
            "photo" | "photos" => Atom::Kind("photo"),
            _ => return Err(bad_value("kind is article or photo")),
        },
        FieldName::Lang => {
            Atom::Lang(language(value).ok_or_else(|| bad_value("not a language code"))?)
        }
        FieldName::Credit | FieldName::Byline | FieldName::Ocr => {
            let scope = match field {
                FieldName::Credit => TextScope::Credits,
                FieldName::Byline => TextScope::Bylines,
                _ => TextScope::Ocr,
            };
            text_atom(scope, value, analyzer)
                .ok_or_else(|| bad_value("there are no words to search for"))?
        }
        FieldName::In => {
            let key = collection_key(value);
            if key.is_empty() {
                return Err(bad_value("the collection name is empty"));
            }
            Atom::Collection(key)
        }
        FieldName::Date => {
            let period = date_or_range(value.trim()).ok_or_else(|| {
                bad_value("not a date or range; write YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO")
            })?;
            Atom::Date(DateFilter::Within(period))
        }
        FieldName::Before | FieldName::After => {
            let period = Period::parse(value.trim())
                .ok_or_else(|| bad_value("not a date; write YYYY, YYYY-MM or YYYY-MM-DD"))?;
            Atom::Date(match field {
                FieldName::Before => DateFilter::Before(period),
                FieldName::After => DateFilter::After(period),
                _ => DateFilter::Within(period),
            })
        }
        FieldName::Rating => {
            let (least, most) = rating_range(value).ok_or_else(|| {
                bad_value(&format!(
                    "a rating is 0 to {MAX_RATING} stars, alone or after >, >=, < or <="
                ))
            })?;
            Atom::Rating { least, most }
        }
        FieldName::Label => Atom::Label(
            Label::from_name(value)
                .ok_or_else(|| bad_value("a label is red, yellow, green, blue or purple"))?,
        ),
    };
    Ok(Some(atom))
}

/// The stars `rating:` asks for, both ends included: `4` is 4 to 4, `>=4` 4 to 5, `<3` 0 to 2.
/// `None` for a value that is not a rating, or a range with no rating in it (`>5`, `<0`).
fn rating_range(value: &str) -> Option<(u8, u8)> {
    let value = value.trim();
    let (comparison, number) = match value.find(|c: char| c.is_ascii_digit()) {
        Some(at) => value.split_at(at),
        None => return None,
    };
    let stars: u8 = number.parse().ok().filter(|stars| *stars <= MAX_RATING)?;
    match comparison {
        "" | "=" => Some((stars, stars)),
        ">=" => Some((stars, MAX_RATING)),
        ">" => (stars < MAX_RATING).then_some((stars + 1, MAX_RATING)),
        "<=" => Some((0, stars)),
        "<" => stars.checked_sub(1).map(|most| (0, most)),
        _ => None,
    }
}

/// A period (`2018-11`) or a range of them (`2018-03..2018-07`): from the first's start to the
/// last's end, so the range holds what `date:` finds for each period in it.
fn date_or_range(value: &str) -> Option<Period> {
    let Some((from, to)) = value.split_once("..") else {
        return Period::parse(value);
    };
    let (from, to) = (Period::parse(from.trim())?, Period::parse(to.trim())?);
    (from.first <= to.last).then_some(Period {
        first: from.first,
        last: to.last,
    })
}

fn text_atom(scope: TextScope, text: &str, analyzer: &Analyzer) -> Option<Atom> {
    let tokens = analyzer.tokens(text);
    (!tokens.is_empty()).then_some(Atom::Text { scope, tokens })
}

/// An ISO 639 code (`en`, `zh-Hans` → `zh`), or the English name of one of Folio's languages.
fn language(value: &str) -> Option<String> {
    let named = match value.trim().to_lowercase().as_str() {
        "english" => Some("en"),
        "chinese" => Some("zh"),
        "russian" => Some("ru"),
        _ => None,
    };
    if let Some(code) = named {
        return Some(code.to_owned());
    }
    let key = language_key(value)?;
    ((2..=3).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_lowercase())).then_some(key)
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidInput(message.into())
}

#[cfg(test)]
// `yyyy_mm_dd` grouping reads as the date it encodes.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match parse_query(text) {
            Err(Error::InvalidInput(message)) => message,
            other => panic!("{text:?} should be invalid, got {other:?}"),
        }
    }

    fn terms(atom: &Atom) -> Vec<&str> {
        match atom {
            Atom::Text { tokens, .. } => tokens.iter().map(|t| t.text.as_str()).collect(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn words_must_all_match() {
        let query = parse_query("Innovations dialogue").unwrap();
        assert_eq!(query.groups.len(), 2);
        assert_eq!(terms(&query.groups[0][0]), ["innov"]);
        assert!(query.has_text());
    }

    #[test]
    fn or_joins_its_neighbours_into_one_group() {
        let query = parse_query("moscow OR beijing dialogue").unwrap();
        assert_eq!(query.groups.len(), 2);
        assert_eq!(query.groups[0].len(), 2);
        assert_eq!(terms(&query.groups[1][0]), ["dialogu"]);
    }

    #[test]
    fn only_single_words_and_their_alternatives_are_unions_of_terms() {
        assert!(parse_query("moscow").unwrap().is_union_of_terms());
        assert!(parse_query("moscow OR 北京").unwrap().is_union_of_terms());
        assert!(!parse_query("moscow beijing").unwrap().is_union_of_terms());
        assert!(!parse_query("\"moscow forum\"").unwrap().is_union_of_terms());
        assert!(!parse_query("moscow -forum").unwrap().is_union_of_terms());
        assert!(
            !parse_query("moscow OR kind:photo")
                .unwrap()
                .is_union_of_terms()
        );
    }

    #[test]
    fn a_cjk_word_is_a_phrase_of_bigrams() {
        let query = parse_query("中小企业").unwrap();
        assert_eq!(terms(&query.groups[0][0]), ["中小", "小企", "企业"]);
    }

    #[test]
    fn exclusions_of_words_phrases_and_fields() {
        let query = parse_query("forum -moscow -\"press tour\" -tag:Drafts").unwrap();
        assert_eq!(query.excluded.len(), 3);
        assert_eq!(query.excluded[2], Atom::Tag("drafts".to_owned()));
    }

    #[test]
    fn fields_are_checked_and_normalized() {
        let query = parse_query(
            "tag:\"Events/Innovation Dialogue\" kind:Photo lang:RU in:\"Press Kit\" \
             credit:xinhua date:2018-11 before:2019 after:2017",
        )
        .unwrap();
        let atoms: Vec<&Atom> = query.groups.iter().flatten().collect();
        assert_eq!(
            *atoms[0],
            Atom::Tag("events/innovation dialogue".to_owned())
        );
        assert_eq!(*atoms[1], Atom::Kind("photo"));
        assert_eq!(*atoms[2], Atom::Lang("ru".to_owned()));
        assert_eq!(*atoms[3], Atom::Collection("press kit".to_owned()));
        assert!(matches!(
            atoms[4],
            Atom::Text {
                scope: TextScope::Credits,
                ..
            }
        ));
        assert_eq!(
            *atoms[5],
            Atom::Date(DateFilter::Within(Period::parse("2018-11").unwrap()))
        );
    }

    #[test]
    fn a_query_of_filters_only_is_valid() {
        let query = parse_query("tag:events kind:photo").unwrap();
        assert!(!query.has_text());
    }

    #[test]
    fn an_unclosed_quote_is_reported_with_its_position() {
        assert_eq!(
            error("forum \"innovation dialogue"),
            "unclosed quote at character 7: add the closing \""
        );
        assert!(error("tag:\"Events").contains("character 5"));
    }

    #[test]
    fn an_unknown_field_is_reported() {
        let message = error("moscow foo:bar");
        assert!(
            message.starts_with("unknown field \"foo:\" at character 8"),
            "{message}"
        );
    }

    #[test]
    fn bad_dates_are_reported() {
        let message = error("date:2018-13");
        assert!(message.contains("date:2018-13 at character 1"), "{message}");
        assert!(message.contains("YYYY-MM-DD"), "{message}");
        assert!(error("before:tomorrow").contains("not a date"));
        assert!(error("after:2019-02-29").contains("not a date"));
    }

    #[test]
    fn a_date_range_runs_from_the_first_period_to_the_end_of_the_last() {
        let query = parse_query("date:2018-03..2018-07 date:2017..2018-02-05").unwrap();
        assert_eq!(
            query.groups[0][0],
            Atom::Date(DateFilter::Within(Period {
                first: 2018_03_00,
                last: 2018_07_99
            }))
        );
        assert_eq!(
            query.groups[1][0],
            Atom::Date(DateFilter::Within(Period {
                first: 2017_00_00,
                last: 2018_02_05
            }))
        );
        assert!(error("date:2019..2018").contains("not a date or range"));
        assert!(error("date:2018-03..").contains("not a date or range"));
        assert!(error("before:2018..2019").contains("not a date"));
    }

    #[test]
    fn bad_kinds_and_languages_are_reported() {
        assert!(error("kind:video").contains("kind is article or photo"));
        assert!(error("lang:klingon-1").contains("not a language code"));
    }

    #[test]
    fn ratings_are_ranges_of_stars_and_labels_are_colours() {
        let rating = |text: &str| parse_query(text).unwrap().groups[0][0].clone();
        assert_eq!(rating("rating:5"), Atom::Rating { least: 5, most: 5 });
        assert_eq!(rating("rating:>=4"), Atom::Rating { least: 4, most: 5 });
        assert_eq!(rating("rating:>3"), Atom::Rating { least: 4, most: 5 });
        assert_eq!(rating("rating:<3"), Atom::Rating { least: 0, most: 2 });
        assert_eq!(rating("rating:<=1"), Atom::Rating { least: 0, most: 1 });
        assert_eq!(rating("rating:0"), Atom::Rating { least: 0, most: 0 });
        assert_eq!(rating("label:Red"), Atom::Label(Label::Red));
        assert_eq!(rating("LABEL:purple"), Atom::Label(Label::Purple));
    }

    #[test]
    fn bad_ratings_and_labels_are_reported() {
        let message = error("rating:9");
        assert!(
            message.starts_with("rating:9 at character 1: a rating is 0 to 5 stars"),
            "{message}"
        );
        assert!(message.contains("for example rating:5"), "{message}");
        assert!(error("rating:>5").contains("a rating is 0 to 5"));
        assert!(error("rating:<0").contains("a rating is 0 to 5"));
        assert!(error("rating:=>3").contains("a rating is 0 to 5"));
        assert!(error("rating:high").contains("a rating is 0 to 5"));
        let message = error("forum label:pink");
        assert!(
            message.starts_with("label:pink at character 7: a label is red, yellow"),
            "{message}"
        );
    }

    #[test]
    fn dangling_or_is_reported() {
        assert!(error("OR moscow").contains("OR at character 1 needs a word"));
        assert!(
            error("moscow OR").contains("OR at character 8 needs a word, phrase or filter after")
        );
        assert!(error("moscow OR OR beijing").contains("followed by another OR"));
        assert!(error("moscow OR -beijing").contains("cannot join an exclusion"));
        assert!(error("moscow -beijing OR forum").contains("cannot join an exclusion (-beijing)"));
    }

    #[test]
    fn a_query_of_exclusions_only_is_reported() {
        assert!(error("-moscow -tag:drafts").contains("only excludes"));
    }

    #[test]
    fn an_empty_query_is_reported() {
        assert!(error("").contains("empty"));
        assert!(error("   ").contains("empty"));
        assert!(error("!!! …").contains("nothing searchable"));
    }

    #[test]
    fn a_field_without_a_value_is_reported() {
        assert!(error("tag:").contains("needs a value"));
        assert!(error("credit:\"…\"").contains("no words"));
    }
}

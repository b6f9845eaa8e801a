//! Splits query text into words, quoted phrases, `field:value` pairs and `OR`, each with the
//! character position it starts at, for the parser and its error messages.

use crate::error::{Error, Result};

/// The fields a query may name, as in `tag:Events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Tag,
    Kind,
    Lang,
    Credit,
    Byline,
    Ocr,
    In,
    Date,
    Before,
    After,
    Rating,
    Label,
}

impl FieldName {
    const ALL: [(&'static str, FieldName); 12] = [
        ("tag", FieldName::Tag),
        ("kind", FieldName::Kind),
        ("lang", FieldName::Lang),
        ("credit", FieldName::Credit),
        ("byline", FieldName::Byline),
        ("ocr", FieldName::Ocr),
        ("in", FieldName::In),
        ("date", FieldName::Date),
        ("before", FieldName::Before),
        ("after", FieldName::After),
        ("rating", FieldName::Rating),
        ("label", FieldName::Label),
    ];

    fn parse(name: &str) -> Option<FieldName> {
        FieldName::ALL
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, field)| *field)
    }

    pub fn name(self) -> &'static str {
        FieldName::ALL
            .iter()
            .find(|(_, field)| *field == self)
            .map_or("?", |(name, _)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Or,
    Word(String),
    Phrase(String),
    Field { name: FieldName, value: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 1-based character position in the query, for messages.
    pub at: usize,
    /// Written with a leading `-`.
    pub excluded: bool,
    pub kind: ItemKind,
    /// The item as written, for messages.
    pub written: String,
}

/// Quote pairs a query may use: ASCII, typographic, and Russian guillemets.
const QUOTES: [(char, char); 3] = [('"', '"'), ('“', '”'), ('«', '»')];

fn closing_quote(c: char) -> Option<char> {
    QUOTES
        .iter()
        .find(|(open, _)| *open == c)
        .map(|(_, close)| *close)
}

pub fn lex(text: &str) -> Result<Vec<Item>> {
    let chars: Vec<char> = text.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let excluded = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if chars[i] == '-' && !excluded {
            // A dash standing alone (`Moscow - Beijing`) separates words.
            i += 1;
            continue;
        }
        if excluded {
            i += 1;
        }
        let kind = if closing_quote(chars[i]).is_some() {
            let (value, next) = quoted(&chars, i)?;
            i = next;
            ItemKind::Phrase(value)
        } else {
            let run_start = i;
            while i < chars.len() && !chars[i].is_whitespace() && closing_quote(chars[i]).is_none()
            {
                i += 1;
            }
            let run: String = chars[run_start..i].iter().collect();
            if run == "OR" && !excluded {
                ItemKind::Or
            } else if let Some((name, rest)) = field_prefix(&run) {
                match FieldName::parse(name) {
                    Some(field) => {
                        let value = if rest.is_empty() {
                            if chars.get(i).is_some_and(|c| closing_quote(*c).is_some()) {
                                let (value, next) = quoted(&chars, i)?;
                                i = next;
                                value
                            } else {
                                return Err(Error::InvalidInput(format!(
                                    "{}: at character {} needs a value, as in {}",
                                    field.name(),
                                    start + 1,
                                    example(field)
                                )));
                            }
                        } else {
                            rest.to_owned()
                        };
                        ItemKind::Field { name: field, value }
                    }
                    // `http://…` is text, not a field.
                    None if rest.starts_with("//") => ItemKind::Word(run),
                    None => {
                        return Err(Error::InvalidInput(format!(
                            "unknown field \"{name}:\" at character {}; the fields are tag:, \
                             kind:, lang:, credit:, byline:, ocr:, in:, date:, before:, after:, \
                             rating: and label: \
                             (to search for text with a colon, put it in quotes)",
                            start + 1
                        )));
                    }
                }
            } else {
                ItemKind::Word(run)
            }
        };
        items.push(Item {
            at: start + 1,
            excluded,
            kind,
            written: chars[start..i].iter().collect(),
        });
    }
    Ok(items)
}

/// The text between the quote at `open` and its closing quote, and the index after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize)> {
    let close = closing_quote(chars[open]).unwrap_or('"');
    let Some(length) = chars[open + 1..].iter().position(|c| *c == close) else {
        return Err(Error::InvalidInput(format!(
            "unclosed quote at character {}: add the closing {close}",
            open + 1
        )));
    };
    let value = chars[open + 1..open + 1 + length].iter().collect();
    Ok((value, open + length + 2))
}

/// The query term that filters `field` by `value` (`tag:Events`, `credit:"Li Wei"`), quoted when
/// the value has spaces or quotes so that the lexer reads back exactly `value`. A value holding
/// every kind of closing quote cannot be written whole: its ASCII quotes are dropped.
pub fn field_term(field: FieldName, value: &str) -> String {
    let name = field.name();
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || closing_quote(c).is_some());
    if plain {
        return format!("{name}:{value}");
    }
    match QUOTES.iter().find(|(_, close)| !value.contains(*close)) {
        Some((open, close)) => format!("{name}:{open}{value}{close}"),
        None => format!("{name}:\"{}\"", value.replace('"', "")),
    }
}

/// `name:rest` when the word starts with ASCII letters and a colon.
fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (name, rest) = word.split_once(':')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic())).then_some((name, rest))
}

pub fn example(field: FieldName) -> &'static str {
    match field {
        FieldName::Tag => "tag:Events or tag:\"Events/Innovation Dialogue\"",
        FieldName::Kind => "kind:article or kind:photo",
        FieldName::Lang => "lang:en, lang:zh or lang:ru",
        FieldName::Credit => "credit:Xinhua",
        FieldName::Byline => "byline:\"Li Wei\"",
        FieldName::Ocr => "ocr:exit or ocr:\"no entry\"",
        FieldName::In => "in:\"Press kit 2018\"",
        FieldName::Date => "date:2018, date:2018-11, date:2018-11-05 or date:2018-03..2018-07",
        FieldName::Before => "before:2019 or before:2018-11-05",
        FieldName::After => "after:2018 or after:2018-11",
        FieldName::Rating => "rating:5, rating:>=4, rating:<3 or rating:0 (not rated)",
        FieldName::Label => "label:red, label:yellow, label:green, label:blue or label:purple",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(bool, ItemKind)> {
        lex(text)
            .unwrap()
            .into_iter()
            .map(|item| (item.excluded, item.kind))
            .collect()
    }

    fn word(text: &str) -> ItemKind {
        ItemKind::Word(text.to_owned())
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        assert_eq!(
            kinds("moscow OR beijing \"innovation dialogue\" -forum -\"press tour\""),
            [
                (false, word("moscow")),
                (false, ItemKind::Or),
                (false, word("beijing")),
                (false, ItemKind::Phrase("innovation dialogue".to_owned())),
                (true, word("forum")),
                (true, ItemKind::Phrase("press tour".to_owned())),
            ]
        );
    }

    #[test]
    fn field_values_may_be_quoted() {
        assert_eq!(
            kinds("tag:\"Events/Innovation Dialogue\" -tag:drafts In:«Пресс-кит»"),
            [
                (
                    false,
                    ItemKind::Field {
                        name: FieldName::Tag,
                        value: "Events/Innovation Dialogue".to_owned()
                    }
                ),
                (
                    true,
                    ItemKind::Field {
                        name: FieldName::Tag,
                        value: "drafts".to_owned()
                    }
                ),
                (
                    false,
                    ItemKind::Field {
                        name: FieldName::In,
                        value: "Пресс-кит".to_owned()
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_lone_dash_and_lower_case_or_are_not_operators() {
        assert_eq!(
            kinds("Moscow - Beijing or"),
            [
                (false, word("Moscow")),
                (false, word("Beijing")),
                (false, word("or"))
            ]
        );
    }

    #[test]
    fn times_and_urls_are_words() {
        assert_eq!(
            kinds("10:30 https://example.org"),
            [(false, word("10:30")), (false, word("https://example.org"))]
        );
    }

    #[test]
    fn field_terms_read_back_as_the_value_they_were_made_from() {
        let values = [
            "Xinhua",
            "Li Wei",
            "Events/Innovation Dialogue",
            "新华社",
            "中国 日报",
            "Пресс-служба «Кремля»",
            "Иван Петров",
            "say \"cheese\"",
            "“quoted” and \"double\"",
            "a:b",
            "-dash",
            "OR",
        ];
        for value in values {
            for field in [FieldName::Tag, FieldName::Credit, FieldName::Byline] {
                let term = field_term(field, value);
                let items = lex(&term).unwrap();
                assert_eq!(items.len(), 1, "{term}");
                assert_eq!(
                    items[0].kind,
                    ItemKind::Field {
                        name: field,
                        value: value.to_owned()
                    },
                    "{term}"
                );
            }
        }
        assert_eq!(field_term(FieldName::Tag, "Events"), "tag:Events");
        assert_eq!(field_term(FieldName::Credit, "Li Wei"), "credit:\"Li Wei\"");
        assert_eq!(
            field_term(FieldName::Byline, "say \"cheese\""),
            "byline:“say \"cheese\"”"
        );
    }

    #[test]
    fn positions_count_characters_from_one() {
        let items = lex("创新 -kind:photo").unwrap();
        assert_eq!(items[1].at, 4);
        assert_eq!(items[1].written, "-kind:photo");
    }
}

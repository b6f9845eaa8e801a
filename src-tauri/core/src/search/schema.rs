//! The index's fields, how an `IndexDoc` becomes a tantivy document, and the version marker that
//! tells whether an index on disk was built by this schema and analyzer.

use std::collections::BTreeSet;

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use unicode_normalization::UnicodeNormalization;

use super::IndexDoc;
use super::analyzer::ANALYZER_VERSION;
use super::dates::Period;
use super::tokenizer::TOKENIZER_NAME;
use crate::error::{Error, Result};

/// Bumped whenever fields or their options change: an index made by another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// The file in the index folder naming the schema and analyzer the index was built with.
pub const VERSION_FILE: &str = "folio-search-version";

/// The version marker's contents for this build.
pub fn version_marker(all_cjk_unigrams: bool) -> String {
    let unigrams = if all_cjk_unigrams {
        ""
    } else {
        ", lone CJK unigrams only"
    };
    format!("folio search index: schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION}{unigrams}\n")
}

/// The analyzed text fields and their weights: a word found in the title counts three times,
/// in a caption twice. `ocr` is text read from a scan or photo by OCR (an article's is its body as
/// well).
pub const TEXT_FIELDS: [(&str, f32); 8] = [
    ("title", 3.0),
    ("captions", 2.0),
    ("body", 1.0),
    ("credits", 1.0),
    ("bylines", 1.0),
    ("tags_text", 1.0),
    ("notes", 1.0),
    ("ocr", 1.0),
];

/// The fields kept in the index's document store: the texts snippets are cut from.
const STORED_TEXT_FIELDS: [&str; 3] = ["title", "captions", "body"];

#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub lang: Field,
    pub tags: Field,
    pub collections: Field,
    pub date: Field,
    pub date_end: Field,
    /// Stars, 0 to 5 (every document has one: 0 is not rated).
    pub rating: Field,
    pub label: Field,
    pub title: Field,
    pub body: Field,
    pub captions: Field,
    pub credits: Field,
    pub bylines: Field,
    pub tags_text: Field,
    pub notes: Field,
    pub ocr: Field,
    /// Every analyzed text field with its weight, for queries over all of them.
    pub weighted_text: Vec<(Field, f32)>,
}

pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_i64_field("id", INDEXED | FAST);
    builder.add_text_field("kind", STRING);
    builder.add_text_field("lang", STRING);
    builder.add_text_field("tags", STRING);
    builder.add_text_field("collections", STRING);
    builder.add_i64_field("date", FAST);
    builder.add_i64_field("date_end", FAST);
    builder.add_i64_field("rating", INDEXED | FAST);
    builder.add_text_field("label", STRING);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    for (name, _) in TEXT_FIELDS {
        let mut options = TextOptions::default().set_indexing_options(indexing.clone());
        if STORED_TEXT_FIELDS.contains(&name) {
            options = options.set_stored();
        }
        builder.add_text_field(name, options);
    }
    builder.build()
}

impl Fields {
    pub fn of(schema: &Schema) -> Result<Fields> {
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::Internal(format!("search index has no field {name}")))
        };
        let mut weighted_text = Vec::with_capacity(TEXT_FIELDS.len());
        for (name, weight) in TEXT_FIELDS {
            weighted_text.push((field(name)?, weight));
        }
        Ok(Fields {
            id: field("id")?,
            kind: field("kind")?,
            lang: field("lang")?,
            tags: field("tags")?,
            collections: field("collections")?,
            date: field("date")?,
            date_end: field("date_end")?,
            rating: field("rating")?,
            label: field("label")?,
            title: field("title")?,
            body: field("body")?,
            captions: field("captions")?,
            credits: field("credits")?,
            bylines: field("bylines")?,
            tags_text: field("tags_text")?,
            notes: field("notes")?,
            ocr: field("ocr")?,
            weighted_text,
        })
    }

    pub fn document(&self, item: &IndexDoc) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_i64(self.id, item.id);
        doc.add_text(self.kind, item.kind.trim().to_lowercase());
        if let Some(lang) = item.language.as_deref().and_then(language_key) {
            doc.add_text(self.lang, lang);
        }
        if let Some(period) = item.date.as_deref().and_then(Period::of_item_date) {
            doc.add_i64(self.date, period.first);
            doc.add_i64(self.date_end, period.last);
        }
        doc.add_i64(self.rating, i64::from(item.rating));
        if let Some(label) = item.label {
            doc.add_text(self.label, label.as_str());
        }
        doc.add_text(self.title, &item.title);
        doc.add_text(self.body, &item.body);
        for (field, values) in [
            (self.captions, &item.captions),
            (self.credits, &item.credits),
            (self.bylines, &item.bylines),
            (self.tags_text, &item.tags),
        ] {
            for value in values.iter().filter(|v| !v.trim().is_empty()) {
                doc.add_text(field, value);
            }
        }
        doc.add_text(self.notes, &item.notes);
        if !item.ocr.trim().is_empty() {
            doc.add_text(self.ocr, &item.ocr);
        }
        let tag_paths: BTreeSet<String> = item
            .tags
            .iter()
            .flat_map(|tag| tag_with_ancestors(&tag_key(tag)))
            .collect();
        for path in tag_paths {
            doc.add_text(self.tags, path);
        }
        let collections: BTreeSet<String> =
            item.collections.iter().map(|c| collection_key(c)).collect();
        for name in collections.into_iter().filter(|c| !c.is_empty()) {
            doc.add_text(self.collections, name);
        }
        doc
    }
}

/// A tag path as the index matches it: NFKC, lower case, spaces in segments collapsed, empty
/// segments dropped (`" Events / Innovation Dialogue/"` → `events/innovation dialogue`).
pub fn tag_key(tag: &str) -> String {
    fold_name(tag)
        .split('/')
        .map(|segment| segment.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|segment| !segment.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// `events/innovation dialogue` → `events`, `events/innovation dialogue`: an item tagged with a
/// child is found by its parents.
fn tag_with_ancestors(key: &str) -> Vec<String> {
    key.match_indices('/')
        .map(|(at, _)| key[..at].to_owned())
        .chain((!key.is_empty()).then(|| key.to_owned()))
        .collect()
}

/// A collection name as the index matches it: NFKC, lower case, inner spaces collapsed.
pub fn collection_key(name: &str) -> String {
    fold_name(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The primary language subtag, lower case (`zh-Hans` → `zh`); `None` when there is none.
pub fn language_key(language: &str) -> Option<String> {
    let primary = language
        .trim()
        .split(['-', '_'])
        .next()?
        .to_ascii_lowercase();
    (!primary.is_empty()).then_some(primary)
}

fn fold_name(text: &str) -> String {
    text.nfkc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keys_ignore_case_width_and_spacing() {
        assert_eq!(
            tag_key(" Events / Innovation  Dialogue/"),
            "events/innovation dialogue"
        );
        assert_eq!(tag_key("ＥＶＥＮＴＳ"), "events");
    }

    #[test]
    fn a_tag_brings_every_ancestor_path() {
        assert_eq!(tag_with_ancestors("a/b/c"), ["a", "a/b", "a/b/c"]);
        assert_eq!(tag_with_ancestors("a"), ["a"]);
        assert!(tag_with_ancestors("").is_empty());
    }

    #[test]
    fn language_keys_are_primary_subtags() {
        assert_eq!(language_key("zh-Hans").as_deref(), Some("zh"));
        assert_eq!(language_key("RU").as_deref(), Some("ru"));
        assert_eq!(language_key(" "), None);
    }
}

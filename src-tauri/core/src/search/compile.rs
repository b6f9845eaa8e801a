//! Turns a parsed [`Query`] into a tantivy query over the index's fields.
//!
//! Words become a disjunction over the weighted text fields, so BM25 scores the title above
//! the body; filters match without adding to the score. A lone word, or words joined by OR,
//! stay a flat union of term queries, which tantivy answers with block-max WAND instead of
//! scoring every match.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query as TantivyQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::analyzer::AnalyzedToken;
use super::common_pairs::phrase_terms;
use super::phrase::GuardedPhraseQuery;
use super::query::{Atom, DateFilter, Query, TextScope};
use super::schema::Fields;

pub fn compile(query: &Query, fields: &Fields) -> Box<dyn TantivyQuery> {
    let mut groups: Vec<Box<dyn TantivyQuery>> = query
        .groups
        .iter()
        .map(|alternatives| match alternatives.as_slice() {
            [atom] => atom_query(atom, fields),
            _ if alternatives.iter().all(Atom::is_single_term) => term_union(alternatives, fields),
            _ => Box::new(BooleanQuery::union(
                alternatives
                    .iter()
                    .map(|atom| atom_query(atom, fields))
                    .collect(),
            )),
        })
        .collect();
    if groups.len() == 1 && query.excluded.is_empty() {
        return groups.remove(0);
    }
    let clauses = groups
        .into_iter()
        .map(|group| (Occur::Must, group))
        .chain(
            query
                .excluded
                .iter()
                .map(|atom| (Occur::MustNot, atom_query(atom, fields))),
        )
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn atom_query(atom: &Atom, fields: &Fields) -> Box<dyn TantivyQuery> {
    let filter = |query: Box<dyn TantivyQuery>| -> Box<dyn TantivyQuery> {
        Box::new(ConstScoreQuery::new(query, 0.0))
    };
    match atom {
        Atom::Text { scope, tokens } => text_query(&scope_fields(*scope, fields), tokens),
        Atom::Tag(key) => filter(raw_term(fields.tags, key)),
        Atom::Kind(kind) => filter(raw_term(fields.kind, kind)),
        Atom::Lang(lang) => filter(raw_term(fields.lang, lang)),
        Atom::Collection(key) => filter(raw_term(fields.collections, key)),
        Atom::Date(date) => filter(date_query(date, fields)),
        Atom::Rating { least, most } => {
            let term = |stars: u8| Term::from_field_i64(fields.rating, i64::from(stars));
            filter(Box::new(RangeQuery::new(
                Bound::Included(term(*least)),
                Bound::Included(term(*most)),
            )))
        }
        Atom::Label(label) => filter(raw_term(fields.label, label.as_str())),
    }
}

/// Words joined by OR as one flat union of their per-field term queries: scored as nested
/// unions would be, but tantivy prunes only a union whose every clause is a term.
fn term_union(alternatives: &[Atom], fields: &Fields) -> Box<dyn TantivyQuery> {
    let mut clauses: Vec<Box<dyn TantivyQuery>> = Vec::new();
    for atom in alternatives {
        if let Atom::Text { scope, tokens } = atom
            && let [token] = tokens.as_slice()
        {
            for (field, weight) in scope_fields(*scope, fields) {
                clauses.push(weighted(term_query(field, &token.text), weight));
            }
        }
    }
    Box::new(BooleanQuery::union(clauses))
}

/// The text fields a word is looked for in, with their weights.
fn scope_fields(scope: TextScope, fields: &Fields) -> Vec<(Field, f32)> {
    match scope {
        TextScope::Everywhere => fields.weighted_text.clone(),
        TextScope::Credits => vec![(fields.credits, 1.0)],
        TextScope::Bylines => vec![(fields.bylines, 1.0)],
        TextScope::Ocr => vec![(fields.ocr, 1.0)],
    }
}

/// One term or phrase, in each of `fields`, scored by the field's weight. A phrase is looked
/// for through the pair terms around its common words where it has any.
fn text_query(fields: &[(Field, f32)], tokens: &[AnalyzedToken]) -> Box<dyn TantivyQuery> {
    let terms = match tokens {
        [token] => vec![(0, token.text.clone())],
        _ => phrase_terms(tokens),
    };
    let per_field = fields
        .iter()
        .map(|&(field, weight)| {
            let query: Box<dyn TantivyQuery> = match terms.as_slice() {
                [(_, text)] => term_query(field, text),
                _ => Box::new(GuardedPhraseQuery::new(
                    terms
                        .iter()
                        .map(|(offset, text)| (*offset, Term::from_field_text(field, text)))
                        .collect(),
                )),
            };
            weighted(query, weight)
        })
        .collect();
    Box::new(BooleanQuery::union(per_field))
}

fn term_query(field: Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn weighted(query: Box<dyn TantivyQuery>, weight: f32) -> Box<dyn TantivyQuery> {
    if weight == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, weight))
    }
}

fn raw_term(field: Field, value: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn date_query(date: &DateFilter, fields: &Fields) -> Box<dyn TantivyQuery> {
    let (field, lower, upper) = match *date {
        DateFilter::Within(period) => (
            fields.date,
            Bound::Included(period.first),
            Bound::Included(period.last),
        ),
        DateFilter::Before(period) => (
            fields.date_end,
            Bound::Unbounded,
            Bound::Excluded(period.first),
        ),
        DateFilter::After(period) => (fields.date, Bound::Excluded(period.last), Bound::Unbounded),
    };
    let term = |value: i64| Term::from_field_i64(field, value);
    Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
}

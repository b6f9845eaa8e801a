//! Facet counts and the month timeline (`ReadHandle::facets`) over a mix of queries as the panel
//! asks for them: the whole library, a common word, a rare word, a word in each other language,
//! field filters, a collection and a tag, each with the top 10 values of every facet. The first
//! call reads the columns the counts use (once per listing generation); the rest are measured.

use std::time::Duration;

use folio_core::facets::{FacetRequest, Facets};
use folio_core::handle::ReadHandle;
use folio_core::library::listing::Scope;

use crate::numbers::{ms, quantile, timed};
use crate::records::COLLECTIONS;

/// What is asked: a name for the table, the view and the query.
fn requests(reader: &ReadHandle) -> Vec<(&'static str, FacetRequest)> {
    let request = |scope: Scope, query: &str| FacetRequest {
        scope,
        query: query.to_owned(),
        top: 10,
    };
    let collection = reader
        .find_collection(COLLECTIONS[0].0)
        .expect("the largest collection is there");
    vec![
        ("whole library", request(Scope::All, "")),
        ("common word (energy)", request(Scope::All, "energy")),
        ("rare word (satellite)", request(Scope::All, "satellite")),
        ("Russian word (фестиваль)", request(Scope::All, "фестиваль")),
        ("Chinese word (熊猫)", request(Scope::All, "熊猫")),
        (
            "field filter (kind:photo lang:ru)",
            request(Scope::All, "kind:photo lang:ru"),
        ),
        (
            "date range (date:2015-03..2016-08)",
            request(Scope::All, "date:2015-03..2016-08"),
        ),
        (
            "collection view",
            request(Scope::Collection { id: collection }, ""),
        ),
        (
            "tag view (Topics/Economy)",
            request(
                Scope::Tag {
                    name: "Topics/Economy".into(),
                },
                "",
            ),
        ),
        (
            "word in a collection",
            request(Scope::Collection { id: collection }, "market"),
        ),
    ]
}

pub struct Measured {
    /// The first call: reading the columns, then counting.
    pub first: Duration,
    /// Per request: its name, how many items it counted, its timings.
    pub per_request: Vec<(&'static str, u32, Vec<Duration>)>,
}

pub fn measure(reader: &ReadHandle, rounds: u64) -> Measured {
    let requests = requests(reader);
    let (_, first) = timed(|| reader.facets(&requests[0].1).expect("facets"));
    let mut per_request: Vec<(&'static str, u32, Vec<Duration>)> = requests
        .iter()
        .map(|(name, _)| (*name, 0, Vec::new()))
        .collect();
    for _ in 0..rounds {
        for (at, (_, request)) in requests.iter().enumerate() {
            let (facets, took): (Facets, Duration) =
                timed(|| reader.facets(request).expect("facets"));
            per_request[at].1 = facets.total;
            per_request[at].2.push(took);
        }
    }
    Measured { first, per_request }
}

/// Prints a table per request and returns the p95 over every call.
pub fn report(measured: &Measured) -> Duration {
    println!(
        "\nfacets: the first call (reading the columns, then counting) {} ms\n",
        ms(measured.first)
    );
    println!("| facets of | items counted | p50 | p95 |\n|---|---:|---:|---:|");
    let mut all = Vec::new();
    for (name, total, samples) in &measured.per_request {
        println!(
            "| {name} | {total} | {} ms | {} ms |",
            ms(quantile(samples, 0.5)),
            ms(quantile(samples, 0.95))
        );
        all.extend_from_slice(samples);
    }
    let p95 = quantile(&all, 0.95);
    println!(
        "| every request | | {} ms | {} ms |",
        ms(quantile(&all, 0.5)),
        ms(p95)
    );
    p95
}

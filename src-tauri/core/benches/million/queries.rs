//! Word and phrase searches in English, Russian and Chinese, the top 50 with snippets, through
//! `ReadHandle::search` as the search box asks: the index query, the snippets and the rows.

use std::time::Duration;

use folio_core::handle::ReadHandle;
use folio_core::search::SearchRequest;

use crate::numbers::{ms, quantile, timed};

const TOP: u32 = 50;

/// The search benchmark's queries (`benches/search.rs`), with phrases in each language.
pub const KINDS: [(&str, &[&str]); 6] = [
    (
        "English word",
        &[
            "market",
            "energy",
            "festival",
            "pipeline",
            "tourism",
            "satellite",
            "Moscow",
            "percent",
        ],
    ),
    (
        "Russian word",
        &[
            "правительство",
            "экономики",
            "фестиваль",
            "спутник",
            "инвестиции",
            "Москва",
            "урожай",
            "туризм",
        ],
    ),
    (
        "Chinese word",
        &[
            "创新", "经济", "合作", "市场", "北京", "文化", "中国", "熊猫",
        ],
    ),
    (
        "English phrase",
        &[
            "\"economic growth\"",
            "\"trade agreement\"",
            "\"the government\"",
            "\"talks with\"",
        ],
    ),
    (
        "Russian phrase",
        &[
            "\"сельского хозяйства\"",
            "\"железной дороги\"",
            "\"в Москве\"",
        ],
    ),
    ("Chinese phrase", &["\"一带一路\"", "\"经济发展\""]),
];

pub struct Searched {
    pub kind: &'static str,
    /// Every timing of every query of this kind.
    pub times: Vec<Duration>,
    /// Each query, its hits as the first round found them, and its median time.
    pub queries: Vec<(String, u64, Duration)>,
}

/// The first search after the archive opened, then every query once untimed and `rounds` times
/// timed.
pub fn measure(reader: &ReadHandle, rounds: u64) -> (Duration, Vec<Searched>) {
    let search = |query: &str| {
        reader
            .search(&SearchRequest {
                query: query.to_owned(),
                offset: 0,
                limit: TOP,
            })
            .expect("search")
    };
    let (_, first) = timed(|| search("harvest"));
    let searched = KINDS
        .iter()
        .map(|(kind, queries)| {
            let totals: Vec<u64> = queries
                .iter()
                .map(|q| {
                    let page = search(q);
                    assert!(
                        page.hits.iter().all(|h| !h.snippet.is_empty()),
                        "{q}: every hit has a snippet"
                    );
                    page.total
                })
                .collect();
            let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
            for _ in 0..rounds {
                for (query, times) in queries.iter().zip(&mut per_query) {
                    times.push(timed(|| search(query)).1);
                }
            }
            Searched {
                kind,
                times: per_query.concat(),
                queries: queries
                    .iter()
                    .zip(totals)
                    .zip(&per_query)
                    .map(|((q, total), times)| ((*q).to_owned(), total, quantile(times, 0.5)))
                    .collect(),
            }
        })
        .collect();
    (first, searched)
}

/// Prints p50 / p95 / worst per kind of query and over all; returns the p95 over all.
pub fn report(first: Duration, searched: &[Searched]) -> Duration {
    println!("\n**Search, top {TOP} with snippets** (`ReadHandle::search`), ms\n");
    println!("| query | searches timed | p50 / p95 | worst | hits per query |");
    println!("|---|---:|---:|---:|---|");
    for s in searched {
        let hits: Vec<String> = s.queries.iter().map(|(_, t, _)| t.to_string()).collect();
        println!(
            "| {} | {} | {} / {} | {} | {} |",
            s.kind,
            s.times.len(),
            ms(quantile(&s.times, 0.5)),
            ms(quantile(&s.times, 0.95)),
            ms(quantile(&s.times, 1.0)),
            hits.join(", ")
        );
    }
    let all: Vec<Duration> = searched
        .iter()
        .flat_map(|s| s.times.iter().copied())
        .collect();
    println!(
        "| **all** | {} | {} / {} | {} | |",
        all.len(),
        ms(quantile(&all, 0.5)),
        ms(quantile(&all, 0.95)),
        ms(quantile(&all, 1.0))
    );
    println!(
        "\nThe first search after the archive opened (`harvest`): {} ms. The slowest queries \
         (median ms, hits):\n",
        ms(first)
    );
    let mut slowest: Vec<&(String, u64, Duration)> =
        searched.iter().flat_map(|s| &s.queries).collect();
    slowest.sort_by_key(|(_, _, median)| std::cmp::Reverse(*median));
    for (query, total, median) in slowest.iter().take(5) {
        println!("- `{query}`: {} ms, {total} hits", ms(*median));
    }
    quantile(&all, 0.95)
}

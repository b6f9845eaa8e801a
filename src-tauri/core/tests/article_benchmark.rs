//! The article-extraction benchmark (181 real news pages with ground truth, ScrapingHub's
//! corpus in `shared/corpus/`): Folio's HTML extraction scored with the benchmark's own metric.
//!
//! `cargo test -p folio-core --release -- --ignored article_benchmark_f1 --nocapture`
//! Skips with a notice when the corpus is not on this machine.

#[path = "support/shingles.rs"]
#[allow(dead_code)]
mod shingles;

use std::time::{Duration, Instant};

use folio_core::article::{ArticleFormat, extract};

/// The best published figure on this corpus (rs-trafilatura); Folio is to beat it.
const BEST_PUBLISHED_F1: f64 = 0.970;

#[test]
#[ignore = "reads the benchmark corpus; run with --release -- --ignored"]
fn article_benchmark_f1() {
    let Some(dir) = shingles::corpus_dir() else {
        return;
    };
    let pages = shingles::load_corpus(&dir).expect("the corpus reads");
    assert!(!pages.is_empty(), "the corpus has pages");
    let mut scores = Vec::with_capacity(pages.len());
    let mut total = Duration::ZERO;
    let mut slowest = Duration::ZERO;
    for (id, html, truth) in &pages {
        let started = Instant::now();
        let body = extract(html, ArticleFormat::Html, &format!("{id}.html"))
            .map(|draft| draft.body_text)
            .unwrap_or_default();
        let took = started.elapsed();
        total += took;
        slowest = slowest.max(took);
        scores.push(shingles::score_page(truth, &body));
    }
    let (precision, recall, f1) = shingles::summarise(&scores);
    println!(
        "article-extraction benchmark: {} pages  precision={precision:.3}  recall={recall:.3}  F1={f1:.3}  \
         (best published {BEST_PUBLISHED_F1:.3})  mean {:.1} ms/page, slowest {:.0} ms",
        pages.len(),
        total.as_secs_f64() * 1000.0 / pages.len() as f64,
        slowest.as_secs_f64() * 1000.0,
    );
    assert!(f1 >= 0.95, "F1 {f1:.3} is below the 0.95 goal");
}

#[test]
fn shingle_metric_matches_the_benchmark_definition() {
    let same = shingles::score_page("one two three four five", "one two three four five");
    assert_eq!((same.tp, same.fp, same.fn_), (1.0, 0.0, 0.0));
    let empty_prediction = shingles::score_page("one two three four", "");
    assert_eq!(
        empty_prediction.precision(),
        None,
        "no prediction: precision is not averaged"
    );
    assert_eq!(empty_prediction.recall(), Some(0.0));
    // Two 4-token shingles in the truth, one of them predicted, plus one wrong one.
    let half = shingles::score_page("a b c d e", "a b c d x");
    assert!((half.precision().unwrap() - 0.5).abs() < 1e-9);
    assert!((half.recall().unwrap() - 0.5).abs() < 1e-9);
    let (p, r, f1) = shingles::summarise(&[same, empty_prediction]);
    assert!((p - 1.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
    assert!((f1 - 2.0 / 3.0).abs() < 1e-9);
}

//! The article-extraction benchmark (181 real news pages with ground truth, ScrapingHub's
//! corpus in `shared/corpus/`): Folio's HTML extraction scored with the benchmark's own metric.
//!
//! `cargo test -p folio-core --release -- --ignored article_benchmark_f1 --nocapture`
//! Also: the pages whose address carries a day are dated that day
//! (`… --ignored benchmark_pages_are_dated_as_their_addresses_say --nocapture`).
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

/// `/2019/11/02/` or `/20191102/` in an address, as a date.
fn day_in_address(url: &str) -> Option<chrono::NaiveDate> {
    let digits = regex::Regex::new(r"/(20\d{2})/?(\d{2})/?(\d{2})/").ok()?;
    let caps = digits.captures(url)?;
    chrono::NaiveDate::from_ymd_opt(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
}

/// The corpus's pages come from many news sites; where a page's address states its day, the
/// page's own statements of its publication date (not of its modification, not in UTC) agree
/// with it, but for a page published a day later than its address says (print editions).
#[test]
#[ignore = "reads the benchmark corpus; run with --release -- --ignored"]
fn benchmark_pages_are_dated_as_their_addresses_say() {
    let Some(dir) = shingles::corpus_dir() else {
        return;
    };
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
    let pages = shingles::load_corpus(&dir).expect("the corpus reads");
    let (mut dated, mut same, mut undated, mut far) = (0, 0, 0, Vec::new());
    for (id, html, _) in &pages {
        let url = truth[id]["url"].as_str().unwrap_or("");
        let draft = extract(html, ArticleFormat::Html, &format!("{id}.html")).ok();
        let published = draft.and_then(|d| d.published).map(|d| d.value);
        println!("{:<12} {url}", published.as_deref().unwrap_or("-"));
        let Some(expected) = day_in_address(url) else {
            continue;
        };
        dated += 1;
        let got = published
            .as_deref()
            .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        match got {
            Some(day) if day == expected => same += 1,
            Some(day) if (day - expected).num_days().abs() <= 1 => {}
            Some(day) => far.push(format!("{url}: {day}")),
            None => {
                println!("undated: {url}");
                undated += 1;
            }
        }
    }
    println!("{dated} pages with a day in the address: {same} dated that day, {undated} undated");
    assert!(
        dated >= 20,
        "the corpus has pages with a day in their address"
    );
    assert!(
        far.is_empty(),
        "dated far from their address:\n{}",
        far.join("\n")
    );
    assert_eq!(undated, 0, "every page with a day in its address is dated");
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

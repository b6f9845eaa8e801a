//! Compares the candidate article-body extractors on the article-extraction benchmark corpus:
//! raw rs-trafilatura, raw dom_smoothie, and Folio's own `article::extract` (which combines
//! them). `cargo run -p folio-core --release --example article_extractors`

#[path = "../tests/support/shingles.rs"]
#[allow(dead_code)]
mod shingles;

use std::time::{Duration, Instant};

use folio_core::article::{ArticleFormat, extract};

type Extractor = fn(&[u8]) -> String;

fn trafilatura(html: &[u8]) -> String {
    rs_trafilatura::extract_bytes(html)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn smoothie(html: &[u8]) -> String {
    let text = String::from_utf8_lossy(html).into_owned();
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    dom_smoothie::Readability::new(text, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn folio(html: &[u8]) -> String {
    extract(html, ArticleFormat::Html, "page.html")
        .map(|d| d.body_text)
        .unwrap_or_default()
}

fn main() {
    let Some(dir) = shingles::corpus_dir() else {
        return;
    };
    let pages = match shingles::load_corpus(&dir) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("cannot read the corpus: {e}");
            return;
        }
    };
    let only = std::env::args().nth(1);
    let extractors: [(&str, Extractor); 3] = [
        ("rs-trafilatura", trafilatura),
        ("dom_smoothie", smoothie),
        ("folio", folio),
    ];
    for (name, run) in extractors {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut scores = Vec::new();
        let mut total = Duration::ZERO;
        let mut slowest = (Duration::ZERO, String::new());
        for (id, html, truth) in &pages {
            let started = Instant::now();
            let text = run(html);
            let took = started.elapsed();
            total += took;
            if took > slowest.0 {
                slowest = (took, id.clone());
            }
            if let Some(dump) = std::env::var_os("DUMP_DIR") {
                let dir = std::path::Path::new(&dump).join(name);
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join(format!("{id}.txt")), &text);
            }
            let score = shingles::score_page(truth, &text);
            if std::env::var_os("VERBOSE").is_some() {
                println!(
                    "{name} {id} f1={:.3} p={:?} r={:?}",
                    score.f1(),
                    score.precision(),
                    score.recall()
                );
            }
            scores.push(score);
        }
        let (p, r, f1) = shingles::summarise(&scores);
        println!(
            "{name:<15} precision={p:.3} recall={r:.3} F1={f1:.3}  pages={} total={:.2}s mean={:.1}ms slowest={:.0}ms ({})",
            pages.len(),
            total.as_secs_f64(),
            total.as_secs_f64() * 1000.0 / pages.len() as f64,
            slowest.0.as_secs_f64() * 1000.0,
            &slowest.1[..12.min(slowest.1.len())]
        );
    }
}

//! The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark,
//! `evaluate.py`): `\w+` tokens, 4-token shingles, per-page TP/FP/FN normalised by their sum,
//! precision and recall averaged over pages, F1 of the two means.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

#[allow(clippy::expect_used)]
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("constant pattern"));

/// One page's true positives, false positives and false negatives, normalised to sum to 1.
#[derive(Debug, Clone, Copy)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl PageScore {
    pub fn precision(&self) -> Option<f64> {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            return Some(1.0);
        }
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }
    pub fn recall(&self) -> Option<f64> {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            return Some(1.0);
        }
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        );
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = TOKEN.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    let n = 4;
    let windows = tokens.len().saturating_sub(n - 1).max(1);
    for i in 0..windows {
        let shingle: Vec<&str> = tokens[i..(i + n).min(tokens.len())].to_vec();
        if !shingle.is_empty() {
            *counts.entry(shingle).or_insert(0) += 1;
        }
    }
    counts
}

pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let (t, p) = (shingles(truth), shingles(predicted));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for key in t.keys().chain(p.keys().filter(|k| !t.contains_key(*k))) {
        let tc = *t.get(key).unwrap_or(&0) as f64;
        let pc = *p.get(key).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        PageScore {
            tp: tp / sum,
            fp: fp / sum,
            fn_: fn_ / sum,
        }
    } else {
        PageScore { tp, fp, fn_ }
    }
}

/// (precision, recall, F1) over pages, as the benchmark reports them.
pub fn summarise(pages: &[PageScore]) -> (f64, f64, f64) {
    let mean = |values: Vec<f64>| values.iter().sum::<f64>() / values.len().max(1) as f64;
    let precision = mean(pages.iter().filter_map(PageScore::precision).collect());
    let recall = mean(pages.iter().filter_map(PageScore::recall).collect());
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

/// The corpus directory, or `None` (with a notice) when it is not on this machine.
pub fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("FOLIO_ARTICLE_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/corpus/article-extraction-benchmark")
        });
    if dir.join("ground-truth.json").is_file() {
        Some(dir)
    } else {
        println!("article benchmark skipped: no corpus at {}", dir.display());
        None
    }
}

/// One page of the corpus: id, HTML bytes, ground-truth article body.
pub type Page = (String, Vec<u8>, String);

/// Every page of the corpus, sorted by id.
pub fn load_corpus(dir: &std::path::Path) -> Result<Vec<Page>, String> {
    use std::io::Read;
    let read = |path: std::path::PathBuf| {
        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let truth: serde_json::Value = serde_json::from_slice(&read(dir.join("ground-truth.json"))?)
        .map_err(|e| format!("ground-truth.json: {e}"))?;
    let entries = truth
        .as_object()
        .ok_or("ground-truth.json is not an object")?;
    let mut pages = Vec::new();
    for (id, entry) in entries {
        let body = entry["articleBody"].as_str().unwrap_or("").to_string();
        let gz = read(dir.join("html").join(format!("{id}.html.gz")))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut html)
            .map_err(|e| format!("{id}: {e}"))?;
        pages.push((id.clone(), html, body));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

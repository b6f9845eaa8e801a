//! Near-duplicate finding, measured: precision and recall of photo fingerprints and article
//! sketches on a generated set at the default thresholds, and what they cost at import. (A query
//! over a million fingerprints is `similar_scan.rs`.)
//!
//! `cargo bench -p folio-core --bench similar` (`-- --pictures N` for another size).
//!
//! Photos: distinct pictures (`folio_samples::scenes`), each as an agency JPEG with XMP and, for
//! the first half, six copies — resized to half, recompressed at quality 30, cropped by 5 %,
//! converted to PNG and to WebP, metadata stripped — every file through `photo::extract`, as
//! import runs it. A pair of files is a true match when both show one picture. Articles: generated
//! press texts in English, Russian and Chinese, each with copies made as the formats make them
//! (line breaks and case changed, a web page's menu and footer around it, a few words edited).

// A benchmark: a generated file that does not decode is a broken benchmark, so it stops.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use folio_core::photo::{self, fingerprint};
use folio_core::similar::{DEFAULT_PHOTO_BITS, DEFAULT_TEXT_PERCENT, sketch};
use folio_samples::scenes;
use rayon::prelude::*;

fn main() {
    let pictures = argument("--pictures", 120);
    photos(pictures);
    articles(pictures);
}

fn argument(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|at| args.get(at + 1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Precision and recall of a set of (group, fingerprint-like) entries at a threshold.
struct Score {
    true_pairs: u64,
    false_pairs: u64,
    missed_pairs: u64,
}

impl Score {
    fn precision(&self) -> f64 {
        self.true_pairs as f64 / (self.true_pairs + self.false_pairs).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_pairs as f64 / (self.true_pairs + self.missed_pairs).max(1) as f64
    }
}

fn score<T>(entries: &[(usize, T)], matches: impl Fn(&T, &T) -> bool) -> Score {
    let mut score = Score {
        true_pairs: 0,
        false_pairs: 0,
        missed_pairs: 0,
    };
    for (i, (group_a, a)) in entries.iter().enumerate() {
        for (group_b, b) in &entries[i + 1..] {
            match (group_a == group_b, matches(a, b)) {
                (true, true) => score.true_pairs += 1,
                (false, true) => score.false_pairs += 1,
                (true, false) => score.missed_pairs += 1,
                (false, false) => {}
            }
        }
    }
    score
}

fn photos(pictures: usize) {
    println!("== Photos: {pictures} distinct pictures, the first half with six copies each");
    let started = Instant::now();
    // (picture, how it was made, bytes)
    let files: Vec<(usize, &'static str, Vec<u8>)> = (0..pictures)
        .into_par_iter()
        .flat_map_iter(|index| {
            let picture = scenes::scene(index as u64 + 1, 1024, 768);
            let mut files = vec![(index, "original", scenes::original(&picture))];
            if index < pictures / 2 {
                for (how, bytes) in scenes::derived_copies(&picture) {
                    files.push((index, how, bytes));
                }
            }
            files
        })
        .collect();
    println!(
        "   made {} files in {:.1} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let drafts: Vec<(usize, &'static str, u64, Duration)> = files
        .par_iter()
        .map(|(picture, how, bytes)| {
            let t = Instant::now();
            let draft = photo::extract(bytes).expect("a generated photo decodes");
            (
                *picture,
                *how,
                draft.fingerprint.expect("a fingerprint"),
                t.elapsed(),
            )
        })
        .collect();
    let extract: Duration = drafts.iter().map(|d| d.3).sum();
    println!(
        "   photo::extract (thumbnails and fingerprint) on every file: {:.1} s, {:.1} ms a file",
        started.elapsed().as_secs_f64(),
        extract.as_secs_f64() * 1000.0 / drafts.len() as f64
    );

    // What the fingerprint adds to import: one call on a thumbnail-sized buffer.
    let picture = scenes::scene(1, 256, 192);
    let rounds = 2000;
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(fingerprint::of_pixels(
            256,
            192,
            false,
            picture.as_raw(),
            None,
        ));
    }
    println!(
        "   fingerprint of a 256×192 thumbnail: {:.1} µs",
        t.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
    );

    // Distances: copies of one picture by how each was made, and between distinct pictures.
    let original = |picture: usize| {
        drafts
            .iter()
            .find(|d| d.0 == picture && d.1 == "original")
            .map(|d| d.2)
            .unwrap_or_default()
    };
    let mut kinds: Vec<&str> = drafts
        .iter()
        .map(|d| d.1)
        .filter(|h| *h != "original")
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for how in kinds {
        let distances: Vec<u32> = drafts
            .iter()
            .filter(|d| d.1 == how)
            .map(|d| fingerprint::distance(d.2, original(d.0)))
            .collect();
        println!(
            "   {how:<28} bits from the original: max {:>2}, mean {:.1}",
            distances.iter().max().unwrap_or(&0),
            distances.iter().sum::<u32>() as f64 / distances.len().max(1) as f64
        );
    }
    let originals: Vec<u64> = (0..pictures).map(original).collect();
    let mut across: Vec<u32> = Vec::new();
    for (i, a) in originals.iter().enumerate() {
        for b in &originals[i + 1..] {
            across.push(fingerprint::distance(*a, *b));
        }
    }
    across.sort_unstable();
    println!(
        "   distinct pictures: min {} bits, 1st percentile {}, median {}",
        across.first().unwrap_or(&0),
        across.get(across.len() / 100).unwrap_or(&0),
        across.get(across.len() / 2).unwrap_or(&0)
    );

    let entries: Vec<(usize, u64)> = drafts.iter().map(|d| (d.0, d.2)).collect();
    for bits in [4, 6, 8, DEFAULT_PHOTO_BITS, 12, 14] {
        let s = score(&entries, |a, b| fingerprint::distance(*a, *b) <= bits);
        let mark = if bits == DEFAULT_PHOTO_BITS {
            "  (default)"
        } else {
            ""
        };
        println!(
            "   threshold {bits:>2} bits: precision {:.3}, recall {:.3} ({} true, {} false, {} missed pairs){mark}",
            s.precision(),
            s.recall(),
            s.true_pairs,
            s.false_pairs,
            s.missed_pairs
        );
    }
}

/// A press text of `words` words from a seed, in one of three languages.
fn press_text(seed: u64, words: usize) -> String {
    const EN: &[&str] = &[
        "the",
        "ministry",
        "science",
        "technology",
        "cooperation",
        "innovation",
        "dialogue",
        "held",
        "delegates",
        "joint",
        "research",
        "centre",
        "signed",
        "agreement",
        "energy",
        "new",
        "materials",
        "students",
        "exchange",
        "forum",
        "minister",
        "said",
        "countries",
        "both",
        "year",
        "projects",
        "doubled",
        "young",
        "scientists",
        "training",
        "transfer",
        "visit",
        "opened",
        "conference",
        "international",
        "experts",
        "programme",
        "funding",
        "results",
    ];
    const RU: &[&str] = &[
        "министерство",
        "науки",
        "сотрудничество",
        "инноваций",
        "диалог",
        "прошёл",
        "делегаты",
        "совместных",
        "исследований",
        "центр",
        "подписали",
        "соглашение",
        "энергетики",
        "новых",
        "материалов",
        "студентов",
        "обмен",
        "форум",
        "министр",
        "заявил",
        "стран",
        "обеих",
        "год",
        "проектов",
        "молодых",
        "учёных",
        "подготовки",
        "визит",
        "конференция",
        "эксперты",
    ];
    const ZH: &[&str] = &[
        "科技部",
        "合作",
        "创新",
        "对话",
        "举行",
        "代表",
        "联合",
        "研究",
        "中心",
        "签署",
        "协议",
        "能源",
        "新材料",
        "学生",
        "交流",
        "论坛",
        "部长",
        "表示",
        "两国",
        "项目",
        "青年",
        "科学家",
        "培养",
        "技术",
        "转移",
        "访问",
        "会议",
        "国际",
        "专家",
        "成果",
    ];
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (vocabulary, separator) = match seed % 3 {
        0 => (EN, " "),
        1 => (RU, " "),
        _ => (ZH, ""),
    };
    let mut text = String::new();
    for index in 0..words {
        text.push_str(vocabulary[(next() % vocabulary.len() as u64) as usize]);
        text.push_str(if index % 17 == 16 { ".\n" } else { separator });
    }
    text
}

fn articles(count: usize) {
    println!(
        "== Articles: {count} generated press texts (en, ru, zh), the first half with three copies"
    );
    let mut entries: Vec<(usize, Vec<u32>)> = Vec::new();
    let mut sketch_time = Duration::ZERO;
    for index in 0..count {
        let text = press_text(index as u64 + 1, 400);
        let mut versions = vec![text.clone()];
        if index < count / 2 {
            // As a PDF gives it: lines broken elsewhere, some words in capitals.
            versions.push(text.replace(".\n", ". ").replace("  ", " ").to_uppercase());
            // As a web page gives it: a menu before and a footer after.
            versions.push(format!(
                "Home | News | Contact\n{text}\nAll rights reserved. Share this page."
            ));
            // Saved again with small edits: a few words changed.
            let mut words: Vec<&str> = text.split(' ').collect();
            for at in [10, 50, 120, 200] {
                if let Some(word) = words.get_mut(at) {
                    *word = "edited";
                }
            }
            versions.push(words.join(" "));
        }
        for version in versions {
            let t = Instant::now();
            let sketch = sketch::of_text(&version);
            sketch_time += t.elapsed();
            entries.push((index, sketch));
        }
    }
    println!(
        "   sketch: {:.1} µs per text of ~400 words ({} texts)",
        sketch_time.as_secs_f64() * 1e6 / entries.len() as f64,
        entries.len()
    );
    for percent in [30, 40, DEFAULT_TEXT_PERCENT, 60, 70] {
        let s = score(&entries, |a, b| {
            (sketch::similarity(a, b) * 100.0).round() as u32 >= percent
        });
        let mark = if percent == DEFAULT_TEXT_PERCENT {
            "  (default)"
        } else {
            ""
        };
        println!(
            "   threshold {percent:>2} %: precision {:.3}, recall {:.3} ({} true, {} false, {} missed pairs){mark}",
            s.precision(),
            s.recall(),
            s.true_pairs,
            s.false_pairs,
            s.missed_pairs
        );
    }
}

//! Search benchmark: Folio's index beside SQLite FTS5 (unicode61 and trigram tokenizers) over the
//! same articles, in one run. Reports build rate, index size, p50/p95 latency of top-50 queries
//! with snippets (English, Russian, two-character Chinese words, phrases), and the recall of
//! two-character Chinese words against a brute-force substring scan. Prints a Markdown table.
//!
//! `cargo bench -p folio-core --bench search -- CORPUS` (or `FOLIO_BENCH_SEARCH=CORPUS`), where
//! CORPUS is made by `shared/bench/make_corpus.py CORPUS --only articles --articles N`; the
//! articles are read from `CORPUS/articles/txt`. `scripts/bench-search.sh` does both.
//! `FOLIO_BENCH_ROUNDS` (default 5) repeats the query set; `FOLIO_BENCH_VARIANT=0` skips the
//! second Folio build that measures the index without unigrams inside CJK words;
//! `FOLIO_BENCH_FTS=0` skips FTS5; `FOLIO_BENCH_VERBOSE=1` prints each query's median.

// A benchmark, like a test, stops at the first failure: there is no caller to hand errors to.
#![allow(clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use folio_core::search::{Analyzer, IndexDoc, SearchIndex, parse_query};
use rusqlite::{Connection, params};

/// Articles per `SearchIndex::apply` (one tantivy commit each), as a rebuild would batch them.
const BATCH: usize = 10_000;
const TOP: usize = 50;

const ENGLISH: [&str; 8] = [
    "market",
    "energy",
    "festival",
    "pipeline",
    "tourism",
    "satellite",
    "Moscow",
    "percent",
];
const RUSSIAN: [&str; 8] = [
    "правительство",
    "экономики",
    "фестиваль",
    "спутник",
    "инвестиции",
    "Москва",
    "урожай",
    "туризм",
];
const CHINESE: [&str; 8] = [
    "创新", "经济", "合作", "市场", "北京", "文化", "中国", "熊猫",
];
const PHRASES: [&str; 6] = [
    "\"economic growth\"",
    "\"trade agreement\"",
    "\"the government\"",
    "\"сельского хозяйства\"",
    "\"железной дороги\"",
    "\"一带一路\"",
];

struct Article {
    id: i64,
    language: Option<String>,
    date: Option<String>,
    title: String,
    caption: String,
    credit: String,
    body: String,
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .or_else(|| std::env::var("FOLIO_BENCH_SEARCH").ok())
        .map(PathBuf::from);
    let Some(corpus) = corpus.filter(|d| d.join("articles/txt").is_dir()) else {
        println!("search bench: no corpus given (argument or FOLIO_BENCH_SEARCH); skipped");
        return;
    };
    let rounds: usize = env_number("FOLIO_BENCH_ROUNDS", 5);
    // The machine may be shared: the load says how far to trust wall-clock figures.
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    let articles = load_articles(&corpus);
    eprintln!(
        "search bench: {} articles from {}",
        articles.len(),
        corpus.display()
    );
    let work = tempfile::tempdir().expect("temporary folder");

    let folio = build_folio(&work.path().join("index"), &articles, Analyzer::for_index());
    let variant = (env_number("FOLIO_BENCH_VARIANT", 1) != 0).then(|| {
        let dir = work.path().join("index-lone-unigrams");
        let built = build_folio(&dir, &articles, Analyzer::new(false));
        drop(built.index);
        let _ = std::fs::remove_dir_all(&dir);
        (built.rate, built.cpu, built.bytes)
    });
    let with_fts = env_number("FOLIO_BENCH_FTS", 1) != 0;
    let fts: Vec<(&str, FtsBuild)> = ["unicode61", "trigram"]
        .into_iter()
        .filter(|_| with_fts)
        .map(|tokenizer| {
            let path = work.path().join(format!("{tokenizer}.sqlite"));
            (tokenizer, build_fts(&path, tokenizer, &articles))
        })
        .collect();

    let categories: [(&str, &[&str]); 4] = [
        ("English word", &ENGLISH),
        ("Russian word", &RUSSIAN),
        ("Chinese 2-char word", &CHINESE),
        ("phrase", &PHRASES),
    ];
    let engines = std::iter::once((
        "Folio (tantivy)".to_owned(),
        Engine::Folio(&folio.index),
        (folio.rate, folio.cpu, folio.bytes),
    ))
    .chain(fts.iter().map(|(tokenizer, built)| {
        (
            format!("FTS5 {tokenizer}"),
            Engine::Fts(&built.connection),
            (built.rate, built.cpu, built.bytes),
        )
    }));
    let mut rows = Vec::new();
    for (name, engine, build) in engines {
        let latencies: Vec<(Duration, Duration)> = categories
            .iter()
            .map(|(_, queries)| percentiles(&engine.latencies(queries, rounds)))
            .collect();
        let recall = chinese_recall(&engine, &articles);
        rows.push((name, build, latencies, recall));
    }

    println!(
        "\n{} articles ({} MB of text), top {TOP} with snippets, {rounds} rounds, p50 / p95 in ms; \
         {} cores, load average {} at the start\n",
        articles.len(),
        articles.iter().map(text_len).sum::<usize>() / 1_000_000,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average
    );
    print!("| engine | build (articles/s) | build CPU (s) | index size |");
    for (name, _) in &categories {
        print!(" {name} |");
    }
    println!(" Chinese 2-char recall |");
    println!(
        "|---|---:|---:|---:|{}---:|",
        "---:|".repeat(categories.len())
    );
    for (name, (rate, cpu, bytes), latencies, recall) in &rows {
        print!(
            "| {name} | {rate:.0} | {cpu:.1} | {} MB |",
            bytes / 1_000_000
        );
        for (p50, p95) in latencies {
            print!(" {} / {} |", ms(*p50), ms(*p95));
        }
        println!(" {recall} |");
    }
    println!(
        "\nFolio: background merges finished {:.1} s after the last commit (not in the build rate; \
         sizes are after them).",
        folio.merge_seconds
    );
    if let Some((rate, cpu, bytes)) = variant {
        println!(
            "Folio without unigrams inside CJK words (lone characters only): {rate:.0} articles/s, \
             {cpu:.1} CPU s, {} MB (all unigrams: {} MB)",
            bytes / 1_000_000,
            folio.bytes / 1_000_000
        );
    }
}

enum Engine<'a> {
    Folio(&'a SearchIndex),
    Fts(&'a Connection),
}

impl Engine<'_> {
    /// One latency per query per round, after one untimed warm-up round. With
    /// `FOLIO_BENCH_VERBOSE=1`, each query's median goes to stderr.
    fn latencies(&self, queries: &[&str], rounds: usize) -> Vec<Duration> {
        let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
        for round in 0..=rounds {
            for (query, latencies) in queries.iter().zip(&mut per_query) {
                let started = Instant::now();
                self.top(query);
                if round > 0 {
                    latencies.push(started.elapsed());
                }
            }
        }
        if env_number("FOLIO_BENCH_VERBOSE", 0) != 0 {
            for (query, latencies) in queries.iter().zip(&per_query) {
                eprintln!("  {query}: median {} ms", ms(percentiles(latencies).0));
            }
        }
        per_query.concat()
    }

    /// The top results with snippets, as a user's search would ask for them.
    fn top(&self, query: &str) -> usize {
        match self {
            Engine::Folio(index) => {
                let parsed = parse_query(query).expect("benchmark query parses");
                let results = index.search(&parsed, TOP, 0).expect("search");
                results.hits.iter().map(|h| h.snippet.len()).sum()
            }
            Engine::Fts(connection) => {
                let mut statement = connection
                    .prepare_cached(
                        "SELECT rowid, snippet(articles, -1, '[', ']', '…', 24) FROM articles
                         WHERE articles MATCH ?1 ORDER BY rank LIMIT ?2",
                    )
                    .expect("prepare");
                let rows = statement.query_map(params![fts_query(query), TOP as i64], |row| {
                    row.get::<_, String>(1)
                });
                // The trigram tokenizer rejects nothing but finds nothing under three characters.
                rows.map(|rows| rows.filter_map(Result::ok).map(|s| s.len()).sum())
                    .unwrap_or(0)
            }
        }
    }

    fn all_ids(&self, query: &str) -> HashSet<i64> {
        match self {
            Engine::Folio(index) => index
                .matching_ids(&parse_query(query).expect("benchmark query parses"))
                .expect("search")
                .into_iter()
                .collect(),
            Engine::Fts(connection) => {
                let mut statement = connection
                    .prepare_cached("SELECT rowid FROM articles WHERE articles MATCH ?1")
                    .expect("prepare");
                statement
                    .query_map(params![fts_query(query)], |row| row.get::<_, i64>(0))
                    .map(|rows| rows.filter_map(Result::ok).collect())
                    .unwrap_or_default()
            }
        }
    }
}

/// FTS5 query syntax: every word quoted, so `-` or `:` in it are not operators.
fn fts_query(query: &str) -> String {
    if query.starts_with('"') {
        query.to_owned()
    } else {
        format!("\"{query}\"")
    }
}

/// Found / expected over all two-character Chinese queries, where expected is every article
/// whose text contains the word; also flags extra hits.
fn chinese_recall(engine: &Engine<'_>, articles: &[Article]) -> String {
    let (mut expected_total, mut found_total, mut extra_total) = (0usize, 0usize, 0usize);
    for word in CHINESE {
        let expected: HashSet<i64> = articles
            .iter()
            .filter(|a| {
                [&a.title, &a.caption, &a.credit, &a.body]
                    .iter()
                    .any(|t| t.contains(word))
            })
            .map(|a| a.id)
            .collect();
        let found = engine.all_ids(word);
        expected_total += expected.len();
        found_total += found.intersection(&expected).count();
        extra_total += found.difference(&expected).count();
    }
    let recall = if expected_total == 0 {
        100.0
    } else {
        100.0 * found_total as f64 / expected_total as f64
    };
    let extra = if extra_total > 0 {
        format!(", {extra_total} extra")
    } else {
        String::new()
    };
    format!("{recall:.1}% ({found_total}/{expected_total}{extra})")
}

struct FolioBuild {
    index: SearchIndex,
    rate: f64,
    /// CPU seconds of the build, all threads.
    cpu: f64,
    /// Seconds the background merges went on after the last commit.
    merge_seconds: f64,
    bytes: u64,
}

fn build_folio(dir: &Path, articles: &[Article], analyzer: Analyzer) -> FolioBuild {
    let docs: Vec<IndexDoc> = articles.iter().map(index_doc).collect();
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let (index, _) = SearchIndex::open_with(dir, analyzer).expect("open index");
    for batch in docs.chunks(BATCH) {
        index.apply(batch, &[]).expect("apply");
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    assert_eq!(index.doc_count().expect("count"), articles.len() as u64);
    // Merges go on in the background after the last commit; a rebuild waits for them so the
    // index is compact and searches see few segments. Timed apart from the build.
    let merge_started = Instant::now();
    index.wait_for_merges().expect("merges");
    let merge_seconds = merge_started.elapsed().as_secs_f64();
    eprintln!("folio: built in {seconds:.1} s, merges finished {merge_seconds:.1} s later");
    FolioBuild {
        index,
        rate: articles.len() as f64 / seconds,
        cpu,
        merge_seconds,
        bytes: folder_size(dir),
    }
}

fn index_doc(article: &Article) -> IndexDoc {
    IndexDoc {
        id: article.id,
        kind: "article".to_owned(),
        language: article.language.clone(),
        date: article.date.clone(),
        title: article.title.clone(),
        body: article.body.clone(),
        captions: vec![article.caption.clone()],
        credits: vec![article.credit.clone()],
        ..IndexDoc::default()
    }
}

struct FtsBuild {
    connection: Connection,
    rate: f64,
    cpu: f64,
    bytes: u64,
}

fn build_fts(path: &Path, tokenizer: &str, articles: &[Article]) -> FtsBuild {
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut connection = Connection::open(path).expect("open sqlite");
    connection
        .execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE articles USING fts5(title, caption, body, tokenize = '{tokenizer}');
             INSERT INTO articles(articles, rank) VALUES('rank', 'bm25(3.0, 2.0, 1.0)');"
        ))
        .expect("create fts table");
    for batch in articles.chunks(BATCH) {
        let transaction = connection.transaction().expect("transaction");
        {
            let mut insert = transaction
                .prepare_cached(
                    "INSERT INTO articles(rowid, title, caption, body) VALUES (?1, ?2, ?3, ?4)",
                )
                .expect("prepare");
            for a in batch {
                let caption = format!("{} {}", a.caption, a.credit);
                insert
                    .execute(params![a.id, a.title, caption, a.body])
                    .expect("insert");
            }
        }
        transaction.commit().expect("commit");
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    connection
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    eprintln!("fts5 {tokenizer}: built in {seconds:.1} s");
    FtsBuild {
        connection,
        rate: articles.len() as f64 / seconds,
        cpu,
        bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
    }
}

/// Every `.txt` article: title line, `Updated:` line, caption line ending in `[credit]`, then
/// the paragraphs; the language comes from the corpus manifest.
fn load_articles(corpus: &Path) -> Vec<Article> {
    let languages = manifest_languages(corpus);
    let mut paths: Vec<PathBuf> = walk(&corpus.join("articles/txt"));
    paths.sort();
    paths
        .iter()
        .zip(1..)
        .filter_map(|(path, id)| {
            let text = std::fs::read_to_string(path).ok()?;
            let relative = path
                .strip_prefix(corpus)
                .ok()?
                .to_string_lossy()
                .into_owned();
            let mut lines = text.lines();
            let title = lines.next()?.to_owned();
            let date = lines
                .next()
                .and_then(|l| l.strip_prefix("Updated: "))
                .map(str::to_owned);
            let caption_line = lines.next().unwrap_or("");
            let (caption, credit) = match caption_line.rfind(" [") {
                Some(at) if caption_line.ends_with(']') => (
                    caption_line[..at].to_owned(),
                    caption_line[at + 2..caption_line.len() - 1].to_owned(),
                ),
                _ => (caption_line.to_owned(), String::new()),
            };
            let body = lines
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            Some(Article {
                id,
                language: languages.get(&relative).cloned(),
                date,
                title,
                caption,
                credit,
                body,
            })
        })
        .collect()
}

fn manifest_languages(corpus: &Path) -> HashMap<String, String> {
    let Ok(manifest) = std::fs::read_to_string(corpus.join("manifest.jsonl")) else {
        return HashMap::new();
    };
    manifest
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| {
            let path = record.get("path")?.as_str()?.to_owned();
            let lang = record.get("lang")?.as_str()?.to_owned();
            Some((path, lang))
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        folder_size(&path)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// CPU seconds used by this process so far, all threads (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn text_len(article: &Article) -> usize {
    article.title.len() + article.caption.len() + article.credit.len() + article.body.len()
}

fn percentiles(latencies: &[Duration]) -> (Duration, Duration) {
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let at = |q: f64| {
        let index = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[index]
    };
    if sorted.is_empty() {
        return (Duration::ZERO, Duration::ZERO);
    }
    (at(0.50), at(0.95))
}

fn ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

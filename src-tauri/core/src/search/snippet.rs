//! Snippets: about [`SNIPPET_CHARS`] characters of an item's original text around the densest
//! cluster of query terms, with the matched words as character ranges to highlight.

use std::ops::ControlFlow;

use rustc_hash::FxHashMap;

use super::analyzer::{Analyzer, ScanOptions};

/// Snippet length in characters, before the ellipses.
pub const SNIPPET_CHARS: usize = 180;

/// How far a window edge may move to land between words instead of inside one.
const WORD_SNAP_CHARS: usize = 15;

/// Context kept before the first highlighted word, when the window has room for it.
const LEAD_CHARS: usize = 40;

const ELLIPSIS: char = '…';

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    /// Character (Unicode scalar) ranges in `text`, sorted, not overlapping.
    pub highlights: Vec<[u32; 2]>,
}

/// Makes the snippets of one search: the query's terms are looked up once.
pub struct SnippetMaker<'a> {
    analyzer: &'a Analyzer,
    term_ids: FxHashMap<&'a str, usize>,
    /// The first characters of the terms: words starting otherwise need no stemming.
    first_chars: Vec<char>,
}

impl<'a> SnippetMaker<'a> {
    pub fn new(analyzer: &'a Analyzer, terms: &'a [String]) -> Self {
        let term_ids: FxHashMap<&str, usize> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let first_chars = terms.iter().filter_map(|t| t.chars().next()).collect();
        SnippetMaker {
            analyzer,
            term_ids,
            first_chars,
        }
    }

    /// A snippet from the first source with a match (sources in order of preference), or the
    /// beginning of the first non-empty source when no term matched any.
    pub fn make(&self, sources: &[&str]) -> Snippet {
        if !self.term_ids.is_empty() {
            for source in sources {
                let matches = self.find_matches(source);
                if !matches.is_empty() {
                    return around_matches(source, &matches);
                }
            }
        }
        sources
            .iter()
            .find(|s| !s.trim().is_empty())
            .map(|source| around_matches(source, &[]))
            .unwrap_or_default()
    }
}

/// A matched token: byte range in the source and which query term it is.
#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    term: usize,
}

/// Scanning a long text for matches stops after this many: the best window is near the top
/// in practice, and the cost stays bounded.
const MAX_MATCHES: usize = 2_000;

impl SnippetMaker<'_> {
    /// The query terms in the text, in order. Once a stretch short enough for a snippet holds
    /// every term, no later window can show more of them: the scan goes on only to the end of
    /// the longest snippet that stretch could start (4 bytes per character at most), to
    /// highlight every match it will show.
    fn find_matches(&self, text: &str) -> Vec<Match> {
        let options = ScanOptions {
            stem_only_starting_with: Some(&self.first_chars),
            ..ScanOptions::default()
        };
        let mut matches: Vec<Match> = Vec::new();
        let mut horizon: Option<usize> = None;
        self.analyzer.scan(text, options, &mut |token| {
            if horizon.is_some_and(|h| token.start > h) {
                return ControlFlow::Break(());
            }
            let Some(&term) = self.term_ids.get(token.text) else {
                return ControlFlow::Continue(());
            };
            matches.push(Match {
                start: token.start,
                end: token.end,
                term,
            });
            if horizon.is_none()
                && let Some(window_start) =
                    start_of_window_with_every_term(&matches, self.term_ids.len())
            {
                horizon = Some(window_start + 4 * SNIPPET_CHARS);
            }
            if matches.len() >= MAX_MATCHES {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        matches
    }
}

/// Where the matches ending at the last one, within a snippet's length in bytes (never more
/// characters than that), begin, if they include every term.
fn start_of_window_with_every_term(matches: &[Match], term_count: usize) -> Option<usize> {
    let last = matches.last()?;
    if term_count > 64 {
        return None;
    }
    let mut seen: u64 = 0;
    let mut start = last.start;
    for m in matches.iter().rev() {
        if last.end - m.start > SNIPPET_CHARS {
            break;
        }
        seen |= 1 << m.term;
        start = m.start;
    }
    (seen.count_ones() as usize == term_count).then_some(start)
}

fn around_matches(text: &str, matches: &[Match]) -> Snippet {
    // Only the text up to the furthest character a snippet could show is decoded: a snippet
    // ends at most SNIPPET_CHARS characters (4 bytes each at most) after the last match.
    let mut limit = text
        .len()
        .min(matches.iter().map(|m| m.end).max().unwrap_or(0) + 4 * (SNIPPET_CHARS + 1));
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let cut = limit < text.len();
    let text = &text[..limit];
    // Character index → byte offset, with the decoded text's length at the end.
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_count = byte_at.len() - 1;
    let char_of = |byte: usize| byte_at.partition_point(|&b| b < byte);
    let spans: Vec<(usize, usize, usize)> = matches
        .iter()
        .map(|m| (char_of(m.start), char_of(m.end), m.term))
        .collect();
    let chars: Vec<char> = text.chars().collect();

    let (mut start, mut end) = match best_window(&spans) {
        Some((first, last)) => {
            let span_start = spans[first].0;
            let span_end = spans[first..=last]
                .iter()
                .map(|s| s.1)
                .max()
                .unwrap_or(span_start);
            let slack = SNIPPET_CHARS.saturating_sub(span_end - span_start);
            let start = span_start - span_start.min(LEAD_CHARS.min(slack / 2));
            (start, (start + SNIPPET_CHARS).max(span_end).min(char_count))
        }
        None => (0, SNIPPET_CHARS.min(char_count)),
    };
    // Use the whole window when the text ends early.
    if end - start < SNIPPET_CHARS {
        start = end.saturating_sub(SNIPPET_CHARS);
    }
    let first_highlight = spans.iter().map(|s| s.0).filter(|&s| s >= start).min();
    let last_highlight = spans.iter().map(|s| s.1).filter(|&e| e <= end).max();
    if start > 0 && !chars[start - 1].is_whitespace() {
        let limit = first_highlight.unwrap_or(end).min(start + WORD_SNAP_CHARS);
        if let Some(space) = (start..limit).find(|&i| chars[i].is_whitespace()) {
            start = space + 1;
        }
    }
    if end < char_count && !chars[end].is_whitespace() {
        let limit = last_highlight
            .unwrap_or(start)
            .max(end.saturating_sub(WORD_SNAP_CHARS));
        if let Some(space) = (limit..end).rev().find(|&i| chars[i].is_whitespace()) {
            end = space;
        }
    }
    render(&chars, start, end, end < char_count || cut, &spans)
}

/// The run of matches (first, last index) that fits in a snippet and has the most distinct
/// terms, then the most matches.
fn best_window(spans: &[(usize, usize, usize)]) -> Option<(usize, usize)> {
    let mut best: Option<((usize, usize), (usize, usize))> = None;
    let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
    let mut last = 0;
    for first in 0..spans.len() {
        if last < first {
            last = first;
        }
        while last < spans.len() && spans[last].1 - spans[first].0 <= SNIPPET_CHARS {
            *counts.entry(spans[last].2).or_default() += 1;
            last += 1;
        }
        if last == first {
            // A single match longer than the window.
            best.get_or_insert(((1, 1), (first, first)));
            continue;
        }
        let score = (counts.len(), last - first);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, (first, last - 1)));
        }
        if let Some(count) = counts.get_mut(&spans[first].2) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&spans[first].2);
            }
        }
    }
    best.map(|(_, window)| window)
}

/// The window's text with whitespace runs collapsed to one space, ellipses where it was cut,
/// and the highlights mapped to its characters.
fn render(
    chars: &[char],
    start: usize,
    end: usize,
    more_after: bool,
    spans: &[(usize, usize, usize)],
) -> Snippet {
    let mut text = String::new();
    let mut length: u32 = 0;
    // Output position of each window character, and of the window's end.
    let mut output_at = Vec::with_capacity(end - start + 1);
    let mut pending_space = false;
    if start > 0 {
        text.push(ELLIPSIS);
        length += 1;
    }
    for &c in &chars[start..end] {
        if c.is_whitespace() {
            pending_space = length > 0;
            output_at.push(length);
            continue;
        }
        if std::mem::take(&mut pending_space) {
            text.push(' ');
            length += 1;
        }
        output_at.push(length);
        text.push(c);
        length += 1;
    }
    output_at.push(length);
    if more_after {
        text.push(ELLIPSIS);
    }
    let mut highlights: Vec<[u32; 2]> = spans
        .iter()
        .filter(|s| s.0 >= start && s.1 <= end)
        .map(|s| [output_at[s.0 - start], output_at[s.1 - start]])
        .collect();
    highlights.sort_unstable();
    let mut merged: Vec<[u32; 2]> = Vec::with_capacity(highlights.len());
    for range in highlights {
        match merged.last_mut() {
            Some(last) if range[0] <= last[1] => last[1] = last[1].max(range[1]),
            _ => merged.push(range),
        }
    }
    Snippet {
        text,
        highlights: merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(analyzer: &Analyzer, terms: &[String], sources: &[&str]) -> Snippet {
        SnippetMaker::new(analyzer, terms).make(sources)
    }

    fn highlighted(snippet: &Snippet) -> Vec<String> {
        let chars: Vec<char> = snippet.text.chars().collect();
        snippet
            .highlights
            .iter()
            .map(|[a, b]| chars[*a as usize..*b as usize].iter().collect())
            .collect()
    }

    fn terms(query: &str) -> Vec<String> {
        Analyzer::for_query()
            .tokens(query)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn matched_words_are_highlighted_as_written() {
        let text = "The Skolkovo Foundation hosted innovation talks. ＳＫＯＬＫＯＶＯ again.";
        let snippet = snippet(
            &Analyzer::for_index(),
            &terms("skolkovo innovations"),
            &[text],
        );
        assert_eq!(snippet.text, text);
        assert_eq!(
            highlighted(&snippet),
            ["Skolkovo", "innovation", "ＳＫＯＬＫＯＶＯ"]
        );
    }

    #[test]
    fn overlapping_chinese_bigrams_merge_into_one_highlight() {
        let text = "今天，中小企业创新论坛在北京举行。";
        let snippet = snippet(&Analyzer::for_index(), &terms("中小企业"), &[text]);
        assert_eq!(highlighted(&snippet), ["中小企业"]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_match_with_ellipses() {
        let text = format!(
            "{} Skolkovo {}",
            "lorem ipsum ".repeat(100),
            "dolor sit ".repeat(100)
        );
        let snippet = snippet(&Analyzer::for_index(), &terms("skolkovo"), &[&text]);
        assert!(
            snippet.text.starts_with('…') && snippet.text.ends_with('…'),
            "{}",
            snippet.text
        );
        assert!(snippet.text.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(highlighted(&snippet), ["Skolkovo"]);
    }

    #[test]
    fn the_window_with_the_most_distinct_terms_wins() {
        let text = format!(
            "moscow {} moscow beijing dialogue {}",
            "filler ".repeat(60),
            "filler ".repeat(60)
        );
        let snippet = snippet(
            &Analyzer::for_index(),
            &terms("moscow beijing dialogue"),
            &[&text],
        );
        assert_eq!(highlighted(&snippet), ["moscow", "beijing", "dialogue"]);
    }

    #[test]
    fn whitespace_runs_collapse_and_highlights_follow() {
        let snippet = snippet(
            &Analyzer::for_index(),
            &terms("forum"),
            &["First  line\n\n   forum here"],
        );
        assert_eq!(snippet.text, "First line forum here");
        assert_eq!(highlighted(&snippet), ["forum"]);
    }

    #[test]
    fn later_sources_are_used_when_earlier_ones_do_not_match() {
        let snippet = snippet(
            &Analyzer::for_index(),
            &terms("caption"),
            &["body without it", "a caption here", "title"],
        );
        assert_eq!(snippet.text, "a caption here");
    }

    #[test]
    fn a_long_text_without_a_match_is_cut_after_the_snippet() {
        let text = "word ".repeat(1_000);
        let snippet = snippet(&Analyzer::for_index(), &terms("absent"), &[&text]);
        assert!(snippet.text.ends_with("word…"), "{}", snippet.text);
        assert!(snippet.text.chars().count() <= SNIPPET_CHARS + 1);
    }

    #[test]
    fn without_a_match_the_beginning_of_the_first_text_is_shown() {
        let snippet = snippet(&Analyzer::for_index(), &[], &["", "caption text", "title"]);
        assert_eq!(snippet.text, "caption text");
        assert!(snippet.highlights.is_empty());
    }
}

//! Splits a photo caption into its text and its credit, the way press pages in English, Chinese
//! and Russian write them: `[photo/x]`, `(Photo: x)`, `Photo by x`, `... /Xinhua`,
//! `(Xinhua/Li Ming)`, `Фото: x`, `摄影：x`, `图片来源：x`, `(新华社记者 x 摄)`.
//!
//! The credit always sits at the end of the caption. A candidate is accepted only when it is
//! short, has no sentence break inside, and its marker starts the text or follows a sentence end
//! or a dash — so an ordinary sentence that mentions a "photo by" somebody is not a caption.

use std::sync::LazyLock;

use regex::Regex;

use super::{collapse_whitespace, pattern};

/// A caption and the credit that was written at its end ("" when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaptionCredit {
    pub caption: String,
    pub credit: String,
}

/// Captions longer than this are body paragraphs, whatever they end with.
const MAX_CAPTION_CHARS: usize = 600;
/// Only the end of a text can hold its credit; looking further back is wasted work.
const TAIL_BYTES: usize = 240;
const MAX_CREDIT_CHARS: usize = 90;
const MAX_CREDIT_WORDS: usize = 10;

/// Bodies that are credits on their own when bracketed at the end: "(Xinhua)", "(ТАСС)".
const AGENCIES: &[&str] = &[
    "Xinhua",
    "Reuters",
    "AP",
    "AFP",
    "EPA",
    "Getty Images",
    "Getty",
    "IC",
    "VCG",
    "CFP",
    "China Daily",
    "CGTN",
    "CNS",
    "Kyodo",
    "Yonhap",
    "Bloomberg",
    "Sputnik",
    "TASS",
    "RIA Novosti",
    "ТАСС",
    "РИА Новости",
    "Интерфакс",
    "Спутник",
    "新华社",
    "中新社",
    "人民日报",
    "中国日报",
    "视觉中国",
    "东方IC",
];

/// A photo marker opening the inside of a bracket: "photo/x", "Photo: x", "Фото: x", "摄影：x".
static BRACKET_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^(?:(?:photo|image)\s*credits?|photo\s+courtesy(?:\s+of)?|photos?|photograph|image|picture|pic|credits?|source|фото(?:графия)?|источник\s+фото|автор\s+фото|иллюстрация|摄影|图片来源|图片|图)\s*(?:by\s+|courtesy(?:\s+of)?\s+|[/:：]\s*|[—–-]\s+|\s)(?P<c>.+)$",
    )
});

/// "(新华社记者 李明 摄)", "(李明/摄)", "(张三 供图)".
static BRACKET_SHOT_BY: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?P<c>.{1,40}?)\s*/?\s*(?:摄|拍摄|供图)$"));

/// "Xinhua/Li Ming", "AP Photo/Evan Vucci": an agency and a photographer.
static AGENCY_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?P<left>[\p{Lu}\p{Han}][\p{L}\p{Han}&.' -]{0,39})\s*/\s*(?P<right>[\p{Lu}\p{Han}][\p{L}\p{Han}.'’ -]{0,59})$",
    )
});

/// English and Russian markers that introduce a trailing credit outside brackets.
static LATIN_CYRILLIC_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?P<m>(?:Photo|Image)\s+(?:[Cc]redits?|[Cc]ourtesy(?:\s+of)?)\s*:?\s*|(?:Photos?|Photograph|Image|Picture|Credits?)\s*(?:by\s+|:\s*|/\s*)|Credit(?:\.{2,3}|…)\s*|Courtesy(?:\s+of\s+|:\s*)|(?:Фото(?:графия)?|Источник\s+фото|Автор\s+фото|Фото\s+предоставлено|Иллюстрация)\s*(?P<ru_sep>[:/]\s*|[—–-]\s+|\s+))",
    )
});

/// Chinese markers: "摄影：x", "图片来源：x", "图片：x", "图/x".
static CJK_MARKER: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?P<m>(?:摄影|图片来源|图片|图)\s*(?:[:：]|/)\s*)"));

/// "新华社记者 李明 摄" at the end, with or without an agency before 记者.
static REPORTER_SHOT_BY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?P<c>(?:新华社|中新社|人民日报|本报|中国日报|央视|光明日报|经济日报|法制日报|解放军报|科技日报)?(?:特约|实习|首席)?(?:摄影)?记者(?:\s*[\p{Han}·A-Za-z]{1,12}){1,4})\s*/?\s*摄$",
    )
});

/// "... 李明 摄": a short name, a space, then 摄.
static NAME_SPACE_SHOT_BY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:^|[\s。！？；，])(?P<c>[\p{Han}·]{2,5}(?:[\s、，]+[\p{Han}·]{2,5}){0,3})\s+摄$")
});

/// "... on Oct 16. /Xinhua": a slash tail naming an agency.
static SLASH_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:^|\s|[.。])/\s?(?P<c>\p{Lu}[\p{L}.'’ -]{1,40}(?:/\p{Lu}[\p{L}.'’ -]{1,40})?)$")
});

/// Splits `text` into caption and credit. Whitespace is collapsed; when no credit is found the
/// whole text is the caption and the credit is empty.
pub fn split_credit(text: &str) -> CaptionCredit {
    let text = collapse_whitespace(text);
    match find_credit(&text) {
        Some((caption_end, credit)) => CaptionCredit {
            caption: clean_caption(&text[..caption_end]),
            credit,
        },
        None => CaptionCredit {
            caption: text,
            credit: String::new(),
        },
    }
}

/// Whether a line of text is a caption: short enough and ending in a credit marker.
pub fn looks_like_caption_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_CAPTION_CHARS * 4 {
        return false;
    }
    if line.chars().count() > MAX_CAPTION_CHARS {
        return false;
    }
    find_credit(&collapse_whitespace(line)).is_some()
}

/// Where the caption ends and what the credit is, or `None`.
fn find_credit(text: &str) -> Option<(usize, String)> {
    let text = text.trim_end();
    if text.is_empty() {
        return None;
    }
    bracketed_credit(text).or_else(|| unbracketed_credit(text))
}

/// A credit inside a bracket that closes the text: "[photo/x]", "(Xinhua/Li Ming)".
fn bracketed_credit(text: &str) -> Option<(usize, String)> {
    let body = text.trim_end_matches(['.', '。']).trim_end();
    let close = body.chars().next_back()?;
    let open_for = match close {
        ']' => '[',
        ')' => '(',
        '）' => '（',
        '】' => '【',
        _ => return None,
    };
    let inner_end = body.len() - close.len_utf8();
    let open = body[..inner_end].rfind(open_for)?;
    let inner = body[open + open_for.len_utf8()..inner_end].trim();
    if inner.is_empty() || inner.chars().count() > MAX_CREDIT_CHARS + 20 {
        return None;
    }
    classify_bracket_inner(inner).map(|credit| (open, credit))
}

fn classify_bracket_inner(inner: &str) -> Option<String> {
    if let Some(c) = BRACKET_MARKER
        .captures(inner)
        .and_then(|caps| caps.name("c"))
    {
        return clean_credit(c.as_str());
    }
    if let Some(c) = BRACKET_SHOT_BY
        .captures(inner)
        .and_then(|caps| caps.name("c"))
    {
        return clean_credit(c.as_str());
    }
    if AGENCIES.contains(&inner) {
        return Some(inner.to_string());
    }
    let caps = AGENCY_SLASH.captures(inner)?;
    let left = caps.name("left")?.as_str().trim();
    let right = caps.name("right")?.as_str().trim();
    let every_word_capitalised = left.split_whitespace().all(starts_upper_or_han);
    let credible = AGENCIES.contains(&left)
        || AGENCIES.contains(&right)
        || left.ends_with("Photo")
        || left.ends_with("Photos")
        || right.contains(' ')
        || right.chars().any(is_han);
    if every_word_capitalised && credible {
        clean_credit(inner)
    } else {
        None
    }
}

/// A credit introduced by a marker outside brackets, or a slash tail. Among the candidates in
/// the text's tail, the earliest valid one wins (it holds the whole credit).
fn unbracketed_credit(text: &str) -> Option<(usize, String)> {
    let tail_start = floor_char_boundary(text, text.len().saturating_sub(TAIL_BYTES));
    let tail = &text[tail_start..];
    let mut best: Option<(usize, String)> = None;
    let mut consider = |start: usize, credit: Option<String>| {
        if let Some(credit) = credit
            && best.as_ref().is_none_or(|(s, _)| start < *s)
        {
            best = Some((start, credit));
        }
    };

    for caps in LATIN_CYRILLIC_MARKER.captures_iter(tail) {
        let Some(m) = caps.name("m") else { continue };
        let start = tail_start + m.start();
        if !at_boundary(text, start) {
            continue;
        }
        let rest = &text[tail_start + m.end()..];
        let bare_russian = caps
            .name("ru_sep")
            .is_some_and(|s| s.as_str().trim().is_empty());
        if bare_russian && !plausible_bare_russian_credit(rest) {
            continue;
        }
        consider(start, clean_credit(rest));
    }
    // The patterns below need a character that most paragraphs lack; each check is cheaper than
    // running a pattern with captures over every paragraph of every page.
    let cjk_markers = if tail.contains(['图', '摄']) {
        CJK_MARKER.captures_iter(tail).collect()
    } else {
        Vec::new()
    };
    for caps in cjk_markers {
        let Some(m) = caps.name("m") else { continue };
        let start = tail_start + m.start();
        if at_boundary(text, start) {
            consider(start, clean_credit(&text[tail_start + m.end()..]));
        }
    }
    let shot_by: &[&Regex] = if tail.ends_with('摄') {
        &[&REPORTER_SHOT_BY, &NAME_SPACE_SHOT_BY]
    } else {
        &[]
    };
    for re in shot_by {
        if let Some(c) = re.captures(tail).and_then(|caps| caps.name("c")) {
            consider(tail_start + c.start(), clean_credit(c.as_str()));
        }
    }
    let slash_tail = tail
        .contains('/')
        .then(|| SLASH_TAIL.captures(tail))
        .flatten();
    if let Some(c) = slash_tail.and_then(|caps| caps.name("c")) {
        // The caption ends at the slash, which belongs to the marker.
        let slash = tail[..c.start()].rfind('/').unwrap_or(c.start());
        consider(tail_start + slash, clean_credit(c.as_str()));
    }
    best
}

/// "Фото Ивана Петрова", "Фото из открытых источников" — but not "Фото сделано вчера".
fn plausible_bare_russian_credit(rest: &str) -> bool {
    const OPENERS: &[&str] = &[
        "из ",
        "с сайта",
        "с официального",
        "пресс-служб",
        "автора",
        "предоставлено",
        "предоставлены",
    ];
    rest.chars().next().is_some_and(char::is_uppercase)
        || OPENERS.iter().any(|o| rest.starts_with(o))
}

/// A marker counts only at the start of the text or after a sentence end, dash or bracket.
fn at_boundary(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            ".!?。！？；;:：，\"”»)]）】|—–-·".contains(c) || (c == '/' && before.ends_with(" /"))
        }
    }
}

/// Trims a credit and rejects what cannot be one: empty, long, or a sentence.
fn clean_credit(raw: &str) -> Option<String> {
    let mut credit = raw
        .trim()
        .trim_matches(['"', '“', '”', '«', '»', '\''])
        .trim()
        .to_string();
    if (credit.ends_with('.') && !ends_with_initial(&credit)) || credit.ends_with('。') {
        credit.pop();
    }
    let credit = credit.trim().trim_end_matches('/').trim().to_string();
    if credit.is_empty()
        || credit.chars().count() > MAX_CREDIT_CHARS
        || credit.split_whitespace().count() > MAX_CREDIT_WORDS
        || credit.contains(['。', '！', '？', '!', '?', '，'])
        || has_sentence_break(&credit)
    {
        return None;
    }
    Some(credit)
}

/// ". X" inside a credit ends one sentence and starts another, unless it follows an initial
/// ("J. Smith") or is part of a domain ("safea.gov.cn" has no space).
fn has_sentence_break(credit: &str) -> bool {
    credit.match_indices(". ").any(|(i, _)| {
        let word = credit[..i].rsplit(' ').next().unwrap_or("");
        word.chars().count() > 2 && !word.chars().all(|c| c.is_uppercase() || c == '.')
    })
}

fn ends_with_initial(credit: &str) -> bool {
    let last = credit.rsplit(' ').next().unwrap_or("");
    let letters: Vec<char> = last.trim_end_matches('.').chars().collect();
    letters.len() == 1 && letters[0].is_uppercase()
}

fn clean_caption(raw: &str) -> String {
    raw.trim_end_matches(|c: char| c.is_whitespace() || "-—–|/:;,·".contains(c))
        .trim()
        .to_string()
}

fn starts_upper_or_han(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || is_han(c) || c == '&')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The largest char boundary at or below `index`.
pub(crate) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
#[path = "credit_tests.rs"]
mod tests;

//! How much text goes into a dossier. typst lays out a whole document in memory, and that costs
//! it a few hundred bytes a character; an imported text can be tens of megabytes. So each
//! article's body is cut after [`ARTICLE_CHARS`] characters, and all bodies of one dossier
//! together after [`DOSSIER_CHARS`]; a cut article ends with a note saying how many characters
//! are left out and that they are in the original file (which a ZIP bundle carries whole). Other
//! fields (titles, captions, credits) are cut to a length no real one reaches.

/// Characters of one article's body that a dossier shows (about 40 A4 pages of Latin text).
pub(super) const ARTICLE_CHARS: usize = 100_000;
/// Characters of all article bodies that one dossier shows.
pub(super) const DOSSIER_CHARS: usize = 1_000_000;
/// Characters of a title.
pub(super) const TITLE_CHARS: usize = 500;
/// Characters of a caption.
pub(super) const CAPTION_CHARS: usize = 5_000;
/// Characters of a byline, site, URL, credit or copyright line.
pub(super) const LINE_CHARS: usize = 500;
/// A cut moves back to a space or line break at most this many characters, so that no Latin or
/// Cyrillic word is split (Chinese, without spaces, is cut where the limit falls).
const WORD_CHARS: usize = 100;

/// What is left of the dossier's character budget.
pub(super) struct Budget {
    left: usize,
}

/// The part of an article's body a dossier shows.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Body<'a> {
    pub kept: &'a str,
    /// Characters left out (not counting the white space at the cut).
    pub left_out: usize,
}

impl Budget {
    pub(super) fn new() -> Self {
        Self {
            left: DOSSIER_CHARS,
        }
    }

    /// The part of `text` this article shows, taken from the budget.
    pub(super) fn take<'a>(&mut self, text: &'a str) -> Body<'a> {
        let end = cut(text, ARTICLE_CHARS.min(self.left));
        let kept = &text[..end];
        self.left = self.left.saturating_sub(kept.chars().count());
        Body {
            kept,
            left_out: text[end..].trim().chars().count(),
        }
    }
}

/// The byte offset where `text` is cut to at most `limit` characters.
fn cut(text: &str, limit: usize) -> usize {
    let Some((end, _)) = text.char_indices().nth(limit) else {
        return text.len();
    };
    text[..end]
        .char_indices()
        .rev()
        .take(WORD_CHARS)
        .find(|(_, c)| c.is_whitespace())
        .map_or(end, |(at, _)| at)
}

/// The note closing a cut article.
pub(super) fn rest_note(left_out: usize, source_name: &str) -> String {
    let file = if source_name.is_empty() {
        String::new()
    } else {
        format!(", {source_name}")
    };
    format!(
        "The rest of this article ({} characters) is not in this dossier; it is in the original \
         file{file}.",
        thousands(left_out)
    )
}

/// `1234567` → `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// At most `limit` characters of `text`, ending in `…` when cut.
pub(super) fn capped(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    if text.char_indices().nth(limit).is_none() {
        return text.into();
    }
    let end = cut(text, limit.saturating_sub(1));
    format!("{}…", text[..end].trim_end()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_article_is_shown_whole() {
        let mut budget = Budget::new();
        let body = budget.take("One paragraph.\n\nAnother.");
        assert_eq!(body.kept, "One paragraph.\n\nAnother.");
        assert_eq!(body.left_out, 0);
    }

    #[test]
    fn a_long_article_is_cut_at_a_space_and_counts_what_is_left_out() {
        let text = "word ".repeat(ARTICLE_CHARS); // five times the limit
        let mut budget = Budget::new();
        let body = budget.take(&text);
        assert!(body.kept.chars().count() <= ARTICLE_CHARS);
        assert!(body.kept.ends_with("word"), "no word is split");
        let total = text.trim().chars().count();
        assert_eq!(body.kept.chars().count() + 1 + body.left_out, total);
    }

    #[test]
    fn chinese_without_spaces_is_cut_at_the_limit() {
        let text = "中".repeat(ARTICLE_CHARS + 10);
        let body = Budget::new().take(&text);
        assert_eq!(body.kept.chars().count(), ARTICLE_CHARS);
        assert_eq!(body.left_out, 10);
    }

    #[test]
    fn once_the_dossier_budget_is_spent_later_articles_show_no_text() {
        let text = "x".repeat(ARTICLE_CHARS);
        let mut budget = Budget::new();
        for _ in 0..DOSSIER_CHARS / ARTICLE_CHARS {
            assert_eq!(budget.take(&text).left_out, 0);
        }
        let body = budget.take(&text);
        assert_eq!(body.kept, "");
        assert_eq!(body.left_out, ARTICLE_CHARS);
    }

    #[test]
    fn the_note_says_how_much_is_left_out_and_where_it_is() {
        assert_eq!(
            rest_note(1_234_567, "report.txt"),
            "The rest of this article (1,234,567 characters) is not in this dossier; it is in \
             the original file, report.txt."
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn a_field_is_capped_with_an_ellipsis() {
        assert_eq!(capped("short", 10), "short");
        assert_eq!(capped("exact", 5), "exact");
        assert_eq!(capped("abcdefghijkl", 5), "abcd…");
        assert_eq!(capped("one two three four", 10), "one two…");
    }
}

//! A guard against pathologically nested HTML. html5ever checks element scope by walking the
//! stack of open elements, so 10,000 nested `<div>`s take seconds to parse and 100,000 take
//! minutes. Real pages nest a few dozen deep. This linear pre-pass drops the start and end tags
//! of elements nested deeper than a limit — their text stays — before any parser sees the page.

use std::borrow::Cow;

/// Deeper than this, tags are dropped (their text is kept).
pub(super) const MAX_DEPTH: usize = 160;
/// An end tag looks this far down the stack for its start tag, then is ignored.
const END_TAG_SEARCH: usize = 64;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// Elements whose start tag closes an open one of the same family (`<p>…<p>`, `<li>…<li>`).
const SELF_CLOSING_FAMILIES: &[&[&str]] = &[
    &["p"],
    &["li"],
    &["dt", "dd"],
    &["option"],
    &["tr"],
    &["td", "th"],
];
/// A family search stops at these: an `<li>` in a nested list does not close the outer one.
const SCOPE_BOUNDARIES: &[&str] = &[
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "div",
    "section",
    "article",
    "select",
    "blockquote",
];
/// Block elements whose start tag closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

struct Open {
    name: String,
    dropped: bool,
}

/// `html` with tags beyond [`MAX_DEPTH`] removed; borrowed unchanged when none were.
pub(super) fn flatten(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_to = 0usize; // html[..copied_to] is already in `out`
    let mut stack: Vec<Open> = Vec::new();
    let mut kept_depth = 0usize;
    let mut i = 0usize;

    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(tag_end) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        let self_closing = bytes[..tag_end].ends_with(b"/>");

        let mut drop_tag = false;
        if closing {
            let search_from = stack.len().saturating_sub(END_TAG_SEARCH);
            if let Some(pos) = stack[search_from..].iter().rposition(|o| o.name == name) {
                let pos = search_from + pos;
                drop_tag = stack[pos].dropped;
                for open in stack.drain(pos..) {
                    if !open.dropped {
                        kept_depth -= 1;
                    }
                }
            }
        } else if !VOID.contains(&name.as_str()) && !self_closing {
            close_implied(&name, &mut stack, &mut kept_depth);
            drop_tag = kept_depth >= MAX_DEPTH;
            if !drop_tag {
                kept_depth += 1;
            }
            stack.push(Open {
                name: name.clone(),
                dropped: drop_tag,
            });
        }

        if drop_tag {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied_to..start]);
            copied_to = tag_end;
        }
        i = tag_end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            i = skip_raw_text(html, i, &name);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied_to..]);
            Cow::Owned(buffer)
        }
    }
}

/// A start tag of `name` implicitly ends the nearest open element of its family (up to a list,
/// table or block boundary), or else an open `<p>`.
fn close_implied(name: &str, stack: &mut Vec<Open>, kept_depth: &mut usize) {
    let window = stack.len().saturating_sub(6);
    let family = SELF_CLOSING_FAMILIES.iter().find(|f| f.contains(&name));
    let mut target = None;
    if let Some(family) = family {
        for (i, open) in stack[window..].iter().enumerate().rev() {
            if family.contains(&open.name.as_str()) {
                target = Some(window + i);
                break;
            }
            if SCOPE_BOUNDARIES.contains(&open.name.as_str()) {
                break;
            }
        }
    }
    if target.is_none() && CLOSES_P.contains(&name) {
        target = stack[window..]
            .iter()
            .rposition(|o| o.name == "p")
            .map(|i| window + i);
    }
    if let Some(pos) = target {
        for open in stack.drain(pos..) {
            if !open.dropped {
                *kept_depth -= 1;
            }
        }
    }
}

/// The index just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
        i += 1;
    }
    None
}

/// The index of the `</name` that ends a raw-text element's content (or the end).
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let haystack = &html.as_bytes()[from..];
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &haystack[at..]) {
        let pos = at + offset;
        let candidate = &haystack[pos..];
        if candidate.len() >= closing.len()
            && candidate[..closing.len()].eq_ignore_ascii_case(closing.as_bytes())
        {
            return from + pos;
        }
        at = pos + 1;
    }
    html.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_untouched() {
        let html = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_and_text_is_kept() {
        let depth = 100_000;
        let html = format!(
            "<body>{}<p>deep text</p>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let flat = flatten(&html);
        assert!(started.elapsed().as_secs() < 2);
        assert!(flat.contains("deep text"));
        let opens = flat.matches("<div>").count();
        assert!(opens < MAX_DEPTH, "{opens} divs left");
        assert_eq!(opens, flat.matches("</div>").count());
    }

    #[test]
    fn unclosed_paragraphs_and_items_do_not_count_as_nesting() {
        let html = format!("<body>{}</body>", "<p>para <li>item ".repeat(10_000));
        assert!(matches!(flatten(&html), Cow::Borrowed(_)));
        let table = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(10_000));
        assert!(matches!(flatten(&table), Cow::Borrowed(_)));
        let nested_lists = "<ul><li>a<ul><li>b<li>c</ul><li>d</ul>".repeat(1_000);
        assert!(matches!(flatten(&nested_lists), Cow::Borrowed(_)));
    }

    #[test]
    fn truncated_and_odd_markup_does_not_panic() {
        for html in [
            "<",
            "<div",
            "<div class='x>",
            "</",
            "<!--",
            "<![CDATA[",
            "<script>",
            "<a href=\"x\">",
            "<1>",
            "<é>",
            "< div>",
        ] {
            let _ = flatten(html);
        }
    }
}

//! The display HTML of an article: built from its blocks with every text escaped, then passed
//! through ammonia's whitelist as a second line of defence. What survives is structure only —
//! no scripts, event handlers, styles, forms, frames or embeds, and no absolute or
//! protocol-relative URL of any kind, so showing an article never loads anything remote.

use std::collections::HashSet;

use super::blocks::{Block, Kind};
use crate::article::draft::escape_html;

const TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "img",
    "em",
    "strong",
    "br",
    "small",
];

/// Blocks to sanitised HTML: consecutive list items share one `<ul>`; a figure whose image is
/// not a local relative path keeps only its caption.
pub(super) fn blocks_to_html(blocks: &[Block]) -> String {
    let mut html = String::new();
    let mut in_list = false;
    for block in blocks {
        let is_item = matches!(
            block,
            Block::Text {
                kind: Kind::Item,
                ..
            }
        );
        if in_list && !is_item {
            html.push_str("</ul>\n");
            in_list = false;
        }
        match block {
            Block::Text { kind, text, .. } => {
                let text = escape_html(text);
                match kind {
                    Kind::Paragraph => html.push_str(&format!("<p>{text}</p>\n")),
                    Kind::Heading(level) => {
                        let level = (*level).clamp(2, 6);
                        html.push_str(&format!("<h{level}>{text}</h{level}>\n"));
                    }
                    Kind::Item => {
                        if !in_list {
                            html.push_str("<ul>\n");
                            in_list = true;
                        }
                        html.push_str(&format!("<li>{text}</li>\n"));
                    }
                    Kind::Quote => {
                        html.push_str(&format!("<blockquote><p>{text}</p></blockquote>\n"))
                    }
                    Kind::Pre => html.push_str(&format!("<pre>{text}</pre>\n")),
                }
            }
            Block::Figure(figure) => {
                html.push_str("<figure>");
                if is_local_reference(&figure.image_ref) {
                    html.push_str(&format!(
                        "<img src=\"{}\" alt=\"\">",
                        escape_html(&figure.image_ref)
                    ));
                }
                let caption = match (figure.caption.is_empty(), figure.credit.is_empty()) {
                    (false, false) => format!(
                        "{} <small>{}</small>",
                        escape_html(&figure.caption),
                        escape_html(&figure.credit)
                    ),
                    (false, true) => escape_html(&figure.caption),
                    (true, false) => format!("<small>{}</small>", escape_html(&figure.credit)),
                    (true, true) => String::new(),
                };
                if !caption.is_empty() {
                    html.push_str(&format!("<figcaption>{caption}</figcaption>"));
                }
                html.push_str("</figure>\n");
            }
        }
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    sanitize(&html)
}

/// A path inside the saved page (`page_files/a.jpg`, `images/b.png`), not a URL.
pub(super) fn is_local_reference(reference: &str) -> bool {
    let r = reference.trim();
    !r.is_empty()
        && !r.starts_with("//")
        && !r.starts_with('\\')
        && !r.contains(':')
        && !r.to_ascii_lowercase().contains("&#")
}

/// Display HTML from elsewhere (a bundle) made as safe as Folio's own: `html` itself when the
/// sanitiser removes nothing from it — so a bundle's copy of Folio's display HTML comes back byte
/// for byte — else the sanitised copy. The sanitiser never turns a tag into text, so output that
/// reads the same once quotes are unescaped has lost nothing.
pub(crate) fn sanitize_untrusted(html: &str) -> String {
    let clean = sanitize(html);
    let unquoted = |text: &str| {
        text.replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&#34;", "\"")
    };
    if unquoted(&clean) == unquoted(html) {
        html.to_string()
    } else {
        clean
    }
}

/// Whitelist sanitising: structure tags only, `img` with a relative `src` and `alt`.
pub(crate) fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(TAGS)
        .add_tag_attributes("img", ["src", "alt"])
        .url_schemes(HashSet::new())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean_content_tags(["script", "style", "template"].into_iter().collect())
        .attribute_filter(|_, attribute, value| {
            if attribute == "src" && !is_local_reference(value) {
                None
            } else {
                Some(value.into())
            }
        });
    // An image whose source was removed is an empty box: drop it.
    builder
        .clean(html)
        .to_string()
        .replace("<img>", "")
        .replace("<img alt=\"\">", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_html_from_elsewhere_is_kept_verbatim_only_when_nothing_is_removed() {
        let own = "<p>China's \"dialogue\" &amp; more</p>\n<figure><img src=\"page_files/a.jpg\" alt=\"\"></figure>";
        assert_eq!(sanitize_untrusted(own), own);
        for hostile in [
            "<p>x</p><script>alert(1)</script>",
            "<p onclick=\"x()\">x</p>",
            "<img src=\"x.jpg\" onerror=\"alert(1)\">",
            "<p>a<!-- <script>x</script> --></p>",
            "<iframe src=\"https://e\"></iframe>",
        ] {
            let kept = sanitize_untrusted(hostile);
            assert_eq!(kept, sanitize(hostile), "{hostile}");
            for bad in ["script", "onclick", "onerror", "iframe"] {
                assert!(!kept.contains(bad), "{bad} in {kept}");
            }
        }
    }

    #[test]
    fn hostile_markup_is_stripped_to_structure() {
        let hostile = r#"<p onclick="steal()">Hi<script>alert(1)</script><style>p{}</style></p>
            <img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA"><img src="http://evil.example/t.gif">
            <img src="//evil.example/t.gif"><img src="page_files/ok.jpg" onerror="x()" style="background:url(http://e)">
            <iframe src="http://e"></iframe><object data="x"></object><embed src="x"><form action="x"><input></form>
            <a href="javascript:alert(1)">link</a><svg><script>x</script></svg><math></math><base href="http://e/">
            <meta http-equiv="refresh" content="0;url=http://e"><link rel="stylesheet" href="http://e/s.css">"#;
        let clean = sanitize(hostile);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript",
            "data:",
            "http",
            "//evil",
            "iframe",
            "object",
            "embed",
            "form",
            "input",
            "style",
            "url(",
            "href",
            "<a",
            "base",
            "meta",
            "<link",
            "stylesheet",
            "<img>",
        ] {
            assert!(
                !clean.to_ascii_lowercase().contains(bad),
                "{bad:?} survived in {clean}"
            );
        }
        assert!(
            clean.contains(r#"<img src="page_files/ok.jpg">"#),
            "{clean}"
        );
        assert!(clean.contains("Hi"));
        assert!(clean.contains("link"), "link text is kept as text");
    }

    #[test]
    fn figures_with_remote_images_keep_only_their_caption() {
        let blocks = vec![
            Block::Figure(crate::article::FigureDraft {
                caption: "A <b>view</b>".into(),
                credit: "Li".into(),
                image_ref: "https://cdn.example/a.jpg".into(),
            }),
            Block::Figure(crate::article::FigureDraft {
                caption: "Local".into(),
                credit: String::new(),
                image_ref: "page_files/a.jpg".into(),
            }),
        ];
        let html = blocks_to_html(&blocks);
        assert!(!html.contains("cdn.example"));
        assert!(
            html.contains("A &lt;b&gt;view&lt;/b&gt; <small>Li</small>"),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="page_files/a.jpg" alt="">"#),
            "{html}"
        );
    }

    #[test]
    fn list_items_are_grouped_and_headings_start_at_h2() {
        let blocks = vec![
            Block::Text {
                kind: Kind::Heading(1),
                text: "Head".into(),
                caption_hint: false,
            },
            Block::Text {
                kind: Kind::Item,
                text: "one".into(),
                caption_hint: false,
            },
            Block::Text {
                kind: Kind::Item,
                text: "two".into(),
                caption_hint: false,
            },
            Block::Text {
                kind: Kind::Paragraph,
                text: "after".into(),
                caption_hint: false,
            },
        ];
        assert_eq!(
            blocks_to_html(&blocks),
            "<h2>Head</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>after</p>\n"
        );
    }
}

//! Tests for web pages: a news page end to end, figures, charsets, hostile and huge input.

use crate::article::{ArticleDraft, ArticleError, ArticleFormat, extract};

fn page(bytes: &[u8]) -> ArticleDraft {
    extract(bytes, ArticleFormat::Html, "page.html").unwrap()
}

const PARAGRAPHS: &str = r#"
<p>The "Second China-Russia Innovation Dialogue", co-sponsored by the Ministry of Science and Technology of China and the Russian Ministry of Economic Development, was held at the Skolkovo Innovation Center in Moscow on October 16.</p>
<p>The event aimed at strengthening the strategic dialogue between the two countries in innovation strategy and planning, innovation policies and mechanisms, technology finance, and the development of small and medium-sized enterprises.</p>
<p>Nearly 100 representatives from central and local governments, universities, scientific research institutions, high-tech parks and innovative enterprises in China and Russia discussed cooperation.</p>
<p>The two sides signed and issued a Joint Declaration on the Second China-Russia Innovation Dialogue and determined the 2019-2024 China-Russia Innovation Cooperation Work Plan.</p>"#;

fn news_page() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>2nd China-Russia Innovation Dialogue held in Moscow - Example Science News</title>
<meta property="og:title" content="2nd China-Russia Innovation Dialogue held in Moscow">
<meta property="og:site_name" content="Example Science News">
<meta property="og:image" content="https://news.example.com/img/lead.jpg">
<meta name="description" content="The dialogue was held at the Skolkovo Innovation Center.">
<link rel="canonical" href="https://news.example.com/2018/11/02/dialogue.html">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"2nd China-Russia Innovation Dialogue held in Moscow","datePublished":"2018-11-02T10:30:00+08:00","author":[{{"@type":"Person","name":"Li Ming"}}]}}</script>
<script>window.tracker = function() {{ document.cookie = 'x'; }};</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/science">Science</a></li></ul></nav>
<header><div class="logo">Example Science News</div><form action="/search"><input name="q"></form></header>
<main><article>
<h1>2nd China-Russia Innovation Dialogue held in Moscow</h1>
<div class="byline">By Li Ming</div><time datetime="2018-11-02">November 2, 2018</time>
<figure><img src="page_files/dialogue.jpg" alt="Dialogue"><figcaption>The dialogue is held at the Skolkovo Innovation Center in Moscow on October 16. [photo/safea.gov.cn]</figcaption></figure>
{PARAGRAPHS}
<figure class="wp-block-image"><img data-src="page_files/signing.jpg" src="data:image/gif;base64,R0lGOD"><figcaption>The signing ceremony <span class="credit">Photo: Wang Fang</span></figcaption></figure>
<p>In June 2017, the first China-Russia Innovation Dialogue was held in Beijing, and the mechanism has met every year since then with growing participation.</p>
<div class="share-bar"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story about something else entirely</a></li><li><a href="/b">Yet another story</a></li></ul></aside>
<div id="comments"><h3>Comments</h3><p>Great article! Visit my site for cheap watches.</p></div>
<footer><p>Copyright 2018 Example Science News. All rights reserved.</p></footer>
</body></html>"#
    )
}

#[test]
fn news_page_gives_metadata_body_and_figures() {
    let draft = page(news_page().as_bytes());
    assert_eq!(
        draft.title,
        "2nd China-Russia Innovation Dialogue held in Moscow"
    );
    assert_eq!(draft.byline, "Li Ming");
    assert_eq!(draft.site, "Example Science News");
    assert_eq!(
        draft.url,
        "https://news.example.com/2018/11/02/dialogue.html"
    );
    let published = draft.published.clone().unwrap();
    assert_eq!(
        (published.value.as_str(), published.precision.as_str()),
        ("2018-11-02", "day"),
        "the day in the page's own time zone"
    );
    assert_eq!(draft.language.as_deref(), Some("en"));
    assert_eq!(
        draft.excerpt,
        "The dialogue was held at the Skolkovo Innovation Center."
    );

    let paragraphs: Vec<&str> = draft.body_text.lines().collect();
    assert_eq!(paragraphs.len(), 5, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("The \"Second China-Russia Innovation Dialogue\""));
    assert!(paragraphs[4].starts_with("In June 2017"));
    for furniture in [
        "Home",
        "Share on",
        "Most read",
        "Great article",
        "Copyright",
        "By Li Ming",
        "[photo/",
    ] {
        assert!(
            !draft.body_text.contains(furniture),
            "{furniture:?} is not body text"
        );
    }

    let figures: Vec<(&str, &str, &str)> = draft
        .figures
        .iter()
        .map(|f| (f.image_ref.as_str(), f.caption.as_str(), f.credit.as_str()))
        .collect();
    assert_eq!(
        figures,
        [
            ("https://news.example.com/img/lead.jpg", "", ""),
            (
                "page_files/dialogue.jpg",
                "The dialogue is held at the Skolkovo Innovation Center in Moscow on October 16.",
                "safea.gov.cn"
            ),
            (
                "page_files/signing.jpg",
                "The signing ceremony",
                "Wang Fang"
            ),
        ]
    );
}

#[test]
fn display_html_is_sanitised_and_keeps_local_figures() {
    let draft = page(news_page().as_bytes());
    let html = draft.body_html.to_ascii_lowercase();
    for bad in [
        "<script", "tracker", "<form", "<input", "<nav", "href=", "data:", "https:", "onclick",
    ] {
        assert!(!html.contains(bad), "{bad:?} in {html}");
    }
    assert!(
        draft
            .body_html
            .contains(r#"<img src="page_files/dialogue.jpg" alt="">"#),
        "{}",
        draft.body_html
    );
    assert!(
        draft
            .body_html
            .contains("<figcaption>The signing ceremony <small>Wang Fang</small></figcaption>")
    );
    assert_eq!(draft.body_html.matches("<p>").count(), 5);
}

#[test]
fn lead_image_already_among_figures_is_not_repeated() {
    let html = news_page().replace(
        "https://news.example.com/img/lead.jpg",
        "https://news.example.com/img/dialogue.jpg?w=1200",
    );
    let draft = page(html.as_bytes());
    assert_eq!(draft.figures.len(), 2);
    assert_eq!(draft.figures[0].image_ref, "page_files/dialogue.jpg");
}

#[test]
fn hostile_page_yields_text_without_active_content() {
    let hostile = format!(
        r#"<html><head><title>Hostile</title><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head>
<body onload="steal()"><article><h1 onclick="x()">Hostile</h1>
<p onmouseover="steal()">{}<script>document.write('<p>injected</p>')</script></p>
<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">click</a><iframe src="https://evil.example"></iframe>
<svg onload="alert(1)"><script>alert(2)</script></svg><style>body{{background:url(https://evil.example/t.gif)}}</style>
<object data="evil.swf"></object><embed src="evil.swf"><form action="https://evil.example"><input value="x"></form>
{PARAGRAPHS}</article></body></html>"#,
        "Benign text. ".repeat(20)
    );
    let draft = page(hostile.as_bytes());
    assert!(draft.body_text.contains("Skolkovo"));
    assert!(!draft.body_text.contains("injected"));
    let lower = draft.body_html.to_ascii_lowercase();
    for bad in [
        "script",
        "onload",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript",
        "iframe",
        "evil",
        "object",
        "embed",
        "form",
        "style",
        "url(",
    ] {
        assert!(
            !lower.contains(bad),
            "{bad:?} survived: {}",
            draft.body_html
        );
    }
}

#[test]
fn gbk_and_windows_1251_pages_decode() {
    let zh = format!(
        r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>中俄创新对话在莫斯科举行_新华网</title></head>
<body><h1>中俄创新对话在莫斯科举行</h1><div class="content">{}</div></body></html>"#,
        "<p>第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行，双方签署了联合宣言，确定了2019至2024年中俄创新合作工作计划。</p>".repeat(4)
    );
    let draft = page(&encoding_rs::GBK.encode(&zh).0);
    assert_eq!(draft.title, "中俄创新对话在莫斯科举行");
    assert!(
        draft.body_text.contains("斯科尔科沃创新中心"),
        "{}",
        draft.body_text
    );
    assert_eq!(draft.language.as_deref(), Some("zh"));

    let ru = format!(
        r#"<html><head><meta charset="windows-1251"><title>Диалог по инновациям | Новости</title></head>
<body><h1>Диалог по инновациям</h1><article>{}</article></body></html>"#,
        "<p>Второй российско-китайский диалог по инновациям прошёл в инновационном центре Сколково в Москве шестнадцатого октября.</p>".repeat(4)
    );
    let draft = page(&encoding_rs::WINDOWS_1251.encode(&ru).0);
    assert_eq!(draft.title, "Диалог по инновациям");
    assert!(draft.body_text.contains("Сколково"));
    assert_eq!(draft.language.as_deref(), Some("ru"));
}

#[test]
fn undeclared_legacy_charset_is_guessed() {
    let ru = "<html><head><title>Диалог</title></head><body><p>Второй российско-китайский диалог по инновациям прошёл в Москве, в нём участвовали около ста представителей.</p></body></html>";
    let draft = page(&encoding_rs::WINDOWS_1251.encode(ru).0);
    assert!(
        draft.body_text.contains("российско-китайский"),
        "{}",
        draft.body_text
    );
}

#[test]
fn deeply_nested_html_is_read_quickly() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep paragraph text that should survive.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let started = std::time::Instant::now();
    let draft = page(html.as_bytes());
    assert!(draft.body_text.contains("Deep paragraph text"));
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    let unclosed = format!(
        "<html><body>{}</body></html>",
        "<b><i><span>text ".repeat(50_000)
    );
    let started = std::time::Instant::now();
    let _ = extract(unclosed.as_bytes(), ArticleFormat::Html, "unclosed.html");
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_large_page_is_read_in_linear_time() {
    let paragraph = "<p>The two sides signed and issued a joint declaration and determined the work plan for the coming years.</p>\n";
    let build = |mb: usize| {
        let mut html = String::from("<html><head><title>Big</title></head><body><article>");
        while html.len() < mb * 1024 * 1024 {
            html.push_str(paragraph);
        }
        html + "</article></body></html>"
    };
    let time = |html: &str| {
        let started = std::time::Instant::now();
        let draft = page(html.as_bytes());
        (started.elapsed(), draft.body_text.len())
    };
    let (small, small_len) = time(&build(1));
    let (large, large_len) = time(&build(8));
    assert!(
        large_len > 7 * small_len,
        "all the text is kept: {small_len} then {large_len}"
    );
    // Eight times the input: linear is ~8x, quadratic would be ~64x.
    assert!(
        large < small * 24 + std::time::Duration::from_secs(2),
        "1 MB {small:?}, 8 MB {large:?}"
    );
}

#[test]
fn empty_and_textless_pages_are_errors_not_panics() {
    assert!(matches!(
        extract(b"<html></html>", ArticleFormat::Html, "a.html"),
        Err(ArticleError::NoContent("HTML"))
    ));
    assert!(matches!(
        extract(b"   ", ArticleFormat::Html, "a.html"),
        Err(ArticleError::NoContent("HTML"))
    ));
    let title_only = page(b"<html><head><title>Only a title</title></head><body></body></html>");
    assert_eq!(title_only.title, "Only a title");
    assert_eq!(title_only.body_text, "");
}

#[test]
fn plain_text_saved_as_html_still_reads() {
    let draft = page(b"Just some words in a file\nthat is called .html but has no markup at all.");
    assert!(draft.body_text.contains("no markup at all"));
}

#[test]
fn a_page_without_an_article_container_falls_back_to_its_text() {
    let draft = page(b"<html><body><nav>Menu</nav><div>Short note: meeting moved to Friday.</div><footer>Footer</footer></body></html>");
    assert_eq!(draft.body_text, "Short note: meeting moved to Friday.");
}

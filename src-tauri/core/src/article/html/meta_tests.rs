//! Tests for page metadata: headline without the site name, bylines, dates, site, language.

use super::*;
use crate::article::html::title::strip_site_name;

fn meta_of(head: &str, body: &str) -> PageMeta {
    let html = format!("<html><head>{head}</head><body>{body}</body></html>");
    read(&Document::from(html.as_str()), &html)
}

#[test]
fn site_suffix_and_prefix_are_cut_from_the_title() {
    assert_eq!(
        strip_site_name("Talks held in Moscow - Example News", "Example News"),
        "Talks held in Moscow"
    );
    assert_eq!(
        strip_site_name("Talks held in Moscow | Example News", "example.com"),
        "Talks held in Moscow"
    );
    assert_eq!(
        strip_site_name("Example News — Talks held in Moscow", "Example News"),
        "Talks held in Moscow"
    );
    assert_eq!(
        strip_site_name("中俄创新对话在莫斯科举行_新华网", ""),
        "中俄创新对话在莫斯科举行"
    );
    assert_eq!(
        strip_site_name("Диалог по инновациям прошёл в Москве | ТАСС", "ТАСС"),
        "Диалог по инновациям прошёл в Москве"
    );
    assert_eq!(
        strip_site_name("China-Russia talks", "Example News"),
        "China-Russia talks"
    );
    assert_eq!(
        strip_site_name("Moscow - Beijing - Skolkovo: a new axis of innovation", ""),
        "Moscow - Beijing - Skolkovo: a new axis of innovation"
    );
}

#[test]
fn h1_that_agrees_with_the_title_settles_the_headline() {
    let meta = meta_of(
        "<title>Innovation - Dialogue held in Moscow | Sci</title>",
        "<h1>Innovation - Dialogue held in Moscow</h1>",
    );
    assert_eq!(meta.title, "Innovation - Dialogue held in Moscow");
    let meta = meta_of(
        "<title>Portal :: News :: Headline of the day</title>",
        "<h1>Headline of the day</h1>",
    );
    assert_eq!(meta.title, "Headline of the day");
}

#[test]
fn og_title_is_preferred_to_a_decorated_title() {
    let meta = meta_of(
        r#"<title>BREAKING: Headline text here | Site</title><meta property="og:title" content="Headline text here">"#,
        "",
    );
    assert_eq!(meta.title, "Headline text here");
}

#[test]
fn bylines_come_from_json_ld_meta_or_markup() {
    let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","author":{"@type":"Person","name":"Anna Smirnova"},"publisher":{"name":"Example Daily"}}]}</script>"#;
    let meta = meta_of(ld, "");
    assert_eq!(meta.byline, "Anna Smirnova");
    assert_eq!(meta.site, "Example Daily");
    assert_eq!(
        meta_of(r#"<meta name="author" content="By Jane Doe">"#, "").byline,
        "Jane Doe"
    );
    assert_eq!(
        meta_of("", r#"<span class="byline">By John Smith</span>"#).byline,
        "John Smith"
    );
    assert_eq!(
        meta_of(
            r#"<meta property="article:author" content="https://facebook.com/x">"#,
            ""
        )
        .byline,
        ""
    );
    assert_eq!(meta_of("", "").byline, "");
    let noisy = r#"<span class="author">Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read</span>"#;
    assert_eq!(meta_of("", noisy).byline, "Bryan DeArdo");
}

#[test]
fn publication_dates_come_from_the_best_source() {
    let date = |head: &str, body: &str| meta_of(head, body).published.map(|d| d.value);
    assert_eq!(
        date(
            r#"<meta property="article:published_time" content="2018-11-02T10:30:00Z">"#,
            ""
        ),
        Some("2018-11-02".into())
    );
    assert_eq!(
        date("", r#"<time datetime="2018-11-02">Nov 2</time>"#),
        Some("2018-11-02".into())
    );
    assert_eq!(
        date(
            "",
            r#"<div class="info"><span class="pubtime">发布时间：2018年11月02日</span></div>"#
        ),
        Some("2018-11-02".into())
    );
    assert_eq!(
        date(
            "",
            r#"<p class="article-date">Опубликовано 2 ноября 2018</p>"#
        ),
        Some("2018-11-02".into())
    );
    assert_eq!(
        date(
            r#"<script type="application/ld+json">not json at all</script>"#,
            ""
        ),
        None
    );
}

#[test]
fn site_and_url_fall_back_to_the_canonical_host() {
    let meta = meta_of(
        r#"<link rel="canonical" href="https://www.example.org/a/b.html">"#,
        "",
    );
    assert_eq!(meta.url, "https://www.example.org/a/b.html");
    assert_eq!(meta.site, "example.org");
    let url_as_name = meta_of(
        r#"<meta property="og:site_name" content="https://www.example.in">"#,
        "",
    );
    assert_eq!(url_as_name.site, "example.in");
    let relative = meta_of(r#"<link rel="canonical" href="/a/b.html">"#, "");
    assert_eq!(
        relative.url, "",
        "a relative canonical URL is not the page's address"
    );
}

#[test]
fn declared_language_is_normalised_to_two_letters() {
    let lang = |html: &str| read(&Document::from(html), html).language;
    assert_eq!(
        lang(r#"<html lang="zh-Hans-CN"><body></body></html>"#),
        Some("zh".into())
    );
    assert_eq!(
        lang(r#"<html lang="RU"><body></body></html>"#),
        Some("ru".into())
    );
    assert_eq!(
        lang(r#"<html><head><meta property="og:locale" content="en_GB"></head></html>"#),
        Some("en".into())
    );
    assert_eq!(lang(r#"<html lang="x"><body></body></html>"#), None);
}

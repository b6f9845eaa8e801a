//! The publication day of pages modelled on how news sites state it: each head and byline area
//! below is checked for the exact day the page prints, in its own time zone.

use dom_query::Document;

use super::super::linked_data::linked_data;
use super::*;

/// The publication day of a page with this `<head>` and `<body>`, and the saved-page comment
/// `before` the `<html>` tag.
fn day_of(before: &str, head: &str, body: &str) -> Option<String> {
    let html = format!("{before}<html><head>{head}</head><body>{body}</body></html>");
    let doc = Document::from(html.as_str());
    let ld = linked_data(&doc);
    published(&doc, &ld, &html).map(|d| d.value)
}

fn ld(json: &str) -> String {
    format!(r#"<script type="application/ld+json">{json}</script>"#)
}

/// (what the page is modelled on, `<head>`, `<body>`, the day the page states).
const PAGES: &[(&str, &str, &str, &str)] = &[
    // A US paper: offsets in the head, published late in the evening Eastern time.
    (
        "US paper, Eastern evening in article:published_time",
        r#"<meta property="article:published_time" content="2024-03-01T23:30:00-05:00"><meta property="article:modified_time" content="2024-03-02T09:15:00-05:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "US paper, JSON-LD NewsArticle with published and later modified",
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council votes","dateModified":"2024-03-03T08:00:00-05:00","datePublished":"2024-03-01T22:10:00-05:00"}</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "US paper, UTC in parsely and JSON-LD, the offset only in Open Graph",
        r#"<meta name="parsely-pub-date" content="2024-03-02T04:30:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-02T04:30:00.000Z"}</script><meta property="article:published_time" content="2024-03-01T23:30:00-05:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "US paper, UTC machine date, printed day in the byline",
        r#"<meta property="article:published_time" content="2024-03-02T03:05:00Z">"#,
        r#"<article><h1>Storm hits coast</h1><div class="byline">By Jane Doe <span class="timestamp">March 1, 2024 at 10:05 p.m. EST</span></div><p>Text.</p></article>"#,
        "2024-03-01",
    ),
    (
        "US paper, <time> with UTC datetime and its printed day",
        "",
        r#"<article><header><h1>Senate passes bill</h1><time datetime="2024-03-02T02:00:00Z">Friday, March 1, 2024</time></header></article>"#,
        "2024-03-01",
    ),
    (
        "US paper, parsely-page JSON only",
        r#"<meta name="parsely-page" content='{"title":"Budget","link":"https://example.com/b","pub_date":"2024-03-01T18:00:00Z","section":"Politics"}'>"#,
        "",
        "2024-03-01",
    ),
    (
        "US paper, sailthru.date written as local time",
        r#"<meta name="sailthru.date" content="2024-03-01 23:45:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "US paper, RFC 2822 pubdate",
        r#"<meta name="pubdate" content="Fri, 01 Mar 2024 23:30:00 -0500">"#,
        "",
        "2024-03-01",
    ),
    // A UK paper: GMT/BST, modified before published in the head.
    (
        "UK paper, modified listed before published",
        r#"<meta property="article:modified_time" content="2024-03-04T10:00:00.000Z"><meta property="article:published_time" content="2024-03-01T18:00:00.000Z">"#,
        "",
        "2024-03-01",
    ),
    (
        "UK paper, summer time just past midnight",
        r#"<meta property="article:published_time" content="2024-06-02T00:20:00+01:00">"#,
        "",
        "2024-06-02",
    ),
    (
        "UK paper, @graph with WebPage and NewsArticle dated differently",
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2024-02-28T09:00:00+00:00","dateModified":"2024-03-05T10:00:00+00:00"},{"@type":"NewsArticle","headline":"Rail strike","datePublished":"2024-03-01T07:00:00+00:00","dateModified":"2024-03-05T10:00:00+00:00"}]}</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "UK paper, printed day-first date",
        "",
        r#"<article><h1>Rail strike</h1><p class="dateline">Fri 1 Mar 2024 18.00 GMT</p><p>Text.</p></article>"#,
        "2024-03-01",
    ),
    (
        "UK paper, dateModified only with a published time element",
        r#"<script type="application/ld+json">{"@type":"Article","dateModified":"2024-03-09T10:00:00Z"}</script>"#,
        r#"<article><time itemprop="datePublished" datetime="2024-03-01T12:00:00+00:00">1 March 2024</time></article>"#,
        "2024-03-01",
    ),
    (
        "UK paper, a list of other articles marks its dates the same way",
        "",
        r#"<div itemscope itemtype="https://schema.org/Article"><h1>Davis Cup</h1><span class="article-date"><time itemprop="datePublished" datetime="2019-11-19T13:16+0000">19 November 2019 • 1:16pm</time></span></div><div class="list-of-entities"><time itemprop="datePublished" pubdate datetime="2019-11-20T09:42:20">20 Nov 2019</time></div>"#,
        "2019-11-19",
    ),
    (
        "US magazine, JavaScript date in UTC, a day-only meta, the Eastern day printed",
        r#"<meta property="article:published" content="2019-11-19" itemprop="datePublished"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"Tue Nov 19 2019 03:05:46 GMT+0000"}</script>"#,
        r#"<article><h1>Feather duvet lung</h1><div class="content-data"><time>Nov 18, 2019, 10:05pm EST</time></div></article>"#,
        "2019-11-18",
    ),
    // A Chinese site: Beijing time, which is UTC the day before in the small hours.
    (
        "Chinese site, Beijing small hours",
        r#"<meta name="publishdate" content="2024-03-02T01:00:00+08:00">"#,
        "",
        "2024-03-02",
    ),
    (
        "Chinese site, printed 年月日 with a source line",
        "",
        r#"<div class="col-1-1 fl"><h1>中俄创新对话在莫斯科举行</h1><div class="box01"><div class="fl">2024年03月02日06:15 | 来源：人民网－人民日报</div></div></div>"#,
        "2024-03-02",
    ),
    (
        "Chinese site, 发布时间 label before a plain date and time",
        "",
        r#"<div class="info"><span class="source">来源：新华网</span><span class="time">发布时间：2024-03-02 07:30:15</span></div>"#,
        "2024-03-02",
    ),
    (
        "Chinese site, UTC in JSON-LD and the Beijing day in the address",
        r#"<link rel="canonical" href="http://www.news.cn/world/20240302/3f2a9c/c.html"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01T22:40:00Z"}</script>"#,
        "",
        "2024-03-02",
    ),
    (
        "Chinese site, address in the People's Daily form only",
        r#"<link rel="canonical" href="http://world.people.com.cn/n1/2024/0302/c1002-40187402.html">"#,
        "",
        "2024-03-02",
    ),
    // A Russian site: Moscow time, printed genitive month names.
    (
        "Russian site, Moscow time after midnight",
        r#"<meta property="article:published_time" content="2024-03-02T00:40:00+03:00"><meta property="article:modified_time" content="2024-03-02T11:00:00+03:00">"#,
        "",
        "2024-03-02",
    ),
    (
        "Russian site, compact basic ISO in meta",
        r#"<meta property="article:published_time" content="20240301T2330"><meta property="article:modified_time" content="20240302T0915">"#,
        "",
        "2024-03-01",
    ),
    (
        "Russian site, printed genitive month",
        "",
        r#"<article><h1>Переговоры в Москве</h1><div class="article__meta"><span class="date">1 марта 2024, 23:30</span></div><p>Текст.</p></article>"#,
        "2024-03-01",
    ),
    (
        "Russian site, Обновлено before Опубликовано",
        "",
        r#"<article><h1>Переговоры</h1><div class="article-info">Обновлено 3 марта 2024 · Опубликовано 1 марта 2024</div></article>"#,
        "2024-03-01",
    ),
    (
        "Russian site, RIA-style address",
        r#"<link rel="canonical" href="https://ria.ru/20240301/peregovory-1930987654.html">"#,
        "",
        "2024-03-01",
    ),
    // A WordPress blog: Yoast's graph, the theme's entry-date.
    (
        "WordPress, Yoast @graph with WebPage, Article and WebSite",
        r#"<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[{"@type":"Article","@id":"https://blog.example.org/2024/03/walk/#article","headline":"A winter walk","datePublished":"2024-03-01T21:15:00-08:00","dateModified":"2024-03-02T10:00:00-08:00"},{"@type":"WebPage","datePublished":"2024-03-02T05:15:00+00:00"},{"@type":"WebSite","name":"Blog"}]}</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "WordPress, entry-date and updated times in the header",
        "",
        r#"<article><header class="entry-header"><h1>A winter walk</h1><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2024-03-01T21:15:00-08:00">March 1, 2024</time><time class="updated" datetime="2024-03-04T10:00:00-08:00">March 4, 2024</time></span></div></header></article>"#,
        "2024-03-01",
    ),
    (
        "WordPress, only the updated time element has a datetime first",
        "",
        r#"<article><header><span>Updated <time datetime="2024-03-04T10:00:00-08:00">March 4</time></span><span class="byline">Posted March 1, 2024</span></header></article>"#,
        "2024-03-01",
    ),
    // Only a URL date, with today's date printed in the site's header.
    (
        "address only, today's date printed in the site header",
        r#"<link rel="canonical" href="https://www.example-news.com/2024/03/01/city-council-budget/">"#,
        r#"<header class="site-header"><div class="today-date">Saturday, December 5, 2026</div></header><article><h1>City council passes budget</h1><p>Text.</p></article>"#,
        "2024-03-01",
    ),
    (
        "address only, in the saved-page comment",
        "",
        "<h1>Headline</h1><p>Text.</p>",
        "2024-03-01",
    ),
    // Other forms sites use.
    (
        "JSON-LD with a Unix timestamp in UTC and the offset in Open Graph",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":1709353800}</script><meta property="article:published_time" content="2024-03-01T23:30:00-05:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "JSON-LD with a timestamp in milliseconds only",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"1709280000000"}</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "JSON-LD array of objects, WebPage with mainEntity article",
        r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","datePublished":"2024-03-01"}}]</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "JSON-LD broken by an unescaped quote, date still read",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"He said "no" twice","datePublished":"2024-03-01T20:00:00-05:00"}</script>"#,
        "",
        "2024-03-01",
    ),
    (
        "JSON-LD with a trailing comma and raw line break",
        "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"Line\nbreak\",\"datePublished\":\"2024-03-01T10:00:00+02:00\",}</script>",
        "",
        "2024-03-01",
    ),
    (
        "JSON-LD VideoObject uploadDate yields to the article's meta",
        r#"<script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2023-11-20T10:00:00Z"}</script><meta property="article:published_time" content="2024-03-01T10:00:00+01:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "Dublin Core issued over modified",
        r#"<meta name="DC.date.modified" content="2024-03-05"><meta name="DC.date.issued" content="2024-03-01">"#,
        "",
        "2024-03-01",
    ),
    (
        "dcterms.created only",
        r#"<meta name="dcterms.created" content="2024-03-01T23:59:00-06:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "itemprop datePublished on a meta in the body",
        "",
        r#"<div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2024-03-01T23:00:00-08:00"><meta itemprop="dateModified" content="2024-03-02T08:00:00-08:00"></div>"#,
        "2024-03-01",
    ),
    (
        "time pubdate",
        "",
        r#"<article><time datetime="2024-03-05">5 March</time><time pubdate datetime="2024-03-01T23:30:00-05:00">March 1</time></article>"#,
        "2024-03-01",
    ),
    (
        "og:updated_time alone still dates the page",
        r#"<meta property="og:updated_time" content="2024-03-01T09:00:00+00:00">"#,
        "",
        "2024-03-01",
    ),
    (
        "date-only meta date",
        r#"<meta name="date" content="2024-03-01">"#,
        "",
        "2024-03-01",
    ),
    (
        "US printed date with a time, no zone",
        "",
        r#"<article><h1>Headline</h1><div class="article-date">2024-03-01 10:00</div></article>"#,
        "2024-03-01",
    ),
    (
        "a related-stories list dated later does not count",
        "",
        r#"<article><h1>Headline</h1><p class="byline">By A. Writer, 1 March 2024</p></article><aside class="related"><span class="date">4 March 2024</span></aside>"#,
        "2024-03-01",
    ),
];

#[test]
fn news_pages_are_dated_by_the_day_they_state() {
    let mut wrong = Vec::new();
    for (what, head, body, expected) in PAGES {
        let before = if what.contains("saved-page comment") {
            "<!-- saved from url=(0062)https://www.example.com/news/2024/03/01/a-headline-here.html -->\n"
        } else {
            ""
        };
        let got = day_of(before, head, body);
        if got.as_deref() != Some(*expected) {
            wrong.push(format!("{what}: {got:?}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "wrong days:\n{}", wrong.join("\n"));
}

#[test]
fn a_page_without_a_date_has_none() {
    assert_eq!(day_of("", "<title>t</title>", "<p>No date here.</p>"), None);
    assert_eq!(
        day_of("", &ld("{not json at all"), "<p>Text.</p>"),
        None,
        "broken JSON-LD is skipped, never fatal"
    );
    assert_eq!(
        day_of(
            "",
            r#"<meta property="article:published_time" content="1970-01-01T00:00:00Z">"#,
            ""
        ),
        None,
        "the Unix epoch is an empty value, not a date"
    );
}

#[test]
fn a_utc_instant_keeps_its_day_without_other_evidence() {
    assert_eq!(
        day_of(
            "",
            r#"<meta property="article:published_time" content="2024-03-02T04:30:00Z">"#,
            ""
        )
        .as_deref(),
        Some("2024-03-02")
    );
}

#[test]
fn a_printed_day_too_far_from_the_utc_instant_does_not_move_it() {
    // 12:00 UTC is 1 March in every time zone: a printed 29 February is another date.
    assert_eq!(
        day_of(
            "",
            r#"<meta property="article:published_time" content="2024-03-01T12:00:00Z">"#,
            r#"<article><span class="date">29 February 2024</span></article>"#,
        )
        .as_deref(),
        Some("2024-03-01")
    );
}

#[test]
fn month_precision_is_kept_when_only_the_month_is_known() {
    let date = {
        let html = r#"<html><head><link rel="canonical" href="https://blog.example.org/2024/03/a-walk/"></head><body></body></html>"#;
        let doc = Document::from(html);
        published(&doc, &linked_data(&doc), html)
    };
    assert_eq!(
        date.map(|d| (d.value, d.precision.as_str())),
        Some(("2024-03".to_string(), "month"))
    );
}

#[test]
fn dates_in_addresses() {
    let day = |url: &str| date_in_url(url).map(|d| d.value);
    assert_eq!(
        day("https://x.com/2024/03/01/slug/").as_deref(),
        Some("2024-03-01")
    );
    assert_eq!(
        day("https://x.com/news/2024-03-01-slug").as_deref(),
        Some("2024-03-01")
    );
    assert_eq!(
        day("http://www.xinhuanet.com/world/2024-03/01/c_1130086395.htm").as_deref(),
        Some("2024-03-01")
    );
    assert_eq!(
        day("https://x.com/2024/03/slug/").as_deref(),
        Some("2024-03")
    );
    assert_eq!(day("https://x.com/item/20241399/").as_deref(), None);
    assert_eq!(day("https://x.com/p/123456789").as_deref(), None);
    assert_eq!(day("https://2024.example.com/a").as_deref(), None);
}

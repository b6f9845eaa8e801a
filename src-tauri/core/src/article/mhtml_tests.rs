//! Tests for MHTML archives: Blink-style saves, encodings, images, broken input.

use super::*;
use crate::article::extract as extract_any;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks held in Moscow | Example News</title><meta property="og:site_name" content="Example News"></head>
<body><article><h1>Talks held in Moscow</h1>
<figure><img src="images/venue.jpg"><figcaption>The venue on October 16. [photo/example.gov.cn]</figcaption></figure>
<p>The second innovation dialogue was held at the Skolkovo Innovation Center in Moscow on October 16, with delegations from both ministries.</p>
<p>Nearly 100 representatives from governments, universities, research institutions and technology parks discussed cooperation.</p>
</article></body></html>"#;

fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for b in text.bytes() {
        let piece = if b == b'=' || b >= 0x80 {
            format!("={b:02X}")
        } else {
            (b as char).to_string()
        };
        if column + piece.len() > 74 && b != b'\n' {
            out.push_str("=\r\n");
            column = 0;
        }
        if b == b'\n' {
            out.push_str("\r\n");
            column = 0;
        } else {
            column += piece.len();
            out.push_str(&piece);
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
    }
    out
}

fn blink_mhtml(html: &str, charset: &str) -> Vec<u8> {
    let jpeg: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0]
        .iter()
        .copied()
        .chain(0..200u8)
        .collect();
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.com/2018/talks.html\r\n\
         Subject: =?utf-8?Q?Talks_held_in_Moscow?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\
         \ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\
         ------MultipartBoundary--abc----\r\nContent-Type: text/html{charset}\r\nContent-ID: <frame-1@mhtml.blink>\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://news.example.com/2018/talks.html\r\n\r\n\
         {}\r\n------MultipartBoundary--abc----\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Location: https://news.example.com/2018/images/venue.jpg\r\n\r\n{}\r\n\
         ------MultipartBoundary--abc------\r\n",
        quoted_printable(html),
        base64(&jpeg),
    )
    .into_bytes()
}

#[test]
fn blink_mhtml_gives_the_article_and_its_images() {
    let draft = extract_any(&blink_mhtml(PAGE, ""), ArticleFormat::Mhtml, "talks.mhtml").unwrap();
    assert_eq!(draft.title, "Talks held in Moscow");
    assert_eq!(draft.site, "Example News");
    assert_eq!(draft.url, "https://news.example.com/2018/talks.html");
    assert!(
        draft.body_text.contains("Skolkovo Innovation Center"),
        "{}",
        draft.body_text
    );
    assert_eq!(draft.embedded.len(), 1);
    let image = &draft.embedded[0];
    assert_eq!(
        image.location,
        "https://news.example.com/2018/images/venue.jpg"
    );
    assert_eq!(image.media_type, "image/jpeg");
    assert_eq!(&image.bytes[..4], &[0xFF, 0xD8, 0xFF, 0xE0]);
    assert_eq!(image.bytes.len(), 204);
    assert_eq!(draft.figures.len(), 1);
    assert_eq!(draft.figures[0].credit, "example.gov.cn");
    assert_eq!(
        draft.figures[0].image_ref, image.location,
        "the figure points at the embedded part"
    );
}

#[test]
fn mhtml_html_part_in_a_legacy_charset_decodes() {
    let page = "<html><head><title>Диалог в Москве</title></head><body><article><p>Второй российско-китайский диалог по инновациям прошёл в Москве, в нём участвовали около ста представителей.</p></article></body></html>";
    let cp1251 = encoding_rs::WINDOWS_1251.encode(page).0.into_owned();
    // Quoted-printable of the windows-1251 bytes, labelled in the part header.
    let qp: String = cp1251
        .iter()
        .map(|b| {
            if *b >= 0x80 || *b == b'=' {
                format!("={b:02X}")
            } else {
                (*b as char).to_string()
            }
        })
        .collect();
    let mhtml = format!(
        "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/html; charset=windows-1251\n\
         Content-Transfer-Encoding: quoted-printable\nContent-Location: http://example.ru/a\n\n{qp}\n--b--\n"
    );
    let draft = extract_any(mhtml.as_bytes(), ArticleFormat::Mhtml, "a.mht").unwrap();
    assert_eq!(draft.title, "Диалог в Москве");
    assert!(
        draft.body_text.contains("российско-китайский"),
        "{}",
        draft.body_text
    );
}

#[test]
fn encoded_subject_words_decode() {
    assert_eq!(decode_words("=?utf-8?B?0JTQuNCw0LvQvtCz?="), "Диалог");
    assert_eq!(
        decode_words("=?utf-8?Q?Talks_held?= =?utf-8?Q?_in_Moscow?="),
        "Talks held in Moscow"
    );
    assert_eq!(decode_words("plain subject"), "plain subject");
    assert_eq!(decode_words("=?broken"), "=?broken");
}

#[test]
fn relative_references_resolve_against_the_page() {
    let base = "https://news.example.com/2018/talks.html?x=1";
    assert_eq!(
        resolve(base, "images/a.jpg"),
        "https://news.example.com/2018/images/a.jpg"
    );
    assert_eq!(
        resolve(base, "/img/a.jpg"),
        "https://news.example.com/img/a.jpg"
    );
    assert_eq!(resolve(base, "../a.jpg"), "https://news.example.com/a.jpg");
    assert_eq!(
        resolve(base, "//cdn.example.com/a.jpg"),
        "https://cdn.example.com/a.jpg"
    );
    assert_eq!(resolve(base, "https://other/a.jpg"), "https://other/a.jpg");
}

#[test]
fn broken_mhtml_is_a_clear_error_not_a_panic() {
    let cases: [&[u8]; 6] = [
        b"not mime at all",
        b"Content-Type: multipart/related\r\n\r\nno boundary",
        b"Content-Type: image/png\r\n\r\nxx",
        b"Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nabc\r\n--b--",
        b"Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b",
        b"\r\n\r\n",
    ];
    for bytes in cases {
        let result = extract_any(bytes, ArticleFormat::Mhtml, "x.mhtml");
        assert!(
            matches!(
                result,
                Err(ArticleError::Damaged {
                    format: "MHTML",
                    ..
                })
            ),
            "{:?} gave {result:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn truncated_mhtml_never_panics() {
    let bytes = blink_mhtml(PAGE, "; charset=utf-8");
    for cut in (0..bytes.len()).step_by(37) {
        let _ = extract_any(&bytes[..cut], ArticleFormat::Mhtml, "cut.mhtml");
    }
}

#[test]
fn a_single_part_html_message_is_read() {
    let bytes = format!("Content-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
    let draft = extract_any(bytes.as_bytes(), ArticleFormat::Mhtml, "x.mht").unwrap();
    assert_eq!(draft.title, "Talks held in Moscow");
}

#[test]
fn a_fifty_megabyte_archive_is_read_in_linear_time() {
    let image = vec![0xABu8; 36 * 1024 * 1024];
    let mut mhtml = String::from_utf8(blink_mhtml(PAGE, "")).unwrap();
    let tail = mhtml.rfind("------MultipartBoundary--abc------").unwrap();
    let extra = format!(
        "------MultipartBoundary--abc----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Location: https://news.example.com/big.png\r\n\r\n{}\r\n",
        base64(&image)
    );
    mhtml.insert_str(tail, &extra);
    assert!(mhtml.len() > 48 * 1024 * 1024);
    let started = std::time::Instant::now();
    let draft = extract_any(mhtml.as_bytes(), ArticleFormat::Mhtml, "big.mhtml").unwrap();
    assert_eq!(draft.embedded.len(), 2);
    assert_eq!(draft.embedded[1].bytes.len(), image.len());
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

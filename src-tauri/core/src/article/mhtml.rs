//! MHTML ("Web page, single file"; RFC 2557 multipart/related): the HTML part goes through the
//! HTML extractor, image parts come back as embedded resources named by their
//! Content-Location, and figures that point at them are given that same location.

use encoding_rs::Encoding;

use super::decode::encoding_for_label;
use super::{ArticleDraft, ArticleError, ArticleFormat, EmbeddedResource, html};

/// More parts than this is not a saved page.
const MAX_PARTS: usize = 20_000;
/// multipart inside multipart, this deep at most.
const MAX_NESTING: usize = 4;

#[derive(Debug, Default)]
struct Part {
    content_type: String,
    charset: Option<&'static Encoding>,
    location: String,
    body: Vec<u8>,
}

pub(super) fn extract(bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    let (headers, body) = split_head(bytes)
        .ok_or_else(|| ArticleError::damaged(ArticleFormat::Mhtml, "no MIME headers"))?;
    let headers = parse_headers(headers);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("multipart/")
        && !content_type.to_ascii_lowercase().starts_with("text/html")
    {
        return Err(ArticleError::damaged(
            ArticleFormat::Mhtml,
            "not a MIME web archive",
        ));
    }
    let mut parts = Vec::new();
    collect_parts(&headers, body, 0, &mut parts)?;

    let html_part = parts
        .iter()
        .position(|p| p.content_type == "text/html")
        .ok_or_else(|| ArticleError::damaged(ArticleFormat::Mhtml, "it has no HTML part"))?;
    let page = parts.remove(html_part);
    let mut draft = html::extract(&page.body, page.charset)?;

    let base =
        header(&headers, "snapshot-content-location").unwrap_or_else(|| page.location.clone());
    if draft.url.is_empty() && base.starts_with("http") {
        draft.url = base.clone();
    }
    // The archive's own `Date:` is when the page was saved, not published; its address may
    // carry the day the page was.
    if draft.published.is_none() && base.starts_with("http") {
        draft.published = html::date_in_url(&base);
    }
    if draft.title.is_empty() {
        draft.title = header(&headers, "subject")
            .map(|s| decode_words(&s))
            .unwrap_or_default();
    }
    draft.embedded = parts
        .into_iter()
        .filter(|p| p.content_type.starts_with("image/") && !p.body.is_empty())
        .map(|p| EmbeddedResource {
            location: p.location,
            media_type: p.content_type,
            bytes: p.body,
        })
        .collect();
    for figure in &mut draft.figures {
        if draft
            .embedded
            .iter()
            .any(|e| e.location == figure.image_ref)
        {
            continue;
        }
        let absolute = resolve(&base, &figure.image_ref);
        if draft.embedded.iter().any(|e| e.location == absolute) {
            figure.image_ref = absolute;
        }
    }
    Ok(draft)
}

/// Headers and body of a MIME entity, split at the first empty line.
fn split_head(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = find(bytes, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(bytes, b"\n\n").map(|i| (i, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((&bytes[..at], &bytes[at + len..]))
}

/// Header lines, unfolded, as (lower-case name, value).
fn parse_headers(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    headers
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// A parameter of a structured header: `boundary="x"` in `multipart/related; boundary="x"`.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (key, val) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| val.trim().trim_matches('"').to_string())
    })
}

fn collect_parts(
    headers: &[(String, String)],
    body: &[u8],
    depth: usize,
    out: &mut Vec<Part>,
) -> Result<(), ArticleError> {
    let content_type = header(headers, "content-type").unwrap_or_else(|| "text/plain".into());
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !media_type.starts_with("multipart/") {
        let encoding = header(headers, "content-transfer-encoding").unwrap_or_default();
        out.push(Part {
            charset: parameter(&content_type, "charset").and_then(|c| encoding_for_label(&c)),
            location: header(headers, "content-location")
                .or_else(|| {
                    header(headers, "content-id")
                        .map(|id| format!("cid:{}", id.trim_matches(['<', '>'])))
                })
                .unwrap_or_default(),
            body: decode_transfer(body, &encoding),
            content_type: media_type,
        });
        return Ok(());
    }
    if depth >= MAX_NESTING {
        return Ok(());
    }
    let boundary = parameter(&content_type, "boundary")
        .filter(|b| !b.is_empty())
        .ok_or_else(|| {
            ArticleError::damaged(ArticleFormat::Mhtml, "the multipart boundary is missing")
        })?;
    let delimiter = format!("--{boundary}");
    let mut pieces = split_on(body, delimiter.as_bytes());
    if pieces.is_empty() {
        return Err(ArticleError::damaged(
            ArticleFormat::Mhtml,
            "no parts found",
        ));
    }
    pieces.remove(0); // the preamble before the first boundary
    for piece in pieces {
        if out.len() >= MAX_PARTS {
            break;
        }
        if piece.starts_with(b"--") {
            break; // the closing delimiter
        }
        let piece = trim_line_start(piece);
        let Some((head, content)) = split_head(piece) else {
            continue;
        };
        collect_parts(&parse_headers(head), content, depth + 1, out)?;
    }
    Ok(())
}

/// The segments between occurrences of `delimiter` at line starts.
fn split_on<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(offset) = find(&body[search..], delimiter) {
        let at = search + offset;
        let at_line_start = at == 0 || body[at - 1] == b'\n';
        if at_line_start {
            let before = &body[start..at];
            let before = before.strip_suffix(b"\n").unwrap_or(before);
            let before = before.strip_suffix(b"\r").unwrap_or(before);
            pieces.push(before);
            start = at + delimiter.len();
        }
        search = at + delimiter.len();
    }
    pieces.push(&body[start.min(body.len())..]);
    pieces
}

fn trim_line_start(piece: &[u8]) -> &[u8] {
    let piece = piece
        .strip_prefix(b"\r\n")
        .or_else(|| piece.strip_prefix(b"\n"))
        .unwrap_or(piece);
    // Transport padding after the boundary is allowed: skip to the next line if any remains.
    if piece.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
        return find(piece, b"\n").map_or(piece, |i| &piece[i + 1..]);
    }
    piece
}

fn decode_transfer(body: &[u8], encoding: &str) -> Vec<u8> {
    match encoding.trim().to_ascii_lowercase().as_str() {
        "base64" => decode_base64(body),
        "quoted-printable" => decode_quoted_printable(body),
        _ => body.to_vec(),
    }
}

/// Base64, ignoring line breaks and anything else outside the alphabet; stops at padding.
fn decode_base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in input {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn decode_quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        match (input.get(i + 1), input.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&h), Some(&l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => {
                out.push(hex_value(h) << 4 | hex_value(l));
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.to_ascii_uppercase().wrapping_sub(b'A').wrapping_add(10),
    }
}

/// RFC 2047 encoded words in a header: `=?utf-8?B?...?=`, `=?windows-1251?Q?...?=`.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let gap = &rest[..start];
        let word = &rest[start + 2..];
        match decode_word(word) {
            Some((text, after)) => {
                // Whitespace between two encoded words is not part of the text.
                if !(after_word && gap.trim().is_empty()) {
                    out.push_str(gap);
                }
                out.push_str(&text);
                rest = after;
                after_word = true;
            }
            None => {
                out.push_str(gap);
                out.push_str("=?");
                rest = word;
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// One encoded word after its `=?`: the text and what follows its `?=`.
fn decode_word(word: &str) -> Option<(String, &str)> {
    let (charset, word) = word.split_once('?')?;
    let (kind, word) = word.split_once('?')?;
    let (text, after) = word.split_once("?=")?;
    let bytes = match kind.to_ascii_uppercase().as_str() {
        "B" => decode_base64(text.as_bytes()),
        "Q" => decode_quoted_printable(text.replace('_', " ").as_bytes()),
        _ => return None,
    };
    let encoding = encoding_for_label(charset).unwrap_or(encoding_rs::UTF_8);
    Some((encoding.decode(&bytes).0.into_owned(), after))
}

/// `rel` resolved against the URL `base` (enough for image paths in a saved page).
fn resolve(base: &str, rel: &str) -> String {
    if rel.contains("://") || base.is_empty() || rel.is_empty() {
        return rel.to_string();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return rel.to_string();
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    if let Some(protocol_relative) = rel.strip_prefix("//") {
        return format!("{scheme}://{protocol_relative}");
    }
    let mut segments: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        let dir = path.split(['?', '#']).next().unwrap_or("");
        let mut s: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        if !dir.ends_with('/') {
            s.pop();
        }
        s
    };
    for segment in rel.trim_start_matches('/').split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    format!("{scheme}://{host}/{}", segments.join("/"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
#[path = "mhtml_tests.rs"]
mod tests;

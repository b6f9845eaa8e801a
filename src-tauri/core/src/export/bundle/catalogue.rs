//! `data/index.html`: an offline catalogue of the bag — thumbnails, titles, dates, captions and
//! links to the originals — that opens from the unzipped folder. No scripts, no remote
//! resources; every text is escaped.

use std::fmt::Write as _;

use crate::bundle::format::{BundleIndex, BundleItem};

pub fn index_html(index: &BundleIndex) -> String {
    let mut out = String::new();
    let title = escape(&index.title);
    let _ = write!(
        out,
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\
         <header><h1>{title}</h1><p>{} items · exported {}</p></header><main>",
        index.items.len(),
        escape(index.exported_at.get(..10).unwrap_or(&index.exported_at)),
    );
    for item in &index.items {
        card(&mut out, item);
    }
    if !index.collections.is_empty() {
        out.push_str("<section class=\"collections\"><h2>Collections</h2><ul>");
        for collection in &index.collections {
            let _ = write!(
                out,
                "<li>{} ({} items)</li>",
                escape(&collection.name),
                collection.items.len()
            );
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</main></body></html>\n");
    out
}

fn card(out: &mut String, item: &BundleItem) {
    let link = relative(&item.path);
    let _ = write!(out, "<article class=\"{}\">", escape(&item.kind));
    match &item.thumbnail {
        Some(thumb) => {
            let _ = write!(
                out,
                "<a href=\"{link}\"><img src=\"{}\" alt=\"\" loading=\"lazy\"></a>",
                relative(thumb)
            );
        }
        None => {
            let _ = write!(
                out,
                "<a class=\"nothumb\" href=\"{link}\">{}</a>",
                item.kind
            );
        }
    }
    let _ = write!(
        out,
        "<div><h2><a href=\"{link}\">{}</a></h2><p class=\"meta\">{}</p>",
        escape(&item.title),
        escape(&meta(item)),
    );
    let text = match (&item.article, &item.photo) {
        (Some(article), _) if !article.excerpt.is_empty() => article.excerpt.clone(),
        (Some(article), _) => first_words(&article.body_text, 60),
        (None, Some(photo)) => photo.caption.clone(),
        _ => String::new(),
    };
    if !text.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(&text));
    }
    if let Some(captioned) = &item.captioned_path {
        let _ = write!(
            out,
            "<p class=\"meta\"><a href=\"{}\">copy with caption</a></p>",
            relative(captioned)
        );
    }
    if let Some(rendition) = &item.rendition_path {
        let _ = write!(
            out,
            "<p class=\"meta\"><a href=\"{}\">JPEG</a></p>",
            relative(rendition)
        );
    }
    out.push_str("</div></article>");
}

fn meta(item: &BundleItem) -> String {
    let mut parts = vec![item.kind.clone()];
    if let Some(date) = &item.date {
        parts.push(date.get(..10).unwrap_or(date).to_string());
    }
    if let Some(article) = &item.article {
        parts.extend([article.byline.clone(), article.site.clone()]);
    }
    if let Some(photo) = &item.photo {
        parts.extend([photo.credit.clone(), photo.byline.clone()]);
    }
    if !item.tags.is_empty() {
        parts.push(item.tags.join(", "));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(count + 1).collect();
    if words.len() > count {
        format!("{} …", words[..count].join(" "))
    } else {
        words.join(" ")
    }
}

/// A bag path (`data/photos/a b.jpg`) as a link from `data/index.html` (`photos/a%20b.jpg`).
fn relative(path: &str) -> String {
    let inside = path.strip_prefix("data/").unwrap_or(path);
    let mut out = String::with_capacity(inside.len());
    for byte in inside.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',\
sans-serif;margin:0;color:#222;background:#fafafa}header{padding:1.5rem 2rem;background:#fff;\
border-bottom:1px solid #ddd}header h1{margin:0 0 .3rem}header p{margin:0;color:#666}\
main{padding:1rem 2rem;max-width:70rem}article{display:flex;gap:1rem;background:#fff;\
border:1px solid #e3e3e3;border-radius:6px;padding:.8rem;margin:.7rem 0}\
article img{width:128px;height:128px;object-fit:cover;border-radius:4px}\
.nothumb{display:flex;width:128px;height:128px;align-items:center;justify-content:center;\
background:#eee;color:#888;border-radius:4px;text-decoration:none;flex:none}\
h2{font-size:1.05rem;margin:.1rem 0 .3rem}h2 a{color:#123;text-decoration:none}\
.meta{color:#777;font-size:.85rem;margin:.2rem 0}p{margin:.3rem 0;line-height:1.45}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded_relative_to_the_catalogue() {
        assert_eq!(relative("data/photos/a b.jpg"), "photos/a%20b.jpg");
        assert_eq!(relative("data/photos/中.jpg"), "photos/%E4%B8%AD.jpg");
    }

    #[test]
    fn markup_in_titles_is_shown_not_run() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
    }
}

//! PDF dossiers, laid out by typst used as a library: a cover, a table of contents with page
//! numbers and matching bookmarks, each article with its figures, photo pages, a running header
//! and page numbers (DESIGN §6).
//!
//! The template (`dossier.typ`) is fixed; the items reach it only as JSON data, so no user text
//! is ever parsed as typst markup. Fonts come from the binary, never from the system. Memory is
//! bounded: photos are placed at print resolution for the size they are shown at, prepared one at
//! a time and put into the PDF after layout (`embed`), and long texts are cut (`text`).

mod embed;
mod fonts;
mod images;
mod pictures;
mod text;
mod world;

use std::fs::File;
use std::io::{BufWriter, Write};

use serde::Serialize;
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;

use crate::archive::Archive;
use crate::error::Error;

use self::pictures::{PageGeometry, Picture, Pictures, Resolution, Role};
use self::text::{Budget, CAPTION_CHARS, LINE_CHARS, TITLE_CHARS, capped};
use super::{ExportRequest, Job, Paper, Stop};
use crate::records::{Detail, Item};

type Text<'a> = std::borrow::Cow<'a, str>;

/// The whole dossier as the template reads it from `/dossier.json`.
#[derive(Debug, Serialize)]
struct Dossier<'a> {
    title: &'a str,
    /// The title as the running header shows it: one line.
    header: String,
    paper: &'static str,
    page: PageGeometry,
    font: &'static str,
    exported: Exported,
    date_range: String,
    articles: usize,
    photos: usize,
    items: Vec<Entry<'a>>,
}

#[derive(Debug, Serialize)]
struct Exported {
    day: String,
    year: i32,
    month: u32,
    date: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Entry<'a> {
    Article {
        title: Text<'a>,
        lang: Option<&'a str>,
        date: Option<&'a str>,
        byline: Text<'a>,
        site: Text<'a>,
        url: Text<'a>,
        paragraphs: Vec<&'a str>,
        /// Says that (and how much of) the body was left out; see `text`.
        rest: Option<String>,
        figures: Vec<FigureEntry<'a>>,
    },
    Photo {
        title: Text<'a>,
        lang: Option<&'a str>,
        date: Option<&'a str>,
        picture: Option<Picture>,
        missing: Option<String>,
        caption: Text<'a>,
        credit: Text<'a>,
        byline: Text<'a>,
        copyright: Text<'a>,
    },
}

#[derive(Debug, Serialize)]
struct FigureEntry<'a> {
    picture: Option<Picture>,
    caption: Text<'a>,
    credit: Text<'a>,
}

/// Clears typst's memo cache when the export ends, whether it succeeded or not: the cache
/// otherwise keeps every dossier ever laid out.
struct EvictOnDrop;

impl Drop for EvictOnDrop {
    fn drop(&mut self) {
        comemo::evict(0);
    }
}

pub(super) fn write(
    archive: &Archive,
    items: &[Item],
    request: &ExportRequest,
    output: &File,
    job: &Job<'_>,
) -> Result<(), Stop> {
    let _evict = EvictOnDrop;
    let page = PageGeometry::of(request.paper);
    let mut pictures = Pictures::new(archive, Resolution::of(request.max_image_px)?, page);
    for item in items {
        want_pictures(item, &mut pictures);
    }
    let mut budget = Budget::new();
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        job.check()?;
        entries.push(entry(item, &mut pictures, &mut budget));
        job.item_done(&item.title, item.size);
    }
    let now = chrono::Utc::now();
    let dossier = Dossier {
        title: request.title.trim(),
        header: one_line(request.title.trim(), HEADER_CHARS),
        paper: match request.paper {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        },
        page,
        font: fonts::FAMILY,
        exported: Exported {
            day: now.format("%Y-%m-%d").to_string(),
            year: chrono::Datelike::year(&now),
            month: chrono::Datelike::month(&now),
            date: chrono::Datelike::day(&now),
            hour: chrono::Timelike::hour(&now),
            minute: chrono::Timelike::minute(&now),
            second: chrono::Timelike::second(&now),
        },
        date_range: date_range(items),
        articles: items.iter().filter(|i| i.kind() == "article").count(),
        photos: items.iter().filter(|i| i.kind() == "photo").count(),
        items: entries,
    };
    job.check()?;
    let pdf = {
        let document = lay_out(&dossier, pictures.stand_ins())?;
        let options = typst_pdf::PdfOptions {
            creator: Smart::Custom(Some("Folio".into())),
            ..typst_pdf::PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options)
            .map_err(|errors| layout_error("written as PDF", &errors))?
    };
    // The layout is done with: free it before the photos go in.
    drop(dossier);
    comemo::evict(0);
    let cannot_write = |e: std::io::Error| Error::Internal(format!("cannot write the PDF: {e}"));
    let mut output = BufWriter::new(output);
    if pictures.is_empty() {
        output.write_all(&pdf).map_err(cannot_write)?;
    } else {
        embed::replace_stand_ins(&pdf, pictures.into_images(), &mut output)?;
    }
    output.flush().map_err(cannot_write)?;
    Ok(())
}

/// Notes where the item shows photos, so each is prepared for the largest place it is shown.
fn want_pictures(item: &Item, pictures: &mut Pictures<'_>) {
    match &item.detail {
        Detail::Article(article) => {
            for photo in article.figures.iter().filter_map(|f| f.photo.as_ref()) {
                pictures.want(&photo.sha256, Role::Figure);
            }
        }
        Detail::Photo(_) => pictures.want(&item.sha256, Role::Photo),
    }
}

/// Runs the template over the dossier's data and images.
fn lay_out(dossier: &Dossier<'_>, files: Vec<(String, Bytes)>) -> Result<PagedDocument, Error> {
    let data =
        serde_json::to_vec(dossier).map_err(|e| Error::Internal(format!("dossier data: {e}")))?;
    let world = world::DossierWorld::new(data, files)
        .ok_or_else(|| Error::Internal("the dossier's virtual files have invalid paths".into()))?;
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| layout_error("laid out", &errors))
}

fn layout_error(step: &str, errors: &[typst::diag::SourceDiagnostic]) -> Error {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    Error::Internal(format!(
        "the dossier could not be {step}: {}",
        messages.join("; ")
    ))
}

fn entry<'a>(item: &'a Item, pictures: &mut Pictures<'_>, budget: &mut Budget) -> Entry<'a> {
    let lang = item.language.as_deref().filter(|l| is_language_code(l));
    let title = capped(&item.title, TITLE_CHARS);
    match &item.detail {
        Detail::Article(article) => {
            let body = budget.take(&article.body_text);
            Entry::Article {
                title,
                lang,
                date: item.day(),
                byline: capped(&article.byline, LINE_CHARS),
                site: capped(&article.site, LINE_CHARS),
                url: capped(&article.url, LINE_CHARS),
                paragraphs: body
                    .kept
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect(),
                rest: (body.left_out > 0)
                    .then(|| text::rest_note(body.left_out, &item.source_name)),
                figures: article
                    .figures
                    .iter()
                    .map(|figure| FigureEntry {
                        picture: figure
                            .photo
                            .as_ref()
                            .and_then(|photo| pictures.get(&photo.sha256).ok()),
                        caption: capped(&figure.caption, CAPTION_CHARS),
                        credit: capped(&figure.credit, LINE_CHARS),
                    })
                    .collect(),
            }
        }
        Detail::Photo(photo) => {
            let (picture, missing) = match pictures.get(&item.sha256) {
                Ok(picture) => (Some(picture), None),
                Err(why) => (None, Some(format!("The photo cannot be shown: {why}."))),
            };
            Entry::Photo {
                title,
                lang,
                date: photo.taken_at.as_deref().or(item.day()).map(day_of),
                picture,
                missing,
                caption: capped(&photo.caption, CAPTION_CHARS),
                credit: capped(&photo.credit, LINE_CHARS),
                byline: capped(&photo.byline, LINE_CHARS),
                copyright: capped(&photo.copyright, LINE_CHARS),
            }
        }
    }
}

/// Characters of the title the running header keeps.
const HEADER_CHARS: usize = 90;

/// At most `limit` characters of `text`, ending in `…` when cut.
fn one_line(text: &str, limit: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= limit {
        return text;
    }
    let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `2019-05-04T10:00:00+02:00` → `2019-05-04`.
fn day_of(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

/// typst accepts ISO 639 codes only; anything else is left out rather than failing the export.
fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// `2018-11-02 – 2019-05-04`, one date when all items share it, empty when none has one.
fn date_range(items: &[Item]) -> String {
    let days: Vec<&str> = items.iter().filter_map(Item::day).collect();
    match (days.iter().min(), days.iter().max()) {
        (Some(first), Some(last)) if first == last => (*first).to_string(),
        (Some(first), Some(last)) => format!("{first} – {last}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use typst::layout::{Frame, FrameItem};

    use super::*;

    fn dossier(items: Vec<Entry<'_>>) -> Dossier<'_> {
        Dossier {
            title: "Test",
            header: "Test".into(),
            paper: "a4",
            page: PageGeometry::of(Paper::A4),
            font: fonts::FAMILY,
            exported: Exported {
                day: "2026-01-02".into(),
                year: 2026,
                month: 1,
                date: 2,
                hour: 3,
                minute: 4,
                second: 5,
            },
            date_range: String::new(),
            articles: items.len(),
            photos: 0,
            items,
        }
    }

    fn article<'a>(title: &'a str, lang: &'a str, paragraphs: Vec<&'a str>) -> Entry<'a> {
        Entry::Article {
            title: title.into(),
            lang: Some(lang),
            date: Some("2018-11-02"),
            byline: "".into(),
            site: "".into(),
            url: "".into(),
            paragraphs,
            rest: None,
            figures: Vec::new(),
        }
    }

    /// Every glyph typst placed, with the text it stands for.
    fn glyphs(frame: &Frame, out: &mut Vec<(u16, String)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => glyphs(&group.frame, out),
                FrameItem::Text(text) => {
                    for glyph in &text.glyphs {
                        let source = text.text.get(glyph.range()).unwrap_or_default();
                        out.push((glyph.id, source.to_string()));
                    }
                }
                _ => {}
            }
        }
    }

    /// The 3,755 most common Chinese characters (GB 2312 level 1).
    fn common_chinese() -> String {
        let mut bytes = Vec::new();
        for row in 0xB0u8..=0xD7 {
            for cell in 0xA1u8..=0xFE {
                if !(row == 0xD7 && cell > 0xF9) {
                    bytes.extend_from_slice(&[row, cell]);
                }
            }
        }
        let (text, _, malformed) = encoding_rs::GBK.decode(&bytes);
        assert!(!malformed);
        text.into_owned()
    }

    fn photo(picture: Picture) -> Entry<'static> {
        Entry::Photo {
            title: "Photo".into(),
            lang: None,
            date: None,
            picture: Some(picture),
            missing: None,
            caption: "".into(),
            credit: "".into(),
            byline: "".into(),
            copyright: "".into(),
        }
    }

    /// A JPEG of `width`×`height` with some detail.
    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let pixels: Vec<u8> = (0..usize::from(width) * usize::from(height) * 3)
            .map(|i| (i % 251) as u8)
            .collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 85)
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn photos_are_laid_out_as_stand_ins_and_written_as_the_prepared_jpegs() {
        let (large, small) = (jpeg(3000, 2000), jpeg(300, 200));
        let mut files = Vec::new();
        let mut prepared = HashMap::new();
        let mut entries = Vec::new();
        for (sha, bytes) in [("a".repeat(64), large), ("b".repeat(64), small.clone())] {
            let header = images::read_header(&bytes).unwrap();
            let max_px = pictures::pixel_cap(
                header.ratio(),
                PageGeometry::of(Paper::A4).frame(Role::Photo),
                pictures::PRINT_DPI,
            );
            let picture = Picture {
                path: format!("/img/{sha}.jpg"),
                ratio: header.ratio(),
            };
            let ready = images::prepare(bytes, &header, max_px).unwrap();
            let stand_in = embed::stand_in(&sha, ready.orientation).unwrap();
            files.push((picture.path.clone(), Bytes::new(stand_in)));
            prepared.insert(sha, ready);
            entries.push(photo(picture));
        }
        let document = lay_out(&dossier(entries), files).unwrap();
        let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).unwrap();
        let mut written = Vec::new();
        embed::replace_stand_ins(&pdf, prepared, &mut written).unwrap();

        let written = lopdf::Document::load_mem(&written).unwrap();
        let mut images: Vec<(i64, i64, Vec<u8>)> = written
            .objects
            .values()
            .filter_map(|object| match object {
                lopdf::Object::Stream(s)
                    if s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Image") =>
                {
                    let size = |key: &[u8]| s.dict.get(key).and_then(|o| o.as_i64()).unwrap();
                    Some((size(b"Width"), size(b"Height"), s.content.clone()))
                }
                _ => None,
            })
            .collect();
        images.sort_by_key(|(width, _, _)| *width);
        let sizes: Vec<(i64, i64)> = images.iter().map(|(w, h, _)| (*w, *h)).collect();
        // 3:2 on an A4 photo page: 16.6 cm wide, so 1961 pixels at 300 dpi.
        assert_eq!(sizes, [(300, 200), (1961, 1307)]);
        assert_eq!(images[0].2, small, "the small JPEG byte for byte");
        let large = image::load_from_memory(&images[1].2).unwrap();
        assert_eq!((large.width(), large.height()), (1961, 1307));
    }

    #[test]
    fn a_long_title_is_cut_for_the_running_header() {
        assert_eq!(one_line("Short  title\n", 11), "Short title");
        assert_eq!(one_line("中俄创新对话在莫斯科举行", 6), "中俄创新对…");
    }

    #[test]
    fn every_common_chinese_russian_and_latin_character_gets_a_real_glyph() {
        let chinese = common_chinese();
        assert_eq!(chinese.chars().count(), 3755);
        let russian = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя «»—№";
        let latin: String = ('!'..='~').collect();
        let items = vec![
            article("中文", "zh", vec![chinese.as_str()]),
            article("Русский", "ru", vec![russian]),
            article(
                "Latin",
                "en",
                vec![latin.as_str(), "“Quotes” – dashes … © ½"],
            ),
        ];
        let document = lay_out(&dossier(items), Vec::new()).unwrap();
        let mut placed = Vec::new();
        for page in document.pages() {
            glyphs(&page.frame, &mut placed);
        }
        let missing: String = placed
            .iter()
            .filter(|(id, _)| *id == 0)
            .map(|(_, text)| text.as_str())
            .collect();
        assert!(missing.is_empty(), "shaped as .notdef: {missing}");
        let shown: String = placed.iter().map(|(_, text)| text.as_str()).collect();
        assert!(shown.contains('院') && shown.contains('黄') && shown.contains('Ж'));
    }
}

//! PDF dossiers, laid out by typst used as a library: a cover, a table of contents with page
//! numbers and matching bookmarks, each article with its figures, photo pages, a running header
//! and page numbers (DESIGN §6).
//!
//! The template (`dossier.typ`) is fixed; the items reach it only as JSON data, so no user text
//! is ever parsed as typst markup. Fonts come from the binary, never from the system.

mod fonts;
mod images;
mod world;

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};

use serde::Serialize;
use typst::foundations::{Bytes, Smart};
use typst_layout::PagedDocument;

use crate::archive::Archive;
use crate::blobs::BlobStore;
use crate::error::Error;

use super::records::{Detail, Item};
use super::{ExportRequest, Job, Paper, Stop};

/// The whole dossier as the template reads it from `/dossier.json`.
#[derive(Debug, Serialize)]
struct Dossier<'a> {
    title: &'a str,
    /// The title as the running header shows it: one line.
    header: String,
    paper: &'static str,
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
        title: &'a str,
        lang: Option<&'a str>,
        date: Option<&'a str>,
        byline: &'a str,
        site: &'a str,
        url: &'a str,
        paragraphs: Vec<&'a str>,
        figures: Vec<FigureEntry<'a>>,
    },
    Photo {
        title: &'a str,
        lang: Option<&'a str>,
        date: Option<&'a str>,
        picture: Option<Picture>,
        missing: Option<String>,
        caption: &'a str,
        credit: &'a str,
        byline: &'a str,
        copyright: &'a str,
    },
}

#[derive(Debug, Serialize)]
struct FigureEntry<'a> {
    picture: Option<Picture>,
    caption: &'a str,
    credit: &'a str,
}

/// An image at its virtual path, with its width ÷ height for sizing.
#[derive(Debug, Clone, Serialize)]
struct Picture {
    path: String,
    ratio: f64,
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
    let mut pictures = Pictures::new(archive, request.max_image_px);
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        job.check()?;
        entries.push(entry(item, &mut pictures));
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
    let document = lay_out(&dossier, pictures.into_files())?;
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("Folio".into())),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| layout_error("written as PDF", &errors))?;
    let mut output = output;
    output
        .write_all(&pdf)
        .map_err(|e| Error::Internal(format!("cannot write the PDF: {e}")))?;
    Ok(())
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

fn entry<'a>(item: &'a Item, pictures: &mut Pictures<'_>) -> Entry<'a> {
    let lang = item.language.as_deref().filter(|l| is_language_code(l));
    match &item.detail {
        Detail::Article(article) => Entry::Article {
            title: &item.title,
            lang,
            date: item.day(),
            byline: &article.byline,
            site: &article.site,
            url: &article.url,
            paragraphs: article
                .body_text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect(),
            figures: article
                .figures
                .iter()
                .map(|figure| FigureEntry {
                    picture: figure
                        .photo
                        .as_ref()
                        .and_then(|photo| pictures.get(&photo.sha256).ok()),
                    caption: &figure.caption,
                    credit: &figure.credit,
                })
                .collect(),
        },
        Detail::Photo(photo) => {
            let (picture, missing) = match pictures.get(&item.sha256) {
                Ok(picture) => (Some(picture), None),
                Err(why) => (None, Some(format!("The photo cannot be shown: {why}."))),
            };
            Entry::Photo {
                title: &item.title,
                lang,
                date: photo.taken_at.as_deref().or(item.day()).map(day_of),
                picture,
                missing,
                caption: &photo.caption,
                credit: &photo.credit,
                byline: &photo.byline,
                copyright: &photo.copyright,
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

/// The images of one dossier, each prepared once however often it is shown.
struct Pictures<'a> {
    archive: &'a Archive,
    max_px: Option<u32>,
    prepared: HashMap<String, Result<(Picture, Bytes), String>>,
}

impl<'a> Pictures<'a> {
    fn new(archive: &'a Archive, max_px: Option<u32>) -> Self {
        Self {
            archive,
            max_px,
            prepared: HashMap::new(),
        }
    }

    fn get(&mut self, sha256: &str) -> Result<Picture, String> {
        if !self.prepared.contains_key(sha256) {
            let prepared = self.prepare(sha256);
            self.prepared.insert(sha256.to_string(), prepared);
        }
        match self.prepared.get(sha256) {
            Some(Ok((picture, _))) => Ok(picture.clone()),
            Some(Err(why)) => Err(why.clone()),
            None => Err("it was not prepared".into()),
        }
    }

    fn prepare(&self, sha256: &str) -> Result<(Picture, Bytes), String> {
        let mut bytes = Vec::new();
        self.archive
            .blobs()
            .open(sha256)
            .and_then(|mut file| {
                file.read_to_end(&mut bytes)
                    .map_err(|e| Error::Internal(e.to_string()))
            })
            .map_err(|_| "its original is missing from the archive (run folio verify)")?;
        let prepared = images::prepare(bytes, self.max_px)?;
        let picture = Picture {
            path: format!("/img/{sha256}.jpg"),
            ratio: f64::from(prepared.width) / f64::from(prepared.height.max(1)),
        };
        Ok((picture, Bytes::new(prepared.jpeg)))
    }

    fn into_files(self) -> Vec<(String, Bytes)> {
        self.prepared
            .into_values()
            .filter_map(Result::ok)
            .map(|(picture, bytes)| (picture.path, bytes))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use typst::layout::{Frame, FrameItem};

    use super::*;

    fn dossier(items: Vec<Entry<'_>>) -> Dossier<'_> {
        Dossier {
            title: "Test",
            header: "Test".into(),
            paper: "a4",
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
            title,
            lang: Some(lang),
            date: Some("2018-11-02"),
            byline: "",
            site: "",
            url: "",
            paragraphs,
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

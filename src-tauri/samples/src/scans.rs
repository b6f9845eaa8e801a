//! Scans of known text, for the OCR tests and benchmark: text in English, Chinese or Russian
//! set in the bundled Noto Sans SC, on an A4 page at 150 dpi, turned a few degrees and
//! speckled as a flatbed scanner leaves it; saved as a greyscale JPEG, a colour PNG of a
//! clipping, a JPEG a phone took, or an image-only PDF (one JPEG or Flate-compressed image per
//! page, no text layer).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

/// A4 at 150 dpi.
pub const PAGE_WIDTH: u32 = 1240;
pub const PAGE_HEIGHT: u32 = 1754;
const MARGIN: f32 = 110.0;
const FONT_PX: f32 = 32.0;
const LINE_GAP: f32 = 1.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Chinese,
    Russian,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::Chinese, Language::Russian];

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh",
            Language::Russian => "ru",
        }
    }

    /// The sentences pages are made of.
    fn sentences(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "The Innovation Forum opened in Moscow on Monday with a record number of visitors.",
                "Engineers from twelve countries showed new batteries, quiet electric buses and a heliograph that follows the sun.",
                "The organisers said that the next meeting will be held in Beijing in the autumn.",
                "Tickets for the public day are free, but visitors must register in advance.",
                "A panel of young researchers discussed how small firms can share laboratories.",
                "The mayor thanked the volunteers who guided guests through the halls all week.",
            ],
            Language::Russian => &[
                "Форум инноваций открылся в понедельник в Москве и собрал рекордное число гостей.",
                "Инженеры из двенадцати стран показали новые аккумуляторы, тихие электробусы и гелиограф, который следит за солнцем.",
                "Организаторы сообщили, что следующая встреча состоится осенью в Пекине.",
                "Вход в день открытых дверей бесплатный, но гостей просят зарегистрироваться заранее.",
                "Молодые исследователи обсудили, как небольшие компании могут делить лаборатории.",
                "Мэр поблагодарил волонтеров, которые всю неделю помогали гостям в залах.",
            ],
            Language::Chinese => &[
                "创新论坛星期一在莫斯科开幕，参观人数创下纪录。",
                "来自十二个国家的工程师展示了新型电池、安静的电动公交车和一台追踪太阳的日光仪。",
                "主办方表示，下一次会议将于秋季在北京举行。",
                "公众开放日免费入场，但参观者需要提前登记。",
                "青年研究人员讨论了小企业如何共享实验室。",
                "市长感谢了整个星期为来宾在各个展厅引路的志愿者。",
            ],
        }
    }

    /// A word that only this language's pages hold, to find them by.
    pub fn marker(self) -> &'static str {
        match self {
            Language::English => "heliograph",
            Language::Russian => "гелиограф",
            Language::Chinese => "日光仪",
        }
    }
}

/// The text on page `n` (from 0): the language's sentences from the `n`th on, as paragraphs of
/// two sentences — different pages, every page with every word.
pub fn page_text(language: Language, n: usize) -> String {
    let sentences = language.sentences();
    let ordered: Vec<&str> = (0..sentences.len())
        .map(|i| sentences[(n + i) % sentences.len()])
        .collect();
    let joiner = if language == Language::Chinese {
        ""
    } else {
        " "
    };
    ordered
        .chunks(2)
        .map(|pair| pair.join(joiner))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 8-bit grey pixels, rows top to bottom.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// The bundled font with Latin, Cyrillic and CJK, read from the core's sources.
pub fn font_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fonts/NotoSansSC-Regular.otf");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` (paragraphs separated by `\n`) set on a page, turned by `degrees`, with noise from
/// `seed`: what a scanner gives of a printed page.
pub fn scan(font: &[u8], text: &str, degrees: f32, seed: u64) -> Page {
    let flat = typeset(font, text);
    let turned = rotate(&flat, degrees);
    speckle(turned, seed)
}

fn typeset(font: &[u8], text: &str) -> Page {
    let font = FontRef::try_from_slice(font).expect("the bundled font loads");
    let scaled = font.as_scaled(PxScale::from(FONT_PX));
    let mut page = Page {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        pixels: vec![255; (PAGE_WIDTH * PAGE_HEIGHT) as usize],
    };
    let right = PAGE_WIDTH as f32 - MARGIN;
    let line_height = scaled.height() * LINE_GAP;
    let mut y = MARGIN + scaled.ascent();
    for paragraph in text.split('\n') {
        let mut x = MARGIN;
        for (unit, spaced) in units(paragraph) {
            let width: f32 = unit
                .chars()
                .map(|c| scaled.h_advance(font.glyph_id(c)))
                .sum();
            let space = if spaced && x > MARGIN {
                scaled.h_advance(font.glyph_id(' '))
            } else {
                0.0
            };
            if x + space + width > right && x > MARGIN {
                x = MARGIN;
                y += line_height;
            } else {
                x += space;
            }
            for c in unit.chars() {
                let glyph = font
                    .glyph_id(c)
                    .with_scale_and_position(FONT_PX, ab_glyph::point(x, y));
                x += scaled.h_advance(glyph.id);
                if let Some(outline) = font.outline_glyph(glyph) {
                    let bounds = outline.px_bounds();
                    outline.draw(|gx, gy, coverage| {
                        let px = bounds.min.x as i64 + i64::from(gx);
                        let py = bounds.min.y as i64 + i64::from(gy);
                        if (0..i64::from(page.width)).contains(&px)
                            && (0..i64::from(page.height)).contains(&py)
                        {
                            let at = (py as usize) * page.width as usize + px as usize;
                            let ink = (coverage.clamp(0.0, 1.0) * 235.0) as u8;
                            page.pixels[at] = page.pixels[at].saturating_sub(ink);
                        }
                    });
                }
            }
        }
        y += line_height * 1.6;
    }
    page
}

/// What a line may break between: words of Latin or Cyrillic text (with whether a space went
/// before), single Chinese characters (a closing mark stays with the character before it).
fn units(paragraph: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut spaced = false;
    let mut word = String::new();
    for c in paragraph.chars() {
        if c.is_whitespace() {
            if !word.is_empty() {
                out.push((std::mem::take(&mut word), spaced));
            }
            spaced = true;
        } else if is_cjk(c) {
            if !word.is_empty() {
                out.push((std::mem::take(&mut word), spaced));
                spaced = false;
            }
            if matches!(c, '，' | '。' | '、' | '：' | '；')
                && let Some(last) = out.last_mut()
            {
                last.0.push(c);
                continue;
            }
            out.push((c.to_string(), spaced));
            spaced = false;
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push((word, spaced));
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

/// Turned about the centre with bilinear sampling; what comes in from outside is white.
fn rotate(page: &Page, degrees: f32) -> Page {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (w, h) = (page.width as f32, page.height as f32);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let at = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= i64::from(page.width) || y >= i64::from(page.height) {
            255.0
        } else {
            f32::from(page.pixels[y as usize * page.width as usize + x as usize])
        }
    };
    let mut pixels = Vec::with_capacity(page.pixels.len());
    for y in 0..page.height {
        for x in 0..page.width {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let sx = cos * dx + sin * dy + cx;
            let sy = -sin * dx + cos * dy + cy;
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            pixels.push((top * (1.0 - fy) + bottom * fy).round() as u8);
        }
    }
    Page {
        width: page.width,
        height: page.height,
        pixels,
    }
}

/// Grain over every pixel, a faint grey cast, and dark specks of dust.
fn speckle(mut page: Page, seed: u64) -> Page {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for pixel in &mut page.pixels {
        let grain = (next() % 41) as i32 - 20;
        *pixel = (i32::from(*pixel) - 12 + grain).clamp(0, 255) as u8;
    }
    let specks = page.pixels.len() / 2000;
    for _ in 0..specks {
        let at = (next() % page.pixels.len() as u64) as usize;
        page.pixels[at] = (next() % 90) as u8;
    }
    page
}

/// The page as a greyscale JPEG.
pub fn jpeg(page: &Page) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85)
        .encode(
            &page.pixels,
            page.width as u16,
            page.height as u16,
            jpeg_encoder::ColorType::Luma,
        )
        .unwrap();
    out
}

/// The page photographed with a phone rather than scanned: the same JPEG signed by the camera
/// that took it (EXIF make and model), which keeps it a photo with text in it.
pub fn phone_jpeg(page: &Page) -> Vec<u8> {
    use crate::photos::{app1_exif, ascii, exif_tiff, with_segments};
    let exif = exif_tiff(&[
        ascii(exif::Tag::Make, "Apple"),
        ascii(exif::Tag::Model, "iPhone 13"),
    ]);
    with_segments(&jpeg(page), &[app1_exif(&exif)])
}

/// The page as a colour PNG, on the warm, slightly yellow paper of a newspaper clipping.
pub fn clipping_png(page: &Page) -> Vec<u8> {
    let mut picture = image::RgbImage::new(page.width, page.height);
    for (pixel, &tone) in picture.pixels_mut().zip(&page.pixels) {
        let tone = u32::from(tone);
        *pixel = image::Rgb([
            (tone * 246 / 255) as u8,
            (tone * 238 / 255) as u8,
            (tone * 214 / 255) as u8,
        ]);
    }
    crate::scenes::to_png(&picture)
}

/// How a page's image is stored in a PDF.
#[derive(Debug, Clone)]
pub enum PdfImage {
    /// JPEG bytes (DCTDecode), as scanners save them.
    Jpeg(Vec<u8>),
    /// The grey samples, Flate-compressed.
    Flate(Page),
}

/// An image-only PDF: one A4 page per image, drawn over the whole page; no text layer.
pub fn image_pdf(images: &[PdfImage]) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for image in images {
        let (filter, bytes) = match image {
            PdfImage::Jpeg(jpeg) => ("DCTDecode", jpeg.clone()),
            PdfImage::Flate(page) => {
                let mut deflater =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
                deflater.write_all(&page.pixels).unwrap();
                ("FlateDecode", deflater.finish().unwrap())
            }
        };
        let mut image_stream = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image",
                "Width" => PAGE_WIDTH as i64, "Height" => PAGE_HEIGHT as i64,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => filter,
            },
            bytes,
        );
        image_stream.allows_compression = false;
        let image_id = doc.add_object(image_stream);
        let content = b"q 595 0 0 842 0 0 cm /Scan Do Q".to_vec();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "XObject" => dictionary! { "Scan" => image_id } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

//! One generated item in the form an import records it (the bundle form the journal's `import`
//! action carries): an article with its text, site, byline and sometimes a figure, or a photo
//! record with caption, credit, keywords, camera, size and date. A photo's original is not
//! written: nothing listed, searched or tagged reads it. Also the tags and collections that make
//! the tag and collection views of a lived-in library.

use chrono::{Duration, NaiveDate};
use folio_core::bundle::format::{BundleArticle, BundleFigure, BundleItem, BundlePhoto, Gps};
use sha2::{Digest, Sha256};

use crate::corpus::{Dice, LANGUAGES, Sentences};

/// How many articles and photos the archive holds.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub articles: u64,
    pub photos: u64,
}

impl Layout {
    pub fn total(&self) -> u64 {
        self.articles + self.photos
    }

    /// Whether item `n` (from 0) is a photo: photos are spread evenly among the articles, as
    /// imports of mixed folders leave them.
    pub fn is_photo(&self, n: u64) -> bool {
        let total = self.total();
        (n + 1) * self.photos / total > n * self.photos / total
    }

    /// A size given for a million items, scaled to this archive (at least one).
    fn scaled(&self, size: u64) -> u64 {
        (size * self.total() / 1_000_000).max(1)
    }
}

// What each roll of the dice is for, so changing one kind of field leaves the others alone.
const UID: u64 = 1;
const ARTICLE: u64 = 2;
const PHOTO: u64 = 3;
const TAGS: u64 = 4;
const COLLECTION: u64 = 100;

const TOPICS: [&str; 8] = [
    "Economy",
    "Politics",
    "Culture",
    "Science",
    "Sport",
    "Environment",
    "Transport",
    "Health",
];
const TOPIC_WEIGHTS: [u64; 8] = [30, 20, 15, 10, 8, 7, 6, 4];
const PLACES: [&str; 30] = [
    "Beijing",
    "Shanghai",
    "Moscow",
    "Guangzhou",
    "Shenzhen",
    "Chengdu",
    "Wuhan",
    "Xi'an",
    "Kazan",
    "Novosibirsk",
    "Vladivostok",
    "Harbin",
    "Urumqi",
    "Lhasa",
    "Kunming",
    "Hangzhou",
    "Nanjing",
    "Tianjin",
    "Chongqing",
    "Qingdao",
    "Dalian",
    "Xiamen",
    "Sochi",
    "Irkutsk",
    "Yekaterinburg",
    "Samara",
    "Omsk",
    "Hainan",
    "Yunnan",
    "Sichuan",
];
/// Small tags: each carried by some 40 items of a million.
const PROJECTS: u64 = 2000;

/// The collections, by the size they have in a million items; from a large standing selection
/// down to a story's handful.
pub const COLLECTIONS: [(&str, u64); 24] = [
    ("Archive highlights", 50_000),
    ("Press kit: trade and energy", 20_000),
    ("Yangtze floods", 10_000),
    ("Winter sports", 5_000),
    ("Belt and Road forum", 5_000),
    ("Museum night", 2_000),
    ("Harbin ice festival", 2_000),
    ("Panda base", 1_000),
    ("Baikal expedition", 1_000),
    ("Spring harvest", 500),
    ("Railway openings", 500),
    ("Space launches", 500),
    ("Volga river towns", 200),
    ("Tea country", 200),
    ("Silk Road exhibition", 200),
    ("Border crossings", 100),
    ("Airport openings", 100),
    ("Old Beijing", 100),
    ("Kazan marathon", 50),
    ("Portraits", 50),
    ("Front pages", 50),
    ("To print", 20),
    ("Cover candidates", 20),
    ("Sources to check", 20),
];

const NAMES_EN: [&str; 10] = [
    "Zhang", "Wang", "Li", "Liu", "Chen", "Ivanov", "Petrov", "Smirnov", "Volkov", "Sokolov",
];
const NAMES_ZH: [&str; 10] = [
    "王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛", "周杰", "吴昊",
];
const NAMES_RU: [&str; 10] = [
    "Иванов",
    "Петров",
    "Смирнов",
    "Волков",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
];
const CAMERAS: [&str; 4] = [
    "Canon EOS 5D Mark IV",
    "NIKON D850",
    "SONY ILCE-7RM3",
    "FUJIFILM X-T4",
];
const FRAMES: [(u32, u32); 4] = [(6000, 4000), (4000, 6000), (5472, 3648), (4000, 3000)];

fn names(code: &str) -> &'static [&'static str] {
    match code {
        "zh" => &NAMES_ZH,
        "ru" => &NAMES_RU,
        _ => &NAMES_EN,
    }
}

/// Where articles in a language come from: (site name, host).
fn sites(code: &str) -> &'static [(&'static str, &'static str)] {
    match code {
        "zh" => &[
            ("新华网", "xinhuanet.example"),
            ("人民网", "people.example"),
            ("中国日报", "chinadaily.example"),
        ],
        "ru" => &[
            ("ТАСС", "tass.example"),
            ("РИА Новости", "ria.example"),
            ("Российская газета", "rg.example"),
        ],
        _ => &[
            ("China Daily", "chinadaily.example"),
            ("Xinhua", "xinhuanet.example"),
            ("example.gov.cn", "example.gov.cn"),
            ("Global Times", "globaltimes.example"),
        ],
    }
}

fn photo_credits(code: &str) -> &'static [&'static str] {
    match code {
        "zh" => &["新华社", "中国日报", "example.gov.cn"],
        "ru" => &["ТАСС", "РИА Новости", "example.gov.cn"],
        _ => &["Xinhua", "China Daily", "example.gov.cn", "AP", "Reuters"],
    }
}

/// A stable uid for item `n`, shaped like the version-4 UUIDs the import gives.
pub fn uid(n: u64) -> String {
    let mut dice = Dice::for_item(UID, n);
    let (a, b) = (dice.next(), dice.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

/// The uid of collection `c` of [`COLLECTIONS`].
pub fn collection_uid(c: usize) -> String {
    uid(u64::MAX - c as u64)
}

/// Item `n` as its import recorded it, imported at `imported_at`.
pub fn item(text: &Sentences, layout: &Layout, n: u64, imported_at: &str) -> BundleItem {
    let mut item = if layout.is_photo(n) {
        photo(text, n)
    } else {
        article(text, layout, n)
    };
    item.uid = uid(n);
    item.imported_at = imported_at.to_owned();
    item.modified_at = imported_at.to_owned();
    item.tags = tags(n);
    item
}

/// The collections (indexes into [`COLLECTIONS`]) item `n` was imported into.
pub fn collections_of(layout: &Layout, n: u64) -> impl Iterator<Item = usize> {
    let layout = *layout;
    (0..COLLECTIONS.len()).filter(move |&c| {
        let size = layout.scaled(COLLECTIONS[c].1);
        Dice::for_item(COLLECTION + c as u64, n).next() % layout.total() < size
    })
}

/// Some 64 % of items have tags: a topic (a few large tags), a place (medium), a project (tags of
/// a few dozen items) or "To check".
fn tags(n: u64) -> Vec<String> {
    let mut dice = Dice::for_item(TAGS, n);
    let mut tags = Vec::new();
    if dice.chance(45) {
        tags.push(format!("Topics/{}", TOPICS[dice.weighted(&TOPIC_WEIGHTS)]));
    }
    if dice.chance(25) {
        tags.push(format!("Places/{}", dice.pick(&PLACES)));
    }
    if dice.chance(8) {
        tags.push(format!("Projects/P-{:04}", dice.between(1, PROJECTS)));
    }
    if dice.chance(5) {
        tags.push("To check".to_owned());
    }
    tags
}

fn language(dice: &mut Dice) -> &'static str {
    let weights: Vec<u64> = LANGUAGES.iter().map(|(_, w)| *w).collect();
    LANGUAGES[dice.weighted(&weights)].0
}

/// A day between 2012 and 2024, as the generator's dates run.
fn day(dice: &mut Dice) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default();
    first + Duration::days(dice.between(0, 4499) as i64)
}

fn article(text: &Sentences, layout: &Layout, n: u64) -> BundleItem {
    let mut dice = Dice::for_item(ARTICLE, n);
    let code = language(&mut dice);
    let chinese = code == "zh";
    let words = text.language(code);
    let title = words.headline(&mut dice, code);
    let date = (!dice.chance(3)).then(|| day(&mut dice));
    let paragraphs: Vec<String> = (0..dice.between(3, 8))
        .map(|_| {
            let count = dice.between(2, 5);
            words.sentences(&mut dice, count, chinese)
        })
        .collect();
    let body_text = paragraphs.join("\n");
    let body_html: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape_html(p)))
        .collect();
    let (site, host) = if dice.chance(70) {
        *dice.pick(sites(code))
    } else {
        ("", "")
    };
    let byline = if dice.chance(50) {
        dice.pick(names(code)).to_string()
    } else {
        String::new()
    };
    let url = match (host, date) {
        ("", _) => String::new(),
        (host, Some(date)) => format!("https://{host}/news/{date}/a{n:07}.html"),
        (host, None) => format!("https://{host}/news/a{n:07}.html"),
    };
    let figures = if dice.chance(50) {
        let caption = words.sentences(&mut dice, 1, chinese);
        let credit = dice.pick(&words.credits).clone();
        // A fifth of the figures were linked to a photo of the archive.
        let photo_uid = dice
            .chance(20)
            .then(|| (n.saturating_sub(8)..n).rev().find(|&p| layout.is_photo(p)))
            .flatten()
            .map(uid);
        vec![BundleFigure {
            position: 0,
            caption,
            credit,
            image_ref: format!("img/{n:07}.jpg"),
            photo_uid,
        }]
    } else {
        Vec::new()
    };
    let excerpt: String = body_text.chars().take(150).collect();
    let sha256 = hex(&Sha256::digest(format!("{n}\n{title}\n{body_html}")));
    let size = body_html.len() as u64 + 900;
    BundleItem {
        uid: String::new(),
        kind: "article".into(),
        title,
        date: date.map(|d| d.to_string()),
        date_precision: date.map(|_| "day".into()),
        language: Some(code.into()),
        source_name: format!("a{n:07}.html"),
        source_path: format!("articles/html/{:03}/a{n:07}.html", n / 1000),
        imported_at: String::new(),
        modified_at: String::new(),
        notes: String::new(),
        tags: Vec::new(),
        rating: 0,
        label: None,
        sha256,
        size,
        media_type: "text/html".into(),
        path: String::new(),
        captioned_path: None,
        rendition_path: None,
        thumbnail: None,
        article: Some(BundleArticle {
            byline,
            site: site.into(),
            url,
            excerpt,
            body_text,
            body_html,
            figures,
        }),
        photo: None,
    }
}

fn photo(text: &Sentences, n: u64) -> BundleItem {
    let mut dice = Dice::for_item(PHOTO, n);
    let code = language(&mut dice);
    let chinese = code == "zh";
    let words = text.language(code);
    let count = dice.between(1, 3);
    let caption = words.sentences(&mut dice, count, chinese);
    let credit = dice.pick(photo_credits(code)).to_string();
    let byline = dice.pick(names(code)).to_string();
    let keywords: Vec<String> = (0..dice.between(3, 6))
        .map(|_| words.headline(&mut dice, code))
        .map(|headline| {
            if chinese {
                headline.chars().take(2).collect()
            } else {
                headline.split(' ').next().unwrap_or_default().to_owned()
            }
        })
        .collect();
    let taken = (!dice.chance(5)).then(|| {
        let time = dice.between(0, 86_399);
        format!(
            "{}T{:02}:{:02}:{:02}",
            day(&mut dice),
            time / 3600,
            time / 60 % 60,
            time % 60
        )
    });
    let (width, height) = *dice.pick(&FRAMES);
    let gps = dice.chance(20).then(|| Gps {
        lat: 20.0 + dice.between(0, 3_000_000) as f64 / 100_000.0,
        lon: 75.0 + dice.between(0, 6_000_000) as f64 / 100_000.0,
    });
    let copyright = if dice.chance(30) {
        format!("© {credit}")
    } else {
        String::new()
    };
    // Most camera files carry no headline, and the import titles them by their file name.
    let title = if dice.chance(30) {
        words.headline(&mut dice, code)
    } else {
        format!("IMG_{n:07}")
    };
    let year = taken.as_deref().map_or("undated", |t| &t[..4]).to_owned();
    BundleItem {
        uid: String::new(),
        kind: "photo".into(),
        title,
        date: taken.clone(),
        date_precision: taken.as_ref().map(|_| "instant".into()),
        language: None,
        source_name: format!("IMG_{n:07}.jpg"),
        source_path: format!("photos/{year}/IMG_{n:07}.jpg"),
        imported_at: String::new(),
        modified_at: String::new(),
        notes: String::new(),
        tags: Vec::new(),
        rating: 0,
        label: None,
        sha256: hex(&Sha256::digest(format!("photo {n}"))),
        size: dice.between(1_500_000, 9_000_000),
        media_type: "image/jpeg".into(),
        path: String::new(),
        captioned_path: None,
        rendition_path: None,
        thumbnail: None,
        article: None,
        photo: Some(BundlePhoto {
            width: Some(width),
            height: Some(height),
            caption,
            credit,
            byline,
            copyright,
            keywords,
            camera: CAMERAS[(n % CAMERAS.len() as u64) as usize].into(),
            gps,
            taken_at: taken,
        }),
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
